"""Destination rules: each predicate through its outcomes, age arithmetic at the boundaries."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from bot.domain.case import parse_case
from bot.domain.eligibility import Engine
from bot.domain.results import Evaluation
from knowledge.schema import Market, RuleSet

ON = dt.date(2026, 3, 1)
SRC = {"confidence": "a", "sources": ["https://example.org/rule"], "source_date": "2025-01-01"}


def market(
    code: str, *rules: dict[str, Any], advisories: tuple[dict[str, Any], ...] = ()
) -> Market:
    return Market.model_validate(
        {
            "country": code,
            "reviewed_on": "2026-11-28",
            "rules": [{**SRC, **r} for r in rules],
            "advisories": [{**SRC, **a} for a in advisories],
        }
    )


def run(markets: dict[str, Market], ruleset: RuleSet, **facts: Any) -> Evaluation:
    facts.setdefault("application_date", ON.isoformat())
    return Engine(ruleset, markets).evaluate(parse_case(facts, ON), ON)


def dest(evaluation: Evaluation, rule_id: str) -> tuple[str, str]:
    found = next(r for r in evaluation.results if r.rule_id == rule_id)
    return found.status.value, found.reason


RHD_ONLY = market("KE", {"id": "dest.steering", "accepted": ["rhd"]})
LHD_ONLY = market("KZ", {"id": "dest.steering", "accepted": ["lhd"]})


def test_destination_rules_only_when_a_destination_is_given(ruleset: RuleSet) -> None:
    ids = {r.rule_id for r in run({"KE": RHD_ONLY}, ruleset).results}
    assert not any(i.startswith("dest.") for i in ids)


def test_steering_defaults_to_left_hand_drive(ruleset: RuleSet) -> None:
    markets = {"KE": RHD_ONLY, "KZ": LHD_ONLY}
    evaluation = run(markets, ruleset, destination="KE")
    assert dest(evaluation, "dest.steering") == ("fail", "not_accepted")
    assert evaluation.verdict == "not_eligible"
    failing = next(r for r in evaluation.results if r.rule_id == "dest.steering")
    assert failing.details["alternatives"] == "KZ"
    assert dest(run(markets, ruleset, destination="KE", steering="rhd"), "dest.steering") == (
        "pass",
        "accepted",
    )
    assert dest(run(markets, ruleset, destination="KZ"), "dest.steering") == ("pass", "accepted")


def test_a_country_without_a_file_is_unknown_and_advised(ruleset: RuleSet) -> None:
    evaluation = run({"KE": RHD_ONLY}, ruleset, destination="BR")
    dest_results = [r for r in evaluation.results if r.rule_id.startswith("dest.")]
    assert len(dest_results) == 5
    assert {(r.status.value, r.reason) for r in dest_results} == {("unknown", "no_data")}
    assert "dest.no_data" in {a.advisory_id for a in evaluation.advisories}
    assert evaluation.verdict == "conditional"


def test_missing_rule_kinds_are_not_applicable(ruleset: RuleSet) -> None:
    evaluation = run({"KZ": LHD_ONLY}, ruleset, destination="KZ")
    assert dest(evaluation, "dest.age") == ("not_applicable", "none_on_file")


MAX5_MODEL_YEAR = market(
    "SA",
    {
        "id": "dest.age",
        "counted_from": "model_year",
        "counting": "calendar_years",
        "max_years": 5,
        "edge_uncertain": True,
        "applies_to": {"vehicle_types": ["passenger"]},
    },
    {
        "id": "dest.age",
        "counted_from": "model_year",
        "counting": "calendar_years",
        "max_years": 10,
        "edge_uncertain": True,
        "applies_to": {"vehicle_types": ["commercial", "trailer"]},
    },
)


@pytest.mark.parametrize(
    ("model_year", "vehicle_type", "expected"),
    [
        (2021, "passenger", ("pass", "within_limit")),  # 2026 - 2021 = 5
        (2020, "passenger", ("unknown", "near_limit_years")),  # the "excluding this year" edge
        (2019, "passenger", ("fail", "too_old_years")),
        (2018, "passenger", ("fail", "too_old_years")),
        (2018, "commercial", ("pass", "within_limit")),  # heavy-vehicle limit is 10
        (2015, "commercial", ("unknown", "near_limit_years")),
        (2014, "commercial", ("fail", "too_old_years")),
        (2018, None, ("unknown", "depends_on_vehicle")),  # could be a heavy truck
        (2022, None, ("pass", "within_limit")),
        (None, "passenger", ("unknown", "age_unknown")),
    ],
)
def test_age_by_model_year(
    ruleset: RuleSet, model_year: int | None, vehicle_type: str | None, expected: tuple[str, str]
) -> None:
    evaluation = run(
        {"SA": MAX5_MODEL_YEAR},
        ruleset,
        destination="SA",
        model_year=model_year,
        vehicle_type=vehicle_type,
    )
    assert dest(evaluation, "dest.age") == expected


def test_age_falls_back_to_the_vin_model_year(ruleset: RuleSet) -> None:
    # LRW3E7FA2LC146763: model-year code L = 2020 (or 1990, ruled out as implausible).
    evaluation = run(
        {"SA": MAX5_MODEL_YEAR},
        ruleset,
        destination="SA",
        vehicle_type="passenger",
        vin="LRW3E7FA2LC146763",
    )
    assert dest(evaluation, "dest.age") == ("unknown", "near_limit_years")


MAX14_EXACT = market(
    "UG",
    {
        "id": "dest.age",
        "counted_from": "manufacture",
        "max_years": 14,
        "applies_to": {"vehicle_types": ["passenger"]},
    },
)


@pytest.mark.parametrize(
    ("made", "expected"),
    [
        ("2011-03-02", ("pass", "within_limit")),  # 14 years and 364 days on 2026-03-01
        ("2011-03-01", ("fail", "too_old_years")),  # exactly 15 years
        ("2012-02-29", ("pass", "within_limit")),  # leap-day birthday: 14 on 2026-03-01
    ],
)
def test_age_exact_from_manufacture_date(
    ruleset: RuleSet, made: str, expected: tuple[str, str]
) -> None:
    evaluation = run(
        {"UG": MAX14_EXACT},
        ruleset,
        destination="UG",
        manufacture_date=made,
        vehicle_type="passenger",
    )
    assert dest(evaluation, "dest.age") == expected


@pytest.mark.parametrize(
    ("model_year", "expected"),
    [
        (2012, ("pass", "within_limit")),
        (2011, ("unknown", "near_limit_years")),  # only a year known: age 14 or 15
        (2010, ("fail", "too_old_years")),
    ],
)
def test_age_exact_with_only_a_model_year_never_fails_on_the_edge(
    ruleset: RuleSet, model_year: int, expected: tuple[str, str]
) -> None:
    evaluation = run(
        {"UG": MAX14_EXACT},
        ruleset,
        destination="UG",
        model_year=model_year,
        vehicle_type="passenger",
    )
    assert dest(evaluation, "dest.age") == expected


def test_age_rule_for_other_vehicle_types_is_not_applicable(ruleset: RuleSet) -> None:
    evaluation = run(
        {"UG": MAX14_EXACT}, ruleset, destination="UG", model_year=1990, vehicle_type="commercial"
    )
    assert dest(evaluation, "dest.age") == ("not_applicable", "not_for_this_vehicle")


MIN_YEAR_REG = market(
    "KE", {"id": "dest.age", "counted_from": "first_registration", "min_year": 2018}
)
MIN_YEAR_MADE = market("TJ", {"id": "dest.age", "counted_from": "manufacture", "min_year": 2013})


@pytest.mark.parametrize(
    ("registration", "expected"),
    [
        ("2018-01-01", ("pass", "within_limit")),
        ("2017-12-31", ("fail", "too_old_since")),
        (None, ("unknown", "age_unknown")),
    ],
)
def test_min_year_from_first_registration(
    ruleset: RuleSet, registration: str | None, expected: tuple[str, str]
) -> None:
    evaluation = run(
        {"KE": MIN_YEAR_REG},
        ruleset,
        destination="KE",
        registration_date=registration,
        steering="rhd",
    )
    assert dest(evaluation, "dest.age") == expected


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        ({"manufacture_date": "2013-01-01"}, ("pass", "within_limit")),
        ({"manufacture_date": "2012-12-31"}, ("fail", "too_old_since")),
        ({"model_year": 2014}, ("pass", "within_limit")),
        ({"model_year": 2013}, ("unknown", "near_limit_since")),  # model year can run ahead
        ({"model_year": 2012}, ("unknown", "near_limit_since")),
        ({"model_year": 2011}, ("fail", "too_old_since")),
    ],
)
def test_min_year_from_manufacture(
    ruleset: RuleSet, facts: dict[str, Any], expected: tuple[str, str]
) -> None:
    evaluation = run({"TJ": MIN_YEAR_MADE}, ruleset, destination="TJ", **facts)
    assert dest(evaluation, "dest.age") == expected


EV_ONLY = market(
    "ET",
    {"id": "dest.powertrain", "accepted": ["bev"], "uncertain": ["hev", "phev", "erev", "fcev"]},
)


@pytest.mark.parametrize(
    ("drive", "expected"),
    [
        ("bev", ("pass", "accepted")),
        ("ice", ("fail", "not_accepted")),
        ("phev", ("unknown", "uncertain")),
        (None, ("unknown", "unknown")),
    ],
)
def test_powertrain(ruleset: RuleSet, drive: str | None, expected: tuple[str, str]) -> None:
    evaluation = run({"ET": EV_ONLY}, ruleset, destination="ET", powertrain=drive)
    assert dest(evaluation, "dest.powertrain") == expected


NOTE = {"en": "n", "zh": "n", "ru": "n"}
BAN_ALL = market("CL", {"id": "dest.used_import_ban", "scope": "all", "note": NOTE})
BAN_CN = market("MX", {"id": "dest.used_import_ban", "scope": "china_built", "note": NOTE})


@pytest.mark.parametrize(
    ("markets", "code", "facts", "expected"),
    [
        ({"CL": BAN_ALL}, "CL", {}, ("fail", "banned")),
        ({"CL": BAN_ALL}, "CL", {"registered_in_china": False}, ("not_applicable", "new_car")),
        ({"MX": BAN_CN}, "MX", {"vin": "LRW3F7FS9PC893577"}, ("fail", "banned_china_built")),
        ({"MX": BAN_CN}, "MX", {"vin": "1HGCM82633A004352"}, ("unknown", "origin_check")),
        ({"MX": BAN_CN}, "MX", {}, ("unknown", "origin_unknown")),
    ],
)
def test_used_import_ban(
    ruleset: RuleSet,
    markets: dict[str, Market],
    code: str,
    facts: dict[str, Any],
    expected: tuple[str, str],
) -> None:
    evaluation = run(markets, ruleset, destination=code, **facts)
    assert dest(evaluation, "dest.used_import_ban") == expected


EURO5 = market("RU", {"id": "dest.emissions", "min_euro": 5, "personal_import_min": 4})
GE_DATED = market(
    "GE",
    {
        "id": "dest.emissions",
        "min_euro": 5,
        "effective_from": "2024-01-01",
        "applies_to": {"vehicle_types": ["passenger"]},
    },
)


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        ({"emission_standard": "Euro 6"}, ("pass", "meets_minimum")),
        ({"emission_standard": "euro5"}, ("pass", "meets_minimum")),
        ({"emission_standard": "euro4"}, ("unknown", "personal_import_only")),
        ({"emission_standard": "euro3"}, ("fail", "below_minimum")),
        ({"emission_standard": "China 6b"}, ("unknown", "china_standard")),
        ({"emission_standard": "tier 2"}, ("unknown", "unrecognised")),
        ({}, ("unknown", "unknown")),
        ({"powertrain": "bev"}, ("unknown", "electric")),
    ],
)
def test_emissions(ruleset: RuleSet, facts: dict[str, Any], expected: tuple[str, str]) -> None:
    evaluation = run({"RU": EURO5}, ruleset, destination="RU", **facts)
    assert dest(evaluation, "dest.emissions") == expected


def test_dated_and_scoped_emission_rule(ruleset: RuleSet) -> None:
    base = {"destination": "GE", "emission_standard": "euro4", "vehicle_type": "passenger"}
    assert dest(run({"GE": GE_DATED}, ruleset, **base), "dest.emissions") == (
        "fail",
        "below_minimum",
    )
    before = run({"GE": GE_DATED}, ruleset, **base, application_date="2023-12-31")
    assert dest(before, "dest.emissions") == ("not_applicable", "none_on_file")
    truck = run({"GE": GE_DATED}, ruleset, **{**base, "vehicle_type": "commercial"})
    assert dest(truck, "dest.emissions") == ("not_applicable", "not_for_this_vehicle")


WITH_ADVISORIES = market(
    "RU",
    {"id": "dest.emissions", "min_euro": 5},
    advisories=(
        {"id": "dest.ru.always", "text": NOTE},
        {"id": "dest.ru.big_engine", "text": NOTE, "when": {"engine_power_hp_above": 160}},
        {"id": "dest.ru.small_engine", "text": NOTE, "when": {"engine_power_hp_at_most": 160}},
        {"id": "dest.ru.ev", "text": NOTE, "when": {"powertrains": ["bev"]}},
    ),
)


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        ({}, {"dest.ru.always"}),
        ({"engine_power_hp": 161}, {"dest.ru.always", "dest.ru.big_engine"}),
        ({"engine_power_hp": 160}, {"dest.ru.always", "dest.ru.small_engine"}),
        ({"powertrain": "bev"}, {"dest.ru.always", "dest.ru.ev"}),
    ],
)
def test_market_advisories_follow_their_conditions(
    ruleset: RuleSet, facts: dict[str, Any], expected: set[str]
) -> None:
    evaluation = run({"RU": WITH_ADVISORIES}, ruleset, destination="RU", **facts)
    shown = {a.advisory_id for a in evaluation.advisories if a.advisory_id.startswith("dest.")}
    assert shown == expected


def test_schema_refuses_a_c_graded_rule() -> None:
    with pytest.raises(ValueError, match="only be an advisory"):
        market("KE", {"id": "dest.steering", "accepted": ["rhd"], "confidence": "c"})


def test_schema_refuses_a_rule_without_sources() -> None:
    with pytest.raises(ValueError, match="sources"):
        market("KE", {"id": "dest.steering", "accepted": ["rhd"], "sources": []})
