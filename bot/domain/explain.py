"""Turns an evaluation's reason codes and numbers into sentences in the user's language."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from bot.domain.citations import Citation, Citations, cite_line
from bot.domain.countries import country_name
from bot.domain.formatting import format_day, format_month, format_number, format_text
from bot.domain.results import Advisory, Alternatives, Detail, Evaluation, RuleResult, Status
from bot.domain.rules_dest import LAPSED_ADVISORY
from knowledge.lint import placeholders
from knowledge.schema import (
    Cited,
    LocaleBundle,
    Market,
    MarketAdvisory,
    MarketFact,
    RuleSet,
    SourceRegistry,
)

MARKS = {
    Status.PASS: "✅",
    Status.FAIL: "❌",
    Status.UNKNOWN: "❔",
    Status.NOT_APPLICABLE: "➖",
}
OPEN_SHOWN = 5  # markets with open points named in a remedy; fewest open points first
_RULE_FIELDS = ("max_years", "min_year", "min_euro", "personal_import_min")


def shown(key: str, value: Detail, locale: LocaleBundle) -> str | int:
    """A value as the user reads it: dates formatted, codes given their names and labels."""
    if isinstance(value, dt.date):
        return format_day(value, locale)
    if isinstance(value, int):
        return value
    if key == "country":
        return country_name(value, locale)
    return locale.ui.get(f"{key}.{value}", value)


def fill(template: str, details: Mapping[str, Detail], locale: LocaleBundle) -> str:
    """Fill a message template in the user's language."""
    return format_text(
        template, locale, {key: shown(key, val, locale) for key, val in details.items()}
    )


def fact_values(fact: MarketFact, locale: LocaleBundle) -> dict[str, str]:
    """What a market fact's own text may quote: its params, limits and conditions, formatted."""
    values: dict[str, str] = {}
    for key, value in fact.params.items():
        if isinstance(value, int | float) and not isinstance(value, bool):
            values[key] = format_number(value, locale)
        elif isinstance(value, str):
            values[key] = value
    for key in _RULE_FIELDS:
        found = getattr(fact, key, None)
        if isinstance(found, int):
            values[key] = str(found)
    if isinstance(fact, MarketAdvisory):
        if fact.when.engine_power_hp_above is not None:
            values["hp_above"] = str(fact.when.engine_power_hp_above)
        if fact.when.engine_power_hp_at_most is not None:
            values["hp_at_most"] = str(fact.when.engine_power_hp_at_most)
    return values


def fact_text(fact: MarketFact, locale: LocaleBundle) -> str | None:
    """A market fact's note or text in the user's language, its numbers filled in."""
    template = fact.text if isinstance(fact, MarketAdvisory) else fact.note
    if template is None:
        return None
    return template.get(locale.lang).format(**fact_values(fact, locale))


def text_fields(template: str) -> frozenset[str]:
    """The {names} a template expects."""
    return placeholders(template)


