"""Answers as messages: the quick 180-day answer, knowledge-base answers and the hand-off."""

from __future__ import annotations

import datetime as dt

from bot.domain.answer_kinds import shown_answer
from bot.domain.callbacks import encode
from bot.domain.contact_ways import QUOTE, TERMS, WAYS
from bot.domain.countries import country_name
from bot.domain.formatting import format_day
from bot.domain.questionnaire import QUESTIONS
from bot.domain.steps import (
    AskContact,
    ChooseOwner,
    KbReply,
    LeadCard,
    LeadList,
    LeadSaved,
    NewOwner,
    QuickReply,
)
from handlers import render_check
from handlers.messages import Button, Reply, rows, shorten_label
from handlers.page import HTML, Page

QUESTION_BY_ID = {q.id: q for q in QUESTIONS}


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


def ask_contact(page: Page, step: AskContact) -> Reply:
    """How to reach the user, the contact itself, an optional message, then consent."""
    if step.stage == "way":
        buttons = [Button(page.t(f"contact.way.{w}"), encode("CW", 0, w)) for w in WAYS]
        return Reply(page.t("contact.way_prompt"), rows(buttons, 1))
    if step.stage == "value":
        lines = [page.t(f"contact.bad.{step.way}")] if step.bad else []
        lines.append(page.t(f"contact.value.{step.way}"))
        return Reply("\n".join(lines))
    if step.stage in QUOTE:
        lines = [page.t("contact.bad.quote")] if step.bad else []
        lines.append(page.t(f"contact.quote.{step.stage}"))
        choices = [
            Button(page.t(f"contact.terms.{t}"), encode("CT", 0, t))
            for t in (TERMS if step.stage == "terms" else ())
        ]
        choices.append(Button(page.t("btn.skip"), encode("CN", 0)))
        return Reply("\n".join(lines), rows(choices, 3))
    if step.stage == "message":
        return Reply(
            page.t("contact.message_prompt"),
            ((Button(page.t("btn.no_message"), encode("CN", 0)),),),
        )
    buttons = [
        Button(page.t("btn.consent_yes"), encode("CC", 0, "y")),
        Button(page.t("btn.consent_no"), encode("CC", 0, "n")),
    ]
    return Reply(page.t("contact.consent_prompt"), rows(buttons, 1))


def lead_saved(page: Page, step: LeadSaved) -> Reply:
    """The lead's number, whether a manager was told, and how to reach the team."""
    lines = [page.t("lead_saved", number=step.number)]
    if step.manager_notified:
        lines.append(page.t("lead_manager_notified"))
        reply_time = page.lib.brand.reply_time
        if reply_time is not None:
            lines.append(page.esc(reply_time.get(page.locale.lang)))
    contact = page.lib.brand.contact
    if contact is not None:
        lines.append(page.esc(contact.get(page.locale.lang)))
    return Reply("\n".join(lines))


def _who(page: Page, step: LeadCard) -> str:
    """The user as a manager can reach them: @username, or a link that opens the chat."""
    if step.username:
        return page.esc(f"@{step.username}")
    name = page.esc(str(step.user_id))
    return f'<a href="tg://user?id={step.user_id}">{name}</a>' if page.markup is HTML else name


def _car(page: Page, step: LeadCard) -> str:
    """The car in a few words: what the check stored, as the summary says it."""
    env = render_check.env(page, dt.date.min)
    parts = [
        shown_answer(QUESTION_BY_ID[key], value, env)
        for key, value in step.vehicle.items()
        if key in QUESTION_BY_ID and key != "destination" and not isinstance(value, bool)
    ]
    return " · ".join(parts)


