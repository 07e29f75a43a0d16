"""One routing table for commands, buttons and typed text, whatever the transport."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bot.domain.callbacks import Callback, decode
from bot.domain.questionnaire import next_question
from bot.domain.steps import Say
from bot.services import checking, handoff, knowledge, onboarding, privacy, verdicts
from bot.services.turn import Turn

Command = Callable[[Turn, str], Awaitable[None]]
ButtonAction = Callable[[Turn, Callback], Awaitable[None]]


def _first(action: Callable[[Turn, str], Awaitable[None]]) -> ButtonAction:
    """A button whose one argument is all its action needs."""

    async def run(turn: Turn, callback: Callback) -> None:
        await action(turn, callback.args[0] if callback.args else "")

    return run


def _bare(action: Callable[[Turn], Awaitable[None]]) -> ButtonAction:
    async def run(turn: Turn, _callback: Callback) -> None:
        await action(turn)

    return run


async def _menu(turn: Turn, choice: str) -> None:
    if choice == "check":
        await checking.start(turn, "")
    elif choice == "ask":
        await knowledge.ask_command(turn, "")
    else:
        turn.notice("old_button")


async def _feedback(turn: Turn, callback: Callback) -> None:
    await knowledge.feedback(turn, callback.args)


@dataclass(frozen=True, slots=True)
class Button:
    """What a button does, and whether it is only valid for the answers it was made for."""

    action: ButtonAction
    current_only: bool = False


COMMANDS: dict[str, Command] = {
    "start": onboarding.start,
    "language": onboarding.language,
    "help": onboarding.help_menu,
    "check": checking.start,
    "quick": knowledge.quick_command,
    "ask": knowledge.ask_command,
    "contact": handoff.contact,
    "back": checking.back,
    "cancel": checking.cancel,
    "privacy": privacy.show,
    "forget": privacy.forget,
}

BUTTONS: dict[str, Button] = {
    "L": Button(_first(onboarding.pick_language)),
    "R": Button(_first(onboarding.pick_role)),
    "M": Button(_first(_menu)),
    "H": Button(_first(handoff.contact)),
    "N": Button(_first(checking.start)),
    "W": Button(_first(verdicts.why)),
    "DT": Button(_bare(verdicts.details)),
    "RM": Button(_first(verdicts.remind)),
    "K": Button(_first(knowledge.related)),
    "F": Button(_feedback),
    "A": Button(checking.button_answer, current_only=True),
    "D": Button(checking.button_answer, current_only=True),
    "T": Button(checking.button_answer, current_only=True),
    "C": Button(checking.change, current_only=True),
    "OK": Button(_bare(verdicts.verdict), current_only=True),
}


async def route(turn: Turn) -> None:
    """Hand the update to its use case; the outcome speaks the chat's language afterwards."""
    incoming = turn.incoming
    if incoming.callback is not None:
        await on_button(turn, incoming.callback)
    elif incoming.text is not None:
        text = incoming.text.strip()
        if text.startswith("/"):
            await on_command(turn, text)
        else:
            await on_text(turn, text)
    turn.chat.updated_at = turn.now
    turn.out.lang = turn.lang


async def on_command(turn: Turn, text: str) -> None:
    """A /command, with or without @botname and an argument."""
    command, _, argument = text[1:].partition(" ")
    found = COMMANDS.get(command.split("@")[0].casefold())
    if found is None:
        turn.say(Say("unknown_command"))
        await onboarding.reprompt(turn)
        return
    await found(turn, argument.strip())


async def on_button(turn: Turn, data: str) -> None:
    """A button press: old or foreign buttons and buttons of earlier answers get a notice."""
    callback = decode(data)
    button = BUTTONS.get(callback.action) if callback else None
    if callback is None or button is None:
        turn.notice("old_button")
        if callback is None:
            await onboarding.reprompt(turn)
        return
    if button.current_only and callback.revision != turn.chat.revision:
        turn.notice("stale_button")
        return
    await button.action(turn, callback)


async def on_text(turn: Turn, text: str) -> None:
    """Typed text: an answer to the pending question, a quick date, or a question."""
    if turn.chat.lang is None:
        await onboarding.start(turn, "")
        return
    if turn.chat.mode == "check":
        ctx = await turn.context()
        question = next_question(ctx)
        if question is not None:
            await checking.typed_answer(turn, question, ctx, text)
            return
    if turn.chat.mode == "quick":
        turn.chat.mode = "idle"
        if knowledge.quick(turn, text):
            return
    if turn.chat.mode == "ask":
        turn.chat.mode = "idle"
        knowledge.answer(turn, text)
        return
    if knowledge.smalltalk(turn, text) or knowledge.quick(turn, text):
        return
    knowledge.answer(turn, text)
