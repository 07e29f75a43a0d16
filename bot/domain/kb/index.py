"""Ranks knowledge-base entries for a question (BM25 via bm25s, one index per language)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import bm25s
import numpy as np

from bot.domain.kb.text import detect_language, tokens
from knowledge.schema import LANGS, FaqEntry

# Chosen on the entries' own examples (5-fold, bench/README.md): longer documents help.
K1, B = 3.0, 0.75
TITLE_REPEAT = 2
# Questions the knowledge base must not answer form pseudo-entries of this id, in groups the
# size of an entry's examples, so a near-domain question finds its like and falls back.
OUT_OF_SCOPE = "_out_of_scope"
OUT_OF_SCOPE_GROUP = 15


@dataclass(frozen=True, slots=True)
class Ranking:
    """The best entries for a question, with the numbers the confidence model reads."""

    lang: str
    entry_ids: tuple[str, ...]
    scores: tuple[float, ...]
    coverage: float
    query_weight: float


def entry_text(entry: FaqEntry, lang: str) -> str:
    """All the words of one entry in one language: the title counts double."""
    text = entry.texts[lang]
    return " ".join([text.title] * TITLE_REPEAT + [text.answer, *text.examples])


class KbIndex:
    """One BM25 index per language over whole entries; a question searches its own language."""

    def __init__(self, entries: Sequence[FaqEntry], out_of_scope: Sequence[str] = ()) -> None:
        self._ids: dict[str, tuple[str, ...]] = {}
        self._bm25: dict[str, bm25s.BM25] = {}
        self._terms: dict[str, list[frozenset[str]]] = {}
        self._idf: dict[str, dict[str, float]] = {}
        for lang in LANGS:
            corpus = [tokens(entry_text(entry, lang)) for entry in entries]
            ids = [entry.id for entry in entries]
            negatives = [q for q in out_of_scope if detect_language(q) == lang]
            for start in range(0, len(negatives), OUT_OF_SCOPE_GROUP):
                corpus.append(tokens(" ".join(negatives[start : start + OUT_OF_SCOPE_GROUP])))
                ids.append(OUT_OF_SCOPE)
            self._ids[lang] = tuple(ids)
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

    def rank(self, question: str, limit: int = 3) -> Ranking:
        """Entries in order of BM25 score in the question's language, and query coverage."""
        lang = detect_language(question)
        terms = tokens(question)
        idf = self._idf[lang]
        ids = self._ids[lang]
        unseen = math.log(1 + (len(ids) + 0.5) / 0.5)
        weight = sum(idf.get(t, unseen) for t in set(terms))
        known = [t for t in terms if t in idf]
        if not known:
            return Ranking(lang, (), (), 0.0, weight)
        scores = self._bm25[lang].get_scores(known)
        order: list[int] = []
        for position in np.argsort(-scores):
            if scores[position] <= 0 or len(order) >= limit:
                break
            if ids[position] not in {ids[i] for i in order}:
                order.append(int(position))
        top_terms = self._terms[lang][order[0]] if order else frozenset()
        covered = sum(idf[t] for t in set(terms) & top_terms)
        return Ranking(
            lang,
            tuple(ids[i] for i in order),
            tuple(float(scores[i]) for i in order),
            covered / weight if weight else 0.0,
            weight,
        )
