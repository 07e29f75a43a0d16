"""Pydantic schema for all of knowledge/, so bad data fails at load time, not in a chat."""

from __future__ import annotations

import datetime as dt
from itertools import pairwise
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, field_validator, model_validator

Confidence = Literal["a", "b", "c"]
# What a failure of the rule means for the verdict: never curable, curable by time, or by paperwork.
OnFail = Literal["permanent", "wait", "fixable"]
LANGS: tuple[str, ...] = ("en", "zh", "ru")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RuleSpec(_Strict):
    """One effective-dated version of a rule: the predicate is found by `id`."""

    id: str
    effective_from: dt.date
    effective_to: dt.date | None = None
    confidence: Confidence
    on_fail: OnFail
    clause: str
    sources: tuple[HttpUrl, ...] = Field(min_length=1)
    params: dict[str, int | str | list[str]] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _graded_and_dated(self) -> RuleSpec:
        if self.confidence == "c":
            raise ValueError(f"{self.id}: a (c) fact may only be an advisory, never a rule")
        if self.effective_to is not None and self.effective_to <= self.effective_from:
            raise ValueError(f"{self.id}: effective_to must be after effective_from")
        return self

    def in_force(self, on: dt.date) -> bool:
        """True when `on` falls inside [effective_from, effective_to)."""
        return self.effective_from <= on and (self.effective_to is None or on < self.effective_to)


class AdvisorySpec(_Strict):
    """An advisory never changes a verdict; it carries what the user should still know."""

    id: str
    confidence: Confidence
    sources: tuple[HttpUrl, ...] = Field(min_length=1)
    effective_from: dt.date | None = None
    params: dict[str, int | str | list[str]] = Field(default_factory=dict)


class RuleSet(_Strict):
    """A named, dated collection of rules and advisories."""

    ruleset: str
    reviewed_on: dt.date
    rules: tuple[RuleSpec, ...]
    advisories: tuple[AdvisorySpec, ...]

    @model_validator(mode="after")
    def _no_overlapping_versions(self) -> RuleSet:
        by_id: dict[str, list[RuleSpec]] = {}
        for spec in self.rules:
            by_id.setdefault(spec.id, []).append(spec)
        for rule_id, versions in by_id.items():
            ordered = sorted(versions, key=lambda s: s.effective_from)
            for earlier, later in pairwise(ordered):
                if earlier.effective_to is None or earlier.effective_to > later.effective_from:
                    raise ValueError(f"{rule_id}: rule versions overlap")
        ids = [a.id for a in self.advisories]
        if len(ids) != len(set(ids)):
            raise ValueError("advisory ids must be unique")
        return self

    def rule_ids(self) -> frozenset[str]:
        """Every rule id the set defines, whatever its dates."""
        return frozenset(spec.id for spec in self.rules)

    def rule_in_force(self, rule_id: str, on: dt.date) -> RuleSpec | None:
        """The version of `rule_id` in force on `on`, if any."""
        for spec in self.rules:
            if spec.id == rule_id and spec.in_force(on):
                return spec
        return None

    def latest(self, rule_id: str) -> RuleSpec:
        """The newest version of `rule_id`, for text that is not tied to a date."""
        versions = [s for s in self.rules if s.id == rule_id]
        if not versions:
            raise KeyError(rule_id)
        return max(versions, key=lambda s: s.effective_from)

    def advisory(self, advisory_id: str) -> AdvisorySpec:
        """The advisory with this id."""
        for spec in self.advisories:
            if spec.id == advisory_id:
                return spec
        raise KeyError(advisory_id)


class RequirementText(_Strict):
    """What one rule is called and how each of its outcomes is explained, in one language."""

    title: str
    why: str
    reasons: dict[str, str]
    remedies: dict[str, str] = Field(default_factory=dict)


class LocaleBundle(_Strict):
    """All user-facing words of one language."""

    lang: str
    language_name: str
    babel_locale: str
    verdicts: dict[str, str]
    statuses: dict[str, str]
    requirements: dict[str, RequirementText]
    advisories: dict[str, str]
    errors: dict[str, str]
    ui: dict[str, str]

    @field_validator("lang")
    @classmethod
    def _known_lang(cls, value: str) -> str:
        if value not in LANGS:
            raise ValueError(f"unsupported language {value!r}")
        return value


class FaqText(_Strict):
    """One entry in one language: a title, a short answer and questions people really ask."""

    title: str = Field(min_length=3, max_length=120)
    answer: str = Field(min_length=40, max_length=1200)
    examples: tuple[str, ...] = Field(min_length=4)


class FaqEntry(_Strict):
    """One knowledge-base topic in every language, with its sources and review date.

    Answers may cite rule data as [[rule-or-advisory-id:param]] (or [[id:effective_from]]), so
    that the knowledge base and the rule engine read the same numbers and dates.
    """

    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    # "service" entries speak about the bot itself and need no external source.
    topic: Literal["policy", "service"] = "policy"
    reviewed_on: dt.date
    sources: tuple[HttpUrl, ...] = ()
    rule_ids: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    texts: dict[Literal["en", "zh", "ru"], FaqText]

    @model_validator(mode="after")
    def _every_language(self) -> FaqEntry:
        missing = set(LANGS) - self.texts.keys()
        if missing:
            raise ValueError(f"{self.id}: missing languages {sorted(missing)}")
        if self.topic == "policy" and not self.sources:
            raise ValueError(f"{self.id}: a policy answer needs at least one source")
        if self.id in self.related:
            raise ValueError(f"{self.id}: an entry cannot be related to itself")
        return self
