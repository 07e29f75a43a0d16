"""Button payloads: short versioned codes under Telegram's 64-byte limit, checked on return."""

from __future__ import annotations

from dataclasses import dataclass

VERSION = "1"
MAX_BYTES = 64


@dataclass(frozen=True, slots=True)
class Callback:
    """A decoded button press: what it does, the answer revision it was made for, its arguments."""

    action: str
    revision: int
    args: tuple[str, ...]


def encode(action: str, revision: int, *args: str | int) -> str:
    """`1:action:revision:arg...`; raises if it would not fit Telegram's limit."""
    parts = [VERSION, action, str(revision), *(str(a) for a in args)]
    if any(":" in p for p in parts):
        raise ValueError("callback parts may not contain ':'")
    data = ":".join(parts)
    if len(data.encode()) > MAX_BYTES:
        raise ValueError(f"callback data over {MAX_BYTES} bytes: {data}")
    return data


def decode(data: str) -> Callback | None:
    """The callback, or None for anything this version did not make (an old or foreign button)."""
    parts = data.split(":")
    if len(parts) < 3 or parts[0] != VERSION or not parts[2].isdigit():
        return None
    return Callback(parts[1], int(parts[2]), tuple(parts[3:]))
