"""`exportdesk kb lint`: validate all of knowledge/ and fail on any problem."""

from __future__ import annotations

import argparse
from typing import TextIO

from bot.commands.common import today_in_china
from bot.domain.catalogue import catalogue_problems
from bot.domain.citations import Citations
from bot.domain.explain import fact_text
from knowledge.lint import fact_age_problems, faq_problems, locale_problems
from knowledge.loader import (
    KnowledgeError,
    load_country_aliases,
    load_faq,
    load_locales,
    load_markets,
    load_planning,
    load_ruleset,
    load_sources,
)
from knowledge.schema import AdvisorySpec, MarketAdvisory, MarketRule, RuleSpec


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `kb lint`."""
    parser = sub.add_parser("kb", help="knowledge-base maintenance")
    kb_sub = parser.add_subparsers(dest="kb_command", required=True)
    lint = kb_sub.add_parser("lint", help="validate all of knowledge/; non-zero exit on problems")
    lint.set_defaults(run=run_lint)


def lint_problems() -> tuple[list[str], list[str]]:
    """Every problem (fails the lint) and warning found in knowledge/, one line each."""
    from bot.domain.kb.answers import PlaceholderError, fill_rule_data  # noqa: PLC0415
    from bot.domain.kb.build import build_knowledge_base  # noqa: PLC0415

    try:
        ruleset = load_ruleset()
        locales = load_locales()
        markets = load_markets()
        load_country_aliases()
        entries = load_faq()
        sources = load_sources()
        load_planning()
        build_knowledge_base()  # entries, rule data, texts and model must load together
    except KnowledgeError as exc:
        return [str(exc)], []
    today = today_in_china()
    problems = locale_problems(locales) + catalogue_problems(ruleset, locales)
    warnings: list[str] = []
    citations = Citations(sources)
    dated: list[tuple[str, tuple[RuleSpec | AdvisorySpec | MarketRule | MarketAdvisory, ...]]]
    dated = [("rules/" + ruleset.ruleset, (*ruleset.rules, *ruleset.advisories))]
    dated += [(f"markets/{code}", market.facts()) for code, market in markets.items()]
    for name, facts in dated:
        found, warned = fact_age_problems(name, facts, today)
        problems += found
        warnings += warned
        problems.extend(
            f"{name}: {fact.id} cites {ref}, which knowledge/sources.yaml does not list"
            for fact in facts
            for ref in citations.missing(fact)
        )
    for code, market in markets.items():
        for fact in market.facts():
            for lang, locale in locales.items():
                try:
                    fact_text(fact, locale)
                except (KeyError, IndexError, ValueError) as exc:
                    problems.append(f"markets/{code}: {fact.id} ({lang}) quotes unknown {exc}")
    faq, faq_warnings = faq_problems(entries, ruleset.rule_ids(), today, frozenset(markets))
    problems += faq
    warnings += faq_warnings
    for entry in entries:
        for lang, text in entry.texts.items():
            try:
                fill_rule_data(text.answer, ruleset, locales[lang], markets)
            except PlaceholderError as exc:
                problems.append(f"faq/{entry.id} ({lang}): {exc.args[0]}")
            if "{" in text.answer or "}" in text.answer:
                problems.append(f"faq/{entry.id} ({lang}): braces in the answer")
    return problems, warnings


def run_lint(args: argparse.Namespace, stdin: TextIO, stdout: TextIO) -> int:
    """Print each problem; exit 1 if there is any."""
    problems, warnings = lint_problems()
    for line in warnings:
        stdout.write(f"warning: {line}\n")
    for line in problems:
        stdout.write(f"{line}\n")
    if problems:
        stdout.write(f"kb lint: {len(problems)} problem(s)\n")
        return 1
    stdout.write("kb lint: ok\n")
    return 0
