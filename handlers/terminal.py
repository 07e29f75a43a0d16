"""The same conversation in a terminal: buttons become numbered choices, HTML becomes plain text."""

from __future__ import annotations

import html
import re
from typing import TextIO

from bot.domain.replies import Outcome
from bot.services.conversation import ConversationService, Incoming

_TAG = re.compile(r"<[^>]+>")


def plain(text: str) -> str:
    """HTML message text as a terminal shows it."""
    return html.unescape(_TAG.sub("", text))


def show(outcome: Outcome, out: TextIO, choose: str) -> dict[str, str]:
    """Print an outcome; return the number -> callback map of its buttons."""
    choices: dict[str, str] = {}
    if outcome.notice:
        out.write(f"({plain(outcome.notice)})\n")
    for reply in outcome.replies:
        out.write(plain(reply.text) + "\n")
        for row in reply.buttons:
            for button in row:
                number = str(len(choices) + 1)
                choices[number] = button.data
                out.write(f"  [{number}] {plain(button.label)}\n")
        out.write("\n")
    if choices:
        out.write(choose + "\n")
    return choices


async def converse(
    service: ConversationService,
    lines: TextIO,
    out: TextIO,
    chat_id: int,
    lang: str,
) -> None:
    """Read lines until end of input; numbers press the buttons last shown."""
    locale = service.library.locales[lang]
    choose = locale.ui["terminal.choose"]
    first = Incoming(chat_id=chat_id, language_code=lang, text="/start")
    choices = show(await service.handle(first), out, choose)
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if line in choices:
            incoming = Incoming(chat_id=chat_id, language_code=lang, callback=choices[line])
        else:
            incoming = Incoming(chat_id=chat_id, language_code=lang, text=line)
        out.write("\n")
        found = show(await service.handle(incoming), out, choose)
        choices = found or choices
    out.write(plain(locale.ui["terminal.bye"]) + "\n")
