"""Units and zones, administered (issue 16): the functions behind both the admin routes
(server/routes_admin.py) and `ducha-server unit …` / `zone …` (server/cli.py) — one piece, two
doors.

Every write goes through the server's own writer (server/seed.py Seeder: the row and its
change_log entry, so laptops receive it at their next pull) in the caller's transaction, with
an audit entry naming the actor. Retiring is `active: false`: rows are never deleted (records
keep naming them); a retired zone, or a zone of a retired unit, is refused for a new
inspection (server/push_checks.py `check_zone_active`).
"""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa

from domain.admin_wire import NewUnit, NewZone, UnitChange, ZoneChange
from domain.clock import now_iso
from domain.contract.rows import UnitRow, ZoneRow
from server import audit
from server.batch_rows import Stored
from server.db import ENTITY_TABLES
from server.errors import ApiError
from server.org_rules import (
    Refusal,
    active,
    active_zone_counts,
    unit_retire_refusal,
    zone_unit_refusal,
)
from server.push_checks import zone_records
from server.seed import Seeder, new_row
from server.settings import Settings

Actor = dict[str, Any]


def _rows(conn: sa.Connection, entity: str) -> list[dict[str, Any]]:
    table = ENTITY_TABLES[entity]
    return [json.loads(text) for (text,) in conn.execute(sa.select(table.c.row))]


def _unit_info(row: dict[str, Any], zones: int) -> dict[str, Any]:
    return {
        "id": row["id"],
        "name": row["name"],
        "kind": row["kind"],
        "parent_id": row.get("parent_id"),
        "active": active(row),
        "zones": zones,
    }


def _zone_info(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": row["id"],
        "name": row["name"],
        "kind": row["kind"],
        "unit_id": row["unit_id"],
        "chief_name": row.get("chief_name"),
        "chief_phone": row.get("chief_phone"),
        "geometry": row.get("geometry"),
        "active": active(row),
    }


def units(conn: sa.Connection) -> list[dict[str, Any]]:
    counts = active_zone_counts(conn)
    rows = sorted(_rows(conn, "unit"), key=lambda r: r["name"])
    return [_unit_info(r, counts.get(r["id"], 0)) for r in rows]


def zones(conn: sa.Connection) -> list[dict[str, Any]]:
    return [_zone_info(r) for r in sorted(_rows(conn, "zone"), key=lambda r: r["name"])]


def _stored(seeder: Seeder, entity: str, ident: str) -> Stored:
    stored = seeder.push.get(entity, ident)
    if stored is None:
        raise ApiError(404, "not_found", f"no {entity} {ident}")
    return stored


def _name_taken(
    seeder: Seeder, entity: str, name: str, other_than: str | None, **where: str
) -> None:
    """Unit names are unique; a zone's within its unit."""
    found = seeder.find(entity, name=name, **where)
    if found is not None and found != other_than:
        raise ApiError(409, "name_taken", f"a {entity} named {name!r} exists already")


def _check_parent(seeder: Seeder, unit_id: str | None, parent_id: str | None) -> None:
    """The parent exists and is not the unit itself nor one of its descendants."""
    seen: set[str] = set()
    ident = parent_id
    while ident is not None:
        if ident == unit_id:
            raise ApiError(422, "parent_cycle", "parent_id: the unit would be its own ancestor")
        if ident in seen:  # a cycle above, stored before this check existed
            raise ApiError(422, "parent_cycle", "parent_id: the units above form a cycle")
        seen.add(ident)
        parent = seeder.push.get("unit", ident)
        if parent is None:
            code = "unknown_parent" if ident == parent_id else "parent_cycle"
            raise ApiError(422, code, f"parent_id: no unit {ident}")
        ident = parent.row.get("parent_id")


def _write(seeder: Seeder, entity: str, stored: Stored, changed: dict[str, Any]) -> dict:
    """The stored row with `changed` applied: a new revision written by the server (its
    change_log entry reaches every laptop)."""
    row = {
        **stored.row,
        **changed,
        "updated_at": now_iso(),
        "device_id": "server",
        "rev": int(stored.row.get("rev", 0)) + 1,
    }
    model = UnitRow if entity == "unit" else ZoneRow
    model.model_validate(row)  # what the laptops will check
    seeder.push.write(entity, row, stored.scope, exists=True)
    return row


def _record(conn: sa.Connection, action: str, entity: str, ident: str, detail: dict, actor: Actor):
    audit.record(conn, action, entity=entity, entity_id=ident, detail=detail, **actor)


# -- units -----------------------------------------------------------------------------------------
def add_unit(conn: sa.Connection, settings: Settings, asked: NewUnit, actor: Actor) -> dict:
    seeder = Seeder(conn, settings)
    _name_taken(seeder, "unit", asked.name, None)
    _check_parent(seeder, None, asked.parent_id)
    row = new_row(name=asked.name, kind=asked.kind, parent_id=asked.parent_id, active=1)
    UnitRow.model_validate(row)
    seeder.add("unit", row)
    _record(conn, "unit_add", "unit", row["id"], {"name": asked.name, "kind": asked.kind}, actor)
    return _unit_info(row, 0)


