"""What the subcommands share: the language option, China's date, and input errors."""

from __future__ import annotations

import argparse
import datetime as dt
from zoneinfo import ZoneInfo

from bot.domain.case import CaseError, CaseInvalidError
from knowledge.schema import LANGS, LocaleBundle

CHINA_TZ = ZoneInfo("Asia/Shanghai")


def add_lang(parser: argparse.ArgumentParser) -> None:
    """The --lang option every user-facing command takes."""
    parser.add_argument("--lang", choices=LANGS, default="en", help="language of the answer")


def add_on(parser: argparse.ArgumentParser) -> None:
    """--on: run as if today were another day, since facts apply, lapse and age by date."""
    parser.add_argument(
        "--on",
        type=dt.date.fromisoformat,
        default=None,
        metavar="YYYY-MM-DD",
        help="as if today were this date (default: today in Asia/Shanghai)",
    )


def today_in_china() -> dt.date:
    """The default application date: today where the licence is applied for."""
    return dt.datetime.now(CHINA_TZ).date()


class CommandError(Exception):
    """Bad input to a command: one or more localisable errors, printed as one line, exit 2."""

    def __init__(self, code: str = "", errors: tuple[CaseError, ...] = (), **params: str) -> None:
        self.errors = errors or (CaseError(field="input", code=code, params=params),)
        super().__init__("; ".join(e.code for e in self.errors))

    @classmethod
    def from_case(cls, exc: CaseInvalidError) -> CommandError:
        """Carry a case's validation errors up to the command line."""
        return cls(errors=exc.errors)

    def render(self, locale: LocaleBundle) -> str:
        """One line in the user's language naming each problem."""
        parts = []
        for err in self.errors:
            template = locale.errors.get(err.code)
            if template is None:
                parts.append(f"{err.field}: {err.code}")
                continue
            params = {"field": err.field, "value": "", "allowed": "", "limit": "", "detail": ""}
            params.update(err.params)
            parts.append(template.format(**params))
        return "; ".join(parts)
