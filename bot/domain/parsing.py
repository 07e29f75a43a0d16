"""Typed answers (dates, months, mileage, power, years, yes/no) read as people write them."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal, get_args

import dateparser

__all__ = [
    "DateResult",
    "Distance",
    "Toward",
    "find_dates",
    "find_month",
    "hp_from_kw",
    "parse_date",
    "parse_distance",
    "parse_month",
    "parse_power_hp",
    "parse_year",
    "parse_yes_no",
]

EARLIEST = date(1980, 1, 1)
MAX_YEARS_AHEAD = 2
MAX_KM = 2_000_000
MAX_HP = 2000
KM_PER_MILE = 1.609344
HP_PER_KW = 1.35962
# A leap year, so that "29 February" without a year still resolves to a month and day.
_PLACEHOLDER_YEAR = 2000
# Relative phrases ("1 week", "1 mon") make dateparser count from this base; its year can
# never pass the year cross-check, so they are rejected instead of silently accepted.
_DATEPARSER_BASE = datetime(1901, 1, 1)
_DATEPARSER_SETTINGS: dict[str, object] = {
    "STRICT_PARSING": True,
    "REQUIRE_PARTS": ["day", "month", "year"],
    "DATE_ORDER": "DMY",
    "PREFER_LOCALE_DATE_ORDER": False,
    "RELATIVE_BASE": _DATEPARSER_BASE,
}
_DATEPARSER_LANGUAGES = ["en", "ru"]

# Which way a day or month written without a year is read: the latest one not after today
# (a registration), the next one not before today (a planned application), or the closer one.
Toward = Literal["past", "future", "nearest"]
_TOWARDS: frozenset[str] = frozenset(get_args(Toward))

# Whole answers naming a day relative to today, as days from today.
_DAY_SHIFTS = {
    "today": 0,
    "сегодня": 0,
    "今天": 0,
    "今日": 0,
    "yesterday": -1,
    "вчера": -1,
    "昨天": -1,
    "昨日": -1,
    "the day before yesterday": -2,
    "day before yesterday": -2,
    "позавчера": -2,
    "前天": -2,
    "tomorrow": 1,
    "завтра": 1,
    "明天": 1,
    "明日": 1,
    "the day after tomorrow": 2,
    "day after tomorrow": 2,
    "послезавтра": 2,
    "后天": 2,
}

_YES = frozenset({"yes", "y", "yeah", "yep", "sure", "true", "да", "ага", "есть"})
_YES |= frozenset({"是", "是的", "有", "对", "好"})
_NO = frozenset({"no", "n", "nope", "false", "нет", "не", "否", "不是", "没有", "无", "不"})

# Month words as they appear in free text; each pattern is matched against one whole word.
_EN_MONTHS = (
    "jan(?:uary)?",
    "feb(?:ruary)?",
    "mar(?:ch)?",
    "apr(?:il)?",
    "may",
    "june?",
    "july?",
    "aug(?:ust)?",
    "sep(?:t(?:ember)?)?",
    "oct(?:ober)?",
    "nov(?:ember)?",
    "dec(?:ember)?",
)
_SOFT = "(?:[ьяею]|[её]м)"  # январь, января, январе, январю, январём
_HARD = "(?:[аеу]|ом)"  # март, марта, марте, марту, мартом
_RU_MONTHS = (
    f"январ{_SOFT}|янв",
    f"феврал{_SOFT}|фев",
    f"март{_HARD}?|мар",
    f"апрел{_SOFT}|апр",
    "ма(?:[йяею]|ем)",
    f"июн{_SOFT}?",
    f"июл{_SOFT}?",
    f"август{_HARD}?|авг",
    f"сентябр{_SOFT}|сент?",
    f"октябр{_SOFT}|окт",
    f"ноябр{_SOFT}|нояб?",
    f"декабр{_SOFT}|дек",
)
_MONTH_WORD_RES = tuple(
    re.compile(f"(?:{en}|{ru})") for en, ru in zip(_EN_MONTHS, _RU_MONTHS, strict=True)
)
_MONTH_WORD = "(?:" + "|".join(_EN_MONTHS + _RU_MONTHS) + r")\b\.?"
_CN_DIGITS = "一二三四五六七八九十"
_CN_MONTH_NUMBERS = {
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
    "十一": 11,
    "十二": 12,
}
_ORDINAL = "(?:st|nd|rd|th)"
_YEAR_SUFFIX = r"(?:\s*(?:года?|г\.?))?"

# --- whole-answer date shapes (matched after normalisation) ---
_ISO_RE = re.compile(
    rf"(?P<y>\d{{4}})(?P<sep>[-/.])(?P<m>\d{{1,2}})(?P=sep)(?P<d>\d{{1,2}}){_YEAR_SUFFIX}"
)
_DMY_RE = re.compile(
    rf"(?P<a>\d{{1,2}})(?P<sep>[-/.])(?P<b>\d{{1,2}})(?P=sep)(?P<y>\d{{4}}|\d{{2}}){_YEAR_SUFFIX}"
)
_CN_DATE_RE = re.compile(
    r"(?:(?P<y>\d{4}|\d{2})\s*年\s*)?(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号號]"
)
_WORD_DAY_FIRST_RE = re.compile(
    rf"(?P<d>\d{{1,2}}){_ORDINAL}?(?:\s+of)?\s*(?P<m>[^\W\d_]+\.?)"
    rf"(?:\s*,?\s*(?P<y>\d{{4}}){_YEAR_SUFFIX})?"
)
_WORD_MONTH_FIRST_RE = re.compile(
    rf"(?P<m>[^\W\d_]+\.?)\s*(?P<d>\d{{1,2}}){_ORDINAL}?"
    rf"(?:\s*,?\s*(?P<y>\d{{4}}){_YEAR_SUFFIX})?"
)

# --- date-shaped spans inside free text (validated afterwards with parse_date) ---
_NUM_EDGE_L = r"(?<![\d./-])"
_NUM_EDGE_R = r"(?![\d]|[./-]\d)"
_SPAN_RE = re.compile(
    "|".join(
        (
            rf"{_NUM_EDGE_L}\d{{4}}([-/.])\d{{1,2}}\1\d{{1,2}}{_NUM_EDGE_R}",
            rf"{_NUM_EDGE_L}\d{{1,2}}([-/.])\d{{1,2}}\2(?:\d{{4}}|\d{{2}}){_NUM_EDGE_R}",
            r"(?<!\d)(?:(?:\d{4}|\d{2})\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*[日号號]",
            rf"(?<![\d.])\d{{1,2}}{_ORDINAL}?(?:\s+of)?\s*{_MONTH_WORD}"
            rf"(?:\s*,?\s*\d{{4}}(?!\d){_YEAR_SUFFIX})?",
            rf"\b{_MONTH_WORD}\s*\d{{1,2}}(?!\d){_ORDINAL}?(?:\s*,?\s*\d{{4}}(?!\d){_YEAR_SUFFIX})?",
        )
    ),
    re.IGNORECASE,
)

# --- standalone month mentions (after full-date spans are blanked out) ---
_MONTH_MENTION_RE = re.compile(
    rf"\b(?P<word>{_MONTH_WORD})(?:\s+of)?(?:\s*,?\s*(?P<y>\d{{4}})(?!\d))?",
    re.IGNORECASE,
)
_CN_MONTH_MENTION_RE = re.compile(
    rf"(?<![\d{_CN_DIGITS}])(?:(?P<y>\d{{4}}|\d{{2}})\s*年\s*)?"
    rf"(?P<m>\d{{1,2}}|十[一二]?|[{_CN_DIGITS}])\s*月(?!\s*[\d{_CN_DIGITS}]+\s*[日号號])"
)
_NUMERIC_MONTH_MENTION_RE = re.compile(
    r"(?<![\d./-])(?:(?P<m1>\d{1,2})[./](?P<y1>\d{4})|(?P<y2>\d{4})-(?P<m2>\d{1,2}))(?![\d./-])"
)
# "may" is also a verb; it names a month only next to a year, after one of these, or alone.
_MAY_CUES = frozenset(
    {"in", "by", "until", "till", "before", "after", "from", "since", "of", "during", "to"}
    | {"next", "this", "last", "early", "mid", "late", "end", "start", "beginning", "through"}
)

# --- dates and months named relative to today ("去年10月1日", "next May 5", "в прошлом месяце") ---
# A phrase's shift (years, months or named months from now) is read from the stem it contains;
# longer stems come first so that "year before last" and "позапрошлом" are not read as "last".
_SHIFT_STEMS = (
    ("before last", -2),
    ("позапрошл", -2),
    ("last", -1),
    ("this", 0),
    ("next", 1),
    ("прошл", -1),
    ("эт", 0),
    ("текущ", 0),
    ("сего", 0),
    ("следующ", 1),
    ("будущ", 1),
    ("前", -2),
    ("去", -1),
    ("今", 0),
    ("明", 1),
    ("后", 2),
    ("上", -1),
    ("这", 0),
    ("本", 0),
    ("下", 1),
)
_RU_THIS = "эт(?:ом|ого|от|ой|им|у)"
_REL_YEAR = (
    r"(?:前年|去年|今年|明年|后年"
    r"|\b(?:the\s+)?year\s+before\s+last\b|\b(?:last|this|next)\s+year\b"
    rf"|(?:\bв\s+)?\b(?:позапрошл[а-яё]*|прошл[а-яё]*|следующ[а-яё]*|будущ[а-яё]*"
    rf"|текущ[а-яё]*|{_RU_THIS}|сего)\s+год[уа]?\b)"
)
_REL_MONTH = (
    r"(?:上个?月|这个?月|本月|下个?月"
    r"|\b(?:last|this|next)\s+month\b"
    rf"|(?:\bв\s+)?\b(?:прошл[а-яё]*|следующ[а-яё]*|будущ[а-яё]*|текущ[а-яё]*|{_RU_THIS}|сего)"
    r"\s+месяц[еа]?\b)"
)
# Before a month's name: "last October", "в прошлом октябре", "next May".
_REL_NAMED = rf"(?:\b(?:last|this|next)|(?:\bв\s+)?\b(?:прошл[а-яё]*|следующ[а-яё]*|{_RU_THIS}))"
_DAY_SUFFIX = r"(?:st|nd|rd|th|-?го|-?е)?"
# A day of the month on its own: "the 5th", "3-го числа", "5号".
_REL_DAY = (
    rf"(?:on\s+)?(?:the\s+)?(?<![\d.])(?P<d>\d{{1,2}})(?!\d){_DAY_SUFFIX}(?:\s*(?:числа|[日号號]))?"
)
# A month and day without a year, in any of the three languages.
_MONTH_DAY = (
    rf"(?:(?<![\d.])(?P<d1>\d{{1,2}}){_DAY_SUFFIX}(?:\s+of)?\s*(?P<m1>{_MONTH_WORD})"
    rf"|(?P<m2>{_MONTH_WORD})\s*(?:the\s+)?(?P<d2>\d{{1,2}})(?!\d){_DAY_SUFFIX}"
    r"|(?<!\d)(?P<m3>\d{1,2})\s*月\s*(?P<d3>\d{1,2})\s*[日号號])"
)
_CN_MONTH = rf"(?P<c>\d{{1,2}}|十[一二]?|[{_CN_DIGITS}])\s*月(?!\s*[\d{_CN_DIGITS}]+\s*[日号號])"
# Full dates: a year phrase and a month and day, a month phrase and a day, a named month and a day.
_REL_YEAR_FIRST_RE = re.compile(
    rf"(?P<y>{_REL_YEAR})\s*,?\s*(?:(?:in|on|в)\s+)?{_MONTH_DAY}", re.IGNORECASE
)
_REL_YEAR_LAST_RE = re.compile(
    rf"(?:(?:on|в)\s+)?{_MONTH_DAY}\s*,?\s*(?:(?:of|in)\s+)?(?P<y>{_REL_YEAR})", re.IGNORECASE
)
_REL_MONTH_FIRST_RE = re.compile(rf"(?P<r>{_REL_MONTH})\s*,?\s*{_REL_DAY}", re.IGNORECASE)
_REL_MONTH_LAST_RE = re.compile(rf"{_REL_DAY}\s*(?:of\s+)?(?P<r>{_REL_MONTH})", re.IGNORECASE)
_REL_NAMED_DAY_RE = re.compile(
    rf"(?P<q>{_REL_NAMED})\s+(?P<m>{_MONTH_WORD})\s*,?\s*{_REL_DAY}", re.IGNORECASE
)
_REL_DATE_RES = (
    _REL_YEAR_FIRST_RE,
    _REL_YEAR_LAST_RE,
    _REL_MONTH_FIRST_RE,
    _REL_MONTH_LAST_RE,
    _REL_NAMED_DAY_RE,
)
# Months: "last year in March", "в марте прошлого года", "去年10月", "last October", "上个月".
_REL_YEAR_MONTH_RE = re.compile(
    rf"(?P<y>{_REL_YEAR})\s*,?\s*(?:(?:in|в)\s+)?(?:(?P<m>{_MONTH_WORD})|{_CN_MONTH})",
    re.IGNORECASE,
)
_REL_MONTH_YEAR_RE = re.compile(
    rf"(?:(?:in|в)\s+)?(?P<m>{_MONTH_WORD})\s*,?\s*(?:of\s+)?(?P<y>{_REL_YEAR})", re.IGNORECASE
)
_REL_NAMED_MONTH_RE = re.compile(rf"(?P<q>{_REL_NAMED})\s+(?P<m>{_MONTH_WORD})", re.IGNORECASE)
_REL_MONTH_RE = re.compile(rf"(?P<r>{_REL_MONTH})", re.IGNORECASE)
# A year on its own: "last year", "в этом году", "去年".
_REL_YEAR_ONLY_RE = re.compile(rf"(?P<y>{_REL_YEAR})", re.IGNORECASE)

# --- distance, power, year ---
_NUMBER = r"(?P<num>\d{1,3}(?:(?P<sep>[ ,.'])\d{3})(?:(?P=sep)\d{3})*|\d+(?:[.,]\d+)?)"
_DISTANCE_RE = re.compile(
    rf"{_NUMBER}\s*"
    r"(?P<mult>k|thousand|тыс(?:яч[аи]?|\.)?|万|千)?\s*"
    r"(?P<unit>kms?|kilomet(?:er|re)s?|км|公里|千米|mi|miles?|мил[ьяи]|英里)?"
)
_MILE_UNITS = frozenset({"mi", "mile", "miles", "миль", "миля", "мили", "英里"})
_MULTIPLIERS = {"k": 1000, "thousand": 1000, "千": 1000, "万": 10_000}
_POWER_RE = re.compile(
    r"(?P<num>\d+(?:[.,]\d+)?)\s*"
    r"(?P<unit>b?hp|ps|cv|л\.?\s*с|лошадин\w*\s+сил\w*|马力|匹马力|匹|kw|квт|千瓦)?"
)
_KW_UNITS = frozenset({"kw", "квт", "千瓦"})
_YEAR_RE = re.compile(r"(?P<y>\d{4})\s*(?:年款|年|款|года?|г\.?\s*в|г)?")
_SHORT_YEAR_RE = re.compile(r"(?P<y>\d{2})\s*年款?")
_EDGE_PUNCT_RE = re.compile(r"^[\W_]+|[\W_]+$")


@dataclass(frozen=True, slots=True)
class DateResult:
    """A typed date: one value, two candidates when day/month order is unknown, or neither."""

    value: date | None
    candidates: tuple[date, ...] = ()


@dataclass(frozen=True, slots=True)
class Distance:
    """A mileage in km, remembering the unit the user typed so replies can echo it."""

    km: int
    unit: str


_INVALID = DateResult(None)


def _normalise(text: str) -> str:
    """Fold full-width digits and odd spaces (Chinese IMEs, pasted text) into plain ASCII forms."""
    folded = unicodedata.normalize("NFKC", text).strip()
    return re.sub(r"\s+", " ", folded)


def _strip_trailing_period(text: str) -> str:
    """Allow a sentence-final full stop, which people type out of habit."""
    return text.rstrip(" .。").strip()


def _make_date(year: int, month: int, day: int) -> date | None:
    """Build a calendar date, or None for impossible ones like 30 February."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _add_years(day: date, years: int) -> date:
    """Shift by whole years; 29 February falls back to the 28th in common years."""
    return _make_date(day.year + years, day.month, day.day) or date(day.year + years, 2, 28)


