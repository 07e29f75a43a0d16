"""The verdict card in Telegram: "Good to know" advisories, the reminder day and all details.

Everything runs through a real PTB Application against the local fake Bot API server. Labels,
questions and expected texts come from the locales and knowledge files, so copy edits there do
not break the tests, while a card that stops showing what the data says does.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from bot.domain.explain import fact_text
from bot.domain.formatting import format_day, format_month
from bot.domain.questionnaire import PAPERWORK, QUESTIONS
from bot.domain.results import Advisory
from bot.services.library import Library
from handlers.messages import TEXT_LIMIT
from knowledge.loader import load_locale
from knowledge.schema import LocaleBundle, MarketAdvisory
from tests.chatter import Clock, plain
from tests.support.fake_bot_api import FakeBotApi, SentMessage, utf16_len
from tests.test_telegram import User, fake_api, running_bot

BY_ID = {q.id: q for q in QUESTIONS}
BORDERLINE = "cn.borderline_180"
SAFE_DAY = 182  # day 181 is borderline; knowledge/rules cn.borderline_180 names day 182 as safe


class Flow:
    """A user answering the guided check in their language; every step waits for the bot."""

    def __init__(self, user: User, library: Library, lang: str) -> None:
        self.user = user
        self.library = library
        self.locale: LocaleBundle = library.locales[lang]

    def ui(self, key: str, **values: object) -> str:
        """A UI text as the user reads it (tags stripped, entities decoded)."""
        return plain(t(self.locale, key, **values))

    def question(self, question_id: str) -> str:
        return self.ui(f"q.{question_id}", limit=self.library.letter_limit)

    def option(self, question_id: str, value: str) -> str:
        label = self.locale.ui[f"{BY_ID[question_id].id}.{value}"]
        return label[:1].upper() + label[1:]

    async def start(self, role: str) -> None:
        await self.user.send("/start", self.ui("choose_language"))
        await self.user.press(self.locale.language_name, self.ui("choose_role"))
        await self.user.press(self.ui(f"role.{role}"), self.ui("menu"))
        await self.user.press(self.ui("menu.check"), self.question("vin"))

    async def press(self, label: str, next_question: str) -> SentMessage:
        return await self.user.press(label, self.question(next_question))

    async def send(self, text: str, next_question: str) -> SentMessage:
        return await self.user.send(text, self.question(next_question))

    async def car(self, registered: dt.date, next_question: str) -> None:
        """A petrol passenger car registered in China on `registered`, applied for today."""
        await self.press(self.ui("btn.skip"), "vehicle_type")
        await self.press(self.option("vehicle_type", "passenger"), "powertrain")
        await self.press(self.option("powertrain", "ice"), "registered_in_china")
        await self.press(self.ui("btn.yes"), "registration_date")
        await self.send(registered.isoformat(), "application_date")
        await self.press(self.ui("btn.today"), "odometer_km")
        await self.press(self.ui("btn.skip"), next_question)

    async def to_russia(self, emission: str, power: str) -> SentMessage:
        await self.press(self.ui("problems.none"), "destination")
        await self.send("Россия" if self.locale.lang == "ru" else "Russia", "emission_standard")
        await self.press(self.option("emission_standard", emission), "engine_power_hp")
        return await self.user.send(power, self.ui("summary.title"))

    async def verdict(self) -> SentMessage:
        disclaimer = self.ui("card.disclaimer", ruleset=self.library.ruleset.ruleset)
        return await self.user.press(self.ui("summary.confirm"), disclaimer)


def fee_advisory(library: Library, advisory_id: str) -> MarketAdvisory:
    return next(a for a in library.markets["RU"].advisories if a.id == advisory_id)


def t(locale: LocaleBundle, key: str, **values: object) -> str:
    """A UI text with its values escaped, as the Telegram renderer writes it."""
    text = locale.ui[key]
    return text.format(**{k: escape(str(v)) for k, v in values.items()}) if values else text


def card_lines(card: SentMessage, locale: LocaleBundle) -> list[str]:
    """The "Good to know" bullets of a card, as displayed, in their order."""
    text = card.text or ""
    label = plain(t(locale, "advisories_label"))
    assert label in text, text
    section = text.split(label, 1)[1].strip().split("\n\n", 1)[0]
    return [line.removeprefix("• ") for line in section.splitlines() if line.startswith("• ")]


def buttons(message: SentMessage) -> list[tuple[str, str]]:
    rows = (message.reply_markup or {}).get("inline_keyboard") or []
    return [(str(b["text"]), str(b.get("callback_data", ""))) for row in rows for b in row]


async def test_russian_buyer_sees_the_commercial_fee_above_160_hp(
    database: str, library: Library, clock: Clock
) -> None:
    ru = load_locale("ru")
    commercial = fee_advisory(library, "dest.ru.fee_commercial_ice")
    reduced = fee_advisory(library, "dest.ru.fee_reduced_ice")
    commercial_text, reduced_text = fact_text(commercial, ru), fact_text(reduced, ru)
    assert commercial_text is not None
    assert reduced_text is not None
    assert commercial.when.engine_power_hp_above == 160
    assert "160 л.с." in commercial_text  # the number as the Russian text writes it
    registered = clock().date() - dt.timedelta(days=3 * 365)  # long past the 180 days
    async with fake_api() as api, running_bot(api, database, library, clock):
        flow = Flow(User(api, chat_id=556001, lang="ru"), library, "ru")
        await flow.start("buyer")
        await flow.car(registered, next_question=PAPERWORK[0])  # no letter question: day > 180
        for asked, then in zip(PAPERWORK, (*PAPERWORK[1:], "problems"), strict=True):
            assert flow.question(asked) in (flow.user.messages()[-1].text or "")
            await flow.press(flow.ui("btn.unknown"), then)
        summary = await flow.to_russia("euro5", "190 л.с.")
        assert plain(t(ru, "value.hp", hp=190)) in (summary.text or "")
        card = await flow.verdict()
        assert api.rejections == []
    raw = card.raw_text or ""
    assert escape(commercial_text) in raw
    assert escape(reduced_text) not in raw
    good = card_lines(card, ru)
    assert reduced_text not in good
    # Most relevant first: advice about this very car before the general fee schedule and
    # before China-side procedure (which comes first in evaluation order).
    assert good[0] == commercial_text, good


async def dealer_on_day_181(
    api: FakeBotApi, library: Library, clock: Clock, chat_id: int
) -> tuple[Flow, SentMessage, dt.date]:
    """A dealer's petrol car for Russia, registered 181 days before today (the application)."""
    assert library.ruleset.advisory(BORDERLINE).params["safe_day"] == SAFE_DAY
    registered = clock().date() - dt.timedelta(days=181)
    flow = Flow(User(api, chat_id=chat_id), library, "en")
    await flow.start("dealer")
    await flow.car(registered, next_question=PAPERWORK[0])
    for asked, then in zip(PAPERWORK, (*PAPERWORK[1:], "problems"), strict=True):
        assert flow.question(asked) in (flow.user.messages()[-1].text or "")
        await flow.press(flow.ui("btn.yes"), then)
    await flow.to_russia("euro6", "150 hp")
    card = await flow.verdict()
    return flow, card, registered


