"""Cross-checks between rule data, rule code and texts (DESIGN principle 8)."""

from __future__ import annotations

from collections.abc import Mapping

from bot.domain.advisories_cn import CN_ADVISORIES
from bot.domain.eligibility import NOT_IN_FORCE
from bot.domain.explain import Explainer
from bot.domain.registry import AdvisoryDef, RuleDef
from bot.domain.results import Status
from bot.domain.rules_cn import CN_RULES
from bot.domain.rules_dest import DEST_REASONS, NO_DATA_ADVISORY
from knowledge.schema import LocaleBundle, RuleSet

NEEDS_REMEDY = (Status.FAIL, Status.UNKNOWN)


def catalogue_problems(
    ruleset: RuleSet,
    locales: Mapping[str, LocaleBundle],
    rules: tuple[RuleDef, ...] = CN_RULES,
    advisories: tuple[AdvisoryDef, ...] = CN_ADVISORIES,
) -> list[str]:
    """Each rule has data, a check and texts; each reason a message; each failure a remedy."""
    problems: list[str] = []
    coded = {r.rule_id for r in rules}
    data = ruleset.rule_ids()
    problems.extend(f"rule {rid} has data but no check" for rid in sorted(data - coded))
    problems.extend(f"rule {rid} has a check but no data" for rid in sorted(coded - data))
    adv_coded = {a.advisory_id for a in advisories}
    adv_data = {a.id for a in ruleset.advisories}
    problems.extend(f"advisory {a} has data but no check" for a in sorted(adv_data - adv_coded))
    problems.extend(f"advisory {a} has a check but no data" for a in sorted(adv_coded - adv_data))
    for lang, bundle in locales.items():
        if "reason_not_in_force" not in bundle.ui:
            problems.append(f"locales/{lang}: missing ui/reason_not_in_force for {NOT_IN_FORCE}")
        problems.extend(
            f"locales/{lang}: no text for advisory {a}"
            for a in sorted(adv_coded - bundle.advisories.keys())
        )
        extra_rules = bundle.requirements.keys() - {r.rule_id for r in rules} - DEST_REASONS.keys()
        problems.extend(f"locales/{lang}: text for unknown rule {r}" for r in sorted(extra_rules))
        if NO_DATA_ADVISORY not in bundle.advisories:
            problems.append(f"locales/{lang}: no text for advisory {NO_DATA_ADVISORY}")
        explainer = Explainer(ruleset, bundle)
        for rule in rules:
            if rule.rule_id not in bundle.requirements or rule.rule_id not in data:
                continue
            try:
                explainer.why(rule.rule_id, ruleset.latest(rule.rule_id).valid_from)
            except (KeyError, IndexError) as exc:
                problems.append(f"locales/{lang}: {rule.rule_id} why quotes unknown {exc}")
        reasons = {r.rule_id: r.reasons for r in rules} | DEST_REASONS
        for rule_id, rule_reasons in reasons.items():
            text = bundle.requirements.get(rule_id)
            if text is None:
                problems.append(f"locales/{lang}: no text for rule {rule_id}")
                continue
            for status, reason in sorted(rule_reasons):
                if reason not in text.reasons:
                    problems.append(f"locales/{lang}: {rule_id} has no message for {reason}")
                if status in NEEDS_REMEDY and reason not in text.remedies:
                    problems.append(f"locales/{lang}: {rule_id} has no remedy for {reason}")
            known = {reason for _, reason in rule_reasons}
            problems.extend(
                f"locales/{lang}: {rule_id} has text for unknown reason {extra}"
                for extra in sorted((text.reasons.keys() | text.remedies.keys()) - known)
            )
    return problems
