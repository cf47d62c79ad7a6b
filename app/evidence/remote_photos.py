"""Photos whose originals are not on this laptop (a reviewer's replica gets photo rows by sync,
not their bytes): the server's thumbnail first, then the verified original, fetched on worker
threads. The GUI thread only starts requests and receives results by queued signals; it never
waits on the network, not even when a window closes (the workers are daemon threads and a
cancelled download stops at its next chunk).
"""

from __future__ import annotations

import contextlib
import itertools
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from app.photos.blobstore import BlobStore
from app.photos.fetch import (
    PREVIEW_SIZE,
    OriginalMismatch,
    cached_thumb,
    fetch_original,
    fetch_thumbnail,
    thumb_path,
)
from app.photos.thumbnails import THUMB_SIZE
from app.sync.account import account
from app.sync.client import SyncClient
from app.sync.credentials import CredentialError, load_token
from app.sync.errors import SyncCancelled, SyncRejected, SyncUnauthorized, SyncUnreachable

ClientFactory = Callable[[], SyncClient]

# Why a fetch failed (the `kind` of fetch_failed / thumbnail_failed).
OFFLINE = "offline"  # the server cannot be reached
LOGIN = "login"  # not logged in, or the login expired
MISSING = "missing"  # the server does not hold this original
MISMATCH = "mismatch"  # the bytes sent were not the original: refused, nothing kept
FAILED = "failed"  # anything else (the detail says what)
CANCELLED = "cancelled"  # never reported: the window that asked has closed

WORKERS = 2
DOWNLOAD_TIMEOUT = (5.0, 30.0)  # connect, read: a stalled line is given up, not waited on


def client_factory(data_dir: Path) -> ClientFactory | None:
    """A client for the server and login the sync uses (settings and saved token), or None when
    this laptop is not logged in."""
    known = account()
    server, username, ca_cert = known.server, known.username, known.ca_cert
    if not server or not username:
        return None
    try:
        stored = load_token(data_dir, server, username)
    except CredentialError:
        return None
    if stored is None:
        return None
    token = stored.token
    return lambda: SyncClient(server, token, ca_cert, timeout=DOWNLOAD_TIMEOUT)


class _Workers:
    """Daemon threads taking jobs by priority (the photo being looked at before thumbnails)."""

    def __init__(self, count: int) -> None:
        self.jobs: queue.PriorityQueue[tuple[int, int, Callable[[], None]]] = queue.PriorityQueue()
        self.order = itertools.count()
        for n in range(count):
            threading.Thread(target=self._run, name=f"photo-fetch-{n}", daemon=True).start()

    def submit(self, priority: int, job: Callable[[], None]) -> None:
        self.jobs.put((priority, next(self.order), job))

    def _run(self) -> None:
        while True:
            _, _, job = self.jobs.get()
            with contextlib.suppress(Exception):  # a job reports its own failures
                job()


_workers: _Workers | None = None
_workers_lock = threading.Lock()


def _pool() -> _Workers:
    global _workers
    with _workers_lock:
        if _workers is None:
            _workers = _Workers(WORKERS)
        return _workers


class _Delivery(QObject):
    """Carries one job's results to the GUI thread (queued). Owned by the job, so it outlives a
    window that closes first; a deleted receiver is simply disconnected."""

    preview = Signal(str, QImage)
    thumbnail = Signal(str, QImage)
    original = Signal(str)
    failed = Signal(str, str, str)
    thumbnail_failed = Signal(str, str, str)


def _image(path: Path) -> QImage:
    return QImage(str(path))  # QImage is reentrant: decoded here, on the worker


def _failure(error: BaseException) -> tuple[str, str]:
    if isinstance(error, SyncUnreachable):
        return OFFLINE, str(error)
    if isinstance(error, SyncUnauthorized):
        return LOGIN, str(error)
    if isinstance(error, OriginalMismatch):
        return MISMATCH, str(error)
    if isinstance(error, SyncRejected) and error.status == 404:
        return MISSING, str(error)
    return FAILED, str(error) or type(error).__name__


