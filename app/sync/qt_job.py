"""Sync in the background for the window: sync_once runs on its own thread with its own store
connection; progress and the outcome come back to the GUI thread as signals (queued)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal

from app.background import ThreadJob
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
from domain.clock import OFFICE_TZ_DEFAULT
from local_db.store import Store


def failure_text(error: Exception) -> str:
    """Why a sync stopped, in the user's language; the technical detail follows."""
    if isinstance(error, SyncUnreachable):
        head = QCoreApplication.translate(
            "sync", "The server cannot be reached; the work waits and goes out later."
        )
    elif isinstance(error, SyncUnauthorized):
        head = QCoreApplication.translate(
            "sync", "The login has expired or was refused: log in again."
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


class SyncJob(ThreadJob):
    progress = Signal(str, int, int)  # phase ("photos", "upload_kib", "push", "pull"), done, total
    finished = Signal(object)  # SyncReport
    failed = Signal(str)  # why the sync stopped; what was not confirmed stays pending

    def __init__(
        self,
        data_dir: Path,
        make_client: Callable[[], SyncClient],
        parent: QObject | None = None,
        zone: str = OFFICE_TZ_DEFAULT,
    ) -> None:
        super().__init__("sync", parent)
        self.data_dir = data_dir
        self.make_client = make_client
        self.zone = zone  # the office's (AppContext.office_zone)
        self.report: SyncReport | None = None

    def _run(self) -> None:
        try:
            store = Store.open(self.data_dir)  # this thread's own connection (WAL: GUI reads on)
            try:
                client = self.make_client()
                try:
                    self.report = sync_once(
                        store,
                        self.data_dir,
                        client,
                        on_progress=self.progress.emit,
                        cancel=self.cancel_event,
                        zone=self.zone,
                    )
                finally:
                    client.close()
            finally:
                store.close()
        except Exception as error:  # the user must learn why the sync stopped
            self.failed.emit(failure_text(error))
            return
        self.finished.emit(self.report)
