"""Photo import in the background: the pipeline runs as a job (app/jobs.py) on its own thread
(and two check workers inside it); each ImportEvent comes back on the GUI thread as the job's
progress. Cancel returns within a second: what is attached stays, a worker stuck in a read is
abandoned (app/photos/file_worker.py)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject

from app.jobs import Job, Task, describe_error
from app.photos.importer import Attach, ImportReport, import_photos
from local_db.store import StoreError


def import_failure_text(error: BaseException) -> str:
    """Why a whole batch stopped before it began, in the user's words."""
    if isinstance(error, StoreError | KeyError | ValueError):  # locked, removed, finding gone
        return QCoreApplication.translate(
            "photos", "The inspection or its item no longer takes photos (submitted or removed)."
        )
    return describe_error(error)


def import_job(
    data_dir: Path,
    files: list[Path],
    *,
    inspection_id: str,
    finding_id: str | None,
    zone: str,
    owner: QObject | None = None,
    attach: Attach | None = None,
) -> Job:
    """`progress(ImportEvent)` for each file; `done(ImportReport)` (cancelled or not);
    `failed(why)` when the batch could not start. `zone`: the office's time zone, whose
    wall-clock times EXIF times without an offset are."""

    def work(task: Task) -> ImportReport:
        return import_photos(
            data_dir,
            files,
            inspection_id=inspection_id,
            finding_id=finding_id,
            on_event=task.progress,
            cancel=task.cancel_event,
            zone=zone,
            attach=attach,
        )

    return Job(
        work, name="photo-import", owner=owner, describe=import_failure_text, cancellable=True
    )
