"""The managers' chat: lead cards with Claim, Release, Won and Lost; /leads and /lead N.

Only the configured managers may act; nothing here ever runs the customer conversation.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bot.domain.callbacks import decode
from bot.domain.steps import LeadCard, LeadList, Outcome, Say
from bot.services.turn import Incoming
from bot.storage.models import Lead
from bot.storage.repository import OPEN_LEAD, Repository

FINISHED = {"LW": "won", "LL": "lost"}


def lead_card(lead: Lead, *, edit: bool = False, message_id: int | None = None) -> LeadCard:
    """The card of a lead as it stands."""
    return LeadCard(
        number=lead.id,
        status=lead.status,
        owner_name=lead.owner_name,
        username=lead.username,
        user_id=lead.user_id or lead.chat_id,
        first_name=None,
        lang=lead.lang,
        role=lead.role,
        campaign=lead.campaign,
        verdict=lead.verdict,
        open_items=tuple(lead.open_items or ()),
        vehicle=dict(lead.vehicle),
        contact_way=lead.contact_way,
        contact_value=lead.contact_value,
        note=lead.note,
        edit=edit,
        message_id=message_id,
    )


@dataclass
class Desk:
    """One update from the managers' chat."""

    repo: Repository
    incoming: Incoming
    now: dt.datetime
    managers: frozenset[int]
    out: Outcome

    @property
    def manager(self) -> bool:
        """Whether the sender may act on leads."""
        return self.incoming.user_id is not None and self.incoming.user_id in self.managers

    async def run(self) -> None:
        """Buttons and the managers' commands; any other message is left to the people."""
        if self.incoming.callback is not None:
            await self.button(self.incoming.callback)
        elif (self.incoming.text or "").startswith("/"):
            await self.command((self.incoming.text or "").strip())

    async def command(self, text: str) -> None:
        """/leads [status] and /lead N; other commands are not the bot's business here."""
        name, _, argument = text[1:].partition(" ")
        name = name.split("@")[0].casefold()
        if name not in {"leads", "lead"}:
            return
        if not self.manager:
            self.out.steps.append(Say("desk.not_manager"))
            return
        if name == "lead":
            lead = await self.repo.lead(int(argument)) if argument.strip().isdigit() else None
            self.out.steps.append(lead_card(lead) if lead else Say("desk.no_such_lead"))
            return
        wanted = argument.strip().casefold()
        statuses = (wanted,) if wanted else OPEN_LEAD
        leads = await self.repo.leads(statuses)
        self.out.steps.append(LeadList(tuple(lead_card(lead) for lead in leads[-30:])))

    async def button(self, data: str) -> None:
        """Claim, Release, Won, Lost on a lead card."""
        callback = decode(data)
        if callback is None or not callback.args or not callback.args[0].isdigit():
            self.out.notice = Say("old_button")
            return
        if not self.manager:
            self.out.notice = Say("desk.not_manager")
            return
        lead_id, actor = int(callback.args[0]), self.incoming.user_id or 0
        name = self.incoming.first_name or self.incoming.username or str(actor)
        card = await self.repo.lead(lead_id)
        pressed = self.incoming.message_id
        if card is None or (card.card_message_id not in (None, pressed) and pressed is not None):
            self.out.notice = Say("old_button")  # a button that does not sit on this lead's card
            return
        if callback.action == "LC":
            done = await self.repo.claim_lead(lead_id, actor, name[:64], self.now)
            event, refused = "claimed", "desk.already_claimed"
        elif callback.action == "LR":
            done = await self.repo.release_lead(lead_id, actor, self.now)
            event, refused = "released", "desk.not_yours"
        elif callback.action in FINISHED:
            status = FINISHED[callback.action]
            done = await self.repo.finish_lead(lead_id, status, actor, self.now)
            event, refused = status, "desk.not_yours"
        else:
            self.out.notice = Say("old_button")
            return
        lead = await self.repo.lead(lead_id)
        if lead is None:
            self.out.notice = Say("desk.no_such_lead")
            return
        if not done:
            self.out.notice = Say(refused, {"name": lead.owner_name or "-"})
            return
        await self.repo.add_lead_event(lead_id, actor, event, {"by": name}, self.now)
        self.out.notice = Say(f"desk.{event}")
        self.out.steps.append(lead_card(lead, edit=True))
        if event == "claimed":
            self.out.to_users.append(
                (lead.chat_id, lead.lang, Say("handoff.claimed", {"name": name}))
            )
        elif event == "released":
            self.out.to_users.append((lead.chat_id, lead.lang, Say("handoff.released")))
