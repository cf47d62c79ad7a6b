"""Opening the offline store: pragmas, migrations with a backup first, the device's identity."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from domain.clock import now_iso
from domain.ids import new_id
from domain.wire import ENTITIES
from local_db.migrations import known_names, migrations

STORE_FILE = "ducha.sqlite3"
# Snapshots of these tables travel to the server; everything else is local bookkeeping.
SYNCED = frozenset(ENTITIES)


class StoreError(Exception):
    """The store cannot be opened or written; the message says why in plain words."""


class NewerStoreError(StoreError):
    """The store was written by a newer version of Ducha."""


def _private(data_dir: Path, path: Path) -> None:
    """The data folder 0700 and the database 0600 (SQLite gives its -wal and -shm files the
    database's mode): made so, or tightened when an older version made them open to others."""
    if os.name != "posix":
        return
    if not path.exists():
        with contextlib.suppress(FileExistsError):
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    for p in (data_dir, path):
        mode = stat.S_IMODE(p.stat().st_mode)
        if mode & 0o077:
            os.chmod(p, mode & ~0o077)


class Store:
    """One SQLite file in WAL mode with foreign keys, plus the device's identity (meta table)."""

    def __init__(self, db: Database, path: Path) -> None:
        self.db = db
        self.path = path
        self.device_id = self.meta("device_id") or ""

    # -- opening -------------------------------------------------------------------------------
    @classmethod
    def open(cls, data_dir: Path) -> Store:
        data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        path = data_dir / STORE_FILE
        _private(data_dir, path)  # the user's evidence: nobody else on the machine reads it
        conn: sqlite3.Connection | None = None
        try:
            conn = sqlite3.connect(str(path), timeout=10, check_same_thread=False)
            db = Database(conn)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=FULL")  # evidence: a commit survives a power cut
            db.execute("PRAGMA foreign_keys=ON")
            db.execute("PRAGMA busy_timeout=10000")
            migrate(db, path)
        except BaseException as error:
            if conn is not None:  # a refused store must not stay open (locked, -wal/-shm left)
                conn.close()
            if isinstance(error, sqlite3.DatabaseError):
                raise StoreError(f"{path}: {error}") from error
            raise
        store = cls(db, path)
        if not store.device_id:
            with store.transaction():
                store.set_meta("device_id", new_id())
            store.device_id = store.meta("device_id") or ""
        return store

    def close(self) -> None:
        self.db.conn.close()

    # -- meta ----------------------------------------------------------------------------------
    def meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute(
            "INSERT INTO meta(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [key, value],
        )

    # -- writing -------------------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """All writes inside commit together, outbox included, or not at all."""
        with self.db.atomic():
            yield self

    def save(self, entity: str, row: dict[str, Any], *, outbox: bool = True) -> dict[str, Any]:
        """Insert or update a row, bump its rev, and append its snapshot to the outbox (unless
        `outbox` is False: reference data shipped identically to every device).

        Runs inside the caller's transaction when there is one, in its own otherwise.
        """
        with self.db.atomic():
            now = now_iso()
            row = dict(row)
            row.setdefault("id", new_id())
            old = self.db.execute(f"SELECT rev FROM {entity} WHERE id = ?", [row["id"]]).fetchone()
            if old is None:
                row.setdefault("created_at", now)
                row["rev"] = 1
                row.setdefault("device_id", self.device_id)
                row["updated_at"] = now
                columns = ", ".join(row)
                marks = ", ".join("?" for _ in row)
                self.db.execute(
                    f"INSERT INTO {entity} ({columns}) VALUES ({marks})", list(row.values())
                )
            else:
                row["rev"] = old[0] + 1
                row["updated_at"] = now
                changes = {k: v for k, v in row.items() if k not in ("id", "created_at")}
                sets = ", ".join(f"{k} = ?" for k in changes)
                self.db.execute(
                    f"UPDATE {entity} SET {sets} WHERE id = ?", [*changes.values(), row["id"]]
                )
            full = self.row(entity, row["id"])
            assert full is not None
            if outbox and entity in SYNCED:
                self._outbox(entity, full["id"], "upsert", full)
            return full

    def delete(self, entity: str, row_id: str) -> None:
        with self.db.atomic():
            full = self.row(entity, row_id)
            if full is None:
                return
            self.db.execute(f"DELETE FROM {entity} WHERE id = ?", [row_id])
            if entity in SYNCED:
                self._outbox(entity, row_id, "delete", full)

    def _outbox(self, entity: str, entity_id: str, op: str, row: dict[str, Any]) -> None:
        self.db.execute(
            "INSERT INTO outbox(entity, entity_id, op, row, at) VALUES (?, ?, ?, ?, ?)",
            [entity, entity_id, op, json.dumps(row, ensure_ascii=False), now_iso()],
        )

    def audit(
        self, actor: str | None, entity: str, entity_id: str, action: str, digest: str | None = None
    ) -> None:
        self.db.execute(
            "INSERT INTO audit(at, actor, device_id, entity, entity_id, action, digest) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [now_iso(), actor, self.device_id, entity, entity_id, action, digest],
        )

    # -- reading -------------------------------------------------------------------------------
    def row(self, entity: str, row_id: str) -> dict[str, Any] | None:
        cursor = self.db.execute(f"SELECT * FROM {entity} WHERE id = ?", [row_id])
        found = cursor.fetchone()
        if found is None:
            return None
        return dict(zip([c[0] for c in cursor.description], found, strict=True))

    def rows(self, sql: str, params: list[Any] | tuple[Any, ...] = ()) -> list[dict[str, Any]]:
        cursor = self.db.execute(sql, list(params))
        names = [c[0] for c in cursor.description]
        return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]

    def count(self, entity: str, **equal: Any) -> int:
        """How many rows of `entity` there are (with these column values, when given)."""
        where = " AND ".join(f"{column} = ?" for column in equal)
        sql = f"SELECT count(*) FROM {entity}" + (f" WHERE {where}" if where else "")
        return self.db.execute(sql, list(equal.values())).fetchone()[0]

    def pending_changes(self) -> int:
        return self.db.execute("SELECT count(*) FROM outbox WHERE state = 'pending'").fetchone()[0]


def migrate(db: Database, path: Path) -> Path | None:
    """Bring the schema up to date. Returns the backup made first, if any step was pending.

    Refuses a store that a newer version has migrated further than this one knows.
    """
    known = known_names()
    applied = [m.name for m in migrations.applied(db)]
    unknown = [name for name in applied if name not in known]
    if unknown:
        raise NewerStoreError(
            f"{path} was written by a newer version of Ducha (schema step {unknown[-1]}); "
            "install the newer version to open it. Nothing was changed."
        )
    pending = migrations.pending(db)
    if not pending:
        return None
    backup: Path | None = None
    if applied:  # an existing store: copy it whole before touching the schema
        backup = path.with_name(f"{path.name}.before-{pending[0].name}.bak")
        if backup.exists():
            backup.unlink()
        db.execute("VACUUM INTO ?", [str(backup)])
    migrations.apply(db)
    return backup
