"""The scale path: migrations, the conversation and concurrent processes on real PostgreSQL."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import Iterator

import psycopg
import pytest

from bot.services.conversation import ConversationService
from bot.services.library import Library
from bot.storage.database import make_engine, session_factory, upgrade
from bot.storage.repository import Repository
from tests.chatter import Chatter, Clock

ADMIN = "postgresql://postgres@127.0.0.1:5432/test"


def _reachable() -> str | None:
    try:
        with psycopg.connect(ADMIN, connect_timeout=3):
            return None
    except psycopg.OperationalError as exc:
        return str(exc).strip()


@pytest.fixture
def pg_database() -> Iterator[str]:
    """A fresh database per test, dropped afterwards; in CI a missing server is a failure."""
    problem = _reachable()
    if problem is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL on 127.0.0.1:5432 is required in CI: {problem}")
        pytest.skip(f"PostgreSQL on 127.0.0.1:5432 not reachable: {problem}")
    name = f"exportdesk_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(ADMIN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgresql://postgres@127.0.0.1:5432/{name}"
    finally:
        with psycopg.connect(ADMIN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


async def test_conversation_and_reminders_on_postgres(
    pg_database: str, library: Library, clock: Clock
) -> None:
    upgrade(pg_database)
    upgrade(pg_database)  # idempotent
    engines = [make_engine(pg_database), make_engine(pg_database)]
    first, second = (ConversationService(session_factory(e), library, clock) for e in engines)
    try:
        user = Chatter(first)
        await user.say("/start")
        await user.press("English")
        await user.press("Dealer")
        await user.press("Check a car")
        other = Chatter(second, update_id=user.update_id + 1000)
        await other.press_data(user.button("Skip"))
        await user.press_data(other.button("Passenger"))
        assert "What drives it" in user.text
        async with session_factory(engines[0])() as session:
            answers = await Repository(session).answers(user.chat_id)
        assert answers == {"vin": None, "vehicle_type": "passenger"}
    finally:
        for engine in engines:
            await engine.dispose()


async def test_simultaneous_taps_record_one_answer(
    pg_database: str, library: Library, clock: Clock
) -> None:
    upgrade(pg_database)
    engines = [make_engine(pg_database) for _ in range(4)]
    services = [ConversationService(session_factory(e), library, clock) for e in engines]
    try:
        user = Chatter(services[0])
        await user.say("/start")
        await user.press("English")
        await user.press("Dealer")
        await user.press("Check a car")
        skip = user.button("Skip")
        taps = [
            Chatter(service, update_id=5000 + 100 * i).press_data(skip)
            for i, service in enumerate(services)
        ]
        outcomes = await asyncio.gather(*taps)
        advanced = [o for o in outcomes if o.replies]
        assert len(advanced) == 1
        async with session_factory(engines[0])() as session:
            chat = await Repository(session).chat(user.chat_id, clock())
            answers = await Repository(session).answers(user.chat_id)
        assert answers == {"vin": None}
        assert chat.revision == 2  # /check and one answer
    finally:
        for engine in engines:
            await engine.dispose()
