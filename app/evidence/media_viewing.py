"""The photo viewer's side of video and audio (app/evidence/media_panel.py): a recording is shown
in a MediaPanel stacked over the photo view, with the same watermark lines; photos come back to
the photo view. Mixed into PhotoViewer."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QImage, QKeyEvent
from PySide6.QtWidgets import QFormLayout, QLabel, QStackedWidget

from app.evidence.media_panel import MediaPanel, is_media
from app.evidence.thumbnail_loader import ThumbnailLoader
from app.photos.media import duration_text

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
        self._posters: ThumbnailLoader | None = None  # made when a recording is first shown
        self.media_path = media_path or (lambda _photo: None)
        self.media_facts: dict[str, QLabel] = {}
        form = getattr(self, "details_form", None)
        if isinstance(form, QFormLayout):  # a recording's length and codec, under its format
            for n, (key, label) in enumerate(
                (
                    ("duration", QCoreApplication.translate("PhotoViewer", "Duration")),
                    ("codec", QCoreApplication.translate("PhotoViewer", "Codec")),
                ),
                start=2,
            ):
                value = QLabel()
                value.setObjectName(f"fact_{key}")
                title = QLabel(label)
                title.setStyleSheet("color: #6b7280;")
                title.setContentsMargins(0, 6, 0, 0)
                form.insertRow(n, title, value)
                self.media_facts[key] = value
            self._media_facts(None)
        return self.stage

    def _media_facts(self, photo: Photo | None) -> None:
        form = getattr(self, "details_form", None)
        for key, value in self.media_facts.items():
            if photo is not None:
                value.setText(
                    duration_text(photo.get("duration_ms"))
                    if key == "duration"
                    else str(photo.get("codec") or "—")
                )
            if isinstance(form, QFormLayout):
                form.setRowVisible(value, photo is not None)
        facts = getattr(self, "facts", {})
        if isinstance(form, QFormLayout) and "orientation" in facts:  # EXIF's: not a recording's
            form.setRowVisible(facts["orientation"], photo is None)

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
        self._media_facts(photo)
        self.stage.setCurrentWidget(panel)
        panel.view.set_watermark(lines)
        panel.open(photo, self.media_path(photo), self._poster(photo))

    def _leave_media(self) -> None:
        self._media_facts(None)
        if self.media is not None:
            self.media.stop()
            self.stage.setCurrentIndex(0)

    def _poster(self, photo: Photo) -> QImage | None:
        """The recording's poster when it was read before; otherwise it is read by a job (never
        on the GUI thread) and handed to the panel when it arrives."""
        if self.data_dir is None:
            return None
        if self._posters is None:
            self._posters = ThumbnailLoader(self.data_dir, self.stage)
            self._posters.loaded.connect(self._poster_loaded)
        sha256 = str(photo["sha256"])
        image = self._posters.cached(sha256)
        if image is None:
            self._posters.request(sha256)
        return None if image is None or image.isNull() else image

    def _poster_loaded(self, sha256: str, image: QImage) -> None:
        if self.media is not None and not image.isNull():
            self.media.poster_arrived(sha256, image)

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
