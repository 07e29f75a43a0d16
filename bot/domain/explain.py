"""Turns an evaluation's reason codes and numbers into sentences in the user's language."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from babel.dates import format_date

from bot.domain.countries import country_name
from bot.domain.results import Advisory, Detail, Evaluation, RuleResult, Status
from knowledge.schema import LocaleBundle, Market, RuleSet

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
    """A value as the user reads it: dates formatted, codes given their names and labels."""
    if isinstance(value, dt.date):
        return format_day(value, locale)
    if isinstance(value, int):
        return value
    if key == "country":
        return country_name(value, locale)
    if key == "alternatives":
        names = sorted(country_name(code, locale) for code in value.split(",") if code)
        return locale.ui["list_separator"].join(names) if names else locale.ui["no_alternatives"]
    return locale.ui.get(f"{key}.{value}", value)


def fill(template: str, details: Mapping[str, Detail], locale: LocaleBundle) -> str:
    """Fill a message template in the user's language."""
    return template.format(**{key: shown(key, val, locale) for key, val in details.items()})


class Explainer:
    """Renders evaluations against one rule set in one language."""

    def __init__(
        self, ruleset: RuleSet, locale: LocaleBundle, markets: Mapping[str, Market] | None = None
    ) -> None:
        self.ruleset = ruleset
        self.locale = locale
        self.markets: Mapping[str, Market] = markets or {}

    def why(self, rule_id: str, on: dt.date) -> str:
        """Why a requirement matters, quoting the rule's own parameters and start date."""
        template = self.locale.requirements[rule_id].why
        if rule_id.startswith("dest."):
            return template
        spec = self.ruleset.rule_in_force(rule_id, on) or self.ruleset.latest(rule_id)
        values: dict[str, Detail] = {
            k: v for k, v in spec.params.items() if isinstance(v, int | str)
        }
        values["effective_from"] = spec.effective_from
        return fill(template, values, self.locale)

    def _rule_data(
        self, result: RuleResult, on: dt.date
    ) -> tuple[dict[str, Detail], list[str], str | None]:
        """Parameters the texts may quote, the sources, and a country's note on the rule."""
        if not result.rule_id.startswith("dest."):
            spec = self.ruleset.rule_in_force(result.rule_id, on) or self.ruleset.latest(
                result.rule_id
            )
            # Texts may quote the rule's own parameters, so words and rules read the same numbers.
            params: dict[str, Detail] = {
                k: v for k, v in spec.params.items() if isinstance(v, int | str)
            }
            return params, [str(url) for url in spec.sources], None
        market = self.markets.get(str(result.details.get("country", "")))
        facts = [r for r in market.rules if r.id == result.rule_id] if market else []
        # Where a country has several limits of one kind, cite the one the result quotes.
        for key in ("max_years", "min_year", "min_euro"):
            if key in result.details:
                cited = [r for r in facts if getattr(r, key, None) == result.details[key]]
                facts = cited or facts
        sources = list(dict.fromkeys(str(url) for r in facts for url in r.sources))
        notes = [r.note.get(self.locale.lang) for r in facts if r.note is not None]
        return {}, sources, " ".join(notes) or None

    def requirement(self, result: RuleResult, on: dt.date) -> dict[str, Any]:
        """One requirement as DESIGN 3.2 lists it."""
        text = self.locale.requirements[result.rule_id]
        if result.reason == "not_in_force":
            template = self.locale.ui["reason_not_in_force"]
        else:
            template = text.reasons[result.reason]
        remedy = text.remedies.get(result.reason)
        params, sources, note = self._rule_data(result, on)
        values: dict[str, Detail] = {**params, **result.details}
        message = fill(template, values, self.locale)
        if note and result.status in (Status.FAIL, Status.UNKNOWN):
            message = f"{message} {note}"
        return {
            "id": result.rule_id,
            "status": result.status.value,
            "reason": result.reason,
            "message": message,
            "remedy": fill(remedy, values, self.locale) if remedy else None,
            "sources": sources,
        }

    def advisory(self, adv: Advisory) -> dict[str, Any]:
        """One advisory: China-side text from the locale, a country's own from its market file."""
        country = str(adv.details.get("country", ""))
        market = self.markets.get(country)
        listed = market.advisories if market else ()
        own = next((a for a in listed if a.id == adv.advisory_id), None)
        if own is not None:
            message, sources = own.text.get(self.locale.lang), [str(u) for u in own.sources]
        else:
            template = self.locale.advisories[adv.advisory_id]
            message = fill(template, adv.details, self.locale)
            spec = self.ruleset.advisory_or_none(adv.advisory_id)
            sources = [str(u) for u in spec.sources] if spec else []
        return {"id": adv.advisory_id, "message": message, "sources": sources}

    def as_json(self, evaluation: Evaluation, application_date: dt.date) -> dict[str, Any]:
        """The `check --json` document, exactly the fields of DESIGN 3.2."""
        return {
            "verdict": evaluation.verdict.value,
            "eligible_from": _iso(evaluation.eligible_from),
            "days_since_registration": evaluation.days_since_registration,
            "requirements": [
                self.requirement(result, application_date) for result in evaluation.results
            ],
            "advisories": [self.advisory(adv) for adv in evaluation.advisories],
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
