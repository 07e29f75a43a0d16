"""Knowledge-base quality and speed on bench/kb_questions.yaml (never used to tune anything).

Reports top-1 accuracy per language (a fallback counts as a miss), the share of out-of-scope
questions that fall back, and answer latency; then the same accuracy for design alternatives,
which is why the product uses the choices it does.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import jieba
import numpy as np

from bot.domain.kb import index as kb_index
from bot.domain.kb import text as kb_text
from bot.domain.kb.build import build_knowledge_base
from bot.domain.kb.ranker import Ranker
from knowledge.loader import load_faq, load_out_of_scope, read_yaml

QUESTIONS = Path(__file__).with_name("kb_questions.yaml")


def ranking_accuracy(
    topics: dict[str, dict[str, list[str]]], pick: Callable[[str], str]
) -> dict[str, float]:
    """Top-1 accuracy per language of `pick` (an answer or a ranking; a fallback is a miss)."""
    right: dict[str, int] = defaultdict(int)
    total: dict[str, int] = defaultdict(int)
    for topic, by_lang in topics.items():
        for lang, questions in by_lang.items():
            for question in questions:
                total[lang] += 1
                right[lang] += pick(question) == topic
    return {lang: right[lang] / total[lang] for lang in sorted(total)}


def jieba_words(text: str) -> list[str]:
    """Alternative: jieba word segmentation for Chinese instead of characters and pairs."""
    han = kb_text._HAN
    words = [w for run in han.findall(text.casefold()) for w in jieba.lcut(run) if w.strip()]
    return words + kb_text.tokens(han.sub(" ", text))


def no_prefixes(text: str) -> list[str]:
    """Alternative: Snowball stems only, without word prefixes."""
    return [t for t in kb_text.tokens(text) if not t.startswith("^")]


def no_stemming(text: str) -> list[str]:
    """Alternative: whole lower-case words, no stemming or prefixes."""
    han = kb_text._HAN
    chinese = [t for t in kb_text.tokens(text) if han.match(t.lstrip("#"))]
    return chinese + kb_text._WORD.findall(han.sub(" ", text.casefold()))


def bm25_only(index: kb_index.KbIndex) -> Callable[[str], str]:
    """The lexical half alone."""

    def pick(question: str) -> str:
        scores = index.score(question).scores
        return max(scores, key=lambda k: scores[k]) if scores else ""

    return pick


def alternatives(topics: dict[str, dict[str, list[str]]]) -> list[tuple[str, dict[str, float]]]:
    """Ranking accuracy of the chosen design and of the designs it was chosen over."""
    entries, negatives = load_faq(), load_out_of_scope()
    ranker = Ranker(entries, negatives)
    rows = [
        (
            "chosen: BM25 + classifier, fused",
            ranking_accuracy(topics, lambda q: ranker.rank(q).top),
        ),
        ("BM25 only (bm25s, per language)", ranking_accuracy(topics, bm25_only(ranker.index))),
    ]
    classifier = ranker.classifier

    def classifier_top(question: str) -> str:
        shares = classifier.shares(question)
        return max(shares, key=lambda k: shares[k])

    rows.append(("classifier only (LinearSVC)", ranking_accuracy(topics, classifier_top)))
    original = kb_index.tokens
    for name, tokenizer in (
        ("BM25 only, jieba words for Chinese", jieba_words),
        ("BM25 only, stems without prefixes", no_prefixes),
        ("BM25 only, no stemming at all", no_stemming),
    ):
        kb_index.tokens = tokenizer
        try:
            rows.append(
                (name, ranking_accuracy(topics, bm25_only(kb_index.KbIndex(entries, negatives))))
            )
        finally:
            kb_index.tokens = original
    return rows


def main() -> None:
    """Print the report."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--skip-alternatives", action="store_true")
    args = parser.parse_args()
    data = read_yaml(QUESTIONS)
    topics, oos = data["topics"], data["out_of_scope"]
    started = time.perf_counter()
    kb = build_knowledge_base()
    print(f"knowledge base built in {time.perf_counter() - started:.2f} s")
    for lang, value in ranking_accuracy(topics, lambda q: kb.ask(q).entry_id or "").items():
        count = sum(len(by_lang[lang]) for by_lang in topics.values())
        print(f"top-1 accuracy {lang}: {value:.3f} ({count} questions)")
    fell_back = [kb.ask(q).fallback for q in oos]
    print(f"out-of-scope falling back: {np.mean(fell_back):.3f} ({len(oos)} questions)")
    every = [q for by_lang in topics.values() for qs in by_lang.values() for q in qs] + oos
    timings = []
    for question in every:
        start = time.perf_counter()
        kb.ask(question)
        timings.append((time.perf_counter() - start) * 1000)
    p95 = float(np.percentile(timings, 95))
    print(f"answer time: median {statistics.median(timings):.2f} ms, p95 {p95:.2f} ms")
    if args.skip_alternatives:
        return
    print("ranking only (no fallback), by design choice:")
    for name, result in alternatives(topics):
        shown = "  ".join(f"{lang} {value:.3f}" for lang, value in result.items())
        print(f"  {name:40s} {shown}")


if __name__ == "__main__":
    main()
