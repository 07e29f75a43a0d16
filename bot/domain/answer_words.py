"""Typed answers to button questions: "petrol", "纯电" or "левый руль" instead of a tap.

The words live in knowledge/answer_words.yaml (see its header for the matching rules); this
module only folds text and compares it, so it can be tested without Telegram or a database.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, cast

from rapidfuzz import process
from rapidfuzz.distance import OSA

Generic = Literal["yes", "no", "skip"]
WordData = Mapping[str, Mapping[str, Mapping[str, Sequence[str]]]]

GENERIC_SECTION = "generic"
GENERIC_ANSWERS: tuple[Generic, ...] = ("yes", "no", "skip")

# Typo tolerance: shorter words must be typed exactly ("ev" is not "eu"), longer ones may
# have one typo, and words of this length or more two. Han words must always be exact.
FUZZY_MIN_LENGTH = 4
TWO_TYPOS_LENGTH = 8
# Typo-tolerance on single words of a message only when it is this short (a long sentence
# has too many words that look like something).
FUZZY_MAX_TOKENS = 3

_APOSTROPHES = frozenset("'’‘ʼ`´")  # deleted, so that "don't" folds into "dont"
_NEGATIONS = frozenset(
    {
        *("not", "no", "non", "never", "without", "nor", "dont", "doesnt", "isnt", "arent"),
        *("wasnt", "havent", "hasnt", "не", "нет", "нету", "без", "ни"),
        *"不没无非未否",
    }
)
# Dropped from the start or end of a message when something else remains ("it's petrol",
# "是纯电的"), but never when that would leave a negation first ("是否" stays as it is).
_LEADING_FILLERS = (
    *("its", "it is", "this is", "thats", "that is", "a", "an", "the", "my car is", "i think"),
    *("i guess", "это", "у меня", "думаю", "наверное", "вроде", "ну"),
    *("我的车是", "我的是", "车是", "这是", "应该是", "就是", "是"),
)
_TRAILING_FILLERS = (
    *("please", "pls", "i think", "пожалуйста", "наверное"),
    *("的", "吧", "啊", "呀", "了", "哦"),
)


def _is_cjk(char: str) -> bool:
    """Han and kana characters are words of their own: Chinese has no spaces."""
    code = ord(char)
    return (
        0x3040 <= code <= 0x30FF
        or 0x3400 <= code <= 0x4DBF
        or 0x4E00 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x2FFFF
    )


def _has_cjk(word: str) -> bool:
    """Han words get no typo tolerance: one character apart is often another option (油电/插电)."""
    return any(_is_cjk(char) for char in word)


def _tokens(text: str) -> tuple[str, ...]:
    """Fold a message the way the word list is folded: NFKC, case, ё, no punctuation or emoji."""
    folded = unicodedata.normalize("NFKC", text).casefold().replace("ё", "е")
    found: list[str] = []
    current: list[str] = []
    for char in folded:
        if char in _APOSTROPHES:
            continue
        if char.isalnum() and not _is_cjk(char):
            current.append(char)
            continue
        if current:
            found.append("".join(current))
            current = []
        if _is_cjk(char):
            found.append(char)
    if current:
        found.append("".join(current))
    return tuple(found)


_ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4", "v": "5", "vi": "6"}


def _numbers(words: Sequence[str]) -> str:
    """The digits of a word, Roman after the first token ("euro vi" is 6): never a typo."""
    return "".join(
        _ROMAN[word] if i and word in _ROMAN else "".join(c for c in word if c.isdigit())
        for i, word in enumerate(words)
    )


def _allowed_typos(length: int) -> int:
    """The edit distance a word of this length may be off by."""
    if length < FUZZY_MIN_LENGTH:
        return 0
    return 1 if length < TWO_TYPOS_LENGTH else 2


_LEADING = tuple(sorted((_tokens(f) for f in _LEADING_FILLERS), key=len, reverse=True))
_TRAILING = tuple(sorted((_tokens(f) for f in _TRAILING_FILLERS), key=len, reverse=True))


def _strip_fillers(words: tuple[str, ...]) -> tuple[str, ...]:
    """Drop polite fillers around the answer, keeping at least one word and any leading "not"."""
    changed = True
    while changed:
        changed = False
        for filler in _LEADING:
            rest = words[len(filler) :]
            if words[: len(filler)] == filler and rest and rest[0] not in _NEGATIONS:
                words, changed = rest, True
                break
        for filler in _TRAILING:
            rest = words[: -len(filler)]
            if words[-len(filler) :] == filler and rest:
                words, changed = rest, True
                break
    return words


@dataclass(frozen=True, slots=True)
class _Entry:
    """One folded word and the option it stands for."""

    key: str
    option: str
    span: int  # how many tokens the word has
    numbers: str


def _entry(word: str, option: str) -> _Entry:
    """Words, labels and codes are folded exactly as messages are, so that they compare."""
    folded = _tokens(word)
    return _Entry("".join(folded), option, len(folded), _numbers(folded))


@dataclass(frozen=True, slots=True)
class _Vocabulary:
    """The words one question accepts, looked up exactly, inside a message, or with typos."""

    exact: Mapping[str, str]
    longest: int
    fuzzy: tuple[_Entry, ...]

    @classmethod
    def of(cls, entries: Iterable[_Entry]) -> _Vocabulary:
        """Later entries win, so that an on-screen label beats a word of another option."""
        listed = [e for e in entries if e.key]
        exact = {e.key: e.option for e in listed}
        longest = max((e.span for e in listed), default=1)
        fuzzy = tuple(e for e in listed if len(e.key) >= FUZZY_MIN_LENGTH and not _has_cjk(e.key))
        return cls(exact, longest, fuzzy)

    def find(self, words: tuple[str, ...]) -> str | None:
        """Exact word, then words inside the message, then typos; None rather than a guess."""
        if not words:
            return None
        whole = self.exact.get("".join(words))
        if whole is not None:
            return whole
        words = _strip_fillers(words)
        stripped = self.exact.get("".join(words))
        if stripped is not None:
            return stripped
        options, negated = self._contained(words)
        if negated or len(options) > 1:
            return None
        if options:
            return options.pop()
        if any(word in _NEGATIONS for word in words):
            return None
        return self._typo(words)

    def _contained(self, words: tuple[str, ...]) -> tuple[set[str], bool]:
        """Options named inside the message (longest words win) and whether a "not" is left.

        A one-letter or one-Han word ("是", "y") never matches inside a message on its own,
        but still counts against another option, so that "是不是" is neither yes nor no.
        """
        hits: list[tuple[int, int, str, int]] = []
        for start in range(len(words)):
            for end in range(start + 1, min(len(words), start + self.longest) + 1):
                key = "".join(words[start:end])
                option = self.exact.get(key)
                if option is not None:
                    hits.append((start, end, option, len(key)))
        kept = [
            hit
            for hit in hits
            if not any(
                o[0] <= hit[0] and hit[1] <= o[1] and o[1] - o[0] > hit[1] - hit[0] for o in hits
            )
        ]
        if all(length < 2 for *_, length in kept):
            return set(), False
        covered = {i for start, end, *_ in kept for i in range(start, end)}
        negated = any(word in _NEGATIONS and i not in covered for i, word in enumerate(words))
        return {option for _, _, option, _ in kept}, negated

    def _typo(self, words: tuple[str, ...]) -> str | None:
        """The option whose word is fewest edits away; None when two options are as close."""
        numbers = _numbers(words)
        queries = ["".join(words)]
        if not numbers and 1 < len(words) <= FUZZY_MAX_TOKENS:
            queries.extend(words)  # "petorl car"; not "euro 7", whose "euro" alone means nothing
        best: dict[str, int] = {}
        for query in queries:
            limit = _allowed_typos(len(query))
            if not limit or _has_cjk(query):
                continue
            choices = [e for e in self.fuzzy if e.numbers == numbers]
            found = process.extract(
                query,
                [e.key for e in choices],
                scorer=OSA.distance,
                score_cutoff=limit,
                limit=None,
            )
            for _key, distance, index in found:
                option = choices[index].option
                best[option] = min(int(distance), best.get(option, limit + 1))
        if not best:
            return None
        closest = min(best.values())
        winners = [option for option, distance in best.items() if distance == closest]
        return winners[0] if len(winners) == 1 else None


class AnswerWords:
    """Reads typed answers to choice questions and the generic yes / no / skip."""

    def __init__(self, data: WordData) -> None:
        """Fold every word once; a word given to two options of one question is an error."""
        self._entries: dict[str, tuple[_Entry, ...]] = {}
        for section, options in data.items():
            seen: dict[str, str] = {}
            entries: list[_Entry] = []
            for option, by_lang in options.items():
                for lang, words in by_lang.items():
                    for word in words:
                        entry = _entry(word, option)
                        if not entry.key:
                            raise ValueError(f"{section}.{option}.{lang}: {word!r} has no letters")
                        other = seen.setdefault(entry.key, option)
                        if other != option:
                            raise ValueError(
                                f"{section}: {word!r} is a word of both {other} and {option}"
                            )
                        entries.append(entry)
            self._entries[section] = tuple(entries)
        unknown = set(data.get(GENERIC_SECTION, {})) - set(GENERIC_ANSWERS)
        if unknown:
            raise ValueError(f"{GENERIC_SECTION}: unknown answers {sorted(unknown)}")
        self._generic = _Vocabulary.of(self._entries.get(GENERIC_SECTION, ()))

    def match(
        self, question_id: str, options: Sequence[str], text: str, labels: Mapping[str, str]
    ) -> str | None:
        """The option a typed message means: its number, code, on-screen label or a word."""
        words = _tokens(text)
        whole = "".join(words)
        if whole.isdecimal():
            position = int(whole)
            return options[position - 1] if 1 <= position <= len(options) else None
        allowed = set(options)
        vocabulary = _Vocabulary.of(
            [
                *(e for e in self._entries.get(question_id, ()) if e.option in allowed),
                *(_entry(label, o) for o, label in labels.items() if o in allowed),
                *(_entry(o.replace("_", " "), o) for o in options),
            ]
        )
        return vocabulary.find(words)

    def generic(self, text: str) -> Generic | None:
        """Yes, no or skip (skip also covers "don't know" and "no VIN"), in any language."""
        found = self._generic.find(_tokens(text))
        return cast(Generic, found) if found is not None else None
