"""Thin PTB adapters: turn an update into an Incoming, call the service, deliver the replies."""

from __future__ import annotations

import logging

from telegram import (
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    ReplyParameters,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, TelegramError

from bot.domain.steps import Copy, Say
from bot.services.conversation import Incoming
from handlers.context import BotContext
from handlers.messages import Rendered, Reply, shorten_label, split_text
from knowledge.schema import LANGS

log = logging.getLogger(__name__)
COMMANDS = (
    "start", "check", "quick", "ask", "language", "contact", "back", "cancel", "help",
    "privacy", "forget",
)  # fmt: skip


# What a message without text holds, in the order Telegram's Message fields are checked.
MEDIA = ("photo", "document", "sticker", "voice", "video", "video_note", "audio", "animation",
         "location", "venue", "contact")  # fmt: skip


def media_kind(message: Message) -> str:
    """The kind of a message that has no text."""
    return next((kind for kind in MEDIA if getattr(message, kind, None)), "other")


def _message_id(update: Update) -> int | None:
    """The user's message, or for a button the bot's message that carries it."""
    query = update.callback_query
    if query is not None:
        return query.message.message_id if query.message is not None else None
    message = update.message or update.edited_message
    return message.message_id if message is not None else None


def _reply_to(update: Update) -> int | None:
    """The message a user's message replies to (a manager replying to a lead's card)."""
    message = update.message or update.edited_message
    replied = message.reply_to_message if message is not None else None
    return replied.message_id if replied is not None else None


def _topic(update: Update) -> int | None:
    """The forum topic a message was sent in (forum supergroups only)."""
    message = update.message or update.edited_message
    if message is None or not message.is_topic_message:
        return None
    return message.message_thread_id


def to_incoming(update: Update) -> Incoming | None:
    """The transport-free view of an update; None for updates the bot does not handle."""
    user = update.effective_user
    chat = update.effective_chat
    if chat is None:
        return None
    callback = None
    message = update.message or update.edited_message
    if update.callback_query is not None:
        callback = update.callback_query.data or ""
    elif message is None:
        return None
    text = message.text if message is not None else None
    return Incoming(
        chat_id=chat.id,
        user_id=user.id if user else None,
        username=user.username if user else None,
        first_name=user.first_name if user else None,
        language_code=user.language_code if user else None,
        text=text,
        callback=callback,
        update_id=update.update_id,
        message_id=_message_id(update),
        reply_to=_reply_to(update),
        thread_id=_topic(update),
        edited=update.edited_message is not None,
        kind=media_kind(message) if message is not None and text is None else None,
    )


def markup(reply: Reply) -> InlineKeyboardMarkup | None:
    """The reply's buttons as an inline keyboard."""
    if not reply.buttons:
        return None
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(b.label, callback_data=b.data) for b in row]
            for row in reply.buttons
        ]
    )


async def send(
    context: BotContext,
    chat_id: int,
    reply: Reply,
    edit: Message | None = None,
    thread: int | None = None,
) -> Message | None:
    """Send (or edit) one reply, split under Telegram's limit, buttons on the last part; the
    last message sent (None when a message was edited)."""
    parts = split_text(reply.text)
    sent: Message | None = None
    for number, part in enumerate(parts, start=1):
        keyboard = markup(reply) if number == len(parts) else None
        if len(parts) == 1 and (reply.message_id or (edit is not None and reply.edit)):
            try:
                if reply.message_id:
                    await context.bot.edit_message_text(
                        part, chat_id, reply.message_id, parse_mode=ParseMode.HTML,
                        reply_markup=keyboard,
                    )  # fmt: skip
                elif edit is not None:
                    await edit.edit_text(part, parse_mode=ParseMode.HTML, reply_markup=keyboard)
                return None
            except BadRequest as exc:
                if "not modified" in str(exc):
                    return None
                if not reply.message_id:
                    raise
                log.info("card %s in chat %s is gone; sending it again", reply.message_id, chat_id)
        sent = await context.bot.send_message(
            chat_id, part, parse_mode=ParseMode.HTML, reply_markup=keyboard,
            message_thread_id=thread,
        )  # fmt: skip
    return sent


async def deliver(update: Update, context: BotContext, outcome: Rendered) -> None:
    """Answer a button press, send the replies, and pass hand-offs to the managers' chat."""
    query = update.callback_query
    if query is not None:
        await query.answer(shorten_label(outcome.notice, 200) if outcome.notice else None)
    chat = update.effective_chat
    if chat is None:
        return
    edited = query.message if query is not None and isinstance(query.message, Message) else None
    if edited is not None and outcome.close_pressed:  # one live keyboard: the next question's
        try:
            await edited.edit_reply_markup(reply_markup=None)
        except BadRequest:
            log.info("could not take the keyboard off message %s", edited.message_id)
    thread = _topic(update)  # answers to a message in a forum topic stay in that topic
    for reply in outcome.replies:
        await send(context, chat.id, reply, edited, thread=thread)
    manager = context.services.manager_chat_id
    for reply in outcome.to_manager:
        if manager is not None:
            topic = await lead_topic(context, manager, reply)
            card = await send(context, manager, reply, thread=topic)
            if card is not None and reply.card_for is not None:
                await context.services.conversation.remember_card(
                    reply.card_for, card.message_id, topic
                )
    for copy in outcome.copies:
        await relay(context, copy)
    for user_chat, reply in outcome.to_users:
        try:
            await send(context, user_chat, reply)
        except Forbidden:
            log.info("chat %s blocked the bot; the manager's note was not delivered", user_chat)


