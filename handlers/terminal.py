"""The same conversation in a terminal: buttons become numbered choices, text stays plain."""

from __future__ import annotations

from typing import TextIO

from bot.services.conversation import ConversationService, Incoming
from handlers.messages import Rendered
from handlers.page import PLAIN
from handlers.render import Renderer


def show(rendered: Rendered, out: TextIO, choose: str) -> dict[str, str]:
    """Print an outcome; return the number -> callback map of its buttons."""
    choices: dict[str, str] = {}
    if rendered.notice:
        out.write(f"({rendered.notice})\n")
    for reply in rendered.replies:
        out.write(reply.text + "\n")
        for row in reply.buttons:
            for button in row:
                number = str(len(choices) + 1)
                choices[number] = button.data
                out.write(f"  [{number}] {button.label}\n")
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
    renderer = Renderer(service.library, PLAIN)
    locale = service.library.locales[lang]
    choose = locale.ui["terminal.choose"]
    first = Incoming(chat_id=chat_id, language_code=lang, text="/start")
    choices = show(renderer.render(await service.handle(first)), out, choose)
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if line in choices:
            incoming = Incoming(chat_id=chat_id, language_code=lang, callback=choices[line])
        else:
            incoming = Incoming(chat_id=chat_id, language_code=lang, text=line)
        out.write("\n")
        found = show(renderer.render(await service.handle(incoming)), out, choose)
        choices = found or choices
    out.write(locale.ui["terminal.bye"] + "\n")
