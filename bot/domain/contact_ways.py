"""How a user wants to be reached, and whether what they typed for it can be used."""

from __future__ import annotations

import re

import phonenumbers

WAYS = ("telegram", "phone", "whatsapp", "wechat", "email")
TYPED = frozenset({"phone", "whatsapp", "wechat", "email"})  # ways that need a typed value
# A number typed without +country code is read as a number of the user's language's country.
REGION_BY_LANG = {"zh": "CN", "ru": "RU"}
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")
_WECHAT = re.compile(r"^[A-Za-z][-_A-Za-z0-9]{5,19}$")  # WeChat's own rule for IDs


# What a sales desk needs to quote a buyer, asked after the contact (each may be skipped).
QUOTE = ("car", "quantity", "budget", "port", "terms", "timeline")
TERMS = ("fob", "cif", "unsure")
QUOTE_TEXT_LIMIT = 120


def read_quote(stage: str, text: str) -> str | int | None:
    """A typed answer to a quote question: a quantity of 1 to 999, else short free text."""
    cleaned = " ".join(text.split())
    if stage == "quantity":
        number = re.search(r"\d+", cleaned)
        return int(number.group()) if number and 0 < int(number.group()) < 1000 else None
    return cleaned[:QUOTE_TEXT_LIMIT] or None


def read_contact(way: str, text: str, lang: str) -> str | None:
    """The contact in a normal form (+E.164 numbers), or None when it cannot be right."""
    cleaned = text.strip()
    if way in ("phone", "whatsapp"):
        try:
            number = phonenumbers.parse(cleaned, REGION_BY_LANG.get(lang))
        except phonenumbers.NumberParseException:
            return None
        if not phonenumbers.is_valid_number(number):
            return None
        return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))
    if way == "wechat":
        return cleaned if _WECHAT.match(cleaned) else None
    if way == "email":
        return cleaned.casefold() if _EMAIL.match(cleaned) else None
    return None
