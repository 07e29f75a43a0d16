"""The vehicle case (DESIGN 3.2): what people tell us about one car, normalised and checked."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as dc_field
from enum import StrEnum
from typing import Annotated, Any

import pycountry
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    StrictBool,
    StrictInt,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError


class VehicleType(StrEnum):
    """Vehicle categories as the export rules name them."""

    PASSENGER = "passenger"
    COMMERCIAL = "commercial"
    TRAILER = "trailer"
    THREE_WHEELER = "three_wheeler"
    LOW_SPEED = "low_speed"


class Powertrain(StrEnum):
    """Drive types; `bev` matters for the pure-EV licence route."""

    ICE = "ice"
    HEV = "hev"
    PHEV = "phev"
    EREV = "erev"
    BEV = "bev"
    FCEV = "fcev"


class Steering(StrEnum):
    """Which side the steering wheel is on; Chinese cars are left-hand drive."""

    LHD = "lhd"
    RHD = "rhd"


def _iso_date(value: object) -> object:
    """Accept a date or a strict YYYY-MM-DD string; anything else names itself as invalid."""
    if value is None or isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise PydanticCustomError("invalid_date", "not a valid date: {value}", {"value": str(value)})


IsoDate = Annotated[dt.date | None, BeforeValidator(_iso_date)]


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date known to the year, the month or the day (a nameplate often shows only month/year)."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def earliest(self) -> dt.date:
        """The first day it can mean."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> dt.date:
        """The last day it can mean."""
        if self.day is not None and self.month is not None:
            return dt.date(self.year, self.month, self.day)
        month = self.month or 12
        last = calendar.monthrange(self.year, month)[1]
        return dt.date(self.year, month, last)

    def __str__(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _partial_date(value: object) -> object:
    """YYYY, YYYY-MM or YYYY-MM-DD (or a date); anything else names itself as invalid."""
    if value is None or isinstance(value, PartialDate):
        return value
    if isinstance(value, dt.date):
        return PartialDate(value.year, value.month, value.day)
    match = _PARTIAL.match(value.strip()) if isinstance(value, str) else None
    if match is not None:
        year, month, day = (int(g) if g else None for g in match.groups())
        try:
            found = PartialDate(year or 0, month, day)
            _ = found.earliest, found.latest
        except ValueError:
            pass
        else:
            if 1900 <= found.year <= 2100:
                return found
    raise PydanticCustomError("invalid_date", "not a valid date: {value}", {"value": str(value)})


Partial = Annotated[
    PartialDate | None,
    BeforeValidator(_partial_date),
    PlainSerializer(lambda v: str(v) if v is not None else None),
]
NonNegative = Annotated[StrictInt | None, Field(ge=0)]
Positive = Annotated[StrictInt | None, Field(gt=0)]


class VehicleCase(BaseModel):
    """One vehicle's facts; every field optional, and a missing fact is unknown, never a failure."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, use_enum_values=False, arbitrary_types_allowed=True
    )

    vin: str | None = None
    vehicle_type: VehicleType | None = None
    powertrain: Powertrain | None = None
    registered_in_china: StrictBool | None = None
    registration_date: IsoDate = None
    application_date: IsoDate = None
    odometer_km: NonNegative = None
    after_sales_letter: StrictBool | None = None
    exporter_filed: StrictBool | None = None
    transfer_for_export: StrictBool | None = None
    data_matches_certificate: StrictBool | None = None
    test_report: StrictBool | None = None
    encumbered: StrictBool | None = None
    seized_or_stolen: StrictBool | None = None
    unresolved_violations: StrictBool | None = None
    near_scrapping: StrictBool | None = None
    modified: StrictBool | None = None
    modification_certified: StrictBool | None = None
    # The modified model is in the MIIT vehicle catalogue with valid CCC: then only the proof
    # that the modification is genuine can be missing, which is paperwork.
    modification_listed: StrictBool | None = None
    destination: str | None = None
    manufacture_date: Partial = None
    model_year: Annotated[StrictInt | None, Field(ge=1900, le=2100)] = None
    steering: Steering | None = None
    emission_standard: str | None = None
    engine_power_hp: Positive = None
    # Gross vehicle weight over 3.5 t; passenger cars are light by definition.
    over_3_5_tonnes: StrictBool | None = None

    @field_validator("vin", mode="before")
    @classmethod
    def _normalise_vin(cls, value: object) -> object:
        """People paste VINs with spaces, dashes and lower case; the rule checks the rest."""
        if isinstance(value, str):
            cleaned = "".join(ch for ch in value if not ch.isspace() and ch != "-").upper()
            return cleaned or None
        return value

    @field_validator("destination", mode="before")
    @classmethod
    def _normalise_country(cls, value: object) -> object:
        if not isinstance(value, str):
            return value
        code = value.strip().upper()
        if not code:
            return None
        if len(code) != 2 or pycountry.countries.get(alpha_2=code) is None:
            raise PydanticCustomError(
                "unknown_country", "unknown ISO 3166-1 country code: {value}", {"value": value}
            )
        return code

    @field_validator("emission_standard", mode="before")
    @classmethod
    def _normalise_emission(cls, value: object) -> object:
        if isinstance(value, str):
            return "".join(value.split()).replace("-", "").lower() or None
        return value

    @model_validator(mode="after")
    def _consistent(self) -> VehicleCase:
        if (
            self.registration_date is not None
            and self.application_date is not None
            and self.registration_date > self.application_date
        ):
            raise PydanticCustomError(
                "registration_after_application",
                "registration_date is after application_date",
                {"field": "registration_date"},
            )
        if self.registered_in_china is False and self.registration_date is not None:
            raise PydanticCustomError(
                "registration_date_without_registration",
                "registration_date given for a car never registered",
                {"field": "registration_date"},
            )
        if self.modified is False and (
            self.modification_certified is not None or self.modification_listed is not None
        ):
            raise PydanticCustomError(
                "certified_without_modification",
                "modification_certified given for an unmodified car",
                {"field": "modification_certified"},
            )
        return self

    @property
    def is_registered(self) -> bool | None:
        """Registered in China; a registration date on the certificate implies it."""
        if self.registered_in_china is not None:
            return self.registered_in_china
        return True if self.registration_date is not None else None


@dataclass(frozen=True, slots=True)
class CaseError:
    """One problem with the input: the field it concerns, a code for the message, and values."""

    field: str
    code: str
    params: Mapping[str, str] = dc_field(default_factory=dict)


class CaseInvalidError(Exception):
    """Raised when a case cannot be built; carries every problem found."""

    def __init__(self, errors: tuple[CaseError, ...]) -> None:
        super().__init__("; ".join(f"{e.field}: {e.code}" for e in errors))
        self.errors = errors


_PYDANTIC_CODES = {
    "extra_forbidden": "unknown_field",
    "enum": "unknown_value",
    "bool_type": "not_boolean",
    "int_type": "not_integer",
    "int_parsing": "not_integer",
    "int_from_float": "not_integer",
    "greater_than_equal": "too_small",
    "greater_than": "too_small",
    "less_than_equal": "too_large",
    "string_type": "not_text",
}


def _case_error(err: Mapping[str, Any]) -> CaseError:
    loc = err.get("loc") or ()
    ctx = err.get("ctx") or {}
    name = str(ctx.get("field") or (loc[0] if loc else "case"))
    code = _PYDANTIC_CODES.get(err["type"], err["type"])
    shown = err.get("input")
    if "field" in ctx and isinstance(shown, Mapping):
        shown = shown.get(name)
    params = {"field": name, "value": _shown(shown)}
    if code == "unknown_value":
        params["allowed"] = str(ctx.get("expected", "")).replace("'", "")
    if code in {"too_small", "too_large"}:
        params["limit"] = str(ctx.get("ge", ctx.get("gt", ctx.get("le", ""))))
    return CaseError(field=name, code=code, params=params)


def _shown(value: object) -> str:
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def parse_case(raw: object, today: dt.date) -> VehicleCase:
    """Build a case from decoded JSON; the application date defaults to `today` (Asia/Shanghai)."""
    if not isinstance(raw, Mapping):
        raise CaseInvalidError((CaseError("case", "not_an_object", {"field": "case"}),))
    data = dict(raw)
    if data.get("application_date") is None:
        data["application_date"] = today
    try:
        return VehicleCase.model_validate(data)
    except ValidationError as exc:
        raise CaseInvalidError(tuple(_case_error(e) for e in exc.errors())) from exc
