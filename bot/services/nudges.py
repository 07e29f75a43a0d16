"""Leads nobody claimed are raised again in the managers' chat, once, by exactly one process."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.domain.steps import Say
from bot.storage.repository import Repository

Clock = Callable[[], dt.datetime]


@dataclass(frozen=True, slots=True)
class Nudge:
    """A lead to raise again: the note to send, under its card when there is one."""

    lead_id: int
    card_message_id: int | None
    step: Say


class NudgeService:
    """Claims unclaimed leads older than the configured wait, in the database."""

    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], clock: Clock, wait: dt.timedelta
    ) -> None:
        self.sessions = sessions
        self.clock = clock
        self.wait = wait

    async def claim_due(self) -> list[Nudge]:
        """Every lead due to be raised that this process won."""
        now = self.clock()
        due: list[Nudge] = []
        async with self.sessions() as session, session.begin():
            repo = Repository(session)
            for lead in await repo.unclaimed_since(now - self.wait):
                if await repo.claim_raise(lead.id, now):
                    await repo.add_lead_event(lead.id, None, "raised", {}, now)
                    note = Say("desk.still_waiting", {"number": lead.id})
                    due.append(Nudge(lead.id, lead.card_message_id, note))
        return due