class RemoteBlobs(QObject):
    """Fetches what a replica lacks. Results arrive by these signals, for every listener:"""

    preview_ready = Signal(str, QImage)  # sha256, an upright preview (cached, then the server's)
    original_ready = Signal(str)  # sha256: the verified original is now in the blob store
    fetch_failed = Signal(str, str, str)  # sha256, kind (OFFLINE…), detail
    thumbnail_ready = Signal(str, QImage)  # sha256, the strip's thumbnail
    thumbnail_failed = Signal(str, str, str)  # sha256, kind, detail

    def __init__(
        self, data_dir: Path, make_client: ClientFactory | None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.blobs = BlobStore(self.data_dir / "blobs")
        self.make_client = make_client
        self._cancel = threading.Event()
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
        next chunk (nothing partial is kept). Signals still connected are simply not sent."""
        self._cancel.set()

    # -- requests (GUI thread) -----------------------------------------------------------------
    def open(self, sha256: str, byte_size: int | None = None, name: str = "") -> None:
        """For the viewer: a cached preview at once, the server's preview, then the original."""
        self._start("open", sha256, 0, lambda j, d: _open(j, d, sha256, byte_size, name))

    def thumbnail(self, sha256: str) -> None:
        """For the strip: the thumbnail of the strip's size, from the cache or the server."""
        self._start("thumb", sha256, 1, lambda j, d: _thumbnail(j, d, sha256))

    def _start(
        self,
        kind: str,
        sha256: str,
        priority: int,
        work: Callable[[_Job, _Delivery], None],
    ) -> None:
        key = (kind, sha256)
        if key in self._running or self._cancel.is_set():
            return
        self._running.add(key)
        delivery = _Delivery()
        delivery.preview.connect(self.preview_ready)
        delivery.original.connect(self._original_done)
        delivery.failed.connect(self._open_failed)
        delivery.thumbnail.connect(self._thumbnail_done)
        delivery.thumbnail_failed.connect(self._thumbnail_failed)
        # The job sees plain values only, never this QObject (it may be gone when the job runs).
        context = _Job(self.data_dir, self.blobs, self.make_client, self._cancel)

        def job() -> None:
            with contextlib.suppress(RuntimeError):  # a deleted delivery: nobody listens
                try:
                    if context.cancel.is_set():
                        raise SyncCancelled("closed before it started")
                    work(context, delivery)
                except SyncCancelled:
                    failed = delivery.failed if kind == "open" else delivery.thumbnail_failed
                    failed.emit(sha256, CANCELLED, "")

        _pool().submit(priority, job)

    def _original_done(self, sha256: str) -> None:
        self._running.discard(("open", sha256))
        self.original_ready.emit(sha256)

    def _open_failed(self, sha256: str, kind: str, detail: str) -> None:
        self._running.discard(("open", sha256))
        if kind != CANCELLED:
            self.fetch_failed.emit(sha256, kind, detail)

    def _thumbnail_done(self, sha256: str, image: QImage) -> None:
        self._running.discard(("thumb", sha256))
        self.thumbnail_ready.emit(sha256, image)

    def _thumbnail_failed(self, sha256: str, kind: str, detail: str) -> None:
        self._running.discard(("thumb", sha256))
        if kind != CANCELLED:
            self.thumbnail_failed.emit(sha256, kind, detail)


# -- jobs (worker threads) -------------------------------------------------------------------------
@dataclass(frozen=True)
class _Job:
    data_dir: Path
    blobs: BlobStore
    make_client: ClientFactory | None
    cancel: threading.Event

    def client(self) -> SyncClient:
        if self.make_client is None:
            raise SyncUnauthorized("not logged in to a server")
        return self.make_client()


def _open(job: _Job, d: _Delivery, sha256: str, byte_size: int | None, name: str) -> None:
    cached = cached_thumb(job.data_dir, sha256, (PREVIEW_SIZE, THUMB_SIZE))
    if cached is not None:
        d.preview.emit(sha256, _image(cached))
    try:
        client = job.client()
        try:
            if cached != thumb_path(job.data_dir, sha256, PREVIEW_SIZE):
                try:
                    path = fetch_thumbnail(
                        client, job.data_dir, sha256, PREVIEW_SIZE, cancel=job.cancel
                    )
                    d.preview.emit(sha256, _image(path))
                except SyncRejected as error:
                    if error.status == 404:
                        raise
                    # the server cannot make a thumbnail of it: the original still comes
            fetch_original(
                client, job.blobs, sha256, byte_size=byte_size, name=name, cancel=job.cancel
            )
        finally:
            client.close()
    except SyncCancelled:
        raise
    except Exception as error:  # every failure is reported, in kind and detail
        d.failed.emit(sha256, *_failure(error))
        return
    d.original.emit(sha256)


def _thumbnail(job: _Job, d: _Delivery, sha256: str) -> None:
    try:
        path = thumb_path(job.data_dir, sha256, THUMB_SIZE)
        if not path.is_file():
            client = job.client()
            try:
                path = fetch_thumbnail(client, job.data_dir, sha256, THUMB_SIZE, cancel=job.cancel)
            finally:
                client.close()
        image = _image(path)
    except SyncCancelled:
        raise
    except Exception as error:
        d.thumbnail_failed.emit(sha256, *_failure(error))
        return
    d.thumbnail.emit(sha256, image)
