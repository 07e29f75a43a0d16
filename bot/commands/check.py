"""`exportdesk check`: evaluate one vehicle case and print the verdict (DESIGN 3.1, 3.2)."""

from __future__ import annotations

import argparse
import json
from typing import TextIO

from bot.commands.common import CommandError, add_lang, add_on, today_in_china
from bot.domain.case import CaseInvalidError, parse_case
from bot.domain.eligibility import Engine
from bot.domain.explain import Explainer
from knowledge.loader import load_locale, load_markets, load_planning, load_ruleset, load_sources


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `check`."""
    parser = sub.add_parser("check", help="evaluate one vehicle case given as JSON")
    parser.add_argument("--json", action="store_true", help="print the DESIGN 3.2 JSON document")
    add_lang(parser)
    add_on(parser)
    parser.add_argument("file", nargs="?", default="-", help="a JSON file, or - for stdin")
    parser.set_defaults(run=run)


def _read(path: str, stdin: TextIO) -> str:
    if path == "-":
        return stdin.read()
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise CommandError("unreadable_file", path=path, detail=str(exc)) from exc


def run(args: argparse.Namespace, stdin: TextIO, stdout: TextIO) -> int:
    """Parse, evaluate, render; bad input raises CommandError for the caller to print."""
    locale = load_locale(args.lang)
    today = args.on or today_in_china()
    text = _read(args.file, stdin)
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CommandError("invalid_json", detail=f"line {exc.lineno}, column {exc.colno}") from exc
    try:
        case = parse_case(raw, today)
    except CaseInvalidError as exc:
        raise CommandError.from_case(exc) from exc
    ruleset, markets = load_ruleset(), load_markets()
    evaluation = Engine(ruleset, markets, load_planning()).evaluate(case, today)
    explainer = Explainer(ruleset, locale, markets, load_sources())
    if args.json:
        doc = explainer.as_json(evaluation)
        json.dump(doc, stdout, ensure_ascii=False, indent=2)
        stdout.write("\n")
    else:
        stdout.write(explainer.as_text(evaluation) + "\n")
    return 0
