"""What a turn decided, as data: each transport's renderer turns these steps into messages.

Steps say what to show (a question, the summary, a verdict, an answer) and never how: no HTML,
no button codes, no transport. The Telegram renderer makes HTML with inline buttons of them, the
terminal renderer plain text with numbered choices.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.domain.kb.answers import KbAnswer
from bot.domain.questionnaire import Context, Question
from bot.domain.quick import QuickAnswer
from bot.domain.results import Evaluation

ROLES = ("dealer", "buyer", "question")


@dataclass(frozen=True, slots=True)
class Say:
    """A short message from the texts: its key and the values it quotes."""

    key: str
    values: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ChooseLanguage:
    """The language picker; with no intro key the brand's welcome opens it."""

    intro_key: str | None = None


@dataclass(frozen=True, slots=True)
class ConfirmRestart:
    """A new check would delete the one in progress: ask first."""


@dataclass(frozen=True, slots=True)
class ChooseRole:
    """Who the user is: a few questions depend on it."""


@dataclass(frozen=True, slots=True)
class Menu:
    """The main menu under a message (the menu's own text, a greeting, "cancelled")."""

    text_key: str = "menu"


@dataclass(frozen=True, slots=True)
class AskQuestion:
    """One question of the check, with what the user already ticked and how often they missed."""

    question: Question
    ctx: Context
    revision: int
    hint: bool = False
    offer_person: bool = False
    chosen: tuple[str, ...] = ()
    edit: bool = False  # a tick changes the question's own message in place


@dataclass(frozen=True, slots=True)
class PickDate:
    """A typed date that reads two ways: the user picks one."""

    question: Question
    candidates: tuple[dt.date, ...]
    revision: int


@dataclass(frozen=True, slots=True)
class ShowSummary:
    """Every answer on one screen before the verdict."""

    ctx: Context
    revision: int


@dataclass(frozen=True, slots=True)
class ShowVerdict:
    """The verdict card for the answers of one revision."""

    evaluation: Evaluation
    revision: int


@dataclass(frozen=True, slots=True)
class ShowWhy:
    """One requirement of an evaluation explained (an item of Explainer.document)."""

    item: dict[str, Any]
    on: dt.date


@dataclass(frozen=True, slots=True)
class ShowDetails:
    """Everything the command-line check shows for an evaluation."""

    evaluation: Evaluation


@dataclass(frozen=True, slots=True)
class QuickReply:
    """The one-message 180-day answer."""

    found: QuickAnswer


@dataclass(frozen=True, slots=True)
class KbReply:
    """A knowledge-base answer or its honest fallback."""

    answer: KbAnswer


@dataclass(frozen=True, slots=True)
class AskContact:
    """One step of asking for a manager: how to be reached, the contact, a message, consent."""

    stage: str  # way, value, one of contact_ways.QUOTE (buyers), message or consent
    way: str | None = None
    bad: bool = False  # the contact typed could not be used


@dataclass(frozen=True, slots=True)
class LeadSaved:
    """The user's lead is stored (and maybe sent to the managers)."""

    number: int
    manager_notified: bool


@dataclass(frozen=True, slots=True)
class LeadCard:
    """A lead as a case for the managers: who, the verdict, what is open, the car, its state."""

    number: int
    status: str
    owner_name: str | None
    username: str | None
    user_id: int | None
    lang: str
    role: str | None
    campaign: str | None
    verdict: str | None
    open_items: tuple[str, ...]
    vehicle: Mapping[str, Any]
    contact_way: str | None = None
    contact_value: str | None = None
    note: str | None = None
    inquiry: Mapping[str, Any] = field(default_factory=dict)
    forgotten: bool = False  # the user asked /forget: their details are gone
    edit: bool = False  # replaces the card whose button was pressed
    message_id: int | None = None  # replaces this card (in the managers' chat)


@dataclass(frozen=True, slots=True)
class ChooseOwner:
    """Reassign: the managers a lead can be handed to."""

    number: int
    members: tuple[tuple[int, str], ...]  # user id, name


@dataclass(frozen=True, slots=True)
class NewOwner:
    """Tells (and mentions) the manager a lead was handed to."""

    number: int
    user_id: int
    name: str


@dataclass(frozen=True, slots=True)
class LeadList:
    """Open leads, one line each, for a manager's /leads."""

    cards: tuple[LeadCard, ...]


Step = (
    Say
    | ChooseLanguage
    | ChooseRole
    | ConfirmRestart
    | Menu
    | AskQuestion
    | PickDate
    | ShowSummary
    | ShowVerdict
    | ShowWhy
    | ShowDetails
    | QuickReply
    | KbReply
    | AskContact
    | LeadSaved
    | LeadCard
    | LeadList
    | ChooseOwner
    | NewOwner
)


@dataclass(frozen=True, slots=True)
class Copy:
    """A message copied from one chat to another (never forwarded): the manager-user relay."""

    from_chat: int
    message_id: int
    to_chat: int
    reply_to: int | None = None  # in the managers' chat: the lead's card
    lead_id: int | None = None
    thread_id: int | None = None  # in a forum managers' chat: the lead's topic


@dataclass(slots=True)
class Outcome:
    """Everything one update produced, in the language the chat speaks after it."""

    lang: str
    steps: list[Step] = field(default_factory=list)
    notice: Say | None = None  # the short pop-up answer to a button press
    to_manager: list[Step] = field(default_factory=list)
    answered_by_button: bool = False  # the pressed question's buttons are spent
    to_users: list[tuple[int, str, Step]] = field(default_factory=list)  # chat, language, step
    copies: list[Copy] = field(default_factory=list)
