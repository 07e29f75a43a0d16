"""Reads knowledge/ YAML into validated models; callers load once and pass the result on."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from knowledge.schema import LANGS, LocaleBundle, Market, RuleSet

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
