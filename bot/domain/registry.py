"""How rules and advisories are declared: an id, a pure check, and the reason codes it can give."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from bot.domain.facts import Facts
from bot.domain.results import GENERAL, Advisory, RuleResult, Status

Params = Mapping[str, object]
Check = Callable[[Facts, Params, dt.date], RuleResult]
AdvisoryCheck = Callable[[Facts, Params, Mapping[str, RuleResult]], Advisory | None]


@dataclass(frozen=True, slots=True)
class RuleDef:
    """A rule's code side; its dates, parameters and sources live in knowledge/rules."""

    rule_id: str
    check: Check
    reasons: frozenset[tuple[Status, str]]


@dataclass(frozen=True, slots=True)
class AdvisoryDef:
    """An advisory's code side: when to show it, with which numbers, and how relevant it is."""

    advisory_id: str
    check: AdvisoryCheck
    relevance: int = GENERAL


def yes_no_unknown(
    rule_id: str, value: bool | None, good_when: bool, ok: str, bad: str
) -> RuleResult:
    """The common shape of a declared yes/no fact: good, bad, or not known yet."""
    if value is None:
        return RuleResult(rule_id, Status.UNKNOWN, "unknown")
    if value is good_when:
        return RuleResult(rule_id, Status.PASS, ok)
    return RuleResult(rule_id, Status.FAIL, bad)


def yes_no_reasons(ok: str, bad: str) -> frozenset[tuple[Status, str]]:
    """The reason codes `yes_no_unknown` can give."""
    return frozenset({(Status.PASS, ok), (Status.FAIL, bad), (Status.UNKNOWN, "unknown")})
