"""Import photo files (or folders of them) as evidence of an inspection or one of its findings.

Workers check and decode each file, copy it into the blob store's tmp/ while hashing it, and make
its thumbnail. The calling thread alone writes the database, through its own connection: for each
photo it moves the copy into place and attaches it in one short transaction, so a kill leaves
every photo either complete with its row or absent (a moved-in blob without a row is harmless).
Cancel stops after the photo in hand; copies not yet attached are dropped, never placed.

Only regular files are read (a FIFO, socket, device or folder is skipped by name), and a file that
gives nothing for READ_TIMEOUT_SECONDS is skipped by name while the import goes on. A worker stuck
in a read cannot be stopped: each file is checked on a daemon thread of its own, which the import
abandons (cancel, time limit) instead of joining, and which then removes whatever it still makes;
it never writes the database. An attach the store refuses for a while (another writer held it past
the busy timeout, a disk error) is tried again; if it still fails the photo is listed as not saved,
with its file, for the user to import again: nothing is dropped in silence. No Qt: in the app this
runs inside one job (app/evidence/import_job.py); a worker's error refuses that file in words and
goes to the log.

    python -m app.photos.importer DATA_DIR INSPECTION_ID FILE_OR_FOLDER...
"""

from __future__ import annotations

import argparse
import logging
import os
import sqlite3
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.photos.blobstore import MAX_BYTES, Abandoned, BlobError, BlobStore, Staged
from app.photos.file_worker import FileWorker
from app.photos.files import is_regular
from app.photos.media import MediaInfo, inspect_media, media_type_of
from app.photos.metadata import PhotoInfo, PhotoRefused, inspect_photo
from app.photos.thumbnails import THUMB_SIZE, render_thumbnail, save_jpeg, thumbnail_path
from domain.clock import OFFICE_TZ_DEFAULT
from domain.i18n import QT_TRANSLATE_NOOP, Message
from domain.org_settings import DEFAULT_MAX_MEDIA_BYTES
from local_db.inspections import require_draft
from local_db.org_settings import org_settings
from local_db.photos import attach_photo
from local_db.store import Store, StoreError, is_busy

log = logging.getLogger(__name__)

# Attaches a placed original to its owner: (store, meta) → (row, created).
Attach = Callable[[Store, dict[str, Any]], tuple[dict[str, Any], bool]]

_CTX = "photos"
# Never images: passed over when walking a folder (a camera card holds these beside the photos).
# Anything else found in a folder is tried, and reported when it is not an accepted image.
# Video and audio are evidence too (app/photos/media.py); only cameras' low-resolution proxies
# (.lrv, .lrf) and 360° raw files (.insv) beside them are passed over.
_SKIPPED = """
    .txt .xml .thm .xmp .aae .json .csv .ini .db .log .dat .ctg .bin .htm .html .pdf .doc .docx
    .xls .xlsx .zip .lnk .url .lrv .lrf .insv .md .rtf .odt .ppt .pptx .7z .rar .gz .tar .exe
    .dll .cfg
"""
SKIPPED_SUFFIXES = frozenset(_SKIPPED.split())
# A temporary copy untouched for this long belongs to no live import (a killed one left it).
STALE_TEMP_SECONDS = 600.0
# A file that gives nothing for this long (a stalled network share, a card reader that hangs) is
# skipped by name and the import goes on.
READ_TIMEOUT_SECONDS = 30.0
# How often an attach the store refused (busy past its timeout, an I/O error) is tried in all.
ATTACH_ATTEMPTS = 3
_POLL_SECONDS = 0.05  # how soon a cancel is noticed while a worker runs
# How long a cancelled import waits for its workers to finish their file before abandoning them
# (a worker stuck in a read is never waited for longer: Cancel returns within a second).
ABANDON_GRACE_SECONDS = 0.5
# Files from this size on report their copy's progress (a 2 GB video takes seconds to copy).
PROGRESS_FROM_BYTES = 32 << 20


@dataclass(frozen=True)
class ImportEvent:
    kind: str  # 'imported' | 'duplicate' | 'refused' | 'skipped' | 'unsaved' | 'progress'
    path: Path | None
    done: int  # files handled so far
    total: int  # files in the batch (folders expanded)
    row: dict[str, Any] | None = None  # the photo row (the existing one for a duplicate)
    reason: Message | None = None  # why it was refused, naming the file
    # A large file's copy under way ('progress' with a path): bytes copied of its size.
    copied: int = 0
    size: int = 0


