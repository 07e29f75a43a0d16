"""Pydantic schema for all of knowledge/, so bad data fails at load time, not in a chat."""

from __future__ import annotations

import datetime as dt
import re
from itertools import pairwise
from typing import Annotated, Literal, get_args

import phonenumbers
from pydantic import BaseModel, ConfigDict, Field, HttpUrl, field_validator, model_validator

Confidence = Literal["a", "b", "c"]
# What a failure of the rule means for the verdict: never curable, curable by time, or by paperwork.
OnFail = Literal["permanent", "wait", "fixable"]
LANGS: tuple[str, ...] = ("en", "zh", "ru")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


SourceKind = Literal["official", "official_copy", "press", "industry"]
FactState = Literal["not_yet", "in_force", "lapsed"]


class Dated(_Strict):
    """What every fact carries about its age (DESIGN 1.9).

    `source_date` is the date the source itself gives (None where it gives none); `valid_from` /
    `valid_to` are the validity the source states, both days included; `checked_on` is the day a
    person last re-checked the fact against its sources.
    """

    source_date: dt.date | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    checked_on: dt.date

    @model_validator(mode="after")
    def _ordered(self) -> Dated:
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValueError("valid_to must not be before valid_from")
        return self

    def state(self, on: dt.date) -> FactState:
        """Before its validity, within it, or past its stated end (then: not confirmed since)."""
        if self.valid_from is not None and on < self.valid_from:
            return "not_yet"
        if self.valid_to is not None and on > self.valid_to:
            return "lapsed"
        return "in_force"


class Cited(Dated):
    """A dated fact with its grade, the pages it rests on and the official texts it names."""

    confidence: Confidence
    sources: tuple[HttpUrl, ...] = Field(min_length=1)
    documents: tuple[str, ...] = ()
    params: dict[str, int | float | str | list[str]] = Field(default_factory=dict)


class RuleSpec(Cited):
    """One dated version of a China-side rule: the predicate is found by `id`."""

    id: str
    valid_from: dt.date
    on_fail: OnFail
    # Some reasons of one rule cure differently (a missing proof is paperwork, an unlisted
    # modification is permanent); the reason code picks the verdict it leads to.
    on_fail_by_reason: dict[str, OnFail] = Field(default_factory=dict)
    clause: str

    @model_validator(mode="after")
    def _graded(self) -> RuleSpec:
        if self.confidence == "c":
            raise ValueError(f"{self.id}: a (c) fact may only be an advisory, never a rule")
        return self

    def in_force(self, on: dt.date) -> bool:
        """True when `on` falls within [valid_from, valid_to], both days included."""
        return self.state(on) == "in_force"


class AdvisorySpec(Cited):
    """An advisory never changes a verdict; it carries what the user should still know."""

    id: str


class RuleSet(_Strict):
    """A named collection of dated rules and advisories."""

    ruleset: str
    rules: tuple[RuleSpec, ...]
    advisories: tuple[AdvisorySpec, ...]

    @model_validator(mode="after")
    def _no_overlapping_versions(self) -> RuleSet:
        by_id: dict[str, list[RuleSpec]] = {}
        for spec in self.rules:
            by_id.setdefault(spec.id, []).append(spec)
        for rule_id, versions in by_id.items():
            ordered = sorted(versions, key=lambda s: s.valid_from)
            for earlier, later in pairwise(ordered):
                if earlier.valid_to is None or earlier.valid_to >= later.valid_from:
                    raise ValueError(f"{rule_id}: rule versions overlap")
        ids = [a.id for a in self.advisories]
        if len(ids) != len(set(ids)):
            raise ValueError("advisory ids must be unique")
        return self

    def rule_ids(self) -> frozenset[str]:
        """Every rule id the set defines, whatever its dates."""
        return frozenset(spec.id for spec in self.rules)

    def versions(self, rule_id: str) -> tuple[RuleSpec, ...]:
        """Every version of `rule_id`, oldest first."""
        return tuple(sorted((s for s in self.rules if s.id == rule_id), key=lambda s: s.valid_from))

    def rule_in_force(self, rule_id: str, on: dt.date) -> RuleSpec | None:
        """The version of `rule_id` in force on `on`, if any."""
        for spec in self.rules:
            if spec.id == rule_id and spec.in_force(on):
                return spec
        return None

    def latest(self, rule_id: str) -> RuleSpec:
        """The newest version of `rule_id`, for text that is not tied to a date."""
        versions = self.versions(rule_id)
        if not versions:
            raise KeyError(rule_id)
        return versions[-1]

    def advisory(self, advisory_id: str) -> AdvisorySpec:
        """The advisory with this id."""
        spec = self.advisory_or_none(advisory_id)
        if spec is None:
            raise KeyError(advisory_id)
        return spec

    def advisory_or_none(self, advisory_id: str) -> AdvisorySpec | None:
        """The advisory with this id, if the rule set defines it."""
        return next((s for s in self.advisories if s.id == advisory_id), None)


