"""`exportdesk ask`: answer a question from the knowledge base (DESIGN 3.3), one or many."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, TextIO

from bot.commands.common import CommandError, add_on, today_in_china
from knowledge.schema import LANGS

if TYPE_CHECKING:
    from bot.domain.kb.answers import KbAnswer


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `ask`."""
    parser = sub.add_parser("ask", help="answer a question from the knowledge base")
    parser.add_argument("--json", action="store_true", help="print the DESIGN 3.3 JSON answer")
    parser.add_argument(
        "--lang", choices=LANGS, default=None, help="answer language (default: the question's)"
    )
    parser.add_argument(
        "--batch", metavar="FILE", help="one question per line (- for stdin); one JSON per line out"
    )
    add_on(parser)
    parser.add_argument("question", nargs="*", help="the question")
    parser.set_defaults(run=run)


def _readable(answer: KbAnswer, labels: dict[str, str]) -> str:
    lines = [answer.text]
    if answer.sources:
        lines.extend(["", labels["sources_label"] + ":"])
        lines.extend(f"- {url}" for url in answer.sources)
    if answer.reviewed_on:
        lines.append(f"{labels['reviewed_label']}: {answer.reviewed_on.isoformat()}")
    return "\n".join(lines)


def run(args: argparse.Namespace, stdin: TextIO, stdout: TextIO) -> int:
    """One question from the arguments, or a batch with the index loaded once."""
    question = " ".join(args.question).strip()
    if bool(question) == bool(args.batch):
        raise CommandError("ask_usage")
    from bot.domain.kb.build import build_knowledge_base  # noqa: PLC0415 - only this command needs it

    kb = build_knowledge_base()
    today = args.on or today_in_china()
    if args.batch:
        try:
            source = stdin if args.batch == "-" else open(args.batch, encoding="utf-8")  # noqa: SIM115
        except OSError as exc:
            raise CommandError("unreadable_file", path=args.batch, detail=str(exc)) from exc
        with source:
            for line in source:
                if line.strip():
                    doc = kb.ask(line.strip(), args.lang, today).as_json()
                    stdout.write(json.dumps(doc, ensure_ascii=False) + "\n")
        return 0
    answer = kb.ask(question, args.lang, today)
    if args.json:
        stdout.write(json.dumps(answer.as_json(), ensure_ascii=False, indent=2) + "\n")
    else:
        stdout.write(_readable(answer, kb.locales[answer.lang].ui) + "\n")
    return 0
