"""`exportdesk kb lint`: validate all of knowledge/ and fail on any problem."""

from __future__ import annotations

import argparse
from typing import TextIO

from bot.commands.common import today_in_china
from bot.domain.catalogue import catalogue_problems
from knowledge.lint import faq_problems, locale_problems, market_problems, reviewed_problems
from knowledge.loader import (
    KnowledgeError,
    load_country_aliases,
    load_faq,
    load_locales,
    load_markets,
    load_ruleset,
)


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
        build_knowledge_base()  # entries, rule data, texts and model must load together
    except KnowledgeError as exc:
        return [str(exc)], []
    today = today_in_china()
    problems = locale_problems(locales)
    problems += catalogue_problems(ruleset, locales)
    problems += reviewed_problems("rules/" + ruleset.ruleset, ruleset.reviewed_on, today)
    for code, market in markets.items():
        problems += market_problems(f"markets/{code}", market, today)
    faq, warnings = faq_problems(entries, ruleset.rule_ids(), today)
    problems += faq
    for entry in entries:
        for lang, text in entry.texts.items():
            try:
                fill_rule_data(text.answer, ruleset, locales[lang])
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
