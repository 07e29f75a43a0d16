"""Builds the knowledge base from knowledge/ once, for the command line and the bot."""

from __future__ import annotations

from pydantic import ValidationError

from bot.domain.countries import CountryIndex
from bot.domain.kb.answers import KnowledgeBase
from bot.domain.kb.confidence import ConfidenceModel
from bot.domain.kb.markets import MarketAnswers, TopicFinder
from knowledge.loader import (
    KnowledgeError,
    load_country_aliases,
    load_faq,
    load_kb_model_data,
    load_kb_topics,
    load_locales,
    load_markets,
    load_out_of_scope,
    load_ruleset,
)


def build_knowledge_base() -> KnowledgeBase:
    """Entries, rule data, texts and the confidence model, validated together."""
    try:
        model = ConfidenceModel.model_validate(load_kb_model_data())
    except ValidationError as exc:
        raise KnowledgeError(f"kb_model.yaml: {exc}") from exc
    negatives = load_out_of_scope()
    locales, markets = load_locales(), load_markets()
    countries = CountryIndex(locales.values(), load_country_aliases())
    answers = MarketAnswers(markets, countries, TopicFinder(load_kb_topics()), locales)
    return KnowledgeBase(load_faq(), load_ruleset(), locales, model, negatives, markets, answers)
