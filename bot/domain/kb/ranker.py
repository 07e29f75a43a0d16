"""Ranks entries by fusing BM25 (lexical) with the example classifier, and says how sure it is."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from bot.domain.kb.classifier import ExampleClassifier
from bot.domain.kb.index import OUT_OF_SCOPE, KbIndex
from bot.domain.kb.text import detect_language
from knowledge.schema import FaqEntry

LEXICAL_WEIGHT = 0.3  # chosen on the entries' own examples, 5-fold (bench/README.md)
FEATURES = ("fused", "fused_margin", "classifier", "lexical_per_weight", "coverage", "log_lexical")


@dataclass(frozen=True, slots=True)
class Ranking:
    """Labels best first (an entry id or OUT_OF_SCOPE), and what the confidence model reads."""

    lang: str
    labels: tuple[str, ...]
    features: tuple[float, ...]

    @property
    def top(self) -> str:
        """The best label; OUT_OF_SCOPE when nothing matched at all."""
        return self.labels[0] if self.labels else OUT_OF_SCOPE


class Ranker:
    """Both halves, built once from the entries and the out-of-scope questions."""

    def __init__(self, entries: Sequence[FaqEntry], out_of_scope: Sequence[str] = ()) -> None:
        self.index = KbIndex(entries, out_of_scope)
        self.classifier = ExampleClassifier(entries, out_of_scope)

    def rank(self, question: str) -> Ranking:
        """Fused score = weight x BM25 / best BM25 + (1 - weight) x classifier share."""
        lexical = self.index.score(question)
        if not lexical.scores:
            return Ranking(detect_language(question), (), (0.0,) * len(FEATURES))
        shares = self.classifier.shares(question)
        best = max(lexical.scores.values())
        fused = {
            label: LEXICAL_WEIGHT * lexical.scores.get(label, 0.0) / best
            + (1 - LEXICAL_WEIGHT) * shares.get(label, 0.0)
            for label in set(lexical.scores) | set(shares)
        }
        labels = tuple(sorted(fused, key=lambda label: -fused[label]))
        top = labels[0]
        second = fused[labels[1]] if len(labels) > 1 else 0.0
        top_lexical = lexical.scores.get(top, 0.0)
        features = (
            fused[top],
            fused[top] - second,
            shares.get(top, 0.0),
            top_lexical / (lexical.query_weight or 1.0),
            self.index.coverage(lexical, top),
            math.log1p(top_lexical),
        )
        return Ranking(lexical.lang, labels, features)