def _in_window(day: date, today: date) -> bool:
    """Vehicle dates before 1980 or over two years ahead are typos, not facts."""
    return EARLIEST <= day <= _add_years(today, MAX_YEARS_AHEAD)


def _expand_year(two_digits: int, today: date) -> int:
    """Read '25' as 2025, falling back a century when that would lie in the future."""
    year = 2000 + two_digits
    return year if year <= today.year + MAX_YEARS_AHEAD else year - 100


def _check_toward(toward: str) -> None:
    """Refuse a misspelt direction rather than quietly reading dates the default way."""
    if toward not in _TOWARDS:
        raise ValueError(f"toward must be one of {sorted(_TOWARDS)}, not {toward!r}")


def _latest(month: int, day: int, today: date) -> date | None:
    """A day without a year at its latest occurrence not after today."""
    # Eight years back always reaches a leap year, so 29 February resolves too.
    for year in range(today.year, today.year - 9, -1):
        found = _make_date(year, month, day)
        if found is not None and found <= today:
            return found
    return None


def _next(month: int, day: int, today: date) -> date | None:
    """A day without a year at its next occurrence not before today."""
    for year in range(today.year, today.year + 9):
        found = _make_date(year, month, day)
        if found is not None and found >= today:
            return found
    return None


def _day_toward(month: int, day: int, today: date, toward: Toward) -> date | None:
    """Resolve a day without a year in the asked direction; "nearest" ties go to the past."""
    if toward == "past":
        return _latest(month, day, today)
    if toward == "future":
        return _next(month, day, today)
    before, after = _latest(month, day, today), _next(month, day, today)
    if before is None or after is None:  # a day no year has, like 30 February
        return None
    return before if today - before <= after - today else after


