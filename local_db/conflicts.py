"""Losing versions of concurrent edits, kept in `conflict` — shown to a person, never dropped:
which row, when, what the losing version said that the kept one does not, and which version won.

This laptop learns that one of its versions lost in three ways (docs/architecture.md, "Sync", 4):
- a pull: a pulled change clashes with unsent local edits (local_db/sync_state.py apply_pulled,
  decided by domain/sync_decision.py decide): origin `pull`;
- the server's answer to a push names a change that lost, with the version that won
  (sync_state.mark_sent): origin `push`;
- its version was accepted first and overwritten later by another laptop's winning edit: the
  server lists what this device lost (`GET /sync/conflicts`, collected by `collect`): origin
  `server`.
The same losing version learnt twice is kept once (by the server's conflict id, else by the
row's rev, time and device).

A submission the server refused because the draft changed on the server meanwhile (digest
mismatch) is not left stuck: `reopen_refused` keeps the submitted version as a conflict, opens
the inspection as a draft again and sends its rows again, so the next sync merges the server's
version and the inspector submits the merged draft.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Iterable, Mapping
from typing import Any

from domain.clock import now_iso
from domain.ids import new_id
from domain.wire import BOOKKEEPING
from local_db.pulled_rows import columns, upsert
from local_db.store import Store

log = logging.getLogger(__name__)
COLLECTED = "sync_conflict_cursor"  # the server's seq of the last conflict collected
REFUSED_SUBMISSION = "refused_submission"
# the submitted inspection's locks (local_db/migrations.py), lifted while it is opened again
_LOCKS = ("inspection_locked_update",)


def conflicts(store: Store) -> list[dict[str, Any]]:
    """Newest first: entity, entity_id, at, kind, origin, losing (the row as it lost), winning
    (the version that won, when known: {op, row}) and differences ({field: (losing value, kept
    value)}; the kept row may be absent)."""
    found = []
    for row in store.rows("SELECT * FROM conflict ORDER BY at DESC, id DESC"):
        losing = _loads(row["losing_row"])
        winning = _loads(row["winning_row"]) if row.get("winning_row") else None
        kept = store.row(row["entity"], row["entity_id"]) if _known(store, row["entity"]) else None
        skip = {*BOOKKEEPING, "_op", "id"}
        differences = {
            k: (v, kept.get(k) if kept else None)
            for k, v in losing.items()
            if k not in skip and (kept is None or kept.get(k) != v)
        }
        found.append(
            {**row, "losing": losing, "winning": winning, "kept": kept, "differences": differences}
        )
    return found


def _loads(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except ValueError:
        return {"_unreadable": text}
    return value if isinstance(value, dict) else {"_unreadable": text}


def _known(store: Store, entity: str) -> bool:
    return bool(
        store.db.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [entity]
        ).fetchone()
    )


def record(
    store: Store,
    entity: str,
    entity_id: str,
    losing: Mapping[str, Any],
    *,
    winning: Mapping[str, Any] | None = None,
    kind: str = "concurrent_edit",
    origin: str = "pull",
    server_id: str | None = None,
) -> bool:
    """Keep a losing version (`losing` carries its "_op" when not an upsert) inside the
    caller's transaction; False when this laptop already keeps it."""
    if (
        server_id is not None
        and store.db.execute("SELECT 1 FROM conflict WHERE server_id = ?", [server_id]).fetchone()
    ):
        return False
    same = store.db.execute(
        "SELECT id FROM conflict WHERE entity = ? AND entity_id = ? AND kind = ? "
        "AND json_extract(losing_row, '$.rev') IS ? "
        "AND json_extract(losing_row, '$.updated_at') IS ? "
        "AND coalesce(json_extract(losing_row, '$._op'), 'upsert') = ?",
        [
            entity,
            entity_id,
            kind,
            losing.get("rev"),
            losing.get("updated_at"),
            losing.get("_op") or "upsert",
        ],
    ).fetchone()
    winning_text = json.dumps(dict(winning), ensure_ascii=False) if winning else None
    if same is not None:
        store.db.execute(
            "UPDATE conflict SET server_id = coalesce(server_id, ?), "
            "winning_row = coalesce(winning_row, ?) WHERE id = ?",
            [server_id, winning_text, same[0]],
        )
        return False
    store.db.execute(
        "INSERT INTO conflict(id, entity, entity_id, losing_row, at, winning_row, kind, origin, "
        "server_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            new_id(),
            entity,
            entity_id,
            json.dumps(dict(losing), ensure_ascii=False),
            now_iso(),
            winning_text,
            kind,
            origin,
            server_id,
        ],
    )
    return True


def record_lost_push(
    store: Store, entity: str, result: Mapping[str, Any], sent: Mapping[str, Any] | None
) -> bool:
    """The server's answer says this laptop's change lost: keep the version sent (`sent`: the
    outbox snapshot {op, row}) beside the version that won."""
    if sent is None:
        return False
    losing = dict(sent["row"])
    if sent["op"] != "upsert":
        losing["_op"] = sent["op"]
    return record(
        store,
        entity,
        str(result["id"]),
        losing,
        winning=result.get("winning"),
        kind=_kind_of(result),
        origin="push",
        server_id=result.get("conflict_id"),
    )


