"""Tests of the fake Bot API: each rule it enforces, then a real PTB bot talking to it."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest, Forbidden
from telegram.ext import (
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from tests.support.fake_bot_api import (
    ApiError,
    FakeBotApi,
    HtmlParseError,
    UploadedFile,
    load_spec,
    parse_html,
)
from tests.support.paths import API_JSON

BOT_KEY = "7000000001:fake-credential-for-tests"
CHAT = 424242
OTHER_CHAT = 515151


@pytest.fixture
async def api() -> AsyncIterator[FakeBotApi]:
    async with FakeBotApi(API_JSON) as fake:
        yield fake


@pytest.fixture
async def client(api: FakeBotApi) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=f"{api.base_url}{BOT_KEY}/", timeout=10) as http:
        yield http


async def call(client: httpx.AsyncClient, method: str, **params: Any) -> tuple[int, Any]:
    """POST the way PTB does: form-encoded, nested values JSON-encoded."""
    data = {k: v if isinstance(v, str) else json.dumps(v) for k, v in params.items()}
    response = await client.post(method, data=data)
    return response.status_code, response.json()


async def rejected(client: httpx.AsyncClient, method: str, **params: Any) -> str:
    """Send a call that must fail with 400 and return Telegram's description."""
    status, body = await call(client, method, **params)
    assert (status, body["ok"], body["error_code"]) == (400, False, 400), body
    return str(body["description"])


async def accepted(client: httpx.AsyncClient, method: str, **params: Any) -> Any:
    """Send a call that must succeed and return its result."""
    status, body = await call(client, method, **params)
    assert (status, body["ok"]) == (200, True), body
    return body["result"]


def keyboard(*buttons: dict[str, Any]) -> dict[str, Any]:
    return {"inline_keyboard": [list(buttons)]}


# ---------------------------------------------------------------------------------------------
# Methods, required fields, unknown parameters
# ---------------------------------------------------------------------------------------------


async def test_unknown_method_is_404_not_found(api: FakeBotApi, client: httpx.AsyncClient) -> None:
    status, body = await call(client, "sendMesage", chat_id=CHAT, text="typo")

    assert status == 404
    assert body == {"ok": False, "error_code": 404, "description": "Not Found"}
    assert [(c.method, c.reason) for c in api.rejections] == [("sendMesage", "Not Found")]


async def test_method_names_are_case_insensitive(
    api: FakeBotApi, client: httpx.AsyncClient
) -> None:
    me = await accepted(client, "GETME")
    await accepted(client, "sendmessage", chat_id=CHAT, text="hi")

    assert me["is_bot"] is True
    assert me["username"] == "export_desk_bot"
    assert [c.method for c in api.calls] == ["getMe", "sendMessage"]


@pytest.mark.parametrize(
    ("method", "params", "description"),
    [
        ("sendMessage", {"text": "hi"}, "Bad Request: chat_id is empty"),
        ("sendMessage", {"chat_id": CHAT}, "Bad Request: message text is empty"),
        ("sendMessage", {"chat_id": CHAT, "text": ""}, "Bad Request: message text is empty"),
        ("sendPhoto", {"chat_id": CHAT}, 'Bad Request: parameter "photo" is required'),
        ("setMyCommands", {}, 'Bad Request: parameter "commands" is required'),
        (
            "answerCallbackQuery",
            {"text": "x"},
            'Bad Request: parameter "callback_query_id" is required',
        ),
    ],
)
async def test_missing_required_field_is_rejected(
    client: httpx.AsyncClient, method: str, params: dict[str, Any], description: str
) -> None:
    assert await rejected(client, method, **params) == description


async def test_every_api_json_method_is_routed_and_checked(
    api: FakeBotApi, client: httpx.AsyncClient
) -> None:
    spec = load_spec(str(API_JSON))
    assert len(spec.methods) > 100

    for index, method in enumerate(spec.methods.values()):
        name = method.name.upper() if index % 2 else method.name
        status, body = await call(client, name)
        required = [f.name for f in method.fields.values() if f.required]
        assert status != 404, method.name
        if required:
            assert status == 400, (method.name, body)
            assert body["description"].startswith("Bad Request: "), body


