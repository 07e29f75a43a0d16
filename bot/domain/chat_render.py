"""The conversation's messages: questions with buttons, the summary and the verdict card."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from html import escape
from typing import Any

from bot.domain.advisories_cn import ASSUMPTIONS
from bot.domain.callbacks import encode
from bot.domain.countries import country_name
from bot.domain.explain import MARKS, Explainer
from bot.domain.formatting import format_day
from bot.domain.questionnaire import PAPERWORK, QUESTIONS, Context, Kind, Question, applicable
from bot.domain.replies import Button, Reply, rows
from bot.domain.results import Evaluation, Status, Verdict
from knowledge.schema import LocaleBundle

ROLES = ("dealer", "buyer", "question")
RATED_ON_PEAK = ("bev", "erev")
INDEX = {q.id: i for i, q in enumerate(QUESTIONS)}


def t(locale: LocaleBundle, key: str, **values: Any) -> str:
    """A UI text; values are escaped, since the texts are HTML."""
    text = locale.ui[key]
    return text.format(**{k: escape(str(v)) for k, v in values.items()}) if values else text


def language_picker(locale: LocaleBundle, welcome: str, languages: Sequence[LocaleBundle]) -> Reply:
    """Welcome in the guessed language, with every language (named in itself) to choose from."""
    buttons = [Button(b.language_name, encode("L", 0, b.lang)) for b in languages]
    return Reply(f"{welcome}\n\n{t(locale, 'choose_language')}", rows(buttons, 3))


def role_picker(locale: LocaleBundle) -> Reply:
    """Who the user is decides a few questions (dealers are not offered "don't know")."""
    buttons = [Button(t(locale, f"role.{role}"), encode("R", 0, role)) for role in ROLES]
    return Reply(t(locale, "choose_role"), rows(buttons, 1))


def menu(locale: LocaleBundle, text_key: str = "menu") -> Reply:
    """The main menu: check a car, ask a question, talk to a person."""
    buttons = [
        Button(t(locale, "menu.check"), encode("M", 0, "check")),
        Button(t(locale, "menu.ask"), encode("M", 0, "ask")),
        Button(t(locale, "menu.human"), encode("H", 0)),
    ]
    return Reply(t(locale, text_key), rows(buttons, 1))


def option_label(question: Question, value: str, locale: LocaleBundle) -> str:
    """The button label of one option, capitalised as a button."""
    label = t(locale, f"{question.id}.{value}")
    return label[:1].upper() + label[1:]


def question_reply(
    question: Question,
    ctx: Context,
    locale: LocaleBundle,
    revision: int,
    *,
    hint: bool = False,
    offer_person: bool = False,
    chosen: Sequence[str] = (),
    main_markets: Sequence[str] = (),
) -> Reply:
    """Ask one question; after a miss add a hint, after two the buttons and a person."""
    index = INDEX[question.id]
    answered = sum(1 for q in applicable(ctx) if q.id in ctx.answers)
    total = len(applicable(ctx))
    lines = [t(locale, "progress", step=answered + 1, total=max(total, answered + 1))]
    key = f"q.{question.id}"
    if question.id == "engine_power_hp" and ctx.answers.get("powertrain") in RATED_ON_PEAK:
        key = "q.engine_power_ev"  # pure EVs and range extenders are rated on peak motor power
    lines.append(t(locale, key, limit=ctx.letter_limit_days))
    if hint:
        lines.append("")
        lines.append(t(locale, f"hint.{question.kind.value}"))
    buttons: list[Button] = []
    per_row = 2
    if question.kind is Kind.CHOICE:
        buttons = [
            Button(option_label(question, opt, locale), encode("A", revision, index, i))
            for i, opt in enumerate(question.options)
        ]
    elif question.kind is Kind.YESNO:
        buttons = [
            Button(t(locale, "btn.yes"), encode("A", revision, index, "y")),
            Button(t(locale, "btn.no"), encode("A", revision, index, "n")),
        ]
    elif question.kind is Kind.MULTI:
        buttons = [
            Button(
                ("☑️ " if opt in chosen else "⬜ ") + option_label(question, opt, locale),
                encode("T", revision, index, i),
            )
            for i, opt in enumerate(question.options)
            if opt != "none"
        ]
        buttons.append(Button(t(locale, "problems.none"), encode("A", revision, index, "none")))
        buttons.append(Button(t(locale, "btn.done"), encode("A", revision, index, "done")))
        per_row = 1
    elif question.kind is Kind.COUNTRY:
        buttons = [
            Button(country_name(code, locale), encode("A", revision, index, code))
            for code in main_markets
        ]
        per_row = 3
    elif question.kind is Kind.DATE and question.id == "application_date":
        buttons = [Button(t(locale, "btn.today"), encode("A", revision, index, "today"))]
    # Dealers answer their own paperwork; only buyers are offered "don't know" there.
    if question.skippable and not (ctx.role == "dealer" and question.id in PAPERWORK):
        skip = (
            "btn.skip"
            if question.kind in (Kind.VIN, Kind.COUNTRY, Kind.DISTANCE)
            else "btn.unknown"
        )
        buttons.append(Button(t(locale, skip), encode("A", revision, index, "s")))
    layout = list(rows(buttons, per_row))
    if offer_person:
        layout.append((Button(t(locale, "menu.human"), encode("H", 0)),))
    return Reply("\n".join(lines), tuple(layout))


def ambiguous_date_reply(
    question: Question, candidates: Sequence[dt.date], locale: LocaleBundle, revision: int
) -> Reply:
    """01/02/2025 can be two dates: the user picks one."""
    index = INDEX[question.id]
    buttons = [
        Button(format_day(day, locale), encode("D", revision, index, day.strftime("%Y%m%d")))
        for day in candidates
    ]
    return Reply(t(locale, "date_ambiguous"), rows(buttons, 1))


def shown_value(question: Question, value: Any, locale: LocaleBundle) -> str:
    """An answer as the summary shows it (escaped)."""
    if value is None:
        return t(locale, "value.today" if question.id == "application_date" else "value.none")
    if question.kind is Kind.DATE:
        return escape(format_day(dt.date.fromisoformat(value), locale))
    if question.kind is Kind.MONTH:
        return escape(str(value))
    if question.kind is Kind.YESNO:
        return t(locale, "btn.yes" if value else "btn.no")
    if question.kind is Kind.COUNTRY:
        return escape(country_name(value, locale))
    if question.kind is Kind.DISTANCE:
        return t(locale, "value.km", km=f"{value:,}".replace(",", " "))
    if question.kind is Kind.POWER:
        return t(locale, "value.hp", hp=value)
    if question.kind is Kind.MULTI:
        chosen = [v for v in value if v != "none"]
        if not chosen:
            return t(locale, "problems.none")
        return ", ".join(option_label(question, v, locale) for v in chosen)
    if question.kind is Kind.CHOICE:
        return option_label(question, value, locale)
    return escape(str(value))


def summary_reply(ctx: Context, locale: LocaleBundle, revision: int) -> Reply:
    """Every answer on one screen, a change button for each, and the way to the verdict."""
    lines = [f"<b>{t(locale, 'summary.title')}</b>", ""]
    buttons: list[Button] = []
    for question in applicable(ctx):
        if question.id not in ctx.answers:
            continue
        label = t(locale, f"label.{question.id}")
        lines.append(f"• {label}: {shown_value(question, ctx.answers[question.id], locale)}")
        buttons.append(
            Button(t(locale, "btn.change", label=label), encode("C", revision, INDEX[question.id]))
        )
    confirm: tuple[Button, ...] = (Button(t(locale, "summary.confirm"), encode("OK", revision)),)
    layout = [confirm, *rows(buttons, 2)]
    return Reply("\n".join(lines), tuple(layout))


CARD_ADVISORIES = 4  # "good to know" lines on the card; the rest is one tap away


def verdict_card(evaluation: Evaluation, explainer: Explainer) -> Reply:
    """The verdict, each requirement as a short marked line, what is open, and what to know."""
    locale = explainer.locale
    doc = explainer.document(evaluation)
    lines = [f"<b>{escape(locale.verdicts[evaluation.verdict.value])}</b>"]
    if evaluation.eligible_from is not None:
        lines.append(t(locale, "eligible_from", date=format_day(evaluation.eligible_from, locale)))
    if evaluation.days_since_registration is not None:
        lines.append(t(locale, "days_so_far", days=evaluation.days_since_registration))
    lines.append("")
    why: list[Button] = []
    unknown: list[str] = []
    for result in evaluation.results:
        title = locale.requirements[result.rule_id].title
        status = locale.statuses[result.status.value]
        if result.reason == "not_given":  # nothing was checked: say so, not "does not apply"
            status = locale.ui["status_not_checked"]
        lines.append(f"{MARKS[result.status]} {escape(title)}: {escape(status)}")
        if result.status in (Status.FAIL, Status.UNKNOWN):
            why.append(Button(t(locale, "btn.why", title=title), encode("W", 0, result.rule_id)))
        if result.status is Status.UNKNOWN:
            unknown.append(title)
    failing = [r for r in doc["requirements"] if r["status"] == "fail"]
    if failing:
        lines.append("")
        lines.extend(f"❌ {escape(r['message'])}" for r in failing)
        lines.extend(f"→ {escape(r['remedy'])}" for r in failing if r["remedy"])
    if unknown and evaluation.verdict is not Verdict.NOT_ELIGIBLE:
        lines.extend(
            ["", t(locale, "card.still_open", items=locale.ui["list_separator"].join(unknown))]
        )
    good = [a for a in doc["advisories"] if a["id"] != ASSUMPTIONS]
    if good:
        lines.extend(["", f"<b>{t(locale, 'advisories_label')}</b>"])
        lines.extend(f"• {escape(a['message'])}" for a in good[:CARD_ADVISORIES])
        if len(good) > CARD_ADVISORIES:
            lines.append(t(locale, "card.more_advice", count=len(good) - CARD_ADVISORIES))
    if any(a["id"] == ASSUMPTIONS for a in doc["advisories"]):
        lines.extend(["", f"☑️ {t(locale, 'card.confirm')}"])
        lines.append(escape(locale.advisories[ASSUMPTIONS]))
    lines.extend(["", t(locale, "card.disclaimer", ruleset=evaluation.ruleset)])
    layout = list(rows(why, 1))
    layout.append((Button(t(locale, "btn.details"), encode("DT", 0)),))
    if evaluation.remind_on is not None:
        day = evaluation.remind_on
        layout.append(
            (
                Button(
                    t(locale, "btn.remind", date=format_day(day, locale)),
                    encode("RM", 0, day.strftime("%Y%m%d")),
                ),
            )
        )
    layout.append((Button(t(locale, "menu.human"), encode("H", 0)),))
    layout.append((Button(t(locale, "btn.new_check"), encode("N", 0)),))
    return Reply("\n".join(lines), tuple(layout))


def details_reply(evaluation: Evaluation, explainer: Explainer) -> Reply:
    """Everything `exportdesk check` shows: every message, remedy, advisory and source."""
    return Reply(escape(explainer.as_text(evaluation)))


def why_reply(item: dict[str, Any], explainer: Explainer, on: dt.date) -> Reply:
    """One requirement explained: why it matters, what we found, the remedy and the sources."""
    locale = explainer.locale
    title = locale.requirements[item["id"]].title
    why = explainer.why(item["id"], on)
    lines = [f"<b>{escape(title)}</b>", escape(why), "", escape(item["message"])]
    if item["remedy"]:
        lines.extend(["", f"{t(locale, 'remedy_label')}: {escape(item['remedy'])}"])
    provenance = explainer.provenance_line(item)
    if provenance:
        lines.extend(["", escape(provenance)])
    if item["sources"]:
        lines.extend(f"• {escape(url)}" for url in item["sources"][:4])
    return Reply("\n".join(lines))
