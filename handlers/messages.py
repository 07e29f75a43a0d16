"""Messages as a transport sends them: text (HTML for Telegram), rows of buttons, split to fit."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.domain.steps import Copy

TEXT_LIMIT = 4096


@dataclass(frozen=True, slots=True)
class Button:
    """An inline button: its label and the callback code it sends back."""

    label: str
    data: str


@dataclass(frozen=True, slots=True)
class Reply:
    """One message: its text (HTML for Telegram, every user-supplied part escaped) and buttons."""

    text: str
    buttons: tuple[tuple[Button, ...], ...] = ()
    # Replace the message whose button was pressed instead of sending a new one.
    edit: bool = False
    message_id: int | None = None  # or replace this message of the chat it is sent to
    card_for: int | None = None  # a lead card sent anew: its message id is remembered


@dataclass(slots=True)
class Rendered:
    """One update's steps as messages: replies, the pop-up notice, the managers' messages."""

    replies: list[Reply] = field(default_factory=list)
    notice: str | None = None  # the short pop-up answer to a button press
    to_manager: list[Reply] = field(default_factory=list)
    close_pressed: bool = False  # take the keyboard off the message whose button was pressed
    to_users: list[tuple[int, Reply]] = field(default_factory=list)  # to other chats
    copies: list[Copy] = field(default_factory=list)  # relayed as they are


def _cut(line: str, limit: int) -> int:
    """Where to break an over-long line: at a space, never inside an HTML tag or entity."""
    cut = line.rfind(" ", limit // 2, limit)
    if cut <= 0:
        cut = limit
    amp = line.rfind("&", 0, cut)
    if amp != -1 and ";" not in line[amp:cut]:
        cut = amp
    tag = line.rfind("<", 0, cut)
    if tag != -1 and ">" not in line[tag:cut]:
        cut = tag
    return max(cut, 1)


def split_text(text: str, limit: int = TEXT_LIMIT) -> list[str]:
    """Cut a long message at line breaks (or spaces) so each part fits Telegram's limit."""
    if len(text) <= limit:
        return [text]
    parts: list[str] = []
    current = ""
    for line in text.split("\n"):
        rest = line
        while len(rest) > limit:
            if current:
                parts.append(current)
                current = ""
            cut = _cut(rest, limit)
            parts.append(rest[:cut])
            rest = rest[cut:].lstrip(" ")
        candidate = f"{current}\n{rest}" if current else rest
        if len(candidate) > limit:
            parts.append(current)
            current = rest
        else:
            current = candidate
    if current:
        parts.append(current)
    return parts


def shorten_label(label: str, limit: int = 40) -> str:
    """A label shortened at a word (Chinese at a character) with an ellipsis when too long."""
    if len(label) <= limit:
        return label
    space = label.rfind(" ", 0, limit)
    end = space if space >= limit // 2 else limit - 1
    return label[:end].rstrip(" ,;:-—(") + "…"


def rows(buttons: list[Button], per_row: int) -> tuple[tuple[Button, ...], ...]:
    """Lay buttons out a few to a row."""
    return tuple(tuple(buttons[i : i + per_row]) for i in range(0, len(buttons), per_row))
