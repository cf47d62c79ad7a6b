"""The digest of a submitted inspection: SHA-256 over a canonical JSON of its rows and photo hashes.

Defined once, here, for the client (which computes it at submit) and the server (which checks it).
Only fields that record what was observed are covered; bookkeeping (rev, updated_at, status,
digest) is not. Changing what is covered means a new DIGEST_VERSION, never an edit of this one.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterable, Mapping
from typing import Any

DIGEST_VERSION = 1

INSPECTION_FIELDS = (
    "id",
    "template_id",
    "template_version",
    "zone_id",
    "unit_id",
    "mode",
    "started_at",
    "finished_at",
    "location",
    "amends_id",
    "summary",
    "device_id",
    "created_at",
)
PERSON_FIELDS = ("person_id", "lead")
FINDING_FIELDS = (
    "id",
    "item_code",
    "result",
    "cases",
    "deduction",
    "description",
    "severity",
    "location",
)
PHOTO_FIELDS = ("id", "sha256", "finding_id", "role", "taken_at_raw", "original_name", "caption")


def _normal(value: Any) -> Any:
    """One spelling per value: True, 1.0 and 1 are the same number; no NaN; text as it is.

    (SQLite stores flags as 0/1, PostgreSQL as booleans: both ends must agree.)
    """
    if isinstance(value, bool):
        return int(value)
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"not a finite number: {value}")
        return int(value) if value.is_integer() else value
    raise TypeError(f"cannot digest a {type(value).__name__}")


def _pick(row: Mapping[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    return {name: _normal(row.get(name)) for name in fields}


def canonical_content(
    inspection: Mapping[str, Any],
    persons: Iterable[Mapping[str, Any]],
    findings: Iterable[Mapping[str, Any]],
    photos: Iterable[Mapping[str, Any]],
) -> bytes:
    content = {
        "digest_version": DIGEST_VERSION,
        "inspection": _pick(inspection, INSPECTION_FIELDS),
        "persons": sorted((_pick(p, PERSON_FIELDS) for p in persons), key=lambda p: p["person_id"]),
        "findings": sorted((_pick(f, FINDING_FIELDS) for f in findings), key=lambda f: f["id"]),
        "photos": sorted((_pick(p, PHOTO_FIELDS) for p in photos), key=lambda p: p["id"]),
    }
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return text.encode("utf-8")


def inspection_digest(
    inspection: Mapping[str, Any],
    persons: Iterable[Mapping[str, Any]],
    findings: Iterable[Mapping[str, Any]],
    photos: Iterable[Mapping[str, Any]],
) -> str:
    """Hex SHA-256 of the canonical content."""
    return hashlib.sha256(canonical_content(inspection, persons, findings, photos)).hexdigest()
