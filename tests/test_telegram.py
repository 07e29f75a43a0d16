"""End to end through Telegram: a real PTB Application against the local fake Bot API server."""

from __future__ import annotations

import asyncio
import datetime as dt
import socket
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
from pydantic import SecretStr

from bot.app import allowed_updates, build_application, wire
from bot.config import Settings
from bot.services.library import Library
from bot.storage.database import make_engine, session_factory
from bot.storage.repository import Repository
from tests.chatter import Clock
from tests.support.fake_bot_api import ApiError, FakeBotApi, SentMessage
from tests.support.paths import API_JSON
from tests.support.ptb import App, polling

TOKEN = "123456789:TEST-TOKEN"
MANAGERS = -1001234567890


@asynccontextmanager
async def fake_api() -> AsyncIterator[FakeBotApi]:
    async with FakeBotApi(API_JSON, token=TOKEN) as api:
        yield api


@asynccontextmanager
async def running_bot(
    api: FakeBotApi, database: str, library: Library, clock: Clock, **settings: Any
) -> AsyncIterator[App]:
    """One bot process: migrations, services, PTB Application polling the fake server."""
    config = Settings(
        **{
            "telegram_bot_token": SecretStr(TOKEN),
            "telegram_api_base_url": api.base_url,
            "database_url": database,
            "manager_chat_id": MANAGERS,
            "reminder_interval_seconds": 0.2,
            **settings,
        }
    )
    wiring = wire(config, library=library, clock=clock)
    application = build_application(config, wiring)
    try:
        async with polling(application, allowed_updates()):
            yield application
    finally:
        await wiring.engine.dispose()


class User:
    """A Telegram user typing and tapping; every step waits for the bot's answer."""

    def __init__(self, api: FakeBotApi, chat_id: int = 555001, lang: str = "en") -> None:
        self.api = api
        self.chat_id = chat_id
        self.lang = lang

    def messages(self) -> list[SentMessage]:
        return self.api.sent_messages(self.chat_id)

    async def _expect(self, before: int, expect: str) -> SentMessage:
        def arrived() -> bool:
            return any(expect in (m.text or "") for m in self.messages()[before:])

        await self.api.wait_for(arrived, timeout=10)
        return next(m for m in self.messages()[before:] if expect in (m.text or ""))

    async def send(self, text: str, expect: str) -> SentMessage:
        before = len(self.messages())
        self.api.push_message(self.chat_id, text, language_code=self.lang)
        return await self._expect(before, expect)

    def find(self, label: str) -> tuple[int | None, str]:
        for message in reversed(self.messages()):
            rows = (message.reply_markup or {}).get("inline_keyboard") or []
            for row in rows:
                for button in row:
                    if label in str(button.get("text")):
                        return message.message_id, str(button["callback_data"])
        raise AssertionError(f"no button {label!r}")

    async def press(self, label: str, expect: str) -> SentMessage:
        message_id, data = self.find(label)
        before = len(self.messages())
        self.api.push_callback(self.chat_id, data, message_id=message_id, language_code=self.lang)
        return await self._expect(before, expect)


async def answer_questions(user: User) -> None:
    await user.press("Check a car", "VIN")
    await user.send("LRW3F7FS9PC893577", "What kind of vehicle")
    await user.press("Passenger", "What drives it")
    await user.press("Petrol", "registered in China")
    await user.press("Yes", "initial registration date")
    await user.send("20.01.2026", "export licence be applied")
    await user.send("2026-03-15", "odometer")
    await user.send("12 000 km", "confirmation letter")
    await user.press("No", "filed used-car export")
    await user.press("Yes", "exporter's name")
    await user.press("Yes", "match the registration certificate")
    await user.press("Yes", "test report")
    await user.press("Yes", "Does any of these apply")
    await user.press("Mortgage", "Does any of these apply")
    await user.press("Mortgage", "Does any of these apply")
    await user.press("None of these", "Which country")
    await user.send("Kenya", "steering wheel")
    await user.press("Left-hand", "Please check your answers")


