"""Answers from the knowledge base: the entry's text with rule data filled in, or a fallback."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bot.domain.explain import fact_values
from bot.domain.formatting import format_day
from bot.domain.kb.confidence import ConfidenceModel
from bot.domain.kb.index import OUT_OF_SCOPE
from bot.domain.kb.markets import MarketAnswers
from bot.domain.kb.ranker import Ranker
from bot.domain.kb.text import detect_language
from knowledge.schema import FaqEntry, LocaleBundle, Market, RuleSet

# [[rule-or-advisory-id:param]] for China's rules, [[CC/fact-id:param]] for a market's facts.
# Entries that survey many destinations at once: a question about one unfiled country gets
# what to ask its customs instead.
OVERVIEW_ENTRIES = frozenset(
    {"destination-markets", "destination-age-limits", "lhd-rhd-markets", "eaeu-emission-rules"}
)
PLACEHOLDER = re.compile(r"\[\[(?:([A-Z]{2})/)?([a-z0-9_.]+):([a-z0-9_]+)\]\]")


class PlaceholderError(KeyError):
    """An answer cites data that the rule set or the market files do not have."""


def rule_value(ruleset: RuleSet, ref: str, param: str) -> int | str | dt.date:
    """The value behind [[ref:param]]: a rule's or advisory's parameter or start date."""
    spec = ruleset.latest(ref) if ref in ruleset.rule_ids() else ruleset.advisory_or_none(ref)
    if spec is None:
        raise PlaceholderError(f"[[{ref}:{param}]]: no such rule or advisory")
    value: object = spec.valid_from if param == "valid_from" else spec.params.get(param)
    if not isinstance(value, int | str | dt.date):
        raise PlaceholderError(f"[[{ref}:{param}]]: no such parameter")
    return value


def market_value(
    markets: Mapping[str, Market], country: str, ref: str, param: str, locale: LocaleBundle
) -> str:
    """The value behind [[CC/ref:param]], formatted as the market's own text shows it."""
    market = markets.get(country)
    facts = [f for f in market.facts() if f.id == ref] if market else []
    if not facts:
        raise PlaceholderError(f"[[{country}/{ref}:{param}]]: no such market fact")
    values = fact_values(facts[0], locale)
    if param not in values:
        raise PlaceholderError(f"[[{country}/{ref}:{param}]]: no such parameter")
    return values[param]


def fill_rule_data(
    text: str, ruleset: RuleSet, locale: LocaleBundle, markets: Mapping[str, Market]
) -> str:
    """Replace each placeholder with the data's value, written as the language writes it."""

    def value(match: re.Match[str]) -> str:
        country, ref, param = match.groups()
        if country:
            return market_value(markets, country, ref, param, locale)
        found = rule_value(ruleset, ref, param)
        return format_day(found, locale) if isinstance(found, dt.date) else str(found)

    return PLACEHOLDER.sub(value, text)


@dataclass(frozen=True, slots=True)
class KbAnswer:
    """One answer (DESIGN 3.3) plus what a chat shows beside it."""

    entry_id: str | None
    confidence: float
    title: str
    body: str
    sources: tuple[str, ...]
    reviewed_on: dt.date | None
    lang: str
    related: tuple[str, ...]

    @property
    def fallback(self) -> bool:
        """True when no entry was confident enough: the bot says so and offers a person."""
        return self.entry_id is None

    @property
    def text(self) -> str:
        """Title and answer as one plain text."""
        return f"{self.title}\n\n{self.body}" if self.title else self.body

    def as_json(self) -> dict[str, object]:
        """Exactly the fields of DESIGN 3.3."""
        return {
            "entry_id": self.entry_id,
            "confidence": round(self.confidence, 3),
            "answer": self.text,
            "sources": list(self.sources),
            "reviewed_on": self.reviewed_on.isoformat() if self.reviewed_on else None,
            "lang": self.lang,
            "fallback": self.fallback,
        }


class KnowledgeBase:
    """Answers questions in any of the three languages; build once, ask many times."""

    def __init__(
        self,
        entries: Sequence[FaqEntry],
        ruleset: RuleSet,
        locales: Mapping[str, LocaleBundle],
        model: ConfidenceModel,
        out_of_scope: Sequence[str] = (),
        markets: Mapping[str, Market] | None = None,
        market_answers: MarketAnswers | None = None,
    ) -> None:
        self.market_answers = market_answers
        self.entries = {entry.id: entry for entry in entries}
        self.locales = locales
        self.model = model
        self.ranker = Ranker(entries, out_of_scope)
        self.covering = {f"market/{topic}": entry.id for entry in entries for topic in entry.covers}
        self._answers = {
            (entry.id, lang): fill_rule_data(text.answer, ruleset, locales[lang], markets or {})
            for entry in entries
            for lang, text in entry.texts.items()
        }

    def same_answer(self, got: str | None, expected: str) -> bool:
        """True when got is expected, or one is a market topic the other entry is curated for."""
        if got is None or got == expected:
            return got == expected
        return expected == self.covering.get(got) or got == self.covering.get(expected)

    def entry_answer(self, entry_id: str, lang: str, confidence: float = 1.0) -> KbAnswer:
        """The answer of a known entry (also for a related-topic button)."""
        entry = self.entries[entry_id]
        return KbAnswer(
            entry_id=entry.id,
            confidence=confidence,
            title=entry.texts[lang].title,
            body=self._answers[(entry.id, lang)],
            sources=tuple(str(url) for url in entry.sources),
            reviewed_on=entry.reviewed_on,
            lang=lang,
            related=entry.related,
        )

    def ask(self, question: str, lang: str | None = None, on: dt.date | None = None) -> KbAnswer:
        """A country's own facts for a country question; else the best entry if the model is
        confident enough; otherwise an honest fallback."""
        answer_lang = lang or detect_language(question)
        if self.market_answers is not None and on is not None:
            found = self.market_answers.answer(question, answer_lang, on)
            if found is not None:
                return KbAnswer(
                    entry_id=found.entry_id,
                    confidence=1.0 if found.entry_id else 0.0,
                    title=found.title,
                    body=found.body,
                    sources=found.sources,
                    reviewed_on=found.checked_on,
                    lang=answer_lang,
                    related=tuple(
                        e for e in (self.covering.get(found.entry_id or ""),) if e is not None
                    ),
                )
        ranking = self.ranker.rank(question)
        confidence = self.model.probability(ranking.features)
        top = ranking.top
        unfiled = (
            self.market_answers.no_file(question, answer_lang) if self.market_answers else None
        )
        confident = top != OUT_OF_SCOPE and confidence >= self.model.threshold
        # For a named country without a file, "nothing on file, ask customs" beats an overview.
        if confident and not (unfiled is not None and top in OVERVIEW_ENTRIES):
            return self.entry_answer(top, answer_lang, confidence)
        return KbAnswer(
            entry_id=None,
            confidence=confidence,
            title="",
            body=unfiled.body if unfiled else self.locales[answer_lang].ui["kb_fallback"],
            sources=(),
            reviewed_on=None,
            lang=answer_lang,
            related=(),
        )
