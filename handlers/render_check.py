"""Onboarding and the check as messages: pickers, the menu, questions and the summary."""

from __future__ import annotations

import datetime as dt

from bot.domain.answer_kinds import KINDS, Env, offered, shown_answer
from bot.domain.callbacks import encode
from bot.domain.formatting import format_day
from bot.domain.questionnaire import QUESTION_INDEX, applicable
from bot.domain.steps import ROLES, AskQuestion, ChooseLanguage, Menu, PickDate, ShowSummary
from handlers.messages import Button, Reply, rows
from handlers.page import Page

RATED_ON_PEAK = ("bev", "erev")


def language_picker(page: Page, step: ChooseLanguage) -> Reply:
    """Welcome in the guessed language, with every language (named in itself) to choose from."""
    if step.intro_key is None:
        intro = page.esc(page.lib.brand.welcome.get(page.locale.lang))
    else:
        intro = page.t(step.intro_key)
    languages = page.lib.locales.values()
    buttons = [Button(b.language_name, encode("L", 0, b.lang)) for b in languages]
    return Reply(f"{intro}\n\n{page.t('choose_language')}", rows(buttons, 3))


def confirm_restart(page: Page) -> Reply:
    """Start over (deleting the answers so far) or go on with the check."""
    buttons = (
        (Button(page.t("btn.restart"), encode("N", 0, "y")),),
        (Button(page.t("btn.continue"), encode("CO", 0)),),
    )
    return Reply(page.t("confirm_restart"), buttons)


def role_picker(page: Page) -> Reply:
    """Who the user is decides a few questions (dealers are not offered "don't know")."""
    buttons = [Button(page.t(f"role.{role}"), encode("R", 0, role)) for role in ROLES]
    return Reply(page.t("choose_role"), rows(buttons, 1))


def menu(page: Page, step: Menu) -> Reply:
    """The main menu: check a car, ask a question, talk to a person."""
    buttons = [
        Button(page.t("menu.check"), encode("M", 0, "check")),
        Button(page.t("menu.ask"), encode("M", 0, "ask")),
        Button(page.t("menu.human"), encode("H", 0)),
    ]
    return Reply(page.t(step.text_key), rows(buttons, 1))


def env(page: Page, today: dt.date) -> Env:
    """What a question's kind needs to offer and show answers in this language."""
    lib = page.lib
    return Env(
        page.locale, today, lib.countries, lib.smalltalk, lib.answer_words, lib.brand.main_markets
    )


def question(page: Page, step: AskQuestion) -> Reply:
    """Ask one question; after a miss add a hint, after two the buttons and a person."""
    q, ctx, revision = step.question, step.ctx, step.revision
    index = QUESTION_INDEX[q.id]
    asked = applicable(ctx)
    position = next((n for n, a in enumerate(asked, start=1) if a.id == q.id), len(asked))
    lines = [page.t("progress", step=position, total=len(asked))]
    key = f"q.{q.id}"
    if q.id == "engine_power_hp" and ctx.answers.get("powertrain") in RATED_ON_PEAK:
        key = "q.engine_power_ev"  # pure EVs and range extenders are rated on peak motor power
    lines.append(page.t(key, limit=ctx.letter_limit_days))
    if step.hint:
        lines.extend(["", page.t(f"hint.{q.kind.value}")])
    buttons = [
        Button(
            (("☑️ " if c.ticked else "⬜ ") if c.tick else "") + c.label,
            encode("T" if c.tick else "A", revision, index, c.code),
        )
        for c in offered(q, ctx, env(page, ctx.today), step.chosen)
    ]
    layout = list(rows(buttons, KINDS[q.kind].per_row))
    if step.offer_person:
        layout.append((Button(page.t("menu.human"), encode("H", 0)),))
    return Reply("\n".join(lines), tuple(layout), edit=step.edit)


def pick_date(page: Page, step: PickDate) -> Reply:
    """01/02/2025 can be two dates: the user picks one."""
    index = QUESTION_INDEX[step.question.id]
    buttons = [
        Button(
            format_day(day, page.locale), encode("D", step.revision, index, day.strftime("%Y%m%d"))
        )
        for day in step.candidates
    ]
    return Reply(page.t("date_ambiguous"), rows(buttons, 1))


def summary(page: Page, step: ShowSummary) -> Reply:
    """Every answer on one screen, a change button for each, and the way to the verdict."""
    ctx, revision = step.ctx, step.revision
    lines = [page.bold(page.t("summary.title")), ""]
    buttons: list[Button] = []
    for q in applicable(ctx):
        if q.id not in ctx.answers:
            continue
        label = page.t(f"label.{q.id}")
        shown = shown_answer(q, ctx.answers[q.id], env(page, ctx.today))
        lines.append(f"• {label}: {page.esc(shown)}")
        buttons.append(
            Button(page.t("btn.change", label=label), encode("C", revision, QUESTION_INDEX[q.id]))
        )
    confirm = (Button(page.t("summary.confirm"), encode("OK", revision)),)
    return Reply("\n".join(lines), (confirm, *rows(buttons, 2)))
