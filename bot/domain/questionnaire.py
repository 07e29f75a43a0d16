"""The guided check: which question comes next, derived from the answers alone (DESIGN 1.2)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from bot.domain.letter_window import days_counted, letter_needed
from bot.domain.vin import VinState, check_vin, newest_model_year
from knowledge.schema import AgeRule, EmissionsRule, Market, PowertrainRule, SteeringRule

Answers = Mapping[str, Any]
PROBLEMS = ("encumbered", "seized_or_stolen", "unresolved_violations", "near_scrapping", "modified")
PAPERWORK = ("exporter_filed", "transfer_for_export", "data_matches_certificate", "test_report")


class Kind(StrEnum):
    """How a question is answered: buttons, or typed text of some form."""

    CHOICE = "choice"
    YESNO = "yesno"
    DATE = "date"
    DISTANCE = "distance"
    POWER = "power"
    YEAR = "year"
    MONTH = "month"
    VIN = "vin"
    COUNTRY = "country"
    MULTI = "multi"


@dataclass(frozen=True, slots=True)
class Context:
    """What decides which questions apply: answers so far, the user's role, the date, the data."""

    answers: Answers
    role: str | None
    today: dt.date
    letter_limit_days: int
    markets: Mapping[str, Market]


@dataclass(frozen=True, slots=True)
class Question:
    """One question: its id (a VehicleCase field where it maps to one), kind and options."""

    id: str
    kind: Kind
    options: tuple[str, ...] = ()
    skippable: bool = False  # a "skip / don't know" button stores None
    applies: Callable[[Context], bool] = lambda _ctx: True


def _registered(ctx: Context) -> bool:
    return ctx.answers.get("registered_in_china") is True


def _iso(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) else None


def letter_matters(ctx: Context) -> bool:
    """The letter question is asked only when the licence would fall within the 180 days."""
    registered = _iso(ctx.answers.get("registration_date"))
    if not _registered(ctx) or registered is None:
        return False
    applied = _iso(ctx.answers.get("application_date")) or ctx.today
    return letter_needed(days_counted(registered, applied), ctx.letter_limit_days)


def _market(ctx: Context) -> Market | None:
    code = ctx.answers.get("destination")
    return ctx.markets.get(code) if isinstance(code, str) else None


def vin_model_year(answers: Answers, today: dt.date) -> int | None:
    """A valid VIN tells the model year (the newest of its 30-year candidates not in the future)."""
    vin = answers.get("vin")
    if not isinstance(vin, str):
        return None
    checked = check_vin(vin)
    return None if checked.state is VinState.BAD_FORMAT else newest_model_year(checked, today)


def _counts_from(ctx: Context, basis: str) -> bool:
    """The destination has an age limit counted from this date (manufacture or model year)."""
    market = _market(ctx)
    return market is not None and any(
        isinstance(r, AgeRule) and not r.no_limit and r.counted_from == basis for r in market.rules
    )


def _needs_manufacture(ctx: Context) -> bool:
    """Ask the manufacture month where the destination counts from it: a model year is only
    an estimate of it."""
    return _counts_from(ctx, "manufacture")


def _needs_year(ctx: Context) -> bool:
    """Ask the model year where the destination counts it and the VIN does not tell it."""
    return _counts_from(ctx, "model_year") and vin_model_year(ctx.answers, ctx.today) is None


def _needs_weight(ctx: Context) -> bool:
    """Gross weight matters where a destination limits light and heavy vehicles differently."""
    market = _market(ctx)
    heavy_kind = ctx.answers.get("vehicle_type") in {"commercial", "trailer"}
    return (
        heavy_kind
        and market is not None
        and any(
            isinstance(r, AgeRule | PowertrainRule | EmissionsRule) and r.applies_to.weight
            for r in market.rules
        )
    )


def _needs_steering(ctx: Context) -> bool:
    market = _market(ctx)
    return market is not None and any(isinstance(r, SteeringRule) for r in market.rules)


def _needs_emissions(ctx: Context) -> bool:
    market = _market(ctx)
    if market is None or ctx.answers.get("powertrain") == "bev":
        return False
    return any(isinstance(r, EmissionsRule) for r in market.rules)