def lead_card(page: Page, step: LeadCard) -> Reply:
    """A lead as a case: status and owner, verdict, what is open, the car, who and how."""
    locale = page.locale
    status = page.t(f"lead_status.{step.status}")
    lines = [page.bold(page.t("lead_card.title", number=step.number, status=status))]
    if step.forgotten:
        lines.append(page.t("lead_card.forgotten"))
        return Reply("\n".join(lines), message_id=step.message_id)
    if step.owner_name:
        lines.append(page.t("lead_card.owner", name=step.owner_name))
    if step.verdict:
        lines.append(page.t("lead_card.verdict", verdict=locale.verdicts[step.verdict]))
        titles = [locale.requirements[r].title for r in step.open_items if r in locale.requirements]
        items = locale.ui["list_separator"].join(titles) or page.t("lead_card.none")
        lines.append(page.t("lead_card.open", items=items))
    else:
        lines.append(page.t("lead_card.no_check"))
    car = _car(page, step)
    if car:
        lines.append(page.t("lead_card.car", car=car))
    if "destination" in step.vehicle:
        country = country_name(str(step.vehicle["destination"]), locale)
        lines.append(page.t("lead_card.destination", country=country))
    language = (
        page.lib.locales[step.lang].language_name if step.lang in page.lib.locales else step.lang
    )
    role = page.t(f"role.{step.role}") if step.role else "-"
    lines.append(
        page.t_marked(
            "lead_card.user", who=_who(page, step), language=page.esc(language), role=page.esc(role)
        )
    )
    if step.contact_way:
        way = page.t(f"contact.way.{step.contact_way}")
        lines.append(page.t("lead_card.reach", way=way, value=step.contact_value or "-"))
    if step.inquiry:
        wants = [
            page.t(f"lead_card.quote.{key}", value=_quote_value(page, key, step.inquiry[key]))
            for key in QUOTE
            if key in step.inquiry
        ]
        lines.append(page.t("lead_card.wants", items=" · ".join(wants)))
    if step.note:
        lines.append(page.t("lead_card.note", note=step.note))
    if step.campaign:
        lines.append(page.t("lead_card.campaign", campaign=step.campaign))
    return Reply(
        "\n".join(lines),
        _lead_buttons(page, step),
        edit=step.edit,
        message_id=step.message_id,
        card_for=None if step.edit else step.number,
    )


def _quote_value(page: Page, key: str, value: object) -> str:
    """A quote answer as the card shows it (terms by their name)."""
    return page.t(f"contact.terms.{value}") if key == "terms" else str(value)


def _lead_buttons(page: Page, step: LeadCard) -> tuple[tuple[Button, ...], ...]:
    """Claim while new; Release while owned; Won and Lost while open."""
    if step.status not in ("new", "claimed", "contacted"):
        return ()
    first: tuple[Button, ...] = (
        (Button(page.t("btn.claim"), encode("LC", 0, step.number)),)
        if step.status == "new"
        else (
            Button(page.t("btn.release"), encode("LR", 0, step.number)),
            Button(page.t("btn.reassign"), encode("LA", 0, step.number)),
        )
    )
    return (
        first,
        (
            Button(page.t("btn.won"), encode("LW", 0, step.number)),
            Button(page.t("btn.lost"), encode("LL", 0, step.number)),
        ),
    )


def choose_owner(page: Page, step: ChooseOwner) -> Reply:
    """Managers to hand a lead to (only those the desk has seen)."""
    if not step.members:
        return Reply(page.t("desk.nobody_to_reassign"))
    buttons = [
        Button(shorten_label(name), encode("LO", 0, step.number, user_id))
        for user_id, name in step.members
    ]
    return Reply(page.t("desk.reassign_to", number=step.number), rows(buttons, 2))


def new_owner(page: Page, step: NewOwner) -> Reply:
    """The manager a lead was handed to, mentioned so Telegram notifies them."""
    name = page.esc(step.name)
    who = f'<a href="tg://user?id={step.user_id}">{name}</a>' if page.markup is HTML else name
    return Reply(page.t_marked("desk.now_yours", who=who, number=str(step.number)))


def lead_list(page: Page, step: LeadList) -> Reply:
    """Open leads, one line each."""
    if not step.cards:
        return Reply(page.t("lead_card.list_empty"))
    lines = []
    for card in step.cards:
        status = page.t(f"lead_status.{card.status}")
        owner = f" · {page.esc(card.owner_name)}" if card.owner_name else ""
        lines.append(f"/lead {card.number} · {status}{owner} · {_who(page, card)}")
    return Reply("\n".join(lines))
