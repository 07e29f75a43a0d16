"""Table tests: every China-side rule through pass, fail, unknown and not_applicable."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from bot.domain.case import parse_case
from bot.domain.eligibility import Engine
from bot.domain.questionnaire import Context, letter_matters
from bot.domain.quick import quick_answer
from bot.domain.results import Evaluation

TODAY = dt.date(2026, 11, 28)
REG = "2026-01-20"


def run(engine: Engine, on: dt.date = TODAY, **facts: Any) -> Evaluation:
    return engine.evaluate(parse_case(facts, on), on)


def result(engine: Engine, rule_id: str, on: dt.date = TODAY, **facts: Any) -> tuple[str, str]:
    found = next(r for r in run(engine, on, **facts).results if r.rule_id == rule_id)
    return found.status.value, found.reason


YES_NO_RULES = [
    ("cn.exporter_filed", "exporter_filed", True, "filed", "not_filed"),
    ("cn.transfer_for_export", "transfer_for_export", True, "done", "missing"),
    ("cn.data_match", "data_matches_certificate", True, "matches", "mismatch"),
    ("cn.test_report", "test_report", True, "passed", "missing"),
    ("cn.encumbrance", "encumbered", False, "clear", "encumbered"),
    ("cn.seized_or_stolen", "seized_or_stolen", False, "clear", "seized_or_stolen"),
    ("cn.violations", "unresolved_violations", False, "clear", "unresolved"),
    ("cn.scrapping", "near_scrapping", False, "not_near", "near_scrapping"),
]


@pytest.mark.parametrize(("rule_id", "field", "good", "ok", "bad"), YES_NO_RULES)
def test_declared_fact_rules(
    engine: Engine, rule_id: str, field: str, good: bool, ok: str, bad: str
) -> None:
    assert result(engine, rule_id, **{field: good}) == ("pass", ok)
    assert result(engine, rule_id, **{field: not good}) == ("fail", bad)
    assert result(engine, rule_id, **{field: None}) == ("unknown", "unknown")
    assert result(engine, rule_id) == ("unknown", "unknown")


@pytest.mark.parametrize(
    "rule_id", ["cn.transfer_for_export", "cn.data_match", "cn.180_day_letter"]
)
def test_certificate_rules_do_not_apply_to_a_never_registered_car(
    engine: Engine, rule_id: str
) -> None:
    assert result(engine, rule_id, registered_in_china=False) == (
        "not_applicable",
        "never_registered",
    )


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        (
            {"registered_in_china": True, "vehicle_type": "passenger"},
            ("pass", "registered_used_car"),
        ),
        ({"registration_date": REG, "vehicle_type": "trailer"}, ("pass", "registered_used_car")),
        ({"registered_in_china": False, "vehicle_type": "passenger"}, ("fail", "never_registered")),
        ({"registered_in_china": True, "vehicle_type": "three_wheeler"}, ("fail", "excluded_type")),
        ({"registered_in_china": True, "vehicle_type": "low_speed"}, ("fail", "excluded_type")),
        ({"vehicle_type": "passenger"}, ("unknown", "registration_unknown")),
        ({"registered_in_china": True}, ("unknown", "type_unknown")),
    ],
)
def test_used_car_scope(engine: Engine, facts: dict[str, Any], expected: tuple[str, str]) -> None:
    assert result(engine, "cn.used_car_scope", **facts) == expected


@pytest.mark.parametrize(
    ("registration", "application", "letter", "expected", "days"),
    [
        # 2026-01-20 + 180 days = 2026-07-19 (day 180, letter still needed); day 181 = 2026-07-20.
        ("2026-01-20", "2026-07-19", False, ("fail", "letter_missing"), 180),
        ("2026-01-20", "2026-07-20", False, ("pass", "over_limit"), 181),
        ("2026-01-20", "2026-07-19", True, ("pass", "letter_in_hand"), 180),
        ("2026-01-20", "2026-07-19", None, ("unknown", "letter_unknown"), 180),
        ("2026-01-20", "2026-01-20", False, ("fail", "letter_missing"), 0),
        # Leap year: 2028-02-29 exists, so 180 days after 2028-01-01 is 2028-06-29.
        ("2028-01-01", "2028-06-29", False, ("fail", "letter_missing"), 180),
        ("2028-01-01", "2028-06-30", False, ("pass", "over_limit"), 181),
        # Across the 2027/2028 leap day.
        ("2027-12-01", "2028-05-29", False, ("fail", "letter_missing"), 180),
        ("2027-12-01", "2028-05-30", False, ("pass", "over_limit"), 181),
        # Registered in 2025, applied for in 2026: the count still runs from registration.
        ("2025-10-01", "2026-03-30", False, ("fail", "letter_missing"), 180),
        ("2025-10-01", "2026-03-31", False, ("pass", "over_limit"), 181),
    ],
)
def test_180_day_boundary(
    engine: Engine,
    registration: str,
    application: str,
    letter: bool | None,
    expected: tuple[str, str],
    days: int,
) -> None:
    evaluation = run(
        engine,
        registration_date=registration,
        application_date=application,
        after_sales_letter=letter,
    )
    found = next(r for r in evaluation.results if r.rule_id == "cn.180_day_letter")
    assert (found.status.value, found.reason) == expected
    assert evaluation.days_since_registration == days
    eligible_from = dt.date.fromisoformat(registration) + dt.timedelta(days=181)
    assert found.details["eligible_from"] == eligible_from


def test_180_day_rule_is_not_in_force_before_2026(engine: Engine) -> None:
    status = result(
        engine,
        "cn.180_day_letter",
        registration_date="2025-11-01",
        application_date="2025-12-31",
        after_sales_letter=False,
    )
    assert status == ("not_applicable", "not_in_force")
    assert result(
        engine,
        "cn.180_day_letter",
        registration_date="2025-11-01",
        application_date="2026-01-01",
        after_sales_letter=False,
    ) == ("fail", "letter_missing")


def test_default_application_date_is_the_evaluation_date(engine: Engine) -> None:
    evaluation = run(engine, on=dt.date(2026, 3, 1), registration_date="2026-01-20")
    assert evaluation.days_since_registration == 40
    assert evaluation.evaluated_on == dt.date(2026, 3, 1)


def test_180_day_unknown_without_registration_date(engine: Engine) -> None:
    assert result(engine, "cn.180_day_letter", registered_in_china=True) == (
        "unknown",
        "registration_date_unknown",
    )


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        ({"modified": False}, ("not_applicable", "not_modified")),
        ({}, ("unknown", "unknown")),
        ({"modified": True}, ("unknown", "certification_unknown")),
        ({"modified": True, "modification_certified": True}, ("pass", "certified")),
        ({"modified": True, "modification_certified": False}, ("fail", "uncertified")),
    ],
)
def test_modified(engine: Engine, facts: dict[str, Any], expected: tuple[str, str]) -> None:
    assert result(engine, "cn.modified", **facts) == expected


def test_modified_rule_starts_with_the_2026_notice(engine: Engine) -> None:
    assert result(
        engine,
        "cn.modified",
        application_date="2025-12-31",
        modified=True,
        modification_certified=False,
    ) == ("not_applicable", "not_in_force")


@pytest.mark.parametrize(
    ("vin", "expected"),
    [
        # Real VINs: Tesla Shanghai (LRW), Honda USA, Tesla Fremont, Honda Japan.
        ("LRW3F7FS9PC893577", ("pass", "valid")),
        ("LRW3E7FA2LC146763", ("pass", "valid")),
        (" lrw3e7ekxsc495307 ", ("pass", "valid")),
        ("1HGCM82633A004352", ("pass", "valid")),
        ("5YJ3E1EA7HF000337", ("pass", "valid")),
        ("JHMCM56557C404453", ("pass", "valid")),
        # Position 9 altered: a China-assigned VIN must carry the right check digit.
        ("LRW3F7FS8PC893577", ("fail", "check_digit")),
        # Outside China the check digit is optional.
        ("1HGCM82683A004352", ("pass", "check_digit_not_required")),
        ("LRW3F7FS9PC89357", ("fail", "bad_format")),
        ("LRW3F7FS9PC89357O", ("fail", "bad_format")),
        ("IRW3F7FS9PC893577", ("fail", "bad_format")),
        (None, ("not_applicable", "not_given")),
    ],
)
def test_vin(engine: Engine, vin: str | None, expected: tuple[str, str]) -> None:
    assert result(engine, "cn.vin", vin=vin) == expected


@pytest.mark.parametrize(("days", "needed"), [(0, True), (179, True), (180, True), (181, False)])
def test_rule_questionnaire_and_quick_answer_count_the_window_alike(
    engine: Engine, days: int, needed: bool
) -> None:
    registered = dt.date(2026, 3, 1)
    applied = registered + dt.timedelta(days=days)
    case = {"registration_date": registered.isoformat(), "application_date": applied.isoformat()}
    rule = next(
        r
        for r in engine.evaluate(
            parse_case({**case, "after_sales_letter": False}, applied), applied
        ).results
        if r.rule_id == "cn.180_day_letter"
    )
    assert (rule.status.value == "fail") is needed
    ctx = Context({"registered_in_china": True, **case}, "dealer", applied, 180, {})
    assert letter_matters(ctx) is needed
    quick = quick_answer(registered.isoformat(), applied, 180, dt.date(2026, 1, 1))
    assert quick is not None
    assert quick.letter_needed_today is needed
    assert quick.first_free_day == registered + dt.timedelta(days=181)
