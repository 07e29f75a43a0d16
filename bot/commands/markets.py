"""`exportdesk markets`: the destinations on file, what each requires, how fresh each fact is."""

from __future__ import annotations

import argparse
from typing import TextIO

from bot.commands.common import add_lang
from bot.domain.market_summary import describe_market
from knowledge.loader import load_locale, load_markets


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `markets`."""
    parser = sub.add_parser("markets", help="list destination countries on file and their rules")
    add_lang(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, stdin: TextIO, stdout: TextIO) -> int:
    """Print every market on file."""
    locale = load_locale(args.lang)
    for market in load_markets().values():
        stdout.write("\n".join(describe_market(market, locale)) + "\n\n")
    return 0