@dataclass
class ImportReport:
    imported: list[dict[str, Any]] = field(default_factory=list)
    duplicates: list[dict[str, Any]] = field(default_factory=list)  # already on that owner
    refused: list[tuple[Path, Message]] = field(default_factory=list)
    # Not regular files (FIFOs, sockets, devices) and files that gave nothing in time.
    skipped: list[tuple[Path, Message]] = field(default_factory=list)
    # Checked and stored, but the store would not take the row: kept, to be imported again.
    unsaved: list[tuple[Path, Message]] = field(default_factory=list)
    cancelled: bool = False
    stopped: Message | None = None  # why the batch stopped early (disk full, inspection locked)
    not_imported: list[Path] = field(default_factory=list)  # left untried: cancel or stop


@dataclass(frozen=True)
class _Prepared:
    info: PhotoInfo | MediaInfo
    staged: Staged


class _Stop(Exception):
    """The batch cannot go on (disk full, the inspection was submitted meanwhile)."""

    def __init__(self, reason: Message) -> None:
        super().__init__(str(reason))
        self.reason = reason


def expand(files: Iterable[Path]) -> list[Path]:
    """Files as given (always tried), folders walked recursively in name order, passing over
    hidden entries and files that are obviously not images. Entries that are not regular files
    are kept: the import skips them by name (never opening them)."""
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


def _prepare(
    path: Path,
    blobs: BlobStore,
    data_dir: Path,
    zone: str,
    max_bytes: int,
    abandoned: Callable[[], bool] | None = None,
    media_max_bytes: int = DEFAULT_MAX_MEDIA_BYTES,
    on_bytes: Callable[[int], None] | None = None,
) -> _Prepared:
    """Worker: check and decode (once, to thumbnail scale; a recording's poster frame), copy
    into tmp/ while hashing, make the thumbnail. Raises PhotoRefused or BlobError; Abandoned
    (leaving nothing) once `abandoned()` says the import stopped waiting for it."""
    info: PhotoInfo | MediaInfo
    if media_type_of(path) is not None:
        if is_regular(path) and path.stat().st_size > media_max_bytes:
            raise media_too_large(path.name, media_max_bytes)
        info, poster = inspect_media(path, zone=zone, poster_size=THUMB_SIZE)
        max_bytes = media_max_bytes

        def thumbnail() -> Any:
            return poster

    else:
        info, decoded = inspect_photo(path, zone=zone, fit=THUMB_SIZE)
        orientation = info.orientation

        def thumbnail() -> Any:
            return render_thumbnail(decoded, orientation)

    if abandoned is not None and abandoned():
        raise Abandoned(path.name)
    staged = blobs.stage(path, max_bytes=max_bytes, abandoned=abandoned, on_bytes=on_bytes)
    if abandoned is not None and abandoned():
        blobs.discard(staged)
        raise Abandoned(path.name)
    try:
        thumb = thumbnail_path(data_dir, staged.sha256)
        if not thumb.exists():
            save_jpeg(thumbnail(), thumb)
    except Exception:  # derived and regenerable: a failed thumbnail never loses the photo
        log.warning("no thumbnail for %s", path, exc_info=True)
    return _Prepared(info, staged)


