"""Typed-answer parsing: every accepted form, every rejection, and the date ambiguity rules."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date

import pytest

from bot.domain.parsing import (
    DateResult,
    Distance,
    Toward,
    find_dates,
    find_month,
    parse_date,
    parse_distance,
    parse_month,
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


# --- relative dates and the direction for dates without a year -----------------------------

DEC_2 = date(2026, 12, 2)  # late in the year: "10月1日" alone is this year's, "去年10月1日" is not
JAN_10 = date(2027, 1, 10)  # early in the year: "last month" and "next December" cross a year


@pytest.mark.parametrize(
    ("text", "today", "expected"),
    [
        # a year named relative to this one, with a month and day
        ("去年10月1日", DEC_2, date(2025, 10, 1)),
        ("去年 10 月 1 号", DEC_2, date(2025, 10, 1)),
        ("前年10月1日", DEC_2, date(2024, 10, 1)),
        ("今年3月5日", DEC_2, date(2026, 3, 5)),
        ("明年1月2日", DEC_2, date(2027, 1, 2)),
        ("后年1月1日", DEC_2, date(2028, 1, 1)),
        ("last year on March 5", DEC_2, date(2025, 3, 5)),
        ("last year, 5 March", DEC_2, date(2025, 3, 5)),
        ("March 5 last year", DEC_2, date(2025, 3, 5)),
        ("on March the 5th of last year", DEC_2, date(2025, 3, 5)),
        ("5th of March this year", DEC_2, date(2026, 3, 5)),
        ("next year on Jan 2", DEC_2, date(2027, 1, 2)),
        ("the year before last on May 1", DEC_2, date(2024, 5, 1)),
        ("в прошлом году 5 марта", DEC_2, date(2025, 3, 5)),
        ("5 марта прошлого года", DEC_2, date(2025, 3, 5)),
        ("5 марта в прошлом году.", DEC_2, date(2025, 3, 5)),
        ("в этом году 1 декабря", DEC_2, date(2026, 12, 1)),
        ("в следующем году 2 января", DEC_2, date(2027, 1, 2)),
        ("1 мая позапрошлого года", DEC_2, date(2024, 5, 1)),
        ("в будущем году 1 мая", DEC_2, date(2027, 5, 1)),
        ("1 мая сего года", DEC_2, date(2026, 5, 1)),
        # a month named relative to this one, with a day
        ("上个月5号", DEC_2, date(2026, 11, 5)),
        ("上月5日", DEC_2, date(2026, 11, 5)),
        ("这个月1日", DEC_2, date(2026, 12, 1)),
        ("本月10号", DEC_2, date(2026, 12, 10)),
        ("下个月3号", DEC_2, date(2027, 1, 3)),
        ("the 5th of last month", DEC_2, date(2026, 11, 5)),
        ("last month, the 5th", DEC_2, date(2026, 11, 5)),
        ("next month on the 3rd", DEC_2, date(2027, 1, 3)),
        ("this month on the 1st", DEC_2, date(2026, 12, 1)),
        ("в следующем месяце 3-го", DEC_2, date(2027, 1, 3)),
        ("3-го числа следующего месяца", DEC_2, date(2027, 1, 3)),
        ("в прошлом месяце 5-го числа", DEC_2, date(2026, 11, 5)),
        ("1 числа этого месяца", DEC_2, date(2026, 12, 1)),
        ("в текущем месяце 1-го", DEC_2, date(2026, 12, 1)),
        ("上个月5号", JAN_10, date(2026, 12, 5)),
        ("last month on the 5th", JAN_10, date(2026, 12, 5)),
        ("в следующем месяце 3-го", JAN_10, date(2027, 2, 3)),
        # a month name with last / this / next: the nearest such month before or after this one
        ("last October 1", DEC_2, date(2026, 10, 1)),
        ("last October 1st", date(2026, 10, 5), date(2025, 10, 1)),  # this October is not "last"
        ("this March 5", DEC_2, date(2026, 3, 5)),
        ("this March 5", date(2026, 2, 1), date(2026, 3, 5)),
        ("next May 5", date(2026, 3, 15), date(2026, 5, 5)),
        ("next May 5", date(2026, 5, 1), date(2027, 5, 5)),  # this May is not "next"
        ("next may 5th", DEC_2, date(2027, 5, 5)),
        ("last December 5", JAN_10, date(2026, 12, 5)),
        ("next December 1", JAN_10, date(2027, 12, 1)),
        ("в прошлом октябре 5-го", DEC_2, date(2026, 10, 5)),
        ("в прошлом октябре 5-го", date(2026, 10, 20), date(2025, 10, 5)),
        ("в следующем мае 9-го", DEC_2, date(2027, 5, 9)),
        # days named relative to today
        ("today", DEC_2, DEC_2),
        ("сегодня", DEC_2, DEC_2),
        ("今天", DEC_2, DEC_2),
        ("yesterday", DEC_2, date(2026, 12, 1)),
        ("вчера", DEC_2, date(2026, 12, 1)),
        ("昨天", DEC_2, date(2026, 12, 1)),
        ("позавчера", DEC_2, date(2026, 11, 30)),
        ("the day before yesterday", DEC_2, date(2026, 11, 30)),
        ("前天", DEC_2, date(2026, 11, 30)),
        ("tomorrow", DEC_2, date(2026, 12, 3)),
        ("завтра", DEC_2, date(2026, 12, 3)),
        ("明天", DEC_2, date(2026, 12, 3)),
        ("послезавтра", DEC_2, date(2026, 12, 4)),
        ("后天", DEC_2, date(2026, 12, 4)),
        ("yesterday", date(2027, 1, 1), date(2026, 12, 31)),
    ],
)
def test_parse_date_relative_forms(text: str, today: date, expected: date) -> None:
    assert parse_date(text, today) == DateResult(expected, ())


@pytest.mark.parametrize("toward", ["past", "future", "nearest"])
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("去年10月1日", date(2025, 10, 1)),
        ("下个月3号", date(2027, 1, 3)),
        ("last October 1", date(2026, 10, 1)),
        ("5 марта прошлого года", date(2025, 3, 5)),
        ("yesterday", date(2026, 12, 1)),
    ],
)
def test_relative_forms_name_their_own_year_whatever_the_direction(
    text: str, expected: date, toward: Toward
) -> None:
    assert parse_date(text, DEC_2, toward) == DateResult(expected, ())


@pytest.mark.parametrize(
    ("text", "today"),
    [
        ("上个月31号", DEC_2),  # November has 30 days
        ("the 29th of last month", date(2026, 3, 15)),  # February 2026 has 28
        ("去年2月29日", date(2026, 3, 15)),  # 2025 is not a leap year
        ("31 февраля прошлого года", DEC_2),
        ("last year on 13月5日", DEC_2),
        ("后年12月31日", DEC_2),  # more than two years ahead
        ("last October", DEC_2),  # a month is not a day
        ("в этом году", DEC_2),
        ("next month", DEC_2),
        ("next week", DEC_2),
        ("last year", DEC_2),
    ],
)
def test_parse_date_rejects_impossible_relative_dates(text: str, today: date) -> None:
    assert parse_date(text, today) == DateResult(None, ())


def test_parse_date_relative_window_edge() -> None:
    # Two years ahead is the last plausible day; the day after is a typo.
    assert parse_date("后年3月15日", date(2026, 3, 15)).value == date(2028, 3, 15)
    assert parse_date("后年3月16日", date(2026, 3, 15)).value is None


@pytest.mark.parametrize(
    ("text", "today", "toward", "expected"),
    [
        # today itself counts in every direction
        ("15 March", TODAY, "past", date(2026, 3, 15)),
        ("15 March", TODAY, "future", date(2026, 3, 15)),
        ("15 March", TODAY, "nearest", date(2026, 3, 15)),
        ("3月15日", TODAY, "future", date(2026, 3, 15)),
        # yesterday: a past reading stays this year, a future one moves to next year
        ("14 March", TODAY, "past", date(2026, 3, 14)),
        ("14 March", TODAY, "future", date(2027, 3, 14)),
        ("Mar 14", TODAY, "nearest", date(2026, 3, 14)),
        ("14 марта", TODAY, "future", date(2027, 3, 14)),
        ("3月14日", TODAY, "future", date(2027, 3, 14)),
        # tomorrow: the other way round
        ("16 March", TODAY, "past", date(2025, 3, 16)),
        ("16 March", TODAY, "future", date(2026, 3, 16)),
        ("16 March", TODAY, "nearest", date(2026, 3, 16)),
        ("3月16日", TODAY, "past", date(2025, 3, 16)),
        ("3月16号", TODAY, "future", date(2026, 3, 16)),
        # nearest picks the closer year; an exact tie (183 days each way) goes to the past
        ("1 October", TODAY, "nearest", date(2025, 10, 1)),
        ("10月1日", date(2026, 6, 1), "nearest", date(2026, 10, 1)),
        ("1 сентября", date(2028, 3, 1), "nearest", date(2027, 9, 1)),
        ("1 сентября", date(2028, 3, 2), "nearest", date(2027, 9, 1)),
        ("1 сентября", date(2028, 3, 3), "nearest", date(2028, 9, 1)),
        # 29 February
        ("29 февраля", date(2028, 2, 29), "past", date(2028, 2, 29)),
        ("29 февраля", date(2028, 2, 29), "future", date(2028, 2, 29)),
        ("2月29日", date(2028, 2, 28), "past", date(2024, 2, 29)),
        ("2月29日", date(2028, 2, 28), "future", date(2028, 2, 29)),
        ("Feb 29", date(2028, 3, 1), "past", date(2028, 2, 29)),
        ("Feb 29", date(2027, 3, 1), "future", date(2028, 2, 29)),
        ("29 February", date(2027, 3, 1), "nearest", date(2028, 2, 29)),
        # an explicit year is never moved
        ("2025-03-16", TODAY, "future", date(2025, 3, 16)),
        ("16.03.2027", TODAY, "past", date(2027, 3, 16)),
    ],
)
def test_parse_date_direction_for_dates_without_a_year(
    text: str, today: date, toward: Toward, expected: date
) -> None:
    assert parse_date(text, today, toward) == DateResult(expected, ())


@pytest.mark.parametrize("toward", ["past", "future", "nearest"])
def test_parse_date_day_no_year_has_is_refused_in_every_direction(toward: Toward) -> None:
    assert parse_date("30 февраля", TODAY, toward) == DateResult(None, ())
    assert parse_date("2月30日", TODAY, toward) == DateResult(None, ())


def test_parse_date_future_29_february_beyond_the_window_is_refused() -> None:
    # From 1 March 2028 the next 29 February is in 2032, over two years ahead.
    assert parse_date("29 февраля", date(2028, 3, 1), "future") == DateResult(None, ())


def test_parse_date_default_direction_is_the_past() -> None:
    assert parse_date("16 March", TODAY) == parse_date("16 March", TODAY, "past")
    assert parse_date("16 March", TODAY).value == date(2025, 3, 16)


@pytest.mark.parametrize("call", [parse_date, find_dates, parse_month])
@pytest.mark.parametrize("text", ["June", "nothing dated here"])
def test_unknown_direction_is_an_error(call: Callable[..., object], text: str) -> None:
    with pytest.raises(ValueError, match="toward"):
        call(text, TODAY, "later")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("去年10月1日上牌 3月能出口吗", (date(2025, 10, 1),)),
        ("registered last October 1, export next month?", (date(2026, 10, 1),)),
        ("上个月5号上牌，下个月能出口吗", (date(2026, 11, 5),)),
        ("зарегистрирована 5 марта прошлого года, вывезти в марте?", (date(2025, 3, 5),)),
        ("registered last year on March 5, export 10月1日?", (date(2025, 3, 5), date(2026, 10, 1))),
        ("export 10月1日? registered 上个月5号", (date(2026, 10, 1), date(2026, 11, 5))),
        ("can I export today?", ()),  # a lone day word in a question is not a date given
    ],
)
def test_find_dates_reads_relative_forms(text: str, expected: tuple[date, ...]) -> None:
    assert find_dates(text, DEC_2) == expected


def test_find_dates_direction() -> None:
    text = "registered 2026-03-01, export 5 March?"
    assert find_dates(text, TODAY) == (date(2026, 3, 1), date(2026, 3, 5))
    assert find_dates("export 14 March?", TODAY, "future") == (date(2027, 3, 14),)
    assert find_dates("export 14 March?", TODAY) == (date(2026, 3, 14),)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("can I export next month?", date(2027, 1, 1)),
        ("下个月能出口吗", date(2027, 1, 1)),
        ("можно ли вывезти в следующем месяце?", date(2027, 1, 1)),
        ("export this month?", date(2026, 12, 1)),
        ("明年3月能出口吗", date(2027, 3, 1)),
        ("export in March next year?", date(2027, 3, 1)),
        ("в марте следующего года", date(2027, 3, 1)),
        ("next year in March", date(2027, 3, 1)),
        ("上个月5号上牌，下个月能出口吗", date(2027, 1, 1)),  # the date's month is not the target
        ("registered last month, export in March?", date(2027, 3, 1)),  # a past month is skipped
        ("registered in May last year, can I export in June?", date(2027, 6, 1)),
        ("去年10月上牌", None),
    ],
)
def test_find_month_relative_forms(text: str, expected: date | None) -> None:
    assert find_month(text, DEC_2) == expected


# --- parse_month --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2021-06", "2021-06"),
        ("June 2021", "2021-06"),
        ("2021年6月", "2021-06"),
        ("2021", "2021"),
        ("2025-10-01", "2025-10-01"),
        ("10月1日", "2026-10-01"),
        ("yesterday", "2026-12-01"),
        ("last October", "2026-10"),
        ("this March", "2026-03"),
        ("last year in March", "2025-03"),
        ("March last year", "2025-03"),
        ("in March of last year", "2025-03"),
        ("в прошлом октябре", "2026-10"),
        ("в марте прошлого года", "2025-03"),
        ("в прошлом году в марте", "2025-03"),
        ("去年10月", "2025-10"),
        ("去年十月", "2025-10"),
        ("今年3月", "2026-03"),
        ("上个月", "2026-11"),
        ("this month", "2026-12"),
        ("в прошлом месяце", "2026-11"),
        ("в этом году", "2026"),
        ("this year", "2026"),
        ("last year", "2025"),
        ("去年", "2025"),
        ("前年", "2024"),
        ("в позапрошлом году", "2024"),
        # not in the past, or no year to go by
        ("next month", None),
        ("next May", None),
        ("明年3月", None),
        ("next year", None),
        ("в следующем году", None),
        ("tomorrow", None),
        ("June", None),  # a bare month needs a direction
        ("hello", None),
    ],
)
def test_parse_month(text: str, expected: str | None) -> None:
    assert parse_month(text, DEC_2) == expected


@pytest.mark.parametrize(
    ("text", "toward", "expected"),
    [
        ("March", "past", "2026-03"),  # the current month counts
        ("March", "future", "2026-03"),
        ("March", "nearest", "2026-03"),
        ("February", "past", "2026-02"),
        ("February", "nearest", "2026-02"),
        ("February", "future", None),  # next February is in the future
        ("April", "past", "2025-04"),
        ("April", "nearest", None),  # next month is nearer than last April
        ("September", "nearest", "2025-09"),  # six months each way: the past wins
        ("в марте", "past", "2026-03"),
        ("3月", "past", "2026-03"),
        ("Dec", "past", "2025-12"),
        ("16 March", "future", None),  # a full date read toward the future is not a past month
        ("16 March", "past", "2025-03-16"),
    ],
)
def test_parse_month_direction(text: str, toward: Toward, expected: str | None) -> None:
    assert parse_month(text, TODAY, toward) == expected


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
