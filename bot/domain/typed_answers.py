"""Reads what a user typed for the pending question: a value, two readings, or nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.domain.answer_words import AnswerWords
from bot.domain.countries import CountryIndex
from bot.domain.parsing import (
    parse_date,
    parse_distance,
    parse_month,
    parse_power_hp,
    parse_year,
    parse_yes_no,
)
from bot.domain.questionnaire import Kind, Question
from bot.domain.vin import VinState, check_vin
from knowledge.schema import LocaleBundle


@dataclass(frozen=True, slots=True)
class Read:
    """A typed answer: ok with its value, ambiguous with candidate dates, or not understood."""

    ok: bool
    value: Any = None
    candidates: tuple[dt.date, ...] = ()


NOT_READ = Read(ok=False)


@dataclass(frozen=True, slots=True)
class AnswerReader:
    """The data typed answers are read against: country names, option words, "don't know"."""

    countries: CountryIndex
    words: Mapping[str, tuple[str, ...]]
    options: AnswerWords

    def read(self, question: Question, text: str, locale: LocaleBundle, today: dt.date) -> Read:
        """The stored value for what was typed, if it can be read."""
        cleaned = text.strip()
        generic = self.options.generic(cleaned)
        unknown = cleaned.casefold() in self.words.get("unknown_words", ())
        if question.skippable and (unknown or generic == "skip"):
            return Read(ok=True)
        kind = question.kind
        if kind is Kind.YESNO and generic in ("yes", "no"):
            return Read(True, generic == "yes")
        if kind is Kind.VIN:
            vin = "".join(ch for ch in cleaned if not ch.isspace() and ch != "-").upper()
            return Read(True, vin) if check_vin(vin).state is not VinState.BAD_FORMAT else NOT_READ
        if kind is Kind.DATE:
            result = parse_date(cleaned, today)
            if result.value is not None:
                return Read(True, result.value.isoformat())
            return Read(False, candidates=tuple(result.candidates))
        if kind is Kind.CHOICE:
            return self.option(question, cleaned, locale)
        if kind is Kind.MULTI:
            none = generic == "no" or cleaned.casefold() in self.words.get("none_words", ())
            if none or parse_yes_no(cleaned) is False:
                return Read(True, ["none"])
            found = self.option(question, cleaned, locale)  # one problem typed by its name
            return Read(True, [found.value]) if found.ok else NOT_READ
        value = self.value(kind, cleaned, today)
        return NOT_READ if value is None else Read(True, value)

    def value(self, kind: Kind, text: str, today: dt.date) -> Any:
        """A typed value of a kind that has one reading, or None."""
        if kind is Kind.YESNO:
            return parse_yes_no(text)
        if kind is Kind.DISTANCE:
            distance = parse_distance(text)
            return distance.km if distance is not None else None
        if kind is Kind.POWER:
            return parse_power_hp(text)
        if kind is Kind.MONTH:
            return parse_month(text, today)
        if kind is Kind.YEAR:
            return parse_year(text, today)
        if kind is Kind.COUNTRY:  # "Kazakhstan", or a phrase naming one: "в Россию", "到哈萨克斯坦"
            named = self.countries.mentions(text)
            return self.countries.find(text) or (named[0] if len(named) == 1 else None)
        return None

    def option(self, question: Question, text: str, locale: LocaleBundle) -> Read:
        """A typed option: its number, its label, its code or a word people use for it."""
        labels = {option: locale.ui[f"{question.id}.{option}"] for option in question.options}
        found = self.options.match(question.id, question.options, text, labels)
        return NOT_READ if found is None else Read(True, found)
