"""Builds the knowledge base from knowledge/ once, for the command line and the bot."""

from __future__ import annotations

from pydantic import ValidationError

from bot.domain.kb.answers import KnowledgeBase
from bot.domain.kb.confidence import ConfidenceModel
from knowledge.loader import (
    KnowledgeError,
    load_faq,
    load_kb_model_data,
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
    return KnowledgeBase(
        load_faq(), load_ruleset(), load_locales(), model, negatives, load_markets()
    )
