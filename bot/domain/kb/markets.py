"""Country questions answered from the country's own facts, so answers and verdicts agree.

"Kazakhstan recycling fee 2026" names a destination on file and a topic its facts cover: the
answer is that market's facts of that topic, each with its grade and the month it was last
confirmed. A named country with no file gets what to ask its customs, as a verdict would.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

from bot.domain.countries import CountryIndex, country_name
from bot.domain.explain import fact_text
from bot.domain.formatting import format_day, format_month
from bot.domain.market_summary import rule_summary
from knowledge.schema import (
    RULE_TOPICS,
    AgeRule,
    LocaleBundle,
    Market,
    MarketAdvisory,
    MarketRule,
)

ORIGIN = frozenset({"CN"})  # the country cars leave from is not a destination question
_HAN = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True, slots=True)
class MarketReply:
    """What a country question gets: the facts of one topic, or what to ask (no file)."""

    entry_id: str | None
    title: str
    body: str
    sources: tuple[str, ...]
    checked_on: dt.date | None


def _pattern(word: str) -> re.Pattern[str]:
    if word.startswith("re:"):
        return re.compile(word[3:])
    if _HAN.search(word):
        return re.compile(re.escape(word))
    whole = word.endswith("$")
    stem = re.escape(word.rstrip("$"))
    return re.compile(rf"(?<![\w]){stem}(?![\w])" if whole else rf"(?<![\w]){stem}")


class TopicFinder:
    """Which topic a question is about, from the words in knowledge/kb_topics.yaml."""

    def __init__(self, words: Mapping[str, Mapping[str, list[str]]]) -> None:
        self._patterns = {
            topic: [_pattern(w.casefold()) for ws in by_lang.values() for w in ws]
            for topic, by_lang in words.items()
        }

    def topics(self, question: str) -> list[str]:
        """Every topic the question mentions, in the order of the data."""
        text = question.casefold()
        return [t for t, found in self._patterns.items() if any(p.search(text) for p in found)]


def _facts_on(market: Market, topic: str) -> list[MarketRule | MarketAdvisory]:
    """A market's facts about one topic; electric-car age limits are electric-car facts too."""
    found: list[MarketRule | MarketAdvisory] = []
    for rule in market.rules:
        ev_age = isinstance(rule, AgeRule) and "bev" in rule.applies_to.powertrains
        if RULE_TOPICS[rule.id] == topic or (topic == "ev" and ev_age):
            found.append(rule)
    found.extend(a for a in market.advisories if a.topic == topic)
    return found


class MarketAnswers:
    """Finds the country and topic of a question and answers from the market file."""

    def __init__(
        self,
        markets: Mapping[str, Market],
        countries: CountryIndex,
        topics: TopicFinder,
        locales: Mapping[str, LocaleBundle],
    ) -> None:
        self.markets = markets
        self.countries = countries
        self.topics = topics
        self.locales = locales

    def no_file(self, question: str, lang: str) -> MarketReply | None:
        """For a question that names one country without a file: what to ask its customs."""
        named = self.countries.mentions(question, exclude=ORIGIN)
        if len(named) != 1 or named[0] in self.markets:
            return None
        locale = self.locales[lang]
        body = locale.advisories["dest.no_data"].format(country=country_name(named[0], locale))
        return MarketReply(None, "", body, (), None)

    def answer(self, question: str, lang: str, on: dt.date) -> MarketReply | None:
        """An answer when the question names exactly one destination and at least one topic."""
        named = self.countries.mentions(question, exclude=ORIGIN)
        topics = self.topics.topics(question)
        if len(named) != 1 or not topics:
            return None
        code, locale = named[0], self.locales[lang]
        market = self.markets.get(code)
        name = country_name(code, locale)
        if market is None:
            body = locale.advisories["dest.no_data"].format(country=name)
            return MarketReply(None, "", body, (), None)
        topic = topics[0]
        facts = _facts_on(market, topic)
        title = locale.ui["market_answer.title"].format(
            country=name, topic=locale.ui[f"topic.{topic}"]
        )
        if not facts:
            body = locale.ui["market_answer.none"].format(
                country=name, topic=locale.ui[f"topic.{topic}"]
            )
            return MarketReply(f"market/{code}/{topic}", title, body, (), None)
        lines = [self._line(fact, locale, on) for fact in facts]
        lines.append(locale.ui["market_answer.footer"].format(country=name))
        sources = tuple(dict.fromkeys(str(u) for f in facts for u in f.sources))
        checked = min(f.checked_on for f in facts)
        return MarketReply(f"market/{code}/{topic}", title, "\n".join(lines), sources, checked)

    def _line(self, fact: MarketRule | MarketAdvisory, locale: LocaleBundle, on: dt.date) -> str:
        """One fact: what it says (lapsed ones as not confirmed since), its grade and freshness."""
        said = fact_text(fact, locale) or ""
        if not isinstance(fact, MarketAdvisory):
            summary = rule_summary(fact, locale)
            said = f"{locale.requirements[fact.id].title}: {summary}. {said}".strip()
        if fact.state(on) == "lapsed" and fact.valid_to is not None:
            said = locale.ui["lapsed_fact"].format(
                where="", valid_to=format_day(fact.valid_to, locale), what=said
            )
        grade = locale.ui[f"confidence.{fact.confidence}"]
        month = locale.ui["last_confirmed"].format(month=format_month(fact.checked_on, locale))
        return f"• {said} ({grade}; {month})"
