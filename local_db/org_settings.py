"""The office's settings record on this laptop (domain/org_settings.py): read by every part that
needs the office's name, hours, zone, calendar, rules or titles; saved by an admin's editor and
pushed like any synced row; replaced by what the server sends."""

from __future__ import annotations

from typing import Any

from domain.org_settings import ORG_SETTINGS_ID, OrgSettings, from_row, to_fields
from local_db.store import Store


def org_settings(store: Store) -> OrgSettings:
    """The record this laptop holds, or the defaults while it holds none."""
    return from_row(store.row("org_settings", ORG_SETTINGS_ID))


def save_org_settings(
    store: Store, settings: OrgSettings, updated_by: str | None, *, outbox: bool = True
) -> dict[str, Any]:
    """Keep `settings` as the office's record, by the person `updated_by` (the server checks it
    against the token), queued for the server unless `outbox` is False (the demo's office)."""
    row = {"id": ORG_SETTINGS_ID, **to_fields(settings), "updated_by": updated_by}
    return store.save("org_settings", row, outbox=outbox)
