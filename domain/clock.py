"""Times are stored as UTC ISO-8601 text of one fixed width, so they sort as text.

Wall-clock times (office hours, due times, EXIF times, a notice's year, a month's span) are in
the office's time zone. Its default is OFFICE_TZ_DEFAULT, named here and nowhere else; the
configured zone (the client's settings, the server's settings) is passed to whatever needs it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"

OFFICE_TZ_DEFAULT = "Asia/Shanghai"  # Beijing time: where the office is unless configured


def known_zone(name: str) -> bool:
    """Whether `name` is an IANA time zone this machine knows (e.g. 'Asia/Urumqi')."""
    if not name or name != name.strip():
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def office_zone(name: str | None = None) -> ZoneInfo:
    """The zone named, or the default one when none (or an unknown one) is named."""
    return ZoneInfo(name if name and known_zone(name) else OFFICE_TZ_DEFAULT)


def utc_now() -> datetime:
    return datetime.now(UTC)


def to_iso(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("a stored time must carry a time zone")
    return moment.astimezone(UTC).strftime(_FORMAT)


def from_iso(text: str) -> datetime:
    """Reads what to_iso writes, and any ISO-8601 text with an offset."""
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError(f"time without a zone: {text!r}")
    return moment.astimezone(UTC)


def now_iso() -> str:
    return to_iso(utc_now())
