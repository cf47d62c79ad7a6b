"""The contract's scalar types: ids, hashes, bounded texts, numbers, times, closed vocabularies.

Every string refuses NUL (PostgreSQL cannot store it) and lone surrogates (no UTF-8 spelling:
pydantic refuses them as `string_unicode`), and has a maximum length. Times are ISO-8601 text
with an offset, kept as the text the device sent (its digest covers that text); the checks
parse it. A time is checked against "now" only when the validation context carries the bounds
(`clock_bounds(now)`): the server passes its clock at the push, a client checking what it
pulled passes none (its own clock may be wrong; the server already held the row to its own).
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field, StringConstraints, ValidationInfo

NO_NUL = r"[^\x00]"
UUID_PATTERN = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
SHA256_PATTERN = r"^[0-9a-f]{64}$"

# ISO-8601 date and time with an offset (Z or ±hh:mm), seconds, optional fraction (≤ 6 digits).
# Only days the calendar has (2000–2099: a year divisible by 4 is a leap year), so a request the
# published schema admits is never refused for its date (schemathesis found 2094-11-31).
_DAY = (
    r"-((0[13578]|1[02])-(0[1-9]|[12][0-9]|3[01])"
    r"|(0[469]|11)-(0[1-9]|[12][0-9]|30)"
    r"|02-(0[1-9]|1[0-9]|2[0-8]))"
)
_LEAP_DAY = r"20(0[048]|[2468][048]|[13579][26])-02-29"
_DATE = r"-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
_CLOCK = (
    r"T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]{1,6})?(Z|[+-](0[0-9]|1[0-4]):[0-5][0-9])$"
)
TIME_PATTERN = r"^(20[0-9]{2}" + _DAY + "|" + _LEAP_DAY + ")" + _CLOCK
CAMERA_TIME_PATTERN = r"^(19[7-9][0-9]|20[0-9]{2})" + _DATE + _CLOCK

EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)  # no row of this system is older
CAMERA_EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
SKEW = timedelta(hours=24)  # how far ahead of the server's clock a device's time may be
# Below 2³¹ rather than 2⁵³ (exact in every JSON reader): the server keeps `rev` in an INTEGER
# column, 32 bits on PostgreSQL: a larger one failed the insert (found by the deep fuzz).
MAX_REV = 2**31 - 1
MAX_COUNT = 2**53 - 1  # exact in every JSON reader (IEEE doubles)
MAX_SIGNED_64 = 2**63 - 1

MAX_NAME = 200
MAX_TEXT = 10_000
MAX_LOCATION = 500
MAX_TOKEN = 200
_UUID = re.compile(UUID_PATTERN)


def text(max_length: int, min_length: int = 0) -> StringConstraints:
    """At most `max_length` characters, no NUL (lone surrogates never pass): `Annotated[str,
    text(200, 1)]`. The length is checked before the pattern, so a long text costs no regex."""
    return StringConstraints(min_length=min_length, max_length=max_length, pattern=f"^{NO_NUL}*$")


Id = Annotated[
    str,
    StringConstraints(pattern=UUID_PATTERN),
    Field(description="a UUID in its canonical lowercase text form (rows: UUIDv7)"),
]
Sha256 = Annotated[
    str,
    StringConstraints(pattern=SHA256_PATTERN),
    Field(description="SHA-256 of the original bytes: exactly 64 lowercase hex digits"),
]
Name = Annotated[str, text(MAX_NAME, 1)]
Text = Annotated[str, text(MAX_TEXT)]
Location = Annotated[str, text(MAX_LOCATION)]
Code = Annotated[str, text(64, 1)]
Phone = Annotated[str, text(40)]
Token = Annotated[
    str,
    text(MAX_TOKEN, 1),
    Field(description="an opaque identifier: 1 to 200 characters, no NUL"),
]
Rev = Annotated[
    int, Field(ge=1, le=MAX_REV, description="revision counter: a positive integer below 2³¹")
]


def integral(value: Any) -> Any:
    """2029.0 is the integer 2029 in JSON (Schema): request bodies take it, as
    `Annotated[int, Field(...), BeforeValidator(integral)]` (the constraints before the
    validator, or the JSON schema loses their names). Rows still refuse it: they are written by
    code that writes integers."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


Flag = Annotated[Literal[0, 1] | bool, Field(description="0/1 (SQLite) or false/true")]


def clock_bounds(now: datetime) -> dict[str, datetime]:
    """The validation context that holds times to the clock `now`: no event more than SKEW
    ahead of it (a due time is a plan, not an event: only its calendar is bounded)."""
    return {"latest": now + SKEW}


def _parse(value: str) -> datetime:
    """The aware moment of an ISO-8601 text whose shape matched TIME_PATTERN (so its year is
    2000–2099, far from the calendar's edges); ValueError for a date the calendar lacks."""
    try:
        return datetime.fromisoformat(value)  # Python ≥ 3.11 reads "Z"
    except ValueError:
        raise ValueError("not a date and time of the calendar") from None


