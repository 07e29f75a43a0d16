"""Buttons and commands do what they say: cancel deletes, restart asks, old cards say so.

Through the conversation service on a real SQLite database; assertions are on steps and stored
rows, not on copy.
"""

from __future__ import annotations

import json
import sqlite3

from bot.domain.steps import (
    AskQuestion,
    ChooseLanguage,
    ChooseRole,
    ConfirmRestart,
    KbReply,
    LeadCard,
    Menu,
    Say,
    ShowSummary,
    ShowVerdict,
    Step,
)
from bot.services.conversation import Incoming
from bot.services.library import Library
from handlers.page import HTML
from handlers.render import Renderer
from tests.chatter import Chatter
from tests.test_conversation import Factory, answer_all, onboard


def kinds(chatter: Chatter) -> list[type[Step]]:
    return [type(s) for s in chatter.steps.steps]


def said(chatter: Chatter) -> list[str]:
    return [s.key for s in chatter.steps.steps if isinstance(s, Say)]


def answer_rows(database: str, chat_id: int) -> int:
    with sqlite3.connect(database.removeprefix("sqlite:///")) as connection:
        found = connection.execute("SELECT count(*) FROM answers WHERE chat_id = ?", (chat_id,))
        return int(found.fetchone()[0])


async def test_cancel_after_a_verdict_deletes_the_answers(
    make_service: Factory, database: str
) -> None:
    chatter = Chatter(make_service())
    await onboard(chatter)
    await answer_all(chatter)
    await chatter.press("Show the verdict")
    assert ShowVerdict in kinds(chatter)
    assert answer_rows(database, chatter.chat_id) > 10
    await chatter.say("/cancel")
    assert answer_rows(database, chatter.chat_id) == 0
    assert chatter.steps.steps == [Menu("cancelled")]
    await chatter.say("/cancel")
    assert chatter.steps.steps == [Menu("nothing_to_cancel")]


async def test_a_new_check_asks_before_wiping_one_in_progress(
    make_service: Factory, database: str
) -> None:
    chatter = Chatter(make_service())
    await onboard(chatter)
    await chatter.press("Check a car")
    await chatter.press("Skip")
    await chatter.press("Passenger")
    await chatter.say("/check")
    assert kinds(chatter) == [ConfirmRestart]
    assert answer_rows(database, chatter.chat_id) == 2
    await chatter.press("Continue")
    question = [s for s in chatter.steps.steps if isinstance(s, AskQuestion)]
    assert question[0].question.id == "powertrain"
    await chatter.say("/check")
    await chatter.press("Start over")
    assert answer_rows(database, chatter.chat_id) == 0
    assert [s.question.id for s in chatter.steps.steps if isinstance(s, AskQuestion)] == ["vin"]


async def test_an_old_why_button_says_the_answers_changed(make_service: Factory) -> None:
    chatter = Chatter(make_service())
    await onboard(chatter)
    await answer_all(chatter)
    change_destination = chatter.button("✏️ Destination")
    await chatter.press("Show the verdict")
    old_why = chatter.button("Why? 180-day rule")
    await chatter.press_data(old_why)
    assert any(type(s).__name__ == "ShowWhy" for s in chatter.steps.steps)
    await chatter.press_data(change_destination)  # the card no longer describes the answers
    await chatter.say("Kenya")
    await chatter.press_data(old_why)
    assert "answers_changed" in said(chatter)
    assert not any(type(s).__name__ == "ShowWhy" for s in chatter.steps.steps)


async def test_a_double_tap_on_show_the_verdict_sends_one_card(make_service: Factory) -> None:
    chatter = Chatter(make_service())
    await onboard(chatter)
    await answer_all(chatter)
    confirm = chatter.button("Show the verdict")
    await chatter.press_data(confirm)
    await chatter.press_data(confirm)
    assert chatter.steps.steps == []
    assert chatter.steps.notice == Say("verdict_shown")


