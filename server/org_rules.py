"""The lifecycle rules of units, zones and template versions, one function each, asked by both
doors that write them: the admin routes and commands (server/admin_org.py, server/templates.py)
and an admin's /sync/push (server/sync.py). Each answers None (allowed) or the refusal's code and
reason; the door raises it its own way (ApiError 409 / a push result `rejected`)."""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa

from server.db import ENTITY_TABLES

Refusal = tuple[str, str]  # (code, reason in English)


def active(row: dict[str, Any]) -> bool:
    return bool(row.get("active", 1))


def active_zone_counts(conn: sa.Connection, unit_id: str | None = None) -> dict[str, int]:
    """How many active zones each unit has (of `unit_id` alone when given)."""
    table = ENTITY_TABLES["zone"]
    query = sa.select(table.c.row)
    if unit_id is not None:
        query = query.where(table.c.unit_id == unit_id)
    counts: dict[str, int] = {}
    for (text,) in conn.execute(query):
        zone = json.loads(text)
        if active(zone):
            counts[zone["unit_id"]] = counts.get(zone["unit_id"], 0) + 1
    return counts


def unit_retire_refusal(held: dict[str, Any], row: dict[str, Any], zones: int) -> Refusal | None:
    """A unit is retired only once it has no active zone (`zones`: its active zones now)."""
    if active(held) and not active(row) and zones:
        return (
            "unit_has_active_zones",
            f"the unit has {zones} active zone(s): retire them or move them first",
        )
    return None


def zone_unit_refusal(
    held: dict[str, Any] | None, row: dict[str, Any], unit: dict[str, Any] | None
) -> Refusal | None:
    """A zone lies in a unit held, and is added to, moved into or brought back only in an
    active one (`unit`: the unit the zone names, None when none is held). A zone already in a
    unit retired later may still be edited there."""
    moved = held is None or held.get("unit_id") != row.get("unit_id")
    back = active(row) and held is not None and not active(held)
    if not (moved or back):
        return None
    if unit is None:
        return "unknown_unit", f"unit_id: no unit {row.get('unit_id')}"
    if not active(unit):
        return "unit_retired", f"unit_id: the unit {unit.get('name')} is retired"
    return None


def template_retire_refusal(held: dict[str, Any], row: dict[str, Any]) -> Refusal | None:
    """A retired template version stays retired (publish a new version instead)."""
    if held.get("retired_at") and not row.get("retired_at"):
        return (
            "template_retired",
            f"{held.get('name')} v{held.get('version')} is retired: it stays retired; "
            "publish a new version",
        )
    return None
