"""Through Telegram (real PTB on the fake Bot API): photos, stickers and edits get an answer."""

from __future__ import annotations

import time
from typing import Any

from bot.services.library import Library
from tests.chatter import Clock, plain
from tests.support.fake_bot_api import FakeBotApi
from tests.test_telegram import User, fake_api, running_bot

CHAT = 557001


def message(api: FakeBotApi, message_id: int, **content: Any) -> dict[str, Any]:
    """A user's message as Telegram delivers it, with whatever content it holds."""
    sender = {"id": CHAT, "is_bot": False, "first_name": "Test", "language_code": "en"}
    chat = {"id": CHAT, "type": "private", "first_name": "Test"}
    return {
        "message_id": message_id,
        "from": sender,
        "chat": chat,
        "date": int(time.time()),
        **content,
    }


PHOTO = {"photo": [{"file_id": "p1", "file_unique_id": "u1", "width": 90, "height": 90}]}
STICKER = {
    "sticker": {
        "file_id": "s1", "file_unique_id": "u2", "type": "regular", "width": 512, "height": 512,
        "is_animated": False, "is_video": False,
    }
}  # fmt: skip


async def test_a_photo_a_sticker_and_an_edit_each_get_their_reply(
    database: str, library: Library, clock: Clock
) -> None:
    ui = {k: plain(v) for k, v in library.locales["en"].ui.items()}
    async with fake_api() as api, running_bot(api, database, library, clock):
        user = User(api, chat_id=CHAT)
        await user.send("/start", ui["choose_language"])
        await user.press("English", ui["choose_role"])
        await user.press("Buyer abroad", ui["menu"])
        await user.press("Check a car", "VIN")
        for content, key in ((PHOTO, "media.photo"), (STICKER, "media.sticker")):
            before = len(user.messages())
            api.push_update({"message": message(api, 900 + len(key), **content)})
            await api.wait_for(
                lambda b=before, k=key: any(ui[k] in (m.text or "") for m in user.messages()[b:])
            )
        await user.press("Skip", "What kind of vehicle")
        await user.press("Passenger", "What drives it")
        await user.press("Petrol", "registered in China")
        await user.press("Yes", "initial registration date")
        typed = api.push_message(CHAT, "2025-01-10")["message"]
        await api.wait_for(lambda: "export licence" in (user.messages()[-1].text or ""))
        before = len(user.messages())
        edited = {**typed, "text": "2025-02-10", "edit_date": int(time.time())}
        api.push_update({"edited_message": edited})
        await api.wait_for(
            lambda: any(ui["edit_applied"] in (m.text or "") for m in user.messages()[before:])
        )
        assert api.rejections == []
