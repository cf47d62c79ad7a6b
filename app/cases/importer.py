"""Import a hotline or 随手拍 export as problem cases (问题来源), all or nothing: the file is read
and checked (app/cases/case_file.py), 工单号 already held are refused by name, the photos go
through the photo importer (app/photos/importer.py: checked, copied bit-exact into the blob
store while hashed, EXIF read, thumbnails made) and only when every one was taken are the cases
and their photo rows written, in one transaction (local_db/cases.py). A file with any problem
changes nothing in the store (an original already copied into the blob store stays there,
unreferenced and harmless, as after a cancelled import). No Qt: the GUI runs it in a Job, the
command line directly.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from app.cases.case_file import CaseLine, Problem, read_case_file
from app.photos.importer import ImportEvent, import_photos
from domain.i18n import QT_TRANSLATE_NOOP, Message
from local_db.cases import NewCase, held_tickets, record_cases
from local_db.org_settings import org_settings
from local_db.reference import local_person_id
from local_db.store import Store

_CTX = "case_file"


@dataclass
class CaseImport:
    """What an import did: the cases recorded, or why none was."""

    saved: list[dict[str, Any]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    held: list[str] = field(default_factory=list)  # 工单号 already imported
    cancelled: bool = False

    @property
    def ok(self) -> bool:
        return not (self.problems or self.held or self.cancelled)


def import_cases(
    data_dir: Path,
    path: Path,
    *,
    source: str = "hotline",
    photo_folder: Path | None = None,
    cancel: threading.Event | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> CaseImport:
    """Import `path` into the store in `data_dir` as cases of `source`."""
    outcome = CaseImport()
    store = Store.open(data_dir)
    try:
        zone = org_settings(store).time_zone
        read = read_case_file(path, photo_folder, ZoneInfo(zone))
        outcome.problems = read.problems
        if read.problems:
            return outcome
        outcome.held = held_tickets(store, source, [line.ticket_no for line in read.lines])
        if outcome.held:
            return outcome
        by = local_person_id(store)
    finally:
        store.close()
    metas = _import_photos(data_dir, read.lines, zone, outcome, cancel, progress)
    if not outcome.ok:
        return outcome
    cases = [
        NewCase(
            source=source,
            ticket_no=line.ticket_no,
            received_at=line.received_at,
            address=line.address,
            description=line.description,
            photos=tuple(metas[p] for p in line.photos),
        )
        for line in read.lines
    ]
    store = Store.open(data_dir)
    try:
        outcome.saved = record_cases(
            store, cases, file_name=path.name, file_sha256=_sha256(path), by=by
        )
    finally:
        store.close()
    return outcome


def _import_photos(
    data_dir: Path,
    lines: list[CaseLine],
    zone: str,
    outcome: CaseImport,
    cancel: threading.Event | None,
    progress: Callable[[int, int], None] | None,
) -> dict[Path, dict[str, Any]]:
    """Every photo file into the blob store, its metadata kept for the case rows; a file the
    importer refuses is a problem named by the row and column that listed it."""
    files = list(dict.fromkeys(p for line in lines for p in line.photos))
    if not files:
        return {}
    metas: dict[Path, dict[str, Any]] = {}

    def keep(_store: Store, meta: dict[str, Any]) -> tuple[dict[str, Any], bool]:
        return dict(meta), True  # no row yet: all are written together, or none

    def seen(event: ImportEvent) -> None:
        if event.kind == "imported" and event.path is not None and event.row is not None:
            metas[event.path] = event.row
        if progress is not None:
            progress(event.done, event.total)

    report = import_photos(
        data_dir, files, inspection_id="", finding_id=None, on_event=seen, cancel=cancel,
        zone=zone, attach=keep,
    )  # fmt: skip
    outcome.cancelled = report.cancelled
    failed: dict[Path, Message] = {
        path: reason for path, reason in (*report.refused, *report.skipped, *report.unsaved)
    }
    if report.stopped is not None:
        failed.update({p: report.stopped for p in files if p not in metas})
    for path in report.not_imported:
        failed.setdefault(path, Message(_CTX, QT_TRANSLATE_NOOP("case_file", "not imported")))
    for line in lines:
        for path in line.photos:
            if path in failed or (path not in metas and not outcome.cancelled):
                reason = failed.get(path) or Message(
                    _CTX, QT_TRANSLATE_NOOP("case_file", "not imported")
                )
                outcome.problems.append(Problem(line.place, line.row, line.photo_column, reason))
    return metas


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
