"""The office's settings record (domain/org_settings.py) from the command line: `ducha-server org
show` and `org set FILE.json` (issue 16). The client's admins edit the same record in its
dialog (app/shell/org_dialog.py) and push it; here the server writes it itself (server/seed.py
Seeder: the row and its change_log entry, so laptops receive it at their next pull), checked
against the contract's OrgSettingsRow, audited (`org_set`, the fields changed)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from pydantic import ValidationError

from domain.clock import now_iso
from domain.contract import error_reasons
from domain.contract.rows import OrgSettingsRow
from domain.org_settings import ORG_SETTINGS_ID, from_office, to_fields
from server import audit
from server.errors import ApiError
from server.seed import Seeder, new_row
from server.settings import Settings

BOOKKEEPING = ("id", "created_at", "updated_at", "device_id", "rev")
EDITABLE = tuple(f for f in OrgSettingsRow.model_fields if f not in (*BOOKKEEPING, "updated_by"))


def org_settings(conn: sa.Connection, settings: Settings) -> dict[str, Any]:
    """The record's fields (the defaults, with the server's zone, while none is held)."""
    stored = Seeder(conn, settings).push.get("org_settings", ORG_SETTINGS_ID)
    if stored is None:
        return {**to_fields(from_office({}, settings.office_zone)), "held": False}
    return {k: v for k, v in stored.row.items() if k not in BOOKKEEPING} | {"held": True}


def set_org_settings(
    conn: sa.Connection, settings: Settings, changes: Any, actor: dict[str, Any]
) -> dict[str, Any]:
    """Apply `changes` (a JSON object of the record's fields, any subset) to the record, or to
    the defaults when none is held; the record after. 422 naming the fields that are wrong."""
    if not isinstance(changes, dict):
        raise ApiError(422, "invalid", "the file holds a JSON object of settings fields")
    unknown = sorted(set(changes) - set(EDITABLE))
    if unknown:
        raise ApiError(
            422, "invalid", f"unknown fields: {', '.join(unknown)} (known: {', '.join(EDITABLE)})"
        )
    seeder = Seeder(conn, settings)
    stored = seeder.push.get("org_settings", ORG_SETTINGS_ID)
    if stored is None:
        row = new_row(id=ORG_SETTINGS_ID, **to_fields(from_office({}, settings.office_zone)))
        row["updated_by"] = None
    else:
        row = dict(stored.row)
        row.update(updated_at=now_iso(), device_id="server", rev=int(row["rev"]) + 1)
    changed = sorted(k for k, v in changes.items() if row.get(k) != v)
    row.update(changes)
    row["updated_by"] = None  # the server's own write: no laptop user
    try:
        OrgSettingsRow.model_validate(row)
    except ValidationError as error:
        reasons = error_reasons(error.errors(include_url=False, include_input=False), limit=10)
        raise ApiError(422, "invalid", reasons) from None
    if stored is not None and not changed:
        return org_settings(conn, settings)
    seeder.push.write("org_settings", row, None, exists=stored is not None)
    audit.record(
        conn,
        "org_set",
        entity="org_settings",
        entity_id=ORG_SETTINGS_ID,
        detail={"fields": ",".join(changed)},
        **actor,
    )
    return org_settings(conn, settings)