def _month_year_toward(month: int, today: date, toward: Toward) -> int:
    """The year of a month named without one; the current month counts in every direction."""
    past = today.year if month <= today.month else today.year - 1
    future = today.year if month >= today.month else today.year + 1
    if toward == "past":
        return past
    if toward == "future":
        return future
    return past if (today.month - month) % 12 <= (month - today.month) % 12 else future


def _shift(phrase: str) -> int:
    """How many years or months from now a relative phrase ("last", "下个月", "прошлого") means."""
    folded = phrase.casefold()
    return next(shift for stem, shift in _SHIFT_STEMS if stem in folded)


def _shift_month(today: date, months: int) -> tuple[int, int]:
    """(year, month) a number of calendar months away from today's month."""
    year, index = divmod(today.year * 12 + today.month - 1 + months, 12)
    return year, index + 1


def _named_month_year(month: int, shift: int, today: date) -> int:
    """The year of "last/this/next October": the nearest such month before or after this one."""
    if shift < 0:
        return today.year if month < today.month else today.year - 1
    if shift > 0:
        return today.year if month > today.month else today.year + 1
    return today.year


def _cn_month(raw: str) -> int:
    """A Chinese month number written in digits or characters (10, 十, 十二)."""
    return int(raw) if raw.isdigit() else _CN_MONTH_NUMBERS[raw]


