"""The managers' chat: lead cards with Claim, Release, Won and Lost; /leads and /lead N.

Only the configured managers may act; nothing here ever runs the customer conversation.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bot.domain.callbacks import decode
from bot.domain.steps import ChooseOwner, Copy, LeadCard, LeadList, NewOwner, Outcome, Say
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
        lang=lead.lang,
        role=lead.role,
        campaign=lead.campaign,
        verdict=lead.verdict,
        open_items=tuple(lead.open_items or ()),
        vehicle=dict(lead.vehicle),
        contact_way=lead.contact_way,
        contact_value=lead.contact_value,
        note=lead.note,
        inquiry=dict(lead.inquiry or {}),
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
    def name(self) -> str:
        """How the sender shows in the group."""
        who = self.incoming
        return (who.first_name or who.username or str(who.user_id))[:64]

    @property
    def manager(self) -> bool:
        """Whether the sender may act on leads."""
        return self.incoming.user_id is not None and self.incoming.user_id in self.managers

    async def run(self) -> None:
        """Buttons, the managers' commands, and replies to a card (relayed to its user); any
        other message is the managers' own talk."""
        if self.manager and self.incoming.user_id is not None:
            await self.repo.seen_member(self.incoming.user_id, self.name, self.now)
        if self.incoming.callback is not None:
            await self.button(self.incoming.callback)
        elif (self.incoming.text or "").startswith("/"):
            await self.command((self.incoming.text or "").strip())
        elif self.incoming.thread_id is not None or self.incoming.reply_to is not None:
            await self.relay()

    async def relay(self) -> None:
        """The owner's message in the lead's topic (or reply to its card) is copied to the user."""
        lead = await self.lead_here()
        if lead is None or self.incoming.message_id is None:
            return
        mine = lead.owner_id is not None and lead.owner_id == self.incoming.user_id
        if not mine or lead.status not in ("claimed", "contacted"):
            self.out.steps.append(Say("desk.claim_first"))
            return
        self.out.copies.append(
            Copy(self.incoming.chat_id, self.incoming.message_id, lead.chat_id, lead_id=lead.id)
        )
        if lead.status == "claimed":
            lead.status, lead.updated_at = "contacted", self.now
            await self.repo.add_lead_event(lead.id, lead.owner_id, "contacted", {}, self.now)

    async def lead_here(self) -> Lead | None:
        """The lead a message is about: by its forum topic, else by the card it replies to."""
        topic, card = self.incoming.thread_id, self.incoming.reply_to
        lead = await self.repo.lead_by_topic(topic) if topic is not None else None
        if lead is None and card is not None:
            lead = await self.repo.lead_by_card(card)
        return lead

    async def command(self, text: str) -> None:
        """/leads [status | mine], /lead N, /release; other commands are the managers' own."""
        name, _, argument = text[1:].partition(" ")
        name = name.split("@")[0].casefold()
        if name not in {"leads", "lead", "release"}:
            return
        if not self.manager:
            self.out.steps.append(Say("desk.not_manager"))
            return
        if name == "release":  # in reply to a card: hand the user back to the bot
            card = await self.lead_here()
            if card is not None:
                await self.act(card.id, "LR", edit=False)
            return
        if name == "lead":
            lead = await self.repo.lead(int(argument)) if argument.strip().isdigit() else None
            self.out.steps.append(lead_card(lead) if lead else Say("desk.no_such_lead"))
            return
        wanted = argument.strip().casefold()
        mine = wanted == "mine"  # /leads mine: the open leads the asker owns
        statuses = (wanted,) if wanted and not mine else OPEN_LEAD
        leads = await self.repo.leads(statuses)
        if mine:
            leads = [lead for lead in leads if lead.owner_id == self.incoming.user_id]
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
        card = await self.repo.lead(int(callback.args[0]))
        pressed = self.incoming.message_id
        # Card buttons act only on their own card; the reassign list is a message of its own.
        elsewhere = card is not None and card.card_message_id not in (None, pressed)
        if card is None or (elsewhere and pressed is not None and callback.action != "LO"):
            self.out.notice = Say("old_button")  # a button that does not sit on this lead's card
            return
        if callback.action == "LA":
            members = await self.repo.members()
            others = tuple(
                (m.user_id, m.name)
                for m in members
                if m.user_id in self.managers and m.user_id != card.owner_id
            )
            self.out.steps.append(ChooseOwner(card.id, others))
            return
        if callback.action == "LO" and len(callback.args) > 1 and callback.args[1].isdigit():
            await self.reassign(card, int(callback.args[1]))
            return
        await self.act(card.id, callback.action, edit=True)

    async def reassign(self, card: Lead, owner_id: int) -> None:
        """Hand the lead to another manager, who is mentioned; the user hears the new name."""
        member = next((m for m in await self.repo.members() if m.user_id == owner_id), None)
        actor = self.incoming.user_id or 0
        if member is None or owner_id not in self.managers:
            self.out.notice = Say("old_button")
            return
        if not await self.repo.reassign_lead(card.id, actor, owner_id, member.name, self.now):
            self.out.notice = Say("desk.not_yours", {"name": card.owner_name or "-"})
            return
        await self.repo.add_lead_event(card.id, actor, "reassigned", {"to": member.name}, self.now)
        lead = await self.repo.lead(card.id)
        if lead is None:
            return
        self.out.notice = Say("desk.reassigned")
        self.out.steps.append(lead_card(lead, message_id=lead.card_message_id))
        self.out.steps.append(NewOwner(lead.id, owner_id, member.name))
        await self.repo.set_chat_mode(lead.chat_id, "manager", self.now)
        said = Say("handoff.claimed", {"name": member.name})
        self.out.to_users.append((lead.chat_id, lead.lang, said))

    async def act(self, lead_id: int, action: str, *, edit: bool) -> None:
        """Claim (LC), release (LR), won (LW) or lost (LL) for the manager who asked; the card
        is redrawn and the user told (while a manager owns the lead, the user talks to them)."""
        actor, name = self.incoming.user_id or 0, self.name
        if action == "LC":
            done = await self.repo.claim_lead(lead_id, actor, name[:64], self.now)
            event, refused = "claimed", "desk.already_claimed"
        elif action == "LR":
            done = await self.repo.release_lead(lead_id, actor, self.now)
            event, refused = "released", "desk.not_yours"
        elif action in FINISHED:
            status = FINISHED[action]
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
        self.out.steps.append(
            lead_card(lead, edit=edit, message_id=None if edit else lead.card_message_id)
        )
        mode = "manager" if event == "claimed" else "idle"
        await self.repo.set_chat_mode(lead.chat_id, mode, self.now)
        if event == "claimed":
            said = Say("handoff.claimed", {"name": name})
        elif event == "released":
            said = Say("handoff.released")
        else:
            return
        self.out.to_users.append((lead.chat_id, lead.lang, said))
