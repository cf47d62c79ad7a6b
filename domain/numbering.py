"""Notice numbers. Official ones (督改〔2026〕第0123号) are unique per office and year and come
from the server in reserved blocks; until then a device gives provisional ones of its own."""

from __future__ import annotations

import re

_OFFICIAL = re.compile(r"^(?P<prefix>.+)〔(?P<year>\d{4})〕第(?P<seq>\d+)号$")


def device_code(device_id: str) -> str:
    """Six characters naming the device: the random tail of its UUIDv7 (the head is a time)."""
    return device_id.replace("-", "")[-6:].upper()


def provisional_number(device_id: str, seq: int) -> str:
    """`临` + device code + sequence: unique to the device without asking anyone."""
    if seq < 1:
        raise ValueError("sequence numbers start at 1")
    return f"临{device_code(device_id)}-{seq:04d}"


def official_number(prefix: str, year: int, seq: int) -> str:
    """e.g. official_number("督改", 2026, 123) == "督改〔2026〕第0123号"."""
    if seq < 1:
        raise ValueError("sequence numbers start at 1")
    return f"{prefix}〔{year}〕第{seq:04d}号"


def is_provisional(number: str) -> bool:
    return number.startswith("临")


def parse_official(number: str) -> tuple[str, int, int] | None:
    """(prefix, year, seq) of an official number, None for anything else."""
    match = _OFFICIAL.match(number)
    if not match:
        return None
    return match["prefix"], int(match["year"]), int(match["seq"])
