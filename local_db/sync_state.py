"""The store's side of sync (DESIGN.md, "Sync"): what to push next, what the server confirmed, what
it refused, and applying what it sent. No HTTP here (app/sync/ talks to the server), no Qt.

- Batches are contiguous outbox ranges of pending rows in seq order, coalesced to the latest
  snapshot per (entity, id), sent parents first (domain.wire.ENTITIES), at most BATCH_LIMIT.
- A batch in flight is remembered in `meta`, so a retry after a lost answer sends the same range
  under the same batch id, whatever was written meanwhile.
- Only accepted changes are marked sent. A refused change stays pending, held back from later
  batches (`outbox.rejected`), with its reason in `sync_rejection` until a push of that row is
  accepted; `retry_rejected` queues it again.
- Pulled changes are written with plain SQL, never through Store.save: they never enter the
  outbox. A page (or a group of pages) is applied in one transaction together with the cursor.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from domain.clock import now_iso
from domain.contract import invalid_pulled
from domain.ids import new_id
from domain.wire import BATCH_LIMIT, ENTITIES, batch_id, entity_order, wins
from local_db import receipts
from local_db.inspections import digest_of
from local_db.store import Store, StoreError

CURSOR = "sync_cursor"
LAST_SYNC = "sync_last_at"
LAST_ERROR = "sync_last_error"
INFLIGHT = "sync_inflight"


class PullIncomplete(StoreError):
    """Applying these changes alone leaves a dangling reference or a submitted inspection whose
    content does not yet match its digest: nothing was written; apply them with the next page."""


class PullInconsistent(StoreError):
    """The server's changes reference rows it never sent; nothing was written."""


# -- pushing -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Batch:
    first_seq: int
    last_seq: int
    changes: list[dict[str, Any]]  # {entity, id, op, row}, parents first

    def batch_id(self, device_id: str) -> str:
        return batch_id(device_id, self.first_seq, self.last_seq)


def _pending_rows(store: Store, where: str = "", params: Sequence[Any] = ()) -> Iterable[tuple]:
    return store.db.execute(
        "SELECT seq, entity, entity_id, op, row FROM outbox "
        f"WHERE state = 'pending' AND rejected = 0 {where} ORDER BY seq",
        list(params),
    )


def _coalesce(rows: Iterable[tuple], limit: int) -> Batch | None:
    latest: dict[tuple[str, str], dict[str, Any]] = {}
    first = last = None
    for seq, entity, entity_id, op, row in rows:
        key = (entity, entity_id)
        if key not in latest and len(latest) >= limit:
            break
        latest.pop(key, None)  # the latest snapshot wins
        latest[key] = {"entity": entity, "id": entity_id, "op": op, "row": json.loads(row)}
        first = seq if first is None else first
        last = seq
    if first is None or last is None:
        return None
    changes = list(latest.values())
    upserts = sorted(
        (c for c in changes if c["op"] == "upsert"), key=lambda c: entity_order(c["entity"])
    )
    deletes = sorted(
        (c for c in changes if c["op"] == "delete"), key=lambda c: -entity_order(c["entity"])
    )
    return Batch(first, last, upserts + deletes)


def next_batch(store: Store, limit: int = BATCH_LIMIT) -> Batch | None:
    """The next batch to push (the one in flight first, unchanged), or None when all is sent."""
    inflight = store.meta(INFLIGHT)
    if inflight:
        first, last = (int(n) for n in inflight.split("-"))
        batch = _coalesce(_pending_rows(store, "AND seq BETWEEN ? AND ?", [first, last]), 10**9)
        if batch is not None:
            return Batch(first, last, batch.changes)
        with store.transaction():
            store.db.execute("DELETE FROM meta WHERE key = ?", [INFLIGHT])
    return _coalesce(_pending_rows(store), limit)


def begin_push(store: Store, batch: Batch) -> None:
    """Remember the batch before it leaves, so a retry after a lost answer resends the same."""
    with store.transaction():
        store.set_meta(INFLIGHT, f"{batch.first_seq}-{batch.last_seq}")


@dataclass
class Marked:
    accepted: int = 0
    rejected: int = 0
    numbers: dict[str, str] = field(default_factory=dict)  # notice id -> official number


