"""The `exportdesk` command (DESIGN 3.1): parses arguments and turns bad input into one line."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import TextIO

from bot.commands import ask, bot_commands, check, kb, markets
from bot.commands.common import CommandError
from knowledge.loader import KnowledgeError, load_locale


def build_parser() -> argparse.ArgumentParser:
    """All subcommands, each registered by its own module."""
    parser = argparse.ArgumentParser(
        prog="exportdesk", description="Export Desk: used-car export checks for China (2026 rules)"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    check.add_parser(sub)
    ask.add_parser(sub)
    kb.add_parser(sub)
    markets.add_parser(sub)
    bot_commands.add_parsers(sub)
    return parser


def main(
    argv: Sequence[str] | None = None,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Entry point; returns the exit status (2 for bad input, 1 for broken knowledge data)."""
    err = stderr or sys.stderr
    args = build_parser().parse_args(argv)
    try:
        status: int = args.run(args, stdin or sys.stdin, stdout or sys.stdout)
    except CommandError as exc:
        locale = load_locale(getattr(args, "lang", None) or "en")
        err.write(f"exportdesk {args.command}: {exc.render(locale)}\n")
        return 2
    except KnowledgeError as exc:
        err.write(f"exportdesk {args.command}: knowledge data is broken: {exc}\n")
        return 1
    except BrokenPipeError:
        # The reader went away (e.g. `| head`); Python would otherwise complain at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    return status
