"""Typed-answer parsing: every accepted form, every rejection, and the date ambiguity rules."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from bot.domain.parsing import (
    DateResult,
    Distance,
    find_dates,
    find_month,
    parse_date,
    parse_distance,
    parse_power_hp,
    parse_year,
    parse_yes_no,
)

TODAY = date(2026, 3, 15)
OCT_1 = date(2025, 10, 1)


# --- parse_date ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "2025-10-01",
        "2025/10/1",
        "2025.10.01",
        "2025-10-1",
        "1.10.2025",
        "01.10.2025",
        "1.10.25",
        "01.10.2025 г.",
        "1.10.2025г",
        "2025年10月1日",
        "2025年10月1号",
        "2025 年 10 月 1 日",
        "25年10月1日",
        "２０２５年１０月１日",
        "10月1日",
        "10月1号",
        "1 октября 2025",
        "1 Октября 2025",
        "1 окт 2025",
        "1 окт. 2025",
        "01 октября 2025 г.",
        "1 октября 2025 года",
        "1 октября",
        "Oct 1 2025",
        "Oct. 1, 2025",
        "October 1, 2025",
        "1 Oct 2025",
        "1st October 2025",
        "1st of October 2025",
        "Oct 1",
        "  2025-10-01  ",
        "2025-10-01.",
        "1 October 2025.",
    ],
)
def test_parse_date_accepts_1_october_2025(text: str) -> None:
    assert parse_date(text, TODAY) == DateResult(OCT_1, ())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("13/02/2025", date(2025, 2, 13)),
        ("02/13/2025", date(2025, 2, 13)),
        ("13-02-2025", date(2025, 2, 13)),
        ("01/01/2025", date(2025, 1, 1)),
        ("05/05/2025", date(2025, 5, 5)),
        ("02.13.2025", date(2025, 2, 13)),  # dots read day-first, but 13 cannot be a month
        ("Sept 1 2025", date(2025, 9, 1)),
        ("1 мая 2025", date(2025, 5, 1)),
        ("3 May 2025", date(2025, 5, 3)),
    ],
)
def test_parse_date_unambiguous_numeric_and_named(text: str, expected: date) -> None:
    assert parse_date(text, TODAY) == DateResult(expected, ())


@pytest.mark.parametrize(
    ("text", "candidates"),
    [
        ("1/10/2025", (date(2025, 10, 1), date(2025, 1, 10))),
        ("1-10-2025", (date(2025, 10, 1), date(2025, 1, 10))),
        ("03/04/2025", (date(2025, 4, 3), date(2025, 3, 4))),
    ],
)
def test_parse_date_ambiguous_lists_day_first_reading_first(
    text: str, candidates: tuple[date, ...]
) -> None:
    assert parse_date(text, TODAY) == DateResult(None, candidates)


def test_parse_date_dots_are_day_month_not_ambiguous() -> None:
    assert parse_date("03.04.2025", TODAY) == DateResult(date(2025, 4, 3), ())


def test_parse_date_reading_outside_the_window_does_not_count_as_ambiguity() -> None:
    # 1 October 2028 is over two years ahead, so only 10 January 2028 is plausible.
    assert parse_date("1/10/2028", TODAY) == DateResult(date(2028, 1, 10), ())


@pytest.mark.parametrize(
    ("text", "today", "expected"),
    [
        ("10月1日", date(2026, 3, 15), date(2025, 10, 1)),
        ("10月1日", date(2026, 10, 5), date(2026, 10, 1)),
        ("10月1日", date(2026, 10, 1), date(2026, 10, 1)),  # today itself is not "after today"
        ("10月1日", date(2026, 9, 30), date(2025, 10, 1)),
        ("10月1号", date(2026, 10, 5), date(2026, 10, 1)),
        ("1 октября", date(2026, 3, 15), date(2025, 10, 1)),
        ("1 октября", date(2026, 10, 5), date(2026, 10, 1)),
        ("Oct 1", date(2026, 10, 5), date(2026, 10, 1)),
        ("1 Oct", date(2026, 3, 15), date(2025, 10, 1)),
        ("29 февраля", date(2026, 3, 15), date(2024, 2, 29)),
        ("2月29日", date(2028, 3, 1), date(2028, 2, 29)),
    ],
)
def test_parse_date_without_year_is_the_latest_not_after_today(
    text: str, today: date, expected: date
) -> None:
    assert parse_date(text, today) == DateResult(expected, ())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", TODAY),
        ("Today", TODAY),
        ("сегодня", TODAY),
        ("今天", TODAY),
        ("yesterday", date(2026, 3, 14)),
        ("Вчера.", date(2026, 3, 14)),
        ("昨天", date(2026, 3, 14)),
    ],
)
def test_parse_date_relative_words(text: str, expected: date) -> None:
    assert parse_date(text, TODAY) == DateResult(expected, ())


def test_parse_date_leap_day() -> None:
    assert parse_date("2024-02-29", TODAY) == DateResult(date(2024, 2, 29), ())
    assert parse_date("29.02.2024", TODAY) == DateResult(date(2024, 2, 29), ())
    assert parse_date("2025-02-29", TODAY) == DateResult(None, ())
    assert parse_date("29 февраля 2025", TODAY) == DateResult(None, ())


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "5",
        "2025",
        "32.01.2025",
        "2025-02-30",
        "31/02/2025",
        "13/13/2025",
        "31 апреля 2025",
        "hello",
        "next week",
        "in 3 days",
        "10/2025",
        "2025-10",
        "1979-12-31",
        "31.12.1979",
        "2028-03-16",  # more than two years after TODAY
        "1 mon 2025",  # dateparser reads this as relative; it must not slip through
        "14 day 2026",
        "1 hello 2025",
        "2025-10-01 and 2025-10-02",
        "registered 2025-10-01",
        "2025-10/01",
    ],
)
def test_parse_date_rejects(text: str) -> None:
    assert parse_date(text, TODAY) == DateResult(None, ())


def test_parse_date_window_edges() -> None:
    assert parse_date("1980-01-01", TODAY).value == date(1980, 1, 1)
    assert parse_date("2028-03-15", TODAY).value == date(2028, 3, 15)


def test_results_are_frozen() -> None:
    result = parse_date("2025-10-01", TODAY)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.value = None  # type: ignore[misc]


# --- find_dates / find_month --------------------------------------------------------------

SENTENCE_EN = "registered 2025-10-01, can I export in March?"
SENTENCE_ZH = "10月1日上牌 3月能出口吗"
SENTENCE_RU = "зарегистрирована 1 октября 2025, можно ли вывезти в марте?"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (SENTENCE_EN, (OCT_1,)),
        (SENTENCE_ZH, (OCT_1,)),
        (SENTENCE_RU, (OCT_1,)),
        ("can I ship in March 2026", ()),
        ("how long does shipping take?", ()),
        ("bought 1/10/2025, registered 13.02.2025", (date(2025, 2, 13),)),
        ("made Oct 1, 2025, sold 2025年12月3日", (OCT_1, date(2025, 12, 3))),
        ("mileage 12,000 km, 150 hp, 2021", ()),
        ("registered 2025-02-30", ()),
    ],
)
def test_find_dates(text: str, expected: tuple[date, ...]) -> None:
    assert find_dates(text, TODAY) == expected


def test_find_dates_applies_the_no_year_rule() -> None:
    assert find_dates(SENTENCE_ZH, date(2026, 10, 5)) == (date(2026, 10, 1),)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (SENTENCE_EN, date(2026, 3, 1)),
        (SENTENCE_ZH, date(2026, 3, 1)),
        (SENTENCE_RU, date(2026, 3, 1)),
        ("can I ship in March 2026", date(2026, 3, 1)),
        ("can I ship in March 2027", date(2027, 3, 1)),
        ("2026年3月能出口吗", date(2026, 3, 1)),
        ("26年3月", date(2026, 3, 1)),
        ("三月能出口吗", date(2026, 3, 1)),
        ("в марте", date(2026, 3, 1)),
        ("в мае 2027 года", date(2027, 5, 1)),
        ("к августу", date(2026, 8, 1)),
        ("in February", date(2027, 2, 1)),
        ("Dec", date(2026, 12, 1)),
        ("May I export in June?", date(2026, 6, 1)),
        ("ship in May", date(2026, 5, 1)),
        ("May", date(2026, 5, 1)),
        ("export 04.2026?", date(2026, 4, 1)),
        ("export 2026-04?", date(2026, 4, 1)),
        ("how long does shipping take?", None),
        ("10月1日上牌", None),
        ("registered 1 октября 2025", None),
        ("registered 2025-10-01", None),
        ("in 3 months", None),
        ("3个月后能出口吗", None),
        ("十月一日上牌", None),
    ],
)
def test_find_month(text: str, expected: date | None) -> None:
    assert find_month(text, TODAY) == expected


@pytest.mark.parametrize(
    ("text", "after", "expected"),
    [
        ("in March", date(2026, 3, 31), date(2026, 3, 1)),  # the month of `after` counts
        ("in March", date(2026, 4, 1), date(2027, 3, 1)),
        ("в марте", date(2025, 12, 20), date(2026, 3, 1)),
        ("in March 2026", date(2026, 4, 1), date(2026, 3, 1)),  # an explicit year wins
    ],
)
def test_find_month_after(text: str, after: date, expected: date) -> None:
    assert find_month(text, TODAY, after=after) == expected


# --- parse_distance -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12000", Distance(12000, "km")),
        ("12 000", Distance(12000, "km")),
        ("12\u00a0000", Distance(12000, "km")),
        ("12,000", Distance(12000, "km")),
        ("120.000 km", Distance(120000, "km")),
        ("12 000 km", Distance(12000, "km")),
        ("12000km", Distance(12000, "km")),
        ("12000 km.", Distance(12000, "km")),
        ("12k", Distance(12000, "km")),
        ("12K km", Distance(12000, "km")),
        ("12.5k", Distance(12500, "km")),
        ("7500 mi", Distance(12070, "mi")),
        ("7500 miles", Distance(12070, "mi")),
        ("1 mile", Distance(2, "mi")),
        ("1.2万公里", Distance(12000, "km")),
        ("1.2万", Distance(12000, "km")),
        ("5千公里", Distance(5000, "km")),
        ("5千米", Distance(5, "km")),
        ("12000公里", Distance(12000, "km")),
        ("12 тыс км", Distance(12000, "km")),
        ("12тыс.", Distance(12000, "km")),
        ("12 тыс. км", Distance(12000, "km")),
        ("12,5 тыс", Distance(12500, "km")),
        ("12000 км", Distance(12000, "km")),
        ("0", Distance(0, "km")),
        ("2000000", Distance(2_000_000, "km")),
    ],
)
def test_parse_distance_accepts(text: str, expected: Distance) -> None:
    assert parse_distance(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "   ", "-5", "-12000 km", "km", "twelve thousand", "about 12000", "2000001", "1250000 mi"],
)
def test_parse_distance_rejects(text: str) -> None:
    assert parse_distance(text) is None


# --- parse_power_hp -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("150", 150),
        ("150 hp", 150),
        ("150hp", 150),
        ("150 HP", 150),
        ("150 л.с.", 150),
        ("150 лс", 150),
        ("150马力", 150),
        ("150匹", 150),
        ("150 PS", 150),
        ("110 kW", 150),
        ("110kw", 150),
        ("110 кВт", 150),
        ("110千瓦", 150),
        ("100 kW", 136),
        ("2000", 2000),
    ],
)
def test_parse_power_hp_accepts(text: str, expected: int) -> None:
    assert parse_power_hp(text) == expected


@pytest.mark.parametrize("text", ["", "0", "0 kW", "-150", "2001", "1500 kW", "hp", "fast"])
def test_parse_power_hp_rejects(text: str) -> None:
    assert parse_power_hp(text) is None


# --- parse_year ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2021", 2021),
        ("2021年", 2021),
        ("2021年款", 2021),
        ("2021 г.", 2021),
        ("2021 г.в.", 2021),
        ("21年", 2021),
        ("99年", 1999),
        ("1980", 1980),
        ("2027", 2027),  # next year's models are already on sale
    ],
)
def test_parse_year_accepts(text: str, expected: int) -> None:
    assert parse_year(text, TODAY) == expected


@pytest.mark.parametrize("text", ["", "21", "'21", "1979", "2028", "twenty", "2021-10"])
def test_parse_year_rejects(text: str) -> None:
    assert parse_year(text, TODAY) is None


# --- parse_yes_no -------------------------------------------------------------------------

YES_WORDS = ["yes", "Y", "yeah", "yep", "sure", "true", "да", "ага", "есть", "是", "是的", "有"]
YES_WORDS += ["对", "好", "Yes!", " да. ", "是的。", "«Да»"]
NO_WORDS = ["no", "N", "nope", "False", "нет", "не", "否", "不是", "没有", "无", "不"]
NO_WORDS += ["No.", "нет!", "(no)"]


@pytest.mark.parametrize("text", YES_WORDS)
def test_parse_yes(text: str) -> None:
    assert parse_yes_no(text) is True


@pytest.mark.parametrize("text", NO_WORDS)
def test_parse_no(text: str) -> None:
    assert parse_yes_no(text) is False


@pytest.mark.parametrize("text", ["", "maybe", "yes no", "не знаю", "可能", "ok", "5"])
def test_parse_yes_no_unsure(text: str) -> None:
    assert parse_yes_no(text) is None
