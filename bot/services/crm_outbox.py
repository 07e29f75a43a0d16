"""The CRM outbox drained: due lead events are sent, failures retried with backoff.

Events are written to the outbox in the same transaction as the lead change, so a CRM outage
or a restart loses nothing; an event is leased before its POST, so two processes never send it
at the same time. Retries come after 10 s, 20 s, 40 s ... up to an hour.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.integrations.crm import CrmClient
from bot.storage.repository import Repository

Clock = Callable[[], dt.datetime]
FIRST_RETRY = dt.timedelta(seconds=10)
LAST_RETRY = dt.timedelta(hours=1)
LEASE = dt.timedelta(minutes=2)  # one attempt may take this long before another process retries


def retry_after(attempts: int) -> dt.timedelta:
    """Exponential backoff: 10 s after the first failure, doubling, at most an hour."""
    delay: dt.timedelta = FIRST_RETRY * 2 ** max(attempts - 1, 0)
    return min(delay, LAST_RETRY)


class CrmOutbox:
    """Delivers due outbox events; safe to run in several processes at once."""

    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], clock: Clock, client: CrmClient
    ) -> None:
        self.sessions = sessions
        self.clock = clock
        self.client = client

    async def close(self) -> None:
        """Close the CRM client's connections (at shutdown)."""
        await self.client.close()

    async def deliver_due(self) -> int:
        """Try every due event once; how many were delivered."""
        now = self.clock()
        async with self.sessions() as session, session.begin():
            repo = Repository(session)
            leased = [
                (row.id, row.key, row.payload, row.attempts)
                for row in await repo.due_outbox(now)
                if await repo.lease_outbox(row.id, row.next_attempt_at, now + LEASE)
            ]
        delivered = 0
        for row_id, key, payload, attempts in leased:
            error = await self.client.post(key, payload)
            async with self.sessions() as session, session.begin():
                retry_at = self.clock() + retry_after(attempts + 1)
                await Repository(session).outbox_result(row_id, self.clock(), error, retry_at)
            delivered += error is None
        return delivered
