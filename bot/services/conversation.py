"""The guided conversation as a use case: one incoming message or button in, replies out.

Telegram and the terminal both drive this service; each call runs in one transaction, the
answers live in the database, and the next question is derived from them (DESIGN 1.2).
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.domain import chat_render as render
from bot.domain.callbacks import Callback, decode, encode
from bot.domain.case import CaseInvalidError, parse_case
from bot.domain.chat_render import t
from bot.domain.countries import country_name
from bot.domain.formatting import format_day
from bot.domain.kb.answers import KbAnswer
from bot.domain.parsing import (
    parse_date,
    parse_distance,
    parse_month,
    parse_power_hp,
    parse_year,
    parse_yes_no,
)
from bot.domain.questionnaire import (
    QUESTIONS,
    Context,
    Kind,
    Question,
    next_question,
    previous_question,
    to_case,
)
from bot.domain.quick import QuickAnswer, quick_answer
from bot.domain.replies import Button, Outcome, Reply, rows
from bot.domain.results import Evaluation
from bot.domain.vin import VinState, check_vin
from bot.services.library import Library
from bot.storage.models import Chat, Lead
from bot.storage.repository import Repository
from knowledge.schema import LANGS, LocaleBundle

Clock = Callable[[], dt.datetime]
_RETRIES = 3
_WORDS = re.compile(r"[^\w\s]+")
_HAN = re.compile(r"[\u3400-\u9fff]")
_NONE_WORDS = {"none", "nothing", "none of these", "ничего", "никаких", "都没有", "都不是", "无"}
_UNKNOWN_WORDS = {
    "don't know",
    "dont know",
    "unknown",
    "не знаю",
    "незнаю",
    "不知道",
    "不清楚",
    "?",
}


class StaleRevisionError(Exception):
    """Another process changed this chat's answers first; the turn is retried from the start."""


@dataclass(frozen=True, slots=True)
class Incoming:
    """One update from a user, whatever the transport."""

    chat_id: int
    user_id: int | None = None
    username: str | None = None
    language_code: str | None = None
    text: str | None = None
    callback: str | None = None
    update_id: int | None = None


def guess_language(code: str | None) -> str:
    """Telegram's language_code to one of ours; Central Asian users mostly read Russian."""
    base = (code or "").split("-")[0].casefold()
    if base == "zh":
        return "zh"
    if base in {"ru", "uk", "be", "kk", "ky", "uz", "tg", "az", "hy", "ka", "mn", "tk"}:
        return "ru"
    return "en"


