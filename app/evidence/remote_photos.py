"""Photos whose originals are not on this laptop (a reviewer's replica gets photo rows by sync,
not their bytes): the server's thumbnail first, then the verified original, fetched by jobs
(app/jobs.py) in the downloads lane, two at a time, the photo being looked at before thumbnails.
The GUI thread only starts requests and receives results by queued signals. A window that closes
cancels its downloads (each stops at its next chunk; nothing partial is kept) and waits for them.
Every failure reaches the listener: its kind, and why in words (the trace is in the log).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QImage

from app.evidence.originals import login_client_factory
from app.jobs import DOWNLOADS, Job, Task, describe_error, job_runner
from app.photos.blobstore import BlobStore
from app.photos.fetch import (
    CANCELLED,
    FAILED,
    LOGIN,
    MISMATCH,
    MISSING,
    OFFLINE,
    PREVIEW_SIZE,
    cached_thumb,
    failure_kind,
    fetch_original,
    fetch_thumbnail,
    thumb_path,
)
from app.photos.thumbnails import THUMB_SIZE
from app.sync import errors as words
from app.sync.client import SyncClient
from app.sync.errors import SyncCancelled, SyncError, SyncRejected, SyncUnauthorized

ClientFactory = Callable[[], SyncClient]

DOWNLOAD_TIMEOUT = (5.0, 30.0)  # connect, read: a stalled line is given up, not waited on


def client_factory(data_dir: Path) -> ClientFactory | None:
    """A client for the server and login the sync uses (settings and saved token), or None when
    this laptop is not logged in."""
    return login_client_factory(data_dir, DOWNLOAD_TIMEOUT)


def _image(path: Path) -> QImage:
    return QImage(str(path))  # QImage is reentrant: decoded here, on the worker


class RemoteBlobs(QObject):
    """Fetches what a replica lacks. Results arrive by these signals, for every listener:"""

    preview_ready = Signal(str, QImage)  # sha256, an upright preview (cached, then the server's)
    original_ready = Signal(str)  # sha256: the verified original is now in the blob store
    fetch_failed = Signal(str, str, str)  # sha256, kind (OFFLINE…), why in words
    thumbnail_ready = Signal(str, QImage)  # sha256, the strip's thumbnail
    thumbnail_failed = Signal(str, str, str)  # sha256, kind, why in words

    def __init__(
        self, data_dir: Path, make_client: ClientFactory | None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.blobs = BlobStore(self.data_dir / "blobs")
        self.make_client = make_client
        self._closed = False
        self._running: set[tuple[str, str]] = set()  # (job kind, sha256) under way

    @classmethod
    def from_settings(cls, data_dir: Path, parent: QObject | None = None) -> RemoteBlobs:
        """Logged in as the sync is (None inside when not logged in: every fetch says so)."""
        return cls(data_dir, client_factory(data_dir), parent)

    def has_original(self, sha256: str) -> bool:
        return self.blobs.has(sha256)

    def busy(self, sha256: str) -> bool:
        """A download of this original is under way."""
        return ("open", sha256) in self._running

    def cancel(self) -> None:
        """Stop every fetch of this object: queued ones never start, running ones stop at their
        next chunk (nothing partial is kept); nothing more is asked."""
        self._closed = True
        job_runner().cancel(self)

    # -- requests (GUI thread) -----------------------------------------------------------------
    def open(self, sha256: str, byte_size: int | None = None, name: str = "") -> None:
        """For the viewer: a cached preview at once, the server's preview, then the original."""
        key = ("open", sha256)
        fetch = _Fetch(self.data_dir, self.blobs, self.make_client)
        job = self._job(key, 0, lambda task: _open(fetch, task, sha256, byte_size, name))
        if job is None:
            return
        job.progress.connect(lambda image: self.preview_ready.emit(sha256, image))
        job.done.connect(lambda _: self._original_done(sha256))
        job.failed.connect(lambda why: self._open_failed(sha256, job, why))
        job.start()

    def thumbnail(self, sha256: str) -> None:
        """For the strip: the thumbnail of the strip's size, from the cache or the server."""
        key = ("thumb", sha256)
        fetch = _Fetch(self.data_dir, self.blobs, self.make_client)
        job = self._job(key, 1, lambda task: _thumbnail(fetch, task, sha256))
        if job is None:
            return
        job.done.connect(lambda image: self._thumbnail_done(sha256, image))
        job.failed.connect(lambda why: self._thumbnail_failed(sha256, job, why))
        job.start()

    def _job(
        self, key: tuple[str, str], priority: int, work: Callable[[Task], object]
    ) -> Job | None:
        """A job for this fetch (not started: its caller connects first), or None when one is
        under way already or this object was cancelled."""
        if key in self._running or self._closed:
            return None
        self._running.add(key)
        # The work sees plain values only, never this QObject.
        job = Job(
            work,
            name=f"fetch {key[0]}",
            owner=self,
            describe=_failure_text,
            cancellable=True,
            lane=DOWNLOADS,
            priority=priority,
        )
        job.ended.connect(lambda: self._running.discard(key))
        return job

    def _original_done(self, sha256: str) -> None:
        self._running.discard(("open", sha256))
        self.original_ready.emit(sha256)

    def _open_failed(self, sha256: str, job: Job, why: str) -> None:
        self._running.discard(("open", sha256))
        kind = failure_kind(job.error) if job.error is not None else FAILED
        if kind != CANCELLED:
            self.fetch_failed.emit(sha256, kind, why)

    def _thumbnail_done(self, sha256: str, image: QImage) -> None:
        self._running.discard(("thumb", sha256))
        self.thumbnail_ready.emit(sha256, image)

    def _thumbnail_failed(self, sha256: str, job: Job, why: str) -> None:
        self._running.discard(("thumb", sha256))
        kind = failure_kind(job.error) if job.error is not None else FAILED
        if kind != CANCELLED:
            self.thumbnail_failed.emit(sha256, kind, why)


