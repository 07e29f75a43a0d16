"""Each kind of question as one small object: it reads typed text, offers its choices and says a
stored answer in words. Renderers lay the choices out; the conversation stores what is read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from bot.domain.answer_words import AnswerWords
from bot.domain.countries import CountryIndex, country_name
from bot.domain.date_checks import (
    application_problem,
    earliest_application_day,
    registration_problem,
)
from bot.domain.formatting import format_day, format_number, format_text
from bot.domain.parsing import (
    parse_date,
    parse_distance,
    parse_month,
    parse_power_hp,
    parse_year,
    parse_yes_no,
)
from bot.domain.questionnaire import PAPERWORK, Answers, Context, Kind, Question
from bot.domain.vin import VinState, check_vin
from knowledge.schema import LocaleBundle


@dataclass(frozen=True, slots=True)
class Read:
    """A typed answer: ok with its value, ambiguous with candidate dates, refused with a reason
    (and the day it names), or not understood."""

    ok: bool
    value: Any = None
    candidates: tuple[dt.date, ...] = ()
    refused: str | None = None  # a text key under date_refused.
    refused_day: dt.date | None = None


NOT_READ = Read(ok=False)


@dataclass(frozen=True, slots=True)
class Choice:
    """One button of a question: the code it sends back and its label in the user's language."""

    code: str
    label: str
    tick: bool = False  # ticks an item of a list instead of answering
    ticked: bool = False


@dataclass(frozen=True, slots=True)
class Env:
    """What reading and offering answers depends on: the language, the day and the data."""

    locale: LocaleBundle
    today: dt.date
    countries: CountryIndex
    words: Mapping[str, tuple[str, ...]]
    options: AnswerWords
    main_markets: Sequence[str] = ()

    def ui(self, key: str, **values: object) -> str:
        """A UI text of the user's language with its values."""
        return format_text(self.locale.ui[key], self.locale, values)

    def label(self, question: Question, option: str) -> str:
        """An option's label, capitalised as a button."""
        label = self.locale.ui[f"{question.id}.{option}"]
        return label[:1].upper() + label[1:]


class AnswerKind:
    """A kind of question; by default nothing typed is read and there are no buttons."""

    per_row = 2  # buttons to a row

    def read(self, question: Question, text: str, env: Env, answers: Answers) -> Read:
        """The value typed text stands for."""
        return NOT_READ

    def choices(
        self, question: Question, ctx: Context, env: Env, chosen: Sequence[str]
    ) -> list[Choice]:
        """The buttons of the question (a skip button is added by `offered`)."""
        return []

    def shown(self, question: Question, value: Any, env: Env) -> str:
        """A stored answer in words, as the summary shows it."""
        return str(value)


class VinKind(AnswerKind):
    """17 characters; spaces and dashes people type are dropped."""

    def read(self, question: Question, text: str, env: Env, answers: Answers) -> Read:
        vin = "".join(ch for ch in text if not ch.isspace() and ch != "-").upper()
        return Read(True, vin) if check_vin(vin).state is not VinState.BAD_FORMAT else NOT_READ


class ChoiceKind(AnswerKind):
    """One option: tapped, or typed as its label, number or a word people use for it."""

    def read(self, question: Question, text: str, env: Env, answers: Answers) -> Read:
        labels = {option: env.locale.ui[f"{question.id}.{option}"] for option in question.options}
        found = env.options.match(question.id, question.options, text, labels)
        return NOT_READ if found is None else Read(True, found)

    def choices(
        self, question: Question, ctx: Context, env: Env, chosen: Sequence[str]
    ) -> list[Choice]:
        return [Choice(str(i), env.label(question, o)) for i, o in enumerate(question.options)]

    def shown(self, question: Question, value: Any, env: Env) -> str:
        return env.label(question, value)


class YesNoKind(AnswerKind):
    """Yes or no, in any of the words people use."""

    def read(self, question: Question, text: str, env: Env, answers: Answers) -> Read:
        generic = env.options.generic(text)
        if generic in ("yes", "no"):
            return Read(True, generic == "yes")
        answer = parse_yes_no(text)
        return NOT_READ if answer is None else Read(True, answer)

    def choices(
        self, question: Question, ctx: Context, env: Env, chosen: Sequence[str]
    ) -> list[Choice]:
        return [Choice("y", env.ui("btn.yes")), Choice("n", env.ui("btn.no"))]

    def shown(self, question: Question, value: Any, env: Env) -> str:
        return env.ui("btn.yes" if value else "btn.no")


class DateKind(AnswerKind):
    """A day in any common form; one that reads two ways is offered as two buttons. A
    registration lies in the past, a planned application today or later and not before the
    registration: a year left out is read that way, and a day that breaks it is refused."""

    def read(self, question: Question, text: str, env: Env, answers: Answers) -> Read:
        planned = question.id == "application_date"
        result = parse_date(text, env.today, "future" if planned else "past")
        if result.value is None:
            return Read(False, candidates=tuple(result.candidates))
        return checked_day(question, result.value, env, answers)

    def choices(
        self, question: Question, ctx: Context, env: Env, chosen: Sequence[str]
    ) -> list[Choice]:
        today = question.id == "application_date"
        return [Choice("today", env.ui("btn.today"))] if today else []

    def shown(self, question: Question, value: Any, env: Env) -> str:
        return format_day(dt.date.fromisoformat(value), env.locale)


