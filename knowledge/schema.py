"""Pydantic schema for all of knowledge/, so bad data fails at load time, not in a chat."""

from __future__ import annotations

import datetime as dt
from itertools import pairwise
from typing import Annotated, Literal

import phonenumbers
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
        spec = self.advisory_or_none(advisory_id)
        if spec is None:
            raise KeyError(advisory_id)
        return spec

    def advisory_or_none(self, advisory_id: str) -> AdvisorySpec | None:
        """The advisory with this id, if the rule set defines it."""
        return next((s for s in self.advisories if s.id == advisory_id), None)


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
    texts: dict[str, FaqText]

    @model_validator(mode="after")
    def _every_language(self) -> FaqEntry:
        if set(self.texts) != set(LANGS):
            raise ValueError(f"{self.id}: texts must be exactly {', '.join(LANGS)}")
        if self.topic == "policy" and not self.sources:
            raise ValueError(f"{self.id}: a policy answer needs at least one source")
        if self.id in self.related:
            raise ValueError(f"{self.id}: an entry cannot be related to itself")
        return self


class Localized(_Strict):
    """A short text in every supported language."""

    en: str = Field(min_length=1, max_length=600)
    zh: str = Field(min_length=1, max_length=600)
    ru: str = Field(min_length=1, max_length=600)

    def get(self, lang: str) -> str:
        """The text in `lang`."""
        text: str = getattr(self, lang)
        return text


class Sourced(_Strict):
    """What every market fact carries: its sources, the date they give, and a confidence grade."""

    confidence: Confidence
    sources: tuple[HttpUrl, ...] = Field(min_length=1)
    # The date the source itself gives; None where the page gives none ("n.d.").
    source_date: dt.date | None
    effective_from: dt.date | None = None


VehicleTypeCode = Literal["passenger", "commercial", "trailer", "three_wheeler", "low_speed"]
PowertrainCode = Literal["ice", "hev", "phev", "erev", "bev", "fcev"]


class AppliesTo(_Strict):
    """Limits a market fact to some vehicles; empty means every vehicle."""

    vehicle_types: tuple[VehicleTypeCode, ...] = ()
    powertrains: tuple[PowertrainCode, ...] = ()


class SteeringRule(Sourced):
    """dest.steering: which steering sides the country registers."""

    id: Literal["dest.steering"]
    accepted: tuple[Literal["lhd", "rhd"], ...] = Field(min_length=1)
    note: Localized | None = None


class AgeRule(Sourced):
    """dest.age: how old a vehicle may be, counted the way the country counts it.

    Either `max_years` (age in years, the car is accepted while age <= max_years) or `min_year`
    (the year counted from must be at least this). `edge_uncertain` marks a limit whose exact
    counting is not known: a car one year past `max_years` is then `unknown`, never `fail`.
    """

    id: Literal["dest.age"]
    counted_from: Literal["manufacture", "model_year", "first_registration"]
    counting: Literal["exact", "calendar_years"] = "exact"
    max_years: int | None = Field(default=None, ge=0, le=50)
    min_year: int | None = Field(default=None, ge=1950, le=2100)
    edge_uncertain: bool = False
    applies_to: AppliesTo = AppliesTo()
    note: Localized | None = None

    @model_validator(mode="after")
    def _one_limit(self) -> AgeRule:
        if (self.max_years is None) == (self.min_year is None):
            raise ValueError("dest.age needs exactly one of max_years or min_year")
        return self


class PowertrainRule(Sourced):
    """dest.powertrain: drive types accepted; `uncertain` ones give unknown, never fail."""

    id: Literal["dest.powertrain"]
    accepted: tuple[PowertrainCode, ...] = Field(min_length=1)
    uncertain: tuple[PowertrainCode, ...] = ()
    applies_to: AppliesTo = AppliesTo()
    note: Localized | None = None


class UsedImportBanRule(Sourced):
    """dest.used_import_ban: used vehicles may not be imported (scope: all, or China-built only)."""

    id: Literal["dest.used_import_ban"]
    scope: Literal["all", "china_built"] = "all"
    note: Localized


class EmissionsRule(Sourced):
    """dest.emissions: minimum Euro class; `personal_import_min`: a lower class for private use."""

    id: Literal["dest.emissions"]
    min_euro: int = Field(ge=1, le=6)
    personal_import_min: int | None = Field(default=None, ge=1, le=6)
    applies_to: AppliesTo = AppliesTo()
    note: Localized | None = None


MarketRule = Annotated[
    SteeringRule | AgeRule | PowertrainRule | UsedImportBanRule | EmissionsRule,
    Field(discriminator="id"),
]


class AdvisoryWhen(_Strict):
    """When a market advisory is shown; every given condition must hold (unknown facts do not)."""

    powertrains: tuple[PowertrainCode, ...] = ()
    vehicle_types: tuple[VehicleTypeCode, ...] = ()
    engine_power_hp_above: int | None = None
    engine_power_hp_at_most: int | None = None


class MarketAdvisory(Sourced):
    """A destination fact that never fails a car: every (c) fact, and (a)/(b) facts that inform."""

    id: str = Field(pattern=r"^dest\.[a-z]{2}\.[a-z0-9_]+$")
    when: AdvisoryWhen = AdvisoryWhen()
    text: Localized


class Market(_Strict):
    """One destination country's import rules, every fact sourced and dated."""

    country: str = Field(pattern=r"^[A-Z]{2}$")
    reviewed_on: dt.date
    rules: tuple[MarketRule, ...] = ()
    advisories: tuple[MarketAdvisory, ...] = ()

    @model_validator(mode="after")
    def _graded(self) -> Market:
        for rule in self.rules:
            if rule.confidence == "c":
                raise ValueError(f"{self.country} {rule.id}: a (c) fact may only be an advisory")
        prefix = f"dest.{self.country.lower()}."
        for adv in self.advisories:
            if not adv.id.startswith(prefix):
                raise ValueError(f"{self.country}: advisory {adv.id} must start with {prefix}")
        return self


class Brand(_Strict):
    """White-label settings: who runs this bot, how it greets, and the markets it offers first."""

    name: Localized
    welcome: Localized
    contact: Localized | None = None
    phone: str | None = None
    email: str | None = Field(default=None, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    website: HttpUrl | None = None
    main_markets: tuple[str, ...] = Field(min_length=1, max_length=12)

    @field_validator("phone")
    @classmethod
    def _phone(cls, value: str | None) -> str | None:
        """Store a phone number in international form, refusing ones that cannot exist."""
        if value is None:
            return None
        try:
            parsed = phonenumbers.parse(value, None)
        except phonenumbers.NumberParseException as exc:
            raise ValueError(f"phone {value!r}: {exc}") from exc
        if not phonenumbers.is_valid_number(parsed):
            raise ValueError(f"phone {value!r} is not a valid number")
        return str(phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164))

    @field_validator("main_markets")
    @classmethod
    def _codes(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        bad = [code for code in value if len(code) != 2 or not code.isupper()]
        if bad:
            raise ValueError(f"main_markets must be ISO alpha-2 codes, not {bad}")
        return value
