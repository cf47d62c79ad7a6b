"""The store's side of sync (docs/architecture.md, "Sync"): what to push next, what the server
confirmed, what it refused, and applying what it sent. No HTTP here (app/sync/ talks to the server),
no Qt.

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
import logging
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from domain.clock import now_iso
from domain.contract import invalid_pulled
from domain.sync_decision import Pending, decide
from domain.wire import BATCH_LIMIT, ENTITIES, batch_id, entity_order, wins
from local_db import conflicts, receipts
from local_db.inspections import digest_of
from local_db.pulled_rows import columns as table_columns
from local_db.pulled_rows import upsert
from local_db.quarantine import naming_set_aside, set_aside, set_aside_earlier
from local_db.quarantine import quarantined as quarantined
from local_db.store import Store, StoreError
from local_db.sync_status import SyncStatus as SyncStatus
from local_db.sync_status import last_error_detail as last_error_detail
from local_db.sync_status import last_error_words as last_error_words
from local_db.sync_status import record_error as record_error
from local_db.sync_status import record_success as record_success
from local_db.sync_status import sync_status as sync_status

log = logging.getLogger(__name__)
CURSOR = "sync_cursor"
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
    """The latest snapshot per row, each with the `base_rev` it was made on: the rev the row had
    before its first pending snapshot (an edit bumps the rev, a delete does not), so the server
    tells a concurrent edit from a successive one (domain/sync_decision.py judge_push)."""
    latest: dict[tuple[str, str], dict[str, Any]] = {}
    base: dict[tuple[str, str], int | None] = {}
    first = last = None
    for seq, entity, entity_id, op, row in rows:
        key = (entity, entity_id)
        if key not in latest and len(latest) >= limit:
            break
        snapshot = json.loads(row)
        if key not in base:
            rev = snapshot.get("rev")
            base[key] = None if not isinstance(rev, int) else rev - 1 if op == "upsert" else rev
        latest.pop(key, None)  # the latest snapshot wins
        latest[key] = {"entity": entity, "id": entity_id, "op": op, "row": snapshot}
        if base[key] is not None:
            latest[key]["base_rev"] = base[key]
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


def _range(store: Store, first: int, last: int) -> Batch | None:
    """The batch of an outbox range fixed earlier (in flight, or carried by a bundle)."""
    batch = _coalesce(_pending_rows(store, "AND seq BETWEEN ? AND ?", [first, last]), 10**9)
    return None if batch is None else Batch(first, last, batch.changes)


def _pinned(store: Store) -> list[tuple[int, int]]:
    """The outbox ranges USB-stick bundles carry, not yet answered (migration 0022)."""
    return [
        (int(first), int(last))
        for first, last in store.db.execute(
            "SELECT first_seq, last_seq FROM bundle_batch ORDER BY first_seq"
        )
    ]


def next_batch(store: Store, limit: int = BATCH_LIMIT) -> Batch | None:
    """The next batch to push (the one in flight first, unchanged; then those a bundle carries,
    unchanged), or None when all is sent."""
    inflight = store.meta(INFLIGHT)
    if inflight:
        first, last = (int(n) for n in inflight.split("-"))
        batch = _range(store, first, last)
        if batch is not None:
            return batch
        with store.transaction():
            store.db.execute("DELETE FROM meta WHERE key = ?", [INFLIGHT])
    for first, last in _pinned(store):
        batch = _range(store, first, last)
        if batch is not None:
            return batch
        with store.transaction():  # answered meanwhile: nothing of it waits any more
            store.db.execute("DELETE FROM bundle_batch WHERE first_seq = ?", [first])
    return _coalesce(_pending_rows(store), limit)


def outbox_batches(store: Store, limit: int = BATCH_LIMIT) -> list[Batch]:
    """Every batch the outbox holds, as successive online syncs would push them if all were
    accepted (same ranges, same batch ids): for a USB-stick bundle (`pin_batches`)."""
    batches: list[Batch] = []
    fixed: list[tuple[int, int]] = []
    inflight = store.meta(INFLIGHT)
    if inflight:
        first, last = (int(n) for n in inflight.split("-"))
        fixed.append((first, last))
    fixed += [r for r in _pinned(store) if r not in fixed]
    after = 0
    for first, last in sorted(fixed):
        batch = _range(store, first, last) if first > after else None
        if batch is not None:
            batches.append(batch)
            after = last
    while (batch := _coalesce(_pending_rows(store, "AND seq > ?", [after]), limit)) is not None:
        batches.append(batch)
        after = batch.last_seq
    return batches


def pin_batches(store: Store, batches: Iterable[Batch]) -> None:
    """These batches leave by USB stick: pushed online too (before their answer comes), they go
    as the same ranges under the same ids (`next_batch`)."""
    with store.transaction():
        store.db.conn.executemany(
            "INSERT OR IGNORE INTO bundle_batch(first_seq, last_seq, batch_id) VALUES (?, ?, ?)",
            [(b.first_seq, b.last_seq, b.batch_id(store.device_id)) for b in batches],
        )


def pinned_batch(store: Store, batch_id: str) -> Batch | None:
    """The batch a bundle carried under `batch_id`, as it waits now; None when it was answered
    already (online, or by an earlier answer) or holds nothing pending any more."""
    found = store.db.execute(
        "SELECT first_seq, last_seq FROM bundle_batch WHERE batch_id = ?", [batch_id]
    ).fetchone()
    return None if found is None else _range(store, int(found[0]), int(found[1]))


def begin_push(store: Store, batch: Batch) -> None:
    """Remember the batch before it leaves, so a retry after a lost answer resends the same."""
    with store.transaction():
        store.set_meta(INFLIGHT, f"{batch.first_seq}-{batch.last_seq}")


@dataclass
class Marked:
    accepted: int = 0
    rejected: int = 0
    numbers: dict[str, str] = field(default_factory=dict)  # notice id -> official number
    lost: int = 0  # changes that lost a concurrent edit (kept in `conflict`)
    reopened: list[str] = field(default_factory=list)  # refused submissions opened again


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
    "INSERT INTO sync_rejection(entity, entity_id, reason, code, at) VALUES (?, ?, ?, ?, ?)"
    " ON CONFLICT(entity, entity_id) DO UPDATE SET reason = excluded.reason,"
    " code = excluded.code, at = excluded.at"
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
            for entity, result in run:
                if result.get("lost"):  # kept before its snapshot is marked sent
                    sent = conflicts.sent_snapshot(store, entity, result["id"], up_to_seq)
                    conflicts.record_lost_push(store, entity, result, sent)
                    conflicts.take_winner(store, entity, result)
                    marked.lost += 1
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
                        str(result["code"]) if result.get("code") else None,
                        at,
                    )
                    for entity, result in run
                ],
            )
            marked.rejected += len(run)
        run.clear()

    answered: list[Mapping[str, Any]] = []
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
            answered.append({**result, "entity": entity})
            accepted = result.get("status") == "accepted"
            if run and accepted != run_accepted:
                write_run()
            run_accepted = accepted
            run.append((entity, result))
        if run:
            write_run()
        for inspection_id, reason in conflicts.refused_submissions(answered):
            if conflicts.reopen_refused(store, inspection_id, reason):
                marked.reopened.append(inspection_id)
        store.db.execute("DELETE FROM meta WHERE key = ?", [INFLIGHT])
        store.db.execute("DELETE FROM bundle_batch WHERE last_seq = ?", [up_to_seq])
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
    """Refused changes, newest first: entity, entity_id, reason (the server's text), code
    (None: stored before codes were kept), at."""
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


def sent_rows(store: Store) -> list[tuple[str, str]]:
    """(entity, id) of every row this laptop has sent and has no edit of waiting to go."""
    return [
        (r[0], r[1])
        for r in store.db.execute(
            "SELECT entity, entity_id FROM outbox GROUP BY entity, entity_id "
            "HAVING min(state = 'sent') = 1 ORDER BY min(seq)"
        )
    ]


def _won_against(snapshot: Mapping[str, Any], version: tuple[int, str, str]) -> bool:
    """Is `snapshot` another version than the one held at its rev, one that wins against it?"""
    rev, updated_at, device_id = version
    if not updated_at or not device_id:  # a server that does not say: the rev alone
        return False
    mine = (snapshot.get("updated_at"), snapshot.get("device_id"))
    if mine == (updated_at, device_id):
        return False
    theirs = {"rev": rev, "updated_at": updated_at, "device_id": device_id}
    try:
        return wins(snapshot, theirs)
    except (KeyError, TypeError, ValueError):
        return False


def offer_again(
    store: Store, held: Mapping[tuple[str, str], int | tuple[int, str, str] | None]
) -> int:
    """After the server was brought back from a backup (server/epoch.py): queue again, in the
    order they were first queued, the snapshots this laptop sent of each row in `held` that the
    server lacks — every upsert newer than the rev it holds (all of them when it holds none),
    and a delete of a row it still holds — and forget which of its own originals it had
    confirmed (the next push asks again; not those of photos it only pulled). A row it holds as
    sent is left alone; one this laptop last deleted that the server never had is left out.
    `held` may say (rev, updated_at, device_id) of the version held: a snapshot of the same rev
    that is not that version goes again when it wins against it (domain.wire.wins: it had won
    a concurrent edit the server lost), as it was judged before.
    Returns how many snapshots were queued."""
    queued = 0
    with store.transaction():
        history: dict[tuple[str, str], list[tuple[int, str, str]]] = {}
        for seq, entity, entity_id, op, row in store.db.execute(
            "SELECT seq, entity, entity_id, op, row FROM outbox WHERE state = 'sent' ORDER BY seq"
        ):
            if (entity, entity_id) in held:
                history.setdefault((entity, entity_id), []).append((seq, op, row))
        again: list[tuple[int, str, str, str, str]] = []
        for key, snapshots in history.items():
            version = held[key]
            rev = version[0] if isinstance(version, tuple) else version
            if snapshots[-1][1] == "delete" and rev is None:
                continue  # deleted here, never (or no longer) there
            for seq, op, row in snapshots:
                if op == "delete":
                    keep = rev is not None
                else:
                    snapshot = json.loads(row)
                    sent_rev = snapshot.get("rev")
                    keep = rev is None or (isinstance(sent_rev, int) and sent_rev > rev)
                    if not keep and isinstance(version, tuple) and sent_rev == rev:
                        keep = _won_against(snapshot, version)
                if keep:
                    again.append((seq, key[0], key[1], op, row))
        now = now_iso()
        for _seq, entity, entity_id, op, row in sorted(again):
            store.db.execute(
                "INSERT INTO outbox(entity, entity_id, op, row, at) VALUES (?, ?, ?, ?, ?)",
                [entity, entity_id, op, row, now],
            )
            queued += 1
        # the originals this laptop sent may be lost too: asked again at the next push; not
        # those of photos only pulled (another laptop's, whose original this one never had)
        store.db.execute(
            "DELETE FROM sync_blob WHERE sha256 IN (SELECT json_extract(row, '$.sha256') "
            "FROM outbox WHERE entity = 'photo' AND op = 'upsert')"
        )
    return queued


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
    quarantined: int = 0  # changes set aside (see quarantined())


def cursor(store: Store) -> int:
    return int(store.meta(CURSOR) or 0)


def _pending(store: Store, entity: str, entity_id: str) -> Pending | None:
    """The latest pending local snapshot of the row, if it has unsent edits."""
    found = store.db.execute(
        "SELECT op, row FROM outbox WHERE entity = ? AND entity_id = ? AND state = 'pending' "
        "ORDER BY seq DESC LIMIT 1",
        [entity, entity_id],
    ).fetchone()
    return None if found is None else Pending(found[0], json.loads(found[1]))


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


def _newest_per_row(changes: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The changes in seq order, only the newest of each row (an older version set aside
    earlier is not judged again once a newer one has come)."""
    newest: dict[object, Mapping[str, Any]] = {}
    for n, c in enumerate(sorted(changes, key=lambda c: c.get("seq", 0))):
        key = (c.get("entity"), c.get("id"))
        newest[key if all(isinstance(k, str) for k in key) else n] = c
    return sorted(newest.values(), key=lambda c: c.get("seq", 0))


def _latest_per_row(
    changes: Iterable[Mapping[str, Any]],
) -> tuple[list[dict[str, Any]], list[tuple[dict[str, Any], str]]]:
    """The latest change per row, deletes children first then upserts parents first; and the
    malformed changes with why (set aside, never applied)."""
    latest: dict[tuple[str, str], dict[str, Any]] = {}
    malformed: list[tuple[dict[str, Any], str]] = []
    changes = _newest_per_row(changes)
    broken = invalid_pulled(changes)  # domain.contract: what no laptop may take as it is
    for i, c in enumerate(changes):
        if c.get("entity") not in ENTITIES or c.get("op") not in ("upsert", "delete"):
            malformed.append((dict(c), "unknown entity or operation"))
        elif i in broken:
            malformed.append((dict(c), f"breaks the contract: {broken[i]}"))
        elif not isinstance(c.get("id"), str) or (
            c["op"] == "upsert"
            and (not isinstance(c.get("row"), Mapping) or c["row"].get("id") != c["id"])
        ):
            malformed.append((dict(c), "the row's id differs from the change's id"))
        else:
            latest[(c["entity"], c["id"])] = dict(c)
    values = list(latest.values())
    deletes = sorted(
        (c for c in values if c["op"] == "delete"), key=lambda c: -entity_order(c["entity"])
    )
    upserts = sorted(
        (c for c in values if c["op"] == "upsert"), key=lambda c: entity_order(c["entity"])
    )
    return deletes + upserts, malformed


# IntegrityErrors that say the row itself is bad (the others — a lock, a duplicate — are a clash
# with what this laptop holds, kept as a conflict)
_BAD_ROW = ("NOT NULL constraint failed", "CHECK constraint failed", "datatype mismatch")


class _SetAside(Exception):
    """Changes whose rows dangle once others were set aside: undo the attempt, set them aside."""

    def __init__(self, keys: dict[tuple[str, str], str]) -> None:
        super().__init__(f"{len(keys)} change(s) to set aside")
        self.keys = keys


def apply_pulled(
    store: Store,
    changes: Iterable[Mapping[str, Any]],
    *,
    new_cursor: int | None = None,
    final: bool = True,
) -> Applied:
    """Write the server's changes (and the new cursor) in one transaction, never into the outbox.

    Deletes go children first, upserts parents first; foreign keys are checked at the end, so a
    page may hold a child before its parent. What to do with each change is decided by
    domain.sync_decision.decide (skip, apply, or a conflict whose loser goes to `conflict`); this
    function reads the facts it needs and carries the decision out. A submitted inspection is
    written as a draft, its findings, inspectors and photos after it, and locked last (the
    store's triggers refuse children of a submitted inspection). A pulled row the store refuses
    (a change to something locked here, a duplicate name) is set aside in `conflict` too.

    A change that cannot be applied at all (malformed, any error while applying it, a reference
    to a row that was set aside or that the server never sent) is set aside in `quarantine`
    (`set_aside`), logged without its row, and the rest goes on; a later version of the row that
    applies clears it (docs/architecture.md, "Sync", 4).

    With `final=False` (more pages follow), changes that leave a dangling reference or an
    inspection whose content does not match its digest yet raise PullIncomplete: apply them
    again together with the next page.
    """
    changes = list(changes)
    if final:  # rows set aside earlier are tried again: their parent may have come since
        changes = set_aside_earlier(store) + changes
    ordered, malformed = _latest_per_row(changes)
    aside = naming_set_aside(ordered, malformed)
    with store.transaction():
        quarantined = 0
        for change, reason in malformed:  # first: rows naming them are set aside in turn
            set_aside(store, change, reason)
            quarantined += 1
        held = {(r[0], r[1]) for r in store.db.execute("SELECT entity, entity_id FROM quarantine")}
        for _ in range(len(ordered) + 1):
            try:
                with store.db.atomic():  # one attempt, undone when more must be set aside
                    result = _apply_all(store, ordered, aside, held, final)
            except _SetAside as more:
                aside.update(more.keys)
                continue
            break
        result.quarantined += quarantined
        receipts.record_pulled(store, [c for c in ordered if (c["entity"], c["id"]) not in aside])
        if new_cursor is not None:
            store.set_meta(CURSOR, str(new_cursor))
    return result


def _apply_all(
    store: Store,
    ordered: list[dict[str, Any]],
    aside: Mapping[tuple[str, str], str],
    held: set[tuple[str, str]],
    final: bool,
) -> Applied:
    """One attempt at apply_pulled's work; `aside`: changes to set aside rather than apply,
    `held`: rows in quarantine before this pull (cleared when a version of them applies)."""
    result = Applied()
    store.db.execute("PRAGMA defer_foreign_keys = ON")
    to_lock: list[dict[str, Any]] = []
    touched: set[str] = set()
    columns_of: dict[str, list[str]] = {}

    def apply_one(change: dict[str, Any]) -> None:
        entity, entity_id, op = change["entity"], change["id"], change["op"]
        row = dict(change.get("row") or {})
        if entity not in columns_of:
            columns_of[entity] = table_columns(store, entity)
        columns = columns_of[entity]
        local = store.row(entity, entity_id)
        pending = _pending(store, entity, entity_id)
        echo = pending is not None and _is_echo(store, entity, entity_id, row)
        decision = decide(change, local, pending, echo=echo)
        if decision.losing is not None:  # a concurrent edit: the losing version is kept
            won = (
                {"op": op, "row": row}
                if decision.outcome.writes
                else {"op": "upsert", "row": local or (pending.row if pending else {})}
            )
            conflicts.record(store, entity, entity_id, decision.losing, winning=won)
            result.conflicts += 1
        if decision.outcome.skips:
            result.unchanged += 1
            if decision.confirms_blob:
                _confirm_pulled_blob(store, row)
        if not decision.outcome.writes:
            return
        try:
            with store.db.atomic():  # a savepoint: a refused row undoes only itself
                if op == "delete":
                    store.db.execute(f"DELETE FROM {entity} WHERE id = ?", [entity_id])
                else:
                    written = {**row, "status": "draft"} if decision.lock else row
                    upsert(store, entity, written, columns)
        except sqlite3.IntegrityError as error:
            if str(error).startswith(_BAD_ROW):
                raise  # not a clash with what is here: a row no store may hold (set aside)
            conflicts.record(store, entity, entity_id, {**row, "_op": op, "_refused": str(error)})
            result.conflicts += 1
            return
        if decision.lock:
            to_lock.append(row)
        if decision.confirms_blob:
            _confirm_pulled_blob(store, row)
        touched.update(ENTITIES if op == "delete" else (entity,))
        result.applied += 1

    for change in ordered:
        key = (change["entity"], change["id"])
        if key in aside:
            set_aside(store, change, aside[key])
            result.quarantined += 1
            continue
        try:
            with store.db.atomic():  # a change that fails undoes only itself
                apply_one(change)
        except Exception as error:  # any failure sets this one change aside
            set_aside(store, change, f"{type(error).__name__}: {error}")
            result.quarantined += 1
            continue
        if key in held:
            store.db.execute("DELETE FROM quarantine WHERE entity = ? AND entity_id = ?", list(key))
    _check_references(store, touched, final, {(c["entity"], c["id"]): c for c in ordered})
    for row in to_lock:
        if row.get("digest") and digest_of(store, row["id"]) != row["digest"]:
            if not final:
                raise PullIncomplete(
                    f"submitted inspection {row['id']}: its content has not all arrived"
                )
            result.digest_mismatch.append(row["id"])
        store.db.execute("UPDATE inspection SET status = 'submitted' WHERE id = ?", [row["id"]])
    return result


def _confirm_pulled_blob(store: Store, row: Mapping[str, Any]) -> None:
    """A photo the server sent: it holds the original (it accepts photos only after blobs)."""
    sha = row.get("sha256")
    if isinstance(sha, str):
        store.db.execute(
            "INSERT OR IGNORE INTO sync_blob(sha256, confirmed_at) VALUES (?, ?)", [sha, now_iso()]
        )


def _check_references(
    store: Store, touched: set[str], final: bool, changes: Mapping[tuple[str, str], dict]
) -> None:
    """Dangling references after a page: a row whose parent was set aside (or, on the last
    page, never sent) is set aside in turn (_SetAside: the attempt is redone without it);
    otherwise, before the last page, PullIncomplete."""
    dangling = []
    for entity in sorted(touched, key=entity_order):
        dangling += store.db.execute(f"PRAGMA foreign_key_check({entity})").fetchall()
    if not dangling:
        return
    aside: dict[tuple[str, str], str] = {}
    waiting = None
    for table, rowid, parent, fkid in dangling:
        column = next(
            f[3] for f in store.db.execute(f"PRAGMA foreign_key_list({table})") if f[0] == fkid
        )
        child_id, parent_id = store.db.execute(
            f"SELECT id, {column} FROM {table} WHERE rowid = ?", [rowid]
        ).fetchone()
        what = f"{table} {child_id} refers to a {parent} that was not sent"
        parent_gone = (
            store.db.execute(
                "SELECT 1 FROM quarantine WHERE entity = ? AND entity_id = ?", [parent, parent_id]
            ).fetchone()
            is not None
        )
        if (table, child_id) in changes and (final or parent_gone):
            aside[(table, child_id)] = (
                f"its {parent} {parent_id} was set aside" if parent_gone else what
            )
        elif (parent, parent_id) in changes and changes[(parent, parent_id)]["op"] == "delete":
            if final:  # a delete that would orphan a row the server did not delete
                aside[(parent, parent_id)] = f"{table} {child_id} still refers to it"
            else:
                waiting = waiting or what
        elif not final:
            waiting = waiting or what
        else:
            raise PullInconsistent(
                f"the server's changes are inconsistent: {what} (nothing was applied)"
            )
    if aside:
        raise _SetAside(aside)
    if waiting:
        raise PullIncomplete(waiting)
