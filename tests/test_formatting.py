"""Plural forms follow each language's rules (CLDR through Babel); no text shows a template."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from bot.domain.case import parse_case
from bot.domain.formatting import format_text
from bot.services.library import Library
from knowledge.lint import flatten, placeholders
from knowledge.loader import load_locales

LOCALES = load_locales()
ON = dt.date(2026, 12, 1)
DAYS_RU = "{days, plural, one {# день} few {# дня} many {# дней} other {# дня}}"


@pytest.mark.parametrize(
    ("lang", "template", "count", "expected"),
    [
        ("en", "{days, plural, one {# day} other {# days}}", 1, "1 day"),
        ("en", "{days, plural, one {# day} other {# days}}", 0, "0 days"),
        ("en", "{days, plural, one {# day} other {# days}}", 2, "2 days"),
        ("ru", DAYS_RU, 1, "1 день"),
        ("ru", DAYS_RU, 3, "3 дня"),
        ("ru", DAYS_RU, 5, "5 дней"),
        ("ru", DAYS_RU, 11, "11 дней"),
        ("ru", DAYS_RU, 21, "21 день"),
        ("ru", DAYS_RU, 22, "22 дня"),
        ("en", "{days, plural, =0 {today} one {# day} other {# days}}", 0, "today"),
        ("zh", "{days, plural, other {#天}}", 1, "1天"),
        ("en", "{days, plural, one {# day} other {# days}} of {limit}", 1, "1 day of 180"),
    ],
)
def test_plural_forms(lang: str, template: str, count: int, expected: str) -> None:
    assert format_text(template, LOCALES[lang], {"days": count, "limit": 180}) == expected


def test_a_plural_needs_a_whole_number() -> None:
    with pytest.raises(TypeError):
        format_text("{days, plural, one {# day} other {# days}}", LOCALES["en"], {"days": "1"})


def test_the_180_day_message_says_one_day_in_every_language() -> None:
    for lang, locale in LOCALES.items():
        template = locale.requirements["cn.180_day_letter"].reasons["letter_missing"]
        text = format_text(template, locale, {"days": 1, "limit": 180})
        assert "1" in text
        assert {"en": "1 days", "ru": "1 дней", "zh": "{"}[lang] not in text


# What a filled text must never show: braces, plural syntax, a Python None, a code in brackets.
# (The JSON input errors of `exportdesk check` name JSON's null on purpose.)
LEFTOVER = re.compile(r"[{}]|\bNone\b(?! of)|\[\[|, plural,|\(\s*[a-z]+[0-9_][a-z0-9_]*\s*\)")
NULL = re.compile(r"\bnull\b")


def sample(name: str) -> object:
    """A sample value for a placeholder: numbers for what is counted, words for the rest."""
    counted = {"days", "limit", "count", "max_years", "months", "km", "hp", "step", "total"}
    return 7 if name in counted or name.endswith(("_years", "_days", "_hp")) else "Sample"


@pytest.mark.parametrize("lang", sorted(LOCALES))
def test_every_text_renders_with_sample_values_and_no_leftover(lang: str) -> None:
    locale = LOCALES[lang]
    texts = dict(flatten(locale.model_dump(exclude={"lang", "language_name", "babel_locale"})))
    bad = []
    for key, template in texts.items():
        values = {name: sample(name) for name in placeholders(template)}
        try:
            text = format_text(template, locale, values)
        except (KeyError, ValueError, IndexError, TypeError) as exc:
            bad.append(f"{key}: {exc!r}")
            continue
        if LEFTOVER.search(text) or (NULL.search(text) and not key.startswith("errors/")):
            bad.append(f"{key}: {text}")
    assert bad == []


CASES = [
    # China-6 car to a Euro-5 market, filing unknown: emission and filing messages.
    {"vehicle_type": "passenger", "powertrain": "ice", "registered_in_china": True,
     "registration_date": "2020-01-10", "emission_standard": "china6", "destination": "KZ",
     "steering": "lhd", "manufacture_date": "2019-05"},
    # One day after registration, no letter; a one-year limit market (Egypt).
    {"vehicle_type": "commercial", "powertrain": "bev", "registered_in_china": True,
     "registration_date": "2026-11-30", "after_sales_letter": False, "destination": "EG",
     "manufacture_date": "2025-06", "exporter_filed": False, "test_report": False},
    # Modified without proof, to Russia with power given; unknown standard text.
    {"vehicle_type": "passenger", "powertrain": "phev", "registered_in_china": True,
     "registration_date": "2025-01-10", "modified": True, "modification_certified": False,
     "destination": "RU", "engine_power_hp": 190, "emission_standard": "euro9x"},
]  # fmt: skip
CODES = re.compile(
    r"\b(china[56]|euro[3-6]|ice|hev|phev|erev|bev|fcev|lhd|rhd|three_wheeler|low_speed"
    r"|not_given|no_data|letter_missing|[a-z]+_[a-z_]+)\b"
)


@pytest.mark.parametrize("lang", sorted(LOCALES))
def test_rendered_verdicts_show_no_internal_code(library: Library, lang: str) -> None:
    explainer = library.explainer(lang)
    for raw in CASES:
        case = parse_case(raw, ON)
        text = explainer.as_text(library.engine.evaluate(case, ON))
        prose = re.sub(r"https?://\S+", "", text)  # addresses may hold anything
        assert CODES.findall(prose) == [], prose
        assert not LEFTOVER.search(prose), prose
