"""Shared fixtures: the real knowledge loaded once, a fresh SQLite database per test."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.domain.eligibility import Engine
from bot.services.conversation import ConversationService
from bot.services.library import Library, load_library
from bot.storage.database import make_engine, session_factory, upgrade
from knowledge.loader import load_ruleset
from knowledge.schema import RuleSet
from tests.chatter import Clock


@pytest.fixture(scope="session")
def ruleset() -> RuleSet:
    return load_ruleset()


@pytest.fixture(scope="session")
def engine(ruleset: RuleSet) -> Engine:
    return Engine(ruleset)


@pytest.fixture(scope="session")
def library() -> Library:
    return load_library()


@pytest.fixture
def database(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'bot.db'}"
    upgrade(url)
    return url


@pytest.fixture
def clock() -> Clock:
    return Clock(dt.date(2026, 3, 1))


@pytest.fixture
async def make_service(
    database: str, library: Library, clock: Clock
) -> AsyncIterator[Callable[..., ConversationService]]:
    """Builds services on the test database; each call is like a new bot process."""
    engines: list[AsyncEngine] = []

    def build(manager_chat_id: int | None = None) -> ConversationService:
        engine = make_engine(database)
        engines.append(engine)
        return ConversationService(session_factory(engine), library, clock, manager_chat_id)

    yield build
    for engine in engines:
        await engine.dispose()
