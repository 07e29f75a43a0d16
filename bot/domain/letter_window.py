"""The 180-day window, counted in one place for the rule, the questionnaire and quick answers.

Days run from the first registration to the licence application; the letter is needed up to
and including day `limit` (the rule data's max_days_inclusive), so day limit + 1 is the first
day without it.
"""

from __future__ import annotations

import datetime as dt


def days_counted(registration: dt.date, application: dt.date) -> int:
    """Days from the first registration to the licence application."""
    return (application - registration).days


def letter_needed(days: int, limit: int) -> bool:
    """Within the window (the limit's day included) the manufacturer's letter is required."""
    return days <= limit


def first_day_without_letter(registration: dt.date, limit: int) -> dt.date:
    """The first application day on which no letter is needed."""
    return registration + dt.timedelta(days=limit + 1)