_ACCEPTED = (
    "UPDATE outbox SET state = 'sent', rejected = 0 WHERE entity = ? AND entity_id = ? "
    "AND state = 'pending' AND seq <= ?"
)
_CLEARED = "DELETE FROM sync_rejection WHERE entity = ? AND entity_id = ?"
_HELD = (
    "UPDATE outbox SET rejected = 1 WHERE entity = ? AND entity_id = ? "
    "AND state = 'pending' AND seq <= ?"
)
_REFUSED = (
    "INSERT INTO sync_rejection(entity, entity_id, reason, at) VALUES (?, ?, ?, ?)"
    " ON CONFLICT(entity, entity_id) DO UPDATE SET reason = excluded.reason, at = excluded.at"
)


def mark_sent(store: Store, up_to_seq: int, results: Iterable[Mapping[str, Any]]) -> Marked:
    """Record the server's answer to a batch that ended at `up_to_seq`.

    Accepted: every pending snapshot of that row up to the seq is sent, its rejection cleared,
    and an official notice number in the answer is written locally (not into the outbox).
    Rejected: its snapshots stay pending but held back, and the reason is kept visible.
    A result may name its entity (the engine adds it from the batch); else it is looked up.
    Consecutive results of one kind are written with one executemany per statement, in order.
    """
    marked = Marked()
    at = now_iso()
    conn = store.db.conn
    run: list[tuple[str, Mapping[str, Any]]] = []  # (entity, result), all accepted or none
    run_accepted = False

    def write_run() -> None:
        keys = [(entity, result["id"], up_to_seq) for entity, result in run]
        if run_accepted:
            conn.executemany(_ACCEPTED, keys)
            conn.executemany(_CLEARED, [key[:2] for key in keys])
            for entity, result in run:
                number = result.get("number")
                if entity == "notice" and isinstance(number, str) and number:
                    _official_number(store, result["id"], number)
                    marked.numbers[result["id"]] = number
            marked.accepted += len(run)
        else:
            conn.executemany(_HELD, keys)
            conn.executemany(
                _REFUSED,
                [
                    (
                        entity,
                        result["id"],
                        str(result.get("reason") or "refused by the server (no reason given)"),
                        at,
                    )
                    for entity, result in run
                ],
            )
            marked.rejected += len(run)
        run.clear()

    with store.transaction():
        for result in results:
            entity = result.get("entity")
            if entity is None:
                found = store.db.execute(
                    "SELECT entity FROM outbox WHERE entity_id = ? AND state = 'pending' "
                    "AND seq <= ? ORDER BY seq DESC LIMIT 1",
                    [result["id"], up_to_seq],
                ).fetchone()
                if found is None:
                    continue
                entity = found[0]
            accepted = result.get("status") == "accepted"
            if run and accepted != run_accepted:
                write_run()
            run_accepted = accepted
            run.append((entity, result))
        if run:
            write_run()
        store.db.execute("DELETE FROM meta WHERE key = ?", [INFLIGHT])
    return marked


def _official_number(store: Store, notice_id: str, number: str) -> None:
    """The server's official number replaces the provisional one, in the row and in snapshots
    still waiting to be pushed (so a later push does not send the provisional one back)."""
    store.db.execute(
        "UPDATE notice SET number = ?, number_kind = 'official' WHERE id = ?", [number, notice_id]
    )
    store.db.execute(
        "UPDATE outbox SET row = json_set(row, '$.number', ?, '$.number_kind', 'official') "
        "WHERE entity = 'notice' AND entity_id = ? AND state = 'pending'",
        [number, notice_id],
    )


def rejections(store: Store) -> list[dict[str, Any]]:
    """Refused changes, newest first: entity, entity_id, reason, at."""
    return store.rows("SELECT * FROM sync_rejection ORDER BY at DESC, entity, entity_id")


def retry_rejected(store: Store) -> int:
    """Queue every refused row again (its latest snapshot, under a new seq); returns how many."""
    with store.transaction():
        held = store.rows(
            "SELECT entity, entity_id, op, row FROM outbox o WHERE state = 'pending' "
            "AND rejected = 1 AND seq = (SELECT max(seq) FROM outbox WHERE entity = o.entity "
            "AND entity_id = o.entity_id AND state = 'pending') ORDER BY seq"
        )
        for h in held:
            store.db.execute(
                "INSERT INTO outbox(entity, entity_id, op, row, at) VALUES (?, ?, ?, ?, ?)",
                [h["entity"], h["entity_id"], h["op"], h["row"], now_iso()],
            )
    return len(held)


