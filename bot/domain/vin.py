"""VIN checks (format, ISO 3779 check digit, country of manufacture) on top of `vininfo`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from vininfo import Vin
from vininfo.exceptions import ValidationError as VinFormatError


class VinState(StrEnum):
    """How far a VIN checks out."""

    VALID = "valid"
    BAD_FORMAT = "bad_format"
    CHECK_DIGIT_MISMATCH = "check_digit_mismatch"


@dataclass(frozen=True, slots=True)
class VinCheck:
    """The result of reading one VIN."""

    vin: str
    state: VinState
    built_in_china: bool | None
    model_years: tuple[int, ...]


def check_vin(vin: str) -> VinCheck:
    """Read a normalised VIN; model years repeat every 30 years, so all candidates are kept."""
    try:
        parsed = Vin(vin)
    except VinFormatError:
        return VinCheck(vin, VinState.BAD_FORMAT, None, ())
    # GB 16735 and ISO 3779: 'L' as the first WMI character is the code for China.
    built_in_china = parsed.country == "China"
    ok = parsed.verify_checksum(check_year=False)
    state = VinState.VALID if ok else VinState.CHECK_DIGIT_MISMATCH
    return VinCheck(vin, state, built_in_china, tuple(parsed.years))


def newest_model_year(check: VinCheck, on: dt.date) -> int | None:
    """The model year a VIN tells: its newest 30-year candidate not after next year."""
    plausible = [y for y in check.model_years if y <= on.year + 1]
    return max(plausible) if plausible else None