def _month_of(word: str) -> int:
    """The month of a word _MONTH_WORD matched; both are built from the same spellings."""
    month = _month_number(word)
    if month is None:
        raise AssertionError(f"{word!r} matched _MONTH_WORD but names no month")
    return month


def _month_and_day(match: re.Match[str]) -> tuple[int, int]:
    """The month and day of a _MONTH_DAY match, whichever of its three shapes matched."""
    if match["m1"] is not None:
        return _month_of(match["m1"]), int(match["d1"])
    if match["m2"] is not None:
        return _month_of(match["m2"]), int(match["d2"])
    return int(match["m3"]), int(match["d3"])


def _relative_date(text: str, today: date) -> DateResult | None:
    """A whole answer naming a date relative to today, or None when it is not such a phrase."""
    if (days := _DAY_SHIFTS.get(text)) is not None:
        return DateResult(today + timedelta(days=days))
    for shape in (_REL_YEAR_FIRST_RE, _REL_YEAR_LAST_RE):
        if match := shape.fullmatch(text):
            month_day = _month_and_day(match)
            return _result(_make_date(today.year + _shift(match["y"]), *month_day), today)
    for shape in (_REL_MONTH_FIRST_RE, _REL_MONTH_LAST_RE):
        if match := shape.fullmatch(text):
            year, month = _shift_month(today, _shift(match["r"]))
            return _result(_make_date(year, month, int(match["d"])), today)
    if match := _REL_NAMED_DAY_RE.fullmatch(text):
        named = _month_of(match["m"])
        year = _named_month_year(named, _shift(match["q"]), today)
        return _result(_make_date(year, named, int(match["d"])), today)
    return None


