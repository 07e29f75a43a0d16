"""Retrieval tokens across scripts: Snowball stems and prefixes, Chinese characters and pairs."""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer

_HAN = re.compile(r"[\u3400-\u9fff]+")
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
_WORD = re.compile(r"[a-zа-яё0-9]+", re.IGNORECASE)
_STEMMERS = {
    "en": snowballstemmer.stemmer("english"),
    "ru": snowballstemmer.stemmer("russian"),
}
# Long words also give their first letters, which catches endings Snowball leaves apart
# (утильсбор / утилизационный) and most typos past the fifth letter.
PREFIX = 5


def detect_language(text: str) -> str:
    """zh if the text has Chinese characters, ru if Cyrillic, otherwise en."""
    if _HAN.search(text):
        return "zh"
    if _CYRILLIC.search(text):
        return "ru"
    return "en"


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Snowball stem of one lower-case word, in the language its script says."""
    lang = "ru" if _CYRILLIC.search(word) else "en"
    return str(_STEMMERS[lang].stemWord(word))


def tokens(text: str) -> list[str]:
    """Retrieval terms: stems and prefixes of words; single Chinese characters and their pairs."""
    lowered = text.casefold().replace("ё", "е")
    found: list[str] = []
    for run in _HAN.findall(lowered):
        found.extend(run)
        found.extend(f"#{run[i : i + 2]}" for i in range(len(run) - 1))
    for word in _WORD.findall(_HAN.sub(" ", lowered)):
        found.append(stem(word))
        if len(word) > PREFIX:
            found.append(f"^{word[:PREFIX]}")
    return found
