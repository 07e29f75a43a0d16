"""Our bot against a bare python-telegram-bot echo bot, in the same run, on the local fake API.

Both run as real PTB Applications polling tests/support/fake_bot_api.FakeBotApi on 127.0.0.1.
Each of N users sends one message at a time and waits for the answer; the report gives
messages per second and latency for both bots, and the ratio.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from pydantic import SecretStr
from telegram import Update
from telegram.ext import ApplicationBuilder, ContextTypes, MessageHandler, filters

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.app import allowed_updates, build_application, wire
from bot.config import Settings
from tests.support.fake_bot_api import FakeBotApi
from tests.support.paths import API_JSON
from tests.support.ptb import App, polling

TOKEN = "123456789:BENCH"  # noqa: S105 - the fake server's token, not a secret
MESSAGES = [
    "registered 2025-10-01, can I export in March?",
    "what is the 180 day rule",
    "10月1日上牌 3月能出口吗",
    "нужно ли письмо от завода если машине 2 месяца",
]


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The baseline: reply with the same text."""
    if update.message and update.message.text:
        await update.message.reply_text(update.message.text)


async def drive(api: FakeBotApi, users: int, rounds: int) -> tuple[float, list[float]]:
    """Every user sends `rounds` messages, one at a time; returns wall time and latencies."""
    latencies: list[float] = []

    async def user(chat_id: int) -> None:
        for number in range(rounds):
            before = len(api.sent_messages(chat_id))
            started = time.perf_counter()
            api.push_message(chat_id, MESSAGES[number % len(MESSAGES)])

            def answered(seen: int = before) -> bool:
                return len(api.sent_messages(chat_id)) > seen

            await api.wait_for(answered, timeout=30)
            latencies.append((time.perf_counter() - started) * 1000)

    started = time.perf_counter()
    await asyncio.gather(*(user(700000 + i) for i in range(users)))
    return time.perf_counter() - started, latencies


async def measure(
    make: Callable[[FakeBotApi], App], users: int, rounds: int
) -> tuple[float, list[float]]:
    """Run one bot against a fresh fake server."""
    async with FakeBotApi(API_JSON, token=TOKEN) as api, polling(make(api), allowed_updates()):
        await drive(api, 2, 1)  # warm up
        return await drive(api, users, rounds)


def report(name: str, users: int, rounds: int, wall: float, latencies: list[float]) -> float:
    """Print one bot's line; return its messages per second."""
    rate = users * rounds / wall
    p95 = statistics.quantiles(latencies, n=20)[18]
    print(
        f"{name:12s} {rate:8.1f} msg/s   latency median {statistics.median(latencies):6.1f} ms"
        f"   p95 {p95:6.1f} ms"
    )
    return rate


async def main() -> None:
    """Measure both bots and print the ratio."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        database = f"sqlite:///{folder}/bench.db"

        def ours(api: FakeBotApi) -> App:
            settings = Settings(
                telegram_bot_token=SecretStr(TOKEN),
                telegram_api_base_url=api.base_url,
                database_url=database,
            )
            return build_application(settings, wire(settings))

        def baseline(api: FakeBotApi) -> App:
            application = ApplicationBuilder().token(TOKEN).base_url(api.base_url).build()
            application.add_handler(MessageHandler(filters.TEXT, echo))
            return application

        echo_wall, echo_lat = await measure(baseline, args.users, args.rounds)
        our_wall, our_lat = await measure(ours, args.users, args.rounds)
    print(f"{args.users} users x {args.rounds} messages each, one at a time per user")
    echo_rate = report("echo bot", args.users, args.rounds, echo_wall, echo_lat)
    our_rate = report("Export Desk", args.users, args.rounds, our_wall, our_lat)
    print(f"ratio (Export Desk / echo): {our_rate / echo_rate:.2f} of the echo bot's throughput")


if __name__ == "__main__":
    asyncio.run(main())
