"""Tokens for retrieval across scripts: jieba words and bigrams for Chinese, Snowball stems else."""

from __future__ import annotations

import logging
import re
from functools import lru_cache

import jieba
import snowballstemmer

_HAN = re.compile(r"[\u3400-\u9fff]+")
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
_WORD = re.compile(r"[a-zа-яё0-9]+", re.IGNORECASE)
_STEMMERS = {
    "en": snowballstemmer.stemmer("english"),
    "ru": snowballstemmer.stemmer("russian"),
}
jieba.setLogLevel(logging.WARNING)


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


def _chinese(run: str) -> list[str]:
    words = [w for w in jieba.lcut(run) if w.strip()]
    bigrams = [run[i : i + 2] for i in range(len(run) - 1)]
    return words + [f"#{b}" for b in bigrams if b not in words]


def tokens(text: str) -> list[str]:
    """Retrieval tokens: stems for Latin and Cyrillic words, words and bigrams for Chinese."""
    lowered = text.casefold().replace("ё", "е")
    found: list[str] = []
    for run in _HAN.findall(lowered):
        found.extend(_chinese(run))
    without_han = _HAN.sub(" ", lowered)
    found.extend(stem(w) for w in _WORD.findall(without_han))
    return found
