"""Shared fixtures: the real rule set and engine, loaded once per session."""

from __future__ import annotations

import pytest

from bot.domain.eligibility import Engine
from knowledge.loader import load_ruleset
from knowledge.schema import RuleSet


@pytest.fixture(scope="session")
def ruleset() -> RuleSet:
    return load_ruleset()


@pytest.fixture(scope="session")
def engine(ruleset: RuleSet) -> Engine:
    return Engine(ruleset)
