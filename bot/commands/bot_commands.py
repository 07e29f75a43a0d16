"""`exportdesk run`, `chat`, `db upgrade` and `leads export`: the bot and its database."""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import logging
from typing import TextIO

from pydantic import ValidationError

from bot.commands.common import CommandError
from bot.config import Settings
from knowledge.schema import LANGS

# The bot's own parts (PTB, SQLAlchemy, the knowledge base) are imported inside the commands
# that use them, so `exportdesk check` starts without loading them.

LEAD_FIELDS = (
    "id", "created_at", "updated_at", "status", "owner_id", "owner_name", "chat_id", "user_id",
    "username", "lang", "role", "campaign", "verdict", "open_items", "vehicle",
)  # fmt: skip


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register run, chat, db and leads."""
    run_parser = sub.add_parser("run", help="the Telegram bot (long polling, or --webhook)")
    run_parser.add_argument("--webhook", action="store_true", help="serve a webhook instead")
    run_parser.add_argument("--host", default="0.0.0.0")  # noqa: S104 - a server's listen address
    run_parser.add_argument("--port", type=int, default=8080)
    run_parser.set_defaults(run=run_bot)
    chat = sub.add_parser("chat", help="the same conversation in the terminal, no token needed")
    chat.add_argument("--lang", choices=LANGS, default="en")
    chat.add_argument("--chat-id", type=int, default=1, help="which stored conversation to use")
    chat.set_defaults(run=run_chat)
    db = sub.add_parser("db", help="database maintenance")
    db_sub = db.add_subparsers(dest="db_command", required=True)
    db_sub.add_parser("upgrade", help="apply migrations").set_defaults(run=run_upgrade)
    leads = sub.add_parser("leads", help="leads handed to managers")
    leads_sub = leads.add_subparsers(dest="leads_command", required=True)
    export = leads_sub.add_parser("export", help="print every lead")
    export.add_argument("--format", choices=("csv", "jsonl"), default="csv")
    export.set_defaults(run=run_export)


def settings() -> Settings:
    """Settings from the environment; a bad value is one clear line, not a traceback."""
    try:
        return Settings()
    except ValidationError as exc:
        first = exc.errors()[0]
        raise CommandError(
            "bad_setting", field=str(first["loc"][0]).upper(), detail=first["msg"]
        ) from exc


def run_bot(args: argparse.Namespace, stdin: TextIO, stdout: TextIO) -> int:
    """Serve Telegram until stopped."""
    config = settings()
    if config.telegram_bot_token is None:
        raise CommandError("no_token")
    from bot.app import allowed_updates, build_application, wire  # noqa: PLC0415

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    application = build_application(config, wire(config))
    if args.webhook:
        if not config.webhook_url:
            raise CommandError("no_webhook_url")
        secret = config.webhook_secret.get_secret_value() if config.webhook_secret else None
        application.run_webhook(
            listen=args.host,
            port=args.port,
            webhook_url=config.webhook_url,
            secret_token=secret,
            allowed_updates=allowed_updates(),
        )
    else:
        application.run_polling(allowed_updates=allowed_updates())
    return 0


def run_chat(args: argparse.Namespace, stdin: TextIO, stdout: TextIO) -> int:
    """The conversation in the terminal, on the same services and database."""
    config = settings()
    from bot.app import wire  # noqa: PLC0415
    from handlers.terminal import converse  # noqa: PLC0415

    async def main() -> None:
        wiring = wire(config)
        try:
            await converse(wiring.services.conversation, stdin, stdout, args.chat_id, args.lang)
        finally:
            await wiring.engine.dispose()

    # Not asyncio.run: its SIGINT handler waits for the blocking read, so Ctrl-C would only
    # work the second time, with a traceback. Here Ctrl-C interrupts the read at once.
    loop = asyncio.new_event_loop()
    try:
        loop.run_until_complete(main())
    except KeyboardInterrupt:  # pressed while a turn was being handled, not while reading
        stdout.write("\n")
        return 130
    finally:
        loop.close()
    return 0


def run_upgrade(args: argparse.Namespace, stdin: TextIO, stdout: TextIO) -> int:
    """Apply migrations to DATABASE_URL."""
    from bot.storage.database import upgrade  # noqa: PLC0415

    upgrade(settings().database_url)
    stdout.write("database is up to date\n")
    return 0


def run_export(args: argparse.Namespace, stdin: TextIO, stdout: TextIO) -> int:
    """Print leads as CSV or JSON lines."""
    config = settings()
    from bot.storage.database import make_engine, session_factory, upgrade  # noqa: PLC0415
    from bot.storage.repository import Repository  # noqa: PLC0415

    async def main() -> None:
        upgrade(config.database_url)  # only the database is needed, not the knowledge base
        engine = make_engine(config.database_url)
        async with session_factory(engine)() as session:
            leads = await Repository(session).leads()
        await engine.dispose()
        rows = [
            {
                "id": lead.id,
                "created_at": lead.created_at.isoformat(),
                "updated_at": lead.updated_at.isoformat() if lead.updated_at else None,
                "status": lead.status,
                "owner_id": lead.owner_id,
                "owner_name": lead.owner_name,
                "chat_id": lead.chat_id,
                "user_id": lead.user_id,
                "username": lead.username,
                "lang": lead.lang,
                "role": lead.role,
                "campaign": lead.campaign,
                "verdict": lead.verdict,
                "open_items": ",".join(lead.open_items or ()),
                "vehicle": json.dumps(lead.vehicle, ensure_ascii=False, sort_keys=True),
            }
            for lead in leads
        ]
        if args.format == "jsonl":
            for row in rows:
                stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
            return
        writer = csv.DictWriter(stdout, fieldnames=LEAD_FIELDS)
        writer.writeheader()
        writer.writerows(rows)

    asyncio.run(main())
    return 0
