"""`ducha-server backup --out FILE`: a consistent online backup of the database and the blobs in
one tar file, taken while laptops keep syncing.

1. The database, every table in ONE snapshot: a read transaction (SQLite in WAL: writers go on,
   the reader sees the database as of its first read; PostgreSQL: BEGIN ISOLATION LEVEL
   REPEATABLE READ, READ ONLY). Each table is written as JSON lines (`db/<table>.jsonl`, one
   object per row, column → value), so a backup of either database restores to either.
2. Then the blobs. A stored blob never changes, so copying them after the snapshot is safe: every
   blob a photo row of the snapshot names was held before that row was accepted (a push refuses a
   photo whose blob is missing), and blobs stored since are taken too (harmless: unreferenced).
   Each is copied through the store's `open_blob` and hashed on the way: a blob whose content no
   longer matches its name is reported and left out, never written as if good. Blob access goes
   through the store's three calls only (`shas`, `open_blob`; restore uses `add_verified`), so
   the disk store and an object store back up alike.
3. Last, `manifest.json`: every file's SHA-256 and size, the schema (Alembic) revision, row
   counts per table, the change_log's max seq, when the snapshot was taken.

Written to FILE.part and renamed into place when complete (a backup cut short never looks
whole), streamed: one table's rows or one blob at a time pass through a temporary file beside
the output (a tar member needs its size before its bytes), never the whole in memory.

Kept: every table, including the change log and its seqs, remembered push batches, devices,
access tokens and refresh credentials (only their SHA-256 is stored, never a token itself), notice
number blocks and requests, conflicts, the audit log, visit plans with their secret seeds. The
backup file is therefore as sensitive as the database: written 0600; keep it encrypted at rest.
Not kept: partial uploads (a laptop resumes them from 0), cached thumbnails (regenerated), who
uploaded a blob that no photo names yet (blobs/owners: such a blob is sent again by its laptop).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import tarfile
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, BinaryIO, Protocol

import sqlalchemy as sa

from domain.clock import now_iso
from server.blobs import is_sha
from server.db import reading

FORMAT = "ducha-backup/1"
MANIFEST = "manifest.json"
DB_FOLDER = "db"
BLOB_FOLDER = "blobs"
CHUNK = 1024 * 1024
SKIPPED_TABLES = frozenset({"alembic_version"})  # the revision goes into the manifest


class Blobs(Protocol):
    """The calls backup and restore make of a blob store (server/blobs.py, and the S3 one)."""

    def shas(self) -> Iterator[str]: ...

    def open_blob(self, sha: str) -> BinaryIO: ...

    def add_verified(self, source: Path, sha: str) -> bool: ...


@dataclass
class BackupResult:
    path: Path
    manifest: dict[str, Any]
    bad_blobs: list[str] = field(default_factory=list)  # content differs from its name: left out
    missing_blobs: list[str] = field(default_factory=list)  # named by a photo, not held


@contextlib.contextmanager
def snapshot(engine: sa.Engine) -> Iterator[sa.Connection]:
    """One read-only transaction that sees the whole database at one moment: PostgreSQL
    REPEATABLE READ, READ ONLY; SQLite (server/db.reading) BEGIN DEFERRED, which in WAL reads
    one snapshot from its first SELECT to its end while writers go on."""
    with reading(engine) as conn:
        if conn.dialect.name == "postgresql":
            conn = conn.execution_options(
                isolation_level="REPEATABLE READ", postgresql_readonly=True
            )
        with conn.begin():
            yield conn


def reflect(conn: sa.Connection) -> list[sa.Table]:
    """The database's own tables (as they are at its revision), in dependency order."""
    found = sa.MetaData()
    found.reflect(conn)
    return [t for t in found.sorted_tables if t.name not in SKIPPED_TABLES]


def _revision(conn: sa.Connection) -> str | None:
    try:
        return conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
    except sa.exc.DBAPIError:
        return None


def _json_value(value: Any) -> Any:
    if isinstance(value, bytes | bytearray | memoryview):  # no column holds bytes today
        raise TypeError("a binary column cannot be backed up as JSON")
    return value


def _order(table: sa.Table) -> list[sa.ColumnElement]:
    return list(table.primary_key.columns) or list(table.columns)


