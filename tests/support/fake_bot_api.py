"""Fake Telegram Bot API server: a real PTB bot runs offline; calls Telegram would reject fail."""

from __future__ import annotations

import asyncio
import functools
import inspect
import json
import re
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any, Self, cast

from aiohttp import web

__all__ = [
    "ApiError",
    "ApiSpec",
    "FakeBotApi",
    "FieldSpec",
    "HtmlParseError",
    "MethodSpec",
    "ParsedText",
    "RecordedCall",
    "SentMessage",
    "TypeSpec",
    "UploadedFile",
    "load_spec",
    "parse_html",
    "utf16_len",
]

JsonDict = dict[str, Any]
Override = Callable[[JsonDict], Any]

# ---------------------------------------------------------------------------------------------
# Constants: the few prose rules api.json cannot express as data, in Telegram's own wording.
# ---------------------------------------------------------------------------------------------

_SPACES = frozenset(" \t\r\n\v\f\0")
_SCALARS = frozenset({"String", "Integer", "Float", "Boolean", "True", "InputFile"})
_PARSE_MODES = frozenset({"html", "markdown", "markdownv2"})
_INT_RE = re.compile(r"[+-]?\d+")
_FLOAT_RE = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
_LIMIT_RE = re.compile(r"(\d+)-(\d+) (characters|bytes)")
_DISCRIMINATOR_RE = re.compile(r'always "([^"]+)"|must be ([a-z_]+)')
_QUOTED_OPTION_RE = re.compile(r'[“"]([a-z_]+)[”"]')
_BOT_COMMAND_RE = re.compile(r"[a-z0-9_]{1,32}")
_COMMAND_ENTITY_RE = re.compile(r"/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?")
_ENTITY_RE = re.compile(r"&(?:#x([0-9a-fA-F]*)|#([0-9]*)|([A-Za-z]*))(;?)")
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_URL_RE = re.compile(r"(?i)(?:(?:https?|tg|ton|tonsite)://\S+|[\w-]+(?:\.[\w-]+)+(?:[/?#:]\S*)?)")
_TG_USER_RE = re.compile(r"tg://user\?id=(\d+)")
_ONE_OF_OTHER_RE = re.compile(r"(Exactly|At most) one of the fields other than (.+?) must be used")
_ONE_OF_PAIR_RE = re.compile(r"Exactly one of the fields (\w+) or (\w+) must be used")
_ONE_OF_OPTIONAL_RE = re.compile(r"(?i)must use exactly one of the optional fields")
_HTML_TAGS = frozenset(
    {
        "a", "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler",
        "tg-emoji", "code", "pre", "blockquote", "tg-time",
    }
)  # fmt: skip
_SIMPLE_HTML_ENTITIES = {
    "b": "bold", "strong": "bold", "i": "italic", "em": "italic", "u": "underline",
    "ins": "underline", "s": "strikethrough", "strike": "strikethrough", "del": "strikethrough",
    "tg-spoiler": "spoiler", "span": "spoiler",
}  # fmt: skip
_TYPE_LABELS = {
    "InlineKeyboardButton": "inline keyboard button",
    "KeyboardButton": "keyboard button",
    "InlineKeyboardMarkup": "inline keyboard",
    "ReplyKeyboardMarkup": "reply keyboard",
}
_EDIT_NOT_FOUND = "Bad Request: message to edit not found"
_NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are"
    " exactly the same as a current content and reply markup of the message"
)
_QUERY_INVALID = "Bad Request: query is too old and response timeout expired or query ID is invalid"
_WEBHOOK_ACTIVE = (
    "Conflict: can't use getUpdates method while webhook is active;"
    " use deleteWebhook to delete the webhook first"
)
_TRANSCRIPT_METHODS = frozenset(
    {"sendMessage", "editMessageText", "editMessageReplyMarkup", "editMessageCaption"}
)


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, because Telegram entity offsets are measured that way."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


# ---------------------------------------------------------------------------------------------
# Errors and records
# ---------------------------------------------------------------------------------------------


