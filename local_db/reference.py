"""Reference data of the store: people, units, zones and checklist templates."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from domain.template import Template, parse_template, template_id
from local_db.store import Store


def install_template(
    store: Store, body: dict[str, Any], published_at: str | None = None, *, shipped: bool = False
) -> str:
    """Validate and store a template version; the same name and version twice is one row.

    A `shipped` template (the one in resources/) is identical everywhere, with the same id
    (template_id), so it does not travel to the server.
    """
    template = parse_template(body)
    found = store.db.execute(
        "SELECT id FROM template WHERE name = ? AND version = ?", [template.name, template.version]
    ).fetchone()
    if found:
        return found[0]
    row = store.save(
        "template",
        {
            "id": template_id(template.name, template.version),
            "name": template.name,
            "version": template.version,
            "published_at": published_at,
            "body": json.dumps(body, ensure_ascii=False),
        },
        outbox=not shipped,
    )
    return row["id"]


@lru_cache(maxsize=32)
def _parse(body: str) -> Template:
    return parse_template(json.loads(body))


def load_template(store: Store, template_id: str) -> Template:
    row = store.db.execute("SELECT body FROM template WHERE id = ?", [template_id]).fetchone()
    if row is None:
        raise KeyError(f"no template {template_id}")
    return _parse(row[0])


def templates(store: Store, *, current_only: bool = True) -> list[dict[str, Any]]:
    """Template versions, each name's newest first: by default only the ones a new inspection
    may use (not retired); every version with `current_only=False`."""
    where = "WHERE retired_at IS NULL " if current_only else ""
    return store.rows(
        f"SELECT id, name, version, retired_at FROM template {where}ORDER BY name, version DESC"
    )


def zones(store: Store, *, active_only: bool = True) -> list[dict[str, Any]]:
    """The zones (with their unit's name); `active_only`: those a new inspection may be made
    in, neither retired nor of a retired unit (records made before still show theirs)."""
    where = "WHERE z.active = 1 AND u.active = 1" if active_only else ""
    return store.rows(
        "SELECT z.id, z.name, z.kind, z.unit_id, z.chief_name, z.chief_phone, u.name AS unit_name "
        f"FROM zone z JOIN unit u ON u.id = z.unit_id {where} ORDER BY z.name"
    )


def units(store: Store) -> list[dict[str, Any]]:
    return store.rows("SELECT id, name, kind, parent_id FROM unit ORDER BY name")


def people(store: Store) -> list[dict[str, Any]]:
    return store.rows("SELECT id, name, phone, role FROM person ORDER BY name")


def people_with_role(store: Store, role: str) -> list[dict[str, Any]]:
    """The people of one role ('inspector', 'reviewer', 'admin'), in the order recorded."""
    return store.rows(
        "SELECT id, name, phone, role FROM person WHERE role = ? ORDER BY rowid", [role]
    )


def local_person_id(store: Store) -> str | None:
    """The person using this laptop (before a server exists, a local person)."""
    return store.meta("local_person_id")


def local_role(store: Store) -> str | None:
    """The laptop user's role ('inspector', 'reviewer', 'admin'), None before one is known."""
    person_id = local_person_id(store)
    row = store.row("person", person_id) if person_id else None
    return row["role"] if row else None


def set_local_person(store: Store, name: str, phone: str | None = None) -> str:
    """Make (or rename) the local user's person row and remember it as this device's user."""
    with store.transaction():
        current = local_person_id(store)
        row: dict[str, Any] = {"name": name, "phone": phone, "role": "inspector"}
        if current:
            row["id"] = current
        saved = store.save("person", row)
        store.set_meta("local_person_id", saved["id"])
    return saved["id"]