def _needs_power(ctx: Context) -> bool:
    market = _market(ctx)
    return market is not None and any(
        a.when.engine_power_hp_above is not None or a.when.engine_power_hp_at_most is not None
        for a in market.advisories
    )


QUESTIONS: tuple[Question, ...] = (
    Question("vin", Kind.VIN, skippable=True),
    Question(
        "vehicle_type",
        Kind.CHOICE,
        ("passenger", "commercial", "trailer", "three_wheeler", "low_speed"),
    ),
    Question("powertrain", Kind.CHOICE, ("ice", "hev", "phev", "erev", "bev", "fcev")),
    Question("registered_in_china", Kind.YESNO),
    Question("registration_date", Kind.DATE, applies=_registered),
    Question("application_date", Kind.DATE, skippable=True),
    Question("odometer_km", Kind.DISTANCE, skippable=True),
    Question("after_sales_letter", Kind.YESNO, skippable=True, applies=letter_matters),
    *(Question(f, Kind.YESNO, skippable=True, applies=_registered) for f in PAPERWORK),
    Question("problems", Kind.MULTI, (*PROBLEMS, "none"), skippable=True),
    Question(
        "modification_certified",
        Kind.YESNO,
        skippable=True,
        applies=lambda ctx: "modified" in (ctx.answers.get("problems") or ()),
    ),
    Question(
        "modification_listed",
        Kind.YESNO,
        skippable=True,
        applies=lambda ctx: (
            "modified" in (ctx.answers.get("problems") or ())
            and ctx.answers.get("modification_certified") is False
        ),
    ),
    Question("destination", Kind.COUNTRY, skippable=True),
    Question("steering", Kind.CHOICE, ("lhd", "rhd"), applies=_needs_steering),
    Question("over_3_5_tonnes", Kind.YESNO, skippable=True, applies=_needs_weight),
    Question("manufacture_date", Kind.MONTH, skippable=True, applies=_needs_manufacture),
    Question("model_year", Kind.YEAR, skippable=True, applies=_needs_year),
    Question(
        "emission_standard",
        Kind.CHOICE,
        ("euro6", "euro5", "euro4", "euro3", "china6", "china5"),
        skippable=True,
        applies=_needs_emissions,
    ),
    Question("engine_power_hp", Kind.POWER, skippable=True, applies=_needs_power),
)

QUESTION_INDEX = {q.id: i for i, q in enumerate(QUESTIONS)}  # a question's number in buttons


def applicable(ctx: Context) -> list[Question]:
    """Every question that applies given the answers so far, in order."""
    return [q for q in QUESTIONS if q.applies(ctx)]


def next_question(ctx: Context) -> Question | None:
    """The first applicable question without an answer; None when the summary is next."""
    return next((q for q in applicable(ctx) if q.id not in ctx.answers), None)


def previous_question(ctx: Context) -> Question | None:
    """The last answered applicable question before the current one (for /back)."""
    current = next_question(ctx)
    answered = []
    for question in applicable(ctx):
        if question is current:
            break
        if question.id in ctx.answers:
            answered.append(question)
    return answered[-1] if answered else None


def to_case(ctx: Context) -> dict[str, Any]:
    """The VehicleCase input (DESIGN 3.2) built from the answers of applicable questions only."""
    case: dict[str, Any] = {}
    for question in applicable(ctx):
        if question.id not in ctx.answers:
            continue
        value = ctx.answers[question.id]
        if question.id == "problems":
            case.update(_problem_flags(value))
        elif question.id == "emission_standard" and value is not None:
            case["emission_standard"] = value
        elif value is not None:
            case[question.id] = value
    if case.get("registered_in_china") is not True:
        case.pop("registration_date", None)
    return case


def _problem_flags(value: Any) -> dict[str, bool | None]:
    """ "None of these" clears every problem; "don't know" (None) leaves them unknown."""
    if value is None:
        return {}
    chosen = set(value)
    flags: dict[str, bool | None] = {p: p in chosen for p in PROBLEMS}
    return flags
