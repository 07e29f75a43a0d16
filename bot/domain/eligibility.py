"""Runs every rule in force and turns the results into one verdict (DESIGN 3.2)."""

from __future__ import annotations

import datetime as dt

from bot.domain.advisories_cn import CN_ADVISORIES, LETTER_RULE
from bot.domain.case import VehicleCase
from bot.domain.facts import derive_facts
from bot.domain.registry import AdvisoryDef, RuleDef
from bot.domain.results import Advisory, Evaluation, RuleResult, Status, Verdict
from bot.domain.rules_cn import CN_RULES
from knowledge.schema import OnFail, RuleSet

NOT_IN_FORCE = "not_in_force"


class Engine:
    """Evaluates cases against one rule set; build it once and reuse it."""

    def __init__(
        self,
        ruleset: RuleSet,
        rules: tuple[RuleDef, ...] = CN_RULES,
        advisories: tuple[AdvisoryDef, ...] = CN_ADVISORIES,
    ) -> None:
        missing = ruleset.rule_ids() ^ {r.rule_id for r in rules}
        if missing:
            raise ValueError(f"rules without both data and a check: {sorted(missing)}")
        self.ruleset = ruleset
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
