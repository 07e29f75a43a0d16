"""One update's handling: the chat row, the repository of its transaction, and what it decided."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Protocol

from bot.domain.answer_kinds import Env
from bot.domain.kb.text import detect_language
from bot.domain.questionnaire import Context
from bot.domain.steps import Outcome, Say, Step
from bot.services.library import Library
from bot.storage.models import Chat
from bot.storage.repository import Repository
from knowledge.schema import LocaleBundle


class StaleRevisionError(Exception):
    """Another process changed this chat's answers first; the turn is retried from the start."""


@dataclass(frozen=True, slots=True)
class Incoming:
    """One update from a user, whatever the transport."""

    chat_id: int
    user_id: int | None = None
    username: str | None = None
    first_name: str | None = None
    language_code: str | None = None
    text: str | None = None
    callback: str | None = None
    update_id: int | None = None
    message_id: int | None = None
    reply_to: int | None = None  # the message this one replies to
    thread_id: int | None = None  # the forum topic it was sent in
    edited: bool = False  # the user changed a message they had sent
    kind: str | None = None  # what a message without text holds: photo, sticker, voice...


def guess_language(code: str | None) -> str:
    """Telegram's language_code to one of ours; Central Asian users mostly read Russian."""
    base = (code or "").split("-")[0].casefold()
    if base == "zh":
        return "zh"
    if base in {"ru", "uk", "be", "kk", "ky", "uz", "tg", "az", "hy", "ka", "mn", "tk"}:
        return "ru"
    return "en"


def language_of_text(text: str, code: str | None) -> str:
    """Chinese characters read Chinese, Cyrillic reads Russian; otherwise Telegram's guess."""
    found = detect_language(text)
    return found if found != "en" else guess_language(code)


class Settings(Protocol):
    """What a turn reads from the service that runs it."""

    library: Library
    manager_chat_id: int | None


class Turn:
    """State shared by the use cases while one update is handled."""

    def __init__(
        self, service: Settings, repo: Repository, chat: Chat, incoming: Incoming, now: dt.datetime
    ) -> None:
        self.lib = service.library
        self.manager_chat_id = service.manager_chat_id
        self.repo = repo
        self.chat = chat
        self.incoming = incoming
        self.now = now
        self.today = now.date()
        self.out = Outcome(lang=self.lang)
        if incoming.username:
            chat.username = incoming.username[:64]
        if incoming.user_id is not None:
            chat.user_id = incoming.user_id

    @property
    def lang(self) -> str:
        """The chosen language, or the one guessed from Telegram's language_code."""
        return self.chat.lang or guess_language(self.incoming.language_code)

    @property
    def locale(self) -> LocaleBundle:
        """The texts of the chat's language."""
        return self.lib.locales[self.lang]

    def say(self, step: Step) -> None:
        """Add a message to this turn's outcome."""
        self.out.steps.append(step)

    def notice(self, key: str, **values: object) -> None:
        """The pop-up answer to the button that was pressed."""
        self.out.notice = Say(key, values)

    def env(self) -> Env:
        """What typed answers are read against: the language, today and the data."""
        lib = self.lib
        return Env(self.locale, self.today, lib.countries, lib.smalltalk, lib.answer_words)

    async def context(self) -> Context:
        """What decides the next question: the stored answers, the role, today, the data."""
        return Context(
            answers=await self.repo.answers(self.chat.chat_id),
            role=self.chat.role,
            today=self.today,
            letter_limit_days=self.lib.letter_limit,
            markets=self.lib.markets,
        )

    async def bump(self) -> None:
        """Claim a new answer revision, or start over if another process claimed it first."""
        if not await self.repo.bump_revision(self.chat, self.now):
            raise StaleRevisionError

    def set_pending(self, **values: Any) -> None:
        """What the current question remembers between turns (misses, ticks)."""
        self.chat.pending = values or None
