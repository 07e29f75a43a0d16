"""Dates, months and numbers as each language writes them (Babel), for every text we show."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal

from knowledge.schema import LocaleBundle


def format_day(day: dt.date, locale: LocaleBundle) -> str:
    """A date as people of this language write it."""
    return str(format_date(day, format="long", locale=locale.babel_locale))


def format_month(day: dt.date, locale: LocaleBundle) -> str:
    """A month and year ("December 2026", "2026年12月", "декабрь 2026 г.")."""
    return str(format_skeleton("yMMMM", day, locale=locale.babel_locale))


def format_number(value: float, locale: LocaleBundle) -> str:
    """A quantity with the language's grouping and decimal signs (3,400 / 3 400 / 58,85)."""
    return str(format_decimal(value, locale=locale.babel_locale))
