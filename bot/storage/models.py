"""Tables: per-chat answers (not positions), processed updates, reminders, leads and their
events, feedback."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    """Declarative base; Alembic migrations mirror these tables."""


class Chat(Base):
    """One Telegram chat (or terminal session): its language, role and answer revision."""

    __tablename__ = "chats"

    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    user_id: Mapped[int | None] = mapped_column(BigInteger)
    username: Mapped[str | None] = mapped_column(String(64))
    lang: Mapped[str | None] = mapped_column(String(8))
    role: Mapped[str | None] = mapped_column(String(16))
    campaign: Mapped[str | None] = mapped_column(String(64))
    mode: Mapped[str] = mapped_column(String(16), default="idle")
    # Bumped on every change of answers; buttons carry it, so an old button is recognised.
    revision: Mapped[int] = mapped_column(Integer, default=0)
    pending: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class Answer(Base):
    """One answer to one question; the current question is derived from these."""

    __tablename__ = "answers"

    chat_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("chats.chat_id", ondelete="CASCADE"), primary_key=True
    )
    question_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON, nullable=True)
    answered_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class ProcessedUpdate(Base):
    """Telegram update ids already handled, so a redelivered update changes nothing."""

    __tablename__ = "processed_updates"

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    processed_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class Reminder(Base):
    """A message to send on a day; claimed atomically so only one process sends it."""

    __tablename__ = "reminders"
    __table_args__ = (UniqueConstraint("chat_id", "due_on", "kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    chat_id: Mapped[int] = mapped_column(BigInteger, index=True)
    due_on: Mapped[dt.date] = mapped_column(Date, index=True)
    kind: Mapped[str] = mapped_column(String(32))
    lang: Mapped[str] = mapped_column(String(8))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class Lead(Base):
    """A person who asked to talk to a manager, with the case they were checking."""

    __tablename__ = "leads"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    chat_id: Mapped[int] = mapped_column(BigInteger, index=True)
    user_id: Mapped[int | None] = mapped_column(BigInteger)
    username: Mapped[str | None] = mapped_column(String(64))
    lang: Mapped[str] = mapped_column(String(8))
    role: Mapped[str | None] = mapped_column(String(16))
    campaign: Mapped[str | None] = mapped_column(String(64))
    vehicle: Mapped[dict[str, Any]] = mapped_column(JSON)
    verdict: Mapped[str | None] = mapped_column(String(16))
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    # new, claimed, contacted, won, lost or closed; the owner is the manager who claimed it.
    status: Mapped[str] = mapped_column(String(16), default="new", server_default="new")
    owner_id: Mapped[int | None] = mapped_column(BigInteger)
    owner_name: Mapped[str | None] = mapped_column(String(64))
    contact_way: Mapped[str | None] = mapped_column(String(16))
    contact_value: Mapped[str | None] = mapped_column(String(128))
    open_items: Mapped[list[str] | None] = mapped_column(JSON)  # requirements still open
    consent_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    card_message_id: Mapped[int | None] = mapped_column(BigInteger)  # in the managers' chat
    updated_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    raised_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))  # nudged once
    inquiry: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # what a buyer wants quoted
    topic_id: Mapped[int | None] = mapped_column(BigInteger)  # its topic in a forum group


class LeadEvent(Base):
    """One change of a lead (created, claimed, released, won...): the audit trail."""

    __tablename__ = "lead_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    lead_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("leads.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    actor_id: Mapped[int | None] = mapped_column(BigInteger)
    event: Mapped[str] = mapped_column(String(32))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON)


class KbFeedback(Base):
    """Whether a knowledge-base answer helped ("Was this helpful?")."""

    __tablename__ = "kb_feedback"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    chat_id: Mapped[int] = mapped_column(BigInteger, index=True)
    entry_id: Mapped[str] = mapped_column(String(64))
    helpful: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class CrmOutbox(Base):
    """A lead event waiting to be POSTed to the CRM; written in the same transaction as the
    event, so a CRM outage loses nothing; `key` is the idempotency key the receiver sees."""

    __tablename__ = "crm_outbox"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    event: Mapped[str] = mapped_column(String(32))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    next_attempt_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    delivered_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    last_error: Mapped[str | None] = mapped_column(String(200))


class DeskMember(Base):
    """A manager the desk has seen, by the name they show (for Reassign)."""

    __tablename__ = "desk_members"

    user_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(String(64))
    seen_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