# -- blobs ---------------------------------------------------------------------------------------
def unconfirmed_blobs(store: Store) -> list[tuple[str, int, str]]:
    """(sha256, byte_size, original_name) of originals the server has not confirmed: those of
    photo rows, and of photo snapshots still waiting in the outbox (the row may be gone since).
    In the order the push needs them (by their first pending outbox snapshot), then the rest."""
    return [
        (r[0], r[1], r[2])
        for r in store.db.execute(
            "SELECT sha256, max(byte_size), min(original_name) FROM ("
            " SELECT sha256, byte_size, original_name, NULL AS seq FROM photo UNION ALL"
            " SELECT json_extract(row, '$.sha256'), json_extract(row, '$.byte_size'),"
            "  json_extract(row, '$.original_name'), seq FROM outbox"
            "  WHERE entity = 'photo' AND op = 'upsert' AND state = 'pending')"
            " WHERE sha256 NOT IN (SELECT sha256 FROM sync_blob) GROUP BY sha256"
            " ORDER BY min(seq) IS NULL, min(seq), sha256"
        )
    ]


def confirm_blobs(store: Store, shas: Iterable[str]) -> None:
    with store.transaction():
        now = now_iso()
        store.db.conn.executemany(
            "INSERT OR IGNORE INTO sync_blob(sha256, confirmed_at) VALUES (?, ?)",
            [(sha, now) for sha in shas],
        )


def blob_confirmed(store: Store, sha256: str) -> bool:
    found = store.db.execute("SELECT 1 FROM sync_blob WHERE sha256 = ?", [sha256]).fetchone()
    return found is not None


# -- pulling -------------------------------------------------------------------------------------
@dataclass
class Applied:
    applied: int = 0
    unchanged: int = 0
    conflicts: int = 0
    digest_mismatch: list[str] = field(default_factory=list)  # inspections locked regardless
    invalid: int = 0  # changes that break the contract (and rows naming them): skipped


def cursor(store: Store) -> int:
    return int(store.meta(CURSOR) or 0)


def _columns(store: Store, entity: str) -> list[str]:
    return [r[1] for r in store.db.execute(f"PRAGMA table_info({entity})")]


def _record_conflict(store: Store, entity: str, entity_id: str, losing: Mapping[str, Any]) -> None:
    store.db.execute(
        "INSERT INTO conflict(id, entity, entity_id, losing_row, at) VALUES (?, ?, ?, ?, ?)",
        [new_id(), entity, entity_id, json.dumps(dict(losing), ensure_ascii=False), now_iso()],
    )


def _has_pending(store: Store, entity: str, entity_id: str) -> dict[str, Any] | None:
    """The latest pending local snapshot of the row, if it has unsent edits."""
    found = store.db.execute(
        "SELECT op, row FROM outbox WHERE entity = ? AND entity_id = ? AND state = 'pending' "
        "ORDER BY seq DESC LIMIT 1",
        [entity, entity_id],
    ).fetchone()
    return None if found is None else {"op": found[0], "row": json.loads(found[1])}


def _is_echo(store: Store, entity: str, entity_id: str, row: Mapping[str, Any]) -> bool:
    """Is the pulled row one of our own snapshots coming back (not a concurrent edit)?"""
    return (
        store.db.execute(
            "SELECT 1 FROM outbox WHERE entity = ? AND entity_id = ? "
            "AND json_extract(row, '$.rev') = ? AND json_extract(row, '$.device_id') = ? "
            "AND json_extract(row, '$.updated_at') = ? LIMIT 1",
            [entity, entity_id, row.get("rev"), row.get("device_id"), row.get("updated_at")],
        ).fetchone()
        is not None
    )


def _same(local: Mapping[str, Any], pulled: Mapping[str, Any]) -> bool:
    return all(local.get(k) == v for k, v in pulled.items() if k in local)


def _upsert(store: Store, entity: str, row: Mapping[str, Any], columns: list[str]) -> None:
    values = {k: v for k, v in row.items() if k in columns}
    names = ", ".join(values)
    marks = ", ".join("?" for _ in values)
    sets = ", ".join(f"{k} = excluded.{k}" for k in values if k != "id")
    store.db.execute(
        f"INSERT INTO {entity} ({names}) VALUES ({marks}) ON CONFLICT(id) DO UPDATE SET {sets}",
        list(values.values()),
    )


