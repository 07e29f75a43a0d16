"""Drives the conversation service like a user: types text, presses buttons by their label."""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from bot.domain.steps import Outcome
from bot.services.conversation import ConversationService, Incoming
from handlers.messages import Rendered, Reply
from handlers.page import HTML
from handlers.render import Renderer

CHINA = ZoneInfo("Asia/Shanghai")
TAG = re.compile(r"<[^>]+>")
ALLOWED_TAGS = re.compile(r"</?(b|i|u|s|code|pre|a)( [^>]*)?>")


class Clock:
    """A settable clock for services under test."""

    def __init__(self, day: dt.date) -> None:
        self.now = dt.datetime.combine(day, dt.time(10, 0), tzinfo=CHINA)

    def __call__(self) -> dt.datetime:
        return self.now

    def set(self, day: dt.date) -> None:
        self.now = dt.datetime.combine(day, dt.time(10, 0), tzinfo=CHINA)


def plain(text: str) -> str:
    return html.unescape(TAG.sub("", text))


@dataclass
class Chatter:
    """One user in one chat: the steps of the last turn and their Telegram rendering."""

    service: ConversationService
    chat_id: int = 1001
    language_code: str = "en"
    update_id: int = 1
    steps: Outcome = field(default_factory=lambda: Outcome(lang="en"))
    last: Rendered = field(default_factory=Rendered)
    history: list[Rendered] = field(default_factory=list)

    async def _send(self, incoming: Incoming) -> Rendered:
        self.steps = await self.service.handle(incoming)
        self.last = Renderer(self.service.library, HTML).render(self.steps)
        self.history.append(self.last)
        for reply in self.last.replies + self.last.to_manager:
            check_reply(reply)
        return self.last

    def _next_id(self) -> int:
        self.update_id += 1
        return self.update_id

    async def say(self, text: str) -> Rendered:
        return await self._send(
            Incoming(
                chat_id=self.chat_id,
                user_id=self.chat_id,
                username="tester",
                language_code=self.language_code,
                text=text,
                update_id=self._next_id(),
            )
        )

    async def press_data(self, data: str) -> Rendered:
        return await self._send(
            Incoming(
                chat_id=self.chat_id,
                user_id=self.chat_id,
                language_code=self.language_code,
                callback=data,
                update_id=self._next_id(),
            )
        )

    def button(self, label_part: str, outcome: Rendered | None = None) -> str:
        """The callback data of the first button whose label contains label_part."""
        source = outcome or self.last
        for reply in reversed(source.replies):
            for row in reply.buttons:
                for button in row:
                    if label_part in plain(button.label):
                        return button.data
        labels = [plain(b.label) for r in source.replies for row in r.buttons for b in row]
        raise AssertionError(f"no button with {label_part!r}; buttons: {labels}")

    async def press(self, label_part: str) -> Rendered:
        return await self.press_data(self.button(label_part))

    @property
    def text(self) -> str:
        return "\n".join(plain(r.text) for r in self.last.replies)


def check_reply(reply: Reply) -> None:
    """What Telegram would refuse: too long, bad callback data, stray HTML."""
    assert 0 < len(plain(reply.text)) <= 4096, len(reply.text)
    stripped = ALLOWED_TAGS.sub("", reply.text)
    assert "<" not in stripped, reply.text
    assert ">" not in stripped, reply.text
    for row in reply.buttons:
        for button in row:
            assert 1 <= len(button.data.encode()) <= 64, button.data
            assert button.label
