"""Runs every rule in force and turns the results into one verdict (DESIGN 3.2)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from bot.domain.advisories_cn import CN_ADVISORIES, LETTER_RULE
from bot.domain.case import VehicleCase
from bot.domain.facts import Facts, derive_facts
from bot.domain.registry import AdvisoryDef, RuleDef
from bot.domain.results import Advisory, Evaluation, RuleResult, Status, Verdict
from bot.domain.rules_cn import CN_RULES
from bot.domain.rules_dest import evaluate_destination, group_rules, refuses
from knowledge.schema import Market, OnFail, RuleSet

NOT_IN_FORCE = "not_in_force"


class Engine:
    """Evaluates cases against one rule set; build it once and reuse it."""

    def __init__(
        self,
        ruleset: RuleSet,
        markets: Mapping[str, Market] | None = None,
        rules: tuple[RuleDef, ...] = CN_RULES,
        advisories: tuple[AdvisoryDef, ...] = CN_ADVISORIES,
    ) -> None:
        missing = ruleset.rule_ids() ^ {r.rule_id for r in rules}
        if missing:
            raise ValueError(f"rules without both data and a check: {sorted(missing)}")
        self.ruleset = ruleset
        self.markets: Mapping[str, Market] = markets or {}
        self._grouped = tuple((code, group_rules(m)) for code, m in sorted(self.markets.items()))
        self._rules = tuple(
            (rule, tuple(s for s in ruleset.rules if s.id == rule.rule_id)) for rule in rules
        )
        self._advisories = tuple((a, ruleset.advisory(a.advisory_id)) for a in advisories)

    def evaluate(self, case: VehicleCase, on_date: dt.date) -> Evaluation:
        """China-side rules are dated by the licence application date, which defaults to on_date."""
        facts = derive_facts(case, on_date)
        reference = facts.application_date
        results: list[RuleResult] = []
        on_fail: dict[str, OnFail] = {}
        for rule, versions in self._rules:
            spec = next((v for v in versions if v.in_force(reference)), None)
            if spec is None:
                first = max(v.effective_from for v in versions)
                results.append(
                    RuleResult(
                        rule.rule_id, Status.NOT_APPLICABLE, NOT_IN_FORCE, {"effective_from": first}
                    )
                )
                continue
            results.append(rule.check(facts, spec.params, on_date))
            on_fail[rule.rule_id] = spec.on_fail
        by_id = {r.rule_id: r for r in results}
        advisories: list[Advisory] = []
        for adv, adv_spec in self._advisories:
            if adv_spec.effective_from is not None and reference < adv_spec.effective_from:
                continue
            found = adv.check(facts, adv_spec.params, by_id)
            if found is not None:
                advisories.append(found)
        if case.destination:
            dest_results, dest_advisories = self._destination(facts, case.destination)
            results.extend(dest_results)
            advisories.extend(dest_advisories)
            # A destination that refuses the car is not cured by paperwork or time.
            on_fail.update({r.rule_id: "permanent" for r in dest_results})
        verdict = decide(results, on_fail)
        return Evaluation(
            verdict=verdict,
            eligible_from=_eligible_from(verdict, by_id.get(LETTER_RULE)),
            days_since_registration=facts.days_since_registration,
            results=tuple(results),
            advisories=tuple(advisories),
            ruleset=self.ruleset.ruleset,
            evaluated_on=on_date,
        )

    def _destination(self, facts: Facts, country: str) -> tuple[list[RuleResult], list[Advisory]]:
        """Destination rules; a refusal names the markets on file that would take this car."""
        reference = facts.application_date
        results, advisories = evaluate_destination(
            facts, self.markets.get(country), country, reference
        )
        if any(r.status is Status.FAIL for r in results):
            open_to = ",".join(
                code
                for code, grouped in self._grouped
                if code != country and not refuses(facts, grouped, code, reference)
            )
            results = [
                RuleResult(r.rule_id, r.status, r.reason, {**r.details, "alternatives": open_to})
                if r.status is Status.FAIL
                else r
                for r in results
            ]
        return results, advisories


def decide(results: list[RuleResult], on_fail: dict[str, OnFail]) -> Verdict:
    """A permanent failure outranks everything; waiting alone is not_yet; unknowns never fail."""
    kinds = {on_fail[r.rule_id] for r in results if r.status is Status.FAIL}
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
