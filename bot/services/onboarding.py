"""Onboarding: the welcome, the language and the role, the menu, and where a chat stands."""

from __future__ import annotations

import re

from bot.domain.steps import ROLES, ChooseLanguage, ChooseRole, Menu, Say
from bot.services import checking
from bot.services.turn import Turn, language_of_text
from knowledge.schema import LANGS


async def start(turn: Turn, payload: str) -> None:
    """/start: remember the campaign of a deep link; a chat mid-check is welcomed back."""
    if payload and turn.chat.campaign is None:
        turn.chat.campaign = re.sub(r"[^\w-]", "", payload)[:64] or None
    if turn.chat.lang is not None and turn.chat.mode in {"check", "summary"}:
        turn.say(Say("welcome_back"))
        await reprompt(turn)
        return
    turn.say(ChooseLanguage())


async def language(turn: Turn, _argument: str) -> None:
    """/language: the picker again."""
    turn.say(ChooseLanguage("language_prompt"))


async def pick_language(turn: Turn, lang: str) -> None:
    """A language button: the chat speaks it from now on."""
    if lang not in LANGS:
        turn.notice("old_button")
        return
    turn.chat.lang = lang
    turn.notice("language_set")
    if turn.chat.role is None:
        turn.say(ChooseRole())
    else:
        await reprompt(turn)


async def pick_role(turn: Turn, role: str) -> None:
    """A role button: dealers and buyers get the menu, "just a question" the question prompt."""
    if role not in ROLES:
        turn.notice("old_button")
        return
    turn.chat.role = role
    if role == "question":
        turn.chat.mode = "ask"
        turn.say(Say("ask_prompt"))
    else:
        turn.say(Menu())


def adopt_language(turn: Turn, text: str) -> None:
    """Text before any language was chosen: answer in the one its script and Telegram suggest,
    and offer the others."""
    turn.chat.lang = language_of_text(text, turn.incoming.language_code)
    turn.out.lang = turn.chat.lang
    turn.say(ChooseLanguage("language_guessed"))


async def help_menu(turn: Turn, _argument: str) -> None:
    """/help: what the bot does, with the menu."""
    turn.say(Menu("help"))


async def reprompt(turn: Turn) -> None:
    """Show where the conversation stands: the pending question, the summary or the menu."""
    if turn.chat.lang is not None and turn.chat.mode == "check":
        await checking.ask_next(turn, await turn.context())
    else:
        turn.say(checking.idle_prompt(turn))
