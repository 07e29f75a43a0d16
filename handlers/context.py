"""A typed PTB context: handlers reach the services through it, never through globals."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from telegram.ext import CallbackContext, ExtBot

from bot.services.conversation import ConversationService
from bot.services.crm_outbox import CrmOutbox
from bot.services.library import Library
from bot.services.nudges import NudgeService
from bot.services.reminders import ReminderService
from handlers.render import Renderer

SERVICES_KEY = "services"


@dataclass(frozen=True, slots=True)
class Services:
    """What the handlers may call."""

    conversation: ConversationService
    reminders: ReminderService
    library: Library
    manager_chat_id: int | None
    renderer: Renderer  # Telegram HTML
    nudges: NudgeService
    crm: CrmOutbox | None  # set when CRM_WEBHOOK_URL is


class BotContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """PTB's context with the services attached to the application."""

    @property
    def services(self) -> Services:
        """The services this application was built with."""
        found = self.application.bot_data[SERVICES_KEY]
        if not isinstance(found, Services):
            raise TypeError("bot_data holds no Services")
        return found