def _result(found: date | None, today: date) -> DateResult:
    """Wrap one date, applying the plausibility window."""
    if found is None or not _in_window(found, today):
        return _INVALID
    return DateResult(found)


def _numeric_dmy(first: int, second: int, year: int, dots: bool, today: date) -> DateResult:
    """Decide day/month order ourselves: dots mean day.month; otherwise both readings count."""
    day_first = _make_date(year, second, first)
    month_first = _make_date(year, first, second)
    readings = [d for d in (day_first, month_first) if d is not None and _in_window(d, today)]
    unique = tuple(dict.fromkeys(readings))
    if dots and day_first is not None and day_first in unique:
        return DateResult(day_first)
    if len(unique) == 1:
        return DateResult(unique[0])
    if len(unique) == 2:
        return DateResult(None, unique)
    return _INVALID


def _month_from_word(word: str, day: int, year: int) -> int | None:
    """Let dateparser name the month (it knows en/ru spellings); reject anything it bent."""
    parsed = dateparser.parse(
        f"{day} {word} {year}", languages=_DATEPARSER_LANGUAGES, settings=_DATEPARSER_SETTINGS
    )
    if not isinstance(parsed, datetime) or parsed.year != year or parsed.day != day:
        return None
    return parsed.month


def _word_date(match: re.Match[str], today: date, toward: Toward) -> DateResult:
    """Resolve '1 October 2025' / 'Oct 1' shapes, with the no-year rule when the year is absent."""
    day = int(match["d"])
    year_text = match["y"]
    year = int(year_text) if year_text else _PLACEHOLDER_YEAR
    month = _month_from_word(match["m"], day, year)
    if month is None:
        return _INVALID
    if year_text:
        return _result(_make_date(year, month, day), today)
    return _result(_day_toward(month, day, today, toward), today)