async def test_unknown_parameters_are_recorded_not_rejected(
    api: FakeBotApi, client: httpx.AsyncClient
) -> None:
    await accepted(client, "sendMessage", chat_id=CHAT, text="hi", no_such_option=True)

    (sent,) = api.calls_to("sendMessage")
    assert sent.unknown_params == ["no_such_option"]
    assert sent.params["no_such_option"] == "true"
    assert sent.params["chat_id"] == CHAT  # decoded to the api.json type


@pytest.mark.parametrize(
    ("params", "description"),
    [
        (
            {"message_thread_id": "abc"},
            'Bad Request: parameter "message_thread_id" must be of type Integer',
        ),
        (
            {"reply_markup": "{not json"},
            "Bad Request: can't parse reply keyboard markup JSON object",
        ),
        ({"chat_id": "not-a-chat"}, "Bad Request: chat not found"),
        ({"parse_mode": "Markup"}, "Bad Request: unsupported parse_mode"),
    ],
)
async def test_values_of_the_wrong_type_are_rejected(
    client: httpx.AsyncClient, params: dict[str, Any], description: str
) -> None:
    assert await rejected(client, "sendMessage", **{"chat_id": CHAT, "text": "x", **params}) == (
        description
    )


async def test_json_multipart_and_query_string_are_all_understood(
    api: FakeBotApi, client: httpx.AsyncClient
) -> None:
    as_json = await client.post(
        "sendMessage",
        json={
            "chat_id": CHAT,
            "text": "json",
            "reply_markup": keyboard({"text": "a", "url": "https://e.org"}),
        },
    )
    as_query = await client.get("sendMessage", params={"chat_id": CHAT, "text": "query"})
    as_multipart = await client.post(
        "sendPhoto",
        data={"chat_id": str(CHAT), "caption": "<i>the car</i>", "parse_mode": "HTML"},
        files={"photo": ("car.jpg", b"\xff\xd8fake-jpeg", "image/jpeg")},
    )

    assert [r.status_code for r in (as_json, as_query, as_multipart)] == [200, 200, 200]
    assert as_json.json()["result"]["reply_markup"]["inline_keyboard"][0][0]["text"] == "a"
    assert as_multipart.json()["result"]["caption"] == "the car"
    photo = api.calls_to("sendPhoto")[0].params["photo"]
    assert photo == UploadedFile("car.jpg", "image/jpeg", b"\xff\xd8fake-jpeg")
    assert api.rejections == []


# ---------------------------------------------------------------------------------------------
# Message text and caption lengths (after entity parsing)
# ---------------------------------------------------------------------------------------------


async def test_text_of_4096_characters_is_accepted_and_4097_rejected(
    client: httpx.AsyncClient,
) -> None:
    message = await accepted(client, "sendMessage", chat_id=CHAT, text="x" * 4096)

    assert len(message["text"]) == 4096
    too_long = await rejected(client, "sendMessage", chat_id=CHAT, text="x" * 4097)
    assert too_long == "Bad Request: message is too long"


async def test_html_text_is_measured_after_entity_parsing(client: httpx.AsyncClient) -> None:
    html = "<b>" + "x" * 4000 + "</b>" + "&lt;" * 96  # 4391 raw characters, 4096 visible
    assert len(html) > 4096

    message = await accepted(client, "sendMessage", chat_id=CHAT, text=html, parse_mode="HTML")

    assert message["text"] == "x" * 4000 + "<" * 96
    assert message["entities"] == [{"type": "bold", "offset": 0, "length": 4000}]
    too_long = await rejected(
        client, "sendMessage", chat_id=CHAT, text=html + "!", parse_mode="HTML"
    )
    assert too_long == "Bad Request: message is too long"


async def test_markdown_markup_does_not_count_towards_the_limit(client: httpx.AsyncClient) -> None:
    await accepted(
        client, "sendMessage", chat_id=CHAT, text="*" + "x" * 4096 + "*", parse_mode="MarkdownV2"
    )

    too_long = await rejected(
        client, "sendMessage", chat_id=CHAT, text="x" * 4097, parse_mode="MarkdownV2"
    )
    assert too_long == "Bad Request: message is too long"


