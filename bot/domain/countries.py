"""Country names in each language (Babel, pycountry) and lookup by the name people type."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

import pycountry
from babel import Locale
from rapidfuzz import fuzz, process

from knowledge.schema import LocaleBundle

_SPACES = re.compile(r"[\s.,;:!?()'\"«»“”。，！？（）]+")
ISO_CODES = frozenset(c.alpha_2 for c in pycountry.countries)


def country_name(code: str, locale: LocaleBundle) -> str:
    """The country's name as the language writes it, falling back to the ISO name."""
    name = Locale.parse(locale.babel_locale).territories.get(code)
    if name:
        return str(name)
    found = pycountry.countries.get(alpha_2=code)
    return str(found.name) if found else code


def _key(text: str) -> str:
    return _SPACES.sub(" ", text.casefold()).strip()


class CountryIndex:
    """Finds an ISO code from "KZ", "Kazakhstan", "哈萨克斯坦", "Казахстане" or a small typo."""

    def __init__(
        self, locales: Iterable[LocaleBundle], aliases: Mapping[str, Iterable[str]]
    ) -> None:
        names: dict[str, str] = {}
        for code, typed in aliases.items():
            for alias in typed:
                names[_key(alias)] = code
        for bundle in locales:
            for code, name in Locale.parse(bundle.babel_locale).territories.items():
                if code in ISO_CODES:
                    names.setdefault(_key(str(name)), code)
        for country in pycountry.countries:
            for attr in ("name", "official_name", "common_name", "alpha_3", "alpha_2"):
                value = getattr(country, attr, None)
                if value:
                    names.setdefault(_key(str(value)), country.alpha_2)
        self._names = names
        self._choices = list(names)

    def find(self, text: str) -> str | None:
        """The ISO 3166-1 alpha-2 code meant by `text`, or None when nothing is close enough."""
        key = _key(text)
        if not key:
            return None
        if key in self._names:
            return self._names[key]
        if len(key) < 4:
            return None  # short strings match too much by accident
        best = process.extractOne(key, self._choices, scorer=fuzz.ratio, score_cutoff=85)
        return self._names[best[0]] if best else None
