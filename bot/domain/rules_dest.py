"""Destination-side rules (dest.*): generic predicates driven by each country's market file.

A kind of requirement with no fact on file is `unknown`, exactly as for a country with no file:
less knowledge never gives a stronger verdict. A fact past its stated validity is not applied;
the requirement turns `unknown` and an advisory says what the fact said and until when.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.domain.case import Steering, VehicleType
from bot.domain.facts import Facts
from bot.domain.results import ABOUT_THIS_CAR, GENERAL, Advisory, Detail, RuleResult, Status
from bot.domain.vin import newest_model_year
from knowledge.schema import (
    AgeReading,
    AgeRule,
    AppliesTo,
    EmissionsRule,
    Market,
    MarketAdvisory,
    MarketRule,
    PowertrainRule,
    SteeringRule,
    UsedImportBanRule,
)

NO_DATA_ADVISORY = "dest.no_data"
LAPSED_ADVISORY = "fact.lapsed"
AGE_DEADLINE_ADVISORY = "dest.age_deadline"
# "lapsed" (a fact past its stated validity) is worded once for every requirement (ui).
LAPSED = "lapsed"
_COMMON = frozenset({(Status.UNKNOWN, "no_data"), (Status.UNKNOWN, "not_for_this_vehicle")})
# Every reason code each destination requirement can give (also the display order).
DEST_REASONS: dict[str, frozenset[tuple[Status, str]]] = {
    "dest.steering": frozenset(
        {(Status.UNKNOWN, "no_data"), (Status.PASS, "accepted"), (Status.FAIL, "not_accepted")}
    ),
    "dest.age": _COMMON
    | {
        (Status.PASS, "within_limit"),
        (Status.PASS, "no_limit"),
        (Status.FAIL, "too_old_years"),
        (Status.FAIL, "too_old_since"),
        (Status.UNKNOWN, "near_limit_years"),
        (Status.UNKNOWN, "near_limit_estimate"),
        (Status.UNKNOWN, "near_limit_since"),
        (Status.UNKNOWN, "crosses_limit"),
        (Status.UNKNOWN, "age_unknown"),
        (Status.UNKNOWN, "depends_on_vehicle"),
    },
    "dest.powertrain": _COMMON
    | {
        (Status.PASS, "accepted"),
        (Status.UNKNOWN, "uncertain"),
        (Status.UNKNOWN, "unknown"),
        (Status.UNKNOWN, "depends_on_vehicle"),
        (Status.FAIL, "not_accepted"),
    },
    "dest.used_import_ban": _COMMON
    | {
        (Status.PASS, "admitted"),
        (Status.NOT_APPLICABLE, "new_car"),
        (Status.FAIL, "banned"),
        (Status.FAIL, "banned_china_built"),
        (Status.UNKNOWN, "origin_unknown"),
        (Status.UNKNOWN, "origin_check"),
    },
    "dest.emissions": _COMMON
    | {
        (Status.PASS, "meets_minimum"),
        (Status.UNKNOWN, "personal_import_only"),
        (Status.FAIL, "below_minimum"),
        (Status.UNKNOWN, "china_standard"),
        (Status.UNKNOWN, "unrecognised"),
        (Status.UNKNOWN, "unknown"),
        (Status.UNKNOWN, "electric"),
    },
}
_EURO = re.compile(r"^(?:euro|евро|欧)([1-6])[a-z]*$")
_CHINA = re.compile(r"^(china|guo|cn|国)([1-6])[a-z]*$")
_RANK = {Status.NOT_APPLICABLE: 0, Status.PASS: 1, Status.UNKNOWN: 2, Status.FAIL: 3}


@dataclass(frozen=True, slots=True)
class _Match:
    """Whether a market fact concerns this car: yes, no, or cannot tell yet."""

    applies: bool
    certain: bool


def _weight(facts: Facts) -> str | None:
    """light (3.5 t or less), heavy, or None when not known; every passenger car is light."""
    case = facts.case
    if case.vehicle_type is VehicleType.PASSENGER:
        return "light"
    if case.over_3_5_tonnes is None:
        return None
    return "heavy" if case.over_3_5_tonnes else "light"


def _applies(facts: Facts, scope: AppliesTo) -> _Match:
    case = facts.case
    checks: list[tuple[tuple[str, ...], str | None]] = [
        (scope.vehicle_types, case.vehicle_type.value if case.vehicle_type else None),
        (scope.powertrains, case.powertrain.value if case.powertrain else None),
        ((scope.weight,) if scope.weight else (), _weight(facts)),
    ]
    certain = True
    for allowed, value in checks:
        if not allowed:
            continue
        if value is None:
            certain = False
        elif value not in allowed:
            return _Match(applies=False, certain=True)
    return _Match(applies=True, certain=certain)


def steering(facts: Facts, rules: Sequence[SteeringRule], country: str) -> RuleResult:
    """Chinese cars are left-hand drive, so LHD is assumed unless the user says otherwise."""
    rid = "dest.steering"
    side = facts.case.steering or Steering.LHD
    details: dict[str, Detail] = {"country": country, "steering": side.value}
    if any(side.value not in rule.accepted for rule in rules):
        return RuleResult(rid, Status.FAIL, "not_accepted", details)
    return RuleResult(rid, Status.PASS, "accepted", details)


@dataclass(frozen=True, slots=True)
class Base:
    """The earliest and latest day an age can be counted from; wider when only a year is known."""

    earliest: dt.date
    latest: dt.date
    estimate: bool

    @property
    def exact(self) -> bool:
        """Known to the day, and not an estimate."""
        return self.earliest == self.latest and not self.estimate


def _year_span(first: int, last: int, estimate: bool) -> Base:
    return Base(dt.date(first, 1, 1), dt.date(last, 12, 31), estimate)


def age_base(facts: Facts, counted_from: str, on: dt.date) -> Base | None:
    """What the destination counts from; a model year stands for a manufacture date only as an
    estimate (made from the year before to the end of its year), and the reverse likewise."""
    case = facts.case
    model_year = case.model_year or (newest_model_year(facts.vin, on) if facts.vin else None)
    made = case.manufacture_date
    if counted_from == "first_registration":
        reg = case.registration_date
        return Base(reg, reg, estimate=False) if reg else None
    if counted_from == "manufacture":
        if made is not None:
            return Base(made.earliest, made.latest, estimate=False)
        return _year_span(model_year - 1, model_year, estimate=True) if model_year else None
    if model_year is not None:
        return _year_span(model_year, model_year, estimate=False)
    if made is not None:
        return _year_span(made.year, made.year + 1, estimate=True)
    return None


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year + years, day=28)


def last_day_within(reading: AgeReading, start: dt.date, max_years: int) -> dt.date:
    """The last day on which a car counted from `start` is still at most `max_years` old."""
    if reading == "elapsed":
        return _add_years(start, max_years)
    if reading == "completed_years":
        return _add_years(start, max_years + 1) - dt.timedelta(days=1)
    if reading == "calendar_years":
        return dt.date(start.year + max_years, 12, 31)
    return dt.date(start.year + max_years - 1, 12, 31)  # calendar_inclusive


@dataclass(frozen=True, slots=True)
class AgeOutcome:
    """One age limit applied on one day: status, reason, numbers, and the last day it passes."""

    status: Status
    reason: str
    details: dict[str, Detail]
    passes_until: dt.date | None = None


def age_on(rule: AgeRule, base: Base, on: dt.date) -> AgeOutcome:
    """Pass under every reading and every possible base day, fail under all of them, or unknown."""
    details: dict[str, Detail] = {"year": base.latest.year if base.exact else base.earliest.year}
    if rule.no_limit:
        return AgeOutcome(Status.PASS, "no_limit", {})
    if rule.min_year is not None:
        details["min_year"] = rule.min_year
        if base.earliest.year >= rule.min_year:
            return AgeOutcome(Status.PASS, "within_limit", details)
        if base.latest.year < rule.min_year:
            return AgeOutcome(Status.FAIL, "too_old_since", details)
        return AgeOutcome(Status.UNKNOWN, "near_limit_since", details)
    limit = rule.max_years
    assert limit is not None  # noqa: S101 - guaranteed by the schema
    details["max_years"] = limit
    sure_until = min(last_day_within(r, base.earliest, limit) for r in rule.readings)
    maybe_until = max(last_day_within(r, base.latest, limit) for r in rule.readings)
    if on <= sure_until:
        return AgeOutcome(Status.PASS, "within_limit", details, sure_until)
    if on > maybe_until:
        return AgeOutcome(Status.FAIL, "too_old_years", details)
    # Unsure because the date is only roughly known, or because the counting itself is.
    to_the_day = any(r in ("elapsed", "completed_years") for r in rule.readings)
    rough = base.estimate or (to_the_day and base.earliest != base.latest)
    reason = "near_limit_estimate" if rough else "near_limit_years"
    return AgeOutcome(Status.UNKNOWN, reason, details)


def age(
    facts: Facts, rules: Sequence[AgeRule], country: str, on: dt.date, arrival: dt.date
) -> tuple[RuleResult, dt.date | None]:
    """Each age limit that concerns this car, on the application day and on a likely arrival.

    Returns the result and, when the car passes now but not surely on arrival, the last day it
    passes: the warning of a limit crossed in between.
    """
    rid = "dest.age"
    worst: AgeOutcome | None = None
    deadline: dt.date | None = None
    applicable = False
    for rule in rules:
        match = _applies(facts, rule.applies_to)
        if not match.applies:
            continue
        applicable = True
        base = age_base(facts, rule.counted_from, on)
        if rule.no_limit:
            found = AgeOutcome(Status.PASS, "no_limit", {})
        elif base is None:
            found = AgeOutcome(Status.UNKNOWN, "age_unknown", {})
        else:
            now, later = age_on(rule, base, on), age_on(rule, base, arrival)
            # The arrival day is our estimate: it can make an answer uncertain, never a refusal.
            found = now
            if now.status is Status.PASS and later.status is not Status.PASS:
                deadline = now.passes_until
                found = AgeOutcome(Status.UNKNOWN, "crosses_limit", {**now.details})
                if deadline is not None:
                    found.details["deadline"] = deadline
            if found.status is Status.FAIL and not match.certain:
                found = AgeOutcome(Status.UNKNOWN, "depends_on_vehicle", {})
        if worst is None or _RANK[found.status] > _RANK[worst.status]:
            worst = found
    if not applicable or worst is None:
        return RuleResult(rid, Status.UNKNOWN, "not_for_this_vehicle", {"country": country}), None
    result = RuleResult(rid, worst.status, worst.reason, {"country": country, **worst.details})
    return result, deadline if worst.reason == "crosses_limit" else None


def powertrain(facts: Facts, rules: Sequence[PowertrainRule], country: str) -> RuleResult:
    """Only listed drive types are accepted; drive types the sources leave open stay unknown."""
    rid = "dest.powertrain"
    matches = [_applies(facts, rule.applies_to) for rule in rules]
    if not any(m.applies for m in matches):
        return RuleResult(rid, Status.UNKNOWN, "not_for_this_vehicle", {"country": country})
    value = facts.case.powertrain
    if value is None:
        return RuleResult(rid, Status.UNKNOWN, "unknown", {"country": country})
    details: dict[str, Detail] = {"country": country, "powertrain": value.value}
    relevant = [r for r, m in zip(rules, matches, strict=True) if m.applies]
    if all(value.value in rule.accepted for rule in relevant):
        return RuleResult(rid, Status.PASS, "accepted", details)
    if any(value.value in rule.uncertain for rule in relevant):
        return RuleResult(rid, Status.UNKNOWN, "uncertain", details)
    if not all(m.certain for m in matches if m.applies):
        return RuleResult(rid, Status.UNKNOWN, "depends_on_vehicle", details)
    return RuleResult(rid, Status.FAIL, "not_accepted", details)


def used_import_ban(facts: Facts, rules: Sequence[UsedImportBanRule], country: str) -> RuleResult:
    """A used-car import ban; some cover only China-built cars, which only the VIN tells."""
    rid = "dest.used_import_ban"
    details: dict[str, Detail] = {"country": country}
    if facts.case.is_registered is False:
        return RuleResult(rid, Status.NOT_APPLICABLE, "new_car", details)
    scopes = {rule.scope for rule in rules}
    if "all" in scopes:
        return RuleResult(rid, Status.FAIL, "banned", details)
    if "china_built" in scopes:
        if facts.vin is None or facts.vin.built_in_china is None:
            return RuleResult(rid, Status.UNKNOWN, "origin_unknown", details)
        if facts.vin.built_in_china:
            return RuleResult(rid, Status.FAIL, "banned_china_built", details)
        return RuleResult(rid, Status.UNKNOWN, "origin_check", details)
    return RuleResult(rid, Status.PASS, "admitted", details)


def emissions(facts: Facts, rules: Sequence[EmissionsRule], country: str) -> RuleResult:
    """Compare a stated Euro class with the minimum; other standards need documents, not a guess."""
    rid = "dest.emissions"
    relevant = [r for r in rules if _applies(facts, r.applies_to).applies]
    if not relevant:
        return RuleResult(rid, Status.UNKNOWN, "not_for_this_vehicle", {"country": country})
    rule = max(relevant, key=lambda r: r.min_euro)
    details: dict[str, Detail] = {"country": country, "min_euro": rule.min_euro}
    if facts.case.powertrain is not None and facts.case.powertrain.value == "bev":
        return RuleResult(rid, Status.UNKNOWN, "electric", details)
    standard = facts.case.emission_standard
    if standard is None:
        return RuleResult(rid, Status.UNKNOWN, "unknown", details)
    euro = _EURO.match(standard)
    if euro is None:
        china = _CHINA.match(standard)
        reason = "china_standard" if china else "unrecognised"
        return RuleResult(rid, Status.UNKNOWN, reason, {**details, "emission_standard": standard})
    level = int(euro.group(1))
    details["euro"] = level
    if level >= rule.min_euro:
        return RuleResult(rid, Status.PASS, "meets_minimum", details)
    if rule.personal_import_min is not None and level >= rule.personal_import_min:
        details["personal_min"] = rule.personal_import_min
        return RuleResult(rid, Status.UNKNOWN, "personal_import_only", details)
    return RuleResult(rid, Status.FAIL, "below_minimum", details)


Grouped = tuple[tuple[str, tuple[MarketRule, ...]], ...]


def group_rules(market: Market | None) -> Grouped:
    """A market's rules by requirement id, in display order; built once per market."""
    rules = market.rules if market is not None else ()
    return tuple((rid, tuple(r for r in rules if r.id == rid)) for rid in DEST_REASONS)