class _Writer:
    """The tar being written, with each member's SHA-256 and size for the manifest."""

    def __init__(self, tar: tarfile.TarFile, scratch: Path) -> None:
        self.tar = tar
        self.scratch = scratch
        self.files: dict[str, dict[str, Any]] = {}

    def add_file(self, name: str, path: Path, sha: str, size: int) -> None:
        info = tarfile.TarInfo(name)
        info.size = size
        info.mode = 0o600
        info.mtime = int(time.time())
        with path.open("rb") as f:
            self.tar.addfile(info, f)
        self.files[name] = {"sha256": sha, "size": size}

    def spooled(self) -> tuple[IO[bytes], Path]:
        fd, name = tempfile.mkstemp(dir=self.scratch, suffix=".part")
        return os.fdopen(fd, "wb"), Path(name)

    def add_bytes(self, name: str, data: bytes) -> None:
        info = tarfile.TarInfo(name)
        info.size = len(data)
        info.mode = 0o600
        info.mtime = int(time.time())
        self.tar.addfile(info, io.BytesIO(data))


def _dump_tables(writer: _Writer, conn: sa.Connection) -> tuple[dict[str, int], int, list[str]]:
    """Every table as JSON lines; (row counts, change_log max seq, the shas photo rows name)."""
    counts: dict[str, int] = {}
    max_seq = 0
    named: set[str] = set()
    for table in reflect(conn):
        out, path = writer.spooled()
        digest = hashlib.sha256()
        size = rows = 0
        try:
            with out:
                query = sa.select(table).order_by(*_order(table))
                result = conn.execution_options(stream_results=True, yield_per=1000).execute(query)
                for row in result.mappings():
                    line = (
                        json.dumps(
                            {k: _json_value(v) for k, v in row.items()},
                            ensure_ascii=False,
                            separators=(",", ":"),
                        )
                        + "\n"
                    ).encode()
                    digest.update(line)
                    out.write(line)
                    size += len(line)
                    rows += 1
                    if table.name == "change_log":
                        max_seq = max(max_seq, int(row["seq"]))
                    elif table.name == "photo" and is_sha(row.get("sha256")):
                        named.add(str(row["sha256"]))
            writer.add_file(f"{DB_FOLDER}/{table.name}.jsonl", path, digest.hexdigest(), size)
        finally:
            path.unlink(missing_ok=True)
        counts[table.name] = rows
    return counts, max_seq, sorted(named)


def _copy_blob(writer: _Writer, store: Blobs, sha: str) -> str | None:
    """Add one blob; None when added, else why not ("missing", "corrupt")."""
    out, path = writer.spooled()
    digest = hashlib.sha256()
    size = 0
    try:
        with out:
            try:
                source = store.open_blob(sha)
            except FileNotFoundError:
                return "missing"
            with source:
                while chunk := source.read(CHUNK):
                    digest.update(chunk)
                    out.write(chunk)
                    size += len(chunk)
        if digest.hexdigest() != sha:
            return "corrupt"
        writer.add_file(f"{BLOB_FOLDER}/{sha}", path, sha, size)
        return None
    finally:
        path.unlink(missing_ok=True)


def take(engine: sa.Engine, store: Blobs, out_file: Path) -> BackupResult:
    """Write the backup to `out_file` (via out_file.part, renamed when complete)."""
    out_file = Path(out_file)
    partial = out_file.with_name(out_file.name + ".part")
    scratch = Path(tempfile.mkdtemp(prefix=".ducha-backup-", dir=out_file.parent))
    result = BackupResult(out_file, {})
    try:
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with (
            os.fdopen(fd, "wb") as out,
            tarfile.open(fileobj=out, mode="w|", format=tarfile.PAX_FORMAT) as tar,
        ):
            writer = _Writer(tar, scratch)
            with snapshot(engine) as conn:
                taken_at = now_iso()
                revision = _revision(conn)
                dialect = conn.dialect.name
                counts, max_seq, named = _dump_tables(writer, conn)
            # the snapshot is closed: writers were never held up; now the blobs
            held = set(store.shas())
            for sha in sorted(held | set(named)):
                why = _copy_blob(writer, store, sha)
                if why == "corrupt":
                    result.bad_blobs.append(sha)
                elif why == "missing":
                    result.missing_blobs.append(sha)
            manifest = {
                "format": FORMAT,
                "taken_at": taken_at,
                "finished_at": now_iso(),
                "dialect": dialect,
                "schema_revision": revision,
                "change_log_max_seq": max_seq,
                "rows": counts,
                "blobs": sum(1 for name in writer.files if name.startswith(f"{BLOB_FOLDER}/")),
                "blobs_named_not_held": result.missing_blobs,
                "blobs_corrupt_left_out": result.bad_blobs,
                "files": writer.files,
            }
            writer.add_bytes(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1).encode())
            tar.close()
            out.flush()
            os.fsync(out.fileno())
        os.replace(partial, out_file)
        result.manifest = manifest
        return result
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    finally:
        for leftover in scratch.glob("*"):
            leftover.unlink(missing_ok=True)
        scratch.rmdir()