def borderline_expected(library: Library, registered: dt.date) -> tuple[str, str]:
    """The borderline advisory and its provenance line, rendered by the library's explainer."""
    explainer = library.explainer("en")
    safe = registered + dt.timedelta(days=SAFE_DAY)
    item = explainer.advisory(Advisory(BORDERLINE, {"days": 181, "safe_from": safe}))
    return str(item["message"]), explainer.provenance_line(item)


async def test_day_181_card_warns_of_the_borderline(
    database: str, library: Library, clock: Clock
) -> None:
    async with fake_api() as api, running_bot(api, database, library, clock):
        flow, card, registered = await dealer_on_day_181(api, library, clock, 556101)
        assert api.rejections == []
    message, _ = borderline_expected(library, registered)
    safe = format_day(registered + dt.timedelta(days=SAFE_DAY), flow.locale)
    assert safe in message
    assert "181" in message
    assert escape(message) in (card.raw_text or "")
    assert card_lines(card, flow.locale)[0] == message  # about this car: first
    assert flow.ui("days_so_far", days=181) in (card.text or "")


async def test_day_181_card_offers_the_reminder_on_the_safe_day(
    database: str, library: Library, clock: Clock
) -> None:
    async with fake_api() as api, running_bot(api, database, library, clock):
        flow, card, registered = await dealer_on_day_181(api, library, clock, 556201)
        assert api.rejections == []
    safe_day = registered + dt.timedelta(days=SAFE_DAY)
    day_181 = registered + dt.timedelta(days=181)
    offered = buttons(card)
    reminders = [(label, data) for label, data in offered if data.startswith("1:RM:")]
    assert not any(day_181.strftime("%Y%m%d") in data for _, data in reminders), offered
    assert not any(format_day(day_181, flow.locale) in label for label, _ in offered), offered
    expected_label = flow.ui("btn.remind", date=format_day(safe_day, flow.locale))
    assert [(expected_label, f"1:RM:0:{safe_day:%Y%m%d}")] == reminders, offered


async def test_all_details_show_sources_and_when_each_fact_was_confirmed(
    database: str, library: Library, clock: Clock
) -> None:
    en = library.locales["en"]
    async with fake_api() as api, running_bot(api, database, library, clock):
        flow, card, registered = await dealer_on_day_181(api, library, clock, 556301)
        before = len(flow.user.messages())
        disclaimer = plain(t(en, "disclaimer", ruleset=library.ruleset.ruleset))
        await flow.user.press(flow.ui("btn.details"), disclaimer)
        details = flow.user.messages()[before:]
        sends = [c for c in api.calls_to("sendMessage") if c.params.get("chat_id") == 556301]
        assert sends
        assert all(c.ok for c in sends), [c.reason for c in sends]
        assert api.rejections == []
    text = "\n".join(m.text or "" for m in details)
    spec = library.ruleset.advisory(BORDERLINE)
    confirmed = en.ui["last_confirmed"].format(month=format_month(spec.checked_on, en))
    pages = {str(p.url): p.site for p in library.sources.pages}
    sites = [pages[str(url)] for url in spec.sources if str(url) in pages]
    assert sites, "the borderline advisory cites no page with a site"
    message, provenance = borderline_expected(library, registered)
    assert confirmed in provenance
    assert any(site in provenance for site in sites)
    assert message in text
    assert provenance in text  # its sources, grade and "last confirmed" month
    assert confirmed in text
    for sent in details:
        assert 0 < utf16_len(sent.text or "") <= TEXT_LIMIT
        assert len(sent.raw_text or "") <= TEXT_LIMIT
    assert not any(m.reply_markup for m in details[:-1])  # buttons only on the last part
    assert card.message_id not in {m.message_id for m in details}  # a new message, not an edit