class Document(_Strict):
    """An official text (a notice, an announcement, a decree, a standard), cited by number."""

    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    number: str | None = None
    issuer: str
    title: str
    date: dt.date | None = None


class Page(_Strict):
    """A web page a fact rests on: who published it, what kind of source it is, its date."""

    url: HttpUrl
    site: str
    kind: SourceKind
    copy_of: str | None = None
    date: dt.date | None = None
    title: str = Field(max_length=160)

    @model_validator(mode="after")
    def _copy_names_its_original(self) -> Page:
        if (self.kind == "official_copy") != (self.copy_of is not None):
            raise ValueError(f"{self.url}: copy_of goes with kind official_copy, and only with it")
        return self


class SourceRegistry(_Strict):
    """Every official document and page cited anywhere in knowledge/."""

    documents: tuple[Document, ...]
    pages: tuple[Page, ...]

    @model_validator(mode="after")
    def _consistent(self) -> SourceRegistry:
        ids = {d.id for d in self.documents}
        if len(ids) != len(self.documents):
            raise ValueError("document ids must be unique")
        urls = [str(p.url) for p in self.pages]
        if len(urls) != len(set(urls)):
            raise ValueError("every page must be listed once")
        missing = {p.copy_of for p in self.pages if p.copy_of and p.copy_of not in ids}
        if missing:
            raise ValueError(f"copy_of names unknown documents: {sorted(missing)}")
        return self


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

    Answers cite rule data as [[rule-or-advisory-id:param]] (or [[id:valid_from]]) and market
    facts as [[CC/fact-id:param]], so answers and verdicts read the same numbers and dates.
    """

    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    # "service" entries speak about the bot itself and need no external source.
    topic: Literal["policy", "service"] = "policy"
    reviewed_on: dt.date
    sources: tuple[HttpUrl, ...] = ()
    rule_ids: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    # "KZ/fees": this entry is the curated answer to one market's topic; a question about that
    # country and topic gets the market's facts with this entry offered beside them.
    covers: tuple[str, ...] = ()
    texts: dict[str, FaqText]

    @model_validator(mode="after")
    def _every_language(self) -> FaqEntry:
        if set(self.texts) != set(LANGS):
            raise ValueError(f"{self.id}: texts must be exactly {', '.join(LANGS)}")
        if self.topic == "policy" and not self.sources:
            raise ValueError(f"{self.id}: a policy answer needs at least one source")
        if self.id in self.related:
            raise ValueError(f"{self.id}: an entry cannot be related to itself")
        topics = "|".join(get_args(MarketTopic))
        bad = [c for c in self.covers if not re.fullmatch(rf"[A-Z]{{2}}/({topics})", c)]
        if bad:
            raise ValueError(f"{self.id}: covers must read COUNTRY/topic, not {', '.join(bad)}")
        return self


class Localized(_Strict):
    """A short text in every supported language."""

    en: str = Field(min_length=1, max_length=900)
    zh: str = Field(min_length=1, max_length=900)
    ru: str = Field(min_length=1, max_length=900)

    def get(self, lang: str) -> str:
        """The text in `lang`."""
        text: str = getattr(self, lang)
        return text


VehicleTypeCode = Literal["passenger", "commercial", "trailer", "three_wheeler", "low_speed"]
PowertrainCode = Literal["ice", "hev", "phev", "erev", "bev", "fcev"]
# What a market fact is about; a country question is answered from the facts of its topic.
MarketTopic = Literal[
    "age", "steering", "emissions", "fees", "ev", "inspection", "used_imports", "other"
]  # fmt: skip
# How an age in years may be counted: elapsed time (a day past N years is over N), completed
# years, calendar years (year of import minus the base year), or calendar years with the year of
# import counted too. A limit whose counting is not certain lists every reading it may have.
AgeReading = Literal["elapsed", "completed_years", "calendar_years", "calendar_inclusive"]


class AppliesTo(_Strict):
    """Limits a market fact to some vehicles; empty means every vehicle.

    `weight` is the gross vehicle weight class: light is 3.5 t or less (every passenger car),
    heavy is over 3.5 t.
    """

    vehicle_types: tuple[VehicleTypeCode, ...] = ()
    powertrains: tuple[PowertrainCode, ...] = ()
    weight: Literal["light", "heavy"] | None = None


class MarketFact(Cited):
    """A destination fact: dated, graded, sourced; its note may quote its own params."""

    note: Localized | None = None


class SteeringRule(MarketFact):
    """dest.steering: which steering sides the country registers."""

    id: Literal["dest.steering"]
    accepted: tuple[Literal["lhd", "rhd"], ...] = Field(min_length=1)


class AgeRule(MarketFact):
    """dest.age: how old a vehicle may be, counted the way the country counts it.

    Exactly one of `max_years` (accepted while the age is at most max_years under each reading),
    `min_year` (the base year must be at least this) or `no_limit` (a source states there is none).
    """

    id: Literal["dest.age"]
    counted_from: Literal["manufacture", "model_year", "first_registration"] = "manufacture"
    readings: tuple[AgeReading, ...] = ("completed_years",)
    max_years: int | None = Field(default=None, ge=0, le=50)
    min_year: int | None = Field(default=None, ge=1950, le=2100)
    no_limit: bool = False
    applies_to: AppliesTo = AppliesTo()

    @model_validator(mode="after")
    def _one_limit(self) -> AgeRule:
        given = [self.max_years is not None, self.min_year is not None, self.no_limit]
        if sum(given) != 1:
            raise ValueError("dest.age needs exactly one of max_years, min_year or no_limit")
        if not self.readings or len(set(self.readings)) != len(self.readings):
            raise ValueError("dest.age readings must be distinct and at least one")
        return self


class PowertrainRule(MarketFact):
    """dest.powertrain: drive types accepted; `uncertain` ones give unknown, never fail."""

    id: Literal["dest.powertrain"]
    accepted: tuple[PowertrainCode, ...] = Field(min_length=1)
    uncertain: tuple[PowertrainCode, ...] = ()
    applies_to: AppliesTo = AppliesTo()


class UsedImportBanRule(MarketFact):
    """dest.used_import_ban: whether used vehicles may be imported.

    scope `all`: no used imports; `china_built`: none built in China; `none`: used imports are
    admitted (the sources describe the conditions under which they are).
    """

    id: Literal["dest.used_import_ban"]
    scope: Literal["all", "china_built", "none"] = "all"


class EmissionsRule(MarketFact):
    """dest.emissions: minimum Euro class; `personal_import_min`: a lower class for private use."""

    id: Literal["dest.emissions"]
    min_euro: int = Field(ge=1, le=6)
    personal_import_min: int | None = Field(default=None, ge=1, le=6)
    applies_to: AppliesTo = AppliesTo()


MarketRule = Annotated[
    SteeringRule | AgeRule | PowertrainRule | UsedImportBanRule | EmissionsRule,
    Field(discriminator="id"),
]
RULE_TOPICS: dict[str, MarketTopic] = {
    "dest.steering": "steering",
    "dest.age": "age",
    "dest.powertrain": "ev",
    "dest.used_import_ban": "used_imports",
    "dest.emissions": "emissions",
}


class AdvisoryWhen(_Strict):
    """When a market advisory concerns the car; every given condition must hold.

    A condition on a fact the user has not given does not hold, so the advisory is then shown
    as general advice rather than as being about this car.
    """

    powertrains: tuple[PowertrainCode, ...] = ()
    vehicle_types: tuple[VehicleTypeCode, ...] = ()
    steering: Literal["lhd", "rhd"] | None = None
    engine_power_hp_above: int | None = None
    engine_power_hp_at_most: int | None = None

    @property
    def empty(self) -> bool:
        """No condition: the advisory concerns every car."""
        return self == AdvisoryWhen()


class MarketAdvisory(MarketFact):
    """A destination fact that never fails a car: every (c) fact, and (a)/(b) facts that inform."""

    id: str = Field(pattern=r"^dest\.[a-z]{2}\.[a-z0-9_]+$")
    topic: MarketTopic
    when: AdvisoryWhen = AdvisoryWhen()
    # Shown only when its condition holds for the car (a fee band the car is not in is noise).
    only_when_matched: bool = False
    text: Localized


class Market(_Strict):
    """One destination country's import rules, every fact sourced and dated."""

    country: str = Field(pattern=r"^[A-Z]{2}$")
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
        ids = [a.id for a in self.advisories]
        if len(ids) != len(set(ids)):
            raise ValueError(f"{self.country}: advisory ids must be unique")
        return self

    def facts(self) -> tuple[MarketRule | MarketAdvisory, ...]:
        """Every rule and advisory of the market."""
        return (*self.rules, *self.advisories)


class Planning(_Strict):
    """Our planning assumptions (not facts about any rule), said as such wherever used."""

    # Days from the licence application to the car's arrival at destination customs.
    arrival_allowance_days: int = Field(ge=0, le=365)


class Brand(_Strict):
    """White-label settings: who runs this bot, how it greets, and the markets it offers first."""

    name: Localized
    welcome: Localized
    contact: Localized | None = None
    # What users are told after asking for a manager, e.g. "usually within 2 working hours".
    reply_time: Localized | None = None
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