def parse_date(text: str, today: date, toward: Toward = "past") -> DateResult:
    """Read one typed date, flagging day/month ambiguity instead of guessing.

    A date without a year ("5 March", "3月5日") is read `toward` the past (the latest such day
    not after today, as for a registration), the future (the next one not before today, as for
    a planned application) or whichever is nearer (ties go to the past). Relative phrases
    ("yesterday", "去年10月1日", "next May 5", "в следующем месяце 3-го") name their own year.
    """
    _check_toward(toward)
    cleaned = _strip_trailing_period(_normalise(text)).casefold()
    if not cleaned:
        return _INVALID
    if (relative := _relative_date(cleaned, today)) is not None:
        return relative
    if match := _ISO_RE.fullmatch(cleaned):
        return _result(_make_date(int(match["y"]), int(match["m"]), int(match["d"])), today)
    if match := _DMY_RE.fullmatch(cleaned):
        raw_year = match["y"]
        year = int(raw_year) if len(raw_year) == 4 else _expand_year(int(raw_year), today)
        return _numeric_dmy(int(match["a"]), int(match["b"]), year, match["sep"] == ".", today)
    if match := _CN_DATE_RE.fullmatch(cleaned):
        month, day = int(match["m"]), int(match["d"])
        raw_year = match["y"]
        if raw_year is None:
            return _result(_day_toward(month, day, today, toward), today)
        year = int(raw_year) if len(raw_year) == 4 else _expand_year(int(raw_year), today)
        return _result(_make_date(year, month, day), today)
    for shape in (_WORD_DAY_FIRST_RE, _WORD_MONTH_FIRST_RE):
        if match := shape.fullmatch(cleaned):
            return _word_date(match, today, toward)
    return _INVALID


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    """Whether a span shares a character with one already taken."""
    return any(span[0] < end and start < span[1] for start, end in taken)


def _date_spans(text: str) -> list[tuple[int, int]]:
    """Where dates stand in free text; "去年10月1日" is one date, not 10月1日 after a word."""
    taken: list[tuple[int, int]] = []
    for shape in (*_REL_DATE_RES, _SPAN_RE):
        for match in shape.finditer(text):
            if not _overlaps(match.span(), taken):
                taken.append(match.span())
    return sorted(taken)