async def test_done_records_the_ticked_problems(make_service: Factory, database: str) -> None:
    chatter = Chatter(make_service())
    await onboard(chatter)
    await chatter.press("Check a car")
    for label in ("Skip", "Passenger", "Petrol", "No"):
        await chatter.press(label)
    await chatter.say("today")
    await chatter.press("Skip")  # odometer
    while not any(
        isinstance(s, AskQuestion) and s.question.id == "problems" for s in chatter.steps.steps
    ):
        await chatter.press("Don't know")
    await chatter.press("Mortgage")
    await chatter.press("modified")
    await chatter.press("Done")
    with sqlite3.connect(database.removeprefix("sqlite:///")) as connection:
        row = connection.execute(
            "SELECT value FROM answers WHERE chat_id = ? AND question_id = 'problems'",
            (chatter.chat_id,),
        ).fetchone()
    assert row is not None
    assert sorted(json.loads(row[0])) == ["encumbered", "modified"]


async def test_help_privacy_and_related_topics_answer(make_service: Factory) -> None:
    chatter = Chatter(make_service())
    await onboard(chatter)
    await chatter.say("/help")
    assert chatter.steps.steps == [Menu("help")]
    await chatter.say("/privacy")
    assert said(chatter) == ["privacy"]
    await chatter.say("Do I need the manufacturer's letter for a car registered two months ago?")
    answer = next(s for s in chatter.steps.steps if isinstance(s, KbReply)).answer
    assert answer.related
    await chatter.press_data(chatter.button(chatter.last.replies[0].buttons[0][0].label))
    related = next(s for s in chatter.steps.steps if isinstance(s, KbReply)).answer
    assert related.entry_id == answer.related[0]


async def test_typed_button_labels_work_like_taps(make_service: Factory) -> None:
    chatter = Chatter(make_service(), language_code="de")
    await chatter.say("/start")
    await chatter.say("Русский")
    assert chatter.steps.lang == "ru"
    assert kinds(chatter) == [ChooseRole]
    await chatter.say("покупатель")
    assert kinds(chatter) == [Menu]
    await chatter.say("Проверить машину")
    assert AskQuestion in kinds(chatter)
    await chatter.say("English")  # mid-check: the language changes, the question is asked again
    assert chatter.steps.lang == "en"
    asked = [s for s in chatter.steps.steps if isinstance(s, AskQuestion)]
    assert asked[0].question.id == "vin"


async def test_text_before_a_language_is_answered_in_its_own_language(
    make_service: Factory,
) -> None:
    chatter = Chatter(make_service(), language_code="en")
    await chatter.say("/start")
    await chatter.say("出口需要什么材料？")
    assert chatter.steps.lang == "zh"
    assert ChooseLanguage("language_guessed") in chatter.steps.steps
    assert KbReply in kinds(chatter)
    await chatter.say("1")  # a bare number is not a question: the menu, not an article
    assert chatter.steps.steps == [Menu("idle_hint")]


async def test_media_and_edits_get_an_answer(make_service: Factory) -> None:
    service = make_service()
    chatter = Chatter(service)
    await onboard(chatter)
    await chatter.press("Check a car")
    for number, kind in enumerate(("photo", "sticker", "voice", "contact", "poll")):
        outcome = await service.handle(Incoming(chatter.chat_id, kind=kind, update_id=900 + number))
        keys = [s.key for s in outcome.steps if isinstance(s, Say)]
        assert keys == [f"media.{kind if kind != 'poll' else 'other'}"]
        assert any(isinstance(s, AskQuestion) for s in outcome.steps)  # the check goes on


