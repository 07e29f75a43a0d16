"""Outcome types of an evaluation: reason codes and numbers, never sentences (DESIGN 1.5)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

Detail = int | str | dt.date


class Status(StrEnum):
    """A requirement's state; `unknown` is what missing facts give, never `fail`."""

    PASS = "pass"  # noqa: S105 - a status name, not a password
    FAIL = "fail"
    UNKNOWN = "unknown"
    NOT_APPLICABLE = "not_applicable"


class Verdict(StrEnum):
    """The one-line answer to "can this car be exported?"."""

    ELIGIBLE = "eligible"
    CONDITIONAL = "conditional"
    NOT_YET = "not_yet"
    NOT_ELIGIBLE = "not_eligible"


@dataclass(frozen=True, slots=True)
class RuleResult:
    """What one rule found: a status, a reason code, and the numbers the message needs."""

    rule_id: str
    status: Status
    reason: str
    details: Mapping[str, Detail] = field(default_factory=dict)


ABOUT_THIS_CAR = 0  # an advisory whose condition this car meets, or a warning about its dates
GENERAL = 1  # worth knowing for any car going this way
BACKGROUND = 2  # procedure and information that rarely changes a decision


@dataclass(frozen=True, slots=True)
class Advisory:
    """Something worth knowing that never changes the verdict; lower relevance comes first."""

    advisory_id: str
    details: Mapping[str, Detail] = field(default_factory=dict)
    relevance: int = GENERAL


@dataclass(frozen=True, slots=True)
class Alternatives:
    """Other markets on file for a refused car: all checks pass, or none fails but some are open."""

    passing: tuple[str, ...]
    open: tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True, slots=True)
class Evaluation:
    """The full result for one case on one date."""

    verdict: Verdict
    eligible_from: dt.date | None
    days_since_registration: int | None
    results: tuple[RuleResult, ...]
    advisories: tuple[Advisory, ...]
    ruleset: str
    evaluated_on: dt.date
    application_date: dt.date
    # The day a reminder should come: the first day without the letter, with the safety margin.
    remind_on: dt.date | None = None
    arrival_date: dt.date | None = None
    alternatives: Alternatives | None = None
