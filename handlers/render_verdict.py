"""The verdict as messages: the card, "why?" for one requirement, and every detail."""

from __future__ import annotations

from bot.domain.advisories_cn import ASSUMPTIONS
from bot.domain.callbacks import encode
from bot.domain.explain import MARKS
from bot.domain.formatting import format_day
from bot.domain.results import Status, Verdict
from bot.domain.steps import ShowDetails, ShowVerdict, ShowWhy
from handlers.messages import Button, Reply, rows, shorten_label
from handlers.page import Page

CARD_ADVISORIES = 4  # "good to know" lines on the card; the rest is one tap away


def verdict_card(page: Page, step: ShowVerdict) -> Reply:
    """The verdict, each requirement as a short marked line, what is open, and what to know."""
    evaluation, locale = step.evaluation, page.locale
    doc = page.lib.explainer(locale.lang).document(evaluation)
    lines = [page.bold(page.esc(locale.verdicts[evaluation.verdict.value]))]
    if evaluation.eligible_from is not None:
        lines.append(page.t("eligible_from", date=format_day(evaluation.eligible_from, locale)))
    if evaluation.days_since_registration is not None:
        lines.append(page.t("days_so_far", days=evaluation.days_since_registration))
    lines.append("")
    why: list[Button] = []
    unknown: list[str] = []
    for result in evaluation.results:
        title = locale.requirements[result.rule_id].title
        status = locale.statuses[result.status.value]
        if result.reason == "not_given":  # nothing was checked: say so, not "does not apply"
            status = locale.ui["status_not_checked"]
        lines.append(f"{MARKS[result.status]} {page.esc(title)}: {page.esc(status)}")
        if result.status in (Status.FAIL, Status.UNKNOWN):
            data = encode("W", step.revision, result.rule_id)
            why.append(Button(shorten_label(page.t("btn.why", title=title), 60), data))
        if result.status is Status.UNKNOWN:
            unknown.append(title)
    failing = [r for r in doc["requirements"] if r["status"] == "fail"]
    if failing:
        lines.append("")
        lines.extend(f"❌ {page.esc(r['message'])}" for r in failing)
        lines.extend(f"→ {page.esc(r['remedy'])}" for r in failing if r["remedy"])
    if unknown and evaluation.verdict is not Verdict.NOT_ELIGIBLE:
        items = locale.ui["list_separator"].join(unknown)
        lines.extend(["", page.t("card.still_open", items=items)])
    good = [a for a in doc["advisories"] if a["id"] != ASSUMPTIONS]
    if good:
        lines.extend(["", page.bold(page.t("advisories_label"))])
        lines.extend(f"• {page.esc(a['message'])}" for a in good[:CARD_ADVISORIES])
        if len(good) > CARD_ADVISORIES:
            lines.append(page.t("card.more_advice", count=len(good) - CARD_ADVISORIES))
    if any(a["id"] == ASSUMPTIONS for a in doc["advisories"]):
        lines.extend(["", f"☑️ {page.t('card.confirm')}", page.esc(locale.advisories[ASSUMPTIONS])])
    lines.extend(["", page.t("card.disclaimer", ruleset=evaluation.ruleset)])
    layout = list(rows(why, 1))
    layout.append((Button(page.t("btn.details"), encode("DT", step.revision)),))
    if evaluation.remind_on is not None:
        day = evaluation.remind_on
        label = page.t("btn.remind", date=format_day(day, locale))
        layout.append((Button(label, encode("RM", 0, day.strftime("%Y%m%d"))),))
    layout.append((Button(page.t("menu.human"), encode("H", 0)),))
    layout.append((Button(page.t("btn.new_check"), encode("N", 0)),))
    return Reply("\n".join(lines), tuple(layout))


def details(page: Page, step: ShowDetails) -> Reply:
    """Everything `exportdesk check` shows: every message, remedy, advisory and source."""
    return Reply(page.esc(page.lib.explainer(page.locale.lang).as_text(step.evaluation)))


def why(page: Page, step: ShowWhy) -> Reply:
    """One requirement explained: why it matters, what we found, the remedy and the sources."""
    item, locale = step.item, page.locale
    explainer = page.lib.explainer(locale.lang)
    title = locale.requirements[item["id"]].title
    lines = [
        page.bold(page.esc(title)),
        page.esc(explainer.why(item["id"], step.on)),
        "",
        page.esc(item["message"]),
    ]
    if item["remedy"]:
        lines.extend(["", f"{page.t('remedy_label')}: {page.esc(item['remedy'])}"])
    provenance = explainer.provenance_line(item)
    if provenance:
        lines.extend(["", page.esc(provenance)])
    lines.extend(f"• {page.esc(url)}" for url in item["sources"][:4])
    return Reply("\n".join(lines))