async def test_an_edited_answer_replaces_the_latest_answer_only(
    make_service: Factory, database: str
) -> None:
    service = make_service()
    chatter = Chatter(service)
    await onboard(chatter)
    await chatter.press("Check a car")
    await chatter.press("Skip")
    await chatter.press("Passenger")
    await chatter.press("Petrol")
    await chatter.press("Yes")
    typed = Incoming(chatter.chat_id, text="2025-01-10", update_id=1000, message_id=77)
    await service.handle(typed)
    edit = Incoming(chatter.chat_id, text="2025-02-10", update_id=1001, message_id=77, edited=True)
    outcome = await service.handle(edit)
    assert [s.key for s in outcome.steps if isinstance(s, Say)] == ["edit_applied"]
    with sqlite3.connect(database.removeprefix("sqlite:///")) as connection:
        value = connection.execute(
            "SELECT value FROM answers WHERE chat_id = ? AND question_id = 'registration_date'",
            (chatter.chat_id,),
        ).fetchone()[0]
    assert "2025-02-10" in value
    await chatter.say("today")  # a later answer: editing the date now is too late
    late = Incoming(chatter.chat_id, text="2025-03-10", update_id=1002, message_id=77, edited=True)
    outcome = await service.handle(late)
    assert [s.key for s in outcome.steps if isinstance(s, Say)] == ["edit_too_late"]


async def test_a_username_with_markup_is_escaped_for_the_managers(
    make_service: Factory, library: Library
) -> None:
    chatter = Chatter(make_service(manager_chat_id=-100))
    await onboard(chatter)
    await chatter.say("/contact")
    await chatter.press("Here in Telegram")
    await chatter.press("No message")
    outcome = await chatter.service.handle(
        Incoming(
            chatter.chat_id, username="<b>boss</b>", callback=chatter.button("Yes"), update_id=2000
        )
    )
    card = next(s for s in outcome.to_manager if isinstance(s, LeadCard))
    assert card.username == "<b>boss</b>"
    shown = Renderer(library, HTML).render(outcome).to_manager[0].text
    assert "<b>boss</b>" not in shown
    assert "&lt;b&gt;boss&lt;/b&gt;" in shown


async def test_progress_counts_the_question_being_asked(make_service: Factory) -> None:
    chatter = Chatter(make_service())
    await onboard(chatter)
    await answer_all(chatter)
    assert ShowSummary in kinds(chatter)
    await chatter.press("✏️ Vehicle type")
    asked = next(s for s in chatter.steps.steps if isinstance(s, AskQuestion))
    assert asked.question.id == "vehicle_type"
    assert chatter.text.startswith("Question 2 of")


async def at_registration_date(make_service: Factory) -> Chatter:
    """A dealer whose check waits for the registration date."""
    chatter = Chatter(make_service())
    await onboard(chatter)
    await chatter.press("Check a car")
    for label in ("Skip", "Passenger", "Petrol", "Yes"):
        await chatter.press(label)
    return chatter


async def test_a_future_registration_is_refused_at_its_question(
    make_service: Factory, database: str
) -> None:
    chatter = await at_registration_date(make_service)
    await chatter.say("2026-04-01")  # the clock says 2026-03-01
    assert said(chatter) == ["date_refused.registration_in_future"]
    asked = [s.question.id for s in chatter.steps.steps if isinstance(s, AskQuestion)]
    assert asked == ["registration_date"]
    assert answer_rows(database, chatter.chat_id) == 4
    await chatter.say("2026-01-10")
    await chatter.say("2026-01-05")  # an application before the registration
    assert said(chatter) == ["date_refused.application_before_registration"]
    assert answer_rows(database, chatter.chat_id) == 5


async def test_a_picked_reading_of_an_ambiguous_date_is_checked_too(
    make_service: Factory, database: str
) -> None:
    chatter = await at_registration_date(make_service)
    await chatter.say("02/04/2026")  # 2 April (after the clock's 1 March) or 4 February
    await chatter.press("April 2, 2026")
    assert said(chatter) == ["date_refused.registration_in_future"]
    assert answer_rows(database, chatter.chat_id) == 4
