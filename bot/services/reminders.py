"""Sends reminders on their day, once, even with several bot processes and after restarts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.domain.steps import Say
from bot.services.library import Library
from bot.storage.repository import Repository

Clock = Callable[[], dt.datetime]


@dataclass(frozen=True, slots=True)
class DueReminder:
    """A claimed reminder and the message to send for it, in the chat's language."""

    reminder_id: int
    chat_id: int
    lang: str
    step: Say


class ReminderService:
    """Claims due reminders atomically; a failed send is released to be tried again."""

    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], library: Library, clock: Clock
    ) -> None:
        self.sessions = sessions
        self.library = library
        self.clock = clock

    async def claim_due(self) -> list[DueReminder]:
        """Every reminder due today or earlier that this process won the right to send."""
        now = self.clock()
        claimed: list[DueReminder] = []
        async with self.sessions() as session, session.begin():
            repo = Repository(session)
            for reminder in await repo.due_reminders(now.date()):
                if await repo.claim_reminder(reminder.id, now):
                    lang = reminder.lang if reminder.lang in self.library.locales else "en"
                    step = Say(f"reminder.{reminder.kind}")
                    claimed.append(DueReminder(reminder.id, reminder.chat_id, lang, step))
        return claimed

    async def release(self, reminder_id: int) -> None:
        """Give a reminder back after its message could not be delivered."""
        async with self.sessions() as session, session.begin():
            await Repository(session).release_reminder(reminder_id)
