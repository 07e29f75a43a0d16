"""Typed answers to button questions, over the real word list (knowledge/answer_words.yaml)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.domain.answer_words import GENERIC_ANSWERS, GENERIC_SECTION, AnswerWords
from bot.domain.questionnaire import QUESTIONS, Kind, Question
from knowledge.loader import KnowledgeError, load_answer_words, load_locales, load_smalltalk
from knowledge.schema import LANGS

BY_ID = {q.id: q for q in QUESTIONS}
CHOICES = [q for q in QUESTIONS if q.kind in (Kind.CHOICE, Kind.MULTI)]
LOCALES = load_locales()


@pytest.fixture(scope="module")
def words() -> AnswerWords:
    return AnswerWords(load_answer_words())


def labels(question: Question, lang: str) -> dict[str, str]:
    """The button labels as the user sees them."""
    return {o: LOCALES[lang].ui[f"{question.id}.{o}"] for o in question.options}


def match(words: AnswerWords, question_id: str, text: str, lang: str = "en") -> str | None:
    question = BY_ID[question_id]
    return words.match(question.id, question.options, text, labels(question, lang))


# --- words that must be understood ----------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "text", "option"),
    [
        ("powertrain", "petrol", "ice"),
        ("powertrain", "Gasoline", "ice"),
        ("powertrain", "diesel", "ice"),
        ("powertrain", "ДВС", "ice"),
        ("powertrain", "бензин", "ice"),
        ("powertrain", "Бензиновый", "ice"),
        ("powertrain", "汽油", "ice"),
        ("powertrain", "柴油", "ice"),
        ("powertrain", "纯电", "bev"),
        ("powertrain", "电动车", "bev"),
        ("powertrain", "EV", "bev"),
        ("powertrain", "ＥＶ", "bev"),  # full-width, from a Chinese keyboard
        ("powertrain", "⚡️ electric!", "bev"),
        ("powertrain", "электромобиль", "bev"),
        ("powertrain", "hybrid", "hev"),
        ("powertrain", "гибрид", "hev"),
        ("powertrain", "plug-in hybrid", "phev"),  # the longer word wins over "hybrid"
        ("powertrain", "подзаряжаемый гибрид", "phev"),
        ("powertrain", "插混", "phev"),
        ("powertrain", "range extender", "erev"),
        ("powertrain", "последовательный гибрид", "erev"),
        ("powertrain", "增程", "erev"),
        ("powertrain", "hydrogen", "fcev"),
        ("powertrain", "водород", "fcev"),
        ("powertrain", "it's a petrol car", "ice"),
        ("powertrain", "это бензин", "ice"),
        ("powertrain", "我的车是纯电动的", "bev"),
        ("vehicle_type", "легковой", "passenger"),
        ("vehicle_type", "легковая", "passenger"),
        ("vehicle_type", "SUV", "passenger"),
        ("vehicle_type", "乘用车", "passenger"),
        ("vehicle_type", "a truck", "commercial"),
        ("vehicle_type", "грузовик", "commercial"),
        ("vehicle_type", "货车", "commercial"),
        ("vehicle_type", "低速货车", "low_speed"),  # contains 货车, but the longer word wins
        ("vehicle_type", "三轮汽车", "three_wheeler"),
        ("vehicle_type", "прицеп", "trailer"),
        ("steering", "left", "lhd"),
        ("steering", "LHD", "lhd"),
        ("steering", "левый руль", "lhd"),
        ("steering", "是左舵", "lhd"),
        ("steering", "right hand drive", "rhd"),
        ("steering", "Right-hand drive", "rhd"),
        ("steering", "праворульная", "rhd"),
        ("steering", "右舵", "rhd"),
        ("emission_standard", "Евро 5", "euro5"),
        ("emission_standard", "евро-5", "euro5"),
        ("emission_standard", "Euro5", "euro5"),
        ("emission_standard", "Е5", "euro5"),
        ("emission_standard", "Euro VI", "euro6"),
        ("emission_standard", "国五", "china5"),
        ("emission_standard", "国5", "china5"),
        ("emission_standard", "China 6", "china6"),
        ("emission_standard", "国六B", "china6"),
        ("problems", "modified", "modified"),
        ("problems", "改装了", "modified"),
        ("problems", "в залоге", "encumbered"),
        ("problems", "no problems", "none"),
        ("problems", "ничего", "none"),
    ],
)
def test_words(words: AnswerWords, question: str, text: str, option: str) -> None:
    assert match(words, question, text) == option


@pytest.mark.parametrize("lang", ["zh", "ru"])
def test_words_of_every_language_count_whatever_the_users_language(
    words: AnswerWords, lang: str
) -> None:
    assert match(words, "powertrain", "EV", lang) == "bev"
    assert match(words, "powertrain", "бензин", lang) == "ice"
    assert match(words, "powertrain", "纯电", lang) == "bev"


@pytest.mark.parametrize(
    ("question", "text", "option"),
    [
        ("powertrain", "petorl", "ice"),
        ("powertrain", "elektro", "bev"),
        ("powertrain", "elecric", "bev"),
        ("powertrain", "бензн", "ice"),
        ("powertrain", "дизел", "ice"),
        ("powertrain", "plugin hybrd", "phev"),
        ("steering", "rigth", "rhd"),
        ("steering", "lfet", "lhd"),
        ("vehicle_type", "прицепы", "trailer"),
        ("emission_standard", "eruo 4", "euro4"),
    ],
)
def test_typos(words: AnswerWords, question: str, text: str, option: str) -> None:
    assert match(words, question, text) == option


@pytest.mark.parametrize(
    ("question", "text", "option"),
    [
        ("powertrain", "1", "ice"),
        ("powertrain", "6", "fcev"),
        ("powertrain", "２", "hev"),  # full-width digit
        ("powertrain", "1️⃣", "ice"),
        ("powertrain", "#5.", "bev"),
        ("steering", "2", "rhd"),
        # A bare number is always the button's place, also where options have numbers in them.
        ("emission_standard", "5", "china6"),
    ],
)
def test_numbers(words: AnswerWords, question: str, text: str, option: str) -> None:
    assert match(words, question, text) == option


@pytest.mark.parametrize(
    ("question", "text", "option"),
    [
        ("powertrain", "bev", "bev"),
        ("vehicle_type", "three_wheeler", "three_wheeler"),
        ("vehicle_type", "low_speed", "low_speed"),
        ("emission_standard", "china5", "china5"),
        ("problems", "none", "none"),
    ],
)
def test_option_codes(words: AnswerWords, question: str, text: str, option: str) -> None:
    assert match(words, question, text) == option


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("question", CHOICES, ids=lambda q: q.id)
def test_every_label_of_every_language_is_understood(
    words: AnswerWords, question: Question, lang: str
) -> None:
    for option, label in labels(question, lang).items():
        assert words.match(question.id, question.options, label, {}) == option, label
        assert words.match(question.id, question.options, label.upper(), {}) == option, label


def test_the_label_on_screen_counts_even_without_a_word(words: AnswerWords) -> None:
    question = BY_ID["powertrain"]
    shown = {**labels(question, "en"), "ice": "Motor térmico"}
    assert words.match(question.id, question.options, "motor térmico", shown) == "ice"
    assert words.match(question.id, question.options, "motor térmico", {}) is None


def test_only_the_options_offered_count(words: AnswerWords) -> None:
    assert words.match("powertrain", ("ice", "bev"), "hybrid", {}) is None
    assert words.match("powertrain", ("ice", "bev"), "electric", {}) == "bev"
    assert words.match("powertrain", ("ice", "bev"), "3", {}) is None


# --- what must not match --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "text"),
    [
        ("powertrain", ""),
        ("powertrain", "   "),
        ("powertrain", "🚗"),
        ("powertrain", "?!"),
        ("powertrain", "banana"),
        ("powertrain", "evv"),  # short words need an exact match
        ("powertrain", "eu"),
        ("powertrain", "7"),  # only six buttons
        ("powertrain", "0"),
        ("steering", "3"),
        ("powertrain", "petrol electric"),  # two options named
        ("powertrain", "electric or petrol"),
        ("powertrain", "气电混合"),  # one character from both 油电混合 and 插电混合
        ("powertrain", "not electric"),
        ("powertrain", "не бензин"),
        ("powertrain", "不是纯电"),
        ("powertrain", "新能源"),  # covers plug-in hybrids and range extenders too
        ("emission_standard", "euro 7"),  # digits are never a typo
        ("emission_standard", "euro"),
        ("emission_standard", "国四"),  # no button; not the same as Euro 4
        ("steering", "left or right"),
        ("problems", "not modified"),
        ("problems", "没有改装"),
        ("problems", "on loan and modified"),  # two problems: tap them
        ("vehicle_type", "hybrid"),  # a word of another question
    ],
)
def test_no_match(words: AnswerWords, question: str, text: str) -> None:
    assert match(words, question, text) is None


def test_an_unknown_question_takes_numbers_codes_and_labels_only(words: AnswerWords) -> None:
    options = ("alpha", "beta")
    assert words.match("colour", options, "2", {}) == "beta"
    assert words.match("colour", options, "ALPHA", {}) == "alpha"
    assert words.match("colour", options, "Beta!", {"beta": "beta!"}) == "beta"
    assert words.match("colour", options, "petrol", {}) is None


# --- yes / no / skip ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("yes", "yes"),
        ("Y", "yes"),
        ("yep", "yes"),
        ("да", "yes"),
        ("ага", "yes"),
        ("是", "yes"),
        ("是的", "yes"),
        ("有", "yes"),
        ("对", "yes"),
        ("yes please", "yes"),
        ("no", "no"),
        ("nope", "no"),
        ("n", "no"),
        ("нет", "no"),
        ("没有", "no"),
        ("否", "no"),
        ("skip", "skip"),
        ("Пропустить", "skip"),
        ("跳过", "skip"),
        ("不知道", "skip"),
        ("没有车架号", "skip"),  # contains 没有 (no), but the longer word wins
        ("нет VIN", "skip"),
        ("no vin", "skip"),
        ("I don't know", "skip"),
        ("no idea", "skip"),
        ("не знаю", "skip"),
        ("пропустит", "skip"),  # a typo
    ],
)
def test_generic(words: AnswerWords, text: str, answer: str) -> None:
    assert words.generic(text) == answer


@pytest.mark.parametrize("text", ["", "banana", "是否", "是不是", "нет, не знаю", "yes no", "?"])
def test_generic_no_match(words: AnswerWords, text: str) -> None:
    assert words.generic(text) is None


@pytest.mark.parametrize("lang", LANGS)
def test_the_yes_no_skip_buttons_are_understood(words: AnswerWords, lang: str) -> None:
    ui = LOCALES[lang].ui
    assert words.generic(ui["btn.yes"]) == "yes"
    assert words.generic(ui["btn.no"]) == "no"
    assert words.generic(ui["btn.skip"]) == "skip"
    assert words.generic(ui["btn.unknown"]) == "skip"


def test_the_smalltalk_words_agree(words: AnswerWords) -> None:
    smalltalk = load_smalltalk()
    unknown = [w for w in smalltalk["unknown_words"] if w != "?"]  # "?" has no letters
    assert [words.generic(w) for w in unknown] == ["skip"] * len(unknown)
    problems = BY_ID["problems"]
    none = [words.match(problems.id, problems.options, w, {}) for w in smalltalk["none_words"]]
    assert none == ["none"] * len(none)


# --- the data -------------------------------------------------------------------------------


@pytest.mark.parametrize("question", CHOICES, ids=lambda q: q.id)
def test_every_option_has_words_in_every_language(question: Question) -> None:
    data = load_answer_words()
    for option in question.options:
        by_lang = data.get(question.id, {}).get(option, {})
        missing = [lang for lang in LANGS if not by_lang.get(lang)]
        assert not missing, f"{question.id}.{option}: no words in {missing}"


def test_no_words_for_questions_or_options_that_do_not_exist() -> None:
    known = {q.id: set(q.options) for q in CHOICES} | {GENERIC_SECTION: set(GENERIC_ANSWERS)}
    for section, options in load_answer_words().items():
        assert section in known, section
        assert set(options) <= known[section], section
    assert set(load_answer_words()[GENERIC_SECTION]) == set(GENERIC_ANSWERS)


def test_a_word_of_two_options_is_refused() -> None:
    data = {"powertrain": {"ice": {"en": ["Hybrid"]}, "hev": {"en": ["hybrid!"]}}}
    with pytest.raises(ValueError, match="both ice and hev"):
        AnswerWords(data)


def test_a_word_without_letters_is_refused() -> None:
    with pytest.raises(ValueError, match="no letters"):
        AnswerWords({"steering": {"lhd": {"en": ["--"]}}})


def test_a_tie_between_two_options_matches_nothing() -> None:
    words = AnswerWords({"q": {"a": {"en": ["abcdef"]}, "b": {"en": ["abcdeg"]}}})
    assert words.match("q", ("a", "b"), "abcdex", {}) is None
    assert words.match("q", ("a", "b"), "abcdf", {}) == "a"


def test_an_unquoted_yes_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "answer_words.yaml"
    path.write_text("generic:\n  skip:\n    en: [no]\n    zh: [跳过]\n    ru: [да]\n", "utf-8")
    with pytest.raises(KnowledgeError, match="quote"):
        load_answer_words(tmp_path)  # the word `no` is read as False
    path.write_text('generic:\n  yes:\n    en: ["yes"]\n    zh: [是]\n    ru: [да]\n', "utf-8")
    with pytest.raises(ValueError, match="unknown answers"):
        AnswerWords(load_answer_words(tmp_path))  # the key `yes` is read as True


def test_the_loader_refuses_a_missing_language(tmp_path: Path) -> None:
    (tmp_path / "answer_words.yaml").write_text(
        "steering:\n  lhd:\n    en: [left]\n    ru: [левый]\n", encoding="utf-8"
    )
    with pytest.raises(KnowledgeError, match=r"answer_words\.yaml"):
        load_answer_words(tmp_path)
