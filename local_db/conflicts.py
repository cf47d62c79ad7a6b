"""Losing versions of concurrent edits, kept in `conflict` (local_db/sync_state.py) — shown to a
person, never dropped: which row, when, and what the losing version said that the kept one
does not."""

from __future__ import annotations

import json
from typing import Any

from domain.wire import BOOKKEEPING
from local_db.store import Store


def conflicts(store: Store) -> list[dict[str, Any]]:
    """Newest first: entity, entity_id, at, losing (the row as it lost) and differences
    ({field: (losing value, kept value)}; the kept row may be absent)."""
    found = []
    for row in store.rows("SELECT * FROM conflict ORDER BY at DESC, id DESC"):
        try:
            losing = json.loads(row["losing_row"])
        except ValueError:
            losing = {"_unreadable": row["losing_row"]}
        kept = store.row(row["entity"], row["entity_id"]) if _known(store, row["entity"]) else None
        skip = {*BOOKKEEPING, "_op", "id"}
        differences = {
            k: (v, kept.get(k) if kept else None)
            for k, v in losing.items()
            if k not in skip and (kept is None or kept.get(k) != v)
        }
        found.append({**row, "losing": losing, "kept": kept, "differences": differences})
    return found


def _known(store: Store, entity: str) -> bool:
    return bool(
        store.db.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [entity]
        ).fetchone()
    )