def media_too_large(name: str, limit: int) -> BlobError:
    """A recording above the office's limit (org settings, default 2 GB)."""
    return BlobError(
        Message(
            _CTX,
            QT_TRANSLATE_NOOP(
                "photos",
                "{name}: the recording is larger than the office's limit of {limit} MB "
                "(ask the office to raise it, or trim the recording)",
            ),
            {"name": name, "limit": limit // (1 << 20)},
        )
    )


def _meta(path: Path, prepared: _Prepared, sha256: str, byte_size: int) -> dict[str, Any]:
    info = prepared.info
    meta: dict[str, Any] = {
        "sha256": sha256,
        "byte_size": byte_size,
        "original_name": path.name,
        "format": info.format,
        "width": info.width,
        "height": info.height,
        "taken_at_raw": info.taken_at_raw,
        "taken_at": info.taken_at,
        "taken_at_source": info.taken_at_source,
        "gps_lat": info.gps_lat,
        "gps_lon": info.gps_lon,
        "camera": info.camera,
    }
    if isinstance(info, MediaInfo):
        meta.update(media_type=info.media_type, duration_ms=info.duration_ms, codec=info.codec)
    else:
        meta["orientation"] = info.orientation
    return meta


def _failed(path: Path) -> Message:
    """A check that failed for an unforeseen reason (the detail is in the log)."""
    return Message(
        _CTX,
        QT_TRANSLATE_NOOP("photos", "{name}: could not be imported (the details are in the log)"),
        {"name": path.name},
    )


def _unsaved(path: Path) -> Message:
    return Message(
        _CTX,
        QT_TRANSLATE_NOOP(
            "photos",
            "{name}: could not be saved just now (the store was busy or could not be written); "
            "the photo is kept: import it again",
        ),
        {"name": path.name},
    )


def _not_regular(path: Path) -> Message:
    return Message(
        _CTX,
        QT_TRANSLATE_NOOP(
            "photos", "{name}: not a regular file (a pipe, device or folder); skipped"
        ),
        {"name": path.name},
    )


def _too_slow(path: Path, seconds: float) -> Message:
    return Message(
        _CTX,
        QT_TRANSLATE_NOOP("photos", "{name}: the file gave nothing for {seconds} seconds; skipped"),
        {"name": path.name, "seconds": round(seconds)},
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

    def skip(self, path: Path, reason: Message) -> None:
        self.done += 1
        self.report.skipped.append((path, reason))
        self.emit("skipped", path, reason=reason)

    def _attach(self, meta: dict[str, Any]) -> tuple[dict[str, Any], bool]:
        if self.attach is not None:
            return self.attach(self.store, meta)
        return attach_photo(
            self.store, meta, inspection_id=self.inspection_id, finding_id=self.finding_id
        )

    def commit(self, path: Path, prepared: _Prepared) -> None:
        """Place the copy and attach it in one transaction; raises _Stop when the batch ends.

        An attach the store refuses (busy past its timeout, an I/O error) is tried again; when
        it still fails the photo is reported unsaved by name (its original stays stored, the
        row is simply not there): the user imports it again. Never a silent loss."""
        try:
            ingested = self.blobs.place(prepared.staged)
        except BlobError as error:
            if error.disk_full:
                raise _Stop(_disk_full(path)) from error
            self.refuse(path, error.reason)
            return
        meta = _meta(path, prepared, ingested.sha256, ingested.byte_size)
        for attempt in range(1, ATTACH_ATTEMPTS + 1):
            try:
                row, created = self._attach(meta)
                break
            except (StoreError, KeyError, ValueError) as error:  # locked, removed, finding gone
                raise _Stop(_locked(path)) from error
            except sqlite3.OperationalError as error:
                if "full" in str(error) and not is_busy(error):
                    raise _Stop(_disk_full(path)) from error
                log.warning(
                    "attach of %s failed (attempt %d of %d)",
                    path,
                    attempt,
                    ATTACH_ATTEMPTS,
                    exc_info=True,
                )
        else:
            self.done += 1
            reason = _unsaved(path)
            self.report.unsaved.append((path, reason))
            self.emit("unsaved", path, reason=reason)
            return
        self.done += 1
        if created:
            self.report.imported.append(row)
            self.emit("imported", path, row=row)
        else:
            self.report.duplicates.append(row)
            self.emit("duplicate", path, row=row)

    def handle(self, work: FileWorker[_Prepared]) -> None:
        path = work.path
        if work.error is not None:
            error = work.error
            if isinstance(error, PhotoRefused):
                if error.kind == "not_regular":
                    self.skip(path, error.reason)
                else:
                    self.refuse(path, error.reason)
            elif isinstance(error, BlobError):
                if error.disk_full:
                    raise _Stop(error.reason) from error
                self.refuse(path, error.reason)
            else:  # a bug or an odd file must not end the batch silently
                log.error("import of %s failed", path, exc_info=error)
                self.refuse(path, _failed(path))
            return
        assert work.result is not None
        self.commit(path, work.result)


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
    media_max = org_settings(store).max_media_bytes
    prepared = _prepare(path, blobs, data_dir, zone, MAX_BYTES, None, media_max)
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
    read_timeout: float = READ_TIMEOUT_SECONDS,
    media_max_bytes: int | None = None,
) -> ImportReport:
    """Import `files` (folders expanded) onto a draft inspection, or one of its findings; or,
    with `attach` (store, meta → (row, created)), onto another owner (a rectification's
    after-photos), `inspection_id` then being ignored.

    Video and audio go through the same steps (their poster is the thumbnail), up to
    `media_max_bytes` each: the office's limit (org settings) when not given.

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
        if media_max_bytes is None:
            media_max_bytes = org_settings(store).max_media_bytes
        paths = expand(files)
        batch = _Batch(store, blobs, inspection_id, finding_id, len(paths), on_event, attach)
        batch.emit("progress", None)
        limits = (max_bytes, media_max_bytes)
        _run(batch, paths, blobs, data_dir, zone, limits, cancel, max(1, workers), read_timeout)
        return batch.report
    finally:
        store.close()


def _run(
    batch: _Batch,
    paths: list[Path],
    blobs: BlobStore,
    data_dir: Path,
    zone: str,
    limits: tuple[int, int],
    cancel: threading.Event,
    workers: int,
    read_timeout: float,
) -> None:
    """Check files on up to `workers` threads, a few ahead, and commit them in file order."""
    window = workers * 2  # enough to keep the workers busy; little to throw away on cancel
    queue = deque(paths)
    pending: deque[FileWorker[_Prepared]] = deque()
    wake = threading.Event()  # a worker finished
    copied: dict[Path, int] = {}  # bytes copied so far, per file under way (its worker writes)
    shown: dict[Path, int] = {}  # the last copy progress reported, per file

    def fill() -> None:
        while queue and len(pending) < window and not cancel.is_set():
            path = queue.popleft()
            if not is_regular(path) and path.exists():  # a FIFO, socket or device: never opened
                batch.skip(path, _not_regular(path))
                continue

            copied[path] = 0

            def prepare(abandoned: Callable[[], bool], path: Path = path) -> _Prepared:
                def on_bytes(n: int) -> None:
                    copied[path] = n

                return _prepare(
                    path, blobs, data_dir, zone, limits[0], abandoned, limits[1], on_bytes
                )

            pending.append(
                FileWorker(
                    path,
                    prepare,
                    discard=lambda prepared: blobs.discard(prepared.staged),
                    expected=(PhotoRefused, BlobError, Abandoned),
                    wake=wake,
                )
            )
        running = sum(1 for w in pending if w.started and not w.finished.is_set())
        for work in pending:
            if running >= workers:
                break
            if not work.started:
                work.start()
                running += 1

    try:
        while True:
            fill()
            if cancel.is_set():
                batch.report.cancelled = True
                break
            if not pending:
                break
            head = pending[0]
            if not head.finished.is_set():
                wake.wait(_POLL_SECONDS)  # another's end frees a worker for the next file
                wake.clear()  # what ended before this is seen by the checks that follow
                if head.finished.is_set():
                    continue
                _copy_progress(batch, head.path, copied, shown)
                if time.monotonic() - head.alive_at > read_timeout:
                    pending.popleft()
                    head.abandon()
                    log.warning("%s gave nothing for %.0f s: skipped", head.path, read_timeout)
                    batch.skip(head.path, _too_slow(head.path, read_timeout))
                continue
            pending.popleft()
            head.thread.join()  # it has finished: only its last lines remain
            try:
                batch.handle(head)
            except _Stop as stop:
                batch.report.stopped = stop.reason
                batch.refuse(head.path, stop.reason)
                break
    finally:
        for work in pending:  # copies made but never attached are dropped, never placed
            work.abandon()
        deadline = time.monotonic() + ABANDON_GRACE_SECONDS
        for work in pending:  # most finish their file at once; a stuck one is left behind
            if work.started:
                work.thread.join(max(0.0, deadline - time.monotonic()))
        batch.report.not_imported = [w.path for w in pending] + list(queue)


def _copy_progress(
    batch: _Batch, path: Path, copied: dict[Path, int], shown: dict[Path, int]
) -> None:
    """Report a large file's copy (a long recording) by whole percents while it is under way."""
    try:
        size = path.stat().st_size
    except OSError:
        return
    done = copied.get(path, 0)
    if size < PROGRESS_FROM_BYTES or not done:
        return
    percent = done * 100 // size
    if percent > shown.get(path, -1):
        shown[path] = percent
        batch.emit("progress", path, copied=done, size=size)


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
        f"refused {len(report.refused)}, skipped {len(report.skipped)}, "
        f"not saved {len(report.unsaved)}, not tried {len(report.not_imported)}",
        flush=True,
    )
    return 1 if report.refused or report.unsaved or report.stopped else 0


def import_photos_cli() -> None:
    sys.exit(main())


if __name__ == "__main__":
    import_photos_cli()
