"""Reads knowledge/ YAML into validated models; callers load once and pass the result on."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from knowledge.schema import LANGS, Brand, FaqEntry, LocaleBundle, Market, RuleSet

KNOWLEDGE_DIR = Path(__file__).resolve().parent
DEFAULT_RULESET = "cn-2026.yaml"


class KnowledgeError(Exception):
    """Raised when a knowledge file is missing or does not match its schema."""


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
    path = root / "rules" / name
    try:
        return RuleSet.model_validate(read_yaml(path))
    except ValidationError as exc:
        raise KnowledgeError(f"{path}: {exc}") from exc


@cache
def load_locale(lang: str, root: Path = KNOWLEDGE_DIR) -> LocaleBundle:
    """The UI text of one language from knowledge/locales/<lang>.yaml."""
    if lang not in LANGS:
        raise KnowledgeError(f"unsupported language {lang!r}; choose one of {', '.join(LANGS)}")
    path = root / "locales" / f"{lang}.yaml"
    try:
        return LocaleBundle.model_validate(read_yaml(path))
    except ValidationError as exc:
        raise KnowledgeError(f"{path}: {exc}") from exc


def load_locales(root: Path = KNOWLEDGE_DIR) -> dict[str, LocaleBundle]:
    """Every supported language, keyed by code."""
    return {lang: load_locale(lang, root) for lang in LANGS}


@cache
def load_markets(root: Path = KNOWLEDGE_DIR) -> dict[str, Market]:
    """Every destination on file, keyed by ISO 3166-1 alpha-2 code (the file name)."""
    markets: dict[str, Market] = {}
    for path in sorted((root / "markets").glob("*.yaml")):
        try:
            market = Market.model_validate(read_yaml(path))
        except ValidationError as exc:
            raise KnowledgeError(f"{path}: {exc}") from exc
        if market.country != path.stem:
            raise KnowledgeError(f"{path}: country {market.country} does not match the file name")
        markets[market.country] = market
    return markets


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
    entries = []
    for path in sorted((root / "faq").glob("*.yaml")):
        try:
            entry = FaqEntry.model_validate(read_yaml(path))
        except ValidationError as exc:
            raise KnowledgeError(f"{path}: {exc}") from exc
        if entry.id != path.stem:
            raise KnowledgeError(f"{path}: id {entry.id} does not match the file name")
        entries.append(entry)
    return tuple(entries)


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
    try:
        return Brand.model_validate(read_yaml(path))
    except ValidationError as exc:
        raise KnowledgeError(f"{path}: {exc}") from exc


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
