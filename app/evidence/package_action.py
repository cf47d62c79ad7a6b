"""导出证据包 from a window: asks where, fetches originals this laptop lacks from the server (a
reviewer's replica), writes and checks the ZIP — all in a job (app/jobs.py), with a progress
window when it takes a while and Cancel between originals; says how it went."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QWidget

from app.context import AppContext
from app.evidence.missing_text import missing_text
from app.evidence.originals import OriginalsMissing
from app.evidence.remote_photos import client_factory
from app.jobs import Job, JobCancelled, Task, describe_error
from app.photos.fetch import OriginalMismatch
from app.sync.errors import SyncCancelled, SyncError, SyncUnauthorized, SyncUnreachable
from app.widgets.file_dialog import save_file_name
from app.widgets.job_progress import JobProgress
from local_db.evidence_records import EvidenceError, MissingOriginals


def export_package(
    context: AppContext,
    parent: QWidget,
    status: QLabel,
    *,
    inspection_id: str | None = None,
    notice_id: str | None = None,
    name: str,
    out: Path | None = None,
) -> Job | None:
    if out is None:
        chosen, _ = save_file_name(
            parent,
            QCoreApplication.translate("package", "Export evidence package"),
            f"{name}.zip",
            QCoreApplication.translate("package", "ZIP archive (*.zip)"),
        )
        if not chosen:
            return None
        out = Path(chosen)
    data_dir = context.store.path.parent
    make_client = client_factory(data_dir)
    zone = context.office_zone

    def work(task: Task) -> Path:
        from app.evidence.package_command import export_evidence_package

        return export_evidence_package(
            task.store,
            inspection_id=inspection_id,
            notice_id=notice_id,
            out=out,
            zone=zone,
            make_client=make_client,
            cancel=task.cancel_event,
        )

    status.setText(
        QCoreApplication.translate("package", "Writing the evidence package {name}…").format(
            name=out.name
        )
    )
    job = Job(
        work,
        name="evidence-package",
        owner=parent,
        data_dir=data_dir,
        describe=package_failure_text,
        cancellable=True,
    )
    job.done.connect(
        lambda path: status.setText(
            QCoreApplication.translate(
                "package", "Evidence package saved and verified: {path}"
            ).format(path=path)
        )
    )
    job.failed.connect(
        lambda error: status.setText(
            QCoreApplication.translate(
                "package", "The evidence package was not written: {error}"
            ).format(error=error)
        )
    )
    job.start()
    JobProgress(
        job,
        QCoreApplication.translate("package", "Writing the evidence package {name}…").format(
            name=out.name
        ),
        parent,
    )
    return job


def package_failure_text(error: BaseException) -> str:
    """Why the package was not written, in words (the detail is in the log)."""
    if isinstance(error, OriginalsMissing):
        return missing_text(error)
    if isinstance(error, MissingOriginals):
        return QCoreApplication.translate(
            "package",
            "{n} photo original(s) are not on this computer, and no server login is available "
            "to fetch them: log in, then try again.",
        ).format(n=len(error.missing))
    if isinstance(error, SyncCancelled | JobCancelled):
        return QCoreApplication.translate("package", "Cancelled: no package was written.")
    if isinstance(error, SyncUnreachable):
        return QCoreApplication.translate(
            "package", "The server cannot be reached to fetch the originals this computer lacks."
        )
    if isinstance(error, SyncUnauthorized):
        return QCoreApplication.translate(
            "package", "The login has expired or was refused: log in again, then try again."
        )
    if isinstance(error, OriginalMismatch):
        return QCoreApplication.translate(
            "package",
            "A file the server sent is not the original (its SHA-256 differs): it was refused.",
        )
    if isinstance(error, SyncError):
        return QCoreApplication.translate(
            "package", "The server could not send the originals this computer lacks."
        )
    if isinstance(error, EvidenceError):  # its message names the record or photo at fault
        return QCoreApplication.translate(
            "package", "The evidence on this computer is incomplete or damaged ({detail})."
        ).format(detail=error)
    return describe_error(error)
