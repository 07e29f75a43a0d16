"""Checks on the data alone: same keys and placeholders in every language, sources everywhere."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from knowledge.schema import Dated, FaqEntry, LocaleBundle


def flatten(tree: Mapping[str, Any], prefix: str = "") -> Iterator[tuple[str, str]]:
    """Yield (path, text) for every string leaf; keys may themselves contain dots."""
    for key, value in tree.items():
        path = f"{prefix}/{key}" if prefix else str(key)
        if isinstance(value, Mapping):
            yield from flatten(value, path)
        elif isinstance(value, str):
            yield path, value


_FIELD = re.compile(r"\{(\w+)(?=[,}])")


def placeholders(text: str) -> frozenset[str]:
    """The {names} a template expects, plural selectors ({days, plural, ...}) included."""
    return frozenset(_FIELD.findall(text))


def locale_problems(locales: Mapping[str, LocaleBundle]) -> list[str]:
    """Every key must exist in every language with the same placeholders."""
    problems: list[str] = []
    texts = {
        lang: dict(flatten(bundle.model_dump(exclude={"lang", "language_name", "babel_locale"})))
        for lang, bundle in locales.items()
    }
    all_keys = set().union(*(t.keys() for t in texts.values()))
    for key in sorted(all_keys):
        present = {lang: t[key] for lang, t in texts.items() if key in t}
        for lang in texts:
            if lang not in present:
                problems.append(f"locales/{lang}: missing {key}")
        shapes = {lang: placeholders(text) for lang, text in present.items()}
        if len(set(shapes.values())) > 1:
            detail = ", ".join(f"{lang}={sorted(s)}" for lang, s in shapes.items())
            problems.append(f"locales: placeholders differ for {key}: {detail}")
        problems.extend(
            f"locales/{lang}: empty text for {key}" for lang, t in present.items() if not t.strip()
        )
    return problems


def reviewed_problems(name: str, reviewed_on: dt.date, today: dt.date) -> list[str]:
    """A review date may not lie in the future."""
    if reviewed_on > today:
        return [f"{name}: reviewed_on {reviewed_on} is in the future"]
    return []


def fact_age_problems(
    name: str, facts: Iterable[Dated], today: dt.date
) -> tuple[list[str], list[str]]:
    """Dates in the future fail; facts past valid_to or not re-checked for long are reported."""
    problems: list[str] = []
    warnings: list[str] = []
    for fact in facts:
        label = f"{name}: {getattr(fact, 'id', '?')}"
        if fact.checked_on > today:
            problems.append(f"{label} was checked_on {fact.checked_on}, in the future")
        if fact.source_date is not None and fact.source_date > today:
            problems.append(f"{label} has a source date in the future")
        if fact.valid_to is not None and fact.valid_to < today:
            warnings.append(
                f"{label} is past its valid_to {fact.valid_to}: shown as not confirmed since"
            )
        if (today - fact.checked_on).days > STALE_AFTER_DAYS:
            warnings.append(
                f"{label} not checked for over {STALE_AFTER_DAYS} days (last {fact.checked_on})"
            )
    return problems, warnings


REQUIRED_FAQ_IDS = frozenset({
    "zero-km-used-cars", "why-rules-changed", "rule-180-days", "after-sales-letter",
    "effective-date-and-transition", "licence-data-match", "modified-vehicles",
    "exporter-credit-and-penalties", "mileage-requirement", "who-can-export",
    "export-licence-process", "export-test-report", "transfer-for-export",
    "deregistration-after-export", "prohibited-vehicles", "ev-export-licence", "ev-battery-health",
    "export-statistics", "destination-markets", "lhd-rhd-markets", "destination-age-limits",
    "russia-recycling-fee", "eaeu-emission-rules", "documents-checklist", "export-process-steps",
    "spring-festival-slowdown", "vin-check", "talk-to-a-manager", "about-this-bot",
})  # fmt: skip
STALE_AFTER_DAYS = 180


def faq_problems(
    entries: tuple[FaqEntry, ...],
    rule_ids: frozenset[str],
    today: dt.date,
    markets: frozenset[str],
) -> tuple[list[str], list[str]]:
    """Problems (fail the lint) and warnings (stale entries) in knowledge/faq."""
    problems: list[str] = []
    ids = {entry.id for entry in entries}
    problems.extend(f"faq: required entry {i} is missing" for i in sorted(REQUIRED_FAQ_IDS - ids))
    seen: dict[str, str] = {}
    for entry in entries:
        name = f"faq/{entry.id}"
        problems += reviewed_problems(name, entry.reviewed_on, today)
        problems.extend(
            f"{name}: related {r} does not exist" for r in entry.related if r not in ids
        )
        problems.extend(
            f"{name}: rule {r} does not exist" for r in entry.rule_ids if r not in rule_ids
        )
        problems.extend(
            f"{name}: covers {c}, but knowledge/markets has no file for {c[:2]}"
            for c in entry.covers
            if c[:2] not in markets
        )
        for lang, text in entry.texts.items():
            for question in text.examples:
                key = f"{lang}:{question.casefold().strip()}"
                if key in seen and seen[key] != entry.id:
                    problems.append(f"{name}: example {question!r} also in faq/{seen[key]}")
                seen[key] = entry.id
    warnings = [
        f"faq/{e.id}: stale, last reviewed {e.reviewed_on} (over {STALE_AFTER_DAYS} days ago)"
        for e in entries
        if (today - e.reviewed_on).days > STALE_AFTER_DAYS
    ]
    return problems, warnings
