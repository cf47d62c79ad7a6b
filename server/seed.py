"""Rows the server itself writes (templates, demo organisation, people of user accounts)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from domain.clock import now_iso
from domain.ids import new_id, stable_id
from domain.org_settings import ORG_SETTINGS_ID, OrgSettings, from_office, to_fields
from domain.template import parse_template, template_id
from server.auth import User
from server.db import ENTITY_TABLES, change_log, write_lock
from server.settings import Settings
from server.sync import Push

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
TEMPLATE = RESOURCES / "templates" / "city_fine_management_v1.json"
DEMO_ORG = RESOURCES / "demo" / "org.json"
SERVER = User("server", "server", "server", "admin", True, frozenset())


def new_row(**fields: Any) -> dict[str, Any]:
    now = now_iso()
    return {
        "id": fields.pop("id", None) or new_id(),
        **fields,
        "created_at": now,
        "updated_at": now,
        "device_id": "server",
        "rev": 1,
    }


class Seeder:
    """Writes rows (and their change_log entries) in one transaction under the write lock."""

    def __init__(self, conn: sa.Connection, settings: Settings) -> None:
        write_lock(conn)
        self.conn = conn
        self.settings = settings
        self.push = Push(conn, settings, None, SERVER, "server", [])  # type: ignore[arg-type]
        self.push.autoflush = True  # each write reaches the database at once: finds read it
        self.push.seq = conn.execute(
            sa.select(sa.func.coalesce(sa.func.max(change_log.c.seq), 0))
        ).scalar_one()

    def find(self, entity: str, **where: Any) -> str | None:
        table = ENTITY_TABLES[entity]
        query = sa.select(table.c.id, table.c.row)
        for key, value in where.items():
            if key in table.c:
                query = query.where(table.c[key] == value)
        for ident, text in self.conn.execute(query):
            row = json.loads(text)
            if all(row.get(k) == v for k, v in where.items()):
                return ident
        return None

    def add(self, entity: str, row: dict[str, Any], scope: str | None = None) -> str:
        self.push.write(entity, row, scope, exists=False)
        return row["id"]

    def template(self, path: Path = TEMPLATE) -> str:
        body = json.loads(path.read_text(encoding="utf-8"))
        template = parse_template(body)
        found = self.find("template", name=template.name, version=template.version)
        if found:
            return found
        return self.add(
            "template",
            new_row(
                id=template_id(template.name, template.version),  # the same id as every client's
                name=template.name,
                version=template.version,
                published_at=now_iso(),
                body=json.dumps(body, ensure_ascii=False),
            ),
        )

    def demo(self, path: Path = DEMO_ORG) -> None:
        org = json.loads(path.read_text(encoding="utf-8"))
        ids: dict[str, str] = {}
        for unit in org["units"]:  # parents come first in the file
            found = self.find("unit", name=unit["name"])
            ids[unit["key"]] = found or self.add(
                "unit",
                new_row(
                    id=stable_id("demo", "unit", unit["name"]),  # the same as a client's demo
                    name=unit["name"],
                    kind=unit["kind"],
                    parent_id=ids.get(unit["parent"]) if unit["parent"] else None,
                ),
            )
        for zone in org["zones"]:
            if not self.find("zone", name=zone["name"]):
                self.add(
                    "zone",
                    new_row(
                        id=stable_id("demo", "zone", zone["name"]),
                        name=zone["name"],
                        kind=zone["kind"],
                        unit_id=ids[zone["unit"]],
                        chief_name=zone.get("chief_name"),
                        chief_phone=zone.get("chief_phone"),
                        geometry=zone.get("geometry"),
                        active=1,
                    ),
                )
        self.org_settings(from_office(org.get("office") or {}, self.settings.office_zone))
        for person in org["people"]:
            if not self.find("person", name=person["name"]):
                self.add(
                    "person",
                    new_row(
                        id=stable_id("demo", "person", person["name"]),
                        name=person["name"],
                        phone=person.get("phone"),
                        role=person["role"],
                    ),
                )

    def org_settings(self, settings: OrgSettings) -> None:
        """The office's settings record (domain/org_settings.py), unless one is held."""
        if self.push.get("org_settings", ORG_SETTINGS_ID) is None:
            fields = {**to_fields(settings), "updated_by": None}
            self.add("org_settings", new_row(id=ORG_SETTINGS_ID, **fields))

    def unit(self, name: str, kind: str = "department", parent_id: str | None = None) -> str:
        return self.find("unit", name=name) or self.add(
            "unit", new_row(name=name, kind=kind, parent_id=parent_id)
        )

    def zone(self, name: str, unit_id: str, kind: str = "site") -> str:
        return self.find("zone", name=name) or self.add(
            "zone",
            new_row(
                name=name,
                kind=kind,
                unit_id=unit_id,
                chief_name=None,
                chief_phone=None,
                geometry=None,
                active=1,
            ),
        )

    def unit_id(self, key: str) -> str | None:
        """A unit by id or by name."""
        table = ENTITY_TABLES["unit"]
        if self.conn.execute(sa.select(table.c.id).where(table.c.id == key)).first():
            return key
        return self.find("unit", name=key)
