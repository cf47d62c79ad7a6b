"""ducha-server unit add | rename | retire, zone add | edit | retire, org show | set: the
organisation's units, zones and settings from the command line, through the same functions as
the admin routes (server/admin_org.py; the settings: server/admin_settings.py): rows written by
the server (laptops receive them at their next pull), each write audited under
`cli:<operating-system user>`.

A unit or zone is named by its id or its name. Exit status 0 done, 2 refused (the message says
why: an unknown unit, a name taken, a bad outline, a unit that still has active zones …).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from domain.admin_wire import MAX_GEOMETRY, NewUnit, NewZone, UnitChange, ZoneChange
from domain.vocab import UNIT_KINDS, ZONE_KINDS
from server import admin_org, admin_settings, audit
from server.cli import _refuse, _settings, run_admin
from server.errors import ApiError
from server.seed import Seeder


def _geometry(path: str | None) -> str | None:
    """The GeoJSON text of FILE (checked by the model that reads it)."""
    if path is None:
        return None
    file = Path(path)
    try:
        if file.stat().st_size > MAX_GEOMETRY * 4:
            raise ApiError(422, "bad_geometry", f"{path}: larger than a zone outline may be")
        return file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise ApiError(422, "bad_geometry", f"{path}: cannot be read ({error})") from None


def _dump(value: dict[str, Any]) -> str:
    shown = {k: v for k, v in value.items() if k != "geometry"}
    if value.get("geometry"):
        shown["geometry"] = f"({len(value['geometry'])} characters)"
    return json.dumps(shown, ensure_ascii=False)


def cmd_unit_add(args: argparse.Namespace) -> int:
    """A new unit (a unit of that name is reused: the command may run twice) and zones of it."""

    def work(conn: sa.Connection) -> str:
        settings = _settings(args)
        actor = audit.cli_actor()
        unit = Seeder(conn, settings).find("unit", name=args.name)
        if unit is None:
            parent = admin_org.unit_by_key(conn, settings, args.parent) if args.parent else None
            asked = NewUnit.model_validate(
                {"name": args.name, "kind": args.kind, "parent_id": parent}
            )
            unit = admin_org.add_unit(conn, settings, asked, actor)["id"]
        zones = {}
        for name in args.zone or []:
            found = Seeder(conn, settings).find("zone", name=name, unit_id=unit)
            zones[name] = (
                found
                or admin_org.add_zone(
                    conn,
                    settings,
                    NewZone.model_validate({"name": name, "kind": "site", "unit_id": unit}),
                    actor,
                )["id"]
            )
        return json.dumps({"id": unit, "zones": zones}, ensure_ascii=False)

    return run_admin(args, work)


def _unit_change(args: argparse.Namespace, change: dict[str, Any]) -> int:
    def work(conn: sa.Connection) -> str:
        settings = _settings(args)
        unit = admin_org.unit_by_key(conn, settings, args.unit)
        asked = UnitChange.model_validate(change)
        return _dump(admin_org.change_unit(conn, settings, unit, asked, audit.cli_actor()))

    return run_admin(args, work)


def cmd_unit_rename(args: argparse.Namespace) -> int:
    return _unit_change(args, {"name": args.new_name})


def cmd_unit_retire(args: argparse.Namespace) -> int:
    return _unit_change(args, {"active": bool(args.undo)})


def _zone_fields(args: argparse.Namespace, conn: sa.Connection) -> dict[str, Any]:
    """The zone fields the options give (only those given)."""
    fields: dict[str, Any] = {}
    for option in ("name", "kind", "chief_name", "chief_phone"):
        value = getattr(args, option, None)
        if value is not None:
            clears = option.startswith("chief") and value == ""
            fields[option] = None if clears else value
    if args.unit is not None:
        fields["unit_id"] = admin_org.unit_by_key(conn, _settings(args), args.unit)
    if args.geometry is not None:
        fields["geometry"] = _geometry(args.geometry) if args.geometry else None
    return fields


def cmd_zone_add(args: argparse.Namespace) -> int:
    if args.unit is None:
        return _refuse("a zone needs --unit UNIT")

    def work(conn: sa.Connection) -> str:
        fields = {"kind": "site", **_zone_fields(args, conn), "name": args.zone}
        asked = NewZone.model_validate(fields)
        return _dump(admin_org.add_zone(conn, _settings(args), asked, audit.cli_actor()))

    return run_admin(args, work)


def _zone_change(args: argparse.Namespace, fields: Callable[[sa.Connection], dict]) -> int:
    def work(conn: sa.Connection) -> str:
        settings = _settings(args)
        zone = admin_org.zone_by_key(conn, settings, args.zone)
        asked = ZoneChange.model_validate(fields(conn))
        return _dump(admin_org.change_zone(conn, settings, zone, asked, audit.cli_actor()))

    return run_admin(args, work)


def cmd_zone_edit(args: argparse.Namespace) -> int:
    return _zone_change(args, lambda conn: _zone_fields(args, conn))


def cmd_zone_retire(args: argparse.Namespace) -> int:
    return _zone_change(args, lambda _: {"active": bool(args.undo)})


def cmd_org_show(args: argparse.Namespace) -> int:
    def work(conn: sa.Connection) -> str:
        shown = admin_settings.org_settings(conn, _settings(args))
        return json.dumps(shown, ensure_ascii=False, indent=2)

    return run_admin(args, work)


def cmd_org_set(args: argparse.Namespace) -> int:
    try:
        changes = json.loads(Path(args.file).read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        return _refuse(f"{args.file}: not a readable JSON file ({error})")

    def work(conn: sa.Connection) -> str:
        done = admin_settings.set_org_settings(conn, _settings(args), changes, audit.cli_actor())
        return json.dumps(done, ensure_ascii=False, indent=2)

    return run_admin(args, work)


def add_org_commands(sub: Any, common: Callable[[argparse.ArgumentParser], None]) -> Any:
    """The unit, zone and org commands; returns `org`'s subcommands (org adopt joins them)."""
    org = sub.add_parser(
        "org", help="the office's settings record; a standalone laptop's organisation (adopt)"
    ).add_subparsers(dest="action", required=True)
    p = org.add_parser("show", help="print the office's settings (JSON)")
    common(p)
    p.set_defaults(func=cmd_org_show)
    p = org.add_parser(
        "set", help="change the office's settings from a JSON object of fields (any subset)"
    )
    p.add_argument("file", metavar="FILE.json")
    common(p)
    p.set_defaults(func=cmd_org_set)
    unit = sub.add_parser("unit", help="manage units").add_subparsers(dest="action", required=True)
    p = unit.add_parser("add", help="add a unit (and zones of it); an existing name is reused")
    p.add_argument("name")
    p.add_argument("--kind", default="department", choices=UNIT_KINDS)
    p.add_argument("--parent", help="the parent unit (id or name)")
    p.add_argument("--zone", action="append", help="a zone name (repeatable)")
    common(p)
    p.set_defaults(func=cmd_unit_add)
    p = unit.add_parser("rename", help="rename a unit")
    p.add_argument("unit", help="the unit (id or name)")
    p.add_argument("new_name")
    common(p)
    p.set_defaults(func=cmd_unit_rename)
    p = unit.add_parser(
        "retire", help="retire a unit (refused while it has active zones): kept in records"
    )
    p.add_argument("unit", help="the unit (id or name)")
    p.add_argument("--undo", action="store_true", help="bring a retired unit back")
    common(p)
    p.set_defaults(func=cmd_unit_retire)

    zone = sub.add_parser("zone", help="manage zones").add_subparsers(dest="action", required=True)
    for action, text in (("add", "add a zone"), ("edit", "change a zone's fields")):
        p = zone.add_parser(action, help=text)
        p.add_argument("zone", help="the new zone's name" if action == "add" else "id or name")
        if action == "edit":
            p.add_argument("--name", help="a new name")
        p.add_argument("--kind", choices=ZONE_KINDS, help="default for add: site")
        p.add_argument("--unit", help="the unit (id or name)")
        p.add_argument("--chief-name", help="the road chief (路长); '' clears")
        p.add_argument("--chief-phone", help="the road chief's phone; '' clears")
        p.add_argument(
            "--geometry",
            metavar="FILE.geojson",
            help="the outline: GeoJSON of a Polygon, MultiPolygon, LineString or "
            "MultiLineString in WGS84; '' clears",
        )
        common(p)
        p.set_defaults(func=cmd_zone_add if action == "add" else cmd_zone_edit)
    p = zone.add_parser("retire", help="retire a zone: no new inspection in it; records keep it")
    p.add_argument("zone", help="the zone (id or name)")
    p.add_argument("--undo", action="store_true", help="bring a retired zone back")
    common(p)
    p.set_defaults(func=cmd_zone_retire)
    return org
