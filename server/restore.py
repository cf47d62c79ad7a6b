"""`ducha-server restore FILE --data-dir DIR [--database-url URL]`: a backup (server/backup.py)
brought back on a new machine.

1. The target must be new: the data directory empty (its `logs/` aside, which every command
   writes) and the database without tables; anything else is refused before a byte is written.
2. The tar is read once, in order. Every member is hashed as it is extracted: database files
   into a staging folder, blobs through a temporary file into the store with `add_verified`
   (which hashes again against the name and never replaces). A member not of the backup's layout
   (a link, a path outside it, an unknown name) is refused.
3. The manifest (the last member) is compared with what arrived: a file missing, extra, or whose
   SHA-256 or size differs refuses the restore naming that file, before the database is touched;
   what this run placed in the data directory is removed again (blobs added to an object store
   stay: each was hashed against its name, so they are genuine).
4. The schema is created by the Alembic revisions up to the backup's revision, the rows are
   loaded as they were (seqs, ids and autoincrement counters carried on), then the revisions
   after it run, as on an upgrade. The database gets a new epoch (server/epoch.py) recording the
   restored change_log max seq, so laptops that synced after the backup notice it. Each notice
   number counter moves `number_gap` numbers on (`--number-gap`, default 1000): blocks laptops
   reserved after the backup lie in the numbers skipped, so they are never handed out twice, and
   a notice numbered from one is accepted from its laptop (server/numbers.py).
5. `ducha-server verify`'s checks run on the result (server/cli.py cmd_verify).

Laptops go on without a full resync: their devices, access tokens and refresh credentials (kept
as hashes), remembered push batches, number blocks and the change log with its seqs are
restored as they were. A laptop that synced after the backup notices the new epoch at its next
sync, pulls again from the restored max seq and sends again what the server lost of its own rows
(app/sync/engine.py, server/epoch.py).
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import tarfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import sqlalchemy as sa

from server import audit, epoch, numbers, org
from server.backup import BLOB_FOLDER, CHUNK, DB_FOLDER, FORMAT, MANIFEST, Blobs, reflect
from server.blobs import DIR_MODE, is_sha, make_dir
from server.db import make_engine, upgrade
from server.settings import Settings

MAX_MANIFEST_BYTES = 512 * 1024 * 1024
_TABLE = re.compile(r"[a-z_][a-z0-9_]{0,62}")
KEPT = frozenset({"logs"})  # written by every command before it runs: not a sign of use
BATCH = 1000
NOT_LOADED = frozenset({"server_epoch"})  # renewed, not restored


class RestoreRefused(Exception):
    """The target is not new, or the backup is not whole: the message names what."""


@dataclass
class Restored:
    manifest: dict[str, Any]
    blobs_added: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    epoch: str = ""


def target_problem(data_dir: Path, url: str) -> str | None:
    """Why this data directory and database cannot take a restore, or None."""
    if data_dir.exists():
        if not data_dir.is_dir():
            return f"{data_dir} is not a directory"
        used = sorted(p.name for p in data_dir.iterdir() if p.name not in KEPT)
        if used:
            return (
                f"the data directory {data_dir} is not empty ({', '.join(used[:5])}): "
                "restore onto a new machine's empty directory"
            )
    if url.startswith("sqlite") and not Path(url.split(":///", 1)[-1]).exists():
        return None  # connecting would create the file
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            tables = sa.inspect(conn).get_table_names()
    except sa.exc.DBAPIError as exc:
        return f"the database cannot be reached ({type(exc.orig).__name__})"
    finally:
        engine.dispose()
    if tables:
        return (
            f"the database already holds {len(tables)} table(s) ({', '.join(sorted(tables)[:5])}"
            "): restore into a new, empty database"
        )
    return None


def _copy(source: IO[bytes], target: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with target.open("xb") as out:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            out.write(chunk)
            size += len(chunk)
    target.chmod(0o600)
    return digest.hexdigest(), size


def _extract(
    backup: Path, staging: Path, store: Blobs
) -> tuple[dict[str, Any], dict[str, dict[str, Any]], int]:
    """(manifest, {member: {sha256, size}} as read, blobs added)."""
    seen: dict[str, dict[str, Any]] = {}
    manifest: dict[str, Any] | None = None
    added = 0
    try:
        with tarfile.open(backup, mode="r|*") as tar:
            for member in tar:
                name = member.name
                if not member.isfile():
                    raise RestoreRefused(f"{backup}: {name} is not a regular file")
                if name in seen:
                    raise RestoreRefused(f"{backup}: {name} appears twice")
                source = tar.extractfile(member)
                assert source is not None  # a regular file
                if name == MANIFEST:
                    if member.size > MAX_MANIFEST_BYTES:
                        raise RestoreRefused(f"{backup}: {name} is too large")
                    try:
                        manifest = json.loads(source.read())
                    except ValueError:
                        raise RestoreRefused(f"{backup}: {name} is not JSON") from None
                    seen[name] = {}
                    continue
                folder, _, base = name.partition("/")
                if folder == DB_FOLDER and base.endswith(".jsonl") and _TABLE.fullmatch(base[:-6]):
                    sha, size = _copy(source, staging / base)
                elif folder == BLOB_FOLDER and is_sha(base):
                    temp = staging / f"blob-{base}"
                    sha, size = _copy(source, temp)
                    if sha != base:
                        temp.unlink()
                        raise RestoreRefused(
                            f"{backup}: {name} is corrupted (its content hashes to {sha})"
                        )
                    try:
                        added += bool(store.add_verified(temp, base))
                    finally:
                        temp.unlink(missing_ok=True)
                else:
                    raise RestoreRefused(f"{backup}: {name} is not part of a Ducha backup")
                seen[name] = {"sha256": sha, "size": size}
    except (tarfile.TarError, EOFError, OSError) as exc:
        raise RestoreRefused(f"{backup}: not a readable backup, or cut short ({exc})") from None
    if manifest is None:
        raise RestoreRefused(f"{backup}: no {MANIFEST} (not a Ducha backup, or cut short)")
    return manifest, seen, added


def check(manifest: dict[str, Any], seen: dict[str, dict[str, Any]], backup: Path) -> None:
    """Refuse unless every file the manifest lists arrived with its SHA-256 and size."""
    if manifest.get("format") != FORMAT:
        raise RestoreRefused(f"{backup}: {MANIFEST} is not of format {FORMAT}")
    listed = manifest.get("files")
    if not isinstance(listed, dict):
        raise RestoreRefused(f"{backup}: {MANIFEST} lists no files")
    for name, want in listed.items():
        got = seen.get(name)
        if got is None:
            raise RestoreRefused(f"{backup}: {name} is listed in the manifest but missing")
        if got != {"sha256": want.get("sha256"), "size": want.get("size")}:
            raise RestoreRefused(
                f"{backup}: {name} is corrupted: SHA-256 {got['sha256']} ({got['size']} bytes), "
                f"the manifest says {want.get('sha256')} ({want.get('size')} bytes)"
            )
    extra = sorted(set(seen) - set(listed) - {MANIFEST})
    if extra:
        raise RestoreRefused(f"{backup}: {extra[0]} is not listed in the manifest")


def _rows(path: Path) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            batch.append(json.loads(line))
            if len(batch) >= BATCH:
                yield batch
                batch = []
    if batch:
        yield batch


def _carry_counters(conn: sa.Connection, tables: list[sa.Table]) -> None:
    """PostgreSQL: each serial/identity column's sequence goes on after the loaded rows (SQLite
    moves its AUTOINCREMENT counter with every insert by itself)."""
    if conn.dialect.name != "postgresql":
        return
    for table in tables:
        for column in table.primary_key.columns:
            sequence = conn.execute(
                sa.text("SELECT pg_get_serial_sequence(:t, :c)"),
                {"t": table.name, "c": column.name},
            ).scalar()
            if sequence:
                top = conn.execute(sa.select(sa.func.max(column))).scalar()
                conn.execute(
                    sa.text("SELECT setval(:s, :v, :called)"),
                    {"s": sequence, "v": top or 1, "called": top is not None},
                )


def _load(url: str, staging: Path, manifest: dict[str, Any], backup: Path) -> dict[str, int]:
    revision = manifest.get("schema_revision")
    if not isinstance(revision, str):
        raise RestoreRefused(f"{backup}: {MANIFEST} names no schema revision")
    upgrade(url, revision)  # the schema the rows were written from
    engine = make_engine(url)
    loaded: dict[str, int] = {}
    try:
        with engine.begin() as conn:
            tables = {t.name: t for t in reflect(conn)}
            wanted = manifest.get("rows") or {}
            unknown = sorted(set(wanted) - set(tables))
            if unknown:
                raise RestoreRefused(
                    f"{backup}: table {unknown[0]} is not in the schema of revision {revision}"
                )
            for name, table in tables.items():
                if name in NOT_LOADED or name not in wanted:
                    continue
                count = 0
                path = staging / f"{name}.jsonl"
                if path.exists():
                    for batch in _rows(path):
                        conn.execute(sa.insert(table), batch)
                        count += len(batch)
                if count != wanted[name]:
                    raise RestoreRefused(
                        f"{backup}: {DB_FOLDER}/{name}.jsonl holds {count} rows, "
                        f"the manifest says {wanted[name]}"
                    )
                loaded[name] = count
            _carry_counters(conn, list(tables.values()))
    finally:
        engine.dispose()
    upgrade(url)  # the revisions after the backup's, as on an upgrade
    return loaded


def _clear(data_dir: Path, before: set[str]) -> None:
    """Remove what this run created in the data directory (it held only `before`)."""
    if not data_dir.is_dir():
        return
    for path in data_dir.iterdir():
        if path.name in before:
            continue
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()


def restore(
    backup: Path,
    data_dir: Path,
    url: str,
    make_store: Callable[[], Blobs],
    number_gap: int = 1000,
) -> Restored:
    """Restore `backup` into the new `data_dir` and database `url` (RestoreRefused: nothing of
    it kept in the data directory, and the database untouched unless loading itself failed)."""
    backup, data_dir = Path(backup), Path(data_dir)
    if not backup.is_file():
        raise RestoreRefused(f"{backup}: no such file")
    problem = target_problem(data_dir, url)
    if problem:
        raise RestoreRefused(problem)
    make_dir(data_dir)
    before = {p.name for p in data_dir.iterdir()}
    staging = data_dir / "restore-staging"
    try:
        staging.mkdir(mode=DIR_MODE)
        store = make_store()
        manifest, seen, added = _extract(backup, staging, store)
        check(manifest, seen, backup)
        rows = _load(url, staging, manifest, backup)
        engine = make_engine(url)
        try:
            with engine.begin() as conn:
                prefix, zone = org.office(conn, Settings(data_dir=data_dir, database_url=url))
                gaps = numbers.open_restore_gap(
                    conn, number_gap, prefix, numbers.year_of(None, zone)
                )
                renewed = epoch.renew(
                    conn,
                    int(manifest.get("change_log_max_seq") or 0),
                    str(manifest["taken_at"]),
                    gaps,
                )
                audit.record(
                    conn,
                    "restore",
                    **audit.cli_actor(),
                    detail={
                        "backup": backup.name,
                        "taken_at": manifest.get("taken_at"),
                        "restored_seq": int(manifest.get("change_log_max_seq") or 0),
                        "epoch": renewed,
                    },
                )
        finally:
            engine.dispose()
    except RestoreRefused:
        shutil.rmtree(staging, ignore_errors=True)
        _clear(data_dir, before)
        raise
    shutil.rmtree(staging, ignore_errors=True)
    return Restored(manifest, added, rows, renewed)
