"""The hand-off: how the user wants to be reached, consent, then a lead for the team.

"Talk to a manager" asks how to reach the user (this chat, phone, WhatsApp, WeChat, e-mail),
an optional message, and consent to pass the details to the sales team; without consent no
lead is made. The same user and car within a day update the open lead instead of a new one.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from bot.domain.contact_ways import QUOTE, TERMS, TYPED, WAYS, read_contact, read_quote
from bot.domain.questionnaire import to_case
from bot.domain.results import Status
from bot.domain.steps import AskContact, Copy, LeadSaved, Menu
from bot.services import verdicts
from bot.services.desk import lead_card
from bot.services.turn import Turn
from bot.storage.models import Lead

SAME_LEAD = dt.timedelta(hours=24)  # the same user and car within this time update one lead
MESSAGE_LIMIT = 500  # characters of the user's note kept for the manager


def _state(turn: Turn) -> dict[str, Any]:
    found = (turn.chat.pending or {}).get("contact")
    return dict(found) if isinstance(found, dict) else {}


def _after(turn: Turn, stage: str) -> str:
    """The stage after this one: buyers are asked what to quote before the message."""
    order: list[str] = ["way", "value", *(QUOTE if turn.chat.role == "buyer" else ())]
    order += ["message", "consent"]
    return order[order.index(stage) + 1]


def _ask(turn: Turn, state: dict[str, Any], *, bad: bool = False) -> None:
    turn.chat.mode = "contact"
    turn.chat.pending = {"contact": state}
    turn.say(AskContact(state["stage"], state.get("way"), bad))


async def contact(turn: Turn, _argument: str) -> None:
    """/contact or "Talk to a manager": an open lead about this car is updated at once;
    otherwise the questions start (a second tap shows the current one again)."""
    if turn.chat.mode == "contact":
        _ask(turn, _state(turn))
        return
    ctx = await turn.context()
    open_lead = await turn.repo.open_lead(turn.chat.chat_id, to_case(ctx), turn.now - SAME_LEAD)
    if open_lead is not None:
        await _save(turn, {"from": turn.chat.mode}, open_lead)
        return
    _ask(turn, {"stage": "way", "from": turn.chat.mode})


async def way(turn: Turn, chosen: str) -> None:
    """A contact-way button."""
    state = _state(turn)
    if turn.chat.mode != "contact" or chosen not in WAYS:
        turn.notice("old_button")
        return
    state["way"] = chosen
    if chosen in TYPED:
        state["stage"] = "value"
    else:
        state["value"] = f"@{turn.chat.username}" if turn.chat.username else None
        state["stage"] = _after(turn, "value")
    _ask(turn, state)


async def skip(turn: Turn) -> None:
    """ "Skip" (or "No message"): on to the next question."""
    state = _state(turn)
    if turn.chat.mode != "contact" or state.get("stage") not in (*QUOTE, "message"):
        turn.notice("old_button")
        return
    state["stage"] = _after(turn, str(state["stage"]))
    _ask(turn, state)


async def terms(turn: Turn, chosen: str) -> None:
    """FOB, CIF or not sure."""
    state = _state(turn)
    if turn.chat.mode != "contact" or state.get("stage") != "terms" or chosen not in TERMS:
        turn.notice("old_button")
        return
    state.setdefault("quote", {})["terms"] = chosen
    state["stage"] = _after(turn, "terms")
    _ask(turn, state)


async def typed(turn: Turn, text: str) -> None:
    """Typed while asking for a manager: the contact, or the message; else the question again."""
    state = _state(turn)
    if state.get("stage") == "value":
        value = read_contact(str(state.get("way")), text, turn.lang)
        if value is None:
            _ask(turn, state, bad=True)
            return
        state.update(value=value, stage=_after(turn, "value"))
    elif state.get("stage") in QUOTE and state.get("stage") != "terms":
        stage = str(state["stage"])
        answer = read_quote(stage, text)
        if answer is None:
            _ask(turn, state, bad=True)
            return
        state.setdefault("quote", {})[stage] = answer
        state["stage"] = _after(turn, stage)
    elif state.get("stage") == "message":
        state.update(note=text.strip()[:MESSAGE_LIMIT], stage="consent")
    _ask(turn, state)


async def consent(turn: Turn, answer: str) -> None:
    """Consent given: the lead is made; refused: nothing is kept."""
    state = _state(turn)
    if turn.chat.mode != "contact" or state.get("stage") != "consent":
        turn.notice("old_button")
        return
    if answer != "y":
        leave(turn, state)
        turn.say(Menu("contact.no_consent"))
        return
    await _save(turn, state, None)


STILL_THE_BOTS = frozenset({"/cancel", "/forget"})  # commands that work while talking to a person


async def to_manager(turn: Turn) -> bool:
    """While a manager owns the user's lead, what the user sends is copied to them (under the
    lead's card); False when the bot should handle it after all."""
    incoming = turn.incoming
    command = (incoming.text or "").strip().split(" ")[0].split("@")[0].casefold()
    if command in STILL_THE_BOTS:
        return False
    lead = await turn.repo.owned_lead(turn.chat.chat_id)
    if lead is None or turn.manager_chat_id is None:
        turn.chat.mode = "idle"  # nobody owns it any more: the bot answers again
        return False
    if incoming.callback is not None:
        turn.notice("handoff.with_manager", name=lead.owner_name or "")
    elif incoming.message_id is not None and not incoming.edited:
        turn.out.copies.append(
            Copy(
                turn.chat.chat_id,
                incoming.message_id,
                turn.manager_chat_id,
                reply_to=lead.card_message_id,
                lead_id=lead.id,
                thread_id=lead.topic_id,
            )
        )
    return True


def leave(turn: Turn, state: dict[str, Any] | None = None) -> None:
    """Back to where the chat was before the questions (for /cancel too)."""
    found = state if state is not None else _state(turn)
    turn.chat.mode = str(found.get("from") or "idle")
    turn.chat.pending = None


async def _save(turn: Turn, state: dict[str, Any], lead: Lead | None) -> None:
    """Create the lead (or update the open one) with the car, the verdict and what is open."""
    leave(turn, state)
    verdict, open_items = None, None
    if turn.chat.mode == "verdict":
        found = await verdicts.evaluate(turn)
        if found is not None:
            verdict = found.verdict.value
            open_items = [
                r.rule_id for r in found.results if r.status in (Status.FAIL, Status.UNKNOWN)
            ]
    chat = turn.chat
    if lead is None:
        lead = await turn.repo.add_lead(
            Lead(
                chat_id=chat.chat_id,
                user_id=chat.user_id,
                username=chat.username,
                lang=turn.lang,
                role=chat.role,
                campaign=chat.campaign,
                vehicle=to_case(await turn.context()),
                verdict=verdict,
                open_items=open_items,
                contact_way=state.get("way"),
                contact_value=state.get("value"),
                note=state.get("note"),
                inquiry=state.get("quote"),
                consent_at=turn.now,
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
