"""Each question kind reads typed text, offers its buttons and says a stored answer in words."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from bot.domain.answer_kinds import Env, offered, read_answer, shown_answer
from bot.domain.questionnaire import QUESTIONS, Context
from bot.services.library import Library

TODAY = dt.date(2026, 3, 1)
BY_ID = {q.id: q for q in QUESTIONS}


@pytest.fixture(scope="module")
def envs(library: Library) -> dict[str, Env]:
    return {
        lang: Env(
            locale, TODAY, library.countries, library.smalltalk, library.answer_words, ("KZ", "RU")
        )
        for lang, locale in library.locales.items()
    }


def ctx(role: str = "buyer", **answers: Any) -> Context:
    return Context(answers, role, TODAY, 180, {})


@pytest.mark.parametrize(
    ("question", "typed", "value"),
    [
        ("vin", "lrw3f7fs9-pc893577", "LRW3F7FS9PC893577"),
        ("vin", "没有车架号", None),
        ("vehicle_type", "легковой", "passenger"),
        ("powertrain", "纯电", "bev"),
        ("registered_in_china", "ага", True),
        ("registration_date", "2025年10月1日", "2025-10-01"),
        ("odometer_km", "1.2万公里", 12000),
        ("engine_power_hp", "110 kW", 150),
        ("destination", "в Россию", "RU"),
        ("steering", "right hand drive", "rhd"),
        ("problems", "都没有", ["none"]),
        ("problems", "the car is modified", ["modified"]),
        ("emission_standard", "国五", "china5"),
    ],
)
def test_typed_answers_are_read_by_their_kind(
    envs: dict[str, Env], question: str, typed: str, value: Any
) -> None:
    found = read_answer(BY_ID[question], typed, envs["en"], {})
    assert (found.ok, found.value) == (True, value)


@pytest.mark.parametrize(
    ("question", "typed"),
    [
        ("vin", "ABC"),
        ("vehicle_type", "skip"),
        ("registered_in_china", "maybe"),
        ("odometer_km", "a lot"),
    ],
)
def test_what_does_not_answer_is_not_read(envs: dict[str, Env], question: str, typed: str) -> None:
    assert not read_answer(BY_ID[question], typed, envs["en"], {}).ok


def test_a_date_that_reads_two_ways_offers_both(envs: dict[str, Env]) -> None:
    found = read_answer(BY_ID["registration_date"], "01/02/2026", envs["en"], {})
    assert not found.ok
    assert set(found.candidates) == {dt.date(2026, 1, 2), dt.date(2026, 2, 1)}


def test_buttons_and_skip_follow_the_role(envs: dict[str, Env]) -> None:
    env = envs["en"]
    paperwork = BY_ID["exporter_filed"]
    assert [c.code for c in offered(paperwork, ctx("buyer"), env, ())] == ["y", "n", "s"]
    assert [c.code for c in offered(paperwork, ctx("dealer"), env, ())] == ["y", "n"]
    country = [c.code for c in offered(BY_ID["destination"], ctx(), env, ())]
    assert country == ["KZ", "RU", "s"]
    ticks = offered(BY_ID["problems"], ctx(), env, ("modified",))
    assert [c.code for c in ticks if c.ticked] == [str(BY_ID["problems"].options.index("modified"))]
    assert [c.code for c in ticks if not c.tick][:2] == ["none", "done"]


@pytest.mark.parametrize(
    ("lang", "question", "value", "expected"),
    [
        ("en", "destination", "KZ", "Kazakhstan"),
        ("zh", "destination", "KZ", "哈萨克斯坦"),
        ("ru", "odometer_km", 12000, "12 000 км"),
        ("en", "registration_date", "2026-01-20", "January 20, 2026"),
        ("en", "application_date", None, "today"),
    ],
)
def test_a_stored_answer_is_said_in_words(
    envs: dict[str, Env], lang: str, question: str, value: Any, expected: str
) -> None:
    assert shown_answer(BY_ID[question], value, envs[lang]).replace("\xa0", " ") == expected


@pytest.mark.parametrize(
    ("question", "typed", "answers", "refused", "day"),
    [
        ("registration_date", "2026-03-02", {}, "registration_in_future", dt.date(2026, 3, 2)),
        ("application_date", "2026-02-28", {}, "application_in_past", TODAY),
        (
            "application_date",
            "2026-03-05",
            {"registration_date": "2026-03-10"},
            "application_before_registration",
            dt.date(2026, 3, 10),
        ),
    ],
)
def test_an_impossible_date_is_refused_with_its_reason(
    envs: dict[str, Env],
    question: str,
    typed: str,
    answers: dict[str, Any],
    refused: str,
    day: dt.date,
) -> None:
    found = read_answer(BY_ID[question], typed, envs["en"], answers)
    assert (found.ok, found.refused, found.refused_day) == (False, refused, day)


@pytest.mark.parametrize(
    ("question", "typed", "value"),
    [
        ("registration_date", "2026-03-01", "2026-03-01"),  # registered today: fine
        ("application_date", "2026-03-01", "2026-03-01"),  # applying today: fine
        ("registration_date", "5 March", "2025-03-05"),  # no year: the last 5 March
        ("application_date", "5 March", "2026-03-05"),  # no year: the next 5 March
        ("registration_date", "去年10月1日", "2025-10-01"),
    ],
)
def test_a_date_without_a_year_points_the_way_the_question_means(
    envs: dict[str, Env], question: str, typed: str, value: str
) -> None:
    found = read_answer(BY_ID[question], typed, envs["en"], {})
    assert (found.ok, found.value) == (True, value)
