"""The guided conversation through the service, on a real SQLite database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from bot.services.conversation import ConversationService
from bot.services.library import Library
from bot.services.reminders import ReminderService
from bot.storage.database import make_engine, session_factory
from bot.storage.repository import Repository
from tests.chatter import Chatter, Clock

Factory = Callable[..., ConversationService]


async def onboard(chatter: Chatter, lang_label: str = "English", role: str = "Dealer") -> None:
    await chatter.say("/start")
    await chatter.press(lang_label)
    await chatter.press(role)


async def answer_all(chatter: Chatter) -> None:
    """A young BEV to Kazakhstan, answered the way people type."""
    await chatter.press("Check a car")
    assert "VIN" in chatter.text
    await chatter.say("lrw3f7fs9-pc893577")
    assert "built in China" in chatter.text
    await chatter.press("Passenger")
    await chatter.press("Battery electric")
    await chatter.press("Yes")  # registered in China
    await chatter.say("2026/1/20")
    await chatter.say("15.03.2026")
    await chatter.say("35 km")
    await chatter.press("No")  # no letter
    for _ in range(4):  # paperwork
        await chatter.press("Yes")
    await chatter.press("None of these")
    await chatter.say("Казахстан")
    await chatter.press("Left-hand")
    assert "Please check your answers" in chatter.text


async def test_full_check_in_english(make_service: Factory) -> None:
    chatter = Chatter(make_service())
    await onboard(chatter)
    await answer_all(chatter)
    assert "Destination: Kazakhstan" in chatter.text
    assert "Registered on: January 20, 2026" in chatter.text
    await chatter.press("Show the verdict")
    card = chatter.text
    assert "Not yet" in card
    assert "July 20, 2026" in card
    assert "❌ 180-day rule" in card
    await chatter.press("Why? 180-day rule")
    assert "manufacturer" in chatter.text
    assert "http" in chatter.text


@pytest.mark.parametrize(
    ("lang_label", "role", "check", "yes", "verdict", "date"),
    [
        ("中文", "车商", "核查", "是", "暂不", "2026年7月20日"),
        ("Русский", "Дилер", "Проверить", "Да", "Пока нет", "20 июля 2026"),
    ],
)
async def test_full_check_in_chinese_and_russian(
    make_service: Factory,
    lang_label: str,
    role: str,
    check: str,
    yes: str,
    verdict: str,
    date: str,
) -> None:
    chatter = Chatter(make_service(), language_code="de")
    await onboard(chatter, lang_label, role)
    await chatter.press(check)
    await chatter.press_data(chatter.last.replies[-1].buttons[-1][0].data)  # skip the VIN
    await chatter.press_data(chatter.last.replies[-1].buttons[0][0].data)  # passenger
    await chatter.press_data(chatter.last.replies[-1].buttons[0][0].data)  # petrol
    await chatter.press(yes)
    await chatter.say("2026年1月20日" if lang_label == "中文" else "20 января 2026")
    await chatter.say("2026-03-15")
    await chatter.say("1.2万公里" if lang_label == "中文" else "12 тыс км")
    await chatter.say("没有" if lang_label == "中文" else "нет")  # no letter
    for _ in range(4):
        await chatter.press(yes)
    await chatter.say("都没有" if lang_label == "中文" else "ничего")
    await chatter.press_data(chatter.last.replies[-1].buttons[-1][0].data)  # destination: skip
    assert chatter.last.replies[-1].buttons[0][0].data.startswith("1:OK:")
    await chatter.press_data(chatter.last.replies[-1].buttons[0][0].data)
    assert verdict in chatter.text
    assert date in chatter.text


async def test_change_an_answer_from_the_summary(make_service: Factory) -> None:
    chatter = Chatter(make_service())
    await onboard(chatter)
    await answer_all(chatter)
    await chatter.press("✏️ Destination")
    assert "Which country" in chatter.text
    await chatter.say("Kenya")
    assert "Destination: Kenya" in chatter.text  # steering was answered already
    await chatter.press("Show the verdict")
    assert "Not eligible" in chatter.text
    assert "❌ Steering side accepted" in chatter.text


async def test_back_and_cancel(make_service: Factory) -> None:
    chatter = Chatter(make_service())
    await onboard(chatter)
    await chatter.press("Check a car")
    await chatter.press("Skip")
    await chatter.press("Passenger")
    assert "What drives it" in chatter.text
    await chatter.say("/back")
    assert "What kind of vehicle" in chatter.text
    await chatter.press("Trailer")
    assert "What drives it" in chatter.text
    await chatter.say("/cancel")
    assert "cancelled" in chatter.text
    await chatter.say("/back")
    assert "no check in progress" in chatter.text


@pytest.mark.parametrize(
    ("prepare", "kind", "bad", "good", "next_prompt"),
    [
        ([], "vin", "ABC", "LRW3F7FS9PC893577", "What kind of vehicle"),
        (["skip"], "choice", "tractor", "2", "What drives it"),
        (["skip", "Passenger", "Petrol"], "yesno", "maybe", "yes", "initial registration date"),
        (["skip", "Passenger", "Petrol", "Yes"], "date", "last autumn", "1 Oct 2025", "licence"),
        (
            ["skip", "Passenger", "Petrol", "Yes", "1.10.2025", "Today"],
            "distance",
            "a lot",
            "12k",
            "confirmation letter",
        ),
    ],
)
async def test_bad_input_gets_a_hint_then_buttons_and_a_person(
    make_service: Factory,
    library: Library,
    prepare: list[str],
    kind: str,
    bad: str,
    good: str,
    next_prompt: str,
) -> None:
    chatter = Chatter(make_service())
    await onboard(chatter, role="Buyer")
    await chatter.press("Check a car")
    for step in prepare:
        if step == "skip":
            await chatter.press("Skip")
        elif step[:1].isdigit():
            await chatter.say(step)
        else:
            await chatter.press(step)
    await miss_twice_then_answer(chatter, library, kind, bad, good, next_prompt)


async def miss_twice_then_answer(
    chatter: Chatter, library: Library, kind: str, bad: str, good: str, next_prompt: str
) -> None:
    """The first miss gets the hint, the second a person to talk to; then the answer works."""
    await chatter.say(bad)
    assert library.locales["en"].ui[f"hint.{kind}"] in chatter.text
    await chatter.say(bad)
    assert chatter.button("Talk to a manager")
    await chatter.say(good)
    assert next_prompt in chatter.text


async def test_ambiguous_date_is_confirmed(make_service: Factory) -> None:
    chatter = Chatter(make_service())
    await onboard(chatter)
    await chatter.press("Check a car")
    for label in ("Skip", "Passenger", "Petrol", "Yes"):
        await chatter.press(label)
    await chatter.say("01/02/2026")
    assert "two ways" in chatter.text
    await chatter.press("February 1, 2026")
    assert "export licence" in chatter.text


async def test_double_tap_records_one_answer(make_service: Factory, library: Library) -> None:
    service = make_service()
    chatter = Chatter(service)
    await onboard(chatter)
    await chatter.press("Check a car")
    skip = chatter.button("Skip")
    await chatter.press_data(skip)
    assert "What kind of vehicle" in chatter.text
    await chatter.press_data(skip)
    assert chatter.last.replies == []
    assert chatter.last.notice == library.locales["en"].ui["stale_button"]


async def test_a_redelivered_update_changes_nothing(make_service: Factory) -> None:
    chatter = Chatter(make_service())
    await onboard(chatter)
    await chatter.press("Check a car")
    chatter.update_id -= 1  # the same update id again, as after a crash before confirming
    await chatter.press("Skip")
    assert chatter.last.replies == []


async def test_old_and_foreign_buttons_get_a_polite_answer(make_service: Factory) -> None:
    chatter = Chatter(make_service())
    await onboard(chatter)
    await chatter.press_data("0:something:from:another:version")
    assert chatter.last.notice is not None
    assert "earlier conversation" in chatter.last.notice
    assert "What would you like to do" in chatter.text


async def test_restart_continues_where_it_stopped(make_service: Factory) -> None:
    first = Chatter(make_service())
    await onboard(first)
    await first.press("Check a car")
    await first.press("Skip")
    await first.press("Passenger")
    second = Chatter(make_service(), update_id=first.update_id)
    await second.say("/start")
    assert "Welcome back" in second.text
    assert "What drives it" in second.text
    await second.press("Petrol")
    assert "registered in China" in second.text


async def test_two_processes_alternating_stay_consistent(make_service: Factory) -> None:
    a = Chatter(make_service())
    b = Chatter(make_service())
    await onboard(a)
    b.update_id = a.update_id + 100
    await a.press("Check a car")
    await b.press_data(a.button("Skip"))
    await a.press_data(b.button("Passenger"))
    await b.press_data(a.button("Petrol"))
    stale = b.button("Yes")
    await a.press_data(stale)
    await b.say("2025-01-10")
    assert "export licence" in b.text
    await a.press_data(stale)  # a button from before both answers
    assert a.last.notice is not None
    await a.press_data(b.button("Today"))
    assert "odometer" in a.text


async def test_quick_answer_from_free_text(make_service: Factory) -> None:
    chatter = Chatter(make_service())
    await onboard(chatter)
    await chatter.say("registered 2025-10-01, can I export in March?")
    text = chatter.text
    assert "151 days" in text
    assert "March 31, 2026" in text  # 2025-10-01 + 181 days
    assert "from March 31, 2026" in text
    assert chatter.button("Full check")
    await chatter.say("/quick 10月1日上牌 3月能出口吗")
    assert "151" in chatter.text


async def test_quick_command_asks_once_then_answers(make_service: Factory) -> None:
    chatter = Chatter(make_service())
    await onboard(chatter)
    await chatter.say("/quick")
    assert "registration date" in chatter.text
    await chatter.say("2026-01-20")
    assert "First day without the letter: July 20, 2026" in chatter.text


async def test_questions_get_sourced_answers(make_service: Factory) -> None:
    chatter = Chatter(make_service())
    await onboard(chatter)
    await chatter.say("what is the 180 day rule?")
    assert "Sources" in chatter.text
    assert "Last reviewed" in chatter.text
    assert chatter.button("Helpful")
    await chatter.press("Helpful")
    assert chatter.last.notice == "Thank you for the feedback."
    await chatter.say("best pizza in Almaty")
    assert "/contact" in chatter.text
    await chatter.say("hello")
    assert "Hello!" in chatter.text


async def test_a_question_mid_check_is_answered_and_the_question_asked_again(
    make_service: Factory,
) -> None:
    chatter = Chatter(make_service())
    await onboard(chatter)
    await chatter.press("Check a car")
    await chatter.press("Skip")
    await chatter.say("which countries do not accept left hand drive cars?")
    assert "Kenya" in chatter.text
    assert "What kind of vehicle" in chatter.text


async def test_user_text_is_escaped(make_service: Factory) -> None:
    chatter = Chatter(make_service())
    await onboard(chatter)
    await chatter.press("Check a car")
    await chatter.say("<b>LRW3F7FS9PC893577</b>")
    for reply in chatter.last.replies:
        assert "<b>LRW" not in reply.text


async def test_talk_to_a_manager_saves_a_lead_and_notifies(
    make_service: Factory, database: str, library: Library
) -> None:
    chatter = Chatter(make_service(manager_chat_id=-100500))
    await onboard(chatter)
    await answer_all(chatter)
    await chatter.press("Show the verdict")
    await chatter.press("Talk to a manager")
    await chatter.press("WhatsApp")
    await chatter.say("+7 701 123 45")  # too short
    assert "valid phone number" in chatter.text
    await chatter.say("+7 701 123 45 67")
    await chatter.say("Looking for 3 cars, CIF Aktau")
    await chatter.press("Yes, pass them on")
    assert "request no. 1" in chatter.text
    reply_time = library.brand.reply_time
    assert reply_time is not None
    assert reply_time.en in chatter.text  # what happens next, from the brand file
    assert chatter.last.to_manager
    assert "+77011234567" in chatter.last.to_manager[0].text
    assert "CIF Aktau" in chatter.last.to_manager[0].text
    assert "@tester" in chatter.last.to_manager[0].text
    assert "Kazakhstan" in chatter.last.to_manager[0].text
    engine = make_engine(database)
    async with session_factory(engine)() as session:
        leads = await Repository(session).leads()
    await engine.dispose()
    assert len(leads) == 1
    assert leads[0].verdict == "not_yet"
    assert leads[0].vehicle["destination"] == "KZ"
    assert (leads[0].contact_way, leads[0].contact_value) == ("whatsapp", "+77011234567")
    assert leads[0].consent_at is not None


async def test_a_buyer_is_asked_what_to_quote(make_service: Factory, database: str) -> None:
    chatter = Chatter(make_service(manager_chat_id=-100500))
    await onboard(chatter, role="Buyer")
    await chatter.say("/contact")
    await chatter.press("E-mail")
    await chatter.say("buyer@example.com")
    await chatter.say("BYD Song Plus 2023")
    await chatter.say("a few")  # not a quantity
    assert chatter.steps.steps[0].bad  # type: ignore[union-attr]
    await chatter.say("3 cars")
    await chatter.press("Skip")  # budget
    await chatter.say("Aktau")
    await chatter.press("CIF")
    await chatter.say("by June")
    await chatter.press("No message")
    await chatter.press("Yes, pass them on")
    engine = make_engine(database)
    async with session_factory(engine)() as session:
        leads = await Repository(session).leads()
    await engine.dispose()
    assert leads[0].inquiry == {
        "car": "BYD Song Plus 2023", "quantity": 3, "port": "Aktau", "terms": "cif",
        "timeline": "by June",
    }  # fmt: skip
    assert (leads[0].contact_way, leads[0].contact_value) == ("email", "buyer@example.com")
    assert "×3" in chatter.last.to_manager[0].text


async def test_no_consent_no_lead(make_service: Factory, database: str) -> None:
    chatter = Chatter(make_service(manager_chat_id=-100500))
    await onboard(chatter)
    await chatter.say("/contact")
    await chatter.press("Here in Telegram")
    await chatter.press("No message")
    await chatter.press("No")
    assert chatter.last.to_manager == []
    engine = make_engine(database)
    async with session_factory(engine)() as session:
        assert await Repository(session).leads() == []
    await engine.dispose()
    await chatter.say("/contact")
    await chatter.say("/cancel")  # stops asking, deletes nothing else
    assert chatter.steps.steps[0].text_key == "contact.cancelled"  # type: ignore[union-attr]


async def test_reminder_is_sent_once_on_its_day_after_a_restart(
    make_service: Factory, database: str, library: Library, clock: Clock
) -> None:
    chatter = Chatter(make_service())
    await onboard(chatter)
    await answer_all(chatter)
    await chatter.press("Show the verdict")
    # The reminder comes on the safe day (day 182), not the first day without the letter.
    remind = chatter.button("Remind me on July 21, 2026")
    await chatter.press_data(remind)
    assert "remind you on July 21, 2026" in chatter.text
    await chatter.press_data(remind)
    assert "already set" in chatter.text
    engines = [make_engine(database), make_engine(database)]
    first, second = (ReminderService(session_factory(e), library, clock) for e in engines)
    assert await first.claim_due() == []
    clock.set(dt.date(2026, 7, 20))
    assert await first.claim_due() == []
    clock.set(dt.date(2026, 7, 21))
    due = await first.claim_due()
    assert [d.chat_id for d in due] == [chatter.chat_id]
    assert (due[0].lang, due[0].step.key) == ("en", "reminder.eligible")
    assert await second.claim_due() == []
    await first.release(due[0].reminder_id)  # the send failed: it becomes due again
    assert len(await second.claim_due()) == 1
    for engine in engines:
        await engine.dispose()


async def test_forget_deletes_everything(make_service: Factory) -> None:
    chatter = Chatter(make_service())
    await onboard(chatter)
    await chatter.say("/forget")
    assert "deleted" in chatter.text
    await chatter.say("hello")
    assert "Choose your language" in chatter.text


async def reach_problems(chatter: Chatter, vin: str | None = None) -> None:
    """Answer up to the multi-select problems question."""
    await chatter.press("Check a car")
    if vin:
        await chatter.say(vin)
    else:
        await chatter.press("Skip")
    for label in ("Passenger", "Petrol", "Yes"):
        await chatter.press(label)
    await chatter.say("2024-01-10")
    await chatter.press("Today")
    await chatter.say("80000")
    for _ in range(4):
        await chatter.press("Yes")
    assert "Does any of these apply" in chatter.text


@pytest.mark.parametrize(
    ("kind", "steps", "bad", "good", "next_prompt"),
    [
        ("multi", [], "the engine is blue", "none", "Which country"),
        ("country", ["none"], "Narnia", "Russia", "emission standard"),
        ("power", ["none", "Russia", "Euro 5"], "strong", "110 kW", "Please check your answers"),
        ("year", ["none", "Saudi Arabia"], "long ago", "2021", "Please check your answers"),
    ],
)
async def test_bad_input_for_the_other_question_types(
    make_service: Factory,
    library: Library,
    kind: str,
    steps: list[str],
    bad: str,
    good: str,
    next_prompt: str,
) -> None:
    chatter = Chatter(make_service())
    await onboard(chatter)
    await reach_problems(chatter)
    for step in steps:
        if step == "Euro 5":
            await chatter.press(step)
        else:
            await chatter.say(step)
    await miss_twice_then_answer(chatter, library, kind, bad, good, next_prompt)


async def test_a_valid_vin_skips_the_model_year_question(make_service: Factory) -> None:
    chatter = Chatter(make_service())
    await onboard(chatter)
    await reach_problems(chatter, vin="LRW3E7FA2LC146763")
    await chatter.say("none")
    await chatter.say("Saudi Arabia")
    assert "Please check your answers" in chatter.text  # model year 2020 came from the VIN
    await chatter.press("Show the verdict")
    assert "Age limit at destination" in chatter.text