class ApiError(Exception):
    """A Telegram-shaped failure, raised by validators and by test overrides to fake errors."""

    def __init__(
        self, status: int, description: str, parameters: Mapping[str, Any] | None = None
    ) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = dict(parameters) if parameters else None

    def payload(self) -> JsonDict:
        """The JSON body Telegram sends for this error."""
        body: JsonDict = {"ok": False, "error_code": self.status, "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return body


class HtmlParseError(ValueError):
    """HTML that Telegram refuses; the message is tdlib's wording without the API prefix."""


class _MismatchError(Exception):
    """A value that does not have one of the expected api.json types (lets unions try the next)."""


@dataclass(frozen=True)
class UploadedFile:
    """A multipart file part, kept so tests can inspect what the bot uploaded."""

    filename: str
    content_type: str
    data: bytes


@dataclass(frozen=True)
class ParsedText:
    """Text as the user sees it after entity parsing, which is what Telegram's limits count."""

    text: str
    entities: list[JsonDict]


@dataclass
class RecordedCall:
    """One request the bot made, so tests can assert on what reached 'Telegram'."""

    method: str
    params: JsonDict
    response: JsonDict | None
    status: int | None
    unknown_params: list[str] = field(default_factory=list)
    files: dict[str, UploadedFile] = field(default_factory=dict)
    http_method: str = "POST"
    timestamp: float = field(default_factory=time.time)

    @property
    def ok(self) -> bool:
        """True when Telegram would have accepted the call."""
        return self.status == 200

    @property
    def rejected(self) -> bool:
        """True when the call got an error answer (abandoned long polls are not rejections)."""
        return self.status is not None and self.status != 200

    @property
    def reason(self) -> str | None:
        """The error description of a rejected call."""
        if self.response is None or self.response.get("ok", True):
            return None
        return str(self.response.get("description"))

    @property
    def result(self) -> Any:
        """The 'result' of a successful call."""
        return None if self.response is None else self.response.get("result")


@dataclass(frozen=True)
class SentMessage:
    """A bot message as the user would see it, so tests assert on content, not raw calls."""

    method: str
    chat_id: int
    message_id: int | None
    text: str | None
    raw_text: str | None
    parse_mode: str | None
    reply_markup: JsonDict | None

    @property
    def buttons(self) -> list[list[str]]:
        """Button labels of the inline keyboard, row by row."""
        rows = (self.reply_markup or {}).get("inline_keyboard") or []
        return [[str(button.get("text")) for button in row] for row in rows]

    @property
    def callback_data(self) -> list[str]:
        """Every callback_data of the inline keyboard, in reading order."""
        rows = (self.reply_markup or {}).get("inline_keyboard") or []
        return [str(b["callback_data"]) for row in rows for b in row if "callback_data" in b]


# ---------------------------------------------------------------------------------------------
# api.json
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldSpec:
    """One parameter or object field from api.json, so checks come from the official data."""

    name: str
    types: tuple[str, ...]
    required: bool
    description: str

    @property
    def limit(self) -> tuple[int, int, str] | None:
        """The 'N-M characters/bytes' range stated in the field's description, if any."""
        match = _LIMIT_RE.search(self.description)
        if match is None or "String" not in self.types:
            return None
        return int(match[1]), int(match[2]), match[3]

    @property
    def counts_after_parsing(self) -> bool:
        """Whether the limit applies to the text after entity parsing (message text, captions)."""
        return "after entit" in self.description


@dataclass(frozen=True)
class TypeSpec:
    """One api.json type, so nested objects (keyboards, commands) are checked like parameters."""

    name: str
    fields: Mapping[str, FieldSpec]
    subtypes: tuple[str, ...]
    description: str

    @property
    def accepts_string(self) -> bool:
        """Types such as KeyboardButton that may be given as a plain string."""
        return "String can be used instead of this object" in self.description

    @property
    def one_of(self) -> tuple[str, frozenset[str]] | None:
        """The 'exactly/at most one of the fields' rule stated in the description, if any."""
        text = self.description
        if match := _ONE_OF_OTHER_RE.search(text):
            excluded = set(re.findall(r"[a-z_]+", match[2]))
            names = frozenset(n for n in self.fields if n not in excluded)
            return match[1].lower().replace(" ", "_"), names
        if match := _ONE_OF_PAIR_RE.search(text):
            return "exactly", frozenset({match[1], match[2]})
        if _ONE_OF_OPTIONAL_RE.search(text):
            return "exactly", frozenset(n for n, f in self.fields.items() if not f.required)
        return None


@dataclass(frozen=True)
class MethodSpec:
    """One api.json method: its canonical name, parameters and return types."""

    name: str
    fields: Mapping[str, FieldSpec]
    returns: tuple[str, ...]


def _fields(raw: Sequence[Mapping[str, Any]]) -> dict[str, FieldSpec]:
    return {
        str(f["name"]): FieldSpec(
            name=str(f["name"]),
            types=tuple(str(t) for t in f.get("types", [])),
            required=bool(f.get("required", False)),
            description=str(f.get("description", "")),
        )
        for f in raw
    }


class ApiSpec:
    """api.json loaded once, so method names, required fields and types are never hand-written."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.version = str(data.get("version", ""))
        self.methods: dict[str, MethodSpec] = {}
        for name, raw in data["methods"].items():
            self.methods[str(name).lower()] = MethodSpec(
                name=str(name),
                fields=_fields(raw.get("fields", [])),
                returns=tuple(str(r) for r in raw.get("returns", [])),
            )
        self.types: dict[str, TypeSpec] = {
            str(name): TypeSpec(
                name=str(name),
                fields=_fields(raw.get("fields", [])),
                subtypes=tuple(str(s) for s in raw.get("subtypes") or []),
                description=" ".join(raw.get("description", [])),
            )
            for name, raw in data["types"].items()
        }

    def method(self, name: str) -> MethodSpec | None:
        """Look a method up case-insensitively, as Telegram does."""
        return self.methods.get(name.lower())

    @functools.cached_property
    def update_types(self) -> tuple[str, ...]:
        """Every optional field of Update, i.e. every update type."""
        return tuple(n for n in self.types["Update"].fields if n != "update_id")

    @functools.cached_property
    def default_hidden_updates(self) -> frozenset[str]:
        """Update types not delivered unless asked for (parsed from getUpdates' description)."""
        spec = self.method("getUpdates")
        allowed = spec.fields.get("allowed_updates") if spec else None
        match = re.search(r"except ([^.(]+)", allowed.description if allowed else "")
        if match is None:
            return frozenset()
        return frozenset(n for n in re.findall(r"[a-z_]+", match[1]) if n in self.update_types)

    def discriminator(self, type_name: str) -> tuple[str, dict[str, str]] | None:
        """The field ('type', 'status', ...) and value-to-subtype map of a union type."""
        spec = self.types.get(type_name)
        if spec is None or not spec.subtypes:
            return None
        key_name: str | None = None
        mapping: dict[str, str] = {}
        for sub in spec.subtypes:
            sub_spec = self.types.get(sub)
            first = next(iter(sub_spec.fields.values()), None) if sub_spec else None
            match = _DISCRIMINATOR_RE.search(first.description) if first else None
            if first is None or match is None or key_name not in (None, first.name):
                return None
            key_name = first.name
            mapping[match[1] or match[2]] = sub
        return (key_name, mapping) if key_name else None


@functools.lru_cache(maxsize=4)
def load_spec(path: str) -> ApiSpec:
    """Parse api.json once per process; it is large and never changes during a run."""
    return ApiSpec(json.loads(Path(path).read_text(encoding="utf-8")))


# ---------------------------------------------------------------------------------------------
# HTML parse mode
# ---------------------------------------------------------------------------------------------


@dataclass
class _OpenTag:
    name: str
    attributes: dict[str, str]
    utf16_start: int
    out_index: int


def _decode_entity(text: str, pos: int, *, strict: bool) -> tuple[str | None, int]:
    """Decode the HTML entity at pos like tdlib; strict mode also demands the ';'."""
    match = _ENTITY_RE.match(text, pos)
    if match is None:  # pragma: no cover - the pattern always matches at '&'
        return None, pos + 1
    if match[1] is not None or match[2] is not None:
        digits = match[1] if match[1] is not None else match[2]
        end = match.end(1) if match[1] is not None else match.end(2)
        code = int(digits, 16 if match[1] is not None else 10) if digits else 0
        char = chr(code) if 0 < code < 0x10FFFF and end - pos < 10 else None
    else:
        char = _NAMED_ENTITIES.get(match[3])
    if char is None or (strict and not match[4]):
        return None, pos + 1
    return char, match.end()


class _HtmlParser:
    """A tdlib-style single pass, so error wording and byte offsets match Telegram's."""

    def __init__(self, text: str, *, strict_ampersand: bool) -> None:
        self.text = text
        self.strict = strict_ampersand
        self.pos = 0
        self.out: list[str] = []
        self.utf16 = 0
        self.entities: list[JsonDict] = []
        self.stack: list[_OpenTag] = []

    def offset(self, index: int) -> int:
        """UTF-8 byte offset of a character index, as tdlib reports positions."""
        return len(self.text[:index].encode("utf-8", "surrogatepass"))

    def emit(self, chunk: str) -> None:
        """Append visible text."""
        self.out.append(chunk)
        self.utf16 += utf16_len(chunk)

    def parse(self) -> ParsedText:
        """Run the parser over the whole text."""
        while self.pos < len(self.text):
            char = self.text[self.pos]
            if char == "&":
                self.ampersand()
            elif char == "<" and self.text.startswith("</", self.pos):
                self.end_tag()
            elif char == "<":
                self.start_tag()
            else:
                self.emit(char)
                self.pos += 1
        if self.stack:
            raise HtmlParseError(
                f'Can\'t find end tag corresponding to start tag "{self.stack[-1].name}"'
            )
        text = "".join(self.out)
        if any(0xD800 <= ord(c) <= 0xDFFF for c in text):
            raise HtmlParseError(
                "Text contains invalid Unicode characters after decoding HTML entities,"
                " check for unmatched surrogate code units"
            )
        for entity in self.entities:
            if entity["type"] == "code":
                entity.pop("language", None)
        self.entities.sort(key=lambda e: (e["offset"], -e["length"]))
        return ParsedText(text, self.entities)

    def ampersand(self) -> None:
        """A character reference, or a bare '&' (an error in strict mode)."""
        char, end = _decode_entity(self.text, self.pos, strict=self.strict)
        if char is None:
            if self.strict:
                raise HtmlParseError(
                    f'Unescaped "&" or unsupported HTML entity at byte offset'
                    f" {self.offset(self.pos)}; only &lt;, &gt;, &amp;, &quot; and numeric"
                    " character references are allowed"
                )
            char = "&"
        self.emit(char)
        self.pos = end

    def start_tag(self) -> None:
        """'<name attr=value ...>'."""
        text, begin = self.text, self.pos
        i = begin + 1
        while i < len(text) and text[i] not in _SPACES and text[i] != ">":
            i += 1
        if i >= len(text):
            raise HtmlParseError(f"Unclosed start tag at byte offset {self.offset(begin)}")
        name = text[begin + 1 : i].lower()
        if name not in _HTML_TAGS:
            raise HtmlParseError(
                f'Unsupported start tag "{name}" at byte offset {self.offset(begin)}'
            )
        attributes = self.attributes(name, begin, i)
        if name == "span" and attributes.get("class") != "tg-spoiler":
            raise HtmlParseError(
                f'Tag "span" must have class "tg-spoiler" at byte offset {self.offset(begin)}'
            )
        self.stack.append(_OpenTag(name, attributes, self.utf16, len(self.out)))

    def attributes(self, tag: str, begin: int, i: int) -> dict[str, str]:
        """Attributes of a start tag; leaves self.pos after the closing '>'."""
        text = self.text
        result: dict[str, str] = {}
        where = f'the tag "{tag}" at byte offset {self.offset(begin)}'
        while True:
            while i < len(text) and text[i] in _SPACES:
                i += 1
            if i >= len(text):
                raise HtmlParseError(
                    f'Unclosed start tag "{tag}" at byte offset {self.offset(begin)}'
                )
            if text[i] == ">":
                self.pos = i + 1
                return result
            name_start = i
            while i < len(text) and text[i] not in _SPACES and text[i] not in "=>":
                i += 1
            name = text[name_start:i]
            if not name:
                raise HtmlParseError(f"Empty attribute name in {where}")
            while i < len(text) and text[i] in _SPACES:
                i += 1
            if i >= len(text):
                raise HtmlParseError(
                    f'Unclosed start tag "{tag}" at byte offset {self.offset(begin)}'
                )
            if text[i] != "=":
                if tag == "blockquote" and name == "expandable":
                    result[name] = ""
                    continue
                raise HtmlParseError(
                    f"Expected equal sign in declaration of an attribute of {where}"
                )
            i += 1
            while i < len(text) and text[i] in _SPACES:
                i += 1
            value, i = self.attribute_value(tag, begin, i)
            result[name] = value

    def attribute_value(self, tag: str, begin: int, i: int) -> tuple[str, int]:
        """A quoted string (entities decoded) or a lower-cased name token."""
        text = self.text
        if i >= len(text):
            raise HtmlParseError(f'Unclosed start tag "{tag}" at byte offset {self.offset(begin)}')
        if text[i] in "'\"":
            quote, chars = text[i], []
            i += 1
            while i < len(text) and text[i] != quote:
                char, end = (None, i + 1)
                if text[i] == "&":
                    char, end = _decode_entity(text, i, strict=False)
                chars.append(char if char is not None else text[i])
                i = end
            if i >= len(text):
                raise HtmlParseError(f"Unclosed start tag at byte offset {self.offset(begin)}")
            return "".join(chars), i + 1
        token_start = i
        while i < len(text) and ((text[i].isascii() and text[i].isalnum()) or text[i] in ".-"):
            i += 1
        if i < len(text) and text[i] not in _SPACES and text[i] != ">":
            raise HtmlParseError(
                f"Unexpected end of name token at byte offset {self.offset(token_start)}"
            )
        return text[token_start:i].lower(), i

    def end_tag(self) -> None:
        """'</name>'; must close the innermost open tag."""
        text, begin = self.text, self.pos
        if not self.stack:
            raise HtmlParseError(f"Unexpected end tag at byte offset {self.offset(begin)}")
        i = begin + 2
        while i < len(text) and text[i] not in _SPACES and text[i] != ">":
            i += 1
        end_name = text[begin + 2 : i]
        while i < len(text) and text[i] in _SPACES:
            i += 1
        if i >= len(text) or text[i] != ">":
            raise HtmlParseError(f"Unclosed end tag at byte offset {self.offset(begin)}")
        self.pos = i + 1
        tag = self.stack.pop()
        if end_name and end_name != tag.name:
            raise HtmlParseError(
                f"Unmatched end tag at byte offset {self.offset(begin)},"
                f' expected "</{tag.name}>", found "</{end_name}>"'
            )
        if self.utf16 > tag.utf16_start:
            self.close_entity(tag)

    def close_entity(self, tag: _OpenTag) -> None:
        """Turn a closed, non-empty tag into a MessageEntity."""
        entity: JsonDict = {
            "type": "",
            "offset": tag.utf16_start,
            "length": self.utf16 - tag.utf16_start,
        }
        last = self.entities[-1] if self.entities else None
        same_range = last is not None and (last["offset"], last["length"]) == (
            entity["offset"], entity["length"],
        )  # fmt: skip
        attrs = tag.attributes
        if tag.name in _SIMPLE_HTML_ENTITIES:
            entity["type"] = _SIMPLE_HTML_ENTITIES[tag.name]
        elif tag.name == "a":
            url = attrs.get("href") or "".join(self.out[tag.out_index :])
            if user := _TG_USER_RE.fullmatch(url):
                entity.update(
                    type="text_mention",
                    user={"id": int(user[1]), "is_bot": False, "first_name": ""},
                )
            elif _URL_RE.fullmatch(url):
                entity.update(type="text_link", url=url)
            else:
                return  # tdlib silently drops links with an invalid URL
        elif tag.name == "pre":
            if last is not None and same_range and last["type"] == "code" and last.get("language"):
                last["type"] = "pre"
                return
            entity["type"] = "pre"
        elif tag.name == "code":
            cls = attrs.get("class", "")
            language = cls[len("language-") :] if cls.startswith("language-") else ""
            if last is not None and same_range and last["type"] == "pre" and language:
                last["language"] = language
                return
            entity.update(type="code", language=language)
        elif tag.name == "blockquote":
            entity["type"] = "expandable_blockquote" if "expandable" in attrs else "blockquote"
        elif tag.name == "tg-emoji":
            emoji_id = attrs.get("emoji-id", "")
            if not emoji_id.isdigit() or not 0 < int(emoji_id) < 2**63:
                raise HtmlParseError("Invalid custom emoji identifier specified")
            entity.update(type="custom_emoji", custom_emoji_id=emoji_id)
        else:  # tg-time
            unix = attrs.get("unix", "")
            if not _INT_RE.fullmatch(unix):
                return
            entity.update(type="date_time", unix_time=int(unix))
            if attrs.get("format"):
                entity["date_time_format"] = attrs["format"]
        self.entities.append(entity)


def parse_html(text: str, *, strict_ampersand: bool = True) -> ParsedText:
    """Parse Telegram's HTML mode into text and entities, raising HtmlParseError as Telegram."""
    # Tags: b/strong, i/em, u/ins, s/strike/del, tg-spoiler, span class="tg-spoiler", a href,
    # tg-emoji emoji-id, code (class="language-x"), pre, blockquote (expandable), tg-time.
    # tdlib keeps a bare '&' literally, but the Bot API documentation requires escaping it,
    # so strict_ampersand (the default) rejects it; pass False for tdlib's leniency.
    return _HtmlParser(text, strict_ampersand=strict_ampersand).parse()


def _markdown_length_lower_bound(text: str, *, v2: bool) -> int:
    """Visible length of Markdown text, never above the real one, so limits never over-reject."""
    text = re.sub(r"\]\((?:\\.|[^)\\])*\)", "]", text)
    markup = "*_~|`[]" if v2 else "*_`[]"
    count, i = 0, 0
    while i < len(text):
        if text[i] == "\\" and v2 and i + 1 < len(text):
            count, i = count + 1, i + 2
            continue
        count += text[i] not in markup
        i += 1
    return count


# ---------------------------------------------------------------------------------------------
# The server
# ---------------------------------------------------------------------------------------------


def _copy(value: Any) -> Any:
    """Deep copy of JSON data, so stored messages never alias what was returned."""
    return json.loads(json.dumps(value))


def _is_inline_markup(value: Any) -> bool:
    return isinstance(value, dict) and "inline_keyboard" in value


class FakeBotApi:
    """An aiohttp server on 127.0.0.1 answering like api.telegram.org, for real-PTB tests."""

    # Usage: ``async with FakeBotApi(api_json) as api:`` then build the Application with
    # ``.base_url(api.base_url).base_file_url(api.base_file_url)``.

    def __init__(
        self,
        api_json_path: str | Path,
        *,
        token: str | None = None,
        bot_username: str = "export_desk_bot",
        bot_first_name: str = "Export Desk",
        strict_chats: bool = False,
        strict_html: bool = True,
        max_poll_timeout: float = 50.0,
    ) -> None:
        self.spec = load_spec(str(Path(api_json_path).resolve()))
        self.token = token
        self.strict_chats = strict_chats
        self.strict_html = strict_html
        self.max_poll_timeout = max_poll_timeout
        bot_id = (
            int(token.split(":", 1)[0])
            if token and token.split(":", 1)[0].isdigit()
            else 7000000001
        )
        self.bot_user: JsonDict = {
            "id": bot_id,
            "is_bot": True,
            "first_name": bot_first_name,
            "username": bot_username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }
        self.calls: list[RecordedCall] = []
        self.dropped_updates: list[JsonDict] = []
        self.commands: dict[str, list[JsonDict]] = {}
        self.webhook_url = ""
        self._updates: list[JsonDict] = []
        self._next_update_id = 100000001
        self._chats: dict[int | str, JsonDict] = {}
        self._message_ids: dict[int, int] = {}
        self._messages: dict[tuple[int, int], JsonDict] = {}
        self._invented: set[tuple[int, int]] = set()
        self._callbacks: dict[str, tuple[int, int | None]] = {}
        self._callback_counter = 0
        self._allowed_updates: frozenset[str] | None = None
        self._overrides: dict[str, Override] = {}
        self._changed = asyncio.Event()
        self._closing = False
        self._waiting_polls = 0
        self._runner: web.AppRunner | None = None
        self._port: int | None = None
        self._handlers: dict[str, Callable[[JsonDict], Awaitable[Any]]] = {
            "getMe": self._get_me,
            "getUpdates": self._get_updates,
            "sendMessage": self._send,
            "editMessageText": self._edit_text,
            "editMessageReplyMarkup": self._edit_checked,
            "editMessageCaption": self._edit_checked,
            "answerCallbackQuery": self._answer_callback_query,
            "setMyCommands": self._set_my_commands,
            "getMyCommands": self._get_my_commands,
            "deleteMyCommands": self._delete_my_commands,
            "setWebhook": self._set_webhook,
            "deleteWebhook": self._delete_webhook,
            "getWebhookInfo": self._get_webhook_info,
            "deleteMessage": self._delete_message,
        }

    # -- lifecycle -----------------------------------------------------------------------------

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    async def start(self) -> None:
        """Bind a free port on 127.0.0.1 and start serving."""
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_route("*", "/{tail:.*}", self._not_found)
        self._runner = web.AppRunner(
            app, handler_cancellation=True, access_log=None, shutdown_timeout=1.0
        )
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        address = self._runner.addresses[0]
        self._port = int(address[1])
        self._closing = False

    async def stop(self) -> None:
        """Release pending long polls and shut the server down."""
        self._closing = True
        self._notify()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    @property
    def port(self) -> int:
        """The TCP port the server listens on."""
        if self._port is None:
            raise RuntimeError("FakeBotApi is not started")
        return self._port

    @property
    def base_url(self) -> str:
        """Value for ApplicationBuilder.base_url (PTB appends the token)."""
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        """Value for ApplicationBuilder.base_file_url."""
        return f"http://127.0.0.1:{self.port}/file/bot"

    # -- test API: driving the conversation ----------------------------------------------------

    def push_update(self, update: Mapping[str, Any]) -> JsonDict:
        """Queue any Update (update_id is assigned when missing) for the bot's next getUpdates."""
        queued: JsonDict = _copy(dict(update))
        if "update_id" not in queued:
            queued["update_id"] = self._next_update_id
        self._next_update_id = max(self._next_update_id, int(queued["update_id"])) + 1
        self._updates.append(queued)
        self._notify()
        return queued

    def push_message(
        self,
        chat_id: int,
        text: str,
        *,
        user: Mapping[str, Any] | None = None,
        language_code: str = "en",
        reply_to_message_id: int | None = None,
    ) -> JsonDict:
        """Queue a user's text message (private chat for positive ids), as Telegram delivers it."""
        sender = self._user(chat_id, user, language_code)
        chat = self._remember_chat(chat_id, sender)
        message: JsonDict = {
            "message_id": self._new_message_id(chat_id),
            "from": sender,
            "chat": chat,
            "date": int(time.time()),
            "text": text,
        }
        command = _COMMAND_ENTITY_RE.match(text)
        if command:
            message["entities"] = [
                {"type": "bot_command", "offset": 0, "length": utf16_len(command[0])}
            ]
        if reply_to_message_id is not None:
            original = self._messages.get((chat_id, reply_to_message_id))
            if original is None:
                raise ValueError(f"no message {reply_to_message_id} in chat {chat_id}")
            message["reply_to_message"] = _copy(original)
        self._messages[(chat_id, message["message_id"])] = message
        return self.push_update({"message": message})

    def push_callback(
        self,
        chat_id: int,
        data: str,
        *,
        message_id: int | None = None,
        user: Mapping[str, Any] | None = None,
        language_code: str = "en",
        check_button: bool = True,
    ) -> JsonDict:
        """Queue a press on a bot message's inline button; ValueError if no such button exists."""
        # message_id defaults to the latest bot message with a keyboard; an unknown message_id
        # stands for a message sent before the test. check_button=False allows stale buttons.
        message = self._callback_message(chat_id, message_id)
        buttons = [
            b.get("callback_data")
            for row in (message.get("reply_markup") or {}).get("inline_keyboard", [])
            for b in row
        ]
        invented = (chat_id, int(message["message_id"])) in self._invented
        if check_button and not invented and data not in buttons:
            raise ValueError(f"message {message['message_id']} has no button {data!r}: {buttons}")
        self._callback_counter += 1
        query_id = str(4_000_000_000_000_000 + self._callback_counter)
        self._callbacks[query_id] = (chat_id, int(message["message_id"]))
        query: JsonDict = {
            "id": query_id,
            "from": self._user(chat_id, user, language_code),
            "message": _copy(message),
            "chat_instance": str(abs(chat_id) * 7919 + 1),
            "data": data,
        }
        return self.push_update({"callback_query": query})

    def on(self, method: str, handler: Override) -> None:
        """Answer a method with handler(params), e.g. to fake errors; validation runs first."""
        # handler may be async and may raise ApiError(403, "Forbidden: ...") and the like.
        spec = self.spec.method(method)
        if spec is None:
            raise ValueError(f"unknown Bot API method {method!r}")
        self._overrides[spec.name] = handler

    def off(self, method: str) -> None:
        """Remove an override set with on(); the method answers normally again."""
        spec = self.spec.method(method)
        if spec is not None:
            self._overrides.pop(spec.name, None)

    # -- test API: inspecting what the bot did -------------------------------------------------

    @property
    def rejections(self) -> list[RecordedCall]:
        """Every call answered with an error; a healthy test expects this to be empty."""
        return [c for c in self.calls if c.rejected]

    @property
    def waiting_polls(self) -> int:
        """Number of getUpdates requests currently long-polling."""
        return self._waiting_polls

    @property
    def pending_updates(self) -> list[JsonDict]:
        """Updates queued and not yet confirmed by the bot."""
        return list(self._updates)

    def calls_to(self, method: str) -> list[RecordedCall]:
        """Recorded calls of one method (name matched case-insensitively)."""
        key = method.lower()
        return [c for c in self.calls if c.method.lower() == key]

    def sent_messages(self, chat_id: int | str) -> list[SentMessage]:
        """What the bot sent or edited in a chat, in order: text as displayed and reply_markup."""
        wanted = self._chats.get(chat_id, {}).get("id", chat_id)
        sent: list[SentMessage] = []
        for call in self.calls:
            result = call.result
            if (
                not call.ok
                or call.method not in _TRANSCRIPT_METHODS
                or not isinstance(result, dict)
            ):
                continue
            if result.get("chat", {}).get("id") != wanted:
                continue
            sent.append(
                SentMessage(
                    method=call.method,
                    chat_id=int(result["chat"]["id"]),
                    message_id=result.get("message_id"),
                    text=result.get("text", result.get("caption")),
                    raw_text=call.params.get("text", call.params.get("caption")),
                    parse_mode=call.params.get("parse_mode"),
                    reply_markup=call.params.get("reply_markup"),
                )
            )
        return sent

    async def wait_for(self, predicate: Callable[[], bool], timeout: float = 5.0) -> None:
        """Wait, without sleeping blindly, until predicate() holds after some server event."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not predicate():
            event = self._changed
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise TimeoutError(f"condition not met within {timeout}s")
            try:
                await asyncio.wait_for(event.wait(), remaining)
            except TimeoutError:
                continue

    async def wait_for_call(
        self, method: str, count: int = 1, timeout: float = 5.0
    ) -> list[RecordedCall]:
        """Wait until the bot has made `count` calls of `method` in total; return them all."""
        try:
            await self.wait_for(lambda: len(self.calls_to(method)) >= count, timeout)
        except TimeoutError:
            got = len(self.calls_to(method))
            reasons = [f"{c.method}: {c.reason}" for c in self.rejections]
            raise TimeoutError(
                f"expected {count} {method} call(s) within {timeout}s, got {got};"
                f" rejections: {reasons}"
            ) from None
        return self.calls_to(method)

    # -- HTTP ----------------------------------------------------------------------------------

    async def _not_found(self, request: web.Request) -> web.Response:
        error = ApiError(404, "Not Found")
        self._record(
            RecordedCall(request.path, {}, error.payload(), 404, http_method=request.method)
        )
        return web.json_response(error.payload(), status=404)

    async def _handle(self, request: web.Request) -> web.Response:
        method_name = request.match_info["method"]
        call = RecordedCall(method_name, {}, None, None, http_method=request.method)
        try:
            raw, call.files = await self._read_params(request)
            call.params = dict(raw)
            self._check_token(request.match_info["token"])
            spec = self.spec.method(method_name)
            if spec is None:
                raise ApiError(404, "Not Found")
            call.method = spec.name
            call.unknown_params = [k for k in raw if k not in spec.fields]
            call.params = self._validate(spec, raw)
            result = await self._dispatch(spec, call.params)
            call.response, call.status = {"ok": True, "result": result}, 200
        except ApiError as error:
            call.response, call.status = error.payload(), error.status
        except Exception as error:  # a bug in the fake must show up in rejections, not vanish
            call.status = 500
            call.response = ApiError(500, f"Internal Server Error: fake bug: {error!r}").payload()
        except asyncio.CancelledError:
            self._record(call)  # the client went away (e.g. PTB cancelling a long poll)
            raise
        self._record(call)
        return web.json_response(call.response, status=call.status)

    async def _read_params(self, request: web.Request) -> tuple[JsonDict, dict[str, UploadedFile]]:
        params: JsonDict = dict(request.query)
        files: dict[str, UploadedFile] = {}
        if not request.can_read_body:
            return params, files
        if request.content_type == "application/json":
            try:
                body = json.loads(await request.read() or b"{}")
            except ValueError:
                raise ApiError(400, "Bad Request: can't parse JSON encoded request body") from None
            if not isinstance(body, dict):
                raise ApiError(400, "Bad Request: JSON encoded request body must be an object")
            params.update(body)
        elif request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            for key, value in (await request.post()).items():
                if isinstance(value, web.FileField):
                    files[key] = UploadedFile(value.filename, value.content_type, value.file.read())
                    params[key] = files[key]
                else:
                    params[key] = value.decode() if isinstance(value, bytes) else value
        return params, files

    def _check_token(self, token: str) -> None:
        if self.token is not None and token != self.token:
            raise ApiError(401, "Unauthorized")

    def _record(self, call: RecordedCall) -> None:
        self.calls.append(call)
        self._notify()

    def _notify(self) -> None:
        event, self._changed = self._changed, asyncio.Event()
        event.set()

    async def _dispatch(self, spec: MethodSpec, params: JsonDict) -> Any:
        override = self._overrides.get(spec.name)
        if override is not None:
            result = override(params)
            return await result if inspect.isawaitable(result) else result
        handler = self._handlers.get(spec.name)
        if handler is None and spec.name.startswith("editMessage") and "Message" in spec.returns:
            handler = self._edit_other
        if handler is not None:
            return await handler(params)
        return self._default_result(spec, params)

    # -- validation ----------------------------------------------------------------------------

    def _validate(self, spec: MethodSpec, raw: JsonDict) -> JsonDict:
        """Decode and check every parameter against api.json plus the documented prose limits."""
        params: JsonDict = {}
        for fs in spec.fields.values():
            value = raw.get(fs.name)
            if value == "" and (fs.required or "String" not in fs.types):
                value = None  # Telegram treats an empty value as an absent one
            if value is None:
                if fs.required:
                    raise ApiError(400, self._missing_message(spec, fs))
                continue
            try:
                params[fs.name] = self._coerce(fs.types, value, top_level=True)
            except _MismatchError as error:
                raise ApiError(400, self._mismatch_message(fs, error)) from None
        params.update({k: v for k, v in raw.items() if k not in spec.fields})
        self._check_limits(spec.name, spec.fields, params, prefix="")
        if spec.name == "setMyCommands":
            commands = params["commands"]
            if not commands:
                raise ApiError(400, "Bad Request: commands must be non-empty")
            if len(commands) > 100:
                raise ApiError(400, "Bad Request: BOT_COMMANDS_TOO_MUCH")
        return params

    @staticmethod
    def _mismatch_message(fs: FieldSpec, error: _MismatchError) -> str:
        detail = str(error)
        if fs.name == "reply_markup":
            return "Bad Request: can't parse reply keyboard markup JSON object"
        if detail.startswith("can't parse"):
            return f"Bad Request: {detail}"
        if detail == "invalid JSON":
            return f"Bad Request: can't parse {fs.name} JSON object"
        return f'Bad Request: parameter "{fs.name}" must be of type {" or ".join(fs.types)}'

    @staticmethod
    def _missing_message(spec: MethodSpec, fs: FieldSpec) -> str:
        if fs.name == "chat_id":
            return "Bad Request: chat_id is empty"
        if fs.name == "text" and fs.counts_after_parsing:
            return "Bad Request: message text is empty"
        return f'Bad Request: parameter "{fs.name}" is required'

    def _coerce(self, types: Sequence[str], value: Any, *, top_level: bool = False) -> Any:
        """Return value converted to the first matching api.json type, or raise _MismatchError."""
        structured = [t for t in types if t not in _SCALARS]
        if top_level and structured and isinstance(value, str):
            text_allowed = "String" in types or "InputFile" in types
            if not text_allowed or value.lstrip()[:1] in ("{", "["):
                try:
                    value = json.loads(value)
                except ValueError:
                    if not text_allowed:
                        raise _MismatchError("invalid JSON") from None
        errors: list[_MismatchError] = []
        for type_name in types:
            try:
                return self._coerce_one(type_name, value, top_level=top_level)
            except _MismatchError as error:
                errors.append(error)
        detailed = [e for e in errors if str(e).startswith("can't parse")]
        raise detailed[0] if detailed else _MismatchError(" or ".join(types))

    def _coerce_one(self, type_name: str, value: Any, *, top_level: bool) -> Any:
        if type_name.startswith("Array of "):
            if not isinstance(value, list):
                raise _MismatchError(type_name)
            item_type = type_name[len("Array of ") :]
            return [self._coerce([item_type], item) for item in value]
        if type_name in _SCALARS:
            return self._coerce_scalar(type_name, value, top_level=top_level)
        spec = self.spec.types.get(type_name)
        if spec is None:
            return value
        if isinstance(value, str) and spec.accepts_string:
            return value
        if not isinstance(value, dict):
            raise _MismatchError(type_name)
        return self._validate_object(type_name, value)

    @staticmethod
    def _coerce_scalar(type_name: str, value: Any, *, top_level: bool) -> Any:
        if isinstance(value, UploadedFile):
            if type_name == "InputFile":
                return value
            raise _MismatchError(type_name)
        if type_name in ("String", "InputFile"):
            if isinstance(value, str):
                return value
            if isinstance(value, int | float) and not isinstance(value, bool):
                return str(value)
        elif type_name == "Integer":
            if isinstance(value, int) and not isinstance(value, bool):
                return value
            if isinstance(value, str) and _INT_RE.fullmatch(value.strip()):
                return int(value)
        elif type_name == "Float":
            if isinstance(value, int | float) and not isinstance(value, bool):
                return float(value)
            if isinstance(value, str) and _FLOAT_RE.fullmatch(value.strip()):
                return float(value)
        elif isinstance(value, bool):  # Boolean, True
            return value
        elif isinstance(value, str) and value.strip().lower() in ("true", "false", "1", "0"):
            return value.strip().lower() in ("true", "1")
        elif top_level and value in (0, 1):
            return bool(value)
        raise _MismatchError(type_name)

    def _validate_object(self, type_name: str, value: JsonDict) -> JsonDict:
        """Check a nested object (keyboard, command, entity...) against its api.json type."""
        spec = self.spec.types[type_name]
        if spec.subtypes:
            return self._validate_union(spec, value)
        label = _TYPE_LABELS.get(type_name, type_name)
        missing = [f.name for f in spec.fields.values() if f.required and value.get(f.name) is None]
        if missing:
            raise _MismatchError(f"can't parse {label}: Can't find field \"{missing[0]}\"")
        result = dict(value)
        for fs in spec.fields.values():
            if value.get(fs.name) is None:
                continue
            try:
                result[fs.name] = self._coerce(fs.types, value[fs.name])
            except _MismatchError as error:
                detail = str(error)
                if not detail.startswith("can't parse"):
                    detail = (
                        f'can\'t parse {label}: Field "{fs.name}" must be of type'
                        f" {' or '.join(fs.types)}"
                    )
                raise ApiError(400, f"Bad Request: {detail}") from None
        self._check_type_rules(spec, result, label)
        self._check_limits(type_name, spec.fields, result, prefix=f"can't parse {label}: ")
        return result

    def _validate_union(self, spec: TypeSpec, value: JsonDict) -> JsonDict:
        picked = self.spec.discriminator(spec.name)
        if picked is not None:
            key, mapping = picked
            subtype = mapping.get(str(value.get(key)))
            if subtype is None:
                raise ApiError(
                    400,
                    f'Bad Request: can\'t parse {spec.name}: unsupported {key} "{value.get(key)}"',
                )
            return self._validate_object(subtype, value)
        first_error: _MismatchError | None = None
        for subtype in spec.subtypes:
            try:
                return cast(JsonDict, self._coerce([subtype], value))
            except _MismatchError as error:
                first_error = first_error or error
        raise first_error or _MismatchError(spec.name)

    def _check_type_rules(self, spec: TypeSpec, value: JsonDict, label: str) -> None:
        if spec.name == "BotCommand" and not _BOT_COMMAND_RE.fullmatch(str(value["command"])):
            raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
        rule = spec.one_of
        if rule is None:
            return
        kind, names = rule
        used = [n for n in names if value.get(n) is not None and value.get(n) is not False]
        if spec.name == "InlineKeyboardButton" and not used:
            raise ApiError(
                400,
                "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in"
                " the inline keyboard",
            )
        if (kind == "exactly" and len(used) != 1) or len(used) > 1:
            raise ApiError(
                400,
                f"Bad Request: can't parse {label}: {kind.replace('_', ' ')} one of the fields"
                f" {', '.join(sorted(names))} must be used, got {sorted(used) or 'none'}",
            )

    def _check_limits(
        self, owner: str, fields: Mapping[str, FieldSpec], values: JsonDict, prefix: str
    ) -> None:
        """Apply the 'N-M characters/bytes' ranges of the descriptions (text after parsing)."""
        for fs in fields.values():
            limit, value = fs.limit, values.get(fs.name)
            if limit is None or not isinstance(value, str):
                continue
            low, high, unit = limit
            own_mode = f"{fs.name}_parse_mode"
            mode_field = own_mode if own_mode in fields else "parse_mode"
            if unit == "bytes":
                size = len(value.encode("utf-8", "surrogatepass"))
            elif fs.counts_after_parsing or mode_field in fields:
                size = self._visible_length(value, values.get(mode_field))
            else:
                size = len(value)
            if not low <= size <= high:
                raise ApiError(400, self._limit_message(owner, fs, size, prefix))

    @staticmethod
    def _limit_message(owner: str, fs: FieldSpec, size: int, prefix: str) -> str:
        low, high, unit = fs.limit or (0, 0, "")
        too_long = size > high
        if fs.name in ("text", "message_text") and fs.counts_after_parsing:
            return (
                "Bad Request: message is too long"
                if too_long
                else "Bad Request: message text is empty"
            )
        if fs.name == "caption" and fs.counts_after_parsing:
            return "Bad Request: message caption is too long"
        if fs.name == "callback_data":
            return "Bad Request: BUTTON_DATA_INVALID"
        if owner == "answerCallbackQuery" and fs.name == "text":
            return "Bad Request: MESSAGE_TOO_LONG"
        if owner == "BotCommand" and fs.name == "command":
            return "Bad Request: BOT_COMMAND_INVALID"
        if owner == "BotCommand" and fs.name == "description":
            if too_long:
                return f"Bad Request: command description length must not exceed {high}"
            return "Bad Request: command description must be non-empty"
        return f"Bad Request: {prefix}{fs.name} must be {low}-{high} {unit} long, got {size}"

    def _visible_length(self, text: str, parse_mode: Any) -> int:
        mode = str(parse_mode or "").lower()
        if mode and mode not in _PARSE_MODES:
            raise ApiError(400, "Bad Request: unsupported parse_mode")
        if mode in ("markdown", "markdownv2"):
            return _markdown_length_lower_bound(text, v2=mode == "markdownv2")
        return len(self._render(text, mode).text.strip())

    def _render(self, text: str, parse_mode: Any) -> ParsedText:
        """Text and entities the way Telegram would store them."""
        if str(parse_mode or "").lower() != "html":
            return ParsedText(text, [])
        try:
            return parse_html(text, strict_ampersand=self.strict_html)
        except HtmlParseError as error:
            raise ApiError(400, f"Bad Request: can't parse entities: {error}") from None

    # -- chats and messages --------------------------------------------------------------------

    def _user(self, chat_id: int, user: Mapping[str, Any] | None, language_code: str) -> JsonDict:
        user_id = chat_id if chat_id > 0 else 100000001
        sender: JsonDict = {
            "id": user_id,
            "is_bot": False,
            "first_name": "Test",
            "last_name": "User",
            "username": f"user{user_id}",
            "language_code": language_code,
        }
        sender.update(user or {})
        return sender

    def _remember_chat(self, chat_id: int, sender: JsonDict) -> JsonDict:
        chat = self._chats.get(chat_id)
        if chat is None:
            chat = self._new_chat(chat_id)
            if chat["type"] == "private":
                for key in ("first_name", "last_name", "username"):
                    if key in sender:
                        chat[key] = sender[key]
            self._chats[chat_id] = chat
        return chat

    @staticmethod
    def _new_chat(chat_id: int) -> JsonDict:
        if chat_id > 0:
            return {"id": chat_id, "type": "private"}
        kind = "supergroup" if str(chat_id).startswith("-100") else "group"
        return {"id": chat_id, "type": kind, "title": f"Chat {chat_id}"}

    def _chat(self, chat_id: Any) -> JsonDict:
        """The chat a method targets; unknown chats are created unless strict_chats is set."""
        key: int | str = chat_id
        if key in self._chats:
            return self._chats[key]
        if self.strict_chats or not (isinstance(key, int) or str(key).startswith("@")):
            raise ApiError(400, "Bad Request: chat not found")
        if isinstance(key, int):
            chat = self._new_chat(key)
        else:
            username = str(key)[1:]
            chat_number = -1000000000000 - len(self._chats) - 1
            chat = {"id": chat_number, "type": "channel", "title": username, "username": username}
            self._chats[chat_number] = chat
        self._chats[key] = chat
        return chat

    def _new_message_id(self, chat_id: int) -> int:
        self._message_ids[chat_id] = self._message_ids.get(chat_id, 0) + 1
        return self._message_ids[chat_id]

    def _callback_message(self, chat_id: int, message_id: int | None) -> JsonDict:
        if message_id is None:
            for (chat, _), candidate in reversed(self._messages.items()):
                from_bot = candidate.get("from", {}).get("id") == self.bot_user["id"]
                if chat == chat_id and from_bot and "reply_markup" in candidate:
                    return candidate
            raise ValueError(f"the bot has sent no inline keyboard to chat {chat_id}")
        message = self._messages.get((chat_id, message_id))
        if message is None:  # a message from before the test: make it up
            self._remember_chat(chat_id, self._user(chat_id, None, "en"))
            message = {
                "message_id": message_id,
                "from": dict(self.bot_user),
                "chat": self._chats[chat_id],
                "date": int(time.time()),
                "text": "(earlier message)",
            }
            self._messages[(chat_id, message_id)] = message
            self._invented.add((chat_id, message_id))
            self._message_ids[chat_id] = max(self._message_ids.get(chat_id, 0), message_id)
        return message

    def _bot_message(self, params: JsonDict) -> JsonDict:
        chat = self._chat(params["chat_id"])
        message: JsonDict = {
            "message_id": self._new_message_id(int(chat["id"])),
            "from": dict(self.bot_user),
            "chat": dict(chat),
            "date": int(time.time()),
        }
        for key, entities_key in (("text", "entities"), ("caption", "caption_entities")):
            if isinstance(params.get(key), str):
                rendered = self._render(params[key], params.get("parse_mode"))
                message[key] = rendered.text
                entities = rendered.entities or params.get(entities_key)
                if entities:
                    message[entities_key] = entities
        if _is_inline_markup(params.get("reply_markup")):
            message["reply_markup"] = params["reply_markup"]
        self._messages[(int(chat["id"]), int(message["message_id"]))] = message
        return cast(JsonDict, _copy(message))

    # -- method behaviour ----------------------------------------------------------------------

    async def _get_me(self, params: JsonDict) -> Any:
        return dict(self.bot_user)

    async def _send(self, params: JsonDict) -> Any:
        return self._bot_message(params)

    async def _get_updates(self, params: JsonDict) -> Any:
        if self.webhook_url:
            raise ApiError(409, _WEBHOOK_ACTIVE)
        offset = int(params.get("offset", 0))
        limit = min(max(int(params.get("limit", 100)), 1), 100)
        timeout = min(max(float(params.get("timeout", 0)), 0.0), self.max_poll_timeout)
        if "allowed_updates" in params:
            allowed = params["allowed_updates"]
            self._allowed_updates = frozenset(allowed) if allowed else None
        if offset > 0:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
        elif offset < 0:
            self._updates = self._updates[offset:]
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            batch = self._deliverable()[:limit]
            remaining = deadline - loop.time()
            if batch or self._closing or remaining <= 0:
                return _copy(batch)
            self._waiting_polls += 1
            self._notify()
            event = self._changed  # no await since the check above, so no update can be missed
            try:
                await asyncio.wait_for(event.wait(), remaining)
            except TimeoutError:
                pass
            finally:
                self._waiting_polls -= 1

    def _deliverable(self) -> list[JsonDict]:
        """Pending updates of allowed types; others are dropped as Telegram drops them."""
        hidden = (
            frozenset(self.spec.update_types) - self._allowed_updates
            if self._allowed_updates is not None
            else self.spec.default_hidden_updates
        )
        kept: list[JsonDict] = []
        for update in self._updates:
            kinds = set(update) - {"update_id"}
            (self.dropped_updates if kinds and kinds <= hidden else kept).append(update)
        self._updates = kept
        return kept

    async def _edit_text(self, params: JsonDict) -> Any:
        if "rich_message" in params:
            return self._apply_edit(params, check_unchanged=False)
        if "text" not in params:
            raise ApiError(400, "Bad Request: message text is empty")
        return self._apply_edit(params, check_unchanged=True)

    async def _edit_checked(self, params: JsonDict) -> Any:
        return self._apply_edit(params, check_unchanged=True)

    async def _edit_other(self, params: JsonDict) -> Any:
        return self._apply_edit(params, check_unchanged=False)

    def _apply_edit(self, params: JsonDict, *, check_unchanged: bool) -> Any:
        """Edit a stored bot message like Telegram: omitted reply_markup removes the keyboard."""
        if params.get("inline_message_id"):
            return True
        if params.get("chat_id") is None:
            raise ApiError(400, "Bad Request: chat_id is empty")
        if params.get("message_id") is None:
            raise ApiError(400, "Bad Request: message identifier is not specified")
        chat = self._chat(params["chat_id"])
        message = self._messages.get((int(chat["id"]), int(params["message_id"])))
        if message is None:
            raise ApiError(400, _EDIT_NOT_FOUND)
        if message.get("from", {}).get("id") != self.bot_user["id"]:
            raise ApiError(400, "Bad Request: message can't be edited")
        updated = dict(message)
        for key, entities_key in (("text", "entities"), ("caption", "caption_entities")):
            if key in params:
                if key not in message:
                    raise ApiError(400, f"Bad Request: there is no {key} in the message to edit")
                rendered = self._render(params[key], params.get("parse_mode"))
                updated[key] = rendered.text
                updated.pop(entities_key, None)
                if rendered.entities or params.get(entities_key):
                    updated[entities_key] = rendered.entities or params[entities_key]
        updated.pop("reply_markup", None)
        if _is_inline_markup(params.get("reply_markup")):
            updated["reply_markup"] = params["reply_markup"]
        if check_unchanged and _copy(updated) == _copy(message):
            raise ApiError(400, _NOT_MODIFIED)
        updated["edit_date"] = int(time.time())
        self._messages[(int(chat["id"]), int(params["message_id"]))] = updated
        return _copy(updated)

    async def _delete_message(self, params: JsonDict) -> Any:
        chat = self._chat(params["chat_id"])
        if self._messages.pop((int(chat["id"]), int(params["message_id"])), None) is None:
            raise ApiError(400, "Bad Request: message to delete not found")
        return True

    async def _answer_callback_query(self, params: JsonDict) -> Any:
        if params["callback_query_id"] not in self._callbacks:
            raise ApiError(400, _QUERY_INVALID)
        return True

    @staticmethod
    def _commands_key(params: JsonDict) -> str:
        scope = params.get("scope") or {"type": "default"}
        return json.dumps([scope, params.get("language_code") or ""], sort_keys=True)

    async def _set_my_commands(self, params: JsonDict) -> Any:
        self.commands[self._commands_key(params)] = list(params["commands"])
        return True

    async def _get_my_commands(self, params: JsonDict) -> Any:
        return list(self.commands.get(self._commands_key(params), []))

    async def _delete_my_commands(self, params: JsonDict) -> Any:
        self.commands.pop(self._commands_key(params), None)
        return True

    async def _set_webhook(self, params: JsonDict) -> Any:
        self.webhook_url = str(params["url"])
        return True

    async def _delete_webhook(self, params: JsonDict) -> Any:
        self.webhook_url = ""
        if params.get("drop_pending_updates"):
            self._updates.clear()
        return True

    async def _get_webhook_info(self, params: JsonDict) -> Any:
        return {
            "url": self.webhook_url,
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }

    def _default_result(self, spec: MethodSpec, params: JsonDict) -> Any:
        """A plausible result from the return type, so PTB can deserialize any other method."""
        returns = spec.returns
        if not returns or "Boolean" in returns or "True" in returns:
            return True
        first = returns[0]
        if first == "Message" and "chat_id" in params:
            return self._bot_message(params)
        if first.startswith("Array of "):
            return []
        scalars: dict[str, Any] = {"String": "", "Integer": 0, "Float": 0.0}
        if first in scalars:
            return scalars[first]
        if first not in self.spec.types:
            return True
        result = self._placeholder(first, depth=0)
        if first in ("Chat", "ChatFullInfo") and "chat_id" in params:
            result.update(self._chat(params["chat_id"]))
        return result

    def _placeholder(self, type_name: str, depth: int) -> Any:
        spec = self.spec.types.get(type_name)
        if spec is None or depth > 6:
            return None
        if spec.subtypes:
            sub = next((s for s in spec.subtypes if s in self.spec.types), None)
            return self._placeholder(sub, depth + 1) if sub else {}
        result: JsonDict = {}
        for fs in spec.fields.values():
            if fs.required:
                result[fs.name] = self._placeholder_value(fs, depth)
        return result

    def _placeholder_value(self, fs: FieldSpec, depth: int) -> Any:
        type_name = fs.types[0] if fs.types else "String"
        if type_name.startswith("Array of "):
            return []
        if type_name == "String":
            match = _DISCRIMINATOR_RE.search(fs.description) or _QUOTED_OPTION_RE.search(
                fs.description
            )
            return next((g for g in match.groups() if g), "") if match else ""
        values: dict[str, Any] = {"Integer": 1, "Float": 0.0, "Boolean": False, "True": True}
        if type_name in values:
            return values[type_name]
        return self._placeholder(type_name, depth + 1)