def checked_day(question: Question, day: dt.date, env: Env, answers: Answers) -> Read:
    """A day for a date question, refused when it cannot be right (typed or picked)."""
    if question.id != "application_date":
        problem = registration_problem(day, env.today)
        return (
            Read(False, refused=problem, refused_day=day)
            if problem
            else Read(True, day.isoformat())
        )
    registered = answers.get("registration_date")
    registration = dt.date.fromisoformat(registered) if isinstance(registered, str) else None
    problem = application_problem(day, registration, env.today)
    if problem:
        earliest = earliest_application_day(registration, env.today)
        return Read(False, refused=problem, refused_day=earliest)
    return Read(True, day.isoformat())


class DistanceKind(AnswerKind):
    """Kilometres or miles, stored in kilometres."""

    def read(self, question: Question, text: str, env: Env, answers: Answers) -> Read:
        distance = parse_distance(text)
        return NOT_READ if distance is None else Read(True, distance.km)

    def shown(self, question: Question, value: Any, env: Env) -> str:
        return env.ui("value.km", km=format_number(value, env.locale))


class PowerKind(AnswerKind):
    """Horsepower or kilowatts, stored in horsepower."""

    def read(self, question: Question, text: str, env: Env, answers: Answers) -> Read:
        power = parse_power_hp(text)
        return NOT_READ if power is None else Read(True, power)

    def shown(self, question: Question, value: Any, env: Env) -> str:
        return env.ui("value.hp", hp=value)


class YearKind(AnswerKind):
    """A four-digit year, not in the future."""

    def read(self, question: Question, text: str, env: Env, answers: Answers) -> Read:
        year = parse_year(text, env.today)
        return NOT_READ if year is None else Read(True, year)


class MonthKind(AnswerKind):
    """A month and year (or a full date)."""

    def read(self, question: Question, text: str, env: Env, answers: Answers) -> Read:
        month = parse_month(text, env.today, "past")  # a car was made before it is checked
        return NOT_READ if month is None else Read(True, month)


class CountryKind(AnswerKind):
    """A country's name in any language, or a phrase naming one ("в Россию")."""

    per_row = 3

    def read(self, question: Question, text: str, env: Env, answers: Answers) -> Read:
        named = env.countries.mentions(text)
        code = env.countries.find(text) or (named[0] if len(named) == 1 else None)
        return NOT_READ if code is None else Read(True, code)

    def choices(
        self, question: Question, ctx: Context, env: Env, chosen: Sequence[str]
    ) -> list[Choice]:
        return [Choice(code, country_name(code, env.locale)) for code in env.main_markets]

    def shown(self, question: Question, value: Any, env: Env) -> str:
        return country_name(value, env.locale)


class MultiKind(AnswerKind):
    """Items ticked one by one, then "Done"; or "none of these"."""

    per_row = 1

    def read(self, question: Question, text: str, env: Env, answers: Answers) -> Read:
        none = env.options.generic(text) == "no" or parse_yes_no(text) is False
        if none or text.casefold() in env.words.get("none_words", ()):
            return Read(True, ["none"])
        found = ChoiceKind().read(question, text, env, answers)  # one item typed by its name
        return Read(True, [found.value]) if found.ok else NOT_READ

    def choices(
        self, question: Question, ctx: Context, env: Env, chosen: Sequence[str]
    ) -> list[Choice]:
        items = [
            Choice(str(i), env.label(question, o), tick=True, ticked=o in chosen)
            for i, o in enumerate(question.options)
            if o != "none"
        ]
        return [*items, Choice("none", env.ui("problems.none")), Choice("done", env.ui("btn.done"))]

    def shown(self, question: Question, value: Any, env: Env) -> str:
        chosen = [v for v in value if v != "none"]
        if not chosen:
            return env.ui("problems.none")
        return ", ".join(env.label(question, v) for v in chosen)


KINDS: dict[Kind, AnswerKind] = {
    Kind.VIN: VinKind(),
    Kind.CHOICE: ChoiceKind(),
    Kind.YESNO: YesNoKind(),
    Kind.DATE: DateKind(),
    Kind.DISTANCE: DistanceKind(),
    Kind.POWER: PowerKind(),
    Kind.YEAR: YearKind(),
    Kind.MONTH: MonthKind(),
    Kind.COUNTRY: CountryKind(),
    Kind.MULTI: MultiKind(),
}


def read_answer(question: Question, text: str, env: Env, answers: Answers) -> Read:
    """What was typed for a question: "skip" and "don't know" for a skippable one, else its
    kind reads it."""
    cleaned = text.strip()
    unknown = cleaned.casefold() in env.words.get("unknown_words", ())
    if question.skippable and (unknown or env.options.generic(cleaned) == "skip"):
        return Read(ok=True)
    return KINDS[question.kind].read(question, cleaned, env, answers)


def offered(question: Question, ctx: Context, env: Env, chosen: Sequence[str]) -> list[Choice]:
    """The question's buttons, with "skip" or "don't know" where it may be left open (dealers
    answer their own paperwork, so only buyers are offered "don't know" there)."""
    found = KINDS[question.kind].choices(question, ctx, env, chosen)
    if question.skippable and not (ctx.role == "dealer" and question.id in PAPERWORK):
        typed = question.kind in (Kind.VIN, Kind.COUNTRY, Kind.DISTANCE)
        found.append(Choice("s", env.ui("btn.skip" if typed else "btn.unknown")))
    return found


def shown_answer(question: Question, value: Any, env: Env) -> str:
    """A stored answer in words; a skipped one as "not given" (or "today" for the licence day)."""
    if value is None:
        return env.ui("value.today" if question.id == "application_date" else "value.none")
    return KINDS[question.kind].shown(question, value, env)
