"""Why a typed registration or application date is refused: a reason code, or None when it fits.

Each code names a text `date_refused.<code>` in the locales. The caller fills its `{date}`:
for `registration_in_future` the refused date as read, for the application codes
`earliest_application_day(registration, today)`, the first day the answer would be accepted.
"""

from __future__ import annotations

from datetime import date

__all__ = [
    "APPLICATION_BEFORE_REGISTRATION",
    "APPLICATION_IN_PAST",
    "REASONS",
    "REGISTRATION_IN_FUTURE",
    "application_problem",
    "earliest_application_day",
    "registration_problem",
]

REGISTRATION_IN_FUTURE = "registration_in_future"
APPLICATION_IN_PAST = "application_in_past"
APPLICATION_BEFORE_REGISTRATION = "application_before_registration"
REASONS = (REGISTRATION_IN_FUTURE, APPLICATION_IN_PAST, APPLICATION_BEFORE_REGISTRATION)


def registration_problem(day: date, today: date) -> str | None:
    """A registration cannot lie after today; a car registered today is fine."""
    return REGISTRATION_IN_FUTURE if day > today else None


def application_problem(day: date, registration: date | None, today: date) -> str | None:
    """A planned licence application: not before the registration, and not before today.

    Applying on the registration day or today is fine. When the date breaks both rules, the
    registration is named: it is the more specific reason, and the text's {date}
    (earliest_application_day) satisfies both, so one more answer is enough.
    """
    if registration is not None and day < registration:
        return APPLICATION_BEFORE_REGISTRATION
    if day < today:
        return APPLICATION_IN_PAST
    return None


def earliest_application_day(registration: date | None, today: date) -> date:
    """The first day application_problem accepts: today, or the registration day if later."""
    return today if registration is None or registration < today else registration
