"""`exportdesk kb lint`: validate all of knowledge/ and fail on any problem."""

from __future__ import annotations

import argparse
from typing import TextIO

from bot.commands.common import today_in_china
from bot.domain.catalogue import catalogue_problems
from knowledge.lint import locale_problems, market_problems, reviewed_problems
from knowledge.loader import (
    KnowledgeError,
    load_country_aliases,
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


def lint_problems() -> list[str]:
    """Every problem found in knowledge/, as one line each."""
    try:
        ruleset = load_ruleset()
        locales = load_locales()
        markets = load_markets()
        load_country_aliases()
    except KnowledgeError as exc:
        return [str(exc)]
    today = today_in_china()
    problems = locale_problems(locales)
    problems += catalogue_problems(ruleset, locales)
    problems += reviewed_problems("rules/" + ruleset.ruleset, ruleset.reviewed_on, today)
    for code, market in markets.items():
        problems += market_problems(f"markets/{code}", market, today)
    return problems


def run_lint(args: argparse.Namespace, stdin: TextIO, stdout: TextIO) -> int:
    """Print each problem; exit 1 if there is any."""
    problems = lint_problems()
    for line in problems:
        stdout.write(f"{line}\n")
    if problems:
        stdout.write(f"kb lint: {len(problems)} problem(s)\n")
        return 1
    stdout.write("kb lint: ok\n")
    return 0
