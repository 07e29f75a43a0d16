"""The probability that a ranking's top entry is the right answer (a fitted logistic model)."""

from __future__ import annotations

import math
from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict


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
