"""Turns a turn's steps into one transport's messages (Telegram HTML or the terminal's text)."""

from __future__ import annotations

from bot.domain.steps import (
    AskContact,
    AskQuestion,
    ChooseLanguage,
    ChooseOwner,
    ChooseRole,
    ConfirmRestart,
    KbReply,
    LeadCard,
    LeadList,
    LeadSaved,
    Menu,
    NewOwner,
    Outcome,
    PickDate,
    QuickReply,
    Say,
    ShowDetails,
    ShowSummary,
    ShowVerdict,
    ShowWhy,
    Step,
)
from bot.services.library import Library
from handlers import render_answers, render_check, render_verdict
from handlers.messages import Rendered, Reply
from handlers.page import Markup, Page


class Renderer:
    """One transport's renderer: the library's texts written with that transport's markup."""

    def __init__(self, library: Library, markup: Markup, manager_lang: str = "en") -> None:
        self.pages = {
            lang: Page(library, locale, markup) for lang, locale in library.locales.items()
        }
        self.manager_lang = manager_lang  # managers read their own language, not the user's

    def render(self, outcome: Outcome) -> Rendered:
        """Every step of an outcome as messages, in the chat's language."""
        page = self.pages[outcome.lang]
        return Rendered(
            replies=[self.message(page, step) for step in outcome.steps],
            notice=self.say(page, outcome.notice) if outcome.notice else None,
            to_manager=[self.message(self.pages[self.manager_lang], s) for s in outcome.to_manager],
            close_pressed=outcome.answered_by_button,
            copies=list(outcome.copies),
            to_users=[
                (chat, self.message(self.pages[lang], s)) for chat, lang, s in outcome.to_users
            ],
        )

    def say(self, page: Page, step: Say) -> str:
        """A short text from the texts with its values."""
        return page.t(step.key, **step.values)

    def manager_step(self, step: Step) -> Reply:
        """One step for the managers' chat, in the managers' language."""
        return self.message(self.pages[self.manager_lang], step)

    def step(self, lang: str, step: Step) -> Reply:
        """One step in one language (for messages sent outside a turn, such as reminders)."""
        return self.message(self.pages[lang], step)

    def message(self, page: Page, step: Step) -> Reply:
        """One step as one message."""
        match step:
            case Say():
                return Reply(self.say(page, step))
            case ChooseLanguage():
                return render_check.language_picker(page, step)
            case ChooseRole():
                return render_check.role_picker(page)
            case ConfirmRestart():
                return render_check.confirm_restart(page)
            case Menu():
                return render_check.menu(page, step)
            case AskQuestion():
                return render_check.question(page, step)
            case PickDate():
                return render_check.pick_date(page, step)
            case ShowSummary():
                return render_check.summary(page, step)
            case ShowVerdict():
                return render_verdict.verdict_card(page, step)
            case ShowWhy():
                return render_verdict.why(page, step)
            case ShowDetails():
                return render_verdict.details(page, step)
            case QuickReply():
                return render_answers.quick(page, step)
            case KbReply():
                return render_answers.kb_answer(page, step)
            case AskContact():
                return render_answers.ask_contact(page, step)
            case LeadSaved():
                return render_answers.lead_saved(page, step)
            case LeadCard():
                return render_answers.lead_card(page, step)
            case LeadList():
                return render_answers.lead_list(page, step)
            case ChooseOwner():
                return render_answers.choose_owner(page, step)
            case NewOwner():
                return render_answers.new_owner(page, step)