def change_unit(
    conn: sa.Connection, settings: Settings, unit_id: str, asked: UnitChange, actor: Actor
) -> dict:
    """Rename, re-kind, re-parent, retire (active: false; refused while it has active zones:
    409 unit_has_active_zones) or bring back a unit."""
    seeder = Seeder(conn, settings)
    stored = _stored(seeder, "unit", unit_id)
    sent = asked.model_fields_set
    changed: dict[str, Any] = {}
    if "name" in sent and asked.name is not None and asked.name != stored.row["name"]:
        _name_taken(seeder, "unit", asked.name, unit_id)
        changed["name"] = asked.name
    if "kind" in sent and asked.kind is not None and asked.kind != stored.row["kind"]:
        changed["kind"] = asked.kind
    if "parent_id" in sent and asked.parent_id != stored.row.get("parent_id"):
        _check_parent(seeder, unit_id, asked.parent_id)
        changed["parent_id"] = asked.parent_id
    zones = active_zone_counts(conn, unit_id).get(unit_id, 0)
    if "active" in sent and asked.active is not None and asked.active != active(stored.row):
        changed["active"] = 1 if asked.active else 0
        _refuse(unit_retire_refusal(stored.row, {**stored.row, **changed}, zones))
    if not changed:
        return _unit_info(stored.row, zones)
    row = _write(seeder, "unit", stored, changed)
    action = "unit_retire" if changed.get("active") == 0 else "unit_change"
    _record(conn, action, "unit", unit_id, {"name": row["name"], **_small(changed)}, actor)
    return _unit_info(row, zones)


def unit_by_key(conn: sa.Connection, settings: Settings, key: str) -> str:
    """A unit's id from its id or name (the command line), or 404."""
    found = Seeder(conn, settings).unit_id(key)
    if found is None:
        raise ApiError(404, "not_found", f"no unit {key!r}")
    return found


def zone_by_key(conn: sa.Connection, settings: Settings, key: str) -> str:
    seeder = Seeder(conn, settings)
    if seeder.push.get("zone", key) is not None:
        return key
    found = seeder.find("zone", name=key)
    if found is None:
        raise ApiError(404, "not_found", f"no zone {key!r}")
    return found


# -- zones -----------------------------------------------------------------------------------------
def _refuse(refusal: Refusal | None) -> None:
    if refusal is not None:
        code, reason = refusal
        raise ApiError(422 if code == "unknown_unit" else 409, code, reason)


def _check_unit(seeder: Seeder, held: dict[str, Any] | None, row: dict[str, Any]) -> None:
    unit = seeder.push.get("unit", row["unit_id"])
    _refuse(zone_unit_refusal(held, row, unit.row if unit is not None else None))


def add_zone(conn: sa.Connection, settings: Settings, asked: NewZone, actor: Actor) -> dict:
    seeder = Seeder(conn, settings)
    _name_taken(seeder, "zone", asked.name, None, unit_id=asked.unit_id)
    _check_unit(seeder, None, {"unit_id": asked.unit_id, "active": 1})
    row = new_row(
        name=asked.name,
        kind=asked.kind,
        unit_id=asked.unit_id,
        chief_name=asked.chief_name,
        chief_phone=asked.chief_phone,
        geometry=asked.geometry,
        active=1,
    )
    ZoneRow.model_validate(row)
    seeder.add("zone", row)
    detail = {"name": asked.name, "kind": asked.kind, "unit_id": asked.unit_id}
    _record(conn, "zone_add", "zone", row["id"], detail, actor)
    return _zone_info(row)


def change_zone(
    conn: sa.Connection, settings: Settings, zone_id: str, asked: ZoneChange, actor: Actor
) -> dict:
    """Edit, retire (active: false) or bring back a zone; only the fields sent change."""
    seeder = Seeder(conn, settings)
    stored = _stored(seeder, "zone", zone_id)
    sent = asked.model_fields_set
    changed: dict[str, Any] = {}
    for field in ("name", "kind", "unit_id"):
        value = getattr(asked, field)
        if field in sent and value is not None and value != stored.row.get(field):
            changed[field] = value
    for field in ("chief_name", "chief_phone", "geometry"):  # null clears
        value = getattr(asked, field)
        if field in sent and value != stored.row.get(field):
            changed[field] = value
    if "active" in sent and asked.active is not None and asked.active != active(stored.row):
        changed["active"] = 1 if asked.active else 0
    if "name" in changed or "unit_id" in changed:
        unit_id = changed.get("unit_id", stored.row["unit_id"])
        name = changed.get("name", stored.row["name"])
        _name_taken(seeder, "zone", name, zone_id, unit_id=unit_id)
    if "unit_id" in changed:
        _not_in_use(conn, zone_id)
    _check_unit(seeder, stored.row, {**stored.row, **changed})
    if not changed:
        return _zone_info(stored.row)
    row = _write(seeder, "zone", stored, changed)
    action = "zone_retire" if changed.get("active") == 0 else "zone_change"
    _record(conn, action, "zone", zone_id, {"name": row["name"], **_small(changed)}, actor)
    return _zone_info(row)


def _not_in_use(conn: sa.Connection, zone_id: str) -> None:
    """A zone that records name stays in its unit: an inspection, notice, case or duty check
    made there lies in that unit (the push checks a zone's unit against its records')."""
    entity = zone_records(conn, zone_id)
    if entity is not None:
        raise ApiError(
            409,
            "zone_in_use",
            f"records were made in this zone ({entity}): it stays in its unit; retire it "
            "and add a zone to the other unit",
        )


def _small(changed: dict[str, Any]) -> dict[str, Any]:
    """What an audit detail keeps of a change: never a whole outline."""
    return {
        k: ("(outline)" if k == "geometry" and v else v)
        for k, v in changed.items()
        if k != "chief_phone"
    } | ({"chief_phone": "(changed)"} if "chief_phone" in changed else {})
