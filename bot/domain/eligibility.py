"""Runs every rule in force and turns the results into one verdict (DESIGN 3.2)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from bot.domain.advisories_cn import CN_ADVISORIES, LETTER_RULE
from bot.domain.case import VehicleCase
from bot.domain.facts import Facts, derive_facts
from bot.domain.registry import AdvisoryDef, RuleDef
from bot.domain.results import (
    ABOUT_THIS_CAR,
    Advisory,
    Alternatives,
    Detail,
    Evaluation,
    RuleResult,
    Status,
    Verdict,
)
from bot.domain.rules_cn import CN_RULES
from bot.domain.rules_dest import (
    LAPSED_ADVISORY,
    Grouped,
    evaluate_destination,
    group_rules,
    refusal_and_open,
)
from knowledge.schema import Market, OnFail, Planning, RuleSet, RuleSpec

NOT_IN_FORCE = "not_in_force"
LAPSED = "lapsed"
BORDERLINE = "cn.borderline_180"
DEFAULT_PLANNING = Planning(arrival_allowance_days=0)


class Engine:
    """Evaluates cases against one rule set; build it once and reuse it."""

    def __init__(
        self,
        ruleset: RuleSet,
        markets: Mapping[str, Market] | None = None,
        planning: Planning = DEFAULT_PLANNING,
        rules: tuple[RuleDef, ...] = CN_RULES,
        advisories: tuple[AdvisoryDef, ...] = CN_ADVISORIES,
    ) -> None:
        missing = ruleset.rule_ids() ^ {r.rule_id for r in rules}
        if missing:
            raise ValueError(f"rules without both data and a check: {sorted(missing)}")
        self.ruleset = ruleset
        self.markets: Mapping[str, Market] = markets or {}
        self.allowance = dt.timedelta(days=planning.arrival_allowance_days)
        self._grouped: tuple[tuple[str, Grouped], ...] = tuple(
            (code, group_rules(m)) for code, m in sorted(self.markets.items())
        )
        self._rules = tuple((rule, ruleset.versions(rule.rule_id)) for rule in rules)
        self._advisories = tuple((a, ruleset.advisory(a.advisory_id)) for a in advisories)
        safe_day = ruleset.advisory(BORDERLINE).params.get("safe_day")
        self._safe_day = safe_day if isinstance(safe_day, int) else None

    def evaluate(self, case: VehicleCase, on_date: dt.date) -> Evaluation:
        """China-side rules are dated by the licence application date, which defaults to on_date."""
        facts = derive_facts(case, on_date)
        reference = facts.application_date
        results: list[RuleResult] = []
        advisories: list[Advisory] = []
        on_fail: dict[str, OnFail] = {}
        for rule, versions in self._rules:
            spec = next((v for v in versions if v.in_force(reference)), None)
            if spec is None:
                result, note = _not_in_force(rule.rule_id, versions, reference)
                results.append(result)
                if note is not None:
                    advisories.append(note)
                continue
            result = rule.check(facts, spec.params, on_date)
            results.append(result)
            on_fail[rule.rule_id] = spec.on_fail_by_reason.get(result.reason, spec.on_fail)
        by_id = {r.rule_id: r for r in results}
        for adv, adv_spec in self._advisories:
            state = adv_spec.state(reference)
            if state == "not_yet":
                continue
            found = adv.check(facts, adv_spec.params, by_id)
            if found is None:
                continue
            if state == "lapsed":
                advisories.append(_lapsed_note(adv.advisory_id, adv_spec.valid_to))
            elif found.relevance != adv.relevance:
                advisories.append(Advisory(found.advisory_id, found.details, adv.relevance))
            else:
                advisories.append(found)
        arrival = reference + self.allowance
        alternatives = None
        if case.destination:
            found_dest = evaluate_destination(
                facts, self.markets.get(case.destination), case.destination, reference, arrival
            )
            results.extend(found_dest.results)
            advisories.extend(found_dest.advisories)
            # A destination that refuses the car is not cured by paperwork or time.
            on_fail.update({r.rule_id: "permanent" for r in found_dest.results})
            if any(r.status is Status.FAIL for r in found_dest.results):
                alternatives = self._alternatives(facts, case.destination, reference, arrival)
        verdict = decide(results, on_fail)
        eligible_from = _eligible_from(verdict, by_id.get(LETTER_RULE))
        return Evaluation(
            verdict=verdict,
            eligible_from=eligible_from,
            days_since_registration=facts.days_since_registration,
            results=tuple(results),
            advisories=tuple(sorted(advisories, key=lambda a: a.relevance)),
            ruleset=self.ruleset.ruleset,
            evaluated_on=on_date,
            application_date=reference,
            remind_on=self._remind_on(case, eligible_from, advisories, on_date),
            arrival_date=arrival if case.destination else None,
            alternatives=alternatives,
        )

    def _remind_on(
        self,
        case: VehicleCase,
        eligible_from: dt.date | None,
        advisories: list[Advisory],
        on_date: dt.date,
    ) -> dt.date | None:
        """The safe day the borderline advisory names: the counting method is not published.

        Near the line (days 178-182) that day comes even when the letter is no longer needed
        on our reading, since the advisory tells the user to wait for it.
        """
        borderline = next((a for a in advisories if a.advisory_id == BORDERLINE), None)
        safe_from = borderline.details.get("safe_from") if borderline else None
        if isinstance(safe_from, dt.date) and safe_from > on_date:
            return safe_from
        if eligible_from is None or case.registration_date is None:
            return None
        if self._safe_day is None:
            return eligible_from
        return max(eligible_from, case.registration_date + dt.timedelta(days=self._safe_day))

    def _alternatives(
        self, facts: Facts, country: str, on: dt.date, arrival: dt.date
    ) -> Alternatives:
        """Markets where every check passes, and markets where none fails but some are open."""
        passing: list[str] = []
        open_: list[tuple[str, tuple[str, ...]]] = []
        for code, grouped in self._grouped:
            if code == country:
                continue
            refused, unknown = refusal_and_open(facts, grouped, code, on, arrival)
            if refused:
                continue
            if unknown:
                open_.append((code, unknown))
            else:
                passing.append(code)
        open_.sort(key=lambda item: (len(item[1]), item[0]))
        return Alternatives(tuple(passing), tuple(open_))


def _not_in_force(
    rule_id: str, versions: tuple[RuleSpec, ...], on: dt.date
) -> tuple[RuleResult, Advisory | None]:
    """Before its first version a rule does not apply; past its stated validity it is unknown."""
    ended = [v for v in versions if v.valid_to is not None and v.valid_to < on]
    if ended:
        last = max(ended, key=lambda v: v.valid_from)
        details: dict[str, Detail] = {"valid_to": last.valid_to} if last.valid_to else {}
        return (
            RuleResult(rule_id, Status.UNKNOWN, LAPSED, details),
            _lapsed_note(rule_id, last.valid_to),
        )
    first = min(v.valid_from for v in versions)
    return RuleResult(rule_id, Status.NOT_APPLICABLE, NOT_IN_FORCE, {"effective_from": first}), None


def _lapsed_note(fact_id: str, valid_to: dt.date | None) -> Advisory:
    details: dict[str, Detail] = {"fact": fact_id}
    if valid_to is not None:
        details["valid_to"] = valid_to
    return Advisory(LAPSED_ADVISORY, details, ABOUT_THIS_CAR)


def decide(results: list[RuleResult], on_fail: dict[str, OnFail]) -> Verdict:
    """A permanent failure outranks everything; waiting alone is not_yet; unknowns never pass."""
    kinds = {on_fail.get(r.rule_id, "fixable") for r in results if r.status is Status.FAIL}
    if "permanent" in kinds:
        return Verdict.NOT_ELIGIBLE
    if kinds == {"wait"}:
        return Verdict.NOT_YET
    if kinds or any(r.status is Status.UNKNOWN for r in results):
        return Verdict.CONDITIONAL
    return Verdict.ELIGIBLE


def _eligible_from(verdict: Verdict, letter: RuleResult | None) -> dt.date | None:
    """The first day without the letter, while the letter is what stands in the way."""
    if verdict not in (Verdict.NOT_YET, Verdict.CONDITIONAL) or letter is None:
        return None
    if letter.status not in (Status.FAIL, Status.UNKNOWN):
        return None
    value = letter.details.get("eligible_from")
    return value if isinstance(value, dt.date) else None
