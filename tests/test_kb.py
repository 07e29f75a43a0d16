"""Knowledge base: answers, shared rule data, honest fallback, the ask command and kb lint."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from bot.domain.kb.answers import KnowledgeBase, PlaceholderError, fill_rule_data
from bot.domain.kb.build import build_knowledge_base
from bot.domain.kb.text import detect_language, tokens
from knowledge.lint import REQUIRED_FAQ_IDS, faq_problems
from knowledge.loader import (
    KNOWLEDGE_DIR,
    load_faq,
    load_locale,
    load_locales,
    load_markets,
    read_yaml,
)
from knowledge.schema import FaqEntry, RuleSet
from tests.support.cli import exportdesk

TODAY = dt.date(2026, 12, 1)


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return build_knowledge_base()


def test_every_required_entry_exists_in_every_language() -> None:
    entries = {e.id: e for e in load_faq()}
    assert set(entries) >= REQUIRED_FAQ_IDS
    for entry in entries.values():
        assert set(entry.texts) == {"en", "zh", "ru"}


def test_issue_examples() -> None:
    done = exportdesk(
        "ask", "--json", "--lang", "ru", "нужно ли письмо от завода если машине 2 месяца"
    )
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    assert doc["entry_id"] in {"after-sales-letter", "rule-180-days"}
    assert doc["fallback"] is False
    assert doc["lang"] == "ru"
    pizza = json.loads(exportdesk("ask", "--json", "best pizza in Almaty").stdout)
    assert pizza["entry_id"] is None
    assert pizza["fallback"] is True
    assert set(pizza) == {
        "entry_id", "confidence", "answer", "sources", "reviewed_on", "lang", "fallback",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("what is the 180 day rule", "rule-180-days"),
        ("零公里二手车还能出口吗", "zero-km-used-cars"),
        ("нужно ли письмо от производителя", "after-sales-letter"),
        ("how much is the utilsbor in russia for 200 hp", "russia-recycling-fee"),
        ("肯尼亚收左舵车吗", "lhd-rhd-markets"),
    ],
)
def test_answers_in_three_scripts(kb: KnowledgeBase, question: str, expected: str) -> None:
    answer = kb.ask(question)
    assert answer.entry_id == expected
    assert answer.lang == detect_language(question)
    assert answer.sources
    assert answer.reviewed_on is not None


@pytest.mark.parametrize(
    "question",
    ["best pizza in Almaty", "какая погода в Москве", "今天股市怎么样", "", "???", "12345"],
)
def test_out_of_scope_falls_back(kb: KnowledgeBase, question: str) -> None:
    answer = kb.ask(question)
    assert answer.fallback
    assert answer.entry_id is None
    assert "/contact" in answer.text


def test_answer_language_can_be_forced(kb: KnowledgeBase) -> None:
    answer = kb.ask("what is the 180 day rule", lang="zh")
    assert answer.lang == "zh"
    assert "180天" in answer.text


def test_rule_numbers_and_dates_come_from_the_rule_set(ruleset: RuleSet) -> None:
    zh, ru = load_locale("zh"), load_locale("ru")
    markets = load_markets()
    text = "[[cn.180_day_letter:max_days_inclusive]] / [[cn.180_day_letter:valid_from]]"
    assert fill_rule_data(text, ruleset, zh, markets) == "180 / 2026年1月1日"
    assert fill_rule_data(text, ruleset, ru, markets) == "180 / 1 января 2026\u202fг."
    assert fill_rule_data("[[cn.deregistration:months_after_clearance]]", ruleset, zh, {}) == "2"
    with pytest.raises(PlaceholderError):
        fill_rule_data("[[cn.180_day_letter:nope]]", ruleset, zh, markets)
    with pytest.raises(PlaceholderError):
        fill_rule_data("[[cn.nope:max]]", ruleset, zh, markets)


def test_market_numbers_come_from_the_market_files(ruleset: RuleSet) -> None:
    markets = load_markets()
    ru = load_locale("ru")
    text = (
        "[[RU/dest.ru.fee_reduced_ice:under_3_years_rub]] [[RU/dest.ru.fee_reduced_ice:hp_at_most]]"
    )
    assert fill_rule_data(text, ruleset, ru, markets) == "3\xa0400 160"
    with pytest.raises(PlaceholderError):
        fill_rule_data("[[RU/dest.ru.nope:x]]", ruleset, ru, markets)
    changed = markets["KZ"].model_copy(
        update={
            "advisories": tuple(
                a.model_copy(update={"params": {"vat_percent": 12}}) if a.id == "dest.kz.vat" else a
                for a in markets["KZ"].advisories
            )
        }
    )
    filled = fill_rule_data("[[KZ/dest.kz.vat:vat_percent]]%", ruleset, ru, {"KZ": changed})
    assert filled == "12%"


def test_a_changed_rule_changes_the_answer(ruleset: RuleSet) -> None:
    rules = tuple(
        r.model_copy(update={"params": {"max_days_inclusive": 200}})
        if r.id == "cn.180_day_letter"
        else r
        for r in ruleset.rules
    )
    changed = ruleset.model_copy(update={"rules": rules})
    entries = load_faq()
    kb = KnowledgeBase(
        entries, changed, load_locales(), build_knowledge_base().model, markets=load_markets()
    )
    body = kb.entry_answer("rule-180-days", "en").body
    assert "200 days" in body
    assert "180" not in body


def test_no_unfilled_placeholder_in_any_answer(kb: KnowledgeBase) -> None:
    for entry in load_faq():
        for lang in ("en", "zh", "ru"):
            body = kb.entry_answer(entry.id, lang).body
            assert "[[" not in body
            assert "]]" not in body


def test_tokens_handle_each_script() -> None:
    assert "письм" in tokens("Письмо")
    assert "#确认" in tokens("确认书")
    assert "^manuf" in tokens("manufactuer")  # a typo still shares the prefix
    assert detect_language("Kenya LHD?") == "en"
    assert detect_language("Кения") == "ru"
    assert detect_language("肯尼亚 LHD") == "zh"


def test_batch_answers_one_json_per_line() -> None:
    done = exportdesk(
        "ask", "--batch", "-", stdin="what is the 180 day rule\n\nbest pizza in Almaty\n零公里\n"
    )
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(lines) == 3
    assert lines[0]["entry_id"] == "rule-180-days"
    assert lines[1]["fallback"] is True
    assert lines[2]["lang"] == "zh"


@pytest.mark.parametrize(
    "args",
    [("ask",), ("ask", "--batch", "-", "a question"), ("ask", "--batch", "/no/such/file")],
)
def test_ask_usage_errors(args: tuple[str, ...]) -> None:
    done = exportdesk(*args)
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1
    assert "Traceback" not in done.stderr


def test_readable_answer_lists_sources() -> None:
    done = exportdesk("ask", "what documents do I need to export a used car")
    assert done.returncode == 0
    assert "Sources:" in done.stdout
    assert "http" in done.stdout


def entry(**changes: object) -> FaqEntry:
    base = load_faq()[0]
    return base.model_copy(update=changes)


MARKETS = frozenset(load_markets())


def test_faq_lint_problems(ruleset: RuleSet) -> None:
    entries = load_faq()
    assert faq_problems(entries, ruleset.rule_ids(), TODAY, MARKETS) == ([], [])
    fewer = entries[1:]
    problems, _ = faq_problems(fewer, ruleset.rule_ids(), TODAY, MARKETS)
    assert f"faq: required entry {entries[0].id} is missing" in problems
    future = entry(reviewed_on=TODAY + dt.timedelta(days=1))
    problems, _ = faq_problems((future, *entries[1:]), ruleset.rule_ids(), TODAY, MARKETS)
    assert any("in the future" in p for p in problems)
    stale = entry(reviewed_on=TODAY - dt.timedelta(days=181))
    _, warnings = faq_problems((stale, *entries[1:]), ruleset.rule_ids(), TODAY, MARKETS)
    assert any("stale" in w for w in warnings)
    dangling = entry(related=("no-such-topic",), rule_ids=("cn.nope",), covers=("ZZ/fees",))
    problems, _ = faq_problems((dangling, *entries[1:]), ruleset.rule_ids(), TODAY, MARKETS)
    assert any("related no-such-topic" in p for p in problems)
    assert any("rule cn.nope" in p for p in problems)
    assert any("covers ZZ/fees" in p for p in problems)
    twin_text = (
        entries[1]
        .texts["en"]
        .model_copy(
            update={
                "examples": (*entries[1].texts["en"].examples, entries[0].texts["en"].examples[0])
            }
        )
    )
    twin = entries[1].model_copy(update={"texts": {**entries[1].texts, "en": twin_text}})
    problems, _ = faq_problems((entries[0], twin, *entries[2:]), ruleset.rule_ids(), TODAY, MARKETS)
    assert any("also in faq/" in p for p in problems)


def test_policy_entries_need_sources() -> None:
    raw = read_yaml(KNOWLEDGE_DIR / "faq" / "rule-180-days.yaml")
    raw["sources"] = []
    with pytest.raises(ValueError, match="needs at least one source"):
        FaqEntry.model_validate(raw)
    raw = read_yaml(KNOWLEDGE_DIR / "faq" / "about-this-bot.yaml")
    assert FaqEntry.model_validate(raw).topic == "service"


# Out-of-scope questions in no knowledge file (written for this test): everyday chatter and
# near-domain asks no entry answers. Each must fall back, bar a couple of borderline ones.
UNSEEN_OUT_OF_SCOPE = (
    "can you recommend a good dentist in urumqi",
    "what is the speed limit on kazakh highways",
    "how do i reset my car's tyre pressure light",
    "write a poem about the silk road",
    "how much does a used bmw x5 cost in germany",
    "which airline flies beijing to tashkent",
    "is it safe to drink tap water in almaty",
    "convert 500 dollars to rubles",
    "乌鲁木齐哪里有好吃的拉条子",
    "帮我写一封请假邮件",
    "哈萨克斯坦的首都是哪个城市",
    "特斯拉股票明天会涨吗",
    "汽车空调不制冷怎么办",
    "去俄罗斯旅游要办什么签证",
    "手机话费怎么充值",
    "比特币现在多少钱",
    "посоветуй фильм на вечер",
    "как поменять масло в двигателе самому",
    "сколько стоит билет на поезд алматы ташкент",
    "какая погода будет в москве на выходных",
    "рецепт плова по-узбекски",
    "как открыть счёт в китайском банке",
    "курс юаня к тенге на сегодня",
    "где купить зимнюю резину в бишкеке",
)


def test_unseen_out_of_scope_questions_fall_back(kb: KnowledgeBase) -> None:
    """The confidence model generalises: questions it never saw are still not answered."""
    answered = [q for q in UNSEEN_OUT_OF_SCOPE if not kb.ask(q, None, TODAY).fallback]
    assert len(answered) <= 2, answered