async def test_from_start_to_verdict_in_telegram(
    database: str, library: Library, clock: Clock
) -> None:
    async with fake_api() as api, running_bot(api, database, library, clock):
        await api.wait_for_call("setMyCommands", count=4)
        languages = {c.params.get("language_code") for c in api.calls_to("setMyCommands")}
        assert languages == {None, "en", "zh", "ru"}
        user = User(api)
        await user.send("/start campaign42", "Choose your language")
        await user.press("English", "Who are you")
        await user.press("Dealer", "What would you like to do")
        await answer_questions(user)
        card = await user.press("Show the verdict", "Not eligible")
        assert "❌ Steering side accepted" in (card.text or "")
        why = await user.press("Why? Steering", "Kenya")
        assert "Markets where nothing on file stands against it" in (why.text or "")
        await user.press("Talk to a manager", "How should a manager reach you")
        await user.press("Here in Telegram", "Anything the manager should know")
        await user.press("No message", "May we pass")
        await user.press("Yes, pass them on", "request no. 1")
        await api.wait_for(lambda: bool(api.sent_messages(MANAGERS)))
        manager = api.sent_messages(MANAGERS)
        assert "campaign42" in (manager[-1].text or "")
        assert api.rejections == []


async def test_chinese_and_russian_onboarding(
    database: str, library: Library, clock: Clock
) -> None:
    async with fake_api() as api, running_bot(api, database, library, clock):
        zh = User(api, chat_id=555101, lang="zh-hans")
        await zh.send("/start", "选择语言")
        await zh.press("中文", "身份")
        ru = User(api, chat_id=555102, lang="ru")
        await ru.send("/start", "язык")
        await ru.press("Русский", "Кто вы")
        await ru.press("Дилер", "Что хотите сделать")
        await ru.send("зарегистрирована 1 октября 2025, можно ли вывезти в марте?", "151")
        assert api.rejections == []


async def test_restart_continues_and_old_buttons_are_answered_politely(
    database: str, library: Library, clock: Clock
) -> None:
    async with fake_api() as api:
        user = User(api)
        async with running_bot(api, database, library, clock):
            await user.send("/start", "Choose your language")
            await user.press("English", "Who are you")
            await user.press("Buyer", "What would you like to do")
            await user.press("Check a car", "VIN")
            await user.press("Skip", "What kind of vehicle")
        old_id, old_skip = next(
            (m.message_id, d)
            for m in user.messages()
            for d in m.callback_data
            if d.startswith("1:A:")
        )
        async with running_bot(api, database, library, clock):
            await user.press("Trailer", "What drives it")
            # An answered question keeps no live keyboard; a tap sent before it was taken off
            # (a double tap) is still answered politely.
            old = [m for m in user.messages() if m.message_id == old_id][-1]  # as last edited
            assert old.callback_data == []
            before = len(api.calls_to("answerCallbackQuery"))
            api.push_callback(user.chat_id, old_skip, message_id=old_id, check_button=False)
            await api.wait_for_call("answerCallbackQuery", count=before + 1)
            notice = api.calls_to("answerCallbackQuery")[-1].params.get("text")
            assert "already recorded" in str(notice)
            await user.send("/start", "Welcome back")
        assert api.rejections == []


async def test_two_bot_processes_on_one_database(
    database: str, library: Library, clock: Clock
) -> None:
    async with (
        fake_api() as api,
        running_bot(api, database, library, clock),
        running_bot(api, database, library, clock),
    ):
        user = User(api)
        await user.send("/start", "Choose your language")
        await user.press("English", "Who are you")
        await user.press("Dealer", "What would you like to do")
        await answer_questions(user)
        summary = user.messages()[-1].text or ""
        assert "Destination: Kenya" in summary
        assert "Problems: None of these" in summary
        assert api.rejections == []


async def test_a_due_reminder_is_sent_once_after_a_restart(
    database: str, library: Library, clock: Clock
) -> None:
    engine = make_engine(database)
    async with session_factory(engine)() as session, session.begin():
        repo = Repository(session)
        await repo.chat(555201, clock())
        await repo.add_reminder(555201, clock().date(), "eligible", "en", {}, clock())
    await engine.dispose()
    async with (
        fake_api() as api,
        running_bot(api, database, library, clock),
        running_bot(api, database, library, clock),
    ):
        await api.wait_for(lambda: bool(api.sent_messages(555201)), timeout=10)
        polls = len(api.calls_to("getUpdates"))
        await api.wait_for(lambda: len(api.calls_to("getUpdates")) >= polls + 4, timeout=10)
        await asyncio.sleep(0.5)  # several reminder-job rounds in both processes
        sent = api.sent_messages(555201)
        assert len(sent) == 1
        assert "no longer needs" in (sent[0].text or "")
    assert dt.date(2026, 3, 1) == clock().date()