def _failure_text(error: BaseException) -> str:
    """Why a fetch failed, in words (the viewer says more for the kinds it knows)."""
    kind = failure_kind(error)
    if kind == OFFLINE:
        return QCoreApplication.translate("remote", "The server cannot be reached.")
    if kind == LOGIN:
        return QCoreApplication.translate("remote", "Not logged in to the server.")
    if kind == MISSING:
        return QCoreApplication.translate("remote", "The server does not hold this original.")
    if kind == MISMATCH:
        return QCoreApplication.translate(
            "remote", "The file the server sent is not the original: it was refused."
        )
    if kind == CANCELLED:
        return QCoreApplication.translate("remote", "Cancelled.")
    if isinstance(error, SyncError):
        return QCoreApplication.translate("remote", "The server could not send it.")
    return describe_error(error)


# -- jobs (worker threads) -------------------------------------------------------------------------
@dataclass(frozen=True)
class _Fetch:
    data_dir: Path
    blobs: BlobStore
    make_client: ClientFactory | None

    def client(self) -> SyncClient:
        if self.make_client is None:
            raise SyncUnauthorized(words.NOT_LOGGED_IN, reason="not_logged_in")
        return self.make_client()


def _open(fetch: _Fetch, task: Task, sha256: str, byte_size: int | None, name: str) -> None:
    """Previews as progress (cached, then the server's), then the verified original."""
    if task.cancelled:
        raise SyncCancelled("closed before it started")
    cached = cached_thumb(fetch.data_dir, sha256, (PREVIEW_SIZE, THUMB_SIZE))
    if cached is not None:
        task.progress(_image(cached))
    client = fetch.client()
    try:
        if cached != thumb_path(fetch.data_dir, sha256, PREVIEW_SIZE):
            try:
                path = fetch_thumbnail(
                    client, fetch.data_dir, sha256, PREVIEW_SIZE, cancel=task.cancel_event
                )
                task.progress(_image(path))
            except SyncRejected as error:
                if error.status == 404:
                    raise
                # the server cannot make a thumbnail of it: the original still comes
        fetch_original(
            client, fetch.blobs, sha256, byte_size=byte_size, name=name, cancel=task.cancel_event
        )
    finally:
        client.close()


def _thumbnail(fetch: _Fetch, task: Task, sha256: str) -> QImage:
    if task.cancelled:
        raise SyncCancelled("closed before it started")
    path = thumb_path(fetch.data_dir, sha256, THUMB_SIZE)
    if not path.is_file():
        client = fetch.client()
        try:
            path = fetch_thumbnail(
                client, fetch.data_dir, sha256, THUMB_SIZE, cancel=task.cancel_event
            )
        finally:
            client.close()
    return _image(path)