FORUM_KEY = "managers_forum"  # bot_data: whether the managers' chat has topics


async def detect_forum(context: BotContext, manager: int) -> None:
    """Whether the managers' chat is a forum supergroup (then each lead gets a topic)."""
    try:
        chat = await context.bot.get_chat(manager)
    except TelegramError:
        log.warning("cannot read the managers' chat %s; cards go to it without topics", manager)
        return
    context.application.bot_data[FORUM_KEY] = bool(chat.is_forum)


async def lead_topic(context: BotContext, manager: int, reply: Reply) -> int | None:
    """In a forum managers' chat a new card goes into the lead's own topic (made once)."""
    if reply.card_for is None or not context.application.bot_data.get(FORUM_KEY):
        return None
    conversation = context.services.conversation
    found = await conversation.topic_of(reply.card_for)
    if found is not None:
        return found
    title = context.services.renderer.manager_step(
        Say("lead_card.topic", {"number": reply.card_for})
    )
    try:
        topic = await context.bot.create_forum_topic(manager, title.text[:128])
    except TelegramError:
        log.warning("could not open a topic for lead %s; the card goes to the chat", reply.card_for)
        return None
    return topic.message_thread_id


async def relay(context: BotContext, copy: Copy) -> None:
    """Copy a message between a user and the managers' chat; a user who blocked the bot is
    reported under the lead's card."""
    reply = (
        ReplyParameters(copy.reply_to, allow_sending_without_reply=True) if copy.reply_to else None
    )
    try:
        await context.bot.copy_message(
            copy.to_chat, copy.from_chat, copy.message_id, reply_parameters=reply,
            message_thread_id=copy.thread_id,
        )  # fmt: skip
    except (Forbidden, BadRequest) as exc:
        log.info("lead %s: message not delivered to %s: %s", copy.lead_id, copy.to_chat, exc)
        manager = context.services.manager_chat_id
        if manager is not None and copy.to_chat != manager:
            note = context.services.renderer.manager_step(Say("desk.not_delivered"))
            await context.bot.send_message(
                manager, note.text, parse_mode=ParseMode.HTML,
                reply_parameters=ReplyParameters(copy.message_id),
            )  # fmt: skip


async def on_update(update: Update, context: BotContext) -> None:
    """Every message and button goes through the one conversation service."""
    incoming = to_incoming(update)
    if incoming is None:
        return
    outcome = await context.services.conversation.handle(incoming)
    await deliver(update, context, context.services.renderer.render(outcome))


async def send_reminders(context: BotContext) -> None:
    """Periodic job: send what is due; a failed send goes back to be tried again later."""
    reminders = context.services.reminders
    for due in await reminders.claim_due():
        try:
            await send(context, due.chat_id, context.services.renderer.step(due.lang, due.step))
        except Forbidden:
            log.info("reminder %s: chat %s blocked the bot", due.reminder_id, due.chat_id)
        except TelegramError:
            log.warning("reminder %s could not be sent; will retry", due.reminder_id)
            await reminders.release(due.reminder_id)


async def raise_unclaimed(context: BotContext) -> None:
    """Periodic job: leads nobody claimed in time are raised again under their card."""
    manager = context.services.manager_chat_id
    if manager is None:
        return
    for nudge in await context.services.nudges.claim_due():
        note = context.services.renderer.manager_step(nudge.step)
        reply = (
            ReplyParameters(nudge.card_message_id, allow_sending_without_reply=True)
            if nudge.card_message_id
            else None
        )
        try:
            await context.bot.send_message(
                manager, note.text, parse_mode=ParseMode.HTML, reply_parameters=reply
            )
        except TelegramError:
            log.warning("lead %s could not be raised again in the managers' chat", nudge.lead_id)


async def deliver_crm(context: BotContext) -> None:
    """Periodic job: lead events waiting in the outbox go to the CRM."""
    crm = context.services.crm
    if crm is not None:
        await crm.deliver_due()


async def set_commands(context: BotContext) -> None:
    """The command menu in each language (setMyCommands with language_code)."""
    locales = context.services.library.locales
    for lang in LANGS:
        ui = locales[lang].ui
        commands = [BotCommand(name, ui[f"cmd.{name}"]) for name in COMMANDS]
        await context.bot.set_my_commands(commands, language_code=lang)
    english = locales["en"].ui
    await context.bot.set_my_commands([BotCommand(n, english[f"cmd.{n}"]) for n in COMMANDS])


async def on_error(update: object, context: BotContext) -> None:
    """Log the failure; tell the user something went wrong rather than staying silent."""
    log.error("update failed", exc_info=context.error)
    if isinstance(update, Update) and update.effective_chat is not None:
        lang = (update.effective_user.language_code if update.effective_user else None) or "en"
        locale = (
            context.services.library.locales.get(lang[:2]) or context.services.library.locales["en"]
        )
        try:
            await context.bot.send_message(update.effective_chat.id, locale.ui["error"])
        except TelegramError:
            log.warning("could not report the failure to chat %s", update.effective_chat.id)
