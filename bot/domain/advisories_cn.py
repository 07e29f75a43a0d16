"""China-side advisories: what the user should know that never changes the verdict."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from bot.domain.case import Powertrain
from bot.domain.facts import Facts
from bot.domain.registry import AdvisoryDef, Params
from bot.domain.results import ABOUT_THIS_CAR, BACKGROUND, Advisory, RuleResult, Status
from bot.domain.vin import VinState

LETTER_RULE = "cn.180_day_letter"
NEW_RULES_START = dt.date(2026, 1, 1)
BATTERY_POWERTRAINS = (Powertrain.BEV, Powertrain.PHEV, Powertrain.EREV)


def _number(params: Params, key: str) -> int:
    value = params[key]
    if not isinstance(value, int):
        raise TypeError(f"advisory parameter {key} must be an integer")
    return value


def _letter_pending(results: Mapping[str, RuleResult]) -> bool:
    letter = results.get(LETTER_RULE)
    return letter is not None and letter.reason in {"letter_missing", "letter_unknown"}


def borderline_180(
    facts: Facts, params: Params, results: Mapping[str, RuleResult]
) -> Advisory | None:
    """Days 178-182: how the days are counted is not defined officially, so keep a margin."""
    letter = results.get(LETTER_RULE)
    days = facts.days_since_registration
    reg = facts.case.registration_date
    if letter is None or letter.status is Status.NOT_APPLICABLE or days is None or reg is None:
        return None
    if not _number(params, "borderline_from") <= days <= _number(params, "borderline_to"):
        return None
    safe = reg + dt.timedelta(days=_number(params, "safe_day"))
    return Advisory("cn.borderline_180", {"days": days, "safe_from": safe})


def letter_requirements(
    facts: Facts, params: Params, results: Mapping[str, RuleResult]
) -> Advisory | None:
    """When the letter is needed, say what makes it acceptable."""
    letter = results.get(LETTER_RULE)
    needed = letter is not None and letter.reason in {
        "letter_missing",
        "letter_unknown",
        "letter_in_hand",
    }
    return Advisory("cn.letter_requirements") if needed else None


def transitional(
    facts: Facts, params: Params, results: Mapping[str, RuleResult]
) -> Advisory | None:
    """Cars transferred for export before 2026 may be under a transition clause (term unknown)."""
    reg = facts.case.registration_date
    if reg is None or reg >= NEW_RULES_START or not _letter_pending(results):
        return None
    return Advisory("cn.transitional")


def no_minimum_mileage(
    facts: Facts, params: Params, results: Mapping[str, RuleResult]
) -> Advisory | None:
    """A very low odometer is not itself a reason for refusal."""
    km = facts.case.odometer_km
    if km is None or km >= _number(params, "show_below_km"):
        return None
    return Advisory("cn.no_minimum_mileage", {"km": km})


def new_bev_licence(
    facts: Facts, params: Params, results: Mapping[str, RuleResult]
) -> Advisory | None:
    """A never-registered pure EV needs the new-EV export licence, not the used-car one."""
    if facts.case.powertrain is Powertrain.BEV and facts.case.is_registered is False:
        return Advisory("cn.new_bev_licence")
    return None


def used_bev_route(
    facts: Facts, params: Params, results: Mapping[str, RuleResult]
) -> Advisory | None:
    """For a registered pure EV the licence route is a working assumption, to be confirmed."""
    if facts.case.powertrain is Powertrain.BEV and facts.case.is_registered is not False:
        return Advisory("cn.used_bev_route")
    return None


def battery_health(
    facts: Facts, params: Params, results: Mapping[str, RuleResult]
) -> Advisory | None:
    """China asks for no battery report, but buyers and some destinations do."""
    if facts.case.powertrain in BATTERY_POWERTRAINS:
        return Advisory("cn.battery_health")
    return None


def temporary_plate(
    facts: Facts, params: Params, results: Mapping[str, RuleResult]
) -> Advisory | None:
    """After the transfer for export the car drives on a short-lived temporary plate."""
    if facts.case.transfer_for_export is True:
        return Advisory("cn.temporary_plate", {"max_days": _number(params, "max_days")})
    return None


def deregistration(
    facts: Facts, params: Params, results: Mapping[str, RuleResult]
) -> Advisory | None:
    """A registered car must be deregistered after it clears customs."""
    if facts.case.is_registered is True:
        return Advisory("cn.deregistration", {"months": _number(params, "months_after_clearance")})
    return None


def vin_origin(facts: Facts, params: Params, results: Mapping[str, RuleResult]) -> Advisory | None:
    """A VIN starting with L means the car was built in China."""
    vin = facts.vin
    if vin is None or vin.state is VinState.BAD_FORMAT or not vin.built_in_china:
        return None
    return Advisory("vin.built_in_china")


def vin_foreign(facts: Facts, params: Params, results: Mapping[str, RuleResult]) -> Advisory | None:
    """A well-formed VIN not starting with L was assigned outside China."""
    vin = facts.vin
    if vin is None or vin.state is VinState.BAD_FORMAT or vin.built_in_china:
        return None
    return Advisory("vin.not_built_in_china")


def vin_check_digit(
    facts: Facts, params: Params, results: Mapping[str, RuleResult]
) -> Advisory | None:
    """Outside China the check digit is optional, so a mismatch is only worth a second look."""
    vin_rule = results.get("cn.vin")
    if vin_rule is not None and vin_rule.reason == "check_digit_not_required":
        return Advisory("vin.check_digit_unverified", {"vin": vin_rule.details["vin"]})
    return None


def assumptions(facts: Facts, params: Params, results: Mapping[str, RuleResult]) -> Advisory | None:
    """Prohibitions the questions do not ask: a verdict assumes them, and says so."""
    if facts.case.is_registered is False:
        return None
    return Advisory(ASSUMPTIONS)


ASSUMPTIONS = "cn.assumptions"
CN_ADVISORIES: tuple[AdvisoryDef, ...] = (
    AdvisoryDef("cn.borderline_180", borderline_180, ABOUT_THIS_CAR),
    AdvisoryDef("cn.new_bev_licence", new_bev_licence, ABOUT_THIS_CAR),
    AdvisoryDef("cn.no_minimum_mileage", no_minimum_mileage, ABOUT_THIS_CAR),
    AdvisoryDef("cn.letter_requirements", letter_requirements),
    AdvisoryDef("cn.transitional", transitional),
    AdvisoryDef("cn.used_bev_route", used_bev_route),
    AdvisoryDef("cn.battery_health", battery_health),
    AdvisoryDef("vin.check_digit_unverified", vin_check_digit, ABOUT_THIS_CAR),
    AdvisoryDef(ASSUMPTIONS, assumptions, BACKGROUND),
    AdvisoryDef("cn.temporary_plate", temporary_plate, BACKGROUND),
    AdvisoryDef("cn.deregistration", deregistration, BACKGROUND),
    AdvisoryDef("vin.built_in_china", vin_origin, BACKGROUND),
    AdvisoryDef("vin.not_built_in_china", vin_foreign, BACKGROUND),
)
