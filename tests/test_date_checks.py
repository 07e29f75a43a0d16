"""Refused dates: each reason at its boundary, and a text for each reason in every language."""

from __future__ import annotations

from datetime import date

import pytest

from bot.domain.date_checks import (
    APPLICATION_BEFORE_REGISTRATION,
    APPLICATION_IN_PAST,
    REASONS,
    REGISTRATION_IN_FUTURE,
    application_problem,
    earliest_application_day,
    registration_problem,
)
from knowledge.lint import placeholders
from knowledge.loader import load_locales

TODAY = date(2026, 3, 15)
YESTERDAY = date(2026, 3, 14)
TOMORROW = date(2026, 3, 16)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2025, 10, 1), None),
        (YESTERDAY, None),
        (TODAY, None),  # registered today is fine
        (TOMORROW, REGISTRATION_IN_FUTURE),
        (date(2027, 1, 1), REGISTRATION_IN_FUTURE),
    ],
)
def test_registration_problem(day: date, expected: str | None) -> None:
    assert registration_problem(day, TODAY) == expected


@pytest.mark.parametrize(
    ("day", "registration", "expected"),
    [
        # without a registration date only today matters
        (TODAY, None, None),  # applying today is fine
        (TOMORROW, None, None),
        (YESTERDAY, None, APPLICATION_IN_PAST),
        # registered earlier: the past is the binding limit
        (TODAY, date(2025, 10, 1), None),
        (date(2025, 10, 1), date(2025, 10, 1), APPLICATION_IN_PAST),  # not "before registration"
        (YESTERDAY, date(2025, 10, 1), APPLICATION_IN_PAST),
        (date(2025, 9, 30), date(2025, 10, 1), APPLICATION_BEFORE_REGISTRATION),
        # registered today: applying the same day is fine
        (TODAY, TODAY, None),
        (YESTERDAY, TODAY, APPLICATION_BEFORE_REGISTRATION),
        # a registration after today (not refused yet): the application may not precede it
        (date(2026, 4, 1), date(2026, 4, 1), None),
        (date(2026, 3, 31), date(2026, 4, 1), APPLICATION_BEFORE_REGISTRATION),
        (TODAY, date(2026, 4, 1), APPLICATION_BEFORE_REGISTRATION),
    ],
)
def test_application_problem(day: date, registration: date | None, expected: str | None) -> None:
    assert application_problem(day, registration, TODAY) == expected


@pytest.mark.parametrize(
    ("registration", "expected"),
    [
        (None, TODAY),
        (date(2025, 10, 1), TODAY),
        (YESTERDAY, TODAY),
        (TODAY, TODAY),
        (TOMORROW, TOMORROW),
    ],
)
def test_earliest_application_day(registration: date | None, expected: date) -> None:
    assert earliest_application_day(registration, TODAY) == expected


@pytest.mark.parametrize(
    "registration", [None, date(2025, 10, 1), YESTERDAY, TODAY, TOMORROW, date(2026, 4, 1)]
)
def test_the_suggested_day_is_accepted_and_the_day_before_is_not(
    registration: date | None,
) -> None:
    earliest = earliest_application_day(registration, TODAY)
    assert application_problem(earliest, registration, TODAY) is None
    assert application_problem(date.fromordinal(earliest.toordinal() - 1), registration, TODAY)


def test_reason_codes() -> None:
    assert REASONS == (
        "registration_in_future",
        "application_in_past",
        "application_before_registration",
    )


@pytest.mark.parametrize("lang", ["en", "zh", "ru"])
@pytest.mark.parametrize("reason", REASONS)
def test_every_reason_has_a_text_with_the_date(lang: str, reason: str) -> None:
    text = load_locales()[lang].ui[f"date_refused.{reason}"]
    assert placeholders(text) == {"date"}
    assert "2026" in text.format(date="2026-03-15")
