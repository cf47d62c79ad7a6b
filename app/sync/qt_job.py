"""Sync in the background for the window: sync_once runs as a job (app/jobs.py), on its own
thread with its own store connection; progress and the outcome come back on the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject

from app.jobs import Job, Task
from app.labels import message_text
from app.sync.client import SyncClient
from app.sync.engine import SyncReport, sync_once
from app.sync.errors import SyncError, SyncRejected, SyncUnauthorized
from app.sync.login_reasons import login_needed_text
from domain.clock import OFFICE_TZ_DEFAULT


def failure_text(error: BaseException) -> str:
    """Why a sync stopped, in the user's language: the error's own message (photos by file
    name, no library text); the technical detail is in the log and in the status bar's
    details (local_db.sync_state.last_error_detail). A login the server no longer takes is
    said in words alone, with the reason."""
    if isinstance(error, SyncUnauthorized) and error.reason:
        return login_needed_text(error.reason)
    if isinstance(error, SyncRejected) and error.code == "device_bound":
        return login_needed_text(error.code)
    if isinstance(error, SyncError):
        return message_text(error.message)
    return QCoreApplication.translate("sync", "The sync stopped; the details are in the log file.")


def sync_job(
    data_dir: Path,
    make_client: Callable[[], SyncClient],
    owner: QObject | None = None,
    zone: str = OFFICE_TZ_DEFAULT,
) -> Job:
    """One sync as a job: `progress((phase, done, total))` with phase "photos", "upload_kib",
    "push" or "pull"; `done(SyncReport)`; `failed(why)` — what was not confirmed stays pending.
    `zone`: the office's time zone (AppContext.office_zone)."""

    def work(task: Task) -> SyncReport:
        client = make_client()
        try:
            return sync_once(
                task.store,  # this thread's own connection (WAL: the GUI reads on)
                data_dir,
                client,
                on_progress=lambda phase, done, total: task.progress((phase, done, total)),
                cancel=task.cancel_event,
                zone=zone,
            )
        finally:
            client.close()

    return Job(
        work, name="sync", owner=owner, data_dir=data_dir, describe=failure_text, cancellable=True
    )
