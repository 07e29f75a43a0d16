"""Destination-side rules (dest.*): generic predicates driven by each country's market file."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.domain.case import Steering
from bot.domain.facts import Facts
from bot.domain.results import Advisory, Detail, RuleResult, Status
from knowledge.schema import (
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
_COMMON = frozenset({(Status.UNKNOWN, "no_data"), (Status.NOT_APPLICABLE, "none_on_file")})
# Every reason code each destination requirement can give (also the display order).
DEST_REASONS: dict[str, frozenset[tuple[Status, str]]] = {
    "dest.steering": _COMMON | {(Status.PASS, "accepted"), (Status.FAIL, "not_accepted")},
    "dest.age": _COMMON
    | {
        (Status.PASS, "within_limit"),
        (Status.FAIL, "too_old_years"),
        (Status.FAIL, "too_old_since"),
        (Status.UNKNOWN, "near_limit_years"),
        (Status.UNKNOWN, "near_limit_since"),
        (Status.UNKNOWN, "age_unknown"),
        (Status.UNKNOWN, "depends_on_vehicle"),
        (Status.NOT_APPLICABLE, "not_for_this_vehicle"),
    },
    "dest.powertrain": _COMMON
    | {
        (Status.PASS, "accepted"),
        (Status.UNKNOWN, "uncertain"),
        (Status.UNKNOWN, "unknown"),
        (Status.UNKNOWN, "depends_on_vehicle"),
        (Status.FAIL, "not_accepted"),
        (Status.NOT_APPLICABLE, "not_for_this_vehicle"),
    },
    "dest.used_import_ban": _COMMON
    | {
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
        (Status.NOT_APPLICABLE, "not_for_this_vehicle"),
    },
}
_EURO = re.compile(r"^euro([1-6])[a-z]*$")
_CHINA = re.compile(r"^(china|guo|cn|国)([1-6])[a-z]*$")


@dataclass(frozen=True, slots=True)
class _Match:
    """Whether a market fact concerns this car: yes, no, or cannot tell yet."""

    applies: bool
    certain: bool


def _applies(facts: Facts, scope: AppliesTo) -> _Match:
    case = facts.case
    checks = [
        (scope.vehicle_types, case.vehicle_type.value if case.vehicle_type else None),
        (scope.powertrains, case.powertrain.value if case.powertrain else None),
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


def _in_force(rule: MarketRule, on: dt.date) -> bool:
    return rule.effective_from is None or rule.effective_from <= on


def steering(facts: Facts, rules: Sequence[SteeringRule], country: str) -> RuleResult:
    """Chinese cars are left-hand drive, so LHD is assumed unless the user says otherwise."""
    rid = "dest.steering"
    side = facts.case.steering or Steering.LHD
    details: dict[str, Detail] = {"country": country, "steering": side.value}
    if any(side.value not in rule.accepted for rule in rules):
        return RuleResult(rid, Status.FAIL, "not_accepted", details)
    return RuleResult(rid, Status.PASS, "accepted", details)


@dataclass(frozen=True, slots=True)
class _Base:
    """The date or year an age is counted from, and whether it is only an estimate."""

    year: int
    day: dt.date | None
    estimate: bool


def _vin_year(facts: Facts, on: dt.date) -> int | None:
    """The newest VIN model-year candidate not after next year (VIN years repeat every 30)."""
    if facts.vin is None:
        return None
    plausible = [y for y in facts.vin.model_years if y <= on.year + 1]
    return max(plausible) if plausible else None


def _base(facts: Facts, rule: AgeRule, on: dt.date) -> _Base | None:
    case = facts.case
    if rule.counted_from == "first_registration":
        reg = case.registration_date
        return _Base(reg.year, reg, estimate=False) if reg else None
    made = case.manufacture_date
    if rule.counted_from == "manufacture":
        if made is not None:
            return _Base(made.year, made, estimate=False)
        year = case.model_year or _vin_year(facts, on)
        return _Base(year, None, estimate=True) if year else None
    if case.model_year is not None:
        return _Base(case.model_year, None, estimate=False)
    if made is not None:
        return _Base(made.year, None, estimate=True)
    vin_year = _vin_year(facts, on)
    return _Base(vin_year, None, estimate=False) if vin_year else None


def _completed_years(start: dt.date, end: dt.date) -> int:
    years = end.year - start.year
    if (end.month, end.day) < (start.month, start.day):
        years -= 1
    return years


def _age_status(rule: AgeRule, base: _Base, on: dt.date) -> tuple[Status, dict[str, Detail]]:
    details: dict[str, Detail] = {"year": base.year}
    if rule.min_year is not None:
        details["min_year"] = rule.min_year
        margin = base.year - rule.min_year  # >= 0 passes
        slack = 1 if base.estimate else 0
        if margin >= slack:
            return Status.PASS, details
        return (Status.UNKNOWN if margin >= -slack else Status.FAIL), details
    assert rule.max_years is not None  # noqa: S101 - guaranteed by the schema
    if rule.counting == "exact" and base.day is not None:
        age = _completed_years(base.day, on)
    else:
        age = on.year - base.year
    details.update({"age": age, "max_years": rule.max_years})
    over = age - rule.max_years
    grace = 1 if rule.edge_uncertain else 0
    if base.day is None and (base.estimate or rule.counting == "exact"):
        grace += 1  # only a year is known, so the age in completed years may be one less
    if over <= 0:
        return Status.PASS, details
    return (Status.UNKNOWN if over <= grace else Status.FAIL), details


def age(facts: Facts, rules: Sequence[AgeRule], country: str, on: dt.date) -> RuleResult:
    """Each age limit that concerns this car; an estimate or an unsure limit never fails."""
    rid = "dest.age"
    worst: tuple[Status, str, dict[str, Detail]] | None = None
    rank = {Status.PASS: 0, Status.UNKNOWN: 1, Status.FAIL: 2}
    for rule in rules:
        match = _applies(facts, rule.applies_to)
        if not match.applies:
            continue
        base = _base(facts, rule, on)
        if base is None:
            found: tuple[Status, str, dict[str, Detail]] = (Status.UNKNOWN, "age_unknown", {})
        else:
            status, details = _age_status(rule, base, on)
            style = "since" if rule.min_year is not None else "years"
            if status is Status.FAIL and not match.certain:
                found = (Status.UNKNOWN, "depends_on_vehicle", {})
            elif status is Status.PASS:
                found = (status, "within_limit", {"year": details["year"]})
            else:
                prefix = "too_old" if status is Status.FAIL else "near_limit"
                found = (status, f"{prefix}_{style}", details)
        if worst is None or rank[found[0]] > rank[worst[0]]:
            worst = found
    if worst is None:
        return RuleResult(rid, Status.NOT_APPLICABLE, "not_for_this_vehicle", {"country": country})
    status, reason, details = worst
    return RuleResult(rid, status, reason, {"country": country, **details})


def powertrain(facts: Facts, rules: Sequence[PowertrainRule], country: str) -> RuleResult:
    """Only listed drive types are accepted; drive types the sources leave open stay unknown."""
    rid = "dest.powertrain"
    matches = [_applies(facts, rule.applies_to) for rule in rules]
    if not any(m.applies for m in matches):
        return RuleResult(rid, Status.NOT_APPLICABLE, "not_for_this_vehicle", {"country": country})
    value = facts.case.powertrain
    if value is None:
        return RuleResult(rid, Status.UNKNOWN, "unknown", {"country": country})
    details: dict[str, Detail] = {"country": country, "powertrain": value.value}
    if all(value.value in rule.accepted for rule in rules):
        return RuleResult(rid, Status.PASS, "accepted", details)
    if any(value.value in rule.uncertain for rule in rules):
        return RuleResult(rid, Status.UNKNOWN, "uncertain", details)
    if not all(m.certain for m in matches if m.applies):
        return RuleResult(rid, Status.UNKNOWN, "depends_on_vehicle", details)
    return RuleResult(rid, Status.FAIL, "not_accepted", details)


def used_import_ban(facts: Facts, rules: Sequence[UsedImportBanRule], country: str) -> RuleResult:
    """A used-car import ban; some bans cover only China-built cars, which the VIN tells."""
    rid = "dest.used_import_ban"
    details: dict[str, Detail] = {"country": country}
    if facts.case.is_registered is False:
        return RuleResult(rid, Status.NOT_APPLICABLE, "new_car", details)
    if any(rule.scope == "all" for rule in rules):
        return RuleResult(rid, Status.FAIL, "banned", details)
    if facts.vin is None or facts.vin.built_in_china is None:
        return RuleResult(rid, Status.UNKNOWN, "origin_unknown", details)
    if facts.vin.built_in_china:
        return RuleResult(rid, Status.FAIL, "banned_china_built", details)
    return RuleResult(rid, Status.UNKNOWN, "origin_check", details)


def emissions(facts: Facts, rules: Sequence[EmissionsRule], country: str) -> RuleResult:
    """Compare a stated Euro class with the minimum; other standards need documents, not a guess."""
    rid = "dest.emissions"
    relevant = [r for r in rules if _applies(facts, r.applies_to).applies]
    if not relevant:
        return RuleResult(rid, Status.NOT_APPLICABLE, "not_for_this_vehicle", {"country": country})
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
        return RuleResult(rid, Status.UNKNOWN, reason, {**details, "standard": standard})
    level = int(euro.group(1))
    details["euro"] = level
    if level >= rule.min_euro:
        return RuleResult(rid, Status.PASS, "meets_minimum", details)
    if rule.personal_import_min is not None and level >= rule.personal_import_min:
        details["personal_min"] = rule.personal_import_min
        return RuleResult(rid, Status.UNKNOWN, "personal_import_only", details)
    return RuleResult(rid, Status.FAIL, "below_minimum", details)


def evaluate_destination(
    facts: Facts, market: Market | None, country: str, on: dt.date
) -> tuple[list[RuleResult], list[Advisory]]:
    """All five dest.* requirements for one country, plus the country's advisories."""
    if market is None:
        results = [
            RuleResult(rid, Status.UNKNOWN, "no_data", {"country": country}) for rid in DEST_REASONS
        ]
        return results, [Advisory(NO_DATA_ADVISORY, {"country": country})]
    results = [_one(rid, rules, facts, country, on) for rid, rules in _by_id(market, on)]
    advisories = [
        Advisory(adv.id, {"country": country}) for adv in market.advisories if _shown(facts, adv)
    ]
    return results, advisories


