"""Questions: the quick 180-day answer, the knowledge base, greetings and answer feedback."""

from __future__ import annotations

import re

from bot.domain.quick import quick_answer
from bot.domain.steps import KbReply, Menu, QuickReply, Say
from bot.services.turn import Turn

_WORDS = re.compile(r"[^\w\s]+")
_HAN = re.compile(r"[\u3400-\u9fff]")


async def quick_command(turn: Turn, argument: str) -> None:
    """/quick: answer at once if a date came with it, else wait for one."""
    if argument and quick(turn, argument):
        return
    turn.chat.mode = "quick"
    turn.say(Say("quick_prompt"))


def quick(turn: Turn, text: str) -> bool:
    """The 180-day answer in one message when the text carries a registration date."""
    spec = turn.lib.ruleset.latest("cn.180_day_letter")
    found = quick_answer(text, turn.today, turn.lib.letter_limit, spec.valid_from)
    if found is None or found.registration > turn.today:
        return False
    turn.say(QuickReply(found))
    return True


async def ask_command(turn: Turn, argument: str) -> None:
    """/ask: answer the question that came with it, else wait for one."""
    if argument:
        answer(turn, argument)
        return
    turn.chat.mode = "ask"
    turn.say(Say("ask_prompt"))


def answer(turn: Turn, text: str) -> None:
    """The knowledge base's answer (or its honest fallback) in the chat's language."""
    turn.say(KbReply(turn.lib.kb.ask(text, turn.lang, turn.today)))


async def related(turn: Turn, entry_id: str) -> None:
    """A related-topic button: that entry's answer."""
    if entry_id not in turn.lib.kb.entries:
        turn.notice("old_button")
        return
    turn.say(KbReply(turn.lib.kb.entry_answer(entry_id, turn.lang)))


async def feedback(turn: Turn, args: tuple[str, ...]) -> None:
    """ "Was this helpful?": stored per entry."""
    if len(args) != 2 or args[0] not in turn.lib.kb.entries or args[1] not in {"0", "1"}:
        turn.notice("old_button")
        return
    await turn.repo.add_feedback(turn.chat.chat_id, args[0], args[1] == "1", turn.now)
    turn.notice("kb.thanks")


def looks_like_question(turn: Turn, text: str) -> bool:
    """A question mark, a question word first, or a question particle (ли, 吗, 什么...)."""
    if "?" in text or "？" in text:
        return True
    words = _WORDS.sub(" ", text.casefold()).split()
    if words and words[0] in turn.lib.smalltalk.get("question_starts", ()):
        return True
    particles = turn.lib.smalltalk.get("question_particles", ())
    # Chinese is written without spaces, so its particles are found inside the text.
    return any(p in words or (_HAN.search(p) is not None and p in text) for p in particles)


def idle_words(turn: Turn, text: str) -> bool:
    """A bare number, "ok" or "exit" outside a check: not a question, so no article for it."""
    said = _WORDS.sub("", text).strip().casefold()
    return said.isdigit() or said in turn.lib.smalltalk.get("idle", ())


def smalltalk(turn: Turn, text: str) -> bool:
    """Greetings and thanks get a short friendly reply, not a knowledge-base fallback."""
    said = _WORDS.sub("", text).strip().casefold()
    for kind in ("greeting", "thanks"):
        if said in turn.lib.smalltalk.get(kind, ()):
            turn.say(Menu(f"smalltalk.{kind}"))
            return True
    return False