@dataclass(frozen=True, slots=True)
class DestinationFindings:
    """The five requirements for one country, its advisories, and any age deadline."""

    results: tuple[RuleResult, ...]
    advisories: tuple[Advisory, ...]


def check_market(
    facts: Facts, grouped: Grouped, country: str, on: dt.date, arrival: dt.date
) -> tuple[list[RuleResult], list[Advisory]]:
    """Every dest.* requirement; lapsed facts become unknown plus an advisory saying so."""
    results: list[RuleResult] = []
    notes: list[Advisory] = []
    for rid, rules in grouped:
        in_force = [r for r in rules if r.state(on) == "in_force"]
        lapsed = [r for r in rules if r.state(on) == "lapsed"]
        if rid == "dest.age" and in_force:
            # Limits apply on import: a fact that lapses before arrival is not confirmed then,
            # unless the car already fails it while it is in force.
            ending = [r for r in in_force if r.state(arrival) == "lapsed"]
            ages = [r for r in ending if isinstance(r, AgeRule)]
            if ending and age(facts, ages, country, on, on)[0].status is not Status.FAIL:
                lapsed += ending
                in_force = [r for r in in_force if r not in ending]
        notes.extend(_lapsed(r, country) for r in lapsed)
        if not in_force:
            if lapsed:
                valid_to = max(r.valid_to for r in lapsed if r.valid_to is not None)
                details: dict[str, Detail] = {"country": country, "valid_to": valid_to}
                results.append(RuleResult(rid, Status.UNKNOWN, LAPSED, details))
            else:
                results.append(RuleResult(rid, Status.UNKNOWN, "no_data", {"country": country}))
            continue
        if rid == "dest.age":
            result, deadline = age(
                facts, [r for r in in_force if isinstance(r, AgeRule)], country, on, arrival
            )
            if deadline is not None:
                deadline_details: dict[str, Detail] = {"country": country, "date": deadline}
                notes.append(Advisory(AGE_DEADLINE_ADVISORY, deadline_details, ABOUT_THIS_CAR))
            results.append(result)
        else:
            results.append(_one(rid, in_force, facts, country))
    return results, notes


