"""Turns an evaluation's reason codes and numbers into sentences in the user's language."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from babel.dates import format_date

from bot.domain.results import Detail, Evaluation, RuleResult, Status
from knowledge.schema import LocaleBundle, RuleSet

MARKS = {
    Status.PASS: "✅",
    Status.FAIL: "❌",
    Status.UNKNOWN: "❔",
    Status.NOT_APPLICABLE: "➖",
}


def format_day(day: dt.date, locale: LocaleBundle) -> str:
    """A date as people of this language write it."""
    return str(format_date(day, format="long", locale=locale.babel_locale))


def shown(key: str, value: Detail, locale: LocaleBundle) -> str | int:
    """A value as the user reads it: dates formatted, codes such as `bev` given their label."""
    if isinstance(value, dt.date):
        return format_day(value, locale)
    if isinstance(value, str):
        return locale.ui.get(f"{key}.{value}", value)
    return value


def fill(template: str, details: Mapping[str, Detail], locale: LocaleBundle) -> str:
    """Fill a message template in the user's language."""
    return template.format(**{key: shown(key, val, locale) for key, val in details.items()})


class Explainer:
    """Renders evaluations against one rule set in one language."""

    def __init__(self, ruleset: RuleSet, locale: LocaleBundle) -> None:
        self.ruleset = ruleset
        self.locale = locale

    def requirement(self, result: RuleResult, on: dt.date) -> dict[str, Any]:
        """One requirement as DESIGN 3.2 lists it."""
        text = self.locale.requirements[result.rule_id]
        if result.reason == "not_in_force":
            template = self.locale.ui["reason_not_in_force"]
        else:
            template = text.reasons[result.reason]
        remedy = text.remedies.get(result.reason)
        spec = self.ruleset.rule_in_force(result.rule_id, on) or self.ruleset.latest(result.rule_id)
        # Texts may quote the rule's own parameters, so words and rules read the same numbers.
        values: dict[str, Detail] = {
            k: v for k, v in spec.params.items() if isinstance(v, int | str)
        }
        values.update(result.details)
        return {
            "id": result.rule_id,
            "status": result.status.value,
            "reason": result.reason,
            "message": fill(template, values, self.locale),
            "remedy": fill(remedy, values, self.locale) if remedy else None,
            "sources": [str(url) for url in spec.sources],
        }

    def as_json(self, evaluation: Evaluation, application_date: dt.date) -> dict[str, Any]:
        """The `check --json` document, exactly the fields of DESIGN 3.2."""
        return {
            "verdict": evaluation.verdict.value,
            "eligible_from": _iso(evaluation.eligible_from),
            "days_since_registration": evaluation.days_since_registration,
            "requirements": [
                self.requirement(result, application_date) for result in evaluation.results
            ],
            "advisories": [
                {
                    "id": adv.advisory_id,
                    "message": fill(
                        self.locale.advisories[adv.advisory_id], adv.details, self.locale
                    ),
                    "sources": [str(u) for u in self.ruleset.advisory(adv.advisory_id).sources],
                }
                for adv in evaluation.advisories
            ],
            "ruleset": evaluation.ruleset,
            "evaluated_on": evaluation.evaluated_on.isoformat(),
        }

    def as_text(self, evaluation: Evaluation, application_date: dt.date) -> str:
        """A readable checklist: verdict, one line per requirement, remedies, advisories."""
        ui = self.locale.ui
        doc = self.as_json(evaluation, application_date)
        lines = [f"{ui['verdict_label']}: {self.locale.verdicts[evaluation.verdict.value]}"]
        if evaluation.eligible_from is not None:
            day = format_day(evaluation.eligible_from, self.locale)
            lines.append(f"{ui['eligible_from_label']}: {day}")
        lines.append("")
        for result, item in zip(evaluation.results, doc["requirements"], strict=True):
            title = self.locale.requirements[result.rule_id].title
            lines.append(f"{MARKS[result.status]} {title}: {item['message']}")
            if item["remedy"] and result.status in (Status.FAIL, Status.UNKNOWN):
                lines.append(f"   → {item['remedy']}")
        if doc["advisories"]:
            lines.extend(["", f"{ui['advisories_label']}:"])
            lines.extend(f"• {adv['message']}" for adv in doc["advisories"])
        reviewed = format_day(self.ruleset.reviewed_on, self.locale)
        lines.extend(["", ui["disclaimer"].format(ruleset=evaluation.ruleset, reviewed=reviewed)])
        return "\n".join(lines)


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None
