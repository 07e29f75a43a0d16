"""One routing table for commands, buttons and typed text, whatever the transport."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bot.domain.button_words import Pressed
from bot.domain.callbacks import Callback, decode
from bot.domain.questionnaire import next_question
from bot.domain.steps import Menu, Say
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


async def _cancel(turn: Turn, argument: str) -> None:
    """/cancel stops what is in progress: asking for a manager, else the check."""
    if turn.chat.mode == "contact":
        handoff.leave(turn)
        turn.say(Menu("contact.cancelled"))
    else:
        await checking.cancel(turn, argument)


async def _feedback(turn: Turn, callback: Callback) -> None:
    await knowledge.feedback(turn, callback.args)


@dataclass(frozen=True, slots=True)
class Button:
    """What a button does, and whether it belongs to the answers it was made for: a question's
    buttons are then stale, a card's buttons say the answers have changed since."""

    action: ButtonAction
    current_only: bool = False
    card: bool = False


async def _continue(turn: Turn) -> None:
    await onboarding.reprompt(turn)


COMMANDS: dict[str, Command] = {
    "start": onboarding.start,
    "language": onboarding.language,
    "help": onboarding.help_menu,
    "check": checking.start,
    "quick": knowledge.quick_command,
    "ask": knowledge.ask_command,
    "contact": handoff.contact,
    "back": checking.back,
    "cancel": _cancel,
    "privacy": privacy.show,
    "forget": privacy.forget,
}

BUTTONS: dict[str, Button] = {
    "L": Button(_first(onboarding.pick_language)),
    "R": Button(_first(onboarding.pick_role)),
    "M": Button(_first(_menu)),
    "H": Button(_first(handoff.contact)),
    "N": Button(_first(checking.start)),
    "W": Button(_first(verdicts.why), card=True),
    "DT": Button(_bare(verdicts.details), card=True),
    "CO": Button(_bare(_continue)),
    "CW": Button(_first(handoff.way)),
    "CN": Button(_bare(handoff.skip)),
    "CT": Button(_first(handoff.terms)),
    "CC": Button(_first(handoff.consent)),
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
    if turn.chat.mode == "manager" and await handoff.to_manager(turn):
        turn.chat.updated_at = turn.now
        return
    if incoming.callback is not None:
        await on_button(turn, incoming.callback)
    elif incoming.edited:
        await on_edit(turn, incoming.text or "")
    elif incoming.kind is not None:
        await on_media(turn, incoming.kind)
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
    if button.card and callback.revision != turn.chat.revision:
        turn.notice("answers_changed")
        turn.say(Say("answers_changed"))
        await onboarding.reprompt(turn)
        return
    await button.action(turn, callback)


async def press(turn: Turn, pressed: Pressed) -> None:
    """A typed button label does what the button does, for the answers as they are."""
    args = (pressed.argument,) if pressed.argument else ()
    await BUTTONS[pressed.action].action(turn, Callback(pressed.action, turn.chat.revision, args))


async def on_media(turn: Turn, kind: str) -> None:
    """A photo, sticker, voice message...: what the bot can do instead; a check goes on."""
    known = {"photo", "document", "sticker", "voice", "video", "location", "contact"}
    turn.say(Say(f"media.{kind if kind in known else 'other'}"))
    if turn.chat.lang is not None and turn.chat.mode == "check":
        await onboarding.reprompt(turn)


async def on_edit(turn: Turn, text: str) -> None:
    """An edited message: re-answered if it was the latest answer, else a polite note."""
    if turn.chat.mode in {"check", "summary"} and text.strip():
        await checking.edited(turn, text.strip())
    else:
        turn.say(Say("edit_too_late"))


async def on_text(turn: Turn, text: str) -> None:
    """Typed text: an answer to the pending question, a typed button, a quick date or a
    question; before a language is chosen, the text's own language is used."""
    pressed = turn.lib.button_words.find(text)
    if turn.chat.lang is None:
        if pressed is not None and pressed.action == "L":
            await onboarding.pick_language(turn, pressed.argument)
            return
        onboarding.adopt_language(turn, text)
    if turn.chat.mode == "contact":
        await handoff.typed(turn, text)
        return
    if turn.chat.mode == "check":
        ctx = await turn.context()
        question = next_question(ctx)
        if question is not None:
            if await checking.try_answer(turn, question, ctx, text):
                return
            if pressed is not None:
                await press(turn, pressed)
                return
            await checking.not_understood(turn, question, ctx, text)
            return
    if pressed is not None:
        await press(turn, pressed)
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
    if knowledge.idle_words(turn, text):
        turn.say(Menu("idle_hint"))
        return
    knowledge.answer(turn, text)
