"""What every renderer needs: the texts of one language and the transport's markup."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass

from bot.domain.formatting import format_text
from bot.services.library import Library
from knowledge.schema import LocaleBundle


@dataclass(frozen=True, slots=True)
class Markup:
    """How a transport escapes quoted text and shows emphasis."""

    escape: Callable[[str], str]
    bold: Callable[[str], str]


HTML = Markup(escape=html.escape, bold=lambda text: f"<b>{text}</b>")
PLAIN = Markup(escape=str, bold=str)


@dataclass(frozen=True, slots=True)
class Page:
    """One language's texts with the transport's markup: the renderers' only way to write."""

    lib: Library
    locale: LocaleBundle
    markup: Markup

    def t(self, key: str, **values: object) -> str:
        """A UI text with its values escaped for the transport."""
        text = self.locale.ui[key]
        if not values:
            return text
        # Whole numbers stay numbers: they choose plural forms and need no escaping.
        shown = {
            k: v if isinstance(v, int) else self.markup.escape(str(v)) for k, v in values.items()
        }
        return format_text(text, self.locale, shown)

    def t_marked(self, key: str, **values: str) -> str:
        """A UI text whose values are already written in the transport's markup (a link)."""
        return format_text(self.locale.ui[key], self.locale, values)

    def esc(self, text: str) -> str:
        """Text from data or the user, escaped for the transport."""
        return self.markup.escape(text)

    def bold(self, text: str) -> str:
        """Already escaped text, emphasised."""
        return self.markup.bold(text)
