"""Lead events reach the CRM: signed, once each, through an outbox that survives outages.

A local HTTP receiver on 127.0.0.1 fails first, then recovers; it honours the idempotency key
as a real CRM would, and the test checks every signature.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

import httpx
from aiohttp import web

from bot.integrations.crm import CrmClient
from bot.services.crm_outbox import CrmOutbox, retry_after
from bot.storage.database import make_engine, session_factory
from bot.storage.models import Lead
from bot.storage.repository import Repository
from tests.chatter import Clock

SECRET = b"test-secret"


@dataclass
class Receiver:
    """A CRM endpoint: answers 503 while `down`, keeps each event once by its key."""

    down: bool = True
    seen: list[str] = field(default_factory=list)  # every request's key, retries included
    kept: dict[str, dict[str, object]] = field(default_factory=dict)
    bad_signatures: int = 0

    async def handle(self, request: web.Request) -> web.Response:
        body = await request.read()
        key = request.headers["Idempotency-Key"]
        self.seen.append(key)
        expected = "sha256=" + hmac.new(SECRET, body, hashlib.sha256).hexdigest()
        if not hmac.compare_digest(expected, request.headers["X-ExportDesk-Signature"]):
            self.bad_signatures += 1
            return web.Response(status=401)
        if self.down:
            return web.Response(status=503)
        self.kept.setdefault(key, json.loads(body))
        return web.Response(status=200)


@asynccontextmanager
async def receiving(receiver: Receiver) -> AsyncIterator[str]:
    app = web.Application()
    app.router.add_post("/crm", receiver.handle)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        yield f"http://127.0.0.1:{port}/crm"
    finally:
        await runner.cleanup()


async def make_lead_events(database: str, clock: Clock) -> None:
    """A lead created and claimed: two events, each queued in its own transaction."""
    engine = make_engine(database)
    async with session_factory(engine)() as session, session.begin():
        repo = Repository(session)
        lead = await repo.add_lead(
            Lead(chat_id=1, lang="en", vehicle={"destination": "KZ"}, created_at=clock.now)
        )
        await repo.add_lead_event(lead.id, None, "created", {}, clock.now)
    async with session_factory(engine)() as session, session.begin():
        repo = Repository(session)
        assert await repo.claim_lead(1, 7, "Anna", clock.now)
        await repo.add_lead_event(1, 7, "claimed", {}, clock.now)
    await engine.dispose()


def outbox(database: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(database.removeprefix("sqlite:///")) as connection:
        return connection.execute(
            "SELECT key, attempts, delivered_at IS NOT NULL FROM crm_outbox ORDER BY id"
        ).fetchall()


def worker(database: str, clock: Clock, url: str) -> tuple[CrmOutbox, object]:
    engine = make_engine(database)
    client = CrmClient(url, SECRET, httpx.AsyncClient(timeout=5))
    return CrmOutbox(session_factory(engine), clock, client), engine


async def test_an_outage_loses_nothing_and_sends_nothing_twice(database: str, clock: Clock) -> None:
    receiver = Receiver()
    await make_lead_events(database, clock)
    async with receiving(receiver) as url:
        first, engine = worker(database, clock, url)
        assert await first.deliver_due() == 0  # the CRM is down
        assert [row[1:] for row in outbox(database)] == [(1, 0), (1, 0)]
        assert await first.deliver_due() == 0  # not due again yet: backoff
        assert len(receiver.seen) == 2
        await first.close()
        await engine.dispose()  # a restart, with the events still pending

        receiver.down = False
        clock.now += retry_after(1)
        second, engine = worker(database, clock, url)
        assert await second.deliver_due() == 2
        assert await second.deliver_due() == 0  # delivered events are never sent again
        await second.close()
        await engine.dispose()
    assert receiver.bad_signatures == 0
    assert [row[1:] for row in outbox(database)] == [(2, 1), (2, 1)]
    assert sorted(receiver.kept) == sorted(row[0] for row in outbox(database))
    events = [str(e["event"]) for e in receiver.kept.values()]
    assert sorted(events) == ["lead.claimed", "lead.created"]
    claimed = next(e for e in receiver.kept.values() if e["event"] == "lead.claimed")
    assert claimed["lead"]["owner"] == {"id": 7, "name": "Anna"}  # type: ignore[index]


def test_backoff_doubles_up_to_an_hour() -> None:
    assert [retry_after(n).total_seconds() for n in (1, 2, 3, 4)] == [10, 20, 40, 80]
    assert retry_after(30) == dt.timedelta(hours=1)


async def test_a_crm_that_cannot_be_reached_keeps_the_events_pending(
    database: str, clock: Clock
) -> None:
    await make_lead_events(database, clock)
    async with receiving(Receiver()) as url:
        pass  # the receiver is gone: its port refuses connections
    outbox_worker, engine = worker(database, clock, url)
    assert await outbox_worker.deliver_due() == 0
    await outbox_worker.close()
    await engine.dispose()
    assert [row[1:] for row in outbox(database)] == [(1, 0), (1, 0)]
    with sqlite3.connect(database.removeprefix("sqlite:///")) as connection:
        errors = [r[0] for r in connection.execute("SELECT last_error FROM crm_outbox")]
    assert all(e and "Connect" in e for e in errors), errors