async def test_text_that_is_empty_after_parsing_is_rejected(client: httpx.AsyncClient) -> None:
    description = await rejected(
        client, "sendMessage", chat_id=CHAT, text="<b> </b>", parse_mode="HTML"
    )

    assert description == "Bad Request: message text is empty"


async def test_caption_is_limited_to_1024_characters(client: httpx.AsyncClient) -> None:
    await accepted(client, "sendPhoto", chat_id=CHAT, photo="file-id", caption="c" * 1024)

    description = await rejected(
        client, "sendPhoto", chat_id=CHAT, photo="file-id", caption="c" * 1025
    )
    assert description == "Bad Request: message caption is too long"


# ---------------------------------------------------------------------------------------------
# Inline keyboards
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("data", ["x" * 64, "é" * 32, "€" * 21 + "x", "a"])
async def test_callback_data_of_1_to_64_bytes_is_accepted(
    client: httpx.AsyncClient, data: str
) -> None:
    await accepted(
        client,
        "sendMessage",
        chat_id=CHAT,
        text="t",
        reply_markup=keyboard({"text": "b", "callback_data": data}),
    )


@pytest.mark.parametrize("data", ["x" * 65, "é" * 32 + "x", ""])
async def test_callback_data_outside_1_to_64_bytes_is_rejected(
    client: httpx.AsyncClient, data: str
) -> None:
    markup = keyboard({"text": "ok", "callback_data": "ok"}, {"text": "b", "callback_data": data})

    description = await rejected(client, "sendMessage", chat_id=CHAT, text="t", reply_markup=markup)

    assert description == "Bad Request: BUTTON_DATA_INVALID"


@pytest.mark.parametrize(
    ("button", "description"),
    [
        (
            {"text": "no action"},
            "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the"
            " inline keyboard",
        ),
        (
            {"callback_data": "no text"},
            "Bad Request: can't parse inline keyboard button: Can't find field \"text\"",
        ),
        (
            {"text": "two actions", "callback_data": "a", "url": "https://example.org"},
            "Bad Request: can't parse inline keyboard button: exactly one of the fields",
        ),
        (
            {"text": "wrong type", "callback_data": ["a"]},
            'Bad Request: can\'t parse inline keyboard button: Field "callback_data" must be of'
            " type String",
        ),
    ],
)
async def test_inline_buttons_need_exactly_one_action(
    client: httpx.AsyncClient, button: dict[str, Any], description: str
) -> None:
    got = await rejected(
        client, "sendMessage", chat_id=CHAT, text="t", reply_markup=keyboard(button)
    )

    assert got.startswith(description)


async def test_reply_keyboards_are_validated_too(client: httpx.AsyncClient) -> None:
    markup = {
        "keyboard": [["Yes", {"text": "Share phone", "request_contact": True}]],
        "resize_keyboard": True,
    }
    message = await accepted(client, "sendMessage", chat_id=CHAT, text="t", reply_markup=markup)

    assert "reply_markup" not in message  # Telegram only echoes inline keyboards
    description = await rejected(
        client,
        "sendMessage",
        chat_id=CHAT,
        text="t",
        reply_markup={"keyboard": [[{"request_contact": True}]]},
    )
    assert description == "Bad Request: can't parse keyboard button: Can't find field \"text\""


