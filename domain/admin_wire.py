"""Request and answer bodies of the administration API (/api/v1/admin/, issue 16).

Shared by the server's routes (server/routes_admin.py), the `ducha-server` commands and the
client's 组织管理 window. Requests refuse unknown fields and bound every length (the server
trusts nothing); answers may grow fields. Errors answer {error: {code, message}}: the codes a
client translates are listed in ADMIN_CODES.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from domain.contract.fields import (
    MAX_LISTED_IDS,
    Id,
    Name,
    Phone,
    Role,
    UnitKind,
    ZoneKind,
    text,
)

REQUEST = ConfigDict(strict=True, extra="forbid", allow_inf_nan=False)
ANSWER = ConfigDict(extra="allow")

# The zone row's geometry column holds JSON text of at most this many characters
# (domain/contract/rows.py ZoneRow: JsonObjectText), so an outline the laptops could not take
# is refused here.
MAX_GEOMETRY = 100_000
GEOMETRY_TYPES = ("Polygon", "MultiPolygon", "LineString", "MultiLineString")
USERNAME_PATTERN = r"^[^\s\x00]+$"  # as the organisation sheet's (server/importer.py): no spaces

# Stable error codes of the admin routes (the client translates them).
ADMIN_CODES = (
    "forbidden",
    "not_found",
    "name_taken",
    "username_taken",
    "parent_cycle",
    "unknown_parent",
    "unknown_unit",
    "unit_retired",
    "unit_has_active_zones",
    "zone_in_use",  # moving a zone that records were made in to another unit
    "bad_geometry",
    "self",
    "must_change_password",
    "bad_credentials",  # change-password: the old password is wrong
    "password_too_short",
    "password_unchanged",
    "template_invalid",
    "version_exists",
    "invalid",
    "malformed",
)


# -- geometry -------------------------------------------------------------------------------------
def _position(value: Any) -> bool:
    if not isinstance(value, list) or len(value) not in (2, 3):
        return False
    if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in value):
        return False
    lon, lat = value[0], value[1]
    return -180 <= lon <= 180 and -90 <= lat <= 90


def _line(value: Any, minimum: int) -> bool:
    return (
        isinstance(value, list)
        and minimum <= len(value) <= 100_000
        and all(_position(p) for p in value)
    )


def _ring(value: Any) -> bool:
    return _line(value, 4) and value[0] == value[-1]


def _polygon(value: Any) -> bool:
    return isinstance(value, list) and len(value) >= 1 and all(_ring(r) for r in value)


def geometry_problem(value: str) -> str | None:
    """What is wrong with `value` as a zone outline, or None: GeoJSON text of a Polygon,
    MultiPolygon, LineString or MultiLineString geometry (or a Feature holding one), WGS84
    longitude/latitude in range, at most MAX_GEOMETRY characters."""
    if len(value) > MAX_GEOMETRY:
        return f"longer than {MAX_GEOMETRY} characters"
    try:
        parsed = json.loads(value)
    except (ValueError, RecursionError):
        return "not JSON text"
    if isinstance(parsed, dict) and parsed.get("type") == "Feature":
        parsed = parsed.get("geometry")
    if not isinstance(parsed, dict):
        return "not a GeoJSON object"
    kind = parsed.get("type")
    if kind not in GEOMETRY_TYPES:
        return f"the type must be one of {', '.join(GEOMETRY_TYPES)}"
    coordinates = parsed.get("coordinates")
    good = {
        "LineString": lambda c: _line(c, 2),
        "MultiLineString": lambda c: isinstance(c, list) and all(_line(x, 2) for x in c),
        "Polygon": _polygon,
        "MultiPolygon": lambda c: isinstance(c, list) and all(_polygon(x) for x in c),
    }[kind](coordinates)
    if not good:
        return (
            f"the {kind}'s coordinates are not [longitude, latitude] pairs in range "
            "(-180..180, -90..90) of the shape GeoJSON requires (closed rings of ≥ 4 positions)"
        )
    return None


def _geometry(value: str) -> str:
    problem = geometry_problem(value)
    if problem:
        raise ValueError(f"bad_geometry: {problem}")
    return value


Geometry = Annotated[
    str,
    text(MAX_GEOMETRY, 2),
    AfterValidator(_geometry),
    Field(
        description="GeoJSON text (Polygon, MultiPolygon, LineString or MultiLineString, WGS84 "
        f"longitude/latitude), at most {MAX_GEOMETRY} characters"
    ),
]
Username = Annotated[
    str,
    StringConstraints(min_length=1, max_length=200, pattern=USERNAME_PATTERN),
    Field(description="1 to 200 characters, no spaces"),
]
UnitIds = Annotated[list[Id], Field(max_length=MAX_LISTED_IDS)]


# -- units ----------------------------------------------------------------------------------------
class UnitInfo(BaseModel):
    model_config = ANSWER

    id: Id
    name: str
    kind: UnitKind
    parent_id: Id | None = None
    active: bool
    zones: int = Field(description="the unit's active zones")


class UnitList(BaseModel):
    model_config = ANSWER

    units: list[UnitInfo]


class NewUnit(BaseModel):
    model_config = REQUEST

    name: Name
    kind: UnitKind
    parent_id: Id | None = None


class UnitChange(NewUnit):  # a new unit's fields, each optional, and `active`
    """Only the fields sent change; `parent_id: null` makes the unit a top unit."""

    name: Name | None = None  # type: ignore[assignment]
    kind: UnitKind | None = None  # type: ignore[assignment]
    active: bool | None = None


# -- zones ----------------------------------------------------------------------------------------
class ZoneInfo(BaseModel):
    model_config = ANSWER

    id: Id
    name: str
    kind: ZoneKind
    unit_id: Id
    chief_name: str | None = None
    chief_phone: str | None = None
    geometry: str | None = None
    active: bool


class ZoneList(BaseModel):
    model_config = ANSWER

    zones: list[ZoneInfo]


class NewZone(BaseModel):
    model_config = REQUEST

    name: Name
    kind: ZoneKind
    unit_id: Id
    chief_name: Name | None = None
    chief_phone: Phone | None = None
    geometry: Geometry | None = None


class ZoneChange(NewZone):  # a new zone's fields, each optional, and `active`
    """Only the fields sent change; chief_name, chief_phone, geometry: null clears them."""

    name: Name | None = None  # type: ignore[assignment]
    kind: ZoneKind | None = None  # type: ignore[assignment]
    unit_id: Id | None = None  # type: ignore[assignment]
    active: bool | None = None


# -- users and devices -------------------------------------------------------------------------
class UserInfo(BaseModel):
    model_config = ANSWER

    id: Id
    username: str
    name: str
    role: Role
    units: list[Id]
    all_units: bool
    enabled: bool
    devices: int = Field(description="devices the user has signed in from")
    live_tokens: int = Field(description="access tokens not expired nor revoked")
    must_change_password: bool = False


class UserList(BaseModel):
    model_config = ANSWER

    users: list[UserInfo]


class NewUser(BaseModel):
    model_config = REQUEST

    username: Username
    name: Name
    role: Role
    units: UnitIds = []
    all_units: bool = False


class NewUserAnswer(BaseModel):
    model_config = ANSWER

    user: UserInfo
    one_time_password: str = Field(description="shown once; the user must change it")


class UserChange(BaseModel):
    """Only the fields sent change. A change of role, units or all_units, or enabled: false,
    revokes the user's tokens."""

    model_config = REQUEST

    name: Name | None = None
    role: Role | None = None
    units: UnitIds | None = None
    all_units: bool | None = None
    enabled: bool | None = None


