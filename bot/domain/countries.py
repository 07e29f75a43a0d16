"""Country names in each language (Babel, pycountry) and lookup by the name people type."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

import pycountry
from babel import Locale
from rapidfuzz import fuzz, process

from knowledge.schema import LocaleBundle

_HAN = re.compile(r"[\u3400-\u9fff]")
_CYRILLIC = re.compile(r"[а-яё]")
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
        # Short forms typed in capitals that name a country: aliases (UAE, KSA, РФ) and ISO
        # alpha-2 codes; not alpha-3 codes, which clash with words (VAT is the Vatican's).
        self._short = {_key(a) for typed in aliases.values() for a in typed if len(_key(a)) <= 3}
        self._aliases = {_key(a) for typed in aliases.values() for a in typed}
        self._short |= {code.casefold() for code in ISO_CODES}
        # Longest first, so 阿拉伯联合酋长国 is not read as a shorter name inside it.
        self._han = sorted(
            ((name, code) for name, code in names.items() if _HAN.search(name)),
            key=lambda item: -len(item[0]),
        )

    def mentions(self, text: str, exclude: frozenset[str] = frozenset()) -> list[str]:
        """Every country a free-text question names ("в Казахстан", "哈萨克斯坦关税", "kenya's").

        Chinese names are found inside the text; other scripts by runs of one to three words,
        with the inflections and small typos `find` tolerates on words of five letters or more.
        """
        lowered = _key(text)
        found: list[str] = []
        for name, code in self._han:
            if name in lowered:
                # 白俄罗斯 holds 俄罗斯: a name found is blanked so a shorter one is not read in it.
                lowered = lowered.replace(name, " ")
                if code not in found and code not in exclude:
                    found.append(code)
        raw = _SPACES.sub(" ", text).split()
        words = [_key(w).removesuffix("'s").removesuffix("’s") for w in raw]
        for size in (3, 2, 1):
            for start in range(len(words) - size + 1):
                phrase = " ".join(words[start : start + size])
                if _HAN.search(phrase):
                    continue
                # Two or three letters are a code only when typed in capitals (UAE, KSA, РФ):
                # otherwise "in", "to" and "my" would be countries.
                if len(phrase) <= 3 and not self._short_name(raw[start], phrase):
                    continue
                named = self._names.get(phrase) or self._inflected(phrase)
                if named is not None and named not in found and named not in exclude:
                    found.append(named)
        return found

    def _short_name(self, typed: str, phrase: str) -> bool:
        """A short form names a country when typed in capitals, or when it is a three-letter
        alias (uae, ksa, оаэ) that no common word shares."""
        if phrase not in self._short:
            return False
        return typed.isupper() or (len(phrase) == 3 and phrase in self._aliases)

    def _inflected(self, phrase: str) -> str | None:
        """A Russian case form (Россию, Кении, Казахстане) or a small typo of a name."""
        if len(phrase) < 5:
            return None
        if _CYRILLIC.search(phrase[-1]):
            for stem in (phrase[:-1] + "я", phrase[:-1] + "а", phrase[:-1], phrase[:-2] + "я"):
                if stem in self._names:
                    return self._names[stem]
        return self.find(phrase)

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
