"""China-side export rules (DESIGN 3.2 ids), one pure predicate each; data in knowledge/rules."""

from __future__ import annotations

import datetime as dt

from bot.domain.case import VehicleType
from bot.domain.facts import Facts
from bot.domain.letter_window import first_day_without_letter, letter_needed
from bot.domain.registry import Params, RuleDef, yes_no_reasons, yes_no_unknown
from bot.domain.results import Detail, RuleResult, Status
from bot.domain.vin import VinState

NEVER_REGISTERED = "never_registered"


def _int(params: Params, key: str) -> int:
    value = params[key]
    if not isinstance(value, int):
        raise TypeError(f"rule parameter {key} must be an integer")
    return value


def used_car_scope(facts: Facts, params: Params, on_date: dt.date) -> RuleResult:
    """Only registered automobiles and trailers count as used cars; some types never do."""
    rid = "cn.used_car_scope"
    vtype = facts.case.vehicle_type
    excluded = params.get("excluded_types", [])
    if vtype is not None and isinstance(excluded, list) and vtype.value in excluded:
        return RuleResult(rid, Status.FAIL, "excluded_type", {"vehicle_type": vtype.value})
    registered = facts.case.is_registered
    if registered is False:
        return RuleResult(rid, Status.FAIL, NEVER_REGISTERED)
    if registered is None:
        return RuleResult(rid, Status.UNKNOWN, "registration_unknown")
    if vtype is None:
        return RuleResult(rid, Status.UNKNOWN, "type_unknown")
    return RuleResult(rid, Status.PASS, "registered_used_car")


def letter_180_days(facts: Facts, params: Params, on_date: dt.date) -> RuleResult:
    """Within 180 days (inclusive) of registration the manufacturer's letter is required."""
    rid = "cn.180_day_letter"
    case = facts.case
    if case.is_registered is False:
        return RuleResult(rid, Status.NOT_APPLICABLE, NEVER_REGISTERED)
    if case.registration_date is None or facts.days_since_registration is None:
        return RuleResult(rid, Status.UNKNOWN, "registration_date_unknown")
    limit = _int(params, "max_days_inclusive")
    days = facts.days_since_registration
    details: dict[str, Detail] = {
        "days": days,
        "limit": limit,
        "application_date": facts.application_date,
        "eligible_from": first_day_without_letter(case.registration_date, limit),
    }
    if not letter_needed(days, limit):
        return RuleResult(rid, Status.PASS, "over_limit", details)
    if case.after_sales_letter is True:
        return RuleResult(rid, Status.PASS, "letter_in_hand", details)
    if case.after_sales_letter is False:
        return RuleResult(rid, Status.FAIL, "letter_missing", details)
    return RuleResult(rid, Status.UNKNOWN, "letter_unknown", details)


def exporter_filed(facts: Facts, params: Params, on_date: dt.date) -> RuleResult:
    """Only a filed used-car export enterprise may apply for the licence."""
    return yes_no_unknown(
        "cn.exporter_filed", facts.case.exporter_filed, True, "filed", "not_filed"
    )


def transfer_for_export(facts: Facts, params: Params, on_date: dt.date) -> RuleResult:
    """The certificate must be in the exporter's name, endorsed 'transfer pending export'."""
    if facts.case.is_registered is False:
        return RuleResult("cn.transfer_for_export", Status.NOT_APPLICABLE, NEVER_REGISTERED)
    return yes_no_unknown(
        "cn.transfer_for_export", facts.case.transfer_for_export, True, "done", "missing"
    )


def data_match(facts: Facts, params: Params, on_date: dt.date) -> RuleResult:
    """Brand, model and both dates in the application must equal the registration certificate."""
    if facts.case.is_registered is False:
        return RuleResult("cn.data_match", Status.NOT_APPLICABLE, NEVER_REGISTERED)
    return yes_no_unknown(
        "cn.data_match", facts.case.data_matches_certificate, True, "matches", "mismatch"
    )


def test_report(facts: Facts, params: Params, on_date: dt.date) -> RuleResult:
    """Each car needs its own passing third-party export test under the standard for its type."""
    result = yes_no_unknown("cn.test_report", facts.case.test_report, True, "passed", "missing")
    vtype = facts.case.vehicle_type
    if vtype is VehicleType.PASSENGER:
        standard = str(params["standard_passenger"])
    elif vtype in (VehicleType.COMMERCIAL, VehicleType.TRAILER):
        standard = str(params["standard_commercial"])
    else:
        standard = f"{params['standard_passenger']} / {params['standard_commercial']}"
    return RuleResult(result.rule_id, result.status, result.reason, {"standard": standard})


def encumbrance(facts: Facts, params: Params, on_date: dt.date) -> RuleResult:
    """A mortgaged, pledged or customs-supervised car may not leave until released."""
    return yes_no_unknown("cn.encumbrance", facts.case.encumbered, False, "clear", "encumbered")


def seized_or_stolen(facts: Facts, params: Params, on_date: dt.date) -> RuleResult:
    """A seized car, or one of criminal origin, may not be exported."""
    return yes_no_unknown(
        "cn.seized_or_stolen", facts.case.seized_or_stolen, False, "clear", "seized_or_stolen"
    )


