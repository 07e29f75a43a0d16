"""The guided check: start, answer by button or text, go back, change, cancel."""

from __future__ import annotations

import datetime as dt
from typing import Any

from bot.domain.answer_kinds import Read, checked_day, read_answer
from bot.domain.callbacks import Callback
from bot.domain.formatting import format_day
from bot.domain.questionnaire import (
    QUESTIONS,
    Context,
    Kind,
    Question,
    next_question,
    previous_question,
)
from bot.domain.steps import (
    AskQuestion,
    ChooseLanguage,
    ChooseRole,
    ConfirmRestart,
    KbReply,
    Menu,
    PickDate,
    Say,
    ShowSummary,
    Step,
)
from bot.domain.vin import VinState, check_vin
from bot.services import knowledge
from bot.services.turn import Turn


async def start(turn: Turn, argument: str) -> None:
    """/check or "Check a car": a new check; one in progress is only wiped once confirmed."""
    confirmed = argument == "y"
    in_progress = turn.chat.mode in {"check", "summary"}
    if in_progress and not confirmed and await turn.repo.answers(turn.chat.chat_id):
        turn.say(ConfirmRestart())
        return
    await turn.repo.delete_answers(turn.chat.chat_id)
    await turn.bump()
    turn.chat.mode = "check"
    turn.set_pending()
    if turn.chat.role is None:
        turn.chat.role = "buyer"
    turn.say(Say("check_intro"))
    await ask_next(turn, await turn.context())


async def cancel(turn: Turn, _argument: str) -> None:
    """/cancel: the answers of the check (in progress or finished) are deleted, then the menu."""
    had_answers = bool(await turn.repo.answers(turn.chat.chat_id))
    if had_answers:
        await turn.repo.delete_answers(turn.chat.chat_id)
        await turn.bump()
    turn.chat.mode = "idle"
    turn.set_pending()
    turn.say(Menu("cancelled" if had_answers else "nothing_to_cancel"))


async def back(turn: Turn, _argument: str) -> None:
    """/back: forget the last answer and ask it again."""
    if turn.chat.mode not in {"check", "summary"}:
        turn.say(Say("nothing_to_go_back"))
        turn.say(idle_prompt(turn))
        return
    ctx = await turn.context()
    previous = previous_question(ctx)
    if previous is None:
        turn.say(Say("at_first_question"))
        await ask_next(turn, ctx)
        return
    await turn.repo.delete_answers(turn.chat.chat_id, [previous.id])
    await turn.bump()
    turn.chat.mode = "check"
    turn.set_pending()
    await ask_next(turn, await turn.context())


def idle_prompt(turn: Turn) -> Step:
    """Where a chat outside a check stands: no language yet, no role yet, or the menu."""
    if turn.chat.lang is None:
        return ChooseLanguage()
    return ChooseRole() if turn.chat.role is None else Menu()


async def ask_next(turn: Turn, ctx: Context) -> None:
    """Ask the next question, or show the summary when everything is answered."""
    question = next_question(ctx)
    if question is None:
        turn.chat.mode = "summary"
        turn.say(ShowSummary(ctx, turn.chat.revision))
        return
    turn.chat.mode = "check"
    pending = turn.chat.pending or {}
    mine = pending.get("question") == question.id
    misses = int(pending.get("misses", 0)) if mine else 0
    chosen = tuple(pending.get("multi", [])) if mine else ()
    turn.say(
        AskQuestion(
            question,
            ctx,
            turn.chat.revision,
            hint=misses >= 1,
            offer_person=misses >= 2,
            chosen=chosen,
        )
    )


async def record(turn: Turn, question: Question, value: Any) -> None:
    """Store one answer and move on; a typed answer can still be corrected by editing it."""
    await turn.bump()
    await turn.repo.set_answer(turn.chat.chat_id, question.id, value, turn.now)
    turn.set_pending()
    turn.out.answered_by_button = turn.incoming.callback is not None
    if turn.incoming.message_id is not None and turn.incoming.callback is None:
        turn.chat.pending = {
            "answered": {
                "question": question.id,
                "message": turn.incoming.message_id,
                "revision": turn.chat.revision,
            }
        }
    if question.id == "vin" and isinstance(value, str):
        turn.say(vin_note(value))
    await ask_next(turn, await turn.context())


def vin_note(vin: str) -> Say:
    """What the VIN tells at once: a check-digit doubt, or whether it was built in China."""
    checked = check_vin(vin)
    if checked.state is VinState.CHECK_DIGIT_MISMATCH:
        return Say("vin_check_digit", {"vin": vin})
    return Say(
        "vin_built_in_china" if checked.built_in_china else "vin_not_built_in_china", {"vin": vin}
    )