def evaluate_destination(
    facts: Facts, market: Market | None, country: str, on: dt.date, arrival: dt.date
) -> DestinationFindings:
    """All five dest.* requirements for one country, plus the country's advisories."""
    if market is None:
        results = [
            RuleResult(rid, Status.UNKNOWN, "no_data", {"country": country}) for rid in DEST_REASONS
        ]
        return DestinationFindings(
            tuple(results), (Advisory(NO_DATA_ADVISORY, {"country": country}, ABOUT_THIS_CAR),)
        )
    results, notes = check_market(facts, group_rules(market), country, on, arrival)
    advisories: list[Advisory] = []
    for adv in market.advisories:
        state = adv.state(on)
        if state == "not_yet":
            continue
        relevance = shown_relevance(facts, adv)
        if relevance is None:
            continue
        if state == "lapsed":
            notes.append(_lapsed(adv, country))
        else:
            advisories.append(Advisory(adv.id, {"country": country}, relevance))
    return DestinationFindings(tuple(results), tuple(notes + advisories))


def refusal_and_open(
    facts: Facts, grouped: Grouped, country: str, on: dt.date, arrival: dt.date
) -> tuple[bool, tuple[str, ...]]:
    """Whether a market refuses the car, and which requirements stay open there."""
    results, _ = check_market(facts, grouped, country, on, arrival)
    refused = any(r.status is Status.FAIL for r in results)
    return refused, tuple(r.rule_id for r in results if r.status is Status.UNKNOWN)


