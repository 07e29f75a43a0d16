"""Country questions are answered from the country's own facts, in the user's language."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.domain.countries import CountryIndex
from bot.domain.explain import fact_text
from bot.domain.kb.answers import KnowledgeBase
from bot.domain.kb.build import build_knowledge_base
from bot.domain.kb.markets import MarketAnswers, TopicFinder
from knowledge.loader import (
    load_country_aliases,
    load_kb_topics,
    load_locale,
    load_locales,
    load_markets,
)
from knowledge.schema import Market

ON = dt.date(2026, 12, 1)


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return build_knowledge_base()


@pytest.fixture(scope="module")
def countries() -> CountryIndex:
    return CountryIndex(load_locales().values(), load_country_aliases())


def answers(markets: dict[str, Market] | None = None) -> MarketAnswers:
    locales = load_locales()
    index = CountryIndex(locales.values(), load_country_aliases())
    return MarketAnswers(markets or load_markets(), index, TopicFinder(load_kb_topics()), locales)


@pytest.mark.parametrize(
    ("question", "lang", "expected"),
    [
        ("Kazakhstan recycling fee 2026", "en", "market/KZ/fees"),
        ("SOH certificate for Jordan", "en", "market/JO/ev"),
        ("утильсбор в казахстане на бензиновую машину", "ru", "market/KZ/fees"),
        ("沙特二手车车龄限制", "zh", "market/SA/age"),
        ("можно ли ввезти праворульную машину в Грузию", "ru", "market/GE/steering"),
    ],
)
def test_country_and_topic_answered_from_the_market(
    kb: KnowledgeBase, question: str, lang: str, expected: str
) -> None:
    answer = kb.ask(question, None, ON)
    assert (answer.entry_id, answer.lang) == (expected, lang)
    assert answer.sources
    assert answer.reviewed_on is not None


def test_the_answer_quotes_the_market_data_not_a_copy() -> None:
    markets = load_markets()
    kz = markets["KZ"]
    vat = next(a for a in kz.advisories if a.id == "dest.kz.vat")
    changed = kz.model_copy(
        update={
            "advisories": tuple(
                a.model_copy(update={"params": {"vat_percent": 21}}) if a is vat else a
                for a in kz.advisories
            )
        }
    )
    reply = answers({**markets, "KZ": changed}).answer("Kazakhstan VAT on cars", "en", ON)
    assert reply is not None
    assert "21%" in reply.body
    assert "16%" not in reply.body
    original = answers().answer("Kazakhstan VAT", "en", ON)
    assert original is not None
    assert fact_text(vat, load_locale("en")) in original.body


def test_a_lapsed_fact_is_said_to_be_not_confirmed_since() -> None:
    question = "can I import a used car to Mexico"
    before = answers().answer(question, "en", dt.date(2026, 11, 1))
    after = answers().answer(question, "en", ON)
    assert before is not None
    assert after is not None
    assert "not confirmed since" not in before.body
    assert "valid until November 30, 2026, not confirmed since" in after.body


def test_a_country_without_a_file_says_so(kb: KnowledgeBase) -> None:
    answer = kb.ask("import rules for used cars in brazil", None, ON)
    assert answer.fallback
    assert "Brazil" in answer.text


def test_a_topic_with_no_fact_on_file_says_what_to_ask() -> None:
    reply = answers().answer("Russia age limit for imported cars", "en", ON)
    assert reply is not None
    assert reply.entry_id == "market/RU/age"
    assert reply.sources == ()


def test_mentions_ignore_short_words_and_the_origin(countries: CountryIndex) -> None:
    exclude = frozenset({"CN"})
    assert countries.mentions("can i sell my car to a dealer in china", exclude) == []
    assert countries.mentions("ввоз в Россию из Китая", exclude) == ["RU"]
    assert countries.mentions("in the UAE", exclude) == ["AE"]
    assert countries.mentions("出口到约旦的电动车", exclude) == ["JO"]


@pytest.mark.parametrize(
    ("question", "country"),
    [
        ("can i import a chinese used car into turkey", "Türkiye"),
        ("ввоз авто из китая в беларусь", "Беларусь"),
        ("白俄罗斯进口中国车关税", "白俄罗斯"),
    ],
)
def test_an_unfiled_country_beats_an_overview_entry(
    kb: KnowledgeBase, question: str, country: str
) -> None:
    answer = kb.ask(question, None, ON)
    assert answer.fallback
    assert country in answer.text


def test_a_longer_chinese_name_is_not_read_twice(countries: CountryIndex) -> None:
    assert countries.mentions("白俄罗斯进口中国车", frozenset({"CN"})) == ["BY"]


@pytest.mark.parametrize(
    ("question", "country"),
    [
        ("kenya 8 year rule for used cars", "KE"),
        ("can i ship a 2019 model to KSA", "SA"),
        ("阿塞拜疆超过10年的车能进吗", "AZ"),
        ("таджикистан авто до 2013 года", "TJ"),
    ],
)
def test_a_number_of_years_or_a_model_year_is_an_age_question(
    kb: KnowledgeBase, question: str, country: str
) -> None:
    assert kb.ask(question, None, ON).entry_id == f"market/{country}/age"


def test_a_year_alone_does_not_make_a_fee_question_an_age_question() -> None:
    topics = TopicFinder(load_kb_topics()).topics("утильсбор казахстан 2026 года")
    assert topics[0] == "fees"
    assert "age" not in topics


def test_an_entry_curated_for_a_market_topic_is_offered_beside_its_facts(
    kb: KnowledgeBase,
) -> None:
    answer = kb.ask("Kazakhstan recycling fee 2026", None, ON)
    assert answer.entry_id == "market/KZ/fees"
    assert answer.related == ("kazakhstan-import-cost",)
    assert kb.ask("Kenya age limit", None, ON).related == ()
    assert kb.same_answer("market/KZ/fees", "kazakhstan-import-cost")
    assert kb.same_answer("kazakhstan-import-cost", "market/KZ/ev")
    assert not kb.same_answer("market/KZ/age", "kazakhstan-import-cost")
    assert not kb.same_answer(None, "kazakhstan-import-cost")
