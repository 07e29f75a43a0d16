"""The managers' desk through Telegram: a real PTB Application on the fake Bot API server.

A user asks for a manager; the card appears in the managers' chat; only configured managers may
claim it, exactly one wins, the user hears who; the group never gets the customer conversation.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from contextlib import AbstractAsyncContextManager
from typing import Any

from bot.services.library import Library
from tests.chatter import Clock, plain
from tests.support.cli import exportdesk
from tests.support.fake_bot_api import ApiError, FakeBotApi, SentMessage
from tests.support.ptb import App
from tests.test_telegram import MANAGERS, User, fake_api, running_bot

ANNA, BORIS, STRANGER = 700001, 700002, 700003


def desk_bot(
    api: FakeBotApi, database: str, library: Library, clock: Clock, jobs_every: float = 60
) -> AbstractAsyncContextManager[App]:
    """One bot process with a managers' chat and two managers."""
    return running_bot(
        api, database, library, clock,
        manager_user_ids=(ANNA, BORIS), reminder_interval_seconds=jobs_every,
        lead_raise_after_minutes=30,
    )  # fmt: skip


def member(user_id: int, name: str) -> dict[str, Any]:
    return {"id": user_id, "is_bot": False, "first_name": name, "language_code": "en"}


def cards(api: FakeBotApi) -> list[SentMessage]:
    return api.sent_messages(MANAGERS)


