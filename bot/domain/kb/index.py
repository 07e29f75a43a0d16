"""Ranks knowledge-base entries for a question and says how sure it is (BM25 via bm25s)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import bm25s
import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from bot.domain.kb.text import tokens
from knowledge.schema import FaqEntry

# Weight of each kind of text when it matches: real questions beat titles, titles beat answers.
FIELD_WEIGHTS = {"example": 1.0, "title": 0.9, "answer": 0.6}


@dataclass(frozen=True, slots=True)
class Match:
    """One ranked entry: BM25 score of its best text, and how much of the question it covers."""

    entry_id: str
    score: float
    coverage: float


@dataclass(frozen=True, slots=True)
class _Doc:
    entry_id: str
    weight: float
    terms: frozenset[str]


class KbIndex:
    """Built once from the entries; each example question, title and answer is its own text."""

    def __init__(self, entries: Sequence[FaqEntry], fuzzy: bool = True) -> None:
        docs: list[_Doc] = []
        corpus: list[list[str]] = []
        for entry in entries:
            for text in entry.texts.values():
                fields = [("title", text.title), ("answer", text.answer)]
                fields += [("example", q) for q in text.examples]
                for kind, body in fields:
                    terms = tokens(body)
                    corpus.append(terms)
                    docs.append(_Doc(entry.id, FIELD_WEIGHTS[kind], frozenset(terms)))
        self._docs = docs
        self._weights = np.array([d.weight for d in docs])
        self._bm25 = bm25s.BM25()
        self._bm25.index(corpus, show_progress=False)
        doc_freq: dict[str, int] = {}
        for doc in docs:
            for term in doc.terms:
                doc_freq[term] = doc_freq.get(term, 0) + 1
        total = len(docs)
        self._idf = {t: math.log(1 + (total - n + 0.5) / (n + 0.5)) for t, n in doc_freq.items()}
        self._unseen_idf = math.log(1 + (total + 0.5) / 0.5)
        self._vocabulary = sorted(t for t in doc_freq if not t.startswith("#") and len(t) >= 4)
        self._fuzzy = fuzzy

    def _correct(self, term: str) -> str:
        """Map an unknown word to a known one within a small edit distance (typos)."""
        if not self._fuzzy or term in self._idf or len(term) < 4 or term.isdigit():
            return term
        limit = 1 if len(term) <= 6 else 2
        best = process.extractOne(
            term, self._vocabulary, scorer=Levenshtein.distance, score_cutoff=limit
        )
        return str(best[0]) if best else term

    def query_terms(self, question: str) -> list[str]:
        """The question's retrieval terms, typos corrected against the index's vocabulary."""
        return [self._correct(t) for t in tokens(question)]

    def search(self, question: str, limit: int = 3) -> list[Match]:
        """Entries ranked by their best-matching text; coverage is the IDF share of the question."""
        terms = self.query_terms(question)
        known = [t for t in terms if t in self._idf]
        if not known:
            return []
        scores = self._bm25.get_scores(known) * self._weights
        best: dict[str, tuple[float, int]] = {}
        for position in np.argsort(-scores):
            score = float(scores[position])
            if score <= 0:
                break
            entry_id = self._docs[position].entry_id
            if entry_id not in best:
                best[entry_id] = (score, int(position))
            if len(best) >= limit:
                break
        total = sum(self._idf.get(t, self._unseen_idf) for t in set(terms))
        return [
            Match(entry_id, score, self._coverage(set(terms), self._docs[pos].terms, total))
            for entry_id, (score, pos) in best.items()
        ]

    def _coverage(self, query: set[str], doc: frozenset[str], total: float) -> float:
        matched = sum(self._idf[t] for t in query & doc)
        return matched / total if total else 0.0


def entries_by_id(entries: Sequence[FaqEntry]) -> Mapping[str, FaqEntry]:
    """Entries keyed by id."""
    return {entry.id: entry for entry in entries}
