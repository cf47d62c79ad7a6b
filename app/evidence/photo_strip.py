"""A row of photo thumbnails that takes dropped files and opens the viewer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, QSize, Qt, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QIcon,
    QImage,
    QKeyEvent,
    QPixmap,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QWidget,
)

from app.evidence.thumbnail_loader import ThumbnailLoader


def dropped_files(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> list[Path]:
    """Local files (and folders) carried by a drag."""
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


class PhotoStrip(QListWidget):
    files_dropped = Signal(list)  # list[Path]
    open_requested = Signal(int)  # index into photos
    remove_requested = Signal(str)  # photo id

    def __init__(
        self, loader: ThumbnailLoader, parent: QWidget | None = None, *, compact: bool = False
    ) -> None:
        """`compact`: smaller tiles (a strip above the checklist, where every line counts)."""
        super().__init__(parent)
        self._tile = QSize(108, 98) if compact else QSize(140, 120)
        self.loader = loader
        self.photos: list[dict[str, Any]] = []
        self._read_only = False
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(False)
        self.setIconSize(QSize(96, 72) if compact else QSize(128, 96))
        self.setFixedHeight(104 if compact else 128)
        self.setMovement(QListView.Movement.Static)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.itemActivated.connect(lambda item: self.open_requested.emit(self.row(item)))
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        loader.loaded.connect(self._thumbnail_ready)

    def set_photos(self, photos: list[dict[str, Any]], warnings: dict[str, list[str]]) -> None:
        self.clear()
        self.photos = photos
        for photo in photos:
            marks = warnings.get(photo["id"], [])
            item = QListWidgetItem(("⚠ " if marks else "") + photo["original_name"])
            item.setData(Qt.ItemDataRole.UserRole, photo["id"])
            item.setToolTip("\n".join([photo["original_name"], *marks]))
            item.setSizeHint(self._tile)
            cached = self.loader.cached(photo["sha256"])
            if cached is not None:
                item.setIcon(QIcon(QPixmap.fromImage(cached)))
            else:
                self.loader.request(photo["sha256"])
            self.addItem(item)

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only

    def _thumbnail_ready(self, sha256: str, image: QImage) -> None:
        if image.isNull():
            self._stand_in(sha256)
            return
        for row, photo in enumerate(self.photos):
            if photo["sha256"] == sha256 and self.item(row) is not None:
                self.item(row).setIcon(QIcon(QPixmap.fromImage(image)))

    def _stand_in(self, sha256: str) -> None:
        """A recording whose poster is not to be had here shows a stand-in with its length."""
        from app.documents.notice_photos import to_qimage
        from app.photos.media import stand_in_poster

        for row, photo in enumerate(self.photos):
            kind = photo.get("media_type")
            if photo["sha256"] == sha256 and kind in ("video", "audio") and self.item(row):
                picture = to_qimage(stand_in_poster(str(kind), photo.get("duration_ms"), 160))
                self.item(row).setIcon(QIcon(QPixmap.fromImage(picture)))

    # -- drops ---------------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_files(event) and not self._read_only:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if dropped_files(event) and not self._read_only:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        files = dropped_files(event)
        if files:
            event.acceptProposedAction()
            self.files_dropped.emit(files)

    def _menu(self, pos: QPoint) -> None:
        item = self.itemAt(pos)
        if item is None:
            return
        menu = QMenu(self)
        view = menu.addAction(self.tr("View (Enter)"))
        remove = menu.addAction(self.tr("Remove from this inspection (Delete)"))
        remove.setEnabled(not self._read_only)
        chosen = menu.exec(self.viewport().mapToGlobal(pos))
        if chosen is view:
            self.open_requested.emit(self.row(item))
        elif chosen is remove:
            self.remove_requested.emit(item.data(Qt.ItemDataRole.UserRole))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        item = self.currentItem()
        removing = event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
        if removing and item is not None and not self._read_only:
            self.remove_requested.emit(item.data(Qt.ItemDataRole.UserRole))
            return
        super().keyPressEvent(event)
