"""Privacy: what is kept, and forgetting a chat on request."""

from __future__ import annotations

from dataclasses import replace

from bot.domain.steps import Say
from bot.services.desk import lead_card
from bot.services.turn import Turn


async def show(turn: Turn, _argument: str) -> None:
    """/privacy: what the bot stores and for how long."""
    turn.say(Say("privacy"))


async def forget(turn: Turn, _argument: str) -> None:
    """/forget: delete the chat's answers, reminders and feedback, and anonymise its leads; their
    cards in the managers' chat say the details were removed at the user's request."""
    for lead in await turn.repo.anonymise_leads(turn.chat.chat_id, turn.now):
        if turn.manager_chat_id is not None and lead.card_message_id is not None:
            card = lead_card(lead, message_id=lead.card_message_id)
            turn.out.to_manager.append(replace(card, forgotten=True))
    await turn.repo.forget_chat(turn.chat.chat_id)
    turn.say(Say("forgotten"))
