"""Reads knowledge/ YAML into validated models; callers load once and pass the result on."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from knowledge.schema import (
    LANGS,
    Brand,
    FaqEntry,
    LocaleBundle,
    Market,
    Planning,
    RuleSet,
    SourceRegistry,
)

KNOWLEDGE_DIR = Path(__file__).resolve().parent
DEFAULT_RULESET = "cn-2026.yaml"
M = TypeVar("M", bound=BaseModel)


class KnowledgeError(Exception):
    """Raised when a knowledge file is missing or does not match its schema."""


def validated(model: type[M], path: Path) -> M:
    """One YAML file read into its schema, naming the file in any error."""
    try:
        return model.model_validate(read_yaml(path))
    except ValidationError as exc:
        raise KnowledgeError(f"{path}: {exc}") from exc


def one_per_file(model: type[M], folder: Path, key: Callable[[M], str]) -> list[M]:
    """Every file of a folder, each named after its record's key (ISO code or topic id)."""
    records = []
    for path in sorted(folder.glob("*.yaml")):
        record = validated(model, path)
        if key(record) != path.stem:
            raise KnowledgeError(f"{path}: {key(record)} does not match the file name")
        records.append(record)
    return records


def read_yaml(path: Path) -> Any:
    """Parse one YAML file, naming the file in any error."""
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.safe_load(handle)
    except (OSError, yaml.YAMLError) as exc:
        raise KnowledgeError(f"{path}: {exc}") from exc


@cache
def load_ruleset(name: str = DEFAULT_RULESET, root: Path = KNOWLEDGE_DIR) -> RuleSet:
    """The rule set stored as knowledge/rules/<name>."""
    return validated(RuleSet, root / "rules" / name)


@cache
def load_locale(lang: str, root: Path = KNOWLEDGE_DIR) -> LocaleBundle:
    """The UI text of one language from knowledge/locales/<lang>.yaml."""
    if lang not in LANGS:
        raise KnowledgeError(f"unsupported language {lang!r}; choose one of {', '.join(LANGS)}")
    return validated(LocaleBundle, root / "locales" / f"{lang}.yaml")


def load_locales(root: Path = KNOWLEDGE_DIR) -> dict[str, LocaleBundle]:
    """Every supported language, keyed by code."""
    return {lang: load_locale(lang, root) for lang in LANGS}


@cache
def load_markets(root: Path = KNOWLEDGE_DIR) -> dict[str, Market]:
    """Every destination on file, keyed by ISO 3166-1 alpha-2 code (the file name)."""
    markets = one_per_file(Market, root / "markets", lambda m: m.country)
    return {market.country: market for market in markets}


@cache
def load_sources(root: Path = KNOWLEDGE_DIR) -> SourceRegistry:
    """Every official document and page the facts cite (knowledge/sources.yaml)."""
    return validated(SourceRegistry, root / "sources.yaml")


@cache
def load_planning(root: Path = KNOWLEDGE_DIR) -> Planning:
    """Our planning assumptions, such as the days from application to arrival."""
    return validated(Planning, root / "planning.yaml")


@cache
def load_country_aliases(root: Path = KNOWLEDGE_DIR) -> dict[str, tuple[str, ...]]:
    """Extra names people type for countries, keyed by ISO alpha-2 code."""
    raw = read_yaml(root / "country_aliases.yaml")
    if not isinstance(raw, dict) or not all(
        isinstance(k, str) and isinstance(v, list) for k, v in raw.items()
    ):
        raise KnowledgeError("country_aliases.yaml: expected a mapping of code to a list of names")
    return {code: tuple(str(name) for name in names) for code, names in raw.items()}


@cache
def load_faq(root: Path = KNOWLEDGE_DIR) -> tuple[FaqEntry, ...]:
    """Every knowledge-base entry, one file per topic under knowledge/faq."""
    return tuple(one_per_file(FaqEntry, root / "faq", lambda entry: entry.id))


@cache
def load_kb_model_data(root: Path = KNOWLEDGE_DIR) -> dict[str, Any]:
    """The fitted confidence model's coefficients (knowledge/kb_model.yaml)."""
    raw = read_yaml(root / "kb_model.yaml")
    if not isinstance(raw, dict):
        raise KnowledgeError("kb_model.yaml: expected a mapping")
    return raw


@cache
def load_brand(path: Path = KNOWLEDGE_DIR / "brand.yaml") -> Brand:
    """The white-label settings (knowledge/brand.yaml unless BRAND_FILE names another)."""
    return validated(Brand, path)


@cache
def load_kb_topics(root: Path = KNOWLEDGE_DIR) -> dict[str, dict[str, list[str]]]:
    """Words that tell the topic of a country question (knowledge/kb_topics.yaml)."""
    raw = read_yaml(root / "kb_topics.yaml")
    if not isinstance(raw, dict) or not all(
        isinstance(by_lang, dict)
        and set(by_lang) == set(LANGS)
        and all(
            isinstance(ws, list) and all(isinstance(w, str) for w in ws) for ws in by_lang.values()
        )
        for by_lang in raw.values()
    ):
        raise KnowledgeError("kb_topics.yaml: expected topic -> {en, zh, ru} -> list of words")
    return {str(t): {str(k): list(v) for k, v in by_lang.items()} for t, by_lang in raw.items()}


@cache
def load_smalltalk(root: Path = KNOWLEDGE_DIR) -> dict[str, tuple[str, ...]]:
    """Greetings and thanks, by kind, that get a short friendly reply."""
    raw = read_yaml(root / "smalltalk.yaml")
    if not isinstance(raw, dict) or not all(isinstance(v, list) for v in raw.values()):
        raise KnowledgeError("smalltalk.yaml: expected a mapping of kind to a list of phrases")
    return {str(kind): tuple(str(p).casefold() for p in phrases) for kind, phrases in raw.items()}


@cache
def load_out_of_scope(root: Path = KNOWLEDGE_DIR) -> tuple[str, ...]:
    """Questions the knowledge base must not answer (knowledge/kb_calibration.yaml)."""
    raw = read_yaml(root / "kb_calibration.yaml")
    questions = raw.get("out_of_scope") if isinstance(raw, dict) else None
    if not isinstance(questions, list) or not all(isinstance(q, str) for q in questions):
        raise KnowledgeError("kb_calibration.yaml: out_of_scope must be a list of questions")
    return tuple(questions)


@cache
def load_answer_words(
    root: Path = KNOWLEDGE_DIR,
) -> dict[str, dict[str, dict[str, tuple[str, ...]]]]:
    """Words people type for choice options and yes / no / skip (knowledge/answer_words.yaml)."""
    raw = read_yaml(root / "answer_words.yaml")
    if not isinstance(raw, dict) or not all(
        isinstance(options, dict)
        and all(
            isinstance(by_lang, dict)
            and set(by_lang) == set(LANGS)
            and all(
                isinstance(ws, list) and all(isinstance(w, str) and w.strip() for w in ws)
                for ws in by_lang.values()
            )
            for by_lang in options.values()
        )
        for options in raw.values()
    ):
        raise KnowledgeError(
            "answer_words.yaml: expected question -> option -> {en, zh, ru} -> list of words"
            " (quote yes, no, y and n: unquoted they are booleans)"
        )
    return {
        str(question): {
            str(option): {str(lang): tuple(ws) for lang, ws in by_lang.items()}
            for option, by_lang in options.items()
        }
        for question, options in raw.items()
    }
