"""The one-message 180-day answer for busy dealers: days so far, first day without a letter."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from bot.domain.letter_window import days_counted, first_day_without_letter, letter_needed
from bot.domain.parsing import find_dates, find_month


@dataclass(frozen=True, slots=True)
class QuickAnswer:
    """What a dealer needs to know from a registration date, and a target date or month if given."""

    registration: dt.date
    today: dt.date
    days_so_far: int
    limit: int
    letter_needed_today: bool
    first_free_day: dt.date
    target: dt.date | None
    target_is_month: bool
    rule_starts: dt.date

    @property
    def target_end(self) -> dt.date | None:
        """The last day the target covers: the day itself, or the month's last day."""
        if self.target is None or not self.target_is_month:
            return self.target
        last = calendar.monthrange(self.target.year, self.target.month)[1]
        return self.target.replace(day=last)

    @property
    def target_outcome(self) -> str | None:
        """free: no letter on any day of the target; partly: from first_free_day; letter: needed."""
        end = self.target_end
        if self.target is None or end is None:
            return None
        if end < self.rule_starts or self.target >= self.first_free_day:
            return "free"
        if end >= self.first_free_day:
            return "partly"
        return "letter"


def quick_answer(text: str, today: dt.date, limit: int, rule_starts: dt.date) -> QuickAnswer | None:
    """Read a registration date (and maybe a planned date or month) from free text."""
    dates = find_dates(text, today)
    if not dates:
        return None
    registration = dates[0]
    first_free = first_day_without_letter(registration, limit)
    target: dt.date | None = dates[1] if len(dates) > 1 else None
    is_month = False
    if target is None:
        target = find_month(text, today, after=max(today, registration))
        is_month = target is not None
    days = days_counted(registration, today)
    return QuickAnswer(
        registration=registration,
        today=today,
        days_so_far=days,
        limit=limit,
        letter_needed_today=today >= rule_starts and days >= 0 and letter_needed(days, limit),
        first_free_day=first_free,
        target=target,
        target_is_month=is_month,
        rule_starts=rule_starts,
    )
