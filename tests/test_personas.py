"""Three people from start to verdict, as they really answer: typed Chinese, typed Russian, taps.

Each runs through the conversation service and through a real PTB Application on the fake Bot
API. Whatever question comes next is answered from the persona's table, so a question added or
reordered does not break the test, while a refused answer (the same question asked again, or a
hint) does.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pytest

from bot.domain.questionnaire import QUESTIONS
from bot.domain.results import Verdict
from bot.domain.steps import AskQuestion, ShowSummary, ShowVerdict
from bot.services.library import Library
from bot.storage.database import make_engine, session_factory
from bot.storage.repository import Repository
from tests.chatter import Chatter, Clock, plain
from tests.test_conversation import Factory
from tests.test_telegram import User, fake_api, running_bot

TODAY = dt.date(2026, 3, 1)  # the clock fixture's day


@dataclass(frozen=True)
class Persona:
    """How one person starts, answers every question and asks for the verdict."""

    name: str
    language_code: str
    start: tuple[str, ...]
    answers: dict[str, str]
    confirm: str
    taps: frozenset[str] = field(default_factory=frozenset)  # question ids answered by a tap
    verdict: Verdict = Verdict.CONDITIONAL


CHINESE_DEALER = Persona(
    name="Chinese dealer, typing",
    language_code="zh-hans",
    start=("/start", "中文", "车商", "核查"),
    answers={
        "vin": "没有车架号",
        "vehicle_type": "乘用车",
        "powertrain": "汽油",
        "registered_in_china": "是",
        "registration_date": "2025年10月1日",
        "application_date": "2026年3月20日",
        "odometer_km": "1.2万公里",
        "after_sales_letter": "有",
        "exporter_filed": "是",
        "transfer_for_export": "是的",
        "data_matches_certificate": "对",
        "test_report": "有",
        "problems": "都没有",
        "destination": "哈萨克斯坦",
        "steering": "左舵",
        "over_3_5_tonnes": "否",
        "manufacture_date": "2025年6月",
        "model_year": "2025",
        "emission_standard": "国六",
        "engine_power_hp": "150马力",
    },
    confirm="确认",
)
RUSSIAN_BUYER = Persona(
    name="Russian buyer, typing",
    language_code="ru",
    start=("/start", "Русский", "Покупатель", "Проверить машину"),
    answers={
        "vin": "пропустить",
        "vehicle_type": "легковой",
        "powertrain": "электро",
        "registered_in_china": "да",
        "registration_date": "20 января 2026",
        "application_date": "10 марта 2026",
        "odometer_km": "12 тыс км",
        "after_sales_letter": "не знаю",
        "exporter_filed": "не знаю",
        "transfer_for_export": "не знаю",
        "data_matches_certificate": "не знаю",
        "test_report": "не знаю",
        "problems": "ничего",
        "destination": "в Россию",
        "steering": "левый руль",
        "over_3_5_tonnes": "нет",
        "manufacture_date": "декабрь 2025",
        "model_year": "2026",
        "emission_standard": "Евро 5",
        "engine_power_hp": "150 л.с.",
    },
    confirm="показать вывод",
)
ENGLISH_BUYER = Persona(
    name="English buyer, tapping",
    language_code="en-GB",
    start=("/start",),
    answers={
        "vin": "Skip",
        "vehicle_type": "Passenger",
        "powertrain": "Petrol",
        "registered_in_china": "Yes",
        "registration_date": "2025-06-01",
        "application_date": "Today",
        "odometer_km": "35,000 km",
        "exporter_filed": "Yes",
        "transfer_for_export": "Yes",
        "data_matches_certificate": "Yes",
        "test_report": "Yes",
        "problems": "None of these",
        "destination": "Kenya",
        "steering": "Right-hand",
        "manufacture_date": "2025-03",
        "model_year": "2025",
        "over_3_5_tonnes": "No",
        "emission_standard": "Euro 6",
        "engine_power_hp": "150 hp",
    },
    confirm="Show the verdict",
    taps=frozenset(
        {"vin", "vehicle_type", "powertrain", "registered_in_china", "application_date"}
        | {"exporter_filed", "transfer_for_export", "data_matches_certificate", "test_report"}
        | {"problems", "steering", "over_3_5_tonnes", "emission_standard"}
    ),
    # Kenya's file holds no powertrain or emission facts: those stay open, as they should.
    verdict=Verdict.CONDITIONAL,
)
PERSONAS = [CHINESE_DEALER, RUSSIAN_BUYER, ENGLISH_BUYER]
ONBOARDING_TAPS = {ENGLISH_BUYER.name: ("English", "Buyer abroad", "Check a car")}


@dataclass
class Transcript:
    """What the person sent and the first line of what came back."""

    lines: list[str] = field(default_factory=list)

    @property
    def inputs(self) -> int:
        return len(self.lines)

    def add(self, sent: str, reply: str) -> None:
        self.lines.append(f"> {sent}\n  {reply.strip().splitlines()[0] if reply.strip() else ''}")


async def converse(chatter: Chatter, persona: Persona) -> Transcript:
    """The whole check through the service; fails on the first refused answer."""
    log = Transcript()
    for text in persona.start:
        await chatter.say(text)
        log.add(text, chatter.text)
    for label in ONBOARDING_TAPS.get(persona.name, ()):
        await chatter.press(label)
        log.add(f"[{label}]", chatter.text)
    previous: str | None = None
    while asked := [s for s in chatter.steps.steps if isinstance(s, AskQuestion)]:
        step = asked[-1]
        assert step.question.id != previous, f"{persona.name}: refused {log.lines[-1]}"
        assert not step.hint, f"{persona.name}: hint after {log.lines[-1]}"
        previous = step.question.id
        answer = persona.answers[step.question.id]
        if step.question.id in persona.taps:
            await chatter.press(answer)
            log.add(f"[{answer}]", chatter.text)
        else:
            await chatter.say(answer)
            log.add(answer, chatter.text)
    assert any(isinstance(s, ShowSummary) for s in chatter.steps.steps), log.lines[-1]
    if persona.name in ONBOARDING_TAPS:
        await chatter.press(persona.confirm)
    else:
        await chatter.say(persona.confirm)
    log.add(persona.confirm, chatter.text)
    return log


@pytest.mark.parametrize("persona", PERSONAS, ids=lambda p: p.name)
async def test_each_persona_reaches_the_verdict_without_a_refused_answer(
    make_service: Factory, library: Library, persona: Persona
) -> None:
    chatter = Chatter(make_service(), language_code=persona.language_code)
    log = await converse(chatter, persona)
    cards = [s for s in chatter.steps.steps if isinstance(s, ShowVerdict)]
    assert len(cards) == 1, "\n".join(log.lines)
    assert cards[0].evaluation.verdict is persona.verdict
    assert chatter.steps.lang == persona.language_code[:2]


async def test_the_typed_answers_are_stored_as_meant(make_service: Factory, database: str) -> None:
    chatter = Chatter(make_service(), language_code="zh")
    await converse(chatter, CHINESE_DEALER)
    engine = make_engine(database)
    async with session_factory(engine)() as session:
        stored = await Repository(session).answers(chatter.chat_id)
    await engine.dispose()
    assert stored["vin"] is None
    assert stored["powertrain"] == "ice"
    assert stored["registration_date"] == "2025-10-01"
    assert stored["odometer_km"] == 12000
    assert stored["problems"] == ["none"]
    assert stored["destination"] == "KZ"
    assert stored["steering"] == "lhd"


def question_prompts(library: Library, lang: str) -> dict[str, str]:
    """Each question's prompt as displayed, to tell which question a Telegram message asks."""
    ui = library.locales[lang].ui
    prompts = {q.id: plain(ui[f"q.{q.id}"].format(limit=library.letter_limit)) for q in QUESTIONS}
    prompts["engine_power_hp_ev"] = plain(ui["q.engine_power_ev"])
    return prompts


