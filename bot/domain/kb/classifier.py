"""A linear model over character n-grams and stems, trained on the entries' example questions.

BM25 rewards shared words; this model learns which words and word pieces tell the topics
apart, which catches paraphrases and typos BM25 misses (bench/README.md has the numbers).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion
from sklearn.svm import LinearSVC

from bot.domain.kb.index import OUT_OF_SCOPE
from bot.domain.kb.text import tokens
from knowledge.schema import FaqEntry

REGULARISATION = 0.5
TEMPERATURE = 3.0  # turns SVM margins into a probability-like share with softmax


class ExampleClassifier:
    """Scores every entry (and out-of-scope) for a question; trained once at start-up."""

    def __init__(self, entries: Sequence[FaqEntry], out_of_scope: Sequence[str] = ()) -> None:
        texts: list[str] = []
        labels: list[str] = []
        for entry in entries:
            for text in entry.texts.values():
                for sample in (text.title, *text.examples):
                    texts.append(sample)
                    labels.append(entry.id)
        texts.extend(out_of_scope)
        labels.extend([OUT_OF_SCOPE] * len(out_of_scope))
        self._features = FeatureUnion(
            [
                (
                    "chars",
                    TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True),
                ),
                ("terms", TfidfVectorizer(analyzer=tokens, sublinear_tf=True)),
            ]
        )
        matrix = self._features.fit_transform(texts)
        self._model = LinearSVC(C=REGULARISATION)
        self._model.fit(matrix, labels)
        self._labels: tuple[str, ...] = tuple(str(c) for c in self._model.classes_)

    def shares(self, question: str) -> dict[str, float]:
        """Each label's share of a softmax over the model's margins (they sum to 1)."""
        margins = np.asarray(self._model.decision_function(self._features.transform([question])))
        scaled = TEMPERATURE * margins.ravel()
        weights = np.exp(scaled - scaled.max())
        total = float(weights.sum())
        return {label: float(w) / total for label, w in zip(self._labels, weights, strict=True)}
