"""Typed button labels: "English", "Покупатель", "Check a car" work like a tap on the button.

Labels of every language count (a user may type the English label in a Russian chat), and so
do the short words of knowledge/smalltalk.yaml under the label's key (language names,
"dealer", "покупатель", "核查").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from bot.domain.steps import ROLES
from knowledge.schema import LocaleBundle

_NOT_WORD = re.compile(r"[\W_]+")
# Buttons a typed label may stand for: (action, argument, ui key of its label).
_LABELLED = (
    *(("R", role, f"role.{role}") for role in ROLES),
    ("M", "check", "menu.check"),
    ("M", "ask", "menu.ask"),
    ("H", "", "menu.human"),
    ("N", "", "btn.new_check"),
    ("OK", "", "summary.confirm"),
    ("DT", "", "btn.details"),
)


def fold(text: str) -> str:
    """Case, width, punctuation, emoji and spaces do not matter."""
    return _NOT_WORD.sub("", unicodedata.normalize("NFKC", text).casefold().replace("ё", "е"))


@dataclass(frozen=True, slots=True)
class Pressed:
    """The button a typed text stands for: its action and argument."""

    action: str
    argument: str


class ButtonWords:
    """Finds the button whose label (in any language) a typed text is."""

    def __init__(
        self, locales: Iterable[LocaleBundle], words: Mapping[str, tuple[str, ...]]
    ) -> None:
        self._found: dict[str, Pressed] = {}
        for locale in locales:
            for name in (locale.language_name, *words.get(f"language.{locale.lang}", ())):
                self._found[fold(name)] = Pressed("L", locale.lang)
            for action, argument, key in _LABELLED:
                self._found.setdefault(fold(locale.ui[key]), Pressed(action, argument))
        for action, argument, key in _LABELLED:
            for word in words.get(key, ()):
                self._found.setdefault(fold(word), Pressed(action, argument))

    def find(self, text: str) -> Pressed | None:
        """The button the text names, if it is a label and nothing more."""
        folded = fold(text)
        return self._found.get(folded) if folded else None
