"""Photos of an inspection in the store: attach, remove, list. Blobs live outside (app/photos).

A photo row points at its original by SHA-256; the original itself is never deleted here.
Each function writes in one transaction; the outbox gets the changed row with it.
"""

from __future__ import annotations

import re
import sqlite3
from types import EllipsisType
from typing import Any

from domain.clock import now_iso
from local_db.inspections import require_draft
from local_db.store import Store

ROLES = ("evidence", "before", "after")

# What the import knows about a photo; the owner, role and bookkeeping come from elsewhere.
META_FIELDS = frozenset(
    {
        "sha256",
        "byte_size",
        "original_name",
        "format",
        "width",
        "height",
        "orientation",
        "taken_at_raw",
        "taken_at",
        "taken_at_source",
        "gps_lat",
        "gps_lon",
        "camera",
        "caption",
        "media_type",
        "duration_ms",
        "codec",
        "source_photo_id",
        "source_offset_ms",
        "imported_at",
    }
)
_SHA256 = re.compile(r"[0-9a-f]{64}")


def _existing(
    store: Store, inspection_id: str, finding_id: str | None, sha256: str
) -> dict[str, Any] | None:
    rows = store.rows(
        "SELECT * FROM photo WHERE inspection_id = ? AND finding_id IS ? AND sha256 = ? "
        "AND rectification_id IS NULL AND recheck_id IS NULL",
        [inspection_id, finding_id, sha256],
    )
    return rows[0] if rows else None


def _checked_meta(meta: dict[str, Any]) -> dict[str, Any]:
    unknown = set(meta) - META_FIELDS
    if unknown:
        raise ValueError(f"not photo metadata: {sorted(unknown)}")
    sha256 = meta.get("sha256")
    if not isinstance(sha256, str) or not _SHA256.fullmatch(sha256):
        raise ValueError(f"not a SHA-256 in lower-case hex: {sha256!r}")
    size = meta.get("byte_size")
    if not isinstance(size, int) or isinstance(size, bool) or size < 0:
        raise ValueError(f"byte_size must be a whole number of bytes: {size!r}")
    name = meta.get("original_name")
    if not isinstance(name, str) or not name.strip():
        raise ValueError("a photo needs its original file name")
    return dict(meta)


def attach_photo(
    store: Store,
    meta: dict[str, Any],
    *,
    inspection_id: str,
    finding_id: str | None = None,
    role: str = "evidence",
) -> tuple[dict[str, Any], bool]:
    """Attach a stored original to a draft inspection (or one of its findings).

    Returns (row, created). The same original already on that owner returns its row and False.
    Raises InspectionLocked for a submitted inspection, KeyError for an unknown one, ValueError
    for a finding of another inspection or bad metadata.
    """
    if role not in ROLES:
        raise ValueError(f"unknown photo role {role!r}")
    row = _checked_meta(meta)
    try:
        with store.transaction():
            require_draft(store, inspection_id)
            if finding_id is not None:
                finding = store.row("finding", finding_id)
                if finding is None or finding["inspection_id"] != inspection_id:
                    raise ValueError(f"finding {finding_id} is not part of {inspection_id}")
            found = _existing(store, inspection_id, finding_id, row["sha256"])
            if found is not None:
                return found, False
            row.setdefault("imported_at", now_iso())
            row.update(inspection_id=inspection_id, finding_id=finding_id, role=role)
            saved = store.save("photo", row)
            store.audit(None, "photo", saved["id"], "attached", saved["sha256"])
            return saved, True
    except sqlite3.IntegrityError:
        # Another connection attached the same original in between: the unique index held.
        found = _existing(store, inspection_id, finding_id, row["sha256"])
        if found is None:
            raise
        return found, False


def remove_photo(store: Store, photo_id: str) -> None:
    """Detach a photo (and its markup) from a draft. The original blob is kept."""
    with store.transaction():
        photo = store.row("photo", photo_id)
        if photo is None:
            raise KeyError(f"no photo {photo_id}")
        if photo["inspection_id"] is not None:
            require_draft(store, photo["inspection_id"])
        for note in store.rows("SELECT id FROM annotation WHERE photo_id = ?", [photo_id]):
            store.delete("annotation", note["id"])
        for duty in store.rows("SELECT id FROM duty_check WHERE photo_id = ?", [photo_id]):
            store.save("duty_check", {"id": duty["id"], "photo_id": None})  # the check stays
        store.delete("photo", photo_id)
        store.audit(None, "photo", photo_id, "removed", photo["sha256"])


def photos_of(
    store: Store, inspection_id: str, finding_id: str | EllipsisType | None = ...
) -> list[dict[str, Any]]:
    """Photos of an inspection: all of them (finding_id omitted), only those of the inspection as
    a whole (None), or those of one finding. In time taken, then time imported; photos without
    a time taken come last."""
    sql = "SELECT * FROM photo WHERE inspection_id = ?"
    params: list[Any] = [inspection_id]
    if finding_id is not ...:
        sql += " AND finding_id IS ?"
        params.append(finding_id)
    sql += " ORDER BY taken_at IS NULL, taken_at, imported_at, id"
    return store.rows(sql, params)


def is_referenced(store: Store, sha256: str) -> bool:
    """Whether any photo row (of any owner) points at this original."""
    found = store.db.execute("SELECT 1 FROM photo WHERE sha256 = ? LIMIT 1", [sha256]).fetchone()
    return found is not None
