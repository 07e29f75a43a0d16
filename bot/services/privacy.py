"""Privacy: what is kept, and forgetting a chat on request."""

from __future__ import annotations

from bot.domain.steps import Say
from bot.services.turn import Turn


async def show(turn: Turn, _argument: str) -> None:
    """/privacy: what the bot stores and for how long."""
    turn.say(Say("privacy"))


async def forget(turn: Turn, _argument: str) -> None:
    """/forget: delete the chat's answers, leads, reminders and feedback."""
    await turn.repo.forget_chat(turn.chat.chat_id)
    turn.say(Say("forgotten"))
