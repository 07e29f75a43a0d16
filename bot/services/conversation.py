"""The guided conversation as a service: one incoming message or button in, steps out.

Telegram and the terminal both drive this service; each call runs in one transaction, the
answers live in the database, and the next question is derived from them (DESIGN 1.2). The
use cases (onboarding, checking, verdicts, knowledge, privacy, handoff) decide; the
transport's renderer says it.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
from collections.abc import Callable

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.domain.steps import Outcome, Say
from bot.services.desk import Desk
from bot.services.library import Library
from bot.services.routing import route
from bot.services.turn import Incoming, StaleRevisionError, Turn, guess_language
from bot.storage.repository import Repository

Clock = Callable[[], dt.datetime]
_RETRIES = 3

__all__ = ["ConversationService", "Incoming"]


class ConversationService:
    """Holds what every turn needs; `handle` is the only entry point."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        library: Library,
        clock: Clock,
        manager_chat_id: int | None = None,
        one_writer: bool = False,
        manager_user_ids: frozenset[int] = frozenset(),
        manager_lang: str = "en",
    ) -> None:
        self.sessions = sessions
        self.library = library
        self.clock = clock
        self.manager_chat_id = manager_chat_id
        self.manager_user_ids = manager_user_ids
        self.manager_lang = manager_lang
        # SQLite has one writer at a time: queueing here beats its busy-wait back-off.
        self._writer = asyncio.Lock() if one_writer else contextlib.nullcontext()

    async def handle(self, incoming: Incoming) -> Outcome:
        """Process one update in one transaction, retrying if another process got there first."""
        for _ in range(_RETRIES):
            try:
                async with self._writer, self.sessions() as session, session.begin():
                    repo = Repository(session)
                    now = self.clock()
                    if incoming.update_id is not None and not await repo.claim_update(
                        incoming.update_id, now
                    ):
                        return Outcome(lang=guess_language(incoming.language_code))
                    if incoming.chat_id == self.manager_chat_id:  # the managers' desk
                        desk = Desk(
                            repo, incoming, now, self.manager_user_ids, Outcome(self.manager_lang)
                        )
                        await desk.run()
                        return desk.out
                    chat = await repo.chat(incoming.chat_id, now)
                    turn = Turn(self, repo, chat, incoming, now)
                    await route(turn)
                    return turn.out
            except StaleRevisionError:
                continue
        return Outcome(lang=guess_language(incoming.language_code), notice=Say("busy"))

    async def remember_card(
        self, lead_id: int, message_id: int, topic_id: int | None = None
    ) -> None:
        """The message (and forum topic) in the managers' chat that is a lead's card."""
        async with self._writer, self.sessions() as session, session.begin():
            await Repository(session).set_card(lead_id, message_id, topic_id)

    async def topic_of(self, lead_id: int) -> int | None:
        """A lead's forum topic, if it has one already."""
        async with self.sessions() as session:
            lead = await Repository(session).lead(lead_id)
            return lead.topic_id if lead is not None else None
