"""Reads knowledge/ YAML into validated models; callers load once and pass the result on."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from knowledge.schema import LANGS, LocaleBundle, RuleSet

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
