"""What a user types for how to be reached is checked before a lead is made of it."""

from __future__ import annotations

import pytest

from bot.domain.contact_ways import read_contact


@pytest.mark.parametrize(
    ("way", "typed", "lang", "expected"),
    [
        ("phone", "+7 701 123 45 67", "en", "+77011234567"),
        ("whatsapp", "8 (916) 123-45-67", "ru", "+79161234567"),
        ("phone", "138 0013 8000", "zh", "+8613800138000"),
        ("phone", "12345", "en", None),
        ("phone", "call me", "en", None),
        ("phone", "916 123 45 67", "en", None),  # no country code and no country to assume
        ("wechat", "dealer_2026", "zh", "dealer_2026"),
        ("wechat", "12abc", "zh", None),
        ("email", "Buyer@Example.com", "en", "buyer@example.com"),
        ("email", "buyer@example", "en", None),
        ("telegram", "anything", "en", None),
    ],
)
def test_a_contact_is_read_or_refused(
    way: str, typed: str, lang: str, expected: str | None
) -> None:
    assert read_contact(way, typed, lang) == expected