async def schedule_due_reminder(database: str, clock: Clock, chat_id: int) -> None:
    engine = make_engine(database)
    async with session_factory(engine)() as session, session.begin():
        repo = Repository(session)
        await repo.chat(chat_id, clock())
        await repo.add_reminder(chat_id, clock().date(), "eligible", "en", {}, clock())
    await engine.dispose()


def reminder_attempts(api: FakeBotApi, chat_id: int) -> list[Any]:
    return [c for c in api.calls_to("sendMessage") if c.params.get("chat_id") == chat_id]


async def test_a_reminder_that_fails_to_send_is_tried_again(
    database: str, library: Library, clock: Clock
) -> None:
    await schedule_due_reminder(database, clock, 555301)
    async with fake_api() as api:

        def outage(params: dict[str, Any]) -> Any:
            raise ApiError(502, "Bad Gateway")

        api.on("sendMessage", outage)
        async with running_bot(api, database, library, clock):
            await api.wait_for(lambda: len(reminder_attempts(api, 555301)) >= 2, timeout=10)
            api.off("sendMessage")
            await api.wait_for(lambda: bool(api.sent_messages(555301)), timeout=10)
            polls = len(api.calls_to("getUpdates"))
            await api.wait_for(lambda: len(api.calls_to("getUpdates")) >= polls + 3, timeout=10)
            await asyncio.sleep(0.5)
        assert len(api.sent_messages(555301)) == 1


async def test_a_blocked_chat_is_not_retried(database: str, library: Library, clock: Clock) -> None:
    await schedule_due_reminder(database, clock, 555302)
    async with fake_api() as api:

        def blocked(params: dict[str, Any]) -> Any:
            raise ApiError(403, "Forbidden: bot was blocked by the user")

        api.on("sendMessage", blocked)
        async with running_bot(api, database, library, clock):
            await api.wait_for(lambda: bool(reminder_attempts(api, 555302)), timeout=10)
            await asyncio.sleep(0.8)  # four reminder rounds
        assert len(reminder_attempts(api, 555302)) == 1


async def test_a_database_failure_gets_a_polite_message(
    database: str, library: Library, clock: Clock
) -> None:
    async with fake_api() as api, running_bot(api, database, library, clock):
        user = User(api)
        await user.send("/start", "Choose your language")
        with sqlite3.connect(database.removeprefix("sqlite:///")) as connection:
            connection.execute("DROP TABLE answers")
        await user.press("English", "Who are you")  # needs no answers table
        await user.press("Dealer", "What would you like to do")
        await user.press("Check a car", "something went wrong")


async def test_webhook_mode_serves_the_same_conversation(
    database: str, library: Library, clock: Clock
) -> None:
    settings = Settings(
        telegram_bot_token=SecretStr(TOKEN),
        database_url=database,
        webhook_url="https://bot.example.test/",
        webhook_secret=SecretStr("s3cret-token"),
    )
    async with fake_api() as api:
        settings = settings.model_copy(update={"telegram_api_base_url": api.base_url})
        wiring = wire(settings, library=library, clock=clock)
        application = build_application(settings, wiring)
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        try:
            async with application:
                await application.start()
                assert application.updater is not None
                await application.updater.start_webhook(
                    listen="127.0.0.1",
                    port=port,
                    webhook_url=settings.webhook_url,
                    secret_token="s3cret-token",
                    allowed_updates=allowed_updates(),
                )
                assert api.webhook_url == settings.webhook_url
                update = {
                    "update_id": 900001,
                    "message": {
                        "message_id": 1,
                        "date": 1_780_000_000,
                        "chat": {"id": 555401, "type": "private"},
                        "from": {"id": 555401, "is_bot": False, "first_name": "A"},
                        "text": "/start",
                        "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
                    },
                }
                async with httpx.AsyncClient() as client:
                    wrong = await client.post(
                        f"http://127.0.0.1:{port}/",
                        json=update,
                        headers={"X-Telegram-Bot-Api-Secret-Token": "nope"},
                    )
                    assert wrong.status_code == 403
                    right = await client.post(
                        f"http://127.0.0.1:{port}/",
                        json=update,
                        headers={"X-Telegram-Bot-Api-Secret-Token": "s3cret-token"},
                    )
                    assert right.status_code == 200
                await api.wait_for(lambda: bool(api.sent_messages(555401)), timeout=10)
                assert "Choose your language" in (api.sent_messages(555401)[0].text or "")
                await application.updater.stop()
                await application.stop()
        finally:
            await wiring.engine.dispose()
        assert api.rejections == []
