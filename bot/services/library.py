"""Everything loaded from knowledge/ once at start-up and handed to the services."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bot.domain.answer_words import AnswerWords
from bot.domain.button_words import ButtonWords
from bot.domain.countries import CountryIndex
from bot.domain.eligibility import Engine
from bot.domain.explain import Explainer
from bot.domain.kb.answers import KnowledgeBase
from bot.domain.kb.build import build_knowledge_base
from knowledge.loader import (
    load_answer_words,
    load_brand,
    load_country_aliases,
    load_locales,
    load_markets,
    load_planning,
    load_ruleset,
    load_smalltalk,
    load_sources,
)
from knowledge.schema import Brand, LocaleBundle, Market, RuleSet, SourceRegistry


@dataclass(frozen=True, slots=True)
class Library:
    """Rules, markets, texts, the knowledge base and the brand: read-only after loading."""

    ruleset: RuleSet
    markets: dict[str, Market]
    locales: dict[str, LocaleBundle]
    brand: Brand
    engine: Engine
    kb: KnowledgeBase
    countries: CountryIndex
    smalltalk: dict[str, tuple[str, ...]]
    answer_words: AnswerWords
    button_words: ButtonWords
    sources: SourceRegistry
    # Built once: each keeps the citations it resolved.
    explainers: dict[str, Explainer]

    def explainer(self, lang: str) -> Explainer:
        """Renders evaluations in one language."""
        return self.explainers[lang]

    @property
    def letter_limit(self) -> int:
        """The 180-day limit, read from the rule data."""
        value = self.ruleset.latest("cn.180_day_letter").params["max_days_inclusive"]
        if not isinstance(value, int):
            raise TypeError("max_days_inclusive must be an integer")
        return value


def load_library(brand_file: Path | None = None) -> Library:
    """Load and cross-validate everything the bot needs."""
    ruleset, markets, locales = load_ruleset(), load_markets(), load_locales()
    sources = load_sources()
    return Library(
        ruleset=ruleset,
        markets=markets,
        locales=locales,
        brand=load_brand(brand_file) if brand_file else load_brand(),
        engine=Engine(ruleset, markets, load_planning()),
        kb=build_knowledge_base(),
        countries=CountryIndex(locales.values(), load_country_aliases()),
        smalltalk=load_smalltalk(),
        answer_words=AnswerWords(load_answer_words()),
        button_words=ButtonWords(locales.values(), load_smalltalk()),
        sources=sources,
        explainers={
            lang: Explainer(ruleset, locale, markets, sources) for lang, locale in locales.items()
        },
    )