class ConversationService:
    """Holds what every turn needs; `handle` is the only entry point."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        library: Library,
        clock: Clock,
        manager_chat_id: int | None = None,
        one_writer: bool = False,
    ) -> None:
        self.sessions = sessions
        self.library = library
        self.clock = clock
        self.manager_chat_id = manager_chat_id
        # SQLite has one writer at a time: queueing here beats its busy-wait back-off.
        self._writer = asyncio.Lock() if one_writer else contextlib.nullcontext()

    async def handle(self, incoming: Incoming) -> Outcome:
        """Process one update in one transaction, retrying if another process got there first."""
        for _ in range(_RETRIES):
            try:
                async with self._writer, self.sessions() as session, session.begin():
                    repo = Repository(session)
                    now = self.clock()
                    if incoming.update_id is not None and not await repo.claim_update(
                        incoming.update_id, now
                    ):
                        return Outcome()
                    chat = await repo.chat(incoming.chat_id, now)
                    return await _Turn(self, repo, chat, incoming, now).run()
            except StaleRevisionError:
                continue
        locale = self.library.locales[guess_language(incoming.language_code)]
        return Outcome(notice=t(locale, "busy"))


class _Turn:
    """One update's handling, with the chat row and repository of its transaction."""

    def __init__(
        self,
        service: ConversationService,
        repo: Repository,
        chat: Chat,
        incoming: Incoming,
        now: dt.datetime,
    ) -> None:
        self.service = service
        self.lib = service.library
        self.repo = repo
        self.chat = chat
        self.incoming = incoming
        self.now = now
        self.today = now.date()
        self.out = Outcome()
        if incoming.username:
            chat.username = incoming.username[:64]
        if incoming.user_id is not None:
            chat.user_id = incoming.user_id

    # ---- shared helpers -------------------------------------------------------------------

    @property
    def lang(self) -> str:
        return self.chat.lang or guess_language(self.incoming.language_code)

    @property
    def locale(self) -> LocaleBundle:
        return self.lib.locales[self.lang]

    def say(self, reply: Reply) -> None:
        self.out.replies.append(reply)

    def text(self, key: str, **values: Any) -> str:
        return t(self.locale, key, **values)

    async def context(self) -> Context:
        return Context(
            answers=await self.repo.answers(self.chat.chat_id),
            role=self.chat.role,
            today=self.today,
            letter_limit_days=self.lib.letter_limit,
            markets=self.lib.markets,
        )

    async def bump(self) -> None:
        if not await self.repo.bump_revision(self.chat, self.now):
            raise StaleRevisionError

    def set_pending(self, **values: Any) -> None:
        self.chat.pending = values or None

    # ---- routing ---------------------------------------------------------------------------

    async def run(self) -> Outcome:
        if self.incoming.callback is not None:
            await self.on_callback(self.incoming.callback)
        elif self.incoming.text is not None:
            text = self.incoming.text.strip()
            if text.startswith("/"):
                await self.on_command(text)
            else:
                await self.on_text(text)
        self.chat.updated_at = self.now
        return self.out

    async def on_command(self, text: str) -> None:
        command, _, argument = text[1:].partition(" ")
        command = command.split("@")[0].casefold()
        argument = argument.strip()
        handlers = {
            "start": self.cmd_start,
            "language": self.cmd_language,
            "help": self.cmd_help,
            "check": self.cmd_check,
            "quick": self.cmd_quick,
            "ask": self.cmd_ask,
            "contact": self.cmd_contact,
            "back": self.cmd_back,
            "cancel": self.cmd_cancel,
            "privacy": self.cmd_privacy,
            "forget": self.cmd_forget,
        }
        handler = handlers.get(command)
        if handler is None:
            self.say(Reply(self.text("unknown_command")))
            await self.reprompt()
            return
        await handler(argument)

    async def on_callback(self, data: str) -> None:
        callback = decode(data)
        if callback is None:
            self.out.notice = self.text("old_button")
            await self.reprompt()
            return
        action = callback.action
        if action == "L":
            await self.pick_language(callback.args[0] if callback.args else "")
        elif action == "R":
            await self.pick_role(callback.args[0] if callback.args else "")
        elif action == "M":
            await self.menu_choice(callback.args[0] if callback.args else "")
        elif action == "H":
            await self.cmd_contact("")
        elif action == "N":
            await self.cmd_check("")
        elif action == "W":
            await self.why(callback.args[0] if callback.args else "")
        elif action == "DT":
            await self.details()
        elif action == "RM":
            await self.remind(callback.args[0] if callback.args else "")
        elif action == "K":
            await self.related(callback.args[0] if callback.args else "")
        elif action == "F":
            await self.feedback(callback.args)
        elif callback.revision != self.chat.revision:
            self.out.notice = self.text("stale_button")
        elif action in {"A", "D", "T"}:
            await self.button_answer(callback)
        elif action == "C":
            await self.change(callback)
        elif action == "OK":
            await self.verdict()
        else:
            self.out.notice = self.text("old_button")

    async def on_text(self, text: str) -> None:
        if self.chat.lang is None:
            await self.cmd_start("")
            return
        if self.chat.mode == "check":
            ctx = await self.context()
            question = next_question(ctx)
            if question is not None:
                await self.typed_answer(question, ctx, text)
                return
        if self.chat.mode == "quick":
            self.chat.mode = "idle"
            if await self.quick(text):
                return
        if self.chat.mode == "ask":
            self.chat.mode = "idle"
            self.answer_question(text)
            return
        if await self.smalltalk(text) or await self.quick(text):
            return
        self.answer_question(text)

    async def reprompt(self) -> None:
        """Show where the conversation stands: the pending question, the summary or the menu."""
        if self.chat.lang is None:
            await self.cmd_start("")
            return
        if self.chat.mode == "check":
            await self.ask_next(await self.context())
        elif self.chat.role is None:
            self.say(render.role_picker(self.locale))
        else:
            self.say(render.menu(self.locale))

    # ---- onboarding ------------------------------------------------------------------------

    async def cmd_start(self, payload: str) -> None:
        if payload and self.chat.campaign is None:
            self.chat.campaign = re.sub(r"[^\w-]", "", payload)[:64] or None
        if self.chat.lang is not None and self.chat.mode in {"check", "summary"}:
            self.say(Reply(self.text("welcome_back")))
            await self.reprompt()
            return
        welcome = escape(self.lib.brand.welcome.get(self.lang))
        self.say(render.language_picker(self.locale, welcome, list(self.lib.locales.values())))

    async def cmd_language(self, _argument: str) -> None:
        self.say(
            render.language_picker(
                self.locale, self.text("language_prompt"), list(self.lib.locales.values())
            )
        )

    async def pick_language(self, lang: str) -> None:
        if lang not in LANGS:
            self.out.notice = self.text("old_button")
            return
        self.chat.lang = lang
        self.out.notice = self.text("language_set")
        if self.chat.role is None:
            self.say(render.role_picker(self.locale))
        else:
            await self.reprompt()

    async def pick_role(self, role: str) -> None:
        if role not in render.ROLES:
            self.out.notice = self.text("old_button")
            return
        self.chat.role = role
        if role == "question":
            self.chat.mode = "ask"
            self.say(Reply(self.text("ask_prompt")))
        else:
            self.say(render.menu(self.locale))

    async def menu_choice(self, choice: str) -> None:
        if choice == "check":
            await self.cmd_check("")
        elif choice == "ask":
            await self.cmd_ask("")
        else:
            self.out.notice = self.text("old_button")

    async def cmd_help(self, _argument: str) -> None:
        self.say(render.menu(self.locale, "help"))

    async def cmd_privacy(self, _argument: str) -> None:
        self.say(Reply(self.text("privacy")))

    async def cmd_forget(self, _argument: str) -> None:
        await self.repo.forget_chat(self.chat.chat_id)
        self.say(Reply(self.text("forgotten")))

    # ---- the questionnaire -----------------------------------------------------------------

    async def cmd_check(self, _argument: str) -> None:
        await self.repo.delete_answers(self.chat.chat_id)
        await self.bump()
        self.chat.mode = "check"
        self.set_pending()
        if self.chat.role is None:
            self.chat.role = "buyer"
        self.say(Reply(self.text("check_intro")))
        await self.ask_next(await self.context())

    async def cmd_cancel(self, _argument: str) -> None:
        if self.chat.mode in {"check", "summary"}:
            await self.repo.delete_answers(self.chat.chat_id)
            await self.bump()
        self.chat.mode = "idle"
        self.set_pending()
        self.say(render.menu(self.locale, "cancelled"))

    async def cmd_back(self, _argument: str) -> None:
        if self.chat.mode not in {"check", "summary"}:
            self.say(Reply(self.text("nothing_to_go_back")))
            await self.reprompt()
            return
        ctx = await self.context()
        previous = previous_question(ctx)
        if previous is None:
            self.say(Reply(self.text("at_first_question")))
            await self.ask_next(ctx)
            return
        await self.repo.delete_answers(self.chat.chat_id, [previous.id])
        await self.bump()
        self.chat.mode = "check"
        self.set_pending()
        await self.ask_next(await self.context())

    async def ask_next(self, ctx: Context) -> None:
        """Ask the next question, or show the summary when everything is answered."""
        question = next_question(ctx)
        if question is None:
            self.chat.mode = "summary"
            self.say(render.summary_reply(ctx, self.locale, self.chat.revision))
            return
        self.chat.mode = "check"
        pending = self.chat.pending or {}
        misses = int(pending.get("misses", 0)) if pending.get("question") == question.id else 0
        chosen = pending.get("multi", []) if pending.get("question") == question.id else []
        self.say(
            render.question_reply(
                question,
                ctx,
                self.locale,
                self.chat.revision,
                hint=misses >= 1,
                offer_person=misses >= 2,
                chosen=chosen,
                main_markets=self.lib.brand.main_markets,
            )
        )

    async def record(self, question: Question, value: Any) -> None:
        """Store one answer and move on."""
        await self.bump()
        await self.repo.set_answer(self.chat.chat_id, question.id, value, self.now)
        self.set_pending()
        if question.id == "vin" and isinstance(value, str):
            self.say(Reply(self.vin_note(value)))
        await self.ask_next(await self.context())

    def vin_note(self, vin: str) -> str:
        checked = check_vin(vin)
        if checked.state is VinState.CHECK_DIGIT_MISMATCH:
            return self.text("vin_check_digit", vin=vin)
        key = "vin_built_in_china" if checked.built_in_china else "vin_not_built_in_china"
        return self.text(key, vin=vin)

    async def button_answer(self, callback: Callback) -> None:
        ctx = await self.context()
        question = next_question(ctx)
        index = int(callback.args[0]) if callback.args and callback.args[0].isdigit() else -1
        if question is None or not 0 <= index < len(QUESTIONS) or QUESTIONS[index] is not question:
            self.out.notice = self.text("stale_button")
            return
        value_code = callback.args[1] if len(callback.args) > 1 else ""
        if callback.action == "T":
            self.toggle(question, ctx, value_code)
            return
        if callback.action == "D":
            try:
                day = dt.datetime.strptime(value_code, "%Y%m%d").date()
            except ValueError:
                self.out.notice = self.text("old_button")
                return
            await self.record(question, day.isoformat())
            return
        value, ok = self.button_value(question, value_code)
        if not ok:
            self.out.notice = self.text("old_button")
            return
        await self.record(question, value)

    def button_value(self, question: Question, code: str) -> tuple[Any, bool]:
        """Decode a button's option code into the stored answer."""
        if code == "s" and question.skippable:
            return None, True
        if question.kind is Kind.CHOICE and code.isdigit() and int(code) < len(question.options):
            return question.options[int(code)], True
        if question.kind is Kind.YESNO and code in {"y", "n"}:
            return code == "y", True
        if question.kind is Kind.COUNTRY and code in self.lib.markets:
            return code, True
        if question.kind is Kind.DATE and code == "today":
            return None, True
        if question.kind is Kind.MULTI:
            if code == "none":
                return ["none"], True
            if code == "done":
                chosen = (self.chat.pending or {}).get("multi") or []
                return (list(chosen) or ["none"]), True
        return None, False

    def toggle(self, question: Question, ctx: Context, code: str) -> None:
        """Tick or untick one problem; the message is edited in place."""
        if not code.isdigit() or int(code) >= len(question.options):
            self.out.notice = self.text("old_button")
            return
        option = question.options[int(code)]
        pending = self.chat.pending or {}
        chosen = list(pending.get("multi", [])) if pending.get("question") == question.id else []
        chosen = [c for c in chosen if c != option] if option in chosen else [*chosen, option]
        self.set_pending(question=question.id, multi=chosen)
        reply = render.question_reply(question, ctx, self.locale, self.chat.revision, chosen=chosen)
        self.say(Reply(reply.text, reply.buttons, edit=True))

    async def typed_answer(self, question: Question, ctx: Context, text: str) -> None:
        """Parse what was typed for the pending question; a miss gets a hint, then buttons."""
        value, ok = self.parse_typed(question, text)
        if ok is True:
            await self.record(question, value)
            return
        if ok == "ambiguous":
            self.say(render.ambiguous_date_reply(question, value, self.locale, self.chat.revision))
            return
        if self.looks_like_question(text):
            answer = self.lib.kb.ask(text, self.lang, self.today)
            if not answer.fallback:
                self.say(self.kb_reply(answer))
                await self.ask_next(ctx)
                return
        pending = self.chat.pending or {}
        misses = int(pending.get("misses", 0)) + 1 if pending.get("question") == question.id else 1
        self.set_pending(question=question.id, misses=misses, multi=pending.get("multi", []))
        await self.ask_next(ctx)

    def parse_typed(self, question: Question, text: str) -> tuple[Any, bool | str]:
        """(value, True), (candidates, "ambiguous"), or (None, False) when it cannot be read."""
        cleaned = text.strip()
        if question.skippable and cleaned.casefold() in self.lib.smalltalk.get("unknown_words", ()):
            return None, True
        kind = question.kind
        if kind is Kind.VIN:
            vin = "".join(ch for ch in cleaned if not ch.isspace() and ch != "-").upper()
            return (vin, True) if check_vin(vin).state is not VinState.BAD_FORMAT else (None, False)
        if kind is Kind.DATE:
            result = parse_date(cleaned, self.today)
            if result.value is not None:
                return result.value.isoformat(), True
            if result.candidates:
                return result.candidates, "ambiguous"
            return None, False
        if kind is Kind.YESNO:
            answer = parse_yes_no(cleaned)
            return (answer, True) if answer is not None else (None, False)
        if kind is Kind.DISTANCE:
            distance = parse_distance(cleaned)
            return (distance.km, True) if distance is not None else (None, False)
        if kind is Kind.POWER:
            power = parse_power_hp(cleaned)
            return (power, True) if power is not None else (None, False)
        if kind is Kind.MONTH:
            month = parse_month(cleaned, self.today)
            return (month, True) if month is not None else (None, False)
        if kind is Kind.YEAR:
            year = parse_year(cleaned, self.today)
            return (year, True) if year is not None else (None, False)
        if kind is Kind.COUNTRY:
            code = self.lib.countries.find(cleaned)
            return (code, True) if code is not None else (None, False)
        if kind is Kind.CHOICE:
            return self.match_option(question, cleaned)
        if kind is Kind.MULTI and (
            parse_yes_no(cleaned) is False
            or cleaned.casefold() in self.lib.smalltalk.get("none_words", ())
        ):
            return ["none"], True
        return None, False

    def match_option(self, question: Question, text: str) -> tuple[Any, bool]:
        """A typed option: its number in the list, its label, or its code."""
        wanted = _WORDS.sub("", text).strip().casefold()
        for position, option in enumerate(question.options, start=1):
            label = _WORDS.sub("", render.option_label(question, option, self.locale)).casefold()
            if wanted in {str(position), option, label.strip()}:
                return option, True
        return None, False

    async def change(self, callback: Callback) -> None:
        """A "change" button on the summary: forget that answer and ask it again."""
        index = int(callback.args[0]) if callback.args and callback.args[0].isdigit() else -1
        if not 0 <= index < len(QUESTIONS):
            self.out.notice = self.text("old_button")
            return
        await self.repo.delete_answers(self.chat.chat_id, [QUESTIONS[index].id])
        await self.bump()
        self.set_pending()
        await self.ask_next(await self.context())

    # ---- the verdict -----------------------------------------------------------------------

    async def evaluate(self) -> Evaluation | None:
        ctx = await self.context()
        try:
            case = parse_case(to_case(ctx), self.today)
        except CaseInvalidError as exc:
            fields = ", ".join(e.field for e in exc.errors)
            self.say(Reply(self.text("answers_inconsistent", fields=fields)))
            return None
        return self.lib.engine.evaluate(case, self.today)

    async def verdict(self) -> None:
        ctx = await self.context()
        if next_question(ctx) is not None:
            await self.ask_next(ctx)
            return
        evaluation = await self.evaluate()
        if evaluation is None:
            return
        self.chat.mode = "verdict"
        card = render.verdict_card(evaluation, self.lib.explainer(self.lang))
        self.say(card)

    async def why(self, rule_id: str) -> None:
        evaluation = await self.evaluate()
        if evaluation is None:
            return
        application = evaluation.application_date
        explainer = self.lib.explainer(self.lang)
        doc = explainer.document(evaluation)
        item = next((r for r in doc["requirements"] if r["id"] == rule_id), None)
        if item is None:
            self.out.notice = self.text("old_button")
            return
        self.say(render.why_reply(item, explainer, application))

    async def details(self) -> None:
        """Everything the command-line check shows, for the answers as they are now."""
        found = await self.evaluate()
        if found is not None:
            self.say(render.details_reply(found, self.lib.explainer(self.lang)))

    async def remind(self, code: str) -> None:
        try:
            due = dt.datetime.strptime(code, "%Y%m%d").date()
        except ValueError:
            self.out.notice = self.text("old_button")
            return
        if due <= self.today:
            self.out.notice = self.text("remind_past")
            return
        added = await self.repo.add_reminder(
            self.chat.chat_id, due, "eligible", self.lang, {}, self.now
        )
        day = format_day(due, self.locale)
        self.out.notice = self.text("remind_set" if added else "remind_exists", date=day)
        self.say(Reply(self.text("remind_set" if added else "remind_exists", date=day)))

    # ---- quick answers, questions and people -----------------------------------------------

    async def cmd_quick(self, argument: str) -> None:
        if argument and await self.quick(argument):
            return
        self.chat.mode = "quick"
        self.say(Reply(self.text("quick_prompt")))

    async def quick(self, text: str) -> bool:
        """The 180-day answer in one message when the text carries a registration date."""
        spec = self.lib.ruleset.latest("cn.180_day_letter")
        found = quick_answer(text, self.today, self.lib.letter_limit, spec.valid_from)
        if found is None or found.registration > self.today:
            return False
        self.say(self.quick_reply(found))
        return True

    def quick_reply(self, found: QuickAnswer) -> Reply:

        def day(value: dt.date) -> str:
            return format_day(value, self.locale)

        lines = [
            self.text("quick.days", days=found.days_so_far, registered=day(found.registration))
        ]
        if found.letter_needed_today:
            lines.append(self.text("quick.letter_now", limit=found.limit))
        else:
            lines.append(self.text("quick.free_now"))
        lines.append(self.text("quick.first_free", date=day(found.first_free_day)))
        outcome = found.target_outcome
        if outcome is not None and found.target is not None:
            end = found.target_end or found.target
            target = (
                self.text("quick.month", month=day(found.target), end=day(end))
                if found.target_is_month
                else day(found.target)
            )
            lines.append(
                self.text(f"quick.target_{outcome}", target=target, date=day(found.first_free_day))
            )
        lines.append(self.text("quick.assumption"))
        buttons = ((Button(self.text("quick.full_check"), encode("N", 0)),),)
        return Reply("\n".join(lines), buttons)

    async def cmd_ask(self, argument: str) -> None:
        if argument:
            self.answer_question(argument)
            return
        self.chat.mode = "ask"
        self.say(Reply(self.text("ask_prompt")))

    def answer_question(self, text: str) -> None:
        self.say(self.kb_reply(self.lib.kb.ask(text, self.lang, self.today)))

    def kb_reply(self, answer: KbAnswer) -> Reply:
        """An answer with its sources and review date, related topics and "was this helpful?"."""
        human = (Button(self.text("menu.human"), encode("H", 0)),)
        if answer.fallback:
            return Reply(escape(answer.body), (human,))
        lines = [f"<b>{escape(answer.title)}</b>", escape(answer.body)]
        if answer.sources:
            lines.extend(["", f"{self.text('sources_label')}:"])
            lines.extend(f"• {escape(url)}" for url in answer.sources[:4])
        if answer.reviewed_on is not None:
            lines.append(self.text("reviewed_on", date=format_day(answer.reviewed_on, self.locale)))
        related = [
            Button(self.lib.kb.entries[rid].texts[self.lang].title[:40], encode("K", 0, rid))
            for rid in answer.related[:3]
            if rid in self.lib.kb.entries
        ]
        entry = answer.entry_id or ""
        helpful = (
            Button(self.text("kb.helpful_yes"), encode("F", 0, entry, 1)),
            Button(self.text("kb.helpful_no"), encode("F", 0, entry, 0)),
        )
        return Reply("\n".join(lines), (*rows(related, 1), helpful, human))

    async def related(self, entry_id: str) -> None:
        if entry_id not in self.lib.kb.entries:
            self.out.notice = self.text("old_button")
            return
        self.say(self.kb_reply(self.lib.kb.entry_answer(entry_id, self.lang)))

    async def feedback(self, args: tuple[str, ...]) -> None:
        if len(args) != 2 or args[0] not in self.lib.kb.entries or args[1] not in {"0", "1"}:
            self.out.notice = self.text("old_button")
            return
        await self.repo.add_feedback(self.chat.chat_id, args[0], args[1] == "1", self.now)
        self.out.notice = self.text("kb.thanks")

    def looks_like_question(self, text: str) -> bool:
        """A question mark, a question word first, or a question particle (ли, 吗, 什么...)."""
        if "?" in text or "？" in text:
            return True
        words = _WORDS.sub(" ", text.casefold()).split()
        if words and words[0] in self.lib.smalltalk.get("question_starts", ()):
            return True
        particles = self.lib.smalltalk.get("question_particles", ())
        # Chinese is written without spaces, so its particles are found inside the text.
        return any(p in words or (_HAN.search(p) is not None and p in text) for p in particles)

    async def smalltalk(self, text: str) -> bool:
        """Greetings and thanks get a short friendly reply, not a knowledge-base fallback."""
        said = _WORDS.sub("", text).strip().casefold()
        for kind in ("greeting", "thanks"):
            if said in self.lib.smalltalk.get(kind, ()):
                self.say(render.menu(self.locale, f"smalltalk.{kind}"))
                return True
        return False

    async def cmd_contact(self, _argument: str) -> None:
        """Hand the lead to a manager: stored, and sent to the managers' chat when there is one."""
        ctx = await self.context()
        verdict = None
        if self.chat.mode == "verdict":
            found = await self.evaluate()
            verdict = found.verdict.value if found else None
        lead = await self.repo.add_lead(
            Lead(
                chat_id=self.chat.chat_id,
                user_id=self.chat.user_id,
                username=self.chat.username,
                lang=self.lang,
                role=self.chat.role,
                campaign=self.chat.campaign,
                vehicle=to_case(ctx),
                verdict=verdict,
                created_at=self.now,
            )
        )
        lines = [self.text("lead_saved", number=lead.id)]
        if self.service.manager_chat_id is not None:
            lines.append(self.text("lead_manager_notified"))
            self.out.to_manager.append(self.manager_card(lead))
        contact = self.lib.brand.contact
        if contact is not None:
            lines.append(escape(contact.get(self.lang)))
        self.say(Reply("\n".join(lines)))

    def manager_card(self, lead: Lead) -> Reply:
        """What the managers' chat sees: who, in which language, the car and the verdict."""
        en = self.lib.locales["en"]
        who = f"@{lead.username}" if lead.username else f"id {lead.user_id or lead.chat_id}"
        lines = [
            t(en, "manager.new_lead", number=lead.id, who=who, lang=lead.lang),
            t(en, "manager.details", role=lead.role or "-", campaign=lead.campaign or "-"),
        ]
        if lead.verdict:
            lines.append(t(en, "manager.verdict", verdict=lead.verdict))
        for key, value in lead.vehicle.items():
            shown = country_name(value, en) if key == "destination" else value
            lines.append(f"• {escape(key)}: {escape(str(shown))}")
        return Reply("\n".join(lines))
