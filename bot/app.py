"""Composition root: settings -> database -> library -> services -> PTB Application."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine
from telegram import Update
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.config import Settings
from bot.integrations.crm import CrmClient
from bot.services.conversation import ConversationService
from bot.services.crm_outbox import CrmOutbox
from bot.services.library import Library, load_library
from bot.services.nudges import NudgeService
from bot.services.reminders import ReminderService
from bot.storage.database import is_sqlite, make_engine, session_factory, upgrade
from handlers import telegram as tg
from handlers.context import SERVICES_KEY, BotContext, Services
from handlers.ordering import PerChatUpdateProcessor
from handlers.page import HTML
from handlers.render import Renderer

CHINA = ZoneInfo("Asia/Shanghai")


def china_now() -> dt.datetime:
    """The bot's clock: the licence is applied for in China, so its date is China's."""
    return dt.datetime.now(CHINA)


@dataclass(frozen=True, slots=True)
class Wiring:
    """The built parts, so callers can close the engine when done."""

    engine: AsyncEngine
    services: Services


def wire(settings: Settings, library: Library | None = None, clock: Any = china_now) -> Wiring:
    """Migrate the database, load knowledge/ and build the services."""
    upgrade(settings.database_url)
    engine = make_engine(settings.database_url)
    sessions = session_factory(engine)
    lib = library or load_library(settings.brand_file)
    services = Services(
        conversation=ConversationService(
            sessions,
            lib,
            clock,
            settings.manager_chat_id,
            one_writer=is_sqlite(settings.database_url),
            manager_user_ids=frozenset(settings.manager_user_ids),
            manager_lang=settings.manager_lang,
        ),
        reminders=ReminderService(sessions, lib, clock),
        library=lib,
        manager_chat_id=settings.manager_chat_id,
        renderer=Renderer(lib, HTML, settings.manager_lang),
        nudges=NudgeService(
            sessions, clock, dt.timedelta(minutes=settings.lead_raise_after_minutes)
        ),
        crm=_crm(settings, sessions, clock),
    )
    return Wiring(engine, services)


def _crm(settings: Settings, sessions: Any, clock: Any) -> CrmOutbox | None:
    """The CRM outbox worker when CRM_WEBHOOK_URL is set (with its secret)."""
    if settings.crm_webhook_url is None or settings.crm_webhook_secret is None:
        return None
    secret = settings.crm_webhook_secret.get_secret_value().encode()
    client = httpx.AsyncClient(timeout=10.0)
    return CrmOutbox(sessions, clock, CrmClient(settings.crm_webhook_url, secret, client))


def build_application(
    settings: Settings, wiring: Wiring
) -> Application[Any, Any, Any, Any, Any, Any]:
    """The PTB Application with our handlers, command menus and the reminder job."""
    if settings.telegram_bot_token is None:
        raise ValueError("TELEGRAM_BOT_TOKEN is not set")
    base = settings.telegram_api_base_url.rstrip("/")
    application = (
        ApplicationBuilder()
        .token(settings.telegram_bot_token.get_secret_value())
        .base_url(base)
        .base_file_url(base.removesuffix("/bot") + "/file/bot")
        .context_types(ContextTypes(context=BotContext))
        .post_init(_post_init(settings))
        .post_shutdown(_post_shutdown)
        .concurrent_updates(PerChatUpdateProcessor(settings.max_concurrent_updates))
        .build()
    )
    application.bot_data[SERVICES_KEY] = wiring.services
    application.add_handler(CallbackQueryHandler(tg.on_update))
    application.add_handler(MessageHandler(filters.ALL, tg.on_update))
    application.add_error_handler(tg.on_error)
    return application


async def _post_shutdown(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Close what the services opened (the CRM client's connections)."""
    crm = BotContext(application).services.crm
    if crm is not None:
        await crm.close()


def _post_init(settings: Settings) -> Any:
    async def post_init(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
        context = BotContext(application)
        await tg.set_commands(context)
        if settings.manager_chat_id is not None:
            await tg.detect_forum(context, settings.manager_chat_id)
        if application.job_queue is not None:
            application.job_queue.run_repeating(
                tg.send_reminders, interval=settings.reminder_interval_seconds, first=1.0
            )
            if context.services.crm is not None:
                application.job_queue.run_repeating(
                    tg.deliver_crm, interval=settings.reminder_interval_seconds, first=1.0
                )
            if settings.manager_chat_id is not None:
                application.job_queue.run_repeating(
                    tg.raise_unclaimed, interval=settings.reminder_interval_seconds, first=1.0
                )

    return post_init


def allowed_updates() -> list[str]:
    """Only what the bot handles."""
    return [Update.MESSAGE, Update.EDITED_MESSAGE, Update.CALLBACK_QUERY]