# ---------------------------------------------------------------------------------------------
# HTML parse mode
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("html", "error"),
    [
        ("<b>bold", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<div>block</div>", 'Unsupported start tag "div" at byte offset 0'),
        ("<br/>", 'Unsupported start tag "br/" at byte offset 0'),
        ("price < 100", 'Unsupported start tag "" at byte offset 6'),
        ("é <3 you", 'Unsupported start tag "3" at byte offset 3'),
        ("x <b", "Unclosed start tag at byte offset 2"),
        ("AT&T", 'Unescaped "&" or unsupported HTML entity at byte offset 2'),
        ("a &nbsp; b", 'Unescaped "&" or unsupported HTML entity at byte offset 2'),
        ("&amp without semicolon", 'Unescaped "&" or unsupported HTML entity at byte offset 0'),
        ("<b><i>x</b></i>", 'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("<b>x</b", "Unclosed end tag at byte offset 4"),
        ("<span>s</span>", 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
        ('<tg-emoji emoji-id="abc">x</tg-emoji>', "Invalid custom emoji identifier specified"),
        ('<a href="x"', 'Unclosed start tag "a" at byte offset 0'),
        ("<a href=x/>y</a>", "Unexpected end of name token at byte offset 8"),
        ('<a ="x">y</a>', 'Empty attribute name in the tag "a" at byte offset 0'),
        ("<b class>x</b>", 'Expected equal sign in declaration of an attribute of the tag "b"'),
    ],
)
async def test_malformed_html_is_rejected_like_telegram(
    client: httpx.AsyncClient, html: str, error: str
) -> None:
    description = await rejected(client, "sendMessage", chat_id=CHAT, text=html, parse_mode="HTML")

    assert description.startswith(f"Bad Request: can't parse entities: {error}")


async def test_html_errors_apply_to_captions_and_edits(client: httpx.AsyncClient) -> None:
    caption = await rejected(
        client, "sendPhoto", chat_id=CHAT, photo="file-id", caption="<b>x", parse_mode="HTML"
    )
    message = await accepted(client, "sendMessage", chat_id=CHAT, text="ok")
    edit = await rejected(
        client,
        "editMessageText",
        chat_id=CHAT,
        message_id=message["message_id"],
        text="1 < 2",
        parse_mode="HTML",
    )

    assert caption.startswith("Bad Request: can't parse entities: Can't find end tag")
    assert edit.startswith("Bad Request: can't parse entities: Unsupported start tag")


@pytest.mark.parametrize(
    "html",
    [
        "<b>b</b><strong>s</strong><i>i</i><em>e</em><u>u</u><ins>n</ins>",
        "<s>s</s><strike>k</strike><del>d</del><tg-spoiler>t</tg-spoiler>",
        '<span class="tg-spoiler">hidden</span> <a href="https://example.org/?a=1&amp;b=2">link</a>',
        '<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>',
        '<pre><code class="language-python">print("hi")</code></pre><code>x</code><pre>p</pre>',
        "<blockquote>q</blockquote><blockquote expandable>long</blockquote>",
        "<b>bold <i>italic <u>both</u></i></b> &lt;tag&gt; &amp; &quot;q&quot; &#39; &#x1F600;",
        "1 &gt; 0 and 2 > 1",
        "<B>upper</b> <a href='https://example.org'>single quotes</a> <b >spaced</b >",
    ],
)
async def test_valid_html_is_accepted(client: httpx.AsyncClient, html: str) -> None:
    await accepted(client, "sendMessage", chat_id=CHAT, text=html, parse_mode="HTML")


def test_html_is_parsed_into_text_and_utf16_entities() -> None:
    parsed = parse_html(
        '👍 <b>bold <i>both</i></b> <a href="https://example.org">link</a> &lt;3 '
        '<pre><code class="language-py">x = 1</code></pre> <blockquote expandable>q</blockquote>'
    )

    assert parsed.text == "👍 bold both link <3 x = 1 q"
    assert parsed.entities == [
        {"type": "bold", "offset": 3, "length": 9},
        {"type": "italic", "offset": 8, "length": 4},
        {"type": "text_link", "offset": 13, "length": 4, "url": "https://example.org"},
        {"type": "pre", "offset": 21, "length": 5, "language": "py"},
        {"type": "expandable_blockquote", "offset": 27, "length": 1},
    ]


def test_bare_ampersand_can_be_allowed_like_tdlib() -> None:
    assert parse_html("AT&T &nbsp", strict_ampersand=False).text == "AT&T &nbsp"
    with pytest.raises(HtmlParseError, match="Unescaped"):
        parse_html("AT&T")


# ---------------------------------------------------------------------------------------------
# answerCallbackQuery and setMyCommands
# ---------------------------------------------------------------------------------------------


async def test_answer_callback_query_text_is_limited_to_200_characters(
    api: FakeBotApi, client: httpx.AsyncClient
) -> None:
    await accepted(
        client,
        "sendMessage",
        chat_id=CHAT,
        text="pick",
        reply_markup=keyboard({"text": "A", "callback_data": "a"}),
    )
    update = api.push_callback(CHAT, "a")
    query_id = update["callback_query"]["id"]

    assert update["callback_query"]["message"]["text"] == "pick"
    assert (
        await accepted(client, "answerCallbackQuery", callback_query_id=query_id, text="t" * 200)
        is True
    )
    assert await accepted(client, "answerCallbackQuery", callback_query_id=query_id) is True
    too_long = await rejected(
        client, "answerCallbackQuery", callback_query_id=query_id, text="t" * 201
    )
    assert too_long == "Bad Request: MESSAGE_TOO_LONG"
    unknown = await rejected(client, "answerCallbackQuery", callback_query_id="123")
    assert unknown.startswith("Bad Request: query is too old")


async def test_push_callback_refuses_buttons_the_user_cannot_see(
    api: FakeBotApi, client: httpx.AsyncClient
) -> None:
    with pytest.raises(ValueError, match="no inline keyboard"):
        api.push_callback(CHAT, "a")
    await accepted(
        client,
        "sendMessage",
        chat_id=CHAT,
        text="pick",
        reply_markup=keyboard({"text": "A", "callback_data": "a"}),
    )

    with pytest.raises(ValueError, match="has no button 'b'"):
        api.push_callback(CHAT, "b")
    stale = api.push_callback(CHAT, "old", message_id=99)  # a message from before the test
    assert stale["callback_query"]["message"]["message_id"] == 99


def commands(count: int, **overrides: str) -> list[dict[str, str]]:
    return [
        {"command": f"cmd_{i}", "description": f"Command {i}", **overrides} for i in range(count)
    ]


async def test_set_my_commands_accepts_valid_commands(
    api: FakeBotApi, client: httpx.AsyncClient
) -> None:
    valid = [
        {"command": "c" * 32, "description": "d" * 256},
        {"command": "check_vin2", "description": "x"},
    ]

    assert await accepted(client, "setMyCommands", commands=valid) is True
    assert (
        await accepted(client, "setMyCommands", commands=commands(100), language_code="de") is True
    )
    assert await accepted(client, "getMyCommands") == valid
    assert len(await accepted(client, "getMyCommands", language_code="de")) == 100


@pytest.mark.parametrize(
    ("given", "description"),
    [
        (commands(101), "Bad Request: BOT_COMMANDS_TOO_MUCH"),
        ([], "Bad Request: commands must be non-empty"),
        (commands(1, command="Start"), "Bad Request: BOT_COMMAND_INVALID"),
        (commands(1, command="check-car"), "Bad Request: BOT_COMMAND_INVALID"),
        (commands(1, command="/start"), "Bad Request: BOT_COMMAND_INVALID"),
        (commands(1, command="c" * 33), "Bad Request: BOT_COMMAND_INVALID"),
        (commands(1, command=""), "Bad Request: BOT_COMMAND_INVALID"),
        (commands(1, description=""), "Bad Request: command description must be non-empty"),
        (
            commands(1, description="d" * 257),
            "Bad Request: command description length must not exceed 256",
        ),
        (
            [{"command": "start"}],
            "Bad Request: can't parse BotCommand: Can't find field \"description\"",
        ),
    ],
)
async def test_set_my_commands_rejects_invalid_lists(
    client: httpx.AsyncClient, given: list[dict[str, str]], description: str
) -> None:
    assert await rejected(client, "setMyCommands", commands=given) == description


async def test_command_scope_is_checked_against_its_subtypes(client: httpx.AsyncClient) -> None:
    await accepted(
        client, "setMyCommands", commands=commands(1), scope={"type": "all_private_chats"}
    )

    description = await rejected(
        client, "setMyCommands", commands=commands(1), scope={"type": "chat"}
    )
    assert (
        description == "Bad Request: can't parse BotCommandScopeChat: Can't find field \"chat_id\""
    )


# ---------------------------------------------------------------------------------------------
# Behaviour: messages, edits, getUpdates
# ---------------------------------------------------------------------------------------------


async def test_send_message_returns_a_full_message(
    api: FakeBotApi, client: httpx.AsyncClient
) -> None:
    markup = keyboard({"text": "Go", "callback_data": "go"})

    first = await accepted(
        client,
        "sendMessage",
        chat_id=CHAT,
        text="<b>Hi</b> 👋 you",
        parse_mode="HTML",
        reply_markup=markup,
    )
    second = await accepted(client, "sendMessage", chat_id=CHAT, text="again")
    elsewhere = await accepted(client, "sendMessage", chat_id=OTHER_CHAT, text="other chat")

    assert first["from"] == api.bot_user
    assert first["chat"] == {"id": CHAT, "type": "private"}
    assert isinstance(first["date"], int)
    assert first["text"] == "Hi 👋 you"
    assert first["entities"] == [{"type": "bold", "offset": 0, "length": 2}]
    assert first["reply_markup"] == markup
    assert [first["message_id"], second["message_id"], elsewhere["message_id"]] == [1, 2, 1]


async def test_edit_message_text_returns_the_edited_message(
    api: FakeBotApi, client: httpx.AsyncClient
) -> None:
    sent = await accepted(
        client,
        "sendMessage",
        chat_id=CHAT,
        text="Pick",
        reply_markup=keyboard({"text": "A", "callback_data": "a"}),
    )
    ids = {"chat_id": CHAT, "message_id": sent["message_id"]}

    edited = await accepted(client, "editMessageText", **ids, text="<i>Done</i>", parse_mode="HTML")

    assert edited["message_id"] == sent["message_id"]
    assert edited["text"] == "Done"
    assert "reply_markup" not in edited  # omitting reply_markup removes the keyboard
    assert "edit_date" in edited
    not_modified = await rejected(
        client, "editMessageText", **ids, text="<i>Done</i>", parse_mode="HTML"
    )
    assert not_modified.startswith("Bad Request: message is not modified")
    missing = await rejected(client, "editMessageText", chat_id=CHAT, message_id=77, text="x")
    assert missing == "Bad Request: message to edit not found"
    users_message = api.push_message(CHAT, "mine")["message"]["message_id"]
    not_ours = await rejected(
        client, "editMessageText", chat_id=CHAT, message_id=users_message, text="x"
    )
    assert not_ours == "Bad Request: message can't be edited"
    transcript = api.sent_messages(CHAT)
    assert [(m.method, m.text, m.callback_data) for m in transcript] == [
        ("sendMessage", "Pick", ["a"]),
        ("editMessageText", "Done", []),
    ]


async def test_unhandled_methods_return_true_or_a_plausible_object(
    client: httpx.AsyncClient,
) -> None:
    assert await accepted(client, "deleteWebhook", drop_pending_updates=True) is True
    assert await accepted(client, "sendChatAction", chat_id=CHAT, action="typing") is True
    chat = await accepted(client, "getChat", chat_id=CHAT)
    assert (chat["id"], chat["type"]) == (CHAT, "private")


async def test_get_updates_honours_offset_and_limit(
    api: FakeBotApi, client: httpx.AsyncClient
) -> None:
    ids = [api.push_message(CHAT, f"m{i}")["update_id"] for i in range(3)]

    assert [u["update_id"] for u in await accepted(client, "getUpdates", limit=2)] == ids[:2]
    assert len(await accepted(client, "getUpdates")) == 3  # nothing confirmed yet
    assert [u["update_id"] for u in await accepted(client, "getUpdates", offset=ids[1] + 1)] == ids[
        2:
    ]
    assert [u["update_id"] for u in api.pending_updates] == ids[2:]  # confirmed ones are dropped
    later = [api.push_message(CHAT, f"n{i}")["update_id"] for i in range(2)]
    assert [u["update_id"] for u in await accepted(client, "getUpdates", offset=-1)] == later[-1:]
    assert [u["update_id"] for u in api.pending_updates] == later[-1:]


async def test_pushed_messages_look_like_real_updates(
    api: FakeBotApi, client: httpx.AsyncClient
) -> None:
    api.push_message(
        CHAT, "/start@export_desk_bot deep", language_code="zh", user={"first_name": "Li"}
    )

    (update,) = await accepted(client, "getUpdates")
    message = update["message"]
    assert message["chat"] == {
        "id": CHAT,
        "type": "private",
        "first_name": "Li",
        "last_name": "User",
        "username": f"user{CHAT}",
    }
    assert message["from"]["language_code"] == "zh"
    assert message["entities"] == [{"type": "bot_command", "offset": 0, "length": 22}]
    parsed = Update.de_json(update, None)
    assert parsed.effective_message is not None
    assert parsed.effective_message.text == "/start@export_desk_bot deep"


async def test_long_poll_returns_as_soon_as_an_update_arrives(
    api: FakeBotApi, client: httpx.AsyncClient
) -> None:
    loop = asyncio.get_running_loop()
    started = loop.time()
    poll = asyncio.create_task(call(client, "getUpdates", timeout=30))
    await api.wait_for(lambda: api.waiting_polls == 1, timeout=5)

    api.push_message(CHAT, "wake up")
    status, body = await asyncio.wait_for(poll, timeout=5)

    assert status == 200
    assert [u["message"]["text"] for u in body["result"]] == ["wake up"]
    assert loop.time() - started < 5


async def test_long_poll_waits_for_the_timeout_when_idle(client: httpx.AsyncClient) -> None:
    loop = asyncio.get_running_loop()
    started = loop.time()

    assert await accepted(client, "getUpdates", timeout=1) == []
    assert 0.9 <= loop.time() - started < 3


async def test_allowed_updates_filter_what_is_delivered(
    api: FakeBotApi, client: httpx.AsyncClient
) -> None:
    api.push_callback(CHAT, "stale", message_id=5)
    api.push_message(CHAT, "text")

    (update,) = await accepted(client, "getUpdates", allowed_updates=["message"])

    assert update["message"]["text"] == "text"
    assert [set(u) - {"update_id"} for u in api.dropped_updates] == [{"callback_query"}]


async def test_get_updates_conflicts_with_an_active_webhook(client: httpx.AsyncClient) -> None:
    await accepted(client, "setWebhook", url="https://example.org/hook")

    status, body = await call(client, "getUpdates")
    assert status == 409
    assert body["description"].startswith("Conflict: can't use getUpdates method while webhook")


async def test_overrides_fake_errors_after_validation(
    api: FakeBotApi, client: httpx.AsyncClient
) -> None:
    def blocked(params: dict[str, Any]) -> Any:
        raise ApiError(403, "Forbidden: bot was blocked by the user")

    api.on("sendMessage", blocked)
    status, body = await call(client, "sendMessage", chat_id=CHAT, text="hi")
    invalid = await rejected(client, "sendMessage", chat_id=CHAT, text="x" * 5000)

    assert (status, body["description"]) == (403, "Forbidden: bot was blocked by the user")
    assert invalid == "Bad Request: message is too long"


async def test_a_bug_in_an_override_is_reported_as_a_rejection(
    api: FakeBotApi, client: httpx.AsyncClient
) -> None:
    api.on("getMe", lambda params: params["missing"])

    status, body = await call(client, "getMe")

    assert status == 500
    assert [c.reason for c in api.rejections] == [body["description"]]
    assert "KeyError" in body["description"]


async def test_empty_optional_values_count_as_absent(client: httpx.AsyncClient) -> None:
    message = await accepted(client, "sendMessage", chat_id=CHAT, text="x", message_thread_id="")

    assert message["text"] == "x"


async def test_nested_text_with_a_parse_mode_is_measured_after_parsing(
    api: FakeBotApi, client: httpx.AsyncClient
) -> None:
    api.push_update(
        {
            "inline_query": {
                "id": "q1",
                "from": {"id": CHAT, "is_bot": False, "first_name": "T"},
                "query": "",
                "offset": "",
            }
        }
    )
    article = {
        "type": "article",
        "id": "a1",
        "title": "Result",
        "input_message_content": {
            "message_text": "<b>" + "x" * 4096 + "</b>",
            "parse_mode": "HTML",
        },
    }
    await accepted(client, "answerInlineQuery", inline_query_id="q1", results=[article])

    article["input_message_content"] = {"message_text": "<b>x"}
    article["input_message_content"]["parse_mode"] = "HTML"
    description = await rejected(
        client, "answerInlineQuery", inline_query_id="q1", results=[article]
    )
    assert description.startswith("Bad Request: can't parse entities")


async def test_wrong_token_is_unauthorized() -> None:
    async with FakeBotApi(API_JSON, token=BOT_KEY) as fake, httpx.AsyncClient() as http:
        response = await http.post(f"{fake.base_url}123:other/getMe")

    assert response.status_code == 401
    assert response.json() == {"ok": False, "error_code": 401, "description": "Unauthorized"}


async def test_wait_for_call_fails_fast_with_the_rejections(
    api: FakeBotApi, client: httpx.AsyncClient
) -> None:
    await call(client, "sendMessage", chat_id=CHAT)

    with pytest.raises(TimeoutError, match="message text is empty"):
        await api.wait_for_call("editMessageText", timeout=0.05)


# ---------------------------------------------------------------------------------------------
# A real PTB bot against the fake
# ---------------------------------------------------------------------------------------------


async def test_real_ptb_application_converses_through_the_fake(api: FakeBotApi) -> None:
    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text(f"echo: {update.effective_message.text}")

    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        button = InlineKeyboardButton("Check a car", callback_data="check:start")
        await update.effective_message.reply_html(
            "<b>Welcome</b> &lt;3", reply_markup=InlineKeyboardMarkup([[button]])
        )

    async def pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None
        await query.answer("OK")
        await query.edit_message_text(f"You chose {query.data}")

    application = (
        ApplicationBuilder()
        .token(BOT_KEY)
        .base_url(api.base_url)
        .base_file_url(api.base_file_url)
        .build()
    )
    application.add_handler(CommandHandler("start", start))
    application.add_handler(CallbackQueryHandler(pressed))
    application.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))

    async with application:
        await application.start()
        assert application.updater is not None
        await application.updater.start_polling(poll_interval=0, timeout=1)
        api.push_message(CHAT, "hello")
        await api.wait_for_call("sendMessage", count=1)
        api.push_message(CHAT, "/start")
        await api.wait_for_call("sendMessage", count=2)
        api.push_callback(CHAT, "check:start")
        await api.wait_for_call("editMessageText")
        await application.updater.stop()
        await application.stop()

    transcript = api.sent_messages(CHAT)
    assert [m.text for m in transcript] == ["echo: hello", "Welcome <3", "You chose check:start"]
    assert transcript[1].callback_data == ["check:start"]
    assert api.calls_to("answerCallbackQuery")[0].params["text"] == "OK"
    assert api.pending_updates == []  # PTB's final getUpdates confirmed everything
    assert api.rejections == []


async def test_ptb_bot_raises_bad_request_for_what_telegram_rejects(api: FakeBotApi) -> None:
    async with Bot(BOT_KEY, base_url=api.base_url, base_file_url=api.base_file_url) as bot:
        sent = await bot.send_message(CHAT, "x" * 4096)
        with pytest.raises(BadRequest, match=r"(?i)message is too long"):
            await bot.send_message(CHAT, "x" * 4097)
        with pytest.raises(BadRequest, match=r"(?i)can't parse entities"):
            await bot.send_message(CHAT, "<b>unclosed", parse_mode="HTML")

    assert len(sent.text or "") == 4096
    assert [c.reason for c in api.rejections] == [
        "Bad Request: message is too long",
        "Bad Request: can't parse entities: Can't find end tag corresponding to start tag \"b\"",
    ]


async def test_ptb_sees_faked_errors_as_its_own_exceptions(api: FakeBotApi) -> None:
    def blocked(params: dict[str, Any]) -> Any:
        raise ApiError(403, "Forbidden: bot was blocked by the user")

    api.on("sendMessage", blocked)
    async with Bot(BOT_KEY, base_url=api.base_url) as bot:
        with pytest.raises(Forbidden, match="blocked"):
            await bot.send_message(CHAT, "hi")
