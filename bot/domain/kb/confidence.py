"""Turns a ranking into the probability that its top entry is the right answer (logistic model)."""

from __future__ import annotations

import math
from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict

from bot.domain.kb.index import Ranking

FEATURES = ("coverage", "score_per_weight", "margin", "log_score")


def features(ranking: Ranking) -> tuple[float, ...]:
    """What the model reads: query coverage, score per query weight, lead over the runner-up."""
    if not ranking.entry_ids:
        return (0.0, 0.0, 0.0, 0.0)
    top = ranking.scores[0]
    second = ranking.scores[1] if len(ranking.scores) > 1 else 0.0
    weight = ranking.query_weight or 1.0
    return (ranking.coverage, top / weight, (top - second) / top, math.log1p(top))


class ConfidenceModel(BaseModel):
    """Coefficients fitted by bench/calibrate_kb.py; stored in knowledge/kb_model.yaml."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float
    threshold: float

    def probability(self, values: Sequence[float]) -> float:
        """P(top entry is right) for one question's features."""
        z = self.bias + sum(
            w * (v - m) / s
            for w, v, m, s in zip(self.weights, values, self.mean, self.scale, strict=True)
        )
        return 1.0 / (1.0 + math.exp(-z))
