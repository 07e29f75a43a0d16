"""One term per document in every language: user-facing texts avoid the listed variants."""

from __future__ import annotations

import re
from collections.abc import Iterator

from knowledge.lint import flatten
from knowledge.loader import KNOWLEDGE_DIR, load_faq, load_locales, load_markets, read_yaml


def user_texts() -> Iterator[tuple[str, str, str]]:
    """(where, language, text) for every locale string, market note or text, and answer."""
    for lang, bundle in load_locales().items():
        for key, text in flatten(bundle.model_dump()):
            yield f"locales/{lang}:{key}", lang, text
    for code, market in load_markets().items():
        for fact in market.facts():
            shown = fact.text if hasattr(fact, "text") else fact.note
            for lang in ("en", "zh", "ru"):
                if shown is not None:
                    yield f"markets/{code}:{fact.id}", lang, shown.get(lang)
    for entry in load_faq():
        for lang, text in entry.texts.items():
            yield f"faq/{entry.id}", lang, f"{text.title} {text.answer}"


def test_no_text_uses_a_variant_the_glossary_avoids() -> None:
    glossary = read_yaml(KNOWLEDGE_DIR / "glossary.yaml")
    found = []
    for where, lang, text in user_texts():
        for concept, by_lang in glossary.items():
            for variant in by_lang[lang]["avoid"]:
                if re.search(variant, text):
                    found.append(f"{where}: {variant!r} ({concept})")
    assert found == []


def test_every_term_is_in_use() -> None:
    glossary = read_yaml(KNOWLEDGE_DIR / "glossary.yaml")
    corpus = {
        lang: " ".join(text for _, said_in, text in user_texts() if said_in == lang)
        for lang in ("en", "zh", "ru")
    }
    unused = [
        f"{concept}/{lang}: {by_lang[lang]['term']}"
        for concept, by_lang in glossary.items()
        for lang in ("en", "zh", "ru")
        if by_lang[lang]["term"] not in corpus[lang]
    ]
    assert unused == []
