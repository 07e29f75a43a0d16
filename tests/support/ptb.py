"""Running a real PTB Application against the fake Bot API, for tests and the bot benchmark."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from telegram.ext import Application

App = Application[Any, Any, Any, Any, Any, Any]


@asynccontextmanager
async def polling(application: App, allowed_updates: list[str] | None = None) -> AsyncIterator[App]:
    """Initialise, run post_init, start polling at once; stop cleanly afterwards."""
    async with application:
        if application.post_init is not None:
            await application.post_init(application)
        await application.start()
        assert application.updater is not None
        await application.updater.start_polling(
            poll_interval=0, timeout=1, allowed_updates=allowed_updates
        )
        try:
            yield application
        finally:
            await application.updater.stop()
            await application.stop()