def find_dates(text: str, today: date, toward: Toward = "past") -> tuple[date, ...]:
    """Pull every unambiguous date out of a free-text question, in the order written.

    `toward` reads dates without a year as parse_date does. Lone day words ("today") are left
    out: in a question they rarely name the date asked about.
    """
    _check_toward(toward)
    normalised = _normalise(text)
    found: list[date] = []
    for start, end in _date_spans(normalised):
        result = parse_date(normalised[start:end], today, toward)
        if result.value is not None:
            found.append(result.value)
    return tuple(found)


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """Replace each span by spaces, keeping every other character at its position."""
    for start, end in spans:
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def _blank_dates(text: str) -> str:
    """Hide full dates so the month inside '1 октября 2025' is not read as a target month."""
    return _blank(text, _date_spans(text))


def _month_number(word: str) -> int | None:
    """Map an English or Russian month word (any case form or abbreviation) to 1-12."""
    bare = word.rstrip(".").casefold()
    for number, pattern in enumerate(_MONTH_WORD_RES, start=1):
        if pattern.fullmatch(bare):
            return number
    return None


def _is_month_may(text: str, match: re.Match[str]) -> bool:
    """Tell the month 'May' from the verb 'may' by its neighbours."""
    before = text[: match.start()].split()
    if match["y"] or (not before and not text[match.end() :].strip(" .?!")):
        return True
    return bool(before) and before[-1].strip(",;:(").casefold() in _MAY_CUES


@dataclass(frozen=True, slots=True)
class _Mention:
    """A month named in free text: where, which, its year if known, and whether said relatively."""

    start: int
    month: int
    year: int | None
    relative: bool = False


def _relative_month(match: re.Match[str], today: date) -> tuple[int, int]:
    """(year, month) of a month named relative to today, whichever shape matched."""
    groups = match.groupdict()
    if groups.get("r"):
        return _shift_month(today, _shift(groups["r"]))
    month = _cn_month(groups["c"]) if groups.get("c") else _month_of(groups["m"])
    if groups.get("q"):
        return _named_month_year(month, _shift(groups["q"]), today), month
    return today.year + _shift(groups["y"]), month


def _relative_month_mentions(text: str, today: date) -> tuple[list[_Mention], str]:
    """Months named relative to today, and the text with them blanked for the other scans."""
    found: list[_Mention] = []
    for shape in (_REL_YEAR_MONTH_RE, _REL_MONTH_YEAR_RE, _REL_NAMED_MONTH_RE, _REL_MONTH_RE):
        spans: list[tuple[int, int]] = []
        for match in shape.finditer(text):
            year, month = _relative_month(match, today)
            found.append(_Mention(match.start(), month, year, relative=True))
            spans.append(match.span())
        text = _blank(text, spans)
    return found, text


def _month_mentions(text: str, today: date) -> list[_Mention]:
    """Each standalone month named in the text, in the order written."""
    found, text = _relative_month_mentions(text, today)
    for match in _MONTH_MENTION_RE.finditer(text):
        month = _month_number(match["word"])
        if month is None or (month == 5 and not _is_month_may(text, match)):
            continue
        found.append(_Mention(match.start(), month, int(match["y"]) if match["y"] else None))
    for match in _CN_MONTH_MENTION_RE.finditer(text):
        month = _cn_month(match["m"])
        raw_year = match["y"]
        year = None
        if raw_year is not None:
            year = int(raw_year) if len(raw_year) == 4 else _expand_year(int(raw_year), today)
        found.append(_Mention(match.start(), month, year))
    for match in _NUMERIC_MONTH_MENTION_RE.finditer(text):
        month = int(match["m1"] or match["m2"])
        found.append(_Mention(match.start(), month, int(match["y1"] or match["y2"])))
    return sorted(found, key=lambda mention: mention.start)


def find_month(text: str, today: date, after: date | None = None) -> date | None:
    """Find the first target month in free text, as its first day, for 'can I export in March?'.

    A month without a year is the first on or after `after` (default today); a relative one
    ("next month", "明年3月") counts from today, and is skipped when it lies before this month.
    """
    start = (after or today).replace(day=1)
    for mention in _month_mentions(_blank_dates(_normalise(text)), today):
        month, year = mention.month, mention.year
        if not 1 <= month <= 12:
            continue
        if year is None:
            return date(start.year if month >= start.month else start.year + 1, month, 1)
        target = date(year, month, 1)
        if mention.relative and target < today.replace(day=1):
            continue
        if _in_window(target, today):
            return target
    return None


