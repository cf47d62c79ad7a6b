"""Rows as the server sent them, written with plain SQL: never through Store.save, so never into
the outbox (local_db/sync_state.py applies pulls with them, local_db/conflicts.py a winner)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from local_db.store import Store


def columns(store: Store, entity: str) -> list[str]:
    return [r[1] for r in store.db.execute(f"PRAGMA table_info({entity})")]


def upsert(store: Store, entity: str, row: Mapping[str, Any], columns: list[str]) -> None:
    values = {k: v for k, v in row.items() if k in columns}
    names = ", ".join(values)
    marks = ", ".join("?" for _ in values)
    sets = ", ".join(f"{k} = excluded.{k}" for k in values if k != "id")
    store.db.execute(
        f"INSERT INTO {entity} ({names}) VALUES ({marks}) ON CONFLICT(id) DO UPDATE SET {sets}",
        list(values.values()),
    )
