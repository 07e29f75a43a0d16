"""The vehicle case: normalisation of what people type, and rejection that names the field."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from bot.domain.case import CaseInvalidError, VehicleCase, parse_case

TODAY = dt.date(2026, 11, 28)


def errors(raw: object) -> list[tuple[str, str]]:
    with pytest.raises(CaseInvalidError) as caught:
        parse_case(raw, TODAY)
    return [(e.field, e.code) for e in caught.value.errors]


def test_fields_are_those_of_the_design_plus_two_added() -> None:
    # DESIGN 3.2 allows additions: a listing question for modified cars, and the weight class.
    assert set(VehicleCase.model_fields) == {
        "modification_listed", "over_3_5_tonnes",
        "vin", "vehicle_type", "powertrain", "registered_in_china", "registration_date",
        "application_date", "odometer_km", "after_sales_letter", "exporter_filed",
        "transfer_for_export", "data_matches_certificate", "test_report", "encumbered",
        "seized_or_stolen", "unresolved_violations", "near_scrapping", "modified",
        "modification_certified", "destination", "manufacture_date", "model_year", "steering",
        "emission_standard", "engine_power_hp",
    }  # fmt: skip


def test_normalises_vin_and_country() -> None:
    case = parse_case({"vin": "  lrw3f7fs9-pc893577 ", "destination": " kz "}, TODAY)
    assert case.vin == "LRW3F7FS9PC893577"
    assert case.destination == "KZ"


def test_application_date_defaults_to_today() -> None:
    assert parse_case({}, TODAY).application_date == TODAY
    explicit = parse_case({"application_date": "2026-03-01"}, TODAY)
    assert explicit.application_date == dt.date(2026, 3, 1)


def test_emission_standard_is_normalised() -> None:
    assert parse_case({"emission_standard": "Euro 5"}, TODAY).emission_standard == "euro5"
    assert parse_case({"emission_standard": "China-6b"}, TODAY).emission_standard == "china6b"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ({"registration_date": "2026-02-30"}, [("registration_date", "invalid_date")]),
        ({"registration_date": "20/01/2026"}, [("registration_date", "invalid_date")]),
        ({"registration_date": 20260120}, [("registration_date", "invalid_date")]),
        ({"manufacture_date": "yesterday"}, [("manufacture_date", "invalid_date")]),
        (
            {"registration_date": "2026-03-01", "application_date": "2026-02-01"},
            [("registration_date", "registration_after_application")],
        ),
        (
            {"registration_date": "2027-01-01"},
            [("registration_date", "registration_after_application")],
        ),
        ({"odometer_km": -5}, [("odometer_km", "too_small")]),
        ({"odometer_km": "12k"}, [("odometer_km", "not_integer")]),
        ({"engine_power_hp": 0}, [("engine_power_hp", "too_small")]),
        ({"vehicle_type": "tractor"}, [("vehicle_type", "unknown_value")]),
        ({"powertrain": "diesel"}, [("powertrain", "unknown_value")]),
        ({"steering": "middle"}, [("steering", "unknown_value")]),
        ({"destination": "XX"}, [("destination", "unknown_country")]),
        ({"destination": "Kazakhstan"}, [("destination", "unknown_country")]),
        ({"colour": "red"}, [("colour", "unknown_field")]),
        ({"after_sales_letter": "yes"}, [("after_sales_letter", "not_boolean")]),
        (
            {"registered_in_china": False, "registration_date": "2026-01-01"},
            [("registration_date", "registration_date_without_registration")],
        ),
        (
            {"modified": False, "modification_certified": True},
            [("modification_certified", "certified_without_modification")],
        ),
    ],
)
def test_impossible_input_names_the_field(
    raw: dict[str, Any], expected: list[tuple[str, str]]
) -> None:
    assert errors(raw) == expected


def test_every_problem_is_reported_at_once() -> None:
    found = errors({"odometer_km": -1, "powertrain": "steam", "foo": 1})
    assert sorted(found) == [
        ("foo", "unknown_field"),
        ("odometer_km", "too_small"),
        ("powertrain", "unknown_value"),
    ]


@pytest.mark.parametrize("raw", [[], "text", 3, None])
def test_input_must_be_an_object(raw: object) -> None:
    assert errors(raw) == [("case", "not_an_object")]


def test_unknown_value_lists_the_allowed_values() -> None:
    with pytest.raises(CaseInvalidError) as caught:
        parse_case({"powertrain": "diesel"}, TODAY)
    allowed = caught.value.errors[0].params["allowed"]
    assert "bev" in allowed
    assert "ice" in allowed
