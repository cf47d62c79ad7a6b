"""The server's receipt time of synced rows, kept beside the device's own times
(docs/architecture.md, "Evidence rules": the server stamps its own receipt time beside the device's
times).

A pulled change carries `received_at`, the server's clock when the row arrived. It is kept for
the version of the row this store holds. The device that wrote the row stamped `updated_at` with
its own clock before sending it, so `updated_at` can never truly be later than the receipt: when
it is, the device's clock was ahead by at least that much (`clock_skew_seconds` > 0). A negative
figure only says how long the row waited to be sent (offline work); it proves nothing about the
clock. A push answer's `clock_skew_seconds` (the server's own figure) may be recorded too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from domain.clock import from_iso
from domain.wire import ENTITIES
from local_db.store import Store

SKEW_TOLERANCE_SECONDS = 600  # the server's own threshold (server/settings.py clock_skew_seconds)


@dataclass(frozen=True)
class Receipt:
    received_at: str  # UTC ISO, the server's clock
    clock_skew_seconds: float | None  # the sender's clock minus the server's, when known

    @property
    def clock_ahead(self) -> bool:
        """The sending device's clock was ahead of the server's beyond the tolerance."""
        return (
            self.clock_skew_seconds is not None and self.clock_skew_seconds > SKEW_TOLERANCE_SECONDS
        )


def _seconds_between(later: str, earlier: str) -> float | None:
    try:
        return round((from_iso(later) - from_iso(earlier)).total_seconds(), 3)
    except (TypeError, ValueError):
        return None


def _upsert(store: Store, entity: str, entity_id: str, at: str, skew: float | None) -> None:
    store.db.execute(
        "INSERT INTO receipt(entity, entity_id, received_at, clock_skew_seconds) "
        "VALUES (?, ?, ?, ?) ON CONFLICT(entity, entity_id) DO UPDATE SET "
        "received_at = excluded.received_at, clock_skew_seconds = excluded.clock_skew_seconds",
        [entity, entity_id, at, skew],
    )


def record_pulled(store: Store, changes: Iterable[Mapping[str, Any]]) -> int:
    """Keep the receipt of each pulled upsert whose version is the one the store now holds
    (a pulled row that lost to a local edit is not); a pulled delete drops the receipt.
    Runs inside the caller's transaction (apply_pulled). Returns how many were kept."""
    kept = 0
    for change in changes:
        entity, entity_id = change.get("entity"), change.get("id")
        if entity not in ENTITIES or not isinstance(entity_id, str):
            continue
        if change.get("op") == "delete":
            store.db.execute(
                "DELETE FROM receipt WHERE entity = ? AND entity_id = ?", [entity, entity_id]
            )
            continue
        received = change.get("received_at")
        row = change.get("row")
        if not isinstance(received, str) or not isinstance(row, Mapping):
            continue
        held = store.db.execute(
            f"SELECT rev, updated_at, device_id FROM {entity} WHERE id = ?", [entity_id]
        ).fetchone()
        if held is None or tuple(held) != (
            row.get("rev"),
            row.get("updated_at"),
            row.get("device_id"),
        ):
            continue
        _upsert(
            store, entity, entity_id, received, _seconds_between(str(row["updated_at"]), received)
        )
        kept += 1
    return kept


def record_pushed(
    store: Store,
    rows: Iterable[tuple[str, str]],
    server_time: str,
    clock_skew_seconds: float | None,
) -> None:
    """Keep the server's answer to a push of (entity, id) rows: its time and reported skew.
    (The next pull brings each row's exact receipt time, which then replaces this.)"""
    with store.transaction():
        for entity, entity_id in rows:
            _upsert(store, entity, entity_id, server_time, clock_skew_seconds)


def receipt_of(store: Store, entity: str, entity_id: str) -> Receipt | None:
    found = store.db.execute(
        "SELECT received_at, clock_skew_seconds FROM receipt WHERE entity = ? AND entity_id = ?",
        [entity, entity_id],
    ).fetchone()
    return None if found is None else Receipt(found[0], found[1])