def violations(facts: Facts, params: Params, on_date: dt.date) -> RuleResult:
    """Unresolved traffic violations or accidents must be cleared first."""
    return yes_no_unknown(
        "cn.violations", facts.case.unresolved_violations, False, "clear", "unresolved"
    )


def scrapping(facts: Facts, params: Params, on_date: dt.date) -> RuleResult:
    """A car at, or within one year of, the compulsory scrapping standard may not be exported."""
    return yes_no_unknown(
        "cn.scrapping", facts.case.near_scrapping, False, "not_near", "near_scrapping"
    )


def modified(facts: Facts, params: Params, on_date: dt.date) -> RuleResult:
    """A modified car needs proof, a MIIT catalogue listing and valid CCC."""
    rid = "cn.modified"
    case = facts.case
    if case.modified is False:
        return RuleResult(rid, Status.NOT_APPLICABLE, "not_modified")
    if case.modified is None:
        return RuleResult(rid, Status.UNKNOWN, "unknown")
    if case.modification_certified is None:
        return RuleResult(rid, Status.UNKNOWN, "certification_unknown")
    if case.modification_certified:
        return RuleResult(rid, Status.PASS, "certified")
    if case.modification_listed is True:
        return RuleResult(rid, Status.FAIL, "proof_missing")
    if case.modification_listed is False:
        return RuleResult(rid, Status.FAIL, "unlisted")
    return RuleResult(rid, Status.FAIL, "uncertified")


def vin_valid(facts: Facts, params: Params, on_date: dt.date) -> RuleResult:
    """A VIN must be well formed; a China-assigned VIN must also carry a correct check digit.

    The VIN is a consistency check, not a legal requirement (that is cn.data_match): without one,
    nothing is checked and the verdict does not change.
    """
    rid = "cn.vin"
    vin = facts.vin
    if vin is None:
        return RuleResult(rid, Status.NOT_APPLICABLE, "not_given")
    shown = {"vin": vin.vin}
    if vin.state is VinState.BAD_FORMAT:
        return RuleResult(rid, Status.FAIL, "bad_format", shown)
    if vin.state is VinState.CHECK_DIGIT_MISMATCH:
        if vin.built_in_china:
            return RuleResult(rid, Status.FAIL, "check_digit", shown)
        return RuleResult(rid, Status.PASS, "check_digit_not_required", shown)
    return RuleResult(rid, Status.PASS, "valid", shown)


CN_RULES: tuple[RuleDef, ...] = (
    RuleDef(
        "cn.used_car_scope",
        used_car_scope,
        frozenset(
            {
                (Status.FAIL, "excluded_type"),
                (Status.FAIL, NEVER_REGISTERED),
                (Status.UNKNOWN, "registration_unknown"),
                (Status.UNKNOWN, "type_unknown"),
                (Status.PASS, "registered_used_car"),
            }
        ),
    ),
    RuleDef(
        "cn.180_day_letter",
        letter_180_days,
        frozenset(
            {
                (Status.NOT_APPLICABLE, NEVER_REGISTERED),
                (Status.UNKNOWN, "registration_date_unknown"),
                (Status.PASS, "over_limit"),
                (Status.PASS, "letter_in_hand"),
                (Status.FAIL, "letter_missing"),
                (Status.UNKNOWN, "letter_unknown"),
            }
        ),
    ),
    RuleDef("cn.exporter_filed", exporter_filed, yes_no_reasons("filed", "not_filed")),
    RuleDef(
        "cn.transfer_for_export",
        transfer_for_export,
        yes_no_reasons("done", "missing") | {(Status.NOT_APPLICABLE, NEVER_REGISTERED)},
    ),
    RuleDef(
        "cn.data_match",
        data_match,
        yes_no_reasons("matches", "mismatch") | {(Status.NOT_APPLICABLE, NEVER_REGISTERED)},
    ),
    RuleDef("cn.test_report", test_report, yes_no_reasons("passed", "missing")),
    RuleDef("cn.encumbrance", encumbrance, yes_no_reasons("clear", "encumbered")),
    RuleDef("cn.seized_or_stolen", seized_or_stolen, yes_no_reasons("clear", "seized_or_stolen")),
    RuleDef("cn.violations", violations, yes_no_reasons("clear", "unresolved")),
    RuleDef("cn.scrapping", scrapping, yes_no_reasons("not_near", "near_scrapping")),
    RuleDef(
        "cn.modified",
        modified,
        frozenset(
            {
                (Status.NOT_APPLICABLE, "not_modified"),
                (Status.UNKNOWN, "unknown"),
                (Status.UNKNOWN, "certification_unknown"),
                (Status.PASS, "certified"),
                (Status.FAIL, "proof_missing"),
                (Status.FAIL, "unlisted"),
                (Status.FAIL, "uncertified"),
            }
        ),
    ),
    RuleDef(
        "cn.vin",
        vin_valid,
        frozenset(
            {
                (Status.NOT_APPLICABLE, "not_given"),
                (Status.FAIL, "bad_format"),
                (Status.FAIL, "check_digit"),
                (Status.PASS, "check_digit_not_required"),
                (Status.PASS, "valid"),
            }
        ),
    ),
)
