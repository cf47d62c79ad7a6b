"""Import photo files (or folders of them) as evidence of an inspection or one of its findings.

Workers check and decode each file, copy it into the blob store's tmp/ while hashing it, and make
its thumbnail. The calling thread alone writes the database, through its own connection: for each
photo it moves the copy into place and attaches it in one short transaction, so a kill leaves
every photo either complete with its row or absent (a moved-in blob without a row is harmless).
Cancel stops after the photo in hand; copies not yet attached are dropped, never placed.

No Qt: in the app this runs inside one job (app/evidence/import_job.py). The decode workers are
this import's own ThreadPoolExecutor, shut down and joined before import_photos returns, however
it ends; a worker's error is never swallowed: it refuses that file in words and goes to the log
(or, for a file left untried after a cancel, to the log only).

    python -m app.photos.importer DATA_DIR INSPECTION_ID FILE_OR_FOLDER...
"""

from __future__ import annotations

import argparse
import logging
import os
import sqlite3
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.photos.blobstore import MAX_BYTES, BlobError, BlobStore, Staged
from app.photos.metadata import PhotoInfo, PhotoRefused, inspect_photo
from app.photos.thumbnails import THUMB_SIZE, render_thumbnail, save_jpeg, thumbnail_path
from domain.clock import OFFICE_TZ_DEFAULT
from domain.i18n import QT_TRANSLATE_NOOP, Message
from local_db.inspections import require_draft
from local_db.photos import attach_photo
from local_db.store import Store, StoreError

log = logging.getLogger(__name__)

# Attaches a placed original to its owner: (store, meta) → (row, created).
Attach = Callable[[Store, dict[str, Any]], tuple[dict[str, Any], bool]]

_CTX = "photos"
# Never images: passed over when walking a folder (a camera card holds these beside the photos).
# Anything else found in a folder is tried, and reported when it is not an accepted image.
_SKIPPED = """
    .txt .xml .thm .xmp .aae .json .csv .ini .db .log .dat .ctg .bin .htm .html .pdf .doc .docx
    .xls .xlsx .zip .lnk .url .mp4 .mov .avi .mts .m2ts .3gp .mkv .wmv .lrv .lrf .insv .wav
    .mp3 .m4a .aac .amr .md .rtf .odt .ppt .pptx .7z .rar .gz .tar .exe .dll .cfg
"""
SKIPPED_SUFFIXES = frozenset(_SKIPPED.split())
# A temporary copy untouched for this long belongs to no live import (a killed one left it).
STALE_TEMP_SECONDS = 600.0


@dataclass(frozen=True)
class ImportEvent:
    kind: str  # 'imported' | 'duplicate' | 'refused' | 'progress'
    path: Path | None
    done: int  # files handled so far
    total: int  # files in the batch (folders expanded)
    row: dict[str, Any] | None = None  # the photo row (the existing one for a duplicate)
    reason: Message | None = None  # why it was refused, naming the file


@dataclass
class ImportReport:
    imported: list[dict[str, Any]] = field(default_factory=list)
    duplicates: list[dict[str, Any]] = field(default_factory=list)  # already on that owner
    refused: list[tuple[Path, Message]] = field(default_factory=list)
    cancelled: bool = False
    stopped: Message | None = None  # why the batch stopped early (disk full, inspection locked)
    not_imported: list[Path] = field(default_factory=list)  # left untried: cancel or stop


@dataclass(frozen=True)
class _Prepared:
    info: PhotoInfo
    staged: Staged


class _Stop(Exception):
    """The batch cannot go on (disk full, the inspection was submitted meanwhile)."""

    def __init__(self, reason: Message) -> None:
        super().__init__(str(reason))
        self.reason = reason


def expand(files: Iterable[Path]) -> list[Path]:
    """Files as given (always tried), folders walked recursively in name order, passing over
    hidden entries and files that are obviously not images."""
    found: list[Path] = []
    for given in files:
        if not given.is_dir():
            found.append(given)
            continue
        for folder, dirs, names in os.walk(given):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(names):
                path = Path(folder) / name
                if name.startswith(".") or path.suffix.lower() in SKIPPED_SUFFIXES:
                    continue
                found.append(path)
    return found


def _prepare(path: Path, blobs: BlobStore, data_dir: Path, zone: str, max_bytes: int) -> _Prepared:
    """Worker: check and decode (once, to thumbnail scale), copy into tmp/ while hashing, make
    the thumbnail. Raises PhotoRefused or BlobError."""
    info, decoded = inspect_photo(path, zone=zone, fit=THUMB_SIZE)
    staged = blobs.stage(path, max_bytes=max_bytes)
    try:
        thumb = thumbnail_path(data_dir, staged.sha256)
        if not thumb.exists():
            save_jpeg(render_thumbnail(decoded, info.orientation), thumb)
    except Exception:  # derived and regenerable: a failed thumbnail never loses the photo
        log.warning("no thumbnail for %s", path, exc_info=True)
    return _Prepared(info, staged)


