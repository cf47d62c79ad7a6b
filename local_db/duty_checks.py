"""马路办公 duty checks in the store (domain/duty.py): one per inspection of a road segment,
written like a finding — in one transaction with its outbox change, only while the inspection
is a draft (local_db/inspections.py require_draft; the store's triggers refuse it after submit).
"""

from __future__ import annotations

from typing import Any

from domain.clock import now_iso
from domain.duty import ENTITY, applies_to, is_status, next_status
from local_db.inspections import require_draft
from local_db.store import Store, StoreError


class NotARoadSegment(StoreError):
    """Duty checks are recorded on inspections of road segments only."""


class NotThisInspectionsPhoto(StoreError):
    """A duty check's photo is one of its own inspection's photos."""


def duty_check(store: Store, inspection_id: str) -> dict[str, Any] | None:
    """The inspection's duty check, or None when nothing was recorded."""
    found = store.rows("SELECT * FROM duty_check WHERE inspection_id = ?", [inspection_id])
    return found[0] if found else None


def record_duty(
    store: Store,
    inspection_id: str,
    status: str,
    *,
    note: str | None = None,
    actor: str | None = None,
    at: str | None = None,
) -> dict[str, Any]:
    """Set the road chief's duty status on a draft of a road segment (creating its check, with
    the zone's chief as recorded now, or changing it: checked_at is the time of this record,
    now unless `at` says when it was seen)."""
    if not is_status(status):
        raise ValueError(f"unknown duty status {status!r}")
    with store.transaction():
        inspection = require_draft(store, inspection_id)
        zone = store.row("zone", inspection["zone_id"])
        if zone is None or not applies_to(zone.get("kind")):
            raise NotARoadSegment("duty checks are for inspections of road segments")
        held = duty_check(store, inspection_id)
        row: dict[str, Any] = {
            "inspection_id": inspection_id,
            "zone_id": inspection["zone_id"],
            "status": status,
            "checked_at": at or now_iso(),
        }
        if held is None:
            row["chief_name"] = zone.get("chief_name") or None
        else:
            row["id"] = held["id"]
        if note is not None:
            row["note"] = note.strip()
        saved = store.save(ENTITY, row)
        store.audit(actor, ENTITY, saved["id"], status)
    return saved


def cycle_duty(store: Store, inspection_id: str, *, actor: str | None = None) -> dict[str, Any]:
    """The editor's one key: 在岗 → 不在岗 → 未核实 → 在岗 (none yet: 在岗)."""
    held = duty_check(store, inspection_id)
    return record_duty(
        store, inspection_id, next_status(held["status"] if held else None), actor=actor
    )


def set_duty_photo(
    store: Store, inspection_id: str, photo_id: str | None, *, actor: str | None = None
) -> dict[str, Any]:
    """Attach one of the inspection's photos to its duty check (None: detach). A check not yet
    recorded is created 未核实 with it: a photo alone says nothing of the chief's presence."""
    with store.transaction():
        require_draft(store, inspection_id)
        if photo_id is not None:
            photo = store.row("photo", photo_id)
            if photo is None or photo.get("inspection_id") != inspection_id:
                raise NotThisInspectionsPhoto("the photo is not one of this inspection's")
        held = duty_check(store, inspection_id)
        if held is None:
            held = record_duty(store, inspection_id, "unverified", actor=actor)
        saved = store.save(ENTITY, {"id": held["id"], "photo_id": photo_id})
        store.audit(actor, ENTITY, saved["id"], "photo" if photo_id else "photo_removed")
    return saved


def copy_duty_check(
    store: Store, original_id: str, draft_id: str, photo_copies: dict[str, str]
) -> None:
    """An amendment's draft keeps the corrected inspection's duty check as it was recorded (its
    photo: the draft's copy of it)."""
    held = duty_check(store, original_id)
    if held is None:
        return
    keep = ("zone_id", "status", "chief_name", "checked_at", "note")
    row = {k: held[k] for k in keep}
    row["photo_id"] = photo_copies.get(held["photo_id"]) if held["photo_id"] else None
    store.save(ENTITY, {**row, "inspection_id": draft_id})