async def button_answer(turn: Turn, callback: Callback) -> None:
    """An answer button, a date candidate or a tick, for the question still pending."""
    ctx = await turn.context()
    question = next_question(ctx)
    index = int(callback.args[0]) if callback.args and callback.args[0].isdigit() else -1
    if question is None or not 0 <= index < len(QUESTIONS) or QUESTIONS[index] is not question:
        turn.notice("stale_button")
        return
    value_code = callback.args[1] if len(callback.args) > 1 else ""
    if callback.action == "T":
        toggle(turn, question, ctx, value_code)
        return
    if callback.action == "D":
        try:
            day = dt.datetime.strptime(value_code, "%Y%m%d").date()
        except ValueError:
            turn.notice("old_button")
            return
        await apply_read(turn, question, ctx, checked_day(question, day, turn.env(), ctx.answers))
        return
    value, ok = button_value(turn, question, value_code)
    if not ok:
        turn.notice("old_button")
        return
    await record(turn, question, value)


def button_value(turn: Turn, question: Question, code: str) -> tuple[Any, bool]:
    """Decode a button's option code into the stored answer."""
    if code == "s" and question.skippable:
        return None, True
    if question.kind is Kind.CHOICE and code.isdigit() and int(code) < len(question.options):
        return question.options[int(code)], True
    if question.kind is Kind.YESNO and code in {"y", "n"}:
        return code == "y", True
    if question.kind is Kind.COUNTRY and code in turn.lib.markets:
        return code, True
    if question.kind is Kind.DATE and code == "today":
        return None, True
    if question.kind is Kind.MULTI:
        if code == "none":
            return ["none"], True
        if code == "done":
            chosen = (turn.chat.pending or {}).get("multi") or []
            return (list(chosen) or ["none"]), True
    return None, False


def toggle(turn: Turn, question: Question, ctx: Context, code: str) -> None:
    """Tick or untick one problem; the message is edited in place."""
    if not code.isdigit() or int(code) >= len(question.options):
        turn.notice("old_button")
        return
    option = question.options[int(code)]
    pending = turn.chat.pending or {}
    chosen = list(pending.get("multi", [])) if pending.get("question") == question.id else []
    chosen = [c for c in chosen if c != option] if option in chosen else [*chosen, option]
    turn.set_pending(question=question.id, multi=chosen)
    turn.say(AskQuestion(question, ctx, turn.chat.revision, chosen=tuple(chosen), edit=True))


async def try_answer(turn: Turn, question: Question, ctx: Context, text: str) -> bool:
    """Record what was typed if it answers the pending question, offer two readings, or say
    why a date cannot be right and ask again."""
    return await apply_read(
        turn, question, ctx, read_answer(question, text, turn.env(), ctx.answers)
    )


async def apply_read(turn: Turn, question: Question, ctx: Context, read: Read) -> bool:
    """Act on a reading: record it, offer its two readings, or refuse it and ask again."""
    if read.ok:
        await record(turn, question, read.value)
        return True
    if read.candidates:
        turn.say(PickDate(question, read.candidates, turn.chat.revision))
        return True
    if read.refused is not None and read.refused_day is not None:
        day = format_day(read.refused_day, turn.locale)
        turn.say(Say(f"date_refused.{read.refused}", {"date": day}))
        await ask_next(turn, ctx)
        return True
    return False


async def not_understood(turn: Turn, question: Question, ctx: Context, text: str) -> None:
    """A question is answered from the knowledge base; anything else gets a hint, then buttons."""
    if knowledge.looks_like_question(turn, text):
        answer = turn.lib.kb.ask(text, turn.lang, turn.today)
        if not answer.fallback:
            turn.say(KbReply(answer))
            await ask_next(turn, ctx)
            return
    pending = turn.chat.pending or {}
    misses = int(pending.get("misses", 0)) + 1 if pending.get("question") == question.id else 1
    turn.set_pending(question=question.id, misses=misses, multi=pending.get("multi", []))
    await ask_next(turn, ctx)


async def edited(turn: Turn, text: str) -> None:
    """An edited message re-answers its question while it is the latest answer."""
    answered = (turn.chat.pending or {}).get("answered") or {}
    latest = (
        answered.get("message") == turn.incoming.message_id
        and answered.get("revision") == turn.chat.revision
    )
    question = next((q for q in QUESTIONS if q.id == answered.get("question")), None)
    if not latest or question is None:
        turn.say(Say("edit_too_late"))
        return
    await turn.repo.delete_answers(turn.chat.chat_id, [question.id])
    await turn.bump()
    turn.set_pending()
    turn.chat.mode = "check"
    turn.say(Say("edit_applied"))
    ctx = await turn.context()
    if not await try_answer(turn, question, ctx, text):
        await not_understood(turn, question, ctx, text)


async def change(turn: Turn, callback: Callback) -> None:
    """A "change" button on the summary: forget that answer and ask it again."""
    index = int(callback.args[0]) if callback.args and callback.args[0].isdigit() else -1
    if not 0 <= index < len(QUESTIONS):
        turn.notice("old_button")
        return
    await turn.repo.delete_answers(turn.chat.chat_id, [QUESTIONS[index].id])
    await turn.bump()
    turn.set_pending()
    await ask_next(turn, await turn.context())
