"""Dates, months and numbers as each language writes them (Babel), for every text we show."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from babel import Locale
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


_PLURAL = re.compile(r"\{(\w+), plural,")
_FORM = re.compile(r"\s*(=\d+|zero|one|two|few|many|other)\s*\{")


def _block(text: str, start: int) -> int:
    """The index just past the brace that closes the one opened before start."""
    depth = 1
    for index in range(start, len(text)):
        depth += {"{": 1, "}": -1}.get(text[index], 0)
        if depth == 0:
            return index + 1
    raise ValueError(f"unbalanced braces in {text!r}")


def _choose(forms: str, count: int, locale: LocaleBundle) -> str:
    """The form for this count: an exact =N, else the language's CLDR category, else other."""
    found: dict[str, str] = {}
    position = 0
    while (match := _FORM.match(forms, position)) is not None:
        end = _block(forms, match.end())
        found[match.group(1)] = forms[match.end() : end - 1]
        position = end
    category = Locale.parse(locale.babel_locale).plural_form(count)
    chosen = found.get(f"={count}") or found.get(category) or found["other"]
    return chosen.replace("#", format_number(count, locale))


def format_text(template: str, locale: LocaleBundle, values: Mapping[str, object]) -> str:
    """A text with its values, ICU-style plurals ({days, plural, one {# day} other {# days}})
    chosen by the language's plural rules."""
    while (match := _PLURAL.search(template)) is not None:
        end = _block(template, match.end())
        count = values[match.group(1)]
        if not isinstance(count, int):
            raise TypeError(f"{match.group(1)} must be a whole number to choose a plural")
        chosen = _choose(template[match.end() : end - 1], count, locale)
        template = template[: match.start()] + chosen + template[end:]
    return template.format(**values)
