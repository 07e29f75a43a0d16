"""The verdict: evaluate the stored answers, show the card, explain it, set a reminder."""

from __future__ import annotations

import datetime as dt

from bot.domain.case import CaseInvalidError, parse_case
from bot.domain.formatting import format_day
from bot.domain.questionnaire import next_question, to_case
from bot.domain.results import Evaluation
from bot.domain.steps import Say, ShowDetails, ShowVerdict, ShowWhy
from bot.services import checking
from bot.services.turn import Turn


async def evaluate(turn: Turn) -> Evaluation | None:
    """The engine's evaluation of the stored answers, or a message if they do not fit."""
    ctx = await turn.context()
    try:
        case = parse_case(to_case(ctx), turn.today)
    except CaseInvalidError as exc:
        fields = ", ".join(e.field for e in exc.errors)
        turn.say(Say("answers_inconsistent", {"fields": fields}))
        return None
    return turn.lib.engine.evaluate(case, turn.today)


async def verdict(turn: Turn) -> None:
    """ "Show the verdict": the card, or the next question if one is still open."""
    if turn.chat.mode == "verdict":  # a second tap on the same summary
        turn.notice("verdict_shown")
        return
    ctx = await turn.context()
    if next_question(ctx) is not None:
        await checking.ask_next(turn, ctx)
        return
    evaluation = await evaluate(turn)
    if evaluation is None:
        return
    turn.chat.mode = "verdict"
    turn.say(ShowVerdict(evaluation, turn.chat.revision))


async def why(turn: Turn, rule_id: str) -> None:
    """ "Why?" under a card: one requirement explained."""
    evaluation = await evaluate(turn)
    if evaluation is None:
        return
    doc = turn.lib.explainer(turn.lang).document(evaluation)
    item = next((r for r in doc["requirements"] if r["id"] == rule_id), None)
    if item is None:
        turn.notice("old_button")
        return
    turn.say(ShowWhy(item, evaluation.application_date))


async def details(turn: Turn) -> None:
    """Everything the command-line check shows, for the answers of the card."""
    found = await evaluate(turn)
    if found is not None:
        turn.say(ShowDetails(found))


async def remind(turn: Turn, code: str) -> None:
    """A reminder on the day the card names."""
    try:
        due = dt.datetime.strptime(code, "%Y%m%d").date()
    except ValueError:
        turn.notice("old_button")
        return
    if due <= turn.today:
        turn.notice("remind_past")
        return
    added = await turn.repo.add_reminder(
        turn.chat.chat_id, due, "eligible", turn.lang, {}, turn.now
    )
    key = "remind_set" if added else "remind_exists"
    day = format_day(due, turn.locale)
    turn.notice(key, date=day)
    turn.say(Say(key, {"date": day}))
