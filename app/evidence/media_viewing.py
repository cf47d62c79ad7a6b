"""The photo viewer's side of video and audio (app/evidence/media_panel.py): a recording is shown
in a MediaPanel stacked over the photo view, with the same watermark lines; photos come back to
the photo view. Mixed into PhotoViewer."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QImage, QKeyEvent
from PySide6.QtWidgets import QStackedWidget

from app.evidence.media_panel import MediaPanel, is_media
from app.photos.media import duration_text
from app.photos.thumbnails import thumbnail_path

Photo = dict[str, Any]


class MediaViewing:
    """State and behaviour of the viewer for recordings; the viewer calls the hooks below."""

    stage: QStackedWidget
    media: MediaPanel | None
    data_dir: Path | None
    # Where a recording's original is on this computer (None: not here, yet); the viewer's
    # owner sets it (opener: the blob store; the evidence browser: fetched when opened).
    media_path: Callable[[Photo], Path | None]

    def _init_media(
        self,
        view: Any,
        data_dir: Path | None,
        media_path: Callable[[Photo], Path | None] | None,
    ) -> QStackedWidget:
        self.stage = QStackedWidget()
        self.stage.addWidget(view)
        self.media = None
        self.data_dir = data_dir
        self.media_path = media_path or (lambda _photo: None)
        return self.stage

    def media_panel(self) -> MediaPanel:
        if self.media is None:
            self.media = MediaPanel(self.data_dir)
            self.stage.addWidget(self.media)
            self.media.still_grabbed.connect(self._still_grabbed)
            self.media.grab_failed.connect(self._grab_failed)
        return self.media

    def media_shown(self) -> bool:
        return self.media is not None and self.stage.currentWidget() is self.media

    def _show_media(self, photo: Photo, lines: list[str]) -> None:
        panel = self.media_panel()
        self.stage.setCurrentWidget(panel)
        panel.view.set_watermark(lines)
        panel.open(photo, self.media_path(photo), self._poster(photo))

    def _leave_media(self) -> None:
        if self.media is not None:
            self.media.stop()
            self.stage.setCurrentIndex(0)

    def _poster(self, photo: Photo) -> QImage | None:
        if self.data_dir is None:
            return None
        path = thumbnail_path(self.data_dir, str(photo["sha256"]))
        image = QImage(str(path)) if path.is_file() else QImage()
        return None if image.isNull() else image

    def media_status(self, photo: Photo) -> str | None:
        """The status bar's part for a recording (its length), or None for a photo."""
        if not is_media(photo):
            return None
        length = duration_text(photo.get("duration_ms"))
        if photo.get("media_type") == "video":
            return QCoreApplication.translate("PhotoViewer", "video {length}").format(length=length)
        return QCoreApplication.translate("PhotoViewer", "audio {length}").format(length=length)

    def media_key(self, event: QKeyEvent) -> bool:
        """K or Space: play or pause; G: grab a still. True if used."""
        if not self.media_shown() or self.media is None:
            return False
        key = event.key()
        if key in (Qt.Key.Key_K, Qt.Key.Key_Space):
            self.media.toggle()
            return True
        if key == Qt.Key.Key_G:
            self.media.grab_still()
            return True
        return False

    # -- a still grabbed -----------------------------------------------------------------------
    def _still_grabbed(self, row: dict[str, Any]) -> None:
        """Hook: the viewer's owner learns of the new photo (PhotoViewer.still_grabbed)."""

    def _grab_failed(self, why: str) -> None:
        """Hook: the viewer says why (PhotoViewer)."""