def _kind_of(result: Mapping[str, Any]) -> str:
    winning = result.get("winning") or {}
    if winning.get("op") == "delete":
        return "edit_vs_delete"
    if result.get("entity") == "notice_event":
        return "second_rectification"
    return "concurrent_edit"


def take_winner(store: Store, entity: str, result: Mapping[str, Any]) -> None:
    """This laptop's change lost: the version that won replaces it here at once, never into the
    outbox (a submitted inspection is written as a draft: the pull locks it once its rows are
    in). A version the store refuses now is left to the pull."""
    winning = result.get("winning") or {}
    row = dict(winning.get("row") or {})
    if row.get("id") != result["id"]:
        return
    try:
        with store.db.atomic():
            if winning.get("op") == "delete":
                store.db.execute(f"DELETE FROM {entity} WHERE id = ?", [result["id"]])
                return
            local = store.row(entity, result["id"])
            if entity == "inspection" and (local is None or local["status"] != "submitted"):
                row["status"] = "draft"
            upsert(store, entity, row, columns(store, entity))
    except sqlite3.IntegrityError as error:
        log.info("the winning %s %s waits for the pull: %s", entity, result["id"], error)


def sent_snapshot(
    store: Store, entity: str, entity_id: str, up_to_seq: int
) -> dict[str, Any] | None:
    """The latest pending snapshot {op, row} of a row up to a seq: the version a batch sent."""
    found = store.db.execute(
        "SELECT op, row FROM outbox WHERE entity = ? AND entity_id = ? AND state = 'pending' "
        "AND seq <= ? ORDER BY seq DESC LIMIT 1",
        [entity, entity_id, up_to_seq],
    ).fetchone()
    return None if found is None else {"op": found[0], "row": json.loads(found[1])}


def collect(store: Store, page: Mapping[str, Any]) -> int:
    """Keep the versions this device lost that the server lists (GET /sync/conflicts), and
    move the cursor past them, in one transaction; returns how many were new here."""
    new = 0
    with store.transaction():
        for c in page.get("conflicts") or []:
            losing = dict(c["losing"]["row"])
            if c["losing"]["op"] != "upsert":
                losing["_op"] = c["losing"]["op"]
            new += record(
                store,
                c["entity"],
                c["entity_id"],
                losing,
                winning={"op": c["winning"]["op"], "row": c["winning"]["row"]},
                kind=c["kind"],
                origin="server",
                server_id=c["id"],
            )
        store.set_meta(COLLECTED, str(int(page.get("cursor") or 0)))
    return new


def collected(store: Store) -> int:
    return int(store.meta(COLLECTED) or 0)


# -- a refused submission ------------------------------------------------------------------------
def reopen_refused(store: Store, inspection_id: str, reason: str) -> bool:
    """The server refused this inspection's submission because its draft changed there
    meanwhile: keep the submitted version as a conflict, open the inspection as a draft again
    (its digest cleared) and queue its refused rows again, inside the caller's transaction.
    The next sync sends the draft, receives the server's version, and the inspector submits the
    merged draft. False when there is nothing to reopen (not here, or not submitted)."""
    row = store.row("inspection", inspection_id)
    if row is None or row["status"] != "submitted":
        return False
    record(
        store,
        "inspection",
        inspection_id,
        {**row, "_refused": reason},
        kind=REFUSED_SUBMISSION,
        origin="push",
    )
    locks = {
        name: sql
        for name, sql in store.db.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN "
            f"({', '.join('?' for _ in _LOCKS)})",
            list(_LOCKS),
        )
    }
    for name in locks:
        store.db.execute(f"DROP TRIGGER {name}")
    try:
        store.save("inspection", {**row, "status": "draft", "digest": None})
    finally:
        for sql in locks.values():
            store.db.execute(sql)
    _queue_again(store, inspection_id)
    store.audit(store.meta("local_person_id"), "inspection", inspection_id, "reopened")
    return True


def _queue_again(store: Store, inspection_id: str) -> None:
    """The refused rows of the inspection are sent again (the server judges them anew)."""
    ids = [inspection_id] + [
        r[0]
        for table in ("inspection_person", "finding", "photo", "duty_check")
        for r in store.db.execute(
            f"SELECT id FROM {table} WHERE inspection_id = ?", [inspection_id]
        )
    ]
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ", ".join("?" for _ in chunk)
        store.db.execute(
            f"UPDATE outbox SET rejected = 0 WHERE state = 'pending' AND entity_id IN ({marks})",
            chunk,
        )
        store.db.execute(f"DELETE FROM sync_rejection WHERE entity_id IN ({marks})", chunk)


def refused_submissions(results: Iterable[Mapping[str, Any]]) -> list[tuple[str, str]]:
    """(inspection id, reason) of the submissions a push answer refused for a digest mismatch."""
    return [
        (str(r["id"]), str(r.get("reason") or "digest mismatch"))
        for r in results
        if r.get("entity") == "inspection"
        and r.get("status") == "rejected"
        and r.get("code") == "digest_mismatch"
    ]