def lead_rows(database: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(database.removeprefix("sqlite:///")) as connection:
        return connection.execute(
            "SELECT id, status, owner_id, owner_name, card_message_id FROM leads ORDER BY id"
        ).fetchall()


def events(database: str, lead_id: int) -> list[str]:
    with sqlite3.connect(database.removeprefix("sqlite:///")) as connection:
        found = connection.execute(
            "SELECT event FROM lead_events WHERE lead_id = ? ORDER BY id", (lead_id,)
        )
        return [row[0] for row in found]


async def ask_for_a_manager(api: FakeBotApi, library: Library, user: User) -> SentMessage:
    ui = library.locales["en"].ui
    await user.send("/start", plain(ui["choose_language"]))
    await user.press("English", plain(ui["choose_role"]))
    await user.press("Buyer abroad", plain(ui["menu"]))
    before = len(cards(api))
    await user.press("Talk to a manager", plain(ui["contact.way_prompt"]))
    await user.press("Here in Telegram", plain(ui["contact.quote.car"])[:20])
    for stage in ("quantity", "budget", "port", "terms", "timeline"):  # a buyer may skip these
        await user.press("Skip", plain(ui[f"contact.quote.{stage}"])[:20])
    await user.press("Skip", plain(ui["contact.message_prompt"]))
    await user.press("No message", plain(ui["contact.consent_prompt"])[:40])
    await user.press("Yes, pass them on", "no. ")
    await api.wait_for(lambda: len(cards(api)) > before)
    return cards(api)[-1]


async def claimed_by_anna(api: FakeBotApi, library: Library, user: User) -> SentMessage:
    """A lead of this user's, claimed by Anna; its card."""
    card = await ask_for_a_manager(api, library, user)
    await press_on_card(api, card, "Claim", member(ANNA, "Anna"))
    return card


async def press_on_card(
    api: FakeBotApi, card: SentMessage, label: str, who: dict[str, Any]
) -> str | None:
    """A member of the managers' chat presses a card button; the pop-up text they get."""
    data = next(
        str(b["callback_data"])
        for row in (card.reply_markup or {}).get("inline_keyboard", [])
        for b in row
        if label in str(b["text"])
    )
    before = len(api.calls_to("answerCallbackQuery"))
    api.push_callback(MANAGERS, data, message_id=card.message_id, user=who)
    await api.wait_for_call("answerCallbackQuery", count=before + 1)
    return api.calls_to("answerCallbackQuery")[-1].params.get("text")


async def test_a_lead_card_is_claimed_by_one_manager_and_the_user_hears_who(
    database: str, library: Library, clock: Clock
) -> None:
    ui = library.locales["en"].ui
    async with fake_api() as api, desk_bot(api, database, library, clock):
        user = User(api, chat_id=555201)
        card = await ask_for_a_manager(api, library, user)
        text = card.text or ""
        assert "Lead no. 1" in text
        assert "tester" not in text  # the fake user has no username: a link, not an id dump
        assert "registered_in_china" not in text
        assert any(
            "Claim" in str(b["text"]) for row in card.reply_markup["inline_keyboard"] for b in row
        )
        await api.wait_for(lambda: lead_rows(database)[0][4] == card.message_id)  # remembered

        notice = await press_on_card(api, card, "Claim", member(STRANGER, "Eve"))
        assert notice == plain(ui["desk.not_manager"])
        assert lead_rows(database)[0][1] == "new"

        notice = await press_on_card(api, card, "Claim", member(ANNA, "Anna"))
        assert notice == plain(ui["desk.claimed"])
        await api.wait_for(lambda: "Anna" in (cards(api)[-1].text or ""))
        await api.wait_for(lambda: "Anna" in (user.messages()[-1].text or ""))
        assert lead_rows(database)[0][1:4] == ("claimed", ANNA, "Anna")
        for who, expected in ((ANNA, "/lead 1"), (BORIS, ui["lead_card.list_empty"])):
            before = len(cards(api))
            api.push_message(MANAGERS, "/leads mine", user=member(who, "x"))
            await api.wait_for(lambda b=before: len(cards(api)) > b)
            assert plain(expected) in (cards(api)[-1].text or "")

        stale = [m for m in cards(api) if m.message_id == card.message_id][-1]  # as edited
        notice = await press_on_card(api, card, "Won", member(BORIS, "Boris"))
        assert notice is not None
        assert "Anna" in notice
        notice = await press_on_card(api, stale, "Won", member(ANNA, "Anna"))
        assert lead_rows(database)[0][1] == "won"
        assert events(database, 1) == ["created", "claimed", "won"]
        assert api.rejections == []
    exported = exportdesk("leads", "export", "--format", "jsonl", env={"DATABASE_URL": database})
    row = json.loads(exported.stdout.splitlines()[0])
    assert (row["status"], row["owner_name"], row["owner_id"]) == ("won", "Anna", ANNA)


async def test_two_managers_claiming_at_once_one_wins(
    database: str, library: Library, clock: Clock
) -> None:
    # Two bot processes on one database: the two presses may be handled by different ones.
    async with (
        fake_api() as api,
        desk_bot(api, database, library, clock),
        desk_bot(api, database, library, clock),
    ):
        card = await ask_for_a_manager(api, library, User(api, chat_id=555202))
        data = next(
            str(b["callback_data"])
            for row in card.reply_markup["inline_keyboard"]
            for b in row
            if "Claim" in str(b["text"])
        )
        presses = [
            api.push_callback(MANAGERS, data, message_id=card.message_id, user=member(uid, name))
            for uid, name in ((ANNA, "Anna"), (BORIS, "Boris"))
        ]
        ids = [p["callback_query"]["id"] for p in presses]

        def answered(query_id: str) -> list[str]:
            calls = api.calls_to("answerCallbackQuery")
            return [
                str(c.params["text"])
                for c in calls
                if c.params.get("callback_query_id") == query_id and c.params.get("text")
            ]

        await api.wait_for(lambda: all(answered(i) for i in ids))
        texts = sorted(answered(i)[0] for i in ids)
        rows = lead_rows(database)
        assert rows[0][1] == "claimed"
        winner = str(rows[0][3])
        ui = library.locales["en"].ui
        assert texts == sorted(
            [plain(ui["desk.claimed"]), plain(ui["desk.already_claimed"].format(name=winner))]
        )
        assert events(database, 1).count("claimed") == 1


async def test_a_forged_button_naming_another_lead_changes_nothing(
    database: str, library: Library, clock: Clock
) -> None:
    async with fake_api() as api, desk_bot(api, database, library, clock):
        first = await ask_for_a_manager(api, library, User(api, chat_id=555203))
        await ask_for_a_manager(api, library, User(api, chat_id=555204))
        before = len(api.calls_to("answerCallbackQuery"))
        api.push_callback(
            MANAGERS, "1:LC:0:2", message_id=first.message_id, user=member(ANNA, "Anna"),
            check_button=False,
        )  # fmt: skip
        await api.wait_for_call("answerCallbackQuery", count=before + 1)
        assert [row[1] for row in lead_rows(database)] == ["new", "new"]


async def test_the_managers_chat_never_gets_the_customer_flow(
    database: str, library: Library, clock: Clock
) -> None:
    ui = library.locales["en"].ui
    async with fake_api() as api, desk_bot(api, database, library, clock):
        for text in ("/start", "hello", "/contact", "/forget", "do I need the letter?"):
            api.push_message(MANAGERS, text, user=member(ANNA, "Anna"))
        api.push_message(MANAGERS, "/leads", user=member(STRANGER, "Eve"))
        api.push_message(MANAGERS, "/leads", user=member(ANNA, "Anna"))
        # One chat's updates are handled in order: once the last one is answered, all were.
        await api.wait_for(lambda: len(cards(api)) >= 2)
        texts = [m.text or "" for m in cards(api)]
        assert texts == [plain(ui["desk.not_manager"]), plain(ui["lead_card.list_empty"])]
        assert lead_rows(database) == []


async def test_a_double_tap_on_talk_to_a_manager_makes_one_lead(
    database: str, library: Library, clock: Clock
) -> None:
    async with fake_api() as api, desk_bot(api, database, library, clock):
        user = User(api, chat_id=555205)
        card = await ask_for_a_manager(api, library, user)
        await user.press("Talk to a manager", "no. 1")
        assert len(lead_rows(database)) == 1
        assert events(database, 1) == ["created", "asked_again"]
        assert cards(api)[-1].message_id == card.message_id  # the card was updated, not doubled


async def test_the_owner_and_the_user_talk_through_the_bot_until_release(
    database: str, library: Library, clock: Clock
) -> None:
    ui = library.locales["en"].ui
    async with fake_api() as api, desk_bot(api, database, library, clock):
        user = User(api, chat_id=555206)
        card = await claimed_by_anna(api, library, user)
        await api.wait_for(lambda: "Anna" in (user.messages()[-1].text or ""))

        # Boris does not own it: his reply to the card is not relayed.
        api.push_message(MANAGERS, "I can help", user=member(BORIS, "Boris"),
                         reply_to_message_id=card.message_id)  # fmt: skip
        await api.wait_for(lambda: plain(ui["desk.claim_first"]) in (cards(api)[-1].text or ""))
        assert api.calls_to("copyMessage") == []

        sent = api.push_message(MANAGERS, "Hello, I am Anna", user=member(ANNA, "Anna"),
                                reply_to_message_id=card.message_id)["message"]  # fmt: skip
        await api.wait_for(lambda: len(api.calls_to("copyMessage")) == 1)
        to_user = api.calls_to("copyMessage")[0].params
        assert (to_user["chat_id"], to_user["from_chat_id"], to_user["message_id"]) == (
            user.chat_id,
            MANAGERS,
            sent["message_id"],
        )

        asked = api.push_message(user.chat_id, "Can you ship in May?")["message"]
        photo = {"message_id": 9001, "from": asked["from"], "chat": asked["chat"],
                 "date": asked["date"], "photo": [{"file_id": "p", "file_unique_id": "u",
                                                   "width": 9, "height": 9}]}  # fmt: skip
        api.push_update({"message": photo})
        await api.wait_for(lambda: len(api.calls_to("copyMessage")) == 3)
        to_desk = [c.params for c in api.calls_to("copyMessage")[1:]]
        assert [p["message_id"] for p in to_desk] == [asked["message_id"], 9001]
        assert all(p["chat_id"] == MANAGERS for p in to_desk)
        assert all(p["reply_parameters"]["message_id"] == card.message_id for p in to_desk)
        assert not any("Can you ship" in (m.text or "") for m in user.messages())  # no bot reply
        assert lead_rows(database)[0][1] == "contacted"

        api.push_message(MANAGERS, "/release", user=member(ANNA, "Anna"),
                         reply_to_message_id=card.message_id)  # fmt: skip
        await api.wait_for(
            lambda: plain(ui["handoff.released"]) in (user.messages()[-1].text or "")
        )
        assert lead_rows(database)[0][1] == "new"
        await user.send("/help", plain(ui["help"])[:30])  # the bot answers the user again
        assert events(database, 1) == ["created", "claimed", "contacted", "released"]
        assert api.rejections == []


async def test_a_user_who_blocked_the_bot_is_reported_under_the_card(
    database: str, library: Library, clock: Clock
) -> None:
    ui = library.locales["en"].ui
    async with fake_api() as api, desk_bot(api, database, library, clock):
        user = User(api, chat_id=555207)
        card = await claimed_by_anna(api, library, user)

        def blocked(params: dict[str, Any]) -> Any:
            if params["chat_id"] == user.chat_id:
                raise ApiError(403, "Forbidden: bot was blocked by the user")
            return {"message_id": 1}

        api.on("copyMessage", blocked)
        api.push_message(MANAGERS, "Hello?", user=member(ANNA, "Anna"),
                         reply_to_message_id=card.message_id)  # fmt: skip
        await api.wait_for(lambda: plain(ui["desk.not_delivered"]) in (cards(api)[-1].text or ""))


async def test_forget_anonymises_the_lead_and_says_so_on_its_card(
    database: str, library: Library, clock: Clock
) -> None:
    ui = library.locales["en"].ui
    async with fake_api() as api, desk_bot(api, database, library, clock):
        user = User(api, chat_id=555208)
        card = await ask_for_a_manager(api, library, user)
        await api.wait_for(lambda: lead_rows(database)[0][4] == card.message_id)
        await user.send("/forget", plain(ui["forgotten"])[:20])
        await api.wait_for(lambda: plain(ui["lead_card.forgotten"]) in (cards(api)[-1].text or ""))
        assert cards(api)[-1].message_id == card.message_id  # the card itself was edited
        with sqlite3.connect(database.removeprefix("sqlite:///")) as connection:
            row = connection.execute(
                "SELECT chat_id, user_id, username, contact_value, note FROM leads"
            ).fetchone()
            chats = connection.execute("SELECT count(*) FROM chats WHERE chat_id = ?",
                                       (user.chat_id,)).fetchone()[0]  # fmt: skip
        assert row == (0, None, None, None, None)
        assert chats == 0
        assert events(database, 1)[-1] == "forgotten"


async def test_an_unclaimed_lead_is_raised_again_once(
    database: str, library: Library, clock: Clock
) -> None:
    ui = library.locales["en"].ui
    waiting = plain(ui["desk.still_waiting"].format(number=1))
    async with (
        fake_api() as api,
        desk_bot(api, database, library, clock, jobs_every=0.1),
        desk_bot(api, database, library, clock, jobs_every=0.1),
    ):
        card = await ask_for_a_manager(api, library, User(api, chat_id=555209))
        await api.wait_for(lambda: lead_rows(database)[0][4] == card.message_id)
        assert not any(waiting in (m.text or "") for m in cards(api))
        clock.now += dt.timedelta(minutes=31)
        await api.wait_for(lambda: any(waiting in (m.text or "") for m in cards(api)))
        note = next(c for c in api.calls_to("sendMessage") if waiting in str(c.params["text"]))
        assert note.params["reply_parameters"]["message_id"] == card.message_id
        assert events(database, 1).count("raised") == 1


async def test_a_card_that_cannot_be_edited_is_sent_again_and_remembered(
    database: str, library: Library, clock: Clock
) -> None:
    async with fake_api() as api, desk_bot(api, database, library, clock):
        user = User(api, chat_id=555210)
        card = await ask_for_a_manager(api, library, user)
        await api.wait_for(lambda: lead_rows(database)[0][4] == card.message_id)

        def gone(params: dict[str, Any]) -> Any:
            raise ApiError(400, "Bad Request: message to edit not found")

        api.on("editMessageText", gone)
        await user.press("Talk to a manager", "no. 1")  # the lead is updated: its card redrawn
        await api.wait_for(lambda: cards(api)[-1].message_id != card.message_id)
        fresh = cards(api)[-1].message_id
        await api.wait_for(lambda: lead_rows(database)[0][4] == fresh)


async def test_a_whole_hand_off_from_a_fallback_answer_to_won(
    database: str, library: Library, clock: Clock
) -> None:
    ui = library.locales["en"].ui
    async with fake_api() as api, desk_bot(api, database, library, clock):
        user = User(api, chat_id=555211)
        await user.send("/start", plain(ui["choose_language"]))
        await user.press("English", plain(ui["choose_role"]))
        await user.press("Dealer", plain(ui["menu"]))
        await user.send("what is the weather in Urumqi tomorrow", plain(ui["kb_fallback"])[:30])
        await user.press("Talk to a manager", plain(ui["contact.way_prompt"]))
        await user.press("WhatsApp", plain(ui["contact.value.whatsapp"])[:30])
        await user.send("+86 138 0013 8000", plain(ui["contact.message_prompt"])[:30])
        await user.send("Need 5 used Haval H6 for Almaty", plain(ui["contact.consent_prompt"])[:30])
        await user.press("Yes, pass them on", "no. 1")
        await api.wait_for(lambda: bool(cards(api)))
        card = cards(api)[-1]
        assert "+8613800138000" in (card.text or "")
        assert "Haval H6" in (card.text or "")
        await api.wait_for(lambda: lead_rows(database)[0][4] == card.message_id)

        await press_on_card(api, card, "Claim", member(ANNA, "Anna"))
        sender = member(ANNA, "Anna")
        photo = {"message_id": 8001, "from": sender,
                 "chat": {"id": MANAGERS, "type": "supergroup", "title": "Sales"},
                 "date": 0, "photo": [{"file_id": "q", "file_unique_id": "v", "width": 9,
                                        "height": 9}],
                 "reply_to_message": {"message_id": card.message_id, "date": 0,
                                      "chat": {"id": MANAGERS, "type": "supergroup",
                                               "title": "Sales"}}}  # fmt: skip
        api.push_update({"message": photo})
        await api.wait_for(lambda: len(api.calls_to("copyMessage")) == 1)
        assert api.calls_to("copyMessage")[0].params["chat_id"] == user.chat_id
        api.push_message(user.chat_id, "Thanks, what price?")
        await api.wait_for(lambda: len(api.calls_to("copyMessage")) == 2)
        assert api.calls_to("copyMessage")[1].params["chat_id"] == MANAGERS

        latest = [m for m in cards(api) if m.message_id == card.message_id][-1]
        await press_on_card(api, latest, "Won", member(ANNA, "Anna"))
        await api.wait_for(lambda: lead_rows(database)[0][1] == "won")
        assert events(database, 1) == ["created", "claimed", "contacted", "won"]
        await user.send("/help", plain(ui["help"])[:30])  # won: the bot answers the user again
        assert api.rejections == []
    exported = exportdesk("leads", "export", "--format", "jsonl", env={"DATABASE_URL": database})
    row = json.loads(exported.stdout.splitlines()[0])
    assert (row["status"], row["owner_name"]) == ("won", "Anna")


async def test_in_a_forum_group_each_lead_gets_its_own_topic(
    database: str, library: Library, clock: Clock
) -> None:
    api_chat = {"id": MANAGERS, "type": "supergroup", "title": "Sales", "is_forum": True}
    async with fake_api() as api:
        api.on(
            "getChat", lambda params: {**api_chat, "accent_color_id": 0, "max_reaction_count": 11}
        )
        api.on(
            "createForumTopic",
            lambda params: {"message_thread_id": 77, "name": params["name"], "icon_color": 0},
        )
        async with desk_bot(api, database, library, clock):
            user = User(api, chat_id=555212)
            card = await claimed_by_anna(api, library, user)
            sent = next(c for c in api.calls_to("sendMessage") if c.params["chat_id"] == MANAGERS)
            assert sent.params["message_thread_id"] == 77
            assert api.calls_to("createForumTopic")[0].params["name"].startswith("Lead no. 1")
            in_topic = {
                "message_id": 8101, "from": member(ANNA, "Anna"), "chat": api_chat, "date": 0,
                "text": "Hi from the topic", "message_thread_id": 77, "is_topic_message": True,
            }  # fmt: skip
            api.push_update({"message": in_topic})
            await api.wait_for(lambda: len(api.calls_to("copyMessage")) == 1)
            assert api.calls_to("copyMessage")[0].params["chat_id"] == user.chat_id
            api.push_message(user.chat_id, "Great")
            await api.wait_for(lambda: len(api.calls_to("copyMessage")) == 2)
            back = api.calls_to("copyMessage")[1].params
            assert (back["chat_id"], back["message_thread_id"]) == (MANAGERS, 77)
            assert card.message_id == lead_rows(database)[0][4]
            assert api.rejections == []


async def test_reassign_hands_the_lead_to_another_manager_who_is_mentioned(
    database: str, library: Library, clock: Clock
) -> None:
    ui = library.locales["en"].ui
    async with fake_api() as api, desk_bot(api, database, library, clock):
        api.push_message(MANAGERS, "/leads", user=member(BORIS, "Boris"))  # Boris is seen
        await api.wait_for(lambda: bool(cards(api)))
        user = User(api, chat_id=555213)
        card = await claimed_by_anna(api, library, user)

        def latest() -> SentMessage:
            return [m for m in cards(api) if m.message_id == card.message_id][-1]

        await api.wait_for(lambda: "Reassign" in str(latest().reply_markup))
        notice = await press_on_card(api, latest(), "Reassign", member(BORIS, "Boris"))
        assert notice is None  # anyone may open the list; only the owner's choice counts
        await api.wait_for(lambda: "LO" in str(cards(api)[-1].reply_markup))
        chooser = cards(api)[-1]
        assert "Boris" in str(chooser.reply_markup)
        assert "Anna" not in str(chooser.reply_markup)  # not to the owner herself
        refused = await press_on_card(api, chooser, "Boris", member(BORIS, "Boris"))
        assert refused == plain(ui["desk.not_yours"].format(name="Anna"))
        done = await press_on_card(api, chooser, "Boris", member(ANNA, "Anna"))
        assert done == plain(ui["desk.reassigned"])
        await api.wait_for(lambda: lead_rows(database)[0][2:4] == (BORIS, "Boris"))

        def mentions() -> list[str]:
            link = f"tg://user?id={BORIS}"
            sent = [
                c.params for c in api.calls_to("sendMessage") if c.params["chat_id"] == MANAGERS
            ]
            return [str(p["text"]) for p in sent if link in str(p["text"])]

        await api.wait_for(lambda: bool(mentions()))
        assert "lead no. 1" in mentions()[0].casefold()
        await api.wait_for(lambda: "Boris" in (user.messages()[-1].text or ""))
        assert events(database, 1)[-1] == "reassigned"
        assert api.rejections == []
