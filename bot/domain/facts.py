"""Facts derived once per evaluation (resolved dates, day count, decoded VIN) for every rule."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from bot.domain.case import VehicleCase
from bot.domain.letter_window import days_counted
from bot.domain.vin import VinCheck, check_vin


@dataclass(frozen=True, slots=True)
class Facts:
    """A case plus what follows from it on the evaluation date."""

    case: VehicleCase
    application_date: dt.date
    days_since_registration: int | None
    vin: VinCheck | None


_cached_vin = lru_cache(maxsize=4096)(check_vin)


def derive_facts(case: VehicleCase, on_date: dt.date) -> Facts:
    """Resolve defaults: without an application date, the licence is applied for on `on_date`."""
    application = case.application_date or on_date
    days = None
    if case.registration_date is not None:
        days = days_counted(case.registration_date, application)
    vin = _cached_vin(case.vin) if case.vin else None
    return Facts(case, application, days, vin)
