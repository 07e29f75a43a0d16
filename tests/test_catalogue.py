"""Meta-tests (DESIGN principle 8): data, code and texts of the catalogue agree."""

from __future__ import annotations

import subprocess
import sys

from bot.domain.advisories_cn import CN_ADVISORIES
from bot.domain.catalogue import catalogue_problems
from bot.domain.registry import RuleDef
from bot.domain.results import RuleResult, Status
from bot.domain.rules_cn import CN_RULES
from knowledge.lint import locale_problems
from knowledge.loader import load_locales
from knowledge.schema import LocaleBundle, RequirementText, RuleSet

DESIGN_CN_IDS = {
    "cn.used_car_scope",
    "cn.180_day_letter",
    "cn.exporter_filed",
    "cn.transfer_for_export",
    "cn.data_match",
    "cn.test_report",
    "cn.encumbrance",
    "cn.seized_or_stolen",
    "cn.violations",
    "cn.scrapping",
    "cn.modified",
    "cn.vin",
}


def test_every_design_id_has_data_and_a_check(ruleset: RuleSet) -> None:
    assert ruleset.rule_ids() == DESIGN_CN_IDS
    assert {r.rule_id for r in CN_RULES} == DESIGN_CN_IDS


def test_catalogue_is_clean(ruleset: RuleSet) -> None:
    assert catalogue_problems(ruleset, load_locales()) == []


def test_every_locale_has_the_same_keys_and_placeholders() -> None:
    assert locale_problems(load_locales()) == []


def test_catalogue_check_catches_a_rule_without_data(ruleset: RuleSet) -> None:
    def stray(*_: object) -> RuleResult:
        return RuleResult("cn.stray", Status.PASS, "ok")

    extra = (*CN_RULES, RuleDef("cn.stray", stray, frozenset({(Status.PASS, "ok")})))
    problems = catalogue_problems(ruleset, load_locales(), rules=extra)
    assert "rule cn.stray has a check but no data" in problems
    fewer = catalogue_problems(ruleset, load_locales(), rules=CN_RULES[1:])
    assert f"rule {CN_RULES[0].rule_id} has data but no check" in fewer
    no_adv = catalogue_problems(ruleset, load_locales(), advisories=CN_ADVISORIES[1:])
    assert f"advisory {CN_ADVISORIES[0].advisory_id} has data but no check" in no_adv


def test_catalogue_check_catches_a_missing_remedy(ruleset: RuleSet) -> None:
    locales = load_locales()
    en = locales["en"]
    broken_text = en.requirements["cn.vin"].model_copy(update={"remedies": {}})
    broken = en.model_copy(update={"requirements": {**en.requirements, "cn.vin": broken_text}})
    problems = catalogue_problems(ruleset, {**locales, "en": broken})
    assert "locales/en: cn.vin has no remedy for bad_format" in problems


def test_locale_check_catches_missing_key_and_placeholder_drift() -> None:
    locales = load_locales()
    ru = locales["ru"]
    ui = dict(ru.ui)
    ui.pop("verdict_label")
    ui["disclaimer"] = "без подстановок"
    drifted: LocaleBundle = ru.model_copy(update={"ui": ui})
    problems = locale_problems({**locales, "ru": drifted})
    assert "locales/ru: missing ui/verdict_label" in problems
    assert any(p.startswith("locales: placeholders differ for ui/disclaimer") for p in problems)


def test_requirement_texts_are_models() -> None:
    for bundle in load_locales().values():
        assert all(isinstance(t, RequirementText) for t in bundle.requirements.values())


def test_kb_lint_command_passes() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bot", "kb", "lint"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "kb lint: ok" in done.stdout


def test_catalogue_check_catches_a_why_quoting_a_missing_parameter(ruleset: RuleSet) -> None:
    locales = load_locales()
    en = locales["en"]
    text = en.requirements["cn.180_day_letter"].model_copy(update={"why": "{no_such_param} days"})
    broken = en.model_copy(update={"requirements": {**en.requirements, "cn.180_day_letter": text}})
    problems = catalogue_problems(ruleset, {**locales, "en": broken})
    assert any("cn.180_day_letter why quotes unknown" in p for p in problems)