def _read_number(match: re.Match[str], has_multiplier: bool) -> float:
    """Turn '12 000', '12,000', '12,5' or '1.2' into a number, telling separators from decimals."""
    raw = match["num"]
    sep = match["sep"]
    grouped = sep is not None and not (has_multiplier and sep in ".," and raw.count(sep) == 1)
    if grouped:
        return float(raw.replace(sep, ""))
    return float(raw.replace(",", "."))


def parse_distance(text: str) -> Distance | None:
    """Read a typed mileage ('12 000 km', '12k', '1.2万公里', '7500 mi') as whole kilometres."""
    cleaned = _strip_trailing_period(_normalise(text)).casefold()
    match = _DISTANCE_RE.fullmatch(cleaned)
    if match is None:
        return None
    mult_text = match["mult"]
    multiplier = 1 if mult_text is None else _MULTIPLIERS.get(mult_text, 1000)
    amount = _read_number(match, mult_text is not None) * multiplier
    unit = "mi" if match["unit"] in _MILE_UNITS else "km"
    km = round(amount * KM_PER_MILE) if unit == "mi" else round(amount)
    if km > MAX_KM:
        return None
    return Distance(km, unit)


def parse_power_hp(text: str) -> int | None:
    """Read engine power as metric horsepower, converting kW because the rules are set in hp."""
    cleaned = _strip_trailing_period(_normalise(text)).casefold()
    match = _POWER_RE.fullmatch(cleaned)
    if match is None:
        return None
    amount = float(match["num"].replace(",", "."))
    hp = hp_from_kw(amount) if match["unit"] in _KW_UNITS else round(amount)
    if not 0 < hp <= MAX_HP:
        return None
    return hp


def hp_from_kw(kw: float) -> int:
    """Whole horsepower for a kW figure, rounded up unless it is a whole hp within rounding.

    Fee bands are set in hp ("up to 80 hp (58.85 kW)"): 59 kW is 80.2 hp and over the band, while
    58.85 kW is the band's own figure for 80 hp.
    """
    exact = kw * HP_PER_KW
    nearest = round(exact)
    return nearest if abs(exact - nearest) < 0.05 else int(exact) + 1


def parse_month(text: str, today: date, toward: Toward | None = None) -> str | None:
    """A manufacture month (YYYY-MM), a full date (YYYY-MM-DD) or a bare year, not in the future.

    Relative answers ("last October", "去年10月", "в прошлом месяце", "в этом году") name their
    own year. A month named without a year ("June") needs `toward` (see parse_date) and is
    refused without it; days without a year are read `toward`, by default the past.
    """
    full = parse_date(text, today, toward or "past")  # which also checks `toward`
    if full.value is not None:
        return full.value.isoformat() if full.value <= today else None
    cleaned = _strip_trailing_period(_normalise(text))
    mentions = _month_mentions(cleaned, today)
    if len(mentions) == 1:
        month, year = mentions[0].month, mentions[0].year
        if year is None and toward is not None and 1 <= month <= 12:
            year = _month_year_toward(month, today, toward)
        if year is not None:
            if 1 <= month <= 12 and EARLIEST <= date(year, month, 1) <= today:
                return f"{year:04d}-{month:02d}"
            return None
    if match := _REL_YEAR_ONLY_RE.fullmatch(cleaned):
        relative_year = today.year + _shift(match["y"])
        return f"{relative_year:04d}" if EARLIEST.year <= relative_year <= today.year else None
    year_only = parse_year(cleaned, today)
    return f"{year_only:04d}" if year_only is not None and year_only <= today.year else None


def parse_year(text: str, today: date) -> int | None:
    """Read a model or manufacture year; two digits only with 年, where the meaning is clear."""
    cleaned = _strip_trailing_period(_normalise(text)).casefold()
    if match := _YEAR_RE.fullmatch(cleaned):
        year = int(match["y"])
    elif match := _SHORT_YEAR_RE.fullmatch(cleaned):
        year = _expand_year(int(match["y"]), today)
    else:
        return None
    if not EARLIEST.year <= year <= today.year + 1:
        return None
    return year


def parse_yes_no(text: str) -> bool | None:
    """Read a yes/no answer in any of the three languages; unsure replies stay None."""
    word = _EDGE_PUNCT_RE.sub("", _normalise(text)).casefold()
    if word in _YES:
        return True
    if word in _NO:
        return False
    return None