# These run for every time of every pushed row: kept short (bench: ~1 µs each).
def _moment(value: str, info: ValidationInfo) -> str:
    moment = _parse(value)
    if moment < EARLIEST:
        raise ValueError("earlier than the year 2000")
    context = info.context
    if context and moment > context["latest"]:
        raise ValueError("later than the server's clock allows (24 hours ahead at most)")
    return value


def _deadline(value: str) -> str:
    if _parse(value) < EARLIEST:
        raise ValueError("earlier than the year 2000")
    return value


def _camera(value: str) -> str:
    if _parse(value) < CAMERA_EARLIEST:
        raise ValueError("earlier than 1970")
    return value


Moment = Annotated[
    str,
    StringConstraints(pattern=TIME_PATTERN),
    AfterValidator(_moment),
    Field(
        description="ISO-8601 date and time with an offset (e.g. 2026-11-21T02:00:00.000000Z), "
        "a real calendar date, from the year 2000, at most 24 hours ahead of the server's clock"
    ),
]
Deadline = Annotated[
    str,
    StringConstraints(pattern=TIME_PATTERN),
    AfterValidator(_deadline),
    Field(
        description="a due time: ISO-8601 date and time with an offset, a real calendar date, "
        "in the years 2000 to 2099"
    ),
]
DeviceTime = Annotated[
    str,
    StringConstraints(pattern=TIME_PATTERN),
    AfterValidator(_deadline),
    Field(
        description="the device's clock as it reads: ISO-8601 date and time with an offset, in "
        "the years 2000 to 2099, held to no other bound (it is what a clock check compares)"
    ),
]
CameraTime = Annotated[
    str,
    StringConstraints(pattern=CAMERA_TIME_PATTERN),
    AfterValidator(_camera),
    Field(
        description="when the camera says the photo was taken, as UTC ISO-8601: the camera's "
        "clock, which nobody vouches for (from 1970; checked against nothing else)"
    ),
]


def _json(value: str) -> Any:
    try:
        return json.loads(value)
    except ValueError:
        raise ValueError("not JSON text") from None


def _json_list(value: str) -> str:
    if not isinstance(_json(value), list):
        raise ValueError("JSON text of a list")
    return value


def _json_object(value: str) -> str:
    if not isinstance(_json(value), dict):
        raise ValueError("JSON text of an object")
    return value


MAX_LISTED_IDS = 1000


def _id_list(value: str) -> str:
    parsed = _json(value)
    if not isinstance(parsed, list) or len(parsed) > MAX_LISTED_IDS:
        raise ValueError(f"a JSON list of at most {MAX_LISTED_IDS} ids")
    if not all(isinstance(i, str) and _UUID.match(i) for i in parsed):
        raise ValueError("a JSON list of UUIDs")
    return value


def id_list(value: str | None) -> list[str]:
    """The ids of a text that passed IdListText (an empty list for None)."""
    return list(json.loads(value)) if value else []


JsonListText = Annotated[
    str,
    text(100_000),
    AfterValidator(_json_list),
    Field(description="JSON text of a list (at most 100,000 characters)"),
]
JsonObjectText = Annotated[
    str,
    text(100_000),
    AfterValidator(_json_object),
    Field(description="JSON text of an object (at most 100,000 characters)"),
]
IdListText = Annotated[
    str,
    text(MAX_LISTED_IDS * 40),
    AfterValidator(_id_list),
    Field(description=f"JSON text of a list of at most {MAX_LISTED_IDS} UUIDs"),
]


# -- closed vocabularies (domain/vocab.py, domain/lifecycle.py; tests keep them equal) ----------
Mode = Literal["unannounced", "open", "covert"]
ZoneKind = Literal["road_segment", "grid", "site"]
UnitKind = Literal["department", "town", "street_office", "company"]
Result = Literal["ok", "problem", "not_applicable"]
Severity = Literal["minor", "major", "severe"]
InspectionStatus = Literal["draft", "submitted"]
Role = Literal["inspector", "reviewer", "admin"]
EventKind = Literal[
    "issued",
    "acknowledged",
    "rectified",
    "recheck_passed",
    "recheck_failed",
    "extension_granted",
    "extension_refused",
    "closed",
    "reopened",
    "extension_requested",
    "disputed",
    "dispute_refused",
    "transferred",
]
Decision = Literal["accepted", "returned"]
PhotoRole = Literal["evidence", "before", "after"]
# Which field of a photo file gave its capture time (app/photos/metadata.py TIME_SOURCES).
TimeSource = Literal["exif_original", "exif_datetime", "gps", "xmp", "container", "none"]
# What a photo row holds: a photo, or a video or audio recording (app/photos/media.py).
MediaType = Literal["image", "video", "audio"]
NumberKind = Literal["official", "provisional"]
Op = Literal["upsert", "delete"]
# A road chief on duty on their segment (马路办公, domain/duty.py): 在岗 / 不在岗 / 未核实.
DutyStatus = Literal["on_duty", "off_duty", "unverified"]
