"""Retrieval on a set written without seeing the entries' examples (bench/kb_outside.yaml, the
development set, or bench/kb_holdout.yaml, the held-out one).

Run: .venv/bin/python bench/bench_kb_outside.py [--misses] [SET.yaml]. Reports, per language,
top-1 on questions that have an answer (knowledge-base entries and country facts) and the share
of honest fallbacks on questions that have none (out of scope, or a country without a file).
"""

from __future__ import annotations

import datetime as dt
import sys
from collections import Counter
from pathlib import Path

import yaml

from bot.domain.kb.build import build_knowledge_base

ON = dt.date(2026, 12, 1)  # fixed: facts past their validity are judged on this day
DEV_SET = Path(__file__).resolve().parent / "kb_outside.yaml"
SET = Path(sys.argv[-1]) if sys.argv[-1].endswith(".yaml") else DEV_SET


def main() -> None:
    """Print the table, and each miss with --misses."""
    kb = build_knowledge_base()
    data = yaml.safe_load(SET.read_text(encoding="utf-8"))
    show = "--misses" in sys.argv
    for lang, items in data.items():
        score: Counter[str] = Counter()
        for item in items:
            question, expect = item["q"], item["expect"]
            answer = kb.ask(question, None, ON)
            honest = expect == "fallback" or expect.startswith("no_file/")
            kind = "fallback" if honest else "answer"
            right = answer.fallback if honest else kb.same_answer(answer.entry_id, expect)
            score[kind] += 1
            score[f"{kind}_right"] += int(right)
            if show and not right:
                print(f"  {lang} miss: {question!r} expected {expect}, got {answer.entry_id}")
        top1 = score["answer_right"] / score["answer"]
        fell = score["fallback_right"] / score["fallback"]
        print(
            f"{lang}: top-1 {top1:.3f} on {score['answer']} answerable, "
            f"honest fallback {fell:.3f} on {score['fallback']}"
        )


if __name__ == "__main__":
    main()
