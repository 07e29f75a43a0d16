"""The hand-off: a lead stored for the team, and its card sent to the managers' chat."""

from __future__ import annotations

import datetime as dt

from bot.domain.questionnaire import to_case
from bot.domain.results import Status
from bot.domain.steps import LeadSaved
from bot.services import verdicts
from bot.services.desk import lead_card
from bot.services.turn import Turn
from bot.storage.models import Lead

SAME_LEAD = dt.timedelta(hours=24)  # the same user and car within this time update one lead


async def contact(turn: Turn, _argument: str) -> None:
    """/contact or "Talk to a manager": the lead with the car, the verdict and what is open;
    asking again about the same car within a day updates that lead."""
    ctx = await turn.context()
    verdict, open_items = None, None
    if turn.chat.mode == "verdict":
        found = await verdicts.evaluate(turn)
        if found is not None:
            verdict = found.verdict.value
            open_items = [
                r.rule_id for r in found.results if r.status in (Status.FAIL, Status.UNKNOWN)
            ]
    chat, vehicle = turn.chat, to_case(ctx)
    lead = await turn.repo.open_lead(chat.chat_id, vehicle, turn.now - SAME_LEAD)
    if lead is None:
        lead = await turn.repo.add_lead(
            Lead(
                chat_id=chat.chat_id,
                user_id=chat.user_id,
                username=chat.username,
                lang=turn.lang,
                role=chat.role,
                campaign=chat.campaign,
                vehicle=vehicle,
                verdict=verdict,
                open_items=open_items,
                created_at=turn.now,
                updated_at=turn.now,
            )
        )
        event = "created"
    else:
        lead.verdict = verdict or lead.verdict
        lead.open_items = open_items or lead.open_items
        lead.updated_at = turn.now
        event = "asked_again"
    await turn.repo.add_lead_event(lead.id, chat.user_id, event, {}, turn.now)
    notified = turn.manager_chat_id is not None
    turn.say(LeadSaved(lead.id, notified))
    if notified:
        turn.out.to_manager.append(lead_card(lead, message_id=lead.card_message_id))
