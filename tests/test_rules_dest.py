"""Destination rules that never overstate: counting readings, estimates, arrival, lapsed facts.

Boundary tables for the corrections of the 2026-12-01 fact check, on the real market files, with
a fixed clock; and the generic mechanisms on small synthetic markets.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from bot.domain.case import parse_case
from bot.domain.eligibility import Engine
from bot.domain.explain import Explainer
from bot.domain.results import Evaluation
from knowledge.loader import load_locale, load_markets, load_planning, load_sources
from knowledge.schema import Market, Planning, RuleSet

ON = dt.date(2026, 12, 1)
P = {"vehicle_type": "passenger"}
SRC = {
    "confidence": "a",
    "sources": ["https://example.org/rule"],
    "source_date": "2025-01-01",
    "checked_on": "2026-02-01",
}


@pytest.fixture(scope="module")
def markets() -> dict[str, Market]:
    return load_markets()


def run(
    ruleset: RuleSet,
    markets: dict[str, Market],
    on: dt.date = ON,
    allowance: int = 0,
    **facts: Any,
) -> Evaluation:
    facts.setdefault("application_date", on.isoformat())
    engine = Engine(ruleset, markets, Planning(arrival_allowance_days=allowance))
    return engine.evaluate(parse_case(facts, on), on)


def outcome(evaluation: Evaluation, rule_id: str) -> tuple[str, str]:
    found = next(r for r in evaluation.results if r.rule_id == rule_id)
    return found.status.value, found.reason


def months_ago(months: int, on: dt.date = ON) -> str:
    total = on.year * 12 + on.month - 1 - months
    return dt.date(total // 12, total % 12 + 1, min(on.day, 28)).isoformat()


@pytest.mark.parametrize(
    ("made_months_ago", "status"),
    [(11, "pass"), (13, "unknown"), (18, "unknown"), (23, "unknown"), (25, "fail")],
)
def test_egypt_one_year_after_manufacture(
    ruleset: RuleSet, markets: dict[str, Market], made_months_ago: int, status: str
) -> None:
    found = run(
        ruleset, markets, destination="EG", manufacture_date=months_ago(made_months_ago), **P
    )
    assert outcome(found, "dest.age")[0] == status


@pytest.mark.parametrize(
    ("made", "status"),
    [("2016-12-15", "pass"), ("2016-06-01", "unknown"), ("2015-11-30", "fail")],
    ids=["9y11m", "10y6m", "11y"],
)
def test_azerbaijan_service_life_over_ten_years(
    ruleset: RuleSet, markets: dict[str, Market], made: str, status: str
) -> None:
    found = run(
        ruleset, markets, on=dt.date(2026, 11, 30), destination="AZ", manufacture_date=made, **P
    )
    assert outcome(found, "dest.age")[0] == status


@pytest.mark.parametrize(
    ("powertrain", "hp", "advisory"),
    [
        ("bev", 79, "dest.ru.fee_reduced_ev"),
        ("bev", 80, "dest.ru.fee_reduced_ev"),
        ("bev", 81, "dest.ru.fee_commercial_ev"),
        ("erev", 150, "dest.ru.fee_commercial_ev"),
        ("ice", 150, "dest.ru.fee_reduced_ice"),
        ("ice", 190, "dest.ru.fee_commercial_ice"),
    ],
)
def test_russia_fee_band_by_drive_and_power(
    ruleset: RuleSet, markets: dict[str, Market], powertrain: str, hp: int, advisory: str
) -> None:
    found = run(ruleset, markets, destination="RU", powertrain=powertrain, engine_power_hp=hp, **P)
    fee_bands = {
        a.advisory_id for a in found.advisories if a.advisory_id.startswith("dest.ru.fee_")
    }
    assert fee_bands == {advisory}  # one band, never the reduced rate above the limit


def test_a_bev_of_150_hp_is_never_told_the_reduced_fee(
    ruleset: RuleSet, markets: dict[str, Market]
) -> None:
    found = run(ruleset, markets, destination="RU", powertrain="bev", engine_power_hp=150, **P)
    doc = Explainer(ruleset, load_locale("en"), markets, load_sources()).as_json(found)
    fee = next(a for a in doc["advisories"] if a["id"] == "dest.ru.fee_commercial_ev")
    assert "991,200" in fee["message"]  # the coefficient example, read from the market file
    assert all("3,400" not in a["message"] for a in doc["advisories"])


@pytest.mark.parametrize(
    ("vehicle", "model_year", "expected"),
    [
        ({"vehicle_type": "commercial", "over_3_5_tonnes": False}, 2021, ("pass", "within_limit")),
        ({"vehicle_type": "commercial", "over_3_5_tonnes": False}, 2020, ("fail", "too_old_years")),
        ({"vehicle_type": "commercial", "over_3_5_tonnes": True}, 2020, ("pass", "within_limit")),
        ({"vehicle_type": "commercial"}, 2020, ("unknown", "depends_on_vehicle")),
        (P, 2020, ("fail", "too_old_years")),
    ],
    ids=["light-5y", "light-6y", "heavy-6y", "weight-unknown-6y", "passenger-6y"],
)
def test_saudi_five_years_for_every_vehicle_of_3_5_t_or_less(
    ruleset: RuleSet,
    markets: dict[str, Market],
    vehicle: dict[str, Any],
    model_year: int,
    expected: tuple[str, str],
) -> None:
    found = run(ruleset, markets, destination="SA", model_year=model_year, **vehicle)
    assert outcome(found, "dest.age") == expected


@pytest.mark.parametrize("country", ["NG", "IQ", "UZ"])
def test_a_file_without_an_age_fact_gives_unknown_for_an_old_car(
    ruleset: RuleSet, markets: dict[str, Market], country: str
) -> None:
    found = run(ruleset, markets, destination=country, manufacture_date="2011-01", **P)
    assert outcome(found, "dest.age") == ("unknown", "no_data")
    assert found.verdict != "eligible"
    assert run(ruleset, markets, destination="FR", **P).verdict != "eligible"


def test_mongolia_states_no_age_limit(ruleset: RuleSet, markets: dict[str, Market]) -> None:
    found = run(ruleset, markets, destination="MN", manufacture_date="2005", **P)
    assert outcome(found, "dest.age") == ("pass", "no_limit")


def test_georgia_has_no_age_ban_and_warns_of_the_excise(
    ruleset: RuleSet, markets: dict[str, Market]
) -> None:
    found = run(ruleset, markets, destination="GE", manufacture_date="2015-01", **P)
    assert outcome(found, "dest.age") == ("pass", "no_limit")
    assert outcome(found, "dest.steering")[0] == "pass"
    assert "dest.ge.excise_over_six_years" in {a.advisory_id for a in found.advisories}
    assert "dest.ge.six_year_limit_draft" not in markets["GE"].advisories


def test_kenya_cutoff_of_2026_is_not_applied_after_its_year(
    ruleset: RuleSet, markets: dict[str, Market]
) -> None:
    case = {"destination": "KE", "registration_date": "2020-05-01", "steering": "rhd"}
    assert outcome(run(ruleset, markets, **case), "dest.age") == ("pass", "within_limit")
    later = run(ruleset, markets, on=dt.date(2027, 1, 5), **case)
    assert outcome(later, "dest.age")[1] == "lapsed"
    assert "fact.lapsed" in {a.advisory_id for a in later.advisories}


def test_mexico_decree_past_its_validity_is_not_confirmed_since(
    ruleset: RuleSet, markets: dict[str, Market]
) -> None:
    china_vin = {"destination": "MX", "vin": "LRW3F7FS9PC893577"}
    before = run(ruleset, markets, on=dt.date(2026, 11, 30), **china_vin)
    assert outcome(before, "dest.used_import_ban") == ("fail", "banned_china_built")
    after = run(ruleset, markets, on=ON, **china_vin)
    assert outcome(after, "dest.used_import_ban") == ("unknown", "lapsed")
    lapsed = [a for a in after.advisories if a.advisory_id == "fact.lapsed"]
    assert {a.details["fact"] for a in lapsed} >= {"dest.used_import_ban"}
    doc = Explainer(ruleset, load_locale("en"), markets, load_sources()).as_json(after)
    messages = " ".join(a["message"] for a in doc["advisories"] if a["id"] == "fact.lapsed")
    # What it said, until when, and that it is not confirmed since.
    assert "North American" in messages
    assert "valid until November 30, 2026, not confirmed since" in messages


def test_no_vin_leaves_the_verdict_alone(ruleset: RuleSet, markets: dict[str, Market]) -> None:
    found = run(ruleset, markets, destination="MX")
    assert outcome(found, "cn.vin") == ("not_applicable", "not_given")
    assert outcome(found, "dest.used_import_ban") == ("unknown", "lapsed")


def market(code: str, *rules: dict[str, Any]) -> Market:
    return Market.model_validate({"country": code, "rules": [{**SRC, **r} for r in rules]})


def test_age_is_checked_again_on_the_likely_arrival(ruleset: RuleSet) -> None:
    limit = market("AD", {"id": "dest.age", "max_years": 3, "readings": ["completed_years"]})
    made = {"destination": "AD", "manufacture_date": "2022-12-20"}
    now_only = run(ruleset, {"AD": limit}, **made)
    assert outcome(now_only, "dest.age") == ("pass", "within_limit")
    shipped = run(ruleset, {"AD": limit}, allowance=60, **made)
    assert outcome(shipped, "dest.age") == ("unknown", "crosses_limit")
    deadline = next(a for a in shipped.advisories if a.advisory_id == "dest.age_deadline")
    assert deadline.details["date"] == dt.date(2026, 12, 19)


def test_alternatives_separate_clear_markets_from_open_ones(ruleset: RuleSet) -> None:
    refuses = market("AD", {"id": "dest.steering", "accepted": ["rhd"]})
    clear = market(
        "BE",
        {"id": "dest.steering", "accepted": ["lhd"]},
        {"id": "dest.age", "no_limit": True},
        {"id": "dest.powertrain", "accepted": ["ice"]},
        {"id": "dest.used_import_ban", "scope": "none"},
        {"id": "dest.emissions", "min_euro": 5},
    )
    partial = market("CH", {"id": "dest.steering", "accepted": ["lhd"]})
    found = run(
        ruleset,
        {"AD": refuses, "BE": clear, "CH": partial},
        destination="AD",
        powertrain="ice",
        emission_standard="euro6",
    )
    assert found.alternatives is not None
    assert found.alternatives.passing == ("BE",)
    assert [code for code, _ in found.alternatives.open] == ["CH"]
    assert "dest.age" in found.alternatives.open[0][1]


def test_the_real_planning_margin_is_data(ruleset: RuleSet, markets: dict[str, Market]) -> None:
    found = Engine(ruleset, markets, load_planning()).evaluate(
        parse_case({"destination": "KZ", "application_date": "2026-12-01"}, ON), ON
    )
    assert found.arrival_date == ON + dt.timedelta(days=load_planning().arrival_allowance_days)


def test_a_car_that_fails_a_fact_in_force_fails_even_if_the_fact_lapses_before_arrival(
    ruleset: RuleSet, markets: dict[str, Market]
) -> None:
    case = {"destination": "KE", "steering": "rhd"}
    too_old = run(ruleset, markets, allowance=60, registration_date="2018-12-31", **case)
    assert outcome(too_old, "dest.age") == ("fail", "too_old_since")
    within = run(ruleset, markets, allowance=60, registration_date="2020-12-31", **case)
    assert outcome(within, "dest.age") == ("unknown", "lapsed")  # the 2026 cut-off ends first


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Euro 5", ("pass", "meets_minimum")),
        ("Евро-5", ("pass", "meets_minimum")),
        ("欧5", ("pass", "meets_minimum")),
        ("Евро 4", ("unknown", "personal_import_only")),  # EAEU: class 4 for personal use
        ("Euro 3", ("fail", "below_minimum")),
        ("国6b", ("unknown", "china_standard")),
        ("Euro 9x", ("unknown", "unrecognised")),
    ],
)
def test_an_emission_class_is_read_in_every_script(
    ruleset: RuleSet, markets: dict[str, Market], typed: str, expected: tuple[str, str]
) -> None:
    found = run(ruleset, markets, destination="KZ", emission_standard=typed, **P)
    assert outcome(found, "dest.emissions") == expected
