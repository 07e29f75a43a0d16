"""Verdict combinations, eligible_from and the advisories of DESIGN 3.2."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from bot.domain.case import parse_case
from bot.domain.eligibility import Engine
from bot.domain.results import Evaluation

TODAY = dt.date(2026, 11, 28)

CLEAN: dict[str, Any] = {
    "vin": "LRW3F7FS9PC893577",
    "vehicle_type": "passenger",
    "powertrain": "ice",
    "registered_in_china": True,
    "registration_date": "2025-03-01",
    "application_date": "2026-02-01",
    "odometer_km": 42000,
    "exporter_filed": True,
    "transfer_for_export": True,
    "data_matches_certificate": True,
    "test_report": True,
    "encumbered": False,
    "seized_or_stolen": False,
    "unresolved_violations": False,
    "near_scrapping": False,
    "modified": False,
}


def run(engine: Engine, **changes: Any) -> Evaluation:
    return engine.evaluate(parse_case({**CLEAN, **changes}, TODAY), TODAY)


def advisory_ids(evaluation: Evaluation) -> set[str]:
    return {a.advisory_id for a in evaluation.advisories}


def test_everything_met_is_eligible(engine: Engine) -> None:
    evaluation = run(engine)
    assert evaluation.verdict == "eligible"
    assert evaluation.eligible_from is None
    assert {r.status.value for r in evaluation.results} <= {"pass", "not_applicable"}


def test_only_the_180_day_rule_is_not_yet(engine: Engine) -> None:
    evaluation = run(
        engine,
        registration_date="2026-01-20",
        application_date="2026-02-15",
        after_sales_letter=False,
    )
    assert evaluation.verdict == "not_yet"
    assert evaluation.eligible_from == dt.date(2026, 7, 20)
    assert evaluation.days_since_registration == 26


def test_the_letter_in_hand_makes_a_young_car_eligible(engine: Engine) -> None:
    evaluation = run(
        engine,
        registration_date="2026-01-20",
        application_date="2026-02-15",
        after_sales_letter=True,
    )
    assert evaluation.verdict == "eligible"
    assert "cn.letter_requirements" in advisory_ids(evaluation)


@pytest.mark.parametrize(
    "change",
    [
        {"exporter_filed": False},
        {"transfer_for_export": False},
        {"data_matches_certificate": False},
        {"test_report": False},
        {"encumbered": True},
        {"unresolved_violations": True},
        {"vin": "LRW3F7FS8PC893577"},
    ],
)
def test_fixable_failures_are_conditional(engine: Engine, change: dict[str, Any]) -> None:
    assert run(engine, **change).verdict == "conditional"


@pytest.mark.parametrize(
    "change",
    [
        {"registered_in_china": False, "registration_date": None},
        {"vehicle_type": "three_wheeler"},
        {"seized_or_stolen": True},
        {"near_scrapping": True},
        {"modified": True, "modification_certified": False},
    ],
)
def test_permanent_failures_are_not_eligible(engine: Engine, change: dict[str, Any]) -> None:
    evaluation = run(engine, **change)
    assert evaluation.verdict == "not_eligible"
    assert evaluation.eligible_from is None


def test_a_permanent_ban_outranks_a_fixable_failure_and_waiting(engine: Engine) -> None:
    evaluation = run(
        engine,
        seized_or_stolen=True,
        test_report=False,
        registration_date="2026-01-20",
        application_date="2026-02-15",
        after_sales_letter=False,
    )
    assert evaluation.verdict == "not_eligible"
    assert evaluation.eligible_from is None


def test_waiting_plus_paperwork_is_conditional_with_the_date(engine: Engine) -> None:
    evaluation = run(
        engine,
        test_report=False,
        registration_date="2026-01-20",
        application_date="2026-02-15",
        after_sales_letter=False,
    )
    assert evaluation.verdict == "conditional"
    assert evaluation.eligible_from == dt.date(2026, 7, 20)


@pytest.mark.parametrize(
    "unknown",
    [
        {"seized_or_stolen": None},
        {"near_scrapping": None},
        {"modified": None},
        {"exporter_filed": None},
        {"registered_in_china": None, "registration_date": None},
    ],
)
def test_unknowns_never_fail(engine: Engine, unknown: dict[str, Any]) -> None:
    evaluation = run(engine, **unknown)
    assert evaluation.verdict == "conditional"
    assert all(r.status.value != "fail" for r in evaluation.results)


def test_no_vin_is_not_checked_and_changes_nothing(engine: Engine) -> None:
    evaluation = run(engine, vin=None)
    vin = next(r for r in evaluation.results if r.rule_id == "cn.vin")
    assert (vin.status.value, vin.reason) == ("not_applicable", "not_given")
    assert evaluation.verdict == "eligible"


def test_a_registration_date_implies_registration(engine: Engine) -> None:
    assert run(engine, registered_in_china=None).verdict == "eligible"


def test_an_empty_case_is_conditional_and_fails_nothing(engine: Engine) -> None:
    evaluation = engine.evaluate(parse_case({}, TODAY), TODAY)
    assert evaluation.verdict == "conditional"
    assert all(r.status.value in {"unknown", "not_applicable"} for r in evaluation.results)


@pytest.mark.parametrize(
    ("application", "borderline"),
    [
        ("2026-07-16", False),  # day 177
        ("2026-07-17", True),  # day 178
        ("2026-07-19", True),  # day 180
        ("2026-07-21", True),  # day 182
        ("2026-07-22", False),  # day 183
    ],
)
def test_borderline_warning_days_178_to_182(
    engine: Engine, application: str, borderline: bool
) -> None:
    evaluation = run(engine, registration_date="2026-01-20", application_date=application)
    assert ("cn.borderline_180" in advisory_ids(evaluation)) is borderline
    if borderline:
        found = next(a for a in evaluation.advisories if a.advisory_id == "cn.borderline_180")
        assert found.details["safe_from"] == dt.date(2026, 7, 21)


def test_low_odometer_gets_the_no_minimum_mileage_advisory(engine: Engine) -> None:
    assert "cn.no_minimum_mileage" in advisory_ids(run(engine, odometer_km=12))
    assert "cn.no_minimum_mileage" not in advisory_ids(run(engine, odometer_km=42000))
    # A low odometer alone never fails a car.
    assert run(engine, odometer_km=0).verdict == "eligible"


def test_ev_advisories(engine: Engine) -> None:
    used = advisory_ids(run(engine, powertrain="bev"))
    assert {"cn.used_bev_route", "cn.battery_health"} <= used
    new = run(engine, powertrain="bev", registered_in_china=False, registration_date=None)
    assert "cn.new_bev_licence" in advisory_ids(new)
    assert "cn.used_bev_route" not in advisory_ids(new)
    assert "cn.battery_health" in advisory_ids(run(engine, powertrain="phev"))
    assert not {"cn.used_bev_route", "cn.battery_health"} & advisory_ids(run(engine))


def test_new_bev_advisory_is_dated_from_2026(engine: Engine) -> None:
    before = run(
        engine,
        powertrain="bev",
        registered_in_china=False,
        registration_date=None,
        application_date="2025-12-31",
    )
    assert "cn.new_bev_licence" not in advisory_ids(before)


def test_deregistration_and_temporary_plate(engine: Engine) -> None:
    ids = advisory_ids(run(engine))
    assert {"cn.deregistration", "cn.temporary_plate"} <= ids
    assert "cn.temporary_plate" not in advisory_ids(run(engine, transfer_for_export=None))


def test_vin_origin_advisories(engine: Engine) -> None:
    assert "vin.built_in_china" in advisory_ids(run(engine))
    foreign = advisory_ids(run(engine, vin="1HGCM82633A004352"))
    assert "vin.not_built_in_china" in foreign
    assert "vin.built_in_china" not in foreign
    odd = advisory_ids(run(engine, vin="1HGCM82683A004352"))
    assert "vin.check_digit_unverified" in odd
    assert not {"vin.built_in_china", "vin.not_built_in_china"} & advisory_ids(
        run(engine, vin="TOO-SHORT")
    )


def test_transition_advisory_for_cars_registered_before_2026(engine: Engine) -> None:
    young = run(
        engine,
        registration_date="2025-12-10",
        application_date="2026-01-15",
        after_sales_letter=False,
    )
    assert "cn.transitional" in advisory_ids(young)
    assert young.verdict == "not_yet"
    later = run(
        engine,
        registration_date="2026-01-10",
        application_date="2026-02-15",
        after_sales_letter=False,
    )
    assert "cn.transitional" not in advisory_ids(later)
