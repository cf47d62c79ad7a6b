"""Thumbnails decoded on a worker pool, never on the GUI thread; remade when missing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtGui import QImage

from app.evidence.remote_photos import RemoteBlobs
from app.photos.blobstore import BlobStore
from app.photos.thumbnails import make_thumbnail, thumbnail_path


class _Job(QRunnable):
    def __init__(self, loader: ThumbnailLoader, sha256: str) -> None:
        super().__init__()
        self.loader = loader
        self.sha256 = sha256

    def run(self) -> None:
        path = thumbnail_path(self.loader.data_dir, self.sha256)
        image = QImage()
        try:
            if not path.exists():  # derived: make it again from the original
                make_thumbnail(BlobStore(self.loader.data_dir / "blobs").path(self.sha256), path)
            image = QImage(str(path))
        except Exception:  # a missing or broken original shows as an empty tile
            image = QImage()
        self.loader.loaded.emit(self.sha256, image)


class ThumbnailLoader(QObject):
    """Thumbnails for the strips. With `remote` (a replica that lacks originals: a reviewer's
    laptop) one whose original is not here comes from the server instead, off this pool: the
    network never holds up a local decode, nor the window's closing."""

    loaded = Signal(str, QImage)

    def __init__(
        self, data_dir: Path, parent: QObject | None = None, remote: RemoteBlobs | None = None
    ) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)
        self._cache: dict[str, QImage] = {}
        self._asked: set[str] = set()
        self.loaded.connect(self._keep)
        self.remote = remote
        if remote is not None:
            remote.thumbnail_ready.connect(self._from_server)
            remote.thumbnail_failed.connect(self._server_failed)

    def cached(self, sha256: str) -> QImage | None:
        return self._cache.get(sha256)

    def request(self, sha256: str) -> None:
        if sha256 in self._cache or sha256 in self._asked:
            return
        self._asked.add(sha256)
        if (
            self.remote is not None
            and not thumbnail_path(self.data_dir, sha256).exists()
            and not self.remote.has_original(sha256)
        ):
            self.remote.thumbnail(sha256)
            return
        self.pool.start(_Job(self, sha256))

    def _from_server(self, sha256: str, image: QImage) -> None:
        if sha256 in self._asked:
            self.loaded.emit(sha256, image)

    def _server_failed(self, sha256: str, _kind: str, _detail: str) -> None:
        if sha256 in self._asked:  # an empty tile (offline…); asked again next time
            self.loaded.emit(sha256, QImage())

    def _keep(self, sha256: str, image: QImage) -> None:
        self._asked.discard(sha256)
        if not image.isNull():
            self._cache[sha256] = image

    def wait(self) -> None:
        self.pool.waitForDone()
