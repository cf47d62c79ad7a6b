"""When and how the client syncs: on demand, after changes, and by itself when the server can
be reached again. The work runs on the sync job's thread; this object only decides and reports."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from app.context import AppContext
from app.evidence.keep_job import OriginalsKeeper
from app.jobs import Job, stop_jobs
from app.labels import message_text
from app.sync.account import account
from app.sync.client import SyncClient
from app.sync.credentials import CredentialError, forget_token, load_token
from app.sync.errors import SyncError, SyncUnauthorized
from app.sync.login_reasons import login_needed_text
from app.sync.qt_job import sync_job
from app.sync.session import saved_client
from local_db.sync_state import SyncStatus, last_error_words, sync_status

log = logging.getLogger(__name__)
RETRY_MS = 60_000  # while changes wait and the server is away, try again this often
AFTER_CHANGE_MS = 5_000  # a burst of edits goes out together, shortly after it ends


class SyncController(QObject):
    status_changed = Signal(object)  # SyncStatus
    progress = Signal(str, int, int)  # phase, done, total
    running_changed = Signal(bool)
    message = Signal(str)  # what happened, in words
    # the server no longer takes this laptop's login (revoked, expired, …): why, in words; the
    # window asks for the password (the login dialog). An expired access token is renewed
    # without asking (app/sync/session.py).
    login_needed = Signal(str)
    logged_out = Signal()

    def __init__(self, context: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.data_dir: Path = context.store.path.parent
        self.job: Job | None = None
        # an office laptop keeps its originals: fetched after each sync (app/evidence/)
        self.originals = OriginalsKeeper(self.data_dir, self)
        self._failure: str | None = None  # the last failure, in the user's language
        # whether a login is saved: read from the keyring on a worker thread (check_login) at
        # start and login, set at logout; None until first read
        self._logged_in: bool | None = None
        self.login_job: Job | None = None
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

    def client_factory(self) -> Callable[[], SyncClient] | None:
        """Makes a client logged in as this laptop's user (for a job's thread), or None when
        not logged in."""
        token = self.token()
        if token is None:
            return None
        server, ca_cert = self.server, self.ca_cert
        return lambda: SyncClient(server, token, ca_cert)

    def saved_client_factory(self) -> Callable[[], SyncClient | None] | None:
        """Makes a client of the saved login that renews its token by itself (for a job's
        thread: it reads the keyring), or None when not logged in (as last read: the factory
        itself answers None when the saved login is gone meanwhile)."""
        if self._logged_in is False or not self.server or not self.username:
            return None
        server, username, ca_cert, data_dir = (
            self.server,
            self.username,
            self.ca_cert,
            self.data_dir,
        )
        return lambda: saved_client(data_dir, server, username, ca_cert)

    def logged_in(self) -> bool:
        """Whether a login is saved, as last read off the GUI thread (check_login): the status
        bar and 组织管理 ask this, so it never waits on the keyring."""
        return bool(self._logged_in)

    def check_login(self) -> Job:
        """Read on a worker thread whether a login is saved; the status is shown again with
        the answer."""
        data_dir, server, username = self.data_dir, self.server, self.username

        def work(_task: object) -> bool:
            return bool(server and username) and load_token(data_dir, server, username) is not None

        job = Job(work, name="saved login", owner=self)
        job.done.connect(self._login_read)
        self.login_job = job.start()
        return job

    def _login_read(self, saved: bool) -> None:
        self._logged_in = bool(saved)
        self.refresh()

    def start(self) -> None:
        """Begin syncing by itself (after login, or at start-up when already logged in): once
        the saved login is read."""
        job = self.check_login()
        job.done.connect(self._begin)
        self.refresh()

    def _begin(self, saved: bool) -> None:
        if saved:
            self._retry.start()
            self.sync_now(quiet=True)

    # -- syncing -------------------------------------------------------------------------------
    def running(self) -> bool:
        """A sync under way, or starting (the saved login being read: start, check_login)."""
        starting = self.login_job is not None and self.login_job.running()
        return starting or (self.job is not None and self.job.running())

    def sync_now(self, *, quiet: bool = False) -> Job | None:
        if self.running():
            return self.job
        if not self.logged_in():  # as last read (the job's client reads the keyring)
            if not quiet:
                self.message.emit(
                    self.tr(
                        "This laptop works without a server: nothing to sync with. Log in… "
                        "once the office has one."
                    )
                )
            return None
        server, username, ca_cert, data_dir = (
            self.server,
            self.username,
            self.ca_cert,
            self.data_dir,
        )

        def make_client() -> SyncClient:  # the saved login, renewed by itself when it expires
            return saved_client(data_dir, server, username, ca_cert) or SyncClient(
                server, None, ca_cert
            )

        job = sync_job(data_dir, make_client, owner=self, zone=self.context.office_zone)
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
        self.originals.stop()
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
        elif getattr(report, "sent_again", 0) or (
            getattr(report, "server_restored_seq", None) is not None
        ):
            self.message.emit(
                self.tr(
                    "Synced. The server was restored from a backup: this laptop sent again "
                    "{n} change(s) the server had lost."
                ).format(n=getattr(report, "sent_again", 0))
            )
        elif getattr(report, "reopened", None):
            self.message.emit(
                self.tr(
                    "Synced. {n} submission(s) were refused because the draft was changed on "
                    "the server meanwhile: your version is kept under concurrent edits, and the "
                    "draft is open again with the server's changes merged in. Check it and "
                    "submit again."
                ).format(n=len(report.reopened))  # type: ignore[attr-defined]
            )
        else:
            self.message.emit(self.tr("Synced."))
        self.context.notify()
        self.originals.start()

    def _failed(self, error: str) -> None:
        log.warning("sync stopped: %s", error)
        self._failure = error
        cause = self.job.error if self.job is not None else None
        if isinstance(cause, SyncUnauthorized):
            # the saved login is spent: nothing to retry with until the user logs in again
            self._forget_login()
        self._end()
        self.message.emit(self.tr("Sync stopped: {error}").format(error=error))
        if isinstance(cause, SyncUnauthorized):
            self.login_needed.emit(login_needed_text(cause.reason))

    def _forget_login(self) -> None:
        try:
            forget_token(self.data_dir, self.server, self.username)
        except CredentialError:
            log.exception("the spent login could not be removed")
        self._logged_in = False

    def log_out(self) -> Job:
        """Log out: the server revokes this laptop's token and refresh credential; the saved
        login is removed here, also when the server cannot be told (then say so)."""
        self.stop_syncing()
        server, username, ca_cert, data_dir = (
            self.server,
            self.username,
            self.ca_cert,
            self.data_dir,
        )

        def work(_task: object) -> bool:
            client = saved_client(data_dir, server, username, ca_cert)
            if client is None:
                return True
            try:
                client.logout()
                return True
            except SyncUnauthorized:
                return True  # the server holds no live login for it anyway
            except SyncError:
                log.warning("logout: the server could not be told", exc_info=True)
                return False
            finally:
                client.close()
                forget_token(data_dir, server, username)

        job = Job(work, name="logout", owner=self)
        job.done.connect(self._logged_out)
        job.failed.connect(lambda why: self.message.emit(why))
        return job.start()

    def stop_syncing(self) -> None:
        """No sync starts by itself until the next login."""
        self._soon.stop()
        self._retry.stop()
        self.cancel()

    def _logged_out(self, told: bool) -> None:
        if told:
            self.message.emit(self.tr("Logged out."))
        else:
            self.message.emit(
                self.tr(
                    "Logged out on this laptop. The server could not be reached; an "
                    "administrator can revoke this laptop's login there (ducha-server device "
                    "revoke)."
                )
            )
        self._logged_in = False
        self.logged_out.emit()
        self.refresh()

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
