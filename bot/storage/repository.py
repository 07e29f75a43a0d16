"""Data access for the services; repositories flush but never commit (the service's unit does)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.models import (
    Answer,
    Chat,
    CrmOutbox,
    DeskMember,
    KbFeedback,
    Lead,
    LeadEvent,
    ProcessedUpdate,
    Reminder,
)

OPEN_LEAD = ("new", "claimed", "contacted")  # statuses a manager still works on


def lead_payload(lead: Lead) -> dict[str, Any]:
    """A lead as the CRM receives it (after /forget, without the person's details)."""
    return {
        "id": lead.id,
        "status": lead.status,
        "owner": {"id": lead.owner_id, "name": lead.owner_name} if lead.owner_id else None,
        "user": {"telegram_id": lead.user_id, "username": lead.username, "lang": lead.lang},
        "role": lead.role,
        "campaign": lead.campaign,
        "verdict": lead.verdict,
        "open_items": list(lead.open_items or ()),
        "contact": {"way": lead.contact_way, "value": lead.contact_value},
        "message": lead.note,
        "inquiry": dict(lead.inquiry or {}),
        "vehicle": dict(lead.vehicle),
        "created_at": lead.created_at.isoformat(),
        "updated_at": lead.updated_at.isoformat() if lead.updated_at else None,
    }


def _insert_for(session: AsyncSession) -> Any:
    """The dialect's INSERT, which knows ON CONFLICT DO NOTHING (SQLite and PostgreSQL)."""
    if session.get_bind().dialect.name == "postgresql":
        return pg_insert
    return sqlite_insert


class Repository:
    """All queries the bot runs, on one session (one transaction)."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def claim_update(self, update_id: int, now: dt.datetime) -> bool:
        """Record an update as handled; False if some process already handled it."""
        insert = _insert_for(self.session)
        statement = (
            insert(ProcessedUpdate)
            .values(update_id=update_id, processed_at=now)
            .on_conflict_do_nothing(index_elements=["update_id"])
            .returning(ProcessedUpdate.update_id)
        )
        return (await self.session.execute(statement)).scalar_one_or_none() is not None

    async def chat(self, chat_id: int, now: dt.datetime) -> Chat:
        """The chat's row, created on first contact; locked for the transaction where possible."""
        query = select(Chat).where(Chat.chat_id == chat_id).with_for_update()
        found = (await self.session.execute(query)).scalar_one_or_none()
        if found is not None:
            return found
        try:
            async with self.session.begin_nested():
                created = Chat(
                    chat_id=chat_id, mode="idle", revision=0, created_at=now, updated_at=now
                )
                self.session.add(created)
        except IntegrityError:
            return (await self.session.execute(query)).scalar_one()
        return created

    async def bump_revision(self, chat: Chat, now: dt.datetime) -> bool:
        """Advance the chat's revision if nobody else did since it was read (optimistic lock)."""
        result = await self.session.execute(
            update(Chat)
            .where(Chat.chat_id == chat.chat_id, Chat.revision == chat.revision)
            .values(revision=Chat.revision + 1, updated_at=now)
            .execution_options(synchronize_session=False)
        )
        if getattr(result, "rowcount", 0) != 1:
            return False
        await self.session.refresh(chat)
        return True

    async def answers(self, chat_id: int) -> dict[str, Any]:
        """Every stored answer of the chat, keyed by question id."""
        rows = await self.session.execute(select(Answer).where(Answer.chat_id == chat_id))
        return {row.question_id: row.value for row in rows.scalars()}

    async def set_answer(
        self, chat_id: int, question_id: str, value: Any, now: dt.datetime
    ) -> None:
        """Store or replace one answer."""
        await self.delete_answers(chat_id, [question_id])
        self.session.add(
            Answer(chat_id=chat_id, question_id=question_id, value=value, answered_at=now)
        )
        await self.session.flush()

    async def delete_answers(self, chat_id: int, question_ids: Iterable[str] | None = None) -> None:
        """Forget some answers, or all of them."""
        query = delete(Answer).where(Answer.chat_id == chat_id)
        if question_ids is not None:
            query = query.where(Answer.question_id.in_(list(question_ids)))
        await self.session.execute(query)

    async def add_reminder(
        self,
        chat_id: int,
        due_on: dt.date,
        kind: str,
        lang: str,
        payload: dict[str, Any],
        now: dt.datetime,
    ) -> bool:
        """Schedule a reminder; False if the same one is already scheduled."""
        try:
            async with self.session.begin_nested():
                self.session.add(
                    Reminder(
                        chat_id=chat_id,
                        due_on=due_on,
                        kind=kind,
                        lang=lang,
                        payload=payload,
                        created_at=now,
                    )
                )
        except IntegrityError:
            return False
        return True

    async def due_reminders(self, today: dt.date, limit: int = 100) -> Sequence[Reminder]:
        """Unsent reminders due on or before today."""
        query = (
            select(Reminder)
            .where(Reminder.sent_at.is_(None), Reminder.due_on <= today)
            .order_by(Reminder.due_on, Reminder.id)
            .limit(limit)
        )
        return (await self.session.execute(query)).scalars().all()

    async def claim_reminder(self, reminder_id: int, now: dt.datetime) -> bool:
        """Mark a reminder sent; False if another process claimed it first."""
        result = await self.session.execute(
            update(Reminder)
            .where(Reminder.id == reminder_id, Reminder.sent_at.is_(None))
            .values(sent_at=now)
            .execution_options(synchronize_session=False)
        )
        return getattr(result, "rowcount", 0) == 1

    async def release_reminder(self, reminder_id: int) -> None:
        """Un-claim a reminder whose message could not be sent, so it is tried again."""
        await self.session.execute(
            update(Reminder).where(Reminder.id == reminder_id).values(sent_at=None)
        )

    async def add_lead(self, lead: Lead) -> Lead:
        """Store a lead and give it its id."""
        self.session.add(lead)
        await self.session.flush()
        return lead

    async def leads(self, statuses: Iterable[str] | None = None) -> Sequence[Lead]:
        """Every lead (or those of some statuses), oldest first."""
        query = select(Lead).order_by(Lead.id)
        if statuses is not None:
            query = query.where(Lead.status.in_(tuple(statuses)))
        return (await self.session.execute(query)).scalars().all()

    async def lead(self, lead_id: int) -> Lead | None:
        """One lead by its number."""
        return await self.session.get(Lead, lead_id, populate_existing=True)

    async def open_lead(
        self, chat_id: int, vehicle: dict[str, Any], since: dt.datetime
    ) -> Lead | None:
        """The chat's open lead about the same vehicle created since a time, if any."""
        found = await self.session.execute(
            select(Lead)
            .where(Lead.chat_id == chat_id, Lead.status.in_(OPEN_LEAD), Lead.created_at >= since)
            .order_by(Lead.id.desc())
        )
        return next((lead for lead in found.scalars() if lead.vehicle == vehicle), None)

    async def claim_lead(
        self, lead_id: int, owner_id: int, owner_name: str, now: dt.datetime
    ) -> bool:
        """Make a manager the owner of a new lead; False when someone claimed it first."""
        done = await self.session.execute(
            update(Lead)
            .where(Lead.id == lead_id, Lead.status == "new")
            .values(status="claimed", owner_id=owner_id, owner_name=owner_name, updated_at=now)
        )
        return bool(getattr(done, "rowcount", 0))

    async def release_lead(self, lead_id: int, owner_id: int, now: dt.datetime) -> bool:
        """Give an owned lead back to the team; only its owner can."""
        done = await self.session.execute(
            update(Lead)
            .where(Lead.id == lead_id, Lead.owner_id == owner_id, Lead.status.in_(OPEN_LEAD))
            .values(status="new", owner_id=None, owner_name=None, updated_at=now)
        )
        return bool(getattr(done, "rowcount", 0))

    async def finish_lead(self, lead_id: int, status: str, actor_id: int, now: dt.datetime) -> bool:
        """Won or lost: by its owner, or by any manager while nobody owns it."""
        done = await self.session.execute(
            update(Lead)
            .where(
                Lead.id == lead_id,
                Lead.status.in_(OPEN_LEAD),
                (Lead.owner_id == actor_id) | Lead.owner_id.is_(None),
            )
            .values(status=status, updated_at=now)
        )
        return bool(getattr(done, "rowcount", 0))

    async def owned_lead(self, chat_id: int) -> Lead | None:
        """The chat's lead a manager owns now, if any (the user then talks to that person)."""
        found = await self.session.execute(
            select(Lead)
            .where(Lead.chat_id == chat_id, Lead.status.in_(("claimed", "contacted")))
            .order_by(Lead.id.desc())
        )
        return found.scalars().first()

    async def lead_by_card(self, message_id: int) -> Lead | None:
        """The lead whose card is this message of the managers' chat."""
        found = await self.session.execute(select(Lead).where(Lead.card_message_id == message_id))
        return found.scalars().first()

    async def set_chat_mode(self, chat_id: int, mode: str, now: dt.datetime) -> None:
        """Hand a user to a person ("manager") or back to the bot ("idle")."""
        await self.session.execute(
            update(Chat).where(Chat.chat_id == chat_id).values(mode=mode, updated_at=now)
        )

    async def unclaimed_since(self, before: dt.datetime, limit: int = 50) -> Sequence[Lead]:
        """New leads created before a time and never raised again."""
        found = await self.session.execute(
            select(Lead)
            .where(Lead.status == "new", Lead.raised_at.is_(None), Lead.created_at <= before)
            .order_by(Lead.id)
            .limit(limit)
        )
        return found.scalars().all()

    async def claim_raise(self, lead_id: int, now: dt.datetime) -> bool:
        """Win the right to raise a lead again (exactly one process does)."""
        done = await self.session.execute(
            update(Lead)
            .where(Lead.id == lead_id, Lead.raised_at.is_(None), Lead.status == "new")
            .values(raised_at=now)
        )
        return bool(getattr(done, "rowcount", 0))

    async def seen_member(self, user_id: int, name: str, now: dt.datetime) -> None:
        """Remember a manager's name as they show it now."""
        found = await self.session.get(DeskMember, user_id)
        if found is None:
            self.session.add(DeskMember(user_id=user_id, name=name[:64], seen_at=now))
        else:
            found.name, found.seen_at = name[:64], now
        await self.session.flush()

    async def members(self) -> Sequence[DeskMember]:
        """Managers seen, by name."""
        found = await self.session.execute(select(DeskMember).order_by(DeskMember.name))
        return found.scalars().all()

    async def reassign_lead(
        self, lead_id: int, actor_id: int, owner_id: int, owner_name: str, now: dt.datetime
    ) -> bool:
        """Hand an open lead to another manager: by its owner, or by anyone while unowned."""
        done = await self.session.execute(
            update(Lead)
            .where(
                Lead.id == lead_id,
                Lead.status.in_(OPEN_LEAD),
                (Lead.owner_id == actor_id) | Lead.owner_id.is_(None),
            )
            .values(status="claimed", owner_id=owner_id, owner_name=owner_name, updated_at=now)
        )
        return bool(getattr(done, "rowcount", 0))

    async def set_card(self, lead_id: int, message_id: int, topic_id: int | None) -> None:
        """Remember which message (and forum topic) in the managers' chat is the lead's card."""
        values: dict[str, Any] = {"card_message_id": message_id}
        if topic_id is not None:
            values["topic_id"] = topic_id
        await self.session.execute(update(Lead).where(Lead.id == lead_id).values(**values))

    async def lead_by_topic(self, topic_id: int) -> Lead | None:
        """The lead whose forum topic this is."""
        found = await self.session.execute(select(Lead).where(Lead.topic_id == topic_id))
        return found.scalars().first()

    async def add_lead_event(
        self,
        lead_id: int,
        actor_id: int | None,
        event: str,
        detail: dict[str, Any],
        now: dt.datetime,
    ) -> None:
        """One line of a lead's audit trail, and the same event queued for the CRM."""
        row = LeadEvent(lead_id=lead_id, at=now, actor_id=actor_id, event=event, detail=detail)
        self.session.add(row)
        await self.session.flush()
        lead = await self.session.get(Lead, lead_id)
        key = f"lead-event-{row.id}"
        payload = {
            "id": key,
            "event": f"lead.{event}",
            "occurred_at": now.isoformat(),
            "lead": lead_payload(lead) if lead is not None else {"id": lead_id},
        }
        self.session.add(
            CrmOutbox(
                key=key,
                event=f"lead.{event}",
                payload=payload,
                created_at=now,
                attempts=0,
                next_attempt_at=now,
            )
        )
        await self.session.flush()

    async def due_outbox(self, now: dt.datetime, limit: int = 20) -> Sequence[CrmOutbox]:
        """Undelivered CRM events whose next attempt is due, oldest first."""
        found = await self.session.execute(
            select(CrmOutbox)
            .where(CrmOutbox.delivered_at.is_(None), CrmOutbox.next_attempt_at <= now)
            .order_by(CrmOutbox.id)
            .limit(limit)
        )
        return found.scalars().all()

    async def lease_outbox(self, row_id: int, seen: dt.datetime, until: dt.datetime) -> bool:
        """Take a due event for one attempt; False when another process took it first."""
        done = await self.session.execute(
            update(CrmOutbox)
            .where(
                CrmOutbox.id == row_id,
                CrmOutbox.delivered_at.is_(None),
                CrmOutbox.next_attempt_at == seen,
            )
            .values(next_attempt_at=until)
        )
        return bool(getattr(done, "rowcount", 0))

    async def outbox_result(
        self, row_id: int, now: dt.datetime, error: str | None, retry_at: dt.datetime
    ) -> None:
        """Delivered, or failed with the error and the time of the next attempt."""
        values: dict[str, Any] = (
            {"delivered_at": now, "last_error": None}
            if error is None
            else {"last_error": error[:200], "next_attempt_at": retry_at}
        )
        await self.session.execute(
            update(CrmOutbox)
            .where(CrmOutbox.id == row_id)
            .values(attempts=CrmOutbox.attempts + 1, **values)
        )

    async def lead_events(self, lead_id: int) -> Sequence[LeadEvent]:
        """A lead's audit trail, oldest first."""
        found = await self.session.execute(
            select(LeadEvent).where(LeadEvent.lead_id == lead_id).order_by(LeadEvent.id)
        )
        return found.scalars().all()

    async def add_feedback(
        self, chat_id: int, entry_id: str, helpful: bool, now: dt.datetime
    ) -> None:
        """Store a "was this helpful?" answer."""
        self.session.add(
            KbFeedback(chat_id=chat_id, entry_id=entry_id, helpful=helpful, created_at=now)
        )
        await self.session.flush()

    async def anonymise_leads(self, chat_id: int, now: dt.datetime) -> list[Lead]:
        """Strip a chat's leads of everything that identifies the person (/forget); the case
        itself (status, verdict, the car without its VIN) stays for the team's numbers."""
        found = await self.session.execute(select(Lead).where(Lead.chat_id == chat_id))
        leads = list(found.scalars())
        for lead in leads:
            lead.chat_id, lead.user_id, lead.username = 0, None, None
            lead.contact_value, lead.note, lead.campaign = None, None, None
            lead.inquiry = None
            lead.vehicle = {k: v for k, v in lead.vehicle.items() if k != "vin"}
            lead.updated_at = now
            await self.add_lead_event(lead.id, None, "forgotten", {}, now)
        return leads

    async def forget_chat(self, chat_id: int) -> None:
        """Delete everything stored about a chat (/forget); leads are anonymised before."""
        for table in (Answer, Reminder, KbFeedback):
            await self.session.execute(delete(table).where(table.chat_id == chat_id))
        await self.session.execute(delete(Chat).where(Chat.chat_id == chat_id))