@pytest.mark.parametrize("persona", [CHINESE_DEALER, RUSSIAN_BUYER], ids=lambda p: p.name)
async def test_each_typing_persona_in_telegram(
    database: str, library: Library, clock: Clock, persona: Persona
) -> None:
    lang = persona.language_code[:2]
    prompts = question_prompts(library, lang)
    summary = plain(library.locales[lang].ui["summary.title"])
    disclaimer = plain(library.locales[lang].ui["card.disclaimer"].split("{")[0])
    markers = [*prompts.values(), summary]
    async with fake_api() as api, running_bot(api, database, library, clock):
        user = User(api, chat_id=600100 + len(persona.name), lang=persona.language_code)

        async def send(text: str) -> None:
            """Type a message and wait for a reply that asks something or sums up."""
            before = len(user.messages())
            api.push_message(user.chat_id, text, language_code=user.lang)

            def answered() -> bool:
                new = user.messages()[before:]
                return any(m in (n.text or "") for n in new for m in markers)

            await api.wait_for(answered, timeout=10)

        for text in persona.start[:-1]:
            before = len(user.messages())
            api.push_message(user.chat_id, text, language_code=user.lang)
            await api.wait_for(lambda b=before: len(user.messages()) > b, timeout=10)
        await send(persona.start[-1])
        asked: list[str] = []
        while True:
            text = next(
                m.text or ""
                for m in reversed(user.messages())
                if any(k in (m.text or "") for k in markers)
            )
            if summary in text:
                break
            found = [q for q, prompt in prompts.items() if prompt in text]
            assert found, text
            question = "engine_power_hp" if found[0] == "engine_power_hp_ev" else found[0]
            assert question not in asked, f"{question} asked twice: {text}"
            asked.append(question)
            await send(persona.answers[question])
        await user.send(persona.confirm, disclaimer)
        assert api.rejections == []
