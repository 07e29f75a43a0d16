"""Fits the knowledge base's confidence model and writes knowledge/kb_model.yaml.

Data, in 5 folds: every entry's own example questions and knowledge/kb_calibration.yaml's
out-of-scope questions, each asked of an index built without it; labelled by whether the top
entry was right. bench/kb_questions.yaml is never used here: it only measures.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

import numpy as np
import yaml

from bot.domain.kb.index import OUT_OF_SCOPE
from bot.domain.kb.ranker import FEATURES, Ranker
from knowledge.loader import KNOWLEDGE_DIR, load_faq, load_out_of_scope
from knowledge.schema import FaqEntry

FOLDS = 5
OOS_FALLBACK_TARGET = 0.9


def without(entries: tuple[FaqEntry, ...], held: set[tuple[str, str, int]]) -> list[FaqEntry]:
    """The entries minus the held-out example questions."""
    out = []
    for entry in entries:
        texts = {
            lang: text.model_copy(
                update={
                    "examples": tuple(
                        q for i, q in enumerate(text.examples) if (entry.id, lang, i) not in held
                    )
                }
            )
            for lang, text in entry.texts.items()
        }
        out.append(entry.model_copy(update={"texts": texts}))
    return out


def dataset(seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Features, labels (1 = top entry right), an out-of-scope mask, and "top is out of scope"."""
    entries = load_faq()
    negatives = list(load_out_of_scope())
    items = [
        (entry.id, lang, i, q)
        for entry in entries
        for lang, text in entry.texts.items()
        for i, q in enumerate(text.examples)
    ]
    rng = random.Random(seed)
    rng.shuffle(items)
    rng.shuffle(negatives)
    rows, labels, is_oos, top_oos = [], [], [], []
    for k in range(FOLDS):
        fold = items[k::FOLDS]
        held_negatives = negatives[k::FOLDS]
        kept_negatives = [q for i, q in enumerate(negatives) if i % FOLDS != k]
        ranker = Ranker(without(entries, {(e, lang, i) for e, lang, i, _ in fold}), kept_negatives)
        asked = [(entry_id, q, False) for entry_id, _, _, q in fold]
        asked += [(OUT_OF_SCOPE, q, True) for q in held_negatives]
        for expected, question, negative in asked:
            ranking = ranker.rank(question)
            top = ranking.top
            rows.append(ranking.features)
            labels.append(1.0 if top == expected and not negative else 0.0)
            is_oos.append(negative)
            top_oos.append(top == OUT_OF_SCOPE)
    return np.array(rows), np.array(labels), np.array(is_oos), np.array(top_oos)


def fit(x: np.ndarray, y: np.ndarray, l2: float = 0.01, steps: int = 5000):  # type: ignore[no-untyped-def]
    """Plain L2-regularised logistic regression by gradient descent on standardised features."""
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-9
    z = (x - mean) / scale
    w, b = np.zeros(z.shape[1]), 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(z @ w + b)))
        grad = p - y
        w -= 0.5 * (z.T @ grad / len(y) + l2 * w)
        b -= 0.5 * grad.mean()
    return mean, scale, w, b


def main() -> None:
    """Fit, choose the threshold, report, write the model."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=KNOWLEDGE_DIR / "kb_model.yaml")
    args = parser.parse_args()
    x, y, oos, top_oos = dataset(args.seed)
    entry_rows = ~top_oos  # the threshold only ever judges answers that name a real entry
    mean, scale, w, b = fit(x[entry_rows], y[entry_rows])
    p = 1 / (1 + np.exp(-(((x - mean) / scale) @ w + b)))
    p[top_oos] = 0.0
    threshold = next(
        t for t in np.arange(0.05, 0.96, 0.01) if np.mean(p[oos] < t) >= OOS_FALLBACK_TARGET
    )
    kept = p >= threshold
    inside = ~oos
    print(
        f"held-out examples: {inside.sum()}, top-1 right: {y[inside].mean():.3f}; "
        f"held-out out-of-scope: {oos.sum()}, ranked out of scope: {top_oos[oos].mean():.3f}"
    )
    right = np.mean(kept[inside] & (y[inside] == 1))
    wrong = np.mean(kept[inside] & (y[inside] == 0))
    print(
        f"threshold {threshold:.2f}: answered and right {right:.3f}, answered and wrong "
        f"{wrong:.3f}, out-of-scope falling back {np.mean(~kept[oos]):.3f}"
    )
    model = {
        "features": list(FEATURES),
        "mean": [round(float(v), 6) for v in mean],
        "scale": [round(float(v), 6) for v in scale],
        "weights": [round(float(v), 6) for v in w],
        "bias": round(float(b), 6),
        "threshold": round(float(threshold), 2),
    }
    header = "# Written by bench/calibrate_kb.py; do not edit by hand.\n"
    args.out.write_text(header + yaml.safe_dump(model, sort_keys=False), encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