def _meta(path: Path, prepared: _Prepared, sha256: str, byte_size: int) -> dict[str, Any]:
    info = prepared.info
    return {
        "sha256": sha256,
        "byte_size": byte_size,
        "original_name": path.name,
        "format": info.format,
        "width": info.width,
        "height": info.height,
        "orientation": info.orientation,
        "taken_at_raw": info.taken_at_raw,
        "taken_at": info.taken_at,
        "gps_lat": info.gps_lat,
        "gps_lon": info.gps_lon,
        "camera": info.camera,
    }


def _failed(path: Path, error: BaseException) -> Message:
    return Message(
        _CTX,
        QT_TRANSLATE_NOOP("photos", "{name}: could not be imported ({error})"),
        {"name": path.name, "error": str(error) or type(error).__name__},
    )


def _locked(path: Path) -> Message:
    return Message(
        _CTX,
        QT_TRANSLATE_NOOP(
            "photos", "{name}: the inspection was submitted or removed; nothing more is added"
        ),
        {"name": path.name},
    )


def _disk_full(path: Path) -> Message:
    return Message(
        _CTX, QT_TRANSLATE_NOOP("photos", "{name}: the disk is full"), {"name": path.name}
    )


class _Batch:
    """The calling thread's side of one import: commits in file order, reports each file."""

    def __init__(
        self,
        store: Store,
        blobs: BlobStore,
        inspection_id: str,
        finding_id: str | None,
        total: int,
        on_event: Callable[[ImportEvent], None] | None,
        attach: Attach | None = None,
    ) -> None:
        self.attach = attach
        self.store = store
        self.blobs = blobs
        self.inspection_id = inspection_id
        self.finding_id = finding_id
        self.total = total
        self.on_event = on_event
        self.done = 0
        self.report = ImportReport()

    def emit(self, kind: str, path: Path | None, **extra: Any) -> None:
        if self.on_event is not None:
            self.on_event(ImportEvent(kind, path, self.done, self.total, **extra))

    def refuse(self, path: Path, reason: Message) -> None:
        self.done += 1
        self.report.refused.append((path, reason))
        self.emit("refused", path, reason=reason)

    def commit(self, path: Path, prepared: _Prepared) -> None:
        """Place the copy and attach it in one transaction; raises _Stop when the batch ends."""
        try:
            ingested = self.blobs.place(prepared.staged)
        except BlobError as error:
            if error.disk_full:
                raise _Stop(_disk_full(path)) from error
            self.refuse(path, error.reason)
            return
        meta = _meta(path, prepared, ingested.sha256, ingested.byte_size)
        try:
            if self.attach is not None:
                row, created = self.attach(self.store, meta)
            else:
                row, created = attach_photo(
                    self.store, meta, inspection_id=self.inspection_id, finding_id=self.finding_id
                )
        except (StoreError, KeyError, ValueError) as error:  # locked, removed, finding gone
            raise _Stop(_locked(path)) from error
        except sqlite3.OperationalError as error:
            if "full" in str(error):
                raise _Stop(_disk_full(path)) from error
            log.warning("could not attach %s", path, exc_info=True)
            self.refuse(path, _failed(path, error))
            return
        self.done += 1
        if created:
            self.report.imported.append(row)
            self.emit("imported", path, row=row)
        else:
            self.report.duplicates.append(row)
            self.emit("duplicate", path, row=row)

    def handle(self, path: Path, future: Future[_Prepared]) -> None:
        try:
            prepared = future.result()
        except PhotoRefused as error:
            self.refuse(path, error.reason)
            return
        except BlobError as error:
            if error.disk_full:
                raise _Stop(error.reason) from error
            self.refuse(path, error.reason)
            return
        except Exception as error:  # a bug or an odd file must not end the batch silently
            log.exception("import of %s failed", path)
            self.refuse(path, _failed(path, error))
            return
        self.commit(path, prepared)


def import_one(
    store: Store,
    data_dir: Path,
    path: Path,
    *,
    inspection_id: str,
    finding_id: str | None,
    zone: str = OFFICE_TZ_DEFAULT,
    attach: Attach | None = None,
) -> dict[str, Any]:
    """Import one file now, on the caller's connection and transaction (the demo, scripts);
    with `attach`, onto another owner than an inspection (a rectification's after-photo).

    The same steps as a batch: check, copy while hashing, thumbnail, place, attach. Raises
    PhotoRefused or BlobError for a file that cannot be evidence.
    """
    blobs = BlobStore(data_dir / "blobs")
    prepared = _prepare(path, blobs, data_dir, zone, MAX_BYTES)
    ingested = blobs.place(prepared.staged)
    meta = _meta(path, prepared, ingested.sha256, ingested.byte_size)
    if attach is not None:
        row, _created = attach(store, meta)
    else:
        row, _created = attach_photo(
            store, meta, inspection_id=inspection_id, finding_id=finding_id
        )
    return row


