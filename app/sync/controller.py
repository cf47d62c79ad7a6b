"""When and how the client syncs: on demand, after changes, and by itself when the server can
be reached again. The work runs on the sync job's thread; this object only decides and reports."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from app.context import AppContext
from app.jobs import Job, stop_jobs
from app.labels import message_text
from app.sync.account import account
from app.sync.client import SyncClient
from app.sync.credentials import load_token
from app.sync.qt_job import sync_job
from local_db.sync_state import SyncStatus, last_error_words, sync_status

log = logging.getLogger(__name__)
RETRY_MS = 60_000  # while changes wait and the server is away, try again this often
AFTER_CHANGE_MS = 5_000  # a burst of edits goes out together, shortly after it ends


class SyncController(QObject):
    status_changed = Signal(object)  # SyncStatus
    progress = Signal(str, int, int)  # phase, done, total
    running_changed = Signal(bool)
    message = Signal(str)  # what happened, in words

    def __init__(self, context: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.data_dir: Path = context.store.path.parent
        self.job: Job | None = None
        self._failure: str | None = None  # the last failure, in the user's language
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(AFTER_CHANGE_MS)
        self._soon.timeout.connect(lambda: self.sync_now(quiet=True))
        self._retry = QTimer(self)
        self._retry.setInterval(RETRY_MS)
        self._retry.timeout.connect(self._retry_if_waiting)
        context.changed.connect(self._changed)

    # -- account -------------------------------------------------------------------------------
    @property
    def server(self) -> str:
        return account().server

    @property
    def username(self) -> str:
        return account().username

    @property
    def ca_cert(self) -> str | None:
        return account().ca_cert

    def token(self) -> str | None:
        if not self.server or not self.username:
            return None
        stored = load_token(self.data_dir, self.server, self.username)
        return stored.token if stored else None

    def logged_in(self) -> bool:
        return self.token() is not None

    def start(self) -> None:
        """Begin syncing by itself (after login, or at start-up when already logged in)."""
        if self.logged_in():
            self._retry.start()
            self.sync_now(quiet=True)
        self.refresh()

    # -- syncing -------------------------------------------------------------------------------
    def running(self) -> bool:
        return self.job is not None and self.job.running()

    def sync_now(self, *, quiet: bool = False) -> Job | None:
        if self.running():
            return self.job
        token = self.token()
        if token is None:
            if not quiet:
                self.message.emit(self.tr("Log in to a server first."))
            return None
        server, ca_cert = self.server, self.ca_cert
        job = sync_job(
            self.data_dir,
            lambda: SyncClient(server, token, ca_cert),
            owner=self,
            zone=self.context.office_zone,
        )
        job.progress.connect(self._progress)
        job.done.connect(self._finished)
        job.failed.connect(self._failed)
        self.job = job
        self.running_changed.emit(True)
        job.start()
        return job

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()

    def stop(self) -> None:
        """On close: no sync thread outlives the window; what is unconfirmed stays pending."""
        self._soon.stop()
        self._retry.stop()
        stop_jobs(self)

    def _progress(self, step: tuple[str, int, int]) -> None:
        self.progress.emit(*step)

    def _finished(self, report: object) -> None:
        log.info("sync finished")
        self._failure = None
        self._end()
        skew = getattr(report, "clock_skew_seconds", None)
        if skew is not None:
            self.message.emit(
                self.tr(
                    "Synced. This laptop's clock is {minutes} minute(s) off the server's: "
                    "set it right, times recorded here are evidence."
                ).format(minutes=round(abs(skew) / 60))
            )
        else:
            self.message.emit(self.tr("Synced."))
        self.context.notify()

    def _failed(self, error: str) -> None:
        log.warning("sync stopped: %s", error)
        self._failure = error
        self._end()
        self.message.emit(self.tr("Sync stopped: {error}").format(error=error))

    def _end(self) -> None:
        self.running_changed.emit(False)
        self.refresh()

    def _changed(self, _inspection_id: str) -> None:
        self.refresh()
        if self.logged_in() and not self.running():
            self._soon.start()

    def _retry_if_waiting(self) -> None:
        status = self.status()
        if status.pending_changes or status.pending_photos:
            self.sync_now(quiet=True)

    def status(self) -> SyncStatus:
        status = sync_status(self.context.store)
        if status.last_error and self._failure:
            status = replace(status, last_error=self._failure)
        elif status.last_error:  # a failure before this start: its message, in this language
            words = last_error_words(self.context.store)
            if words is not None:
                status = replace(status, last_error=message_text(words))
        return status

    def refresh(self) -> None:
        self.status_changed.emit(self.status())
