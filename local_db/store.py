"""Opening the offline store: pragmas, migrations with a backup first, the device's identity."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import stat
import threading
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
# How long a writer waits for another to finish (SQLite's busy timeout, and the process lock).
BUSY_TIMEOUT_SECONDS = 10.0

# One writer at a time per store file within this process (the GUI, an import, a sync): a
# writer waits here, woken the moment the other commits, instead of polling SQLite's lock.
_WRITE_LOCKS: dict[str, threading.RLock] = {}
_WRITE_LOCKS_GUARD = threading.Lock()


def _write_lock(path: Path) -> threading.RLock:
    key = os.path.realpath(path)
    with _WRITE_LOCKS_GUARD:
        return _WRITE_LOCKS.setdefault(key, threading.RLock())


class StoreError(Exception):
    """The store cannot be opened or written; the message says why in plain words."""


class NewerStoreError(StoreError):
    """The store was written by a newer version of Ducha."""


class StoreBusy(sqlite3.OperationalError):
    """Another writer held the store longer than the busy timeout; nothing was written (an
    OperationalError, as SQLite's own "database is locked" is)."""


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
        self._lock = _write_lock(path)
        self.device_id = self.meta("device_id") or ""

    # -- opening -------------------------------------------------------------------------------
    @classmethod
    def open(cls, data_dir: Path) -> Store:
        data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        path = data_dir / STORE_FILE
        _private(data_dir, path)  # the user's evidence: nobody else on the machine reads it
        conn: sqlite3.Connection | None = None
        try:
            # Autocommit: no implicit (deferred) transactions; every write transaction is
            # opened explicitly by Store.transaction with BEGIN IMMEDIATE (see there).
            conn = sqlite3.connect(
                str(path),
                timeout=BUSY_TIMEOUT_SECONDS,
                check_same_thread=False,
                isolation_level=None,
            )
            db = Database(conn)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=FULL")  # evidence: a commit survives a power cut
            db.execute("PRAGMA foreign_keys=ON")
            db.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_SECONDS * 1000)}")
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
        """All writes inside commit together, outbox included, or not at all.

        The outermost one takes the write lock first (this process's lock for the file, then
        SQLite's, with BEGIN IMMEDIATE), so it never reads and then fails to write: a deferred
        transaction that read before another connection committed gets SQLITE_BUSY at its first
        write without waiting at all ("database is locked"). Writers wait for each other, up to
        the busy timeout; past it StoreBusy is raised and nothing was written. Nested ones are
        savepoints.
        """
        conn = self.db.conn
        if conn.in_transaction:
            with self.db.atomic():
                yield self
            return
        if not self._lock.acquire(timeout=BUSY_TIMEOUT_SECONDS):
            raise StoreBusy(f"{self.path}: another writer held the store too long")
        try:
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as error:
                if is_busy(error):
                    raise StoreBusy(f"{self.path}: {error}") from error
                raise
            try:
                yield self
            except BaseException:
                if conn.in_transaction:  # a RAISE(ROLLBACK) trigger may have ended it already
                    conn.execute("ROLLBACK")
                raise
            try:
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
        finally:
            self._lock.release()

    def save(self, entity: str, row: dict[str, Any], *, outbox: bool = True) -> dict[str, Any]:
        """Insert or update a row, bump its rev, and append its snapshot to the outbox (unless
        `outbox` is False: reference data shipped identically to every device).

        Runs inside the caller's transaction when there is one, in its own otherwise.
        """
        with self.transaction():
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
        with self.transaction():
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

    def rows(
        self, sql: str, params: list[Any] | tuple[Any, ...] | dict[str, Any] = ()
    ) -> list[dict[str, Any]]:
        """Rows as dicts; `params` positional (?) or named (:name)."""
        cursor = self.db.execute(sql, params if isinstance(params, dict) else list(params))
        names = [c[0] for c in cursor.description]
        return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]

    def count(self, entity: str, **equal: Any) -> int:
        """How many rows of `entity` there are (with these column values, when given)."""
        where = " AND ".join(f"{column} = ?" for column in equal)
        sql = f"SELECT count(*) FROM {entity}" + (f" WHERE {where}" if where else "")
        return self.db.execute(sql, list(equal.values())).fetchone()[0]

    def pending_changes(self) -> int:
        return self.db.execute("SELECT count(*) FROM outbox WHERE state = 'pending'").fetchone()[0]


def is_busy(error: BaseException) -> bool:
    """SQLite's "database is locked" / "database is busy": another writer, not a broken store."""
    if isinstance(error, StoreBusy):
        return True
    if not isinstance(error, sqlite3.OperationalError):
        return False
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
    text = str(error)
    return "locked" in text or "busy" in text


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