class Explainer:
    """Renders evaluations against one rule set in one language."""

    def __init__(
        self,
        ruleset: RuleSet,
        locale: LocaleBundle,
        markets: Mapping[str, Market] | None = None,
        sources: SourceRegistry | None = None,
    ) -> None:
        self.ruleset = ruleset
        self.locale = locale
        self.markets: Mapping[str, Market] = markets or {}
        self.citations = Citations(sources or SourceRegistry(documents=(), pages=()))

    def why(self, rule_id: str, on: dt.date) -> str:
        """Why a requirement matters, quoting the rule's own parameters and start date."""
        template = self.locale.requirements[rule_id].why
        if rule_id.startswith("dest."):
            return template
        spec = self.ruleset.rule_in_force(rule_id, on) or self.ruleset.latest(rule_id)
        values: dict[str, Detail] = {
            k: v for k, v in spec.params.items() if isinstance(v, int | str)
        }
        values["effective_from"] = spec.valid_from
        return fill(template, values, self.locale)

    def _market_facts(self, result: RuleResult) -> list[MarketFact]:
        """The market facts a destination result rests on (the one it quotes, if several)."""
        market = self.markets.get(str(result.details.get("country", "")))
        facts: list[MarketFact] = (
            [r for r in market.rules if r.id == result.rule_id] if market else []
        )
        for key in _RULE_FIELDS:
            if key in result.details:
                cited = [r for r in facts if getattr(r, key, None) == result.details[key]]
                facts = cited or facts
        return facts

    def _grounds(self, result: RuleResult, on: dt.date) -> tuple[dict[str, Detail], list[Cited]]:
        """Parameters the texts may quote, and the facts (with sources) behind a result."""
        if not result.rule_id.startswith("dest."):
            spec = self.ruleset.rule_in_force(result.rule_id, on) or self.ruleset.latest(
                result.rule_id
            )
            # Texts may quote the rule's own parameters, so words and rules read the same numbers.
            params: dict[str, Detail] = {
                k: v for k, v in spec.params.items() if isinstance(v, int | str)
            }
            return params, [spec]
        return {}, list(self._market_facts(result))

    def requirement(
        self, result: RuleResult, on: dt.date, alternatives: Alternatives | None = None
    ) -> dict[str, Any]:
        """One requirement as DESIGN 3.2 lists it, with the age and grade of the facts behind it."""
        text = self.locale.requirements[result.rule_id]
        if result.reason == "not_in_force":
            template = self.locale.ui["reason_not_in_force"]
        elif result.reason == "lapsed":
            template = self.locale.ui["reason_lapsed"]
        else:
            template = text.reasons[result.reason]
        remedy = (
            self.locale.ui["remedy_lapsed"]
            if result.reason == "lapsed"
            else text.remedies.get(result.reason)
        )
        params, grounds = self._grounds(result, on)
        values: dict[str, Detail] = {**params, **result.details}
        message = fill(template, values, self.locale)
        notes = [fact_text(f, self.locale) for f in grounds if isinstance(f, MarketFact)]
        note = " ".join(n for n in notes if n)
        if note and result.status in (Status.FAIL, Status.UNKNOWN):
            message = f"{message} {note}"
        if remedy and "alternatives" in text_fields(remedy):
            values["alternatives"] = self.alternatives_text(alternatives)
        return {
            "id": result.rule_id,
            "status": result.status.value,
            "reason": result.reason,
            "message": message,
            "remedy": fill(remedy, values, self.locale) if remedy else None,
            **self._provenance(grounds),
        }

    def _provenance(self, grounds: list[Cited]) -> dict[str, Any]:
        """Sources, citations, grade and the day the facts were last re-checked."""
        citations: list[Citation] = []
        for fact in grounds:
            citations.extend(c for c in self.citations.of(fact) if c not in citations)
        checked = min((f.checked_on for f in grounds), default=None)
        grades = sorted({f.confidence for f in grounds})
        return {
            "sources": list(dict.fromkeys(str(u) for f in grounds for u in f.sources)),
            "citations": [c.as_json() for c in citations],
            "confidence": grades[-1] if grades else None,
            "checked_on": checked.isoformat() if checked else None,
            "_citations": citations,
        }

    def alternatives_text(self, alternatives: Alternatives | None) -> str:
        """Markets where every check passes, then those with nothing against but open points."""
        ui, sep = self.locale.ui, self.locale.ui["list_separator"]
        if alternatives is None or not (alternatives.passing or alternatives.open):
            return ui["no_alternatives"]
        parts = []
        if alternatives.passing:
            names = sorted(country_name(c, self.locale) for c in alternatives.passing)
            parts.append(ui["alternatives_passing"].format(markets=sep.join(names)))
        if alternatives.open:
            shown_open = [
                ui["alternative_open"].format(
                    market=country_name(code, self.locale),
                    open=sep.join(ui[f"short.{rid}"] for rid in kinds),
                )
                for code, kinds in alternatives.open[:OPEN_SHOWN]
            ]
            more = len(alternatives.open) - OPEN_SHOWN
            if more > 0:
                shown_open.append(ui["alternatives_more"].format(count=more))
            parts.append(ui["alternatives_open"].format(markets="; ".join(shown_open)))
        return " ".join(parts)

    def _lapsed(self, adv: Advisory) -> tuple[str, list[Cited]]:
        """What a fact past its validity said, until when, and that it is not confirmed since."""
        fact_id = str(adv.details.get("fact", ""))
        country = str(adv.details.get("country", ""))
        market = self.markets.get(country)
        facts: list[Cited]
        what: str | None
        if market is not None:
            found = [f for f in market.facts() if f.id == fact_id]
            facts = list(found)
            what = " ".join(t for f in found if (t := fact_text(f, self.locale))) or None
            if what is None:
                what = self.locale.requirements[fact_id].title
        elif fact_id in self.ruleset.rule_ids():
            facts = [self.ruleset.latest(fact_id)]
            what = self.locale.requirements[fact_id].title
        else:
            spec = self.ruleset.advisory_or_none(fact_id)
            facts = [spec] if spec is not None else []
            what = self.locale.advisories.get(fact_id, fact_id)
        where = f"{country_name(country, self.locale)}: " if country else ""
        valid_to = adv.details.get("valid_to")
        day = format_day(valid_to, self.locale) if isinstance(valid_to, dt.date) else "?"
        message = self.locale.ui["lapsed_fact"].format(where=where, valid_to=day, what=what)
        return message, facts

    def advisory(self, adv: Advisory) -> dict[str, Any]:
        """One advisory: China-side text from the locale, a country's own from its market file."""
        country = str(adv.details.get("country", ""))
        market = self.markets.get(country)
        own = (
            next((a for a in market.advisories if a.id == adv.advisory_id), None)
            if market
            else None
        )
        grounds: list[Cited]
        if adv.advisory_id == LAPSED_ADVISORY:
            message, grounds = self._lapsed(adv)
        elif own is not None:
            message, grounds = fact_text(own, self.locale) or "", [own]
        else:
            message = fill(self.locale.advisories[adv.advisory_id], adv.details, self.locale)
            spec = self.ruleset.advisory_or_none(adv.advisory_id)
            grounds = [spec] if spec is not None else []
        return {
            "id": adv.advisory_id,
            "message": message,
            "relevance": adv.relevance,
            **self._provenance(grounds),
        }

    def as_json(self, evaluation: Evaluation) -> dict[str, Any]:
        """The `check --json` document: the fields of DESIGN 3.2, plus each fact's age."""
        doc = self.document(evaluation)
        for item in (*doc["requirements"], *doc["advisories"]):
            item.pop("_citations", None)
        return doc

    def document(self, evaluation: Evaluation) -> dict[str, Any]:
        """Everything a renderer needs, citations included as objects."""
        on = evaluation.application_date
        alternatives = evaluation.alternatives
        return {
            "verdict": evaluation.verdict.value,
            "eligible_from": _iso(evaluation.eligible_from),
            "days_since_registration": evaluation.days_since_registration,
            "requirements": [self.requirement(r, on, alternatives) for r in evaluation.results],
            "advisories": [self.advisory(adv) for adv in evaluation.advisories],
            "ruleset": evaluation.ruleset,
            "evaluated_on": evaluation.evaluated_on.isoformat(),
            "remind_on": _iso(evaluation.remind_on),
            "arrival_date": _iso(evaluation.arrival_date),
        }

    def provenance_line(self, item: dict[str, Any]) -> str:
        """ "Source: ... · single source (b) · last confirmed December 2026" for one item."""
        ui = self.locale.ui
        parts = []
        citations = item.get("_citations") or []
        if citations:
            parts.append(f"{ui['sources_label']}: {cite_line(citations, self.locale)}")
        if item.get("confidence"):
            parts.append(ui[f"confidence.{item['confidence']}"])
        if item.get("checked_on"):
            month = format_month(dt.date.fromisoformat(item["checked_on"]), self.locale)
            parts.append(ui["last_confirmed"].format(month=month))
        return " · ".join(parts)

    def as_text(self, evaluation: Evaluation) -> str:
        """A readable checklist: verdict, one line per requirement, remedies, advisories."""
        ui = self.locale.ui
        doc = self.document(evaluation)
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
            if result.status is not Status.NOT_APPLICABLE and item["checked_on"]:
                lines.append(f"   {self.provenance_line(item)}")
        if doc["advisories"]:
            lines.extend(["", f"{ui['advisories_label']}:"])
            for adv in doc["advisories"]:
                lines.append(f"• {adv['message']}")
                lines.append(f"   {self.provenance_line(adv)}")
        lines.extend(["", ui["disclaimer"].format(ruleset=evaluation.ruleset)])
        return "\n".join(lines)


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None