def _keep_valid(changes: list[Any], result: Applied) -> list[Any]:
    """The pulled changes that keep the contract (domain.contract). Any other is skipped and
    counted, never applied nor raised: so is every change of a row it names (parents first),
    which would dangle here without it."""
    bad = invalid_pulled(changes)
    if not bad:
        return changes
    skipped = {c.get("id") for i, c in enumerate(changes) if i in bad and isinstance(c, dict)}
    kept = []
    for i in sorted(
        set(range(len(changes))) - set(bad), key=lambda i: entity_order(changes[i]["entity"])
    ):
        change = changes[i]
        named = (v for v in change["row"].values() if isinstance(v, str))
        if change["id"] in skipped or (change["op"] == "upsert" and not skipped.isdisjoint(named)):
            skipped.add(change["id"])
            continue
        kept.append(change)
    result.invalid = len(changes) - len(kept)
    return kept


def _latest_per_row(changes: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    latest: dict[tuple[str, str], dict[str, Any]] = {}
    for c in sorted(changes, key=lambda c: c.get("seq", 0)):
        if c.get("entity") not in ENTITIES or c.get("op") not in ("upsert", "delete"):
            raise PullInconsistent(f"the server sent a malformed change: {dict(c)!r:.200}")
        latest[(c["entity"], c["id"])] = dict(c)
    values = list(latest.values())
    deletes = sorted(
        (c for c in values if c["op"] == "delete"), key=lambda c: -entity_order(c["entity"])
    )
    upserts = sorted(
        (c for c in values if c["op"] == "upsert"), key=lambda c: entity_order(c["entity"])
    )
    return deletes + upserts


def apply_pulled(
    store: Store,
    changes: Iterable[Mapping[str, Any]],
    *,
    new_cursor: int | None = None,
    final: bool = True,
) -> Applied:
    """Write the server's changes (and the new cursor) in one transaction, never into the outbox.

    Deletes go children first, upserts parents first; foreign keys are checked at the end, so a
    page may hold a child before its parent. A submitted inspection is written as a draft, its
    findings, inspectors and photos after it, and locked last (the store's triggers refuse
    children of a submitted inspection). A row with unsent local edits is a conflict: the winner
    (domain.wire.wins) stays, the loser goes to `conflict`. A pulled row the store refuses (a
    change to something locked here, a duplicate name) is kept in `conflict` too.

    With `final=False` (more pages follow), changes that leave a dangling reference or an
    inspection whose content does not match its digest yet raise PullIncomplete: apply them
    again together with the next page.
    """
    result = Applied()
    ordered = _latest_per_row(_keep_valid(list(changes), result))
    with store.transaction():
        store.db.execute("PRAGMA defer_foreign_keys = ON")
        to_lock: list[dict[str, Any]] = []
        touched: set[str] = set()
        columns_of: dict[str, list[str]] = {}
        for change in ordered:
            entity, entity_id, op = change["entity"], change["id"], change["op"]
            row = dict(change.get("row") or {})
            if op == "upsert" and row.get("id") != entity_id:
                raise PullInconsistent(f"{entity} {entity_id}: the row's id differs")
            if entity not in columns_of:
                columns_of[entity] = _columns(store, entity)
            columns = columns_of[entity]
            local = store.row(entity, entity_id)
            if local is not None and op == "upsert" and _same(local, row):
                result.unchanged += 1
                if entity == "photo":
                    _confirm_pulled_blob(store, row)
                continue
            if op == "delete" and local is None:
                result.unchanged += 1
                continue
            pending = _has_pending(store, entity, entity_id)
            if pending is None and local is not None and "rev" in row and wins(local, row):
                # An older snapshot the log still holds (ours, sent in an earlier batch, or
                # superseded since): the local row is newer, nothing to apply, no conflict.
                result.unchanged += 1
                continue
            if pending is not None:
                mine = local if local is not None else pending["row"]
                if "rev" in row:
                    if _is_echo(store, entity, entity_id, row):
                        result.unchanged += 1  # our own older snapshot: the local edit is newer
                        continue
                    if wins(mine, row):
                        _record_conflict(store, entity, entity_id, {**row, "_op": op})
                        result.conflicts += 1
                        continue
                # theirs wins (a bare delete from the server too): ours is kept as the loser
                _record_conflict(store, entity, entity_id, {**mine, "_op": pending["op"]})
                result.conflicts += 1
            lock = (
                entity == "inspection"
                and op == "upsert"
                and row.get("status") == "submitted"
                and (local is None or local["status"] != "submitted")
            )
            try:
                with store.db.atomic():  # a savepoint: a refused row undoes only itself
                    if op == "delete":
                        store.db.execute(f"DELETE FROM {entity} WHERE id = ?", [entity_id])
                    else:
                        _upsert(store, entity, {**row, "status": "draft"} if lock else row, columns)
            except sqlite3.IntegrityError as error:
                _record_conflict(
                    store, entity, entity_id, {**row, "_op": op, "_refused": str(error)}
                )
                result.conflicts += 1
                continue
            if lock:
                to_lock.append(row)
            if entity == "photo" and op == "upsert":
                _confirm_pulled_blob(store, row)
            touched.update(ENTITIES if op == "delete" else (entity,))
            result.applied += 1
        _check_references(store, touched, final)
        for row in to_lock:
            if row.get("digest") and digest_of(store, row["id"]) != row["digest"]:
                if not final:
                    raise PullIncomplete(
                        f"submitted inspection {row['id']}: its content has not all arrived"
                    )
                result.digest_mismatch.append(row["id"])
            store.db.execute("UPDATE inspection SET status = 'submitted' WHERE id = ?", [row["id"]])
        receipts.record_pulled(store, ordered)  # the server's receipt times (0005_receipts)
        if new_cursor is not None:
            store.set_meta(CURSOR, str(new_cursor))
    return result


def _confirm_pulled_blob(store: Store, row: Mapping[str, Any]) -> None:
    """A photo the server sent: it holds the original (it accepts photos only after blobs)."""
    sha = row.get("sha256")
    if isinstance(sha, str):
        store.db.execute(
            "INSERT OR IGNORE INTO sync_blob(sha256, confirmed_at) VALUES (?, ?)", [sha, now_iso()]
        )


def _check_references(store: Store, touched: set[str], final: bool) -> None:
    dangling = []
    for entity in sorted(touched, key=entity_order):
        dangling += store.db.execute(f"PRAGMA foreign_key_check({entity})").fetchall()
    if not dangling:
        return
    table, rowid, parent, _ = dangling[0]
    found = store.db.execute(f"SELECT id FROM {table} WHERE rowid = ?", [rowid]).fetchone()
    what = f"{table} {found[0] if found else rowid} refers to a {parent} that was not sent"
    if not final:
        raise PullIncomplete(what)
    raise PullInconsistent(f"the server's changes are inconsistent: {what} (nothing was applied)")


# -- status --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class SyncStatus:
    pending_changes: int  # rows with unsent edits (refused ones not counted)
    pending_photos: int  # originals the server has not confirmed
    rejected: int  # rows the server refused, see rejections()
    conflicts: int  # losing versions kept in `conflict`
    last_sync: str | None  # UTC ISO time of the last complete sync
    last_error: str | None  # why the last sync stopped, None after a success


def sync_status(store: Store) -> SyncStatus:
    one = store.db.execute
    return SyncStatus(
        pending_changes=one(
            "SELECT count(*) FROM (SELECT DISTINCT entity, entity_id FROM outbox "
            "WHERE state = 'pending' AND rejected = 0)"
        ).fetchone()[0],
        pending_photos=one(
            "SELECT count(DISTINCT sha256) FROM photo "
            "WHERE sha256 NOT IN (SELECT sha256 FROM sync_blob)"
        ).fetchone()[0],
        rejected=one("SELECT count(*) FROM sync_rejection").fetchone()[0],
        conflicts=one("SELECT count(*) FROM conflict").fetchone()[0],
        last_sync=store.meta(LAST_SYNC),
        last_error=store.meta(LAST_ERROR),
    )


def record_success(store: Store) -> None:
    with store.transaction():
        store.set_meta(LAST_SYNC, now_iso())
        store.db.execute("DELETE FROM meta WHERE key = ?", [LAST_ERROR])


def record_error(store: Store, message: str) -> None:
    with store.transaction():
        store.set_meta(LAST_ERROR, message)
