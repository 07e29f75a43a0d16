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


class Terminal:
    """One terminal user: what they type goes to the service, its steps come back as text."""

    def __init__(self, service: ConversationService, out: TextIO, chat_id: int, lang: str):
        self.service = service
        self.out = out
        self.chat_id = chat_id
        self.code = lang  # what Telegram's language_code would say before a language is chosen
        self.lang = lang  # the chat's language after the last turn
        self.renderer = Renderer(service.library, PLAIN)
        self.choices: dict[str, str] = {}

    def ui(self, key: str) -> str:
        """A terminal text in the chat's current language."""
        return self.service.library.locales[self.lang].ui[key]

    async def send(self, line: str) -> None:
        """A number presses the button last shown; anything else is typed text."""
        if line in self.choices:
            incoming = Incoming(self.chat_id, language_code=self.code, callback=self.choices[line])
        else:
            incoming = Incoming(self.chat_id, language_code=self.code, text=line)
        outcome = await self.service.handle(incoming)
        self.lang = outcome.lang
        found = show(self.renderer.render(outcome), self.out, self.ui("terminal.choose"))
        self.choices = found or self.choices

    def quits(self, line: str) -> bool:
        """quit, exit, выход, 退出... end the session."""
        return line.casefold() in self.service.library.smalltalk.get("terminal_quit", ())


async def converse(
    service: ConversationService,
    lines: TextIO,
    out: TextIO,
    chat_id: int,
    lang: str,
) -> None:
    """Read lines until end of input (Ctrl-D), a quit word or Ctrl-C; then say goodbye."""
    terminal = Terminal(service, out, chat_id, lang)
    try:
        await terminal.send("/start")
        for raw in lines:
            line = raw.strip()
            if terminal.quits(line):
                break
            if line:
                out.write("\n")
                await terminal.send(line)
    except KeyboardInterrupt:
        out.write("\n")
    out.write(terminal.ui("terminal.bye") + "\n")
