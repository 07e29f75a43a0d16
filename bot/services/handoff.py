"""The hand-off: a lead stored for the team, and sent to the managers' chat when there is one."""

from __future__ import annotations

from bot.domain.questionnaire import to_case
from bot.domain.steps import LeadSaved, ManagerCard
from bot.services import verdicts
from bot.services.turn import Turn
from bot.storage.models import Lead


async def contact(turn: Turn, _argument: str) -> None:
    """/contact or "Talk to a manager": the lead with the car and the verdict so far."""
    ctx = await turn.context()
    verdict = None
    if turn.chat.mode == "verdict":
        found = await verdicts.evaluate(turn)
        verdict = found.verdict.value if found else None
    chat = turn.chat
    lead = await turn.repo.add_lead(
        Lead(
            chat_id=chat.chat_id,
            user_id=chat.user_id,
            username=chat.username,
            lang=turn.lang,
            role=chat.role,
            campaign=chat.campaign,
            vehicle=to_case(ctx),
            verdict=verdict,
            created_at=turn.now,
        )
    )
    notified = turn.manager_chat_id is not None
    turn.say(LeadSaved(lead.id, notified))
    if notified:
        turn.out.to_manager.append(
            ManagerCard(
                number=lead.id,
                username=lead.username,
                user_id=lead.user_id or lead.chat_id,
                lang=lead.lang,
                role=lead.role,
                campaign=lead.campaign,
                verdict=lead.verdict,
                vehicle=dict(lead.vehicle),
            )
        )