def _check_owner(store: Store, inspection_id: str, finding_id: str | None) -> None:
    require_draft(store, inspection_id)
    if finding_id is not None:
        finding = store.row("finding", finding_id)
        if finding is None or finding["inspection_id"] != inspection_id:
            raise ValueError(f"finding {finding_id} is not part of {inspection_id}")


def import_photos(
    data_dir: Path,
    files: list[Path],
    *,
    inspection_id: str,
    finding_id: str | None,
    on_event: Callable[[ImportEvent], None] | None = None,
    cancel: threading.Event | None = None,
    workers: int = 2,
    zone: str = OFFICE_TZ_DEFAULT,
    max_bytes: int = MAX_BYTES,
    attach: Attach | None = None,
) -> ImportReport:
    """Import `files` (folders expanded) onto a draft inspection, or one of its findings; or,
    with `attach` (store, meta → (row, created)), onto another owner (a rectification's
    after-photos), `inspection_id` then being ignored.

    Events arrive on the calling thread. Raises InspectionLocked, KeyError or ValueError before
    anything is done when the owner cannot take photos; every per-file problem is reported.
    """
    cancel = cancel or threading.Event()
    blobs = BlobStore(data_dir / "blobs")
    blobs.purge_temp(min_age=STALE_TEMP_SECONDS)
    store = Store.open(data_dir)
    try:
        if attach is None:
            _check_owner(store, inspection_id, finding_id)
        paths = expand(files)
        batch = _Batch(store, blobs, inspection_id, finding_id, len(paths), on_event, attach)
        batch.emit("progress", None)
        _run(batch, paths, blobs, data_dir, zone, max_bytes, cancel, max(1, workers))
        return batch.report
    finally:
        store.close()


def _wait(job: Future[_Prepared], cancel: threading.Event) -> bool:
    """Wait for a worker's result; False when cancelled first."""
    while not cancel.is_set():
        if wait([job], timeout=0.1).done:
            return True
    return False


def _run(
    batch: _Batch,
    paths: list[Path],
    blobs: BlobStore,
    data_dir: Path,
    zone: str,
    max_bytes: int,
    cancel: threading.Event,
    workers: int,
) -> None:
    window = workers * 2  # enough to keep the workers busy; little to throw away on cancel
    queue = deque(paths)
    pending: deque[tuple[Path, Future[_Prepared]]] = deque()
    pool = ThreadPoolExecutor(workers, thread_name_prefix="photo-import")
    try:
        while queue or pending:
            while queue and len(pending) < window and not cancel.is_set():
                path = queue.popleft()
                job = pool.submit(_prepare, path, blobs, data_dir, zone, max_bytes)
                pending.append((path, job))
            if cancel.is_set() or not _wait(pending[0][1], cancel):
                batch.report.cancelled = True
                break
            path, job = pending.popleft()
            try:
                batch.handle(path, job)
            except _Stop as stop:
                batch.report.stopped = stop.reason
                batch.refuse(path, stop.reason)
                break
    finally:
        for _path, job in pending:
            job.cancel()
        pool.shutdown(wait=True)  # no worker outlives the import
        for path, job in pending:  # copies made but never attached are dropped, not placed
            if not job.done() or job.cancelled():
                continue
            error = job.exception()
            if error is None:
                blobs.discard(job.result().staged)
            elif not isinstance(error, PhotoRefused | BlobError):
                log.warning("check of %s failed (not imported)", path, exc_info=error)
        batch.report.not_imported = [p for p, _ in pending] + list(queue)


def main(argv: list[str] | None = None) -> int:
    """Import from the command line; prints one line per file. Exit 1 when any was refused."""
    parser = argparse.ArgumentParser(prog="python -m app.photos.importer")
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("inspection_id")
    parser.add_argument("files", type=Path, nargs="+")
    parser.add_argument("--finding", default=None, help="the finding id the photos are of")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--zone", default=OFFICE_TZ_DEFAULT)
    args = parser.parse_args(argv)

    def show(event: ImportEvent) -> None:
        if event.kind != "progress":
            detail = str(event.reason) if event.reason else (event.row or {}).get("sha256", "")
            print(f"{event.done}/{event.total}\t{event.kind}\t{event.path}\t{detail}", flush=True)

    report = import_photos(
        args.data_dir,
        args.files,
        inspection_id=args.inspection_id,
        finding_id=args.finding,
        on_event=show,
        workers=args.workers,
        zone=args.zone,
    )
    print(
        f"imported {len(report.imported)}, already there {len(report.duplicates)}, "
        f"refused {len(report.refused)}, not tried {len(report.not_imported)}",
        flush=True,
    )
    return 1 if report.refused or report.stopped else 0


def import_photos_cli() -> None:
    sys.exit(main())


if __name__ == "__main__":
    import_photos_cli()
