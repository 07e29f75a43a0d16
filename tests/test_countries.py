"""Country names in each language and lookup by what people type."""

from __future__ import annotations

import pytest

from bot.domain.countries import CountryIndex, country_name
from knowledge.loader import load_country_aliases, load_locale, load_locales


@pytest.fixture(scope="module")
def index() -> CountryIndex:
    return CountryIndex(load_locales().values(), load_country_aliases())


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("KZ", "KZ"),
        ("kz", "KZ"),
        ("Kazakhstan", "KZ"),
        ("哈萨克斯坦", "KZ"),
        ("Казахстан", "KZ"),
        ("в Казахстан", "KZ"),
        ("Казахстане", "KZ"),
        ("Kazakstan", "KZ"),  # a typo
        ("UAE", "AE"),
        ("阿联酋", "AE"),
        ("ОАЭ", "AE"),
        ("Кыргызстан", "KG"),
        ("Киргизия", "KG"),
        ("沙特", "SA"),
        ("Saudi Arabia", "SA"),
        ("Россия", "RU"),
        ("俄罗斯", "RU"),
        ("Georgia", "GE"),
        ("Грузия", "GE"),
        ("KEN", "KE"),
    ],
)
def test_lookup(index: CountryIndex, typed: str, code: str) -> None:
    assert index.find(typed) == code


@pytest.mark.parametrize("typed", ["", "best pizza", "xx", "Narnia", "12345"])
def test_no_match(index: CountryIndex, typed: str) -> None:
    assert index.find(typed) is None


def test_names_in_each_language() -> None:
    assert country_name("KZ", load_locale("en")) == "Kazakhstan"
    assert country_name("KZ", load_locale("zh")) == "哈萨克斯坦"
    assert country_name("KZ", load_locale("ru")) == "Казахстан"