def _lapsed(fact: MarketRule | MarketAdvisory, country: str) -> Advisory:
    details: dict[str, Detail] = {"country": country, "fact": fact.id}
    if fact.valid_to is not None:
        details["valid_to"] = fact.valid_to
    return Advisory(LAPSED_ADVISORY, details, ABOUT_THIS_CAR)


def _one(rid: str, rules: Sequence[MarketRule], facts: Facts, country: str) -> RuleResult:
    """Dispatch one requirement id (other than dest.age) to its predicate."""
    if rid == "dest.steering":
        return steering(facts, [r for r in rules if isinstance(r, SteeringRule)], country)
    if rid == "dest.powertrain":
        return powertrain(facts, [r for r in rules if isinstance(r, PowertrainRule)], country)
    if rid == "dest.used_import_ban":
        bans = [r for r in rules if isinstance(r, UsedImportBanRule)]
        return used_import_ban(facts, bans, country)
    return emissions(facts, [r for r in rules if isinstance(r, EmissionsRule)], country)


def shown_relevance(facts: Facts, adv: MarketAdvisory) -> int | None:
    """About this car when its condition holds; general advice when the condition cannot be told
    yet (unless it is only worth showing when it holds); None when it does not concern the car."""
    when, case = adv.when, facts.case
    if when.empty:
        return GENERAL
    checks: list[bool | None] = []
    drive = case.powertrain.value if case.powertrain else None
    if when.powertrains:
        checks.append(None if drive is None else drive in when.powertrains)
    vtype = case.vehicle_type.value if case.vehicle_type else None
    if when.vehicle_types:
        checks.append(None if vtype is None else vtype in when.vehicle_types)
    if when.steering is not None:
        checks.append((case.steering or Steering.LHD).value == when.steering)
    hp = case.engine_power_hp
    if when.engine_power_hp_above is not None:
        checks.append(None if hp is None else hp > when.engine_power_hp_above)
    if when.engine_power_hp_at_most is not None:
        checks.append(None if hp is None else hp <= when.engine_power_hp_at_most)
    if any(c is False for c in checks):
        return None
    known = all(c is True for c in checks)
    if known:
        return ABOUT_THIS_CAR
    return None if adv.only_when_matched else GENERAL