class PasswordReset(BaseModel):
    model_config = ANSWER

    one_time_password: str = Field(description="shown once; the user must change it")


class DeviceInfo(BaseModel):
    model_config = ANSWER

    device_id: str
    first_seen: str | None = None
    last_seen: str | None = None
    live_tokens: int
    state: str = Field(
        description="active (a live token or refresh credential), revoked (its last refresh "
        "credential was revoked: lost or stolen), or idle (expired, logged out)"
    )


class DeviceList(BaseModel):
    model_config = ANSWER

    devices: list[DeviceInfo]


class Revoked(BaseModel):
    model_config = ANSWER

    revoked: int = Field(description="tokens revoked")


class ChangePassword(BaseModel):
    """POST /api/v1/auth/change-password (any signed-in user; the only call besides logout a
    user with a one-time password may make)."""

    model_config = REQUEST

    old_password: Annotated[str, text(1024, 1)]
    new_password: Annotated[str, text(1024, 1)]


class PasswordChanged(BaseModel):
    model_config = ANSWER

    changed: bool


# -- templates (helper `templates`) -------------------------------------------------------------
class TemplateInfo(BaseModel):
    model_config = ANSWER

    id: Id
    name: str
    version: int
    published_at: str | None = None
    retired_at: str | None = None
    items: int
    inspections: int = Field(description="inspections made with this version")


class TemplateList(BaseModel):
    model_config = ANSWER

    templates: list[TemplateInfo]


class PublishTemplate(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid")

    body: dict[str, Any] = Field(description="the template JSON object (domain/template.py)")


class TemplateProblem(BaseModel):
    model_config = ANSWER

    item: str = Field(description="the item or category the problem is in ('' for the whole)")
    message: str


class TemplateInvalid(BaseModel):
    """The 422 answer of a template that does not validate: every problem."""

    model_config = ANSWER

    error: dict[str, Any] = Field(description="{code: template_invalid, message}")
    problems: list[TemplateProblem]
