"""Answers as messages: the quick 180-day answer, knowledge-base answers and the hand-off."""

from __future__ import annotations

import datetime as dt

from bot.domain.callbacks import encode
from bot.domain.countries import country_name
from bot.domain.formatting import format_day
from bot.domain.steps import KbReply, LeadSaved, ManagerCard, QuickReply
from handlers.messages import Button, Reply, rows, shorten_label
from handlers.page import Page


def quick(page: Page, step: QuickReply) -> Reply:
    """Days so far, whether a letter is needed today, the first free day and the target."""
    found = step.found

    def day(value: dt.date) -> str:
        return format_day(value, page.locale)

    lines = [page.t("quick.days", days=found.days_so_far, registered=day(found.registration))]
    if found.letter_needed_today:
        lines.append(page.t("quick.letter_now", limit=found.limit))
    else:
        lines.append(page.t("quick.free_now"))
    lines.append(page.t("quick.first_free", date=day(found.first_free_day)))
    outcome = found.target_outcome
    if outcome is not None and found.target is not None:
        end = found.target_end or found.target
        target = (
            page.t("quick.month", month=day(found.target), end=day(end))
            if found.target_is_month
            else day(found.target)
        )
        lines.append(
            page.t(f"quick.target_{outcome}", target=target, date=day(found.first_free_day))
        )
    lines.append(page.t("quick.assumption"))
    return Reply("\n".join(lines), ((Button(page.t("quick.full_check"), encode("N", 0)),),))


def kb_answer(page: Page, step: KbReply) -> Reply:
    """An answer with its sources and review date, related topics and "was this helpful?"."""
    answer, lang = step.answer, page.locale.lang
    human = (Button(page.t("menu.human"), encode("H", 0)),)
    if answer.fallback:
        return Reply(page.esc(answer.body), (human,))
    lines = [page.bold(page.esc(answer.title)), page.esc(answer.body)]
    if answer.sources:
        lines.extend(["", f"{page.t('sources_label')}:"])
        lines.extend(f"• {page.esc(url)}" for url in answer.sources[:4])
    if answer.reviewed_on is not None:
        lines.append(page.t("reviewed_on", date=format_day(answer.reviewed_on, page.locale)))
    entries = page.lib.kb.entries
    related = [
        Button(shorten_label(entries[rid].texts[lang].title), encode("K", 0, rid))
        for rid in answer.related[:3]
        if rid in entries
    ]
    entry = answer.entry_id or ""
    helpful = (
        Button(page.t("kb.helpful_yes"), encode("F", 0, entry, 1)),
        Button(page.t("kb.helpful_no"), encode("F", 0, entry, 0)),
    )
    return Reply("\n".join(lines), (*rows(related, 1), helpful, human))


def lead_saved(page: Page, step: LeadSaved) -> Reply:
    """The lead's number, whether a manager was told, and how to reach the team."""
    lines = [page.t("lead_saved", number=step.number)]
    if step.manager_notified:
        lines.append(page.t("lead_manager_notified"))
    contact = page.lib.brand.contact
    if contact is not None:
        lines.append(page.esc(contact.get(page.locale.lang)))
    return Reply("\n".join(lines))


def manager_card(page: Page, step: ManagerCard) -> Reply:
    """What the managers' chat sees: who, in which language, the car and the verdict."""
    who = f"@{step.username}" if step.username else f"id {step.user_id}"
    lines = [
        page.t("manager.new_lead", number=step.number, who=who, lang=step.lang),
        page.t("manager.details", role=step.role or "-", campaign=step.campaign or "-"),
    ]
    if step.verdict:
        lines.append(page.t("manager.verdict", verdict=step.verdict))
    for key, value in step.vehicle.items():
        shown = country_name(value, page.locale) if key == "destination" else value
        lines.append(f"• {page.esc(key)}: {page.esc(str(shown))}")
    return Reply("\n".join(lines))
