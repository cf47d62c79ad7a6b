"""Sync in the background for the window: sync_once runs as a job (app/jobs.py), on its own
thread with its own store connection; progress and the outcome come back on the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject

from app.jobs import Job, Task
from app.sync.client import SyncClient
from app.sync.engine import SyncReport, sync_once
from app.sync.errors import (
    SyncCancelled,
    SyncLocalError,
    SyncRejected,
    SyncServerError,
    SyncUnauthorized,
    SyncUnreachable,
)
from app.sync.login_reasons import login_needed_text
from domain.clock import OFFICE_TZ_DEFAULT


def failure_text(error: BaseException) -> str:
    """Why a sync stopped, in the user's language; the technical detail follows (the log has
    it whole). A login the server no longer takes is said in words alone."""
    if isinstance(error, SyncUnauthorized):
        return login_needed_text(error.reason)
    if isinstance(error, SyncRejected) and error.code == "device_bound":
        return login_needed_text(error.code)
    if isinstance(error, SyncUnreachable):
        head = QCoreApplication.translate(
            "sync", "The server cannot be reached; the work waits and goes out later."
        )
    elif isinstance(error, SyncCancelled):
        head = QCoreApplication.translate("sync", "Sync cancelled; what was not sent waits.")
    elif isinstance(error, SyncLocalError):
        head = QCoreApplication.translate(
            "sync", "A problem with this laptop's data stopped the sync."
        )
    elif isinstance(error, SyncRejected | SyncServerError):
        head = QCoreApplication.translate("sync", "The server could not take the changes.")
    else:
        head = QCoreApplication.translate("sync", "The sync stopped.")
    return f"{head} ({error})"


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