Grouped = tuple[tuple[str, tuple[MarketRule, ...]], ...]


def group_rules(market: Market) -> Grouped:
    """A market's rules by requirement id, in display order; built once per market."""
    return tuple((rid, tuple(r for r in market.rules if r.id == rid)) for rid in DEST_REASONS)


def refuses(facts: Facts, grouped: Grouped, country: str, on: dt.date) -> bool:
    """Whether any destination rule in force fails the car; stops at the first failure."""
    for rid, rules in grouped:
        in_force = [r for r in rules if _in_force(r, on)]
        if in_force and _one(rid, in_force, facts, country, on).status is Status.FAIL:
            return True
    return False


def _by_id(market: Market, on: dt.date) -> list[tuple[str, list[MarketRule]]]:
    """The market's rules in force, grouped by requirement id in display order."""
    return [(rid, [r for r in rules if _in_force(r, on)]) for rid, rules in group_rules(market)]


def _one(
    rid: str, rules: Sequence[MarketRule], facts: Facts, country: str, on: dt.date
) -> RuleResult:
    """Dispatch one requirement id to its predicate with that id's market facts."""
    if not rules:
        return RuleResult(rid, Status.NOT_APPLICABLE, "none_on_file", {"country": country})
    if rid == "dest.steering":
        return steering(facts, [r for r in rules if isinstance(r, SteeringRule)], country)
    if rid == "dest.age":
        return age(facts, [r for r in rules if isinstance(r, AgeRule)], country, on)
    if rid == "dest.powertrain":
        return powertrain(facts, [r for r in rules if isinstance(r, PowertrainRule)], country)
    if rid == "dest.used_import_ban":
        bans = [r for r in rules if isinstance(r, UsedImportBanRule)]
        return used_import_ban(facts, bans, country)
    return emissions(facts, [r for r in rules if isinstance(r, EmissionsRule)], country)


def _shown(facts: Facts, adv: MarketAdvisory) -> bool:
    """Every condition must hold; an unknown fact does not satisfy a condition."""
    when, case = adv.when, facts.case
    drive = case.powertrain.value if case.powertrain else None
    if when.powertrains and drive not in when.powertrains:
        return False
    vtype = case.vehicle_type.value if case.vehicle_type else None
    if when.vehicle_types and vtype not in when.vehicle_types:
        return False
    hp = case.engine_power_hp
    if when.engine_power_hp_above is not None and (hp is None or hp <= when.engine_power_hp_above):
        return False
    return when.engine_power_hp_at_most is None or (
        hp is not None and hp <= when.engine_power_hp_at_most
    )
