"""BM25 over whole entries, one index per language (bm25s): the lexical half of the ranking."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import bm25s

from bot.domain.kb.text import detect_language, tokens
from knowledge.schema import LANGS, FaqEntry

# Chosen on the entries' own examples (5-fold, bench/README.md): longer documents help.
K1, B = 3.0, 0.75
TITLE_REPEAT = 2
# Questions the knowledge base must not answer form pseudo-entries of this id, in groups the
# size of an entry's examples, so a near-domain question finds its like and falls back.
OUT_OF_SCOPE = "_out_of_scope"
OUT_OF_SCOPE_GROUP = 25


@dataclass(frozen=True, slots=True)
class Lexical:
    """BM25 scores of one question: the best document of each entry, and query weights."""

    lang: str
    terms: frozenset[str]
    scores: dict[str, float]
    query_weight: float


def entry_text(entry: FaqEntry, lang: str) -> str:
    """All the words of one entry in one language: the title counts double."""
    text = entry.texts[lang]
    return " ".join([text.title] * TITLE_REPEAT + [text.answer, *text.examples])


def negative_groups(out_of_scope: Sequence[str], lang: str) -> list[str]:
    """The out-of-scope questions of one language, joined in groups the size of an entry."""
    mine = [q for q in out_of_scope if detect_language(q) == lang]
    return [
        " ".join(mine[start : start + OUT_OF_SCOPE_GROUP])
        for start in range(0, len(mine), OUT_OF_SCOPE_GROUP)
    ]


class KbIndex:
    """One BM25 index per language over whole entries; a question searches its own language."""

    def __init__(self, entries: Sequence[FaqEntry], out_of_scope: Sequence[str] = ()) -> None:
        self._ids: dict[str, tuple[str, ...]] = {}
        self._bm25: dict[str, bm25s.BM25] = {}
        self._terms: dict[str, list[frozenset[str]]] = {}
        self._idf: dict[str, dict[str, float]] = {}
        for lang in LANGS:
            texts = [entry_text(entry, lang) for entry in entries]
            negatives = negative_groups(out_of_scope, lang)
            corpus = [tokens(text) for text in texts + negatives]
            self._ids[lang] = tuple(e.id for e in entries) + (OUT_OF_SCOPE,) * len(negatives)
            index = bm25s.BM25(k1=K1, b=B)
            index.index(corpus, show_progress=False)
            self._bm25[lang] = index
            self._terms[lang] = [frozenset(doc) for doc in corpus]
            frequency: dict[str, int] = {}
            for doc in self._terms[lang]:
                for term in doc:
                    frequency[term] = frequency.get(term, 0) + 1
            count = len(corpus)
            self._idf[lang] = {
                t: math.log(1 + (count - n + 0.5) / (n + 0.5)) for t, n in frequency.items()
            }

    def score(self, question: str) -> Lexical:
        """Every entry's BM25 score (its best document) for a question in its own language."""
        lang = detect_language(question)
        terms = tokens(question)
        idf = self._idf[lang]
        ids = self._ids[lang]
        unseen = math.log(1 + (len(ids) + 0.5) / 0.5)
        weight = sum(idf.get(t, unseen) for t in set(terms))
        known = [t for t in terms if t in idf]
        best: dict[str, float] = {}
        if known:
            for entry_id, value in zip(ids, self._bm25[lang].get_scores(known), strict=True):
                if value > best.get(entry_id, 0.0):
                    best[entry_id] = float(value)
        return Lexical(lang, frozenset(terms), best, weight)

    def coverage(self, lexical: Lexical, entry_id: str) -> float:
        """IDF share of the question's terms that the entry's own text contains."""
        if not lexical.query_weight:
            return 0.0
        idf = self._idf[lexical.lang]
        ids = self._ids[lexical.lang]
        covered = 0.0
        for position, doc_id in enumerate(ids):
            if doc_id == entry_id:
                terms = lexical.terms & self._terms[lexical.lang][position]
                covered = max(covered, sum(idf[t] for t in terms))
        return covered / lexical.query_weight
