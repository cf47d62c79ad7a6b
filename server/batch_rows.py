"""The rows one push batch reads and writes, with few round trips (server/sync.py has the rules).

The rows a batch names (and their parents) are read in one query per table before it is
applied; its writes and change_log entries wait in a queue sent with executemany. Every read
sees the batch's own writes: `get` answers from what the batch knows, and the queue is flushed
before any query that reads a table the batch writes (`rows_where`, membership, a delete).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa

from domain.clock import now_iso
from server.auth import User
from server.db import ENTITY_COLUMNS, ENTITY_TABLES, change_log

# Statements built once and run with parameters. Building one per call with its values inline
# cost SQLAlchemy ~0.4 ms of cache-key work per pushed change, most of a push (bench/sync.py).
_GET = {
    e: sa.select(t.c.row, t.c.scope_unit).where(t.c.id == sa.bindparam("target_id"))
    for e, t in ENTITY_TABLES.items()
}
_GET_MANY = {
    e: sa.select(t.c.id, t.c.row, t.c.scope_unit).where(
        t.c.id.in_(sa.bindparam("ids", expanding=True))
    )
    for e, t in ENTITY_TABLES.items()
}
PREFETCH_CHUNK = 500  # ids per prefetch query
# a row's references: column -> entity (what scope_of, check_lock and check_references read)
_PARENTS = {
    "inspection_id": "inspection",
    "notice_id": "notice",
    "photo_id": "photo",
    "rectification_id": "rectification",
    "recheck_id": "recheck",
    "zone_id": "zone",
    "unit_id": "unit",
    "parent_id": "unit",
    "template_id": "template",
    "person_id": "person",
    "issued_by": "person",
    "finding_id": "finding",
    "about_finding_id": "finding",
    "amends_id": "inspection",
    "source_photo_id": "photo",
    "case_id": "problem_case",
}
_INSERT = {e: sa.insert(t) for e, t in ENTITY_TABLES.items()}
_UPDATE = {
    e: sa.update(t).where(t.c.id == sa.bindparam("target_id")) for e, t in ENTITY_TABLES.items()
}
_LOG = sa.insert(change_log)


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


class Stored:
    __slots__ = ("row", "scope")

    def __init__(self, row: dict, scope: str | None) -> None:
        self.row = row
        self.scope = scope


class BatchRows:
    """Reads and queued writes of one batch on one connection, inside the caller's transaction.
    `seq` is the last change_log sequence number taken; the caller sets it before writing.
    With `autoflush` every write is sent at once (for callers that query the tables after)."""

    def __init__(self, conn: sa.Connection, user: User, device_id: str, changes: list) -> None:
        self.conn = conn
        self.user = user
        self.device_id = device_id
        self.changes = changes
        self.received_at = now_iso()
        self.seq = 0
        self.autoflush = False
        self.reset()

    # -- reading -----------------------------------------------------------------------------
    def reset(self) -> None:
        """Forget what this batch read and queued (a new attempt after a savepoint rollback)."""
        self.known: dict[tuple[str, str], Stored | None] = {}  # rows as this batch sees them
        self.queued: dict[tuple[str, str], list[dict]] = {}  # (entity, insert|update) -> params
        self.queued_log: list[dict] = []
        self.members: set[str] = set()  # inspections this user is known to be on
        self.leads: set[str] = set()  # drafts this user led before removing their own row

    def prefetch(self, changes: Iterable[Any] | None = None) -> None:
        """Read every row the batch names, and their parents, in one query per table (of
        `changes`: by default the batch's)."""
        wanted: dict[str, set[str]] = {}
        for item in self.changes if changes is None else changes:
            row = item.get("row") if isinstance(item, dict) else None
            if not isinstance(row, dict) or item.get("entity") not in ENTITY_TABLES:
                continue
            if isinstance(row.get("id"), str):
                wanted.setdefault(item["entity"], set()).add(row["id"])
            for column, parent in _PARENTS.items():
                if isinstance(row.get(column), str):
                    wanted.setdefault(parent, set()).add(row[column])
        for entity, ids in wanted.items():
            ordered = sorted(ids - {i for e, i in self.known if e == entity})
            for start in range(0, len(ordered), PREFETCH_CHUNK):
                chunk = ordered[start : start + PREFETCH_CHUNK]
                for i in chunk:
                    self.known[(entity, i)] = None
                for found in self.conn.execute(_GET_MANY[entity], {"ids": chunk}):
                    stored = Stored(json.loads(found.row), found.scope_unit)
                    self.known[(entity, found.id)] = stored

    def get(self, entity: str, entity_id: str | None) -> Stored | None:
        if not entity_id:
            return None
        key = (entity, entity_id)
        if key not in self.known:
            found = self.conn.execute(_GET[entity], {"target_id": entity_id}).first()
            self.known[key] = (
                None if found is None else Stored(json.loads(found.row), found.scope_unit)
            )
        return self.known[key]

    def flush(self) -> None:
        """Send the queued writes: per table its inserts, then its updates (an update queued
        here targets a row that existed before, or one inserted earlier in this batch)."""
        for (entity, kind), params in self.queued.items():
            statement = _INSERT[entity] if kind == "insert" else _UPDATE[entity]
            self.conn.execute(statement, params)
        self.queued = {}
        if self.queued_log:
            self.conn.execute(_LOG, self.queued_log)
            self.queued_log = []

    def rows_where(self, entity: str, column: str, value: str) -> list[dict]:
        self.flush()
        table = ENTITY_TABLES[entity]
        return [
            json.loads(r)
            for (r,) in self.conn.execute(sa.select(table.c.row).where(table.c[column] == value))
        ]

    def children_of(self, entity: str, inspection_ids: list[str]) -> dict[str, list[dict]]:
        """The rows of `entity` held for these inspections, by inspection id (writes flushed
        first; PREFETCH_CHUNK ids a query)."""
        self.flush()
        table = ENTITY_TABLES[entity]
        found: dict[str, list[dict]] = {}
        for start in range(0, len(inspection_ids), PREFETCH_CHUNK):
            chunk = inspection_ids[start : start + PREFETCH_CHUNK]
            query = sa.select(table.c.inspection_id, table.c.row).where(
                table.c.inspection_id.in_(chunk)
            )
            for inspection_id, text in self.conn.execute(query):
                found.setdefault(inspection_id, []).append(json.loads(text))
        return found

    def write(self, entity: str, row: dict, scope: str | None, exists: bool) -> None:
        values = {c: row.get(c) for c in ENTITY_COLUMNS[entity]}
        if "version" in values and values["version"] is not None:
            values["version"] = int(values["version"])
        text = dumps(row)
        values.update(
            scope_unit=scope,
            created_at=str(row["created_at"]),
            updated_at=str(row["updated_at"]),
            device_id=str(row["device_id"]),
            rev=int(row["rev"]),
            row=text,
        )
        if exists:
            self.queued.setdefault((entity, "update"), []).append(
                {"target_id": row["id"], **values}
            )
        else:
            self.queued.setdefault((entity, "insert"), []).append({"id": row["id"], **values})
        if entity == "inspection_person":
            before = self.known.get((entity, row["id"]))
            if before is not None and before.row.get("person_id") == self.user.id:
                self.members.clear()  # may no longer be on that inspection: ask again
            if row.get("person_id") == self.user.id and row.get("inspection_id"):
                self.members.add(row["inspection_id"])
        self.known[(entity, row["id"])] = Stored(dict(row), scope)
        self.log(entity, row["id"], "upsert", row, scope, text)
        if self.autoflush:
            self.flush()

    def remove(self, entity: str, stored: Stored) -> None:
        self.flush()
        table = ENTITY_TABLES[entity]
        self.conn.execute(sa.delete(table).where(table.c.id == stored.row["id"]))
        self.known[(entity, stored.row["id"])] = None
        if entity == "inspection_person" and stored.row.get("person_id") == self.user.id:
            # permissions are judged on the state before the push: whoever was on the draft
            # stays so for the rest of it (deletes go children first: the team, then the draft)
            self.members.add(stored.row["inspection_id"])
            if stored.row.get("lead"):
                self.leads.add(stored.row["inspection_id"])
        self.log(entity, stored.row["id"], "delete", stored.row, stored.scope)
        if self.autoflush:
            self.flush()

    def log(
        self,
        entity: str,
        entity_id: str,
        op: str,
        row: dict,
        scope: str | None,
        text: str | None = None,
    ) -> None:
        self.seq += 1
        self.queued_log.append(
            {
                "seq": self.seq,
                "entity": entity,
                "entity_id": entity_id,
                "op": op,
                "row": dumps(row) if text is None else text,
                "scope_unit": scope,
                "device_id": self.device_id,
                "received_at": self.received_at,
            }
        )
