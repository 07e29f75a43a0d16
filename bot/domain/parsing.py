"""Typed answers (dates, months, mileage, power, years, yes/no) read as people write them."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import dateparser

__all__ = [
    "DateResult",
    "Distance",
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

_TODAY_WORDS = frozenset({"today", "сегодня", "今天", "今日"})
_YESTERDAY_WORDS = frozenset({"yesterday", "вчера", "昨天", "昨日"})

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


def _most_recent(month: int, day: int, today: date) -> date | None:
    """Resolve a day without a year to its latest occurrence not after today."""
    # Eight years back always reaches a leap year, so 29 February resolves too.
    for year in range(today.year, today.year - 9, -1):
        found = _make_date(year, month, day)
        if found is not None and found <= today:
            return found
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


def _word_date(match: re.Match[str], today: date) -> DateResult:
    """Resolve '1 October 2025' / 'Oct 1' shapes, with the no-year rule when the year is absent."""
    day = int(match["d"])
    year_text = match["y"]
    year = int(year_text) if year_text else _PLACEHOLDER_YEAR
    month = _month_from_word(match["m"], day, year)
    if month is None:
        return _INVALID
    if year_text:
        return _result(_make_date(year, month, day), today)
    return _result(_most_recent(month, day, today), today)


def parse_date(text: str, today: date) -> DateResult:
    """Read one typed date, flagging day/month ambiguity instead of guessing."""
    cleaned = _strip_trailing_period(_normalise(text)).casefold()
    if not cleaned:
        return _INVALID
    if cleaned in _TODAY_WORDS:
        return DateResult(today)
    if cleaned in _YESTERDAY_WORDS:
        return DateResult(today - timedelta(days=1))
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
            return _result(_most_recent(month, day, today), today)
        year = int(raw_year) if len(raw_year) == 4 else _expand_year(int(raw_year), today)
        return _result(_make_date(year, month, day), today)
    for shape in (_WORD_DAY_FIRST_RE, _WORD_MONTH_FIRST_RE):
        if match := shape.fullmatch(cleaned):
            return _word_date(match, today)
    return _INVALID


def find_dates(text: str, today: date) -> tuple[date, ...]:
    """Pull every unambiguous date out of a free-text question, in the order written."""
    found: list[date] = []
    for span in _SPAN_RE.finditer(_normalise(text)):
        result = parse_date(span.group(0), today)
        if result.value is not None:
            found.append(result.value)
    return tuple(found)


def _blank_dates(text: str) -> str:
    """Hide full dates so the month inside '1 октября 2025' is not read as a target month."""
    return _SPAN_RE.sub(lambda m: " " * len(m.group(0)), text)


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


def _month_mentions(text: str, today: date) -> list[tuple[int, int, int | None]]:
    """List (position, month, year or None) for each standalone month named in the text."""
    found: list[tuple[int, int, int | None]] = []
    for match in _MONTH_MENTION_RE.finditer(text):
        month = _month_number(match["word"])
        if month is None or (month == 5 and not _is_month_may(text, match)):
            continue
        found.append((match.start(), month, int(match["y"]) if match["y"] else None))
    for match in _CN_MONTH_MENTION_RE.finditer(text):
        raw = match["m"]
        month = int(raw) if raw.isdigit() else _CN_MONTH_NUMBERS[raw]
        raw_year = match["y"]
        year = None
        if raw_year is not None:
            year = int(raw_year) if len(raw_year) == 4 else _expand_year(int(raw_year), today)
        found.append((match.start(), month, year))
    for match in _NUMERIC_MONTH_MENTION_RE.finditer(text):
        month = int(match["m1"] or match["m2"])
        found.append((match.start(), month, int(match["y1"] or match["y2"])))
    return sorted(found, key=lambda item: item[0])


def find_month(text: str, today: date, after: date | None = None) -> date | None:
    """Find the first target month in free text, as its first day, for 'can I export in March?'."""
    start = (after or today).replace(day=1)
    for _, month, year in _month_mentions(_blank_dates(_normalise(text)), today):
        if not 1 <= month <= 12:
            continue
        if year is None:
            return date(start.year if month >= start.month else start.year + 1, month, 1)
        target = date(year, month, 1)
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


def parse_month(text: str, today: date) -> str | None:
    """A manufacture month (YYYY-MM), a full date (YYYY-MM-DD) or a bare year, not in the future."""
    full = parse_date(text, today)
    if full.value is not None:
        return full.value.isoformat() if full.value <= today else None
    cleaned = _strip_trailing_period(_normalise(text))
    mentions = _month_mentions(cleaned, today)
    if len(mentions) == 1 and mentions[0][2] is not None:
        _, month, year = mentions[0]
        if year is not None and 1 <= month <= 12 and EARLIEST <= date(year, month, 1) <= today:
            return f"{year:04d}-{month:02d}"
        return None
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
