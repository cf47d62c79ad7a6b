"""Playing a video or audio recording in the evidence viewer (Qt Multimedia), with its position,
a frame grab that becomes a still, and the same watermark overlay as photos.

The video is drawn by a QGraphicsVideoItem inside the viewer's own kind of view (PhotoView), so
the watermark is painted over it exactly as over a photo, in view coordinates. An audio
recording shows its poster (the generic picture with the duration) while it plays.

A grabbed still is decoded from the original with PyAV on a worker thread (app/photos/stills.py)
at the position shown, kept as a derived photo of the same owner that names the video and the
offset; the video's file is only read.

Qt Multimedia is imported when a recording is first shown: a computer without its libraries
(libpulse on Linux) still shows photos, and says in words why a recording cannot be played.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRectF, QSizeF, Qt, QUrl, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from app.evidence.photo_view import FIT_MARGIN, PhotoView
from app.jobs import Job
from app.labels import message_text
from app.photos.media import duration_text
from app.photos.metadata import PhotoRefused

log = logging.getLogger(__name__)

Photo = dict[str, Any]


def is_media(photo: Photo | None) -> bool:
    return photo is not None and photo.get("media_type") in ("video", "audio")


def _multimedia() -> tuple[Any, Any, Any] | str:
    """(QMediaPlayer, QAudioOutput, QGraphicsVideoItem), or why Qt Multimedia cannot load."""
    try:
        from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer
        from PySide6.QtMultimediaWidgets import QGraphicsVideoItem
    except ImportError as error:  # a missing system library (libpulse): said, not raised
        log.warning("Qt Multimedia cannot be loaded", exc_info=True)
        return str(error)
    return QMediaPlayer, QAudioOutput, QGraphicsVideoItem


class MediaView(PhotoView):
    """PhotoView with a video item: fitted, zoomed and watermarked like a photo."""

    def __init__(self, video_item_class: Any | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.video_item = video_item_class() if video_item_class is not None else None
        self.showing_video = False
        # The recording's size as shown (rotation applied, from its row): a phone held upright
        # stores landscape frames that Qt turns, so the item takes the shown shape.
        self.shown_size: QSizeF | None = None
        if self.video_item is not None:
            self.scene().addItem(self.video_item)
            self.video_item.setVisible(False)
            self.video_item.nativeSizeChanged.connect(self._native_size)

    def show_video(self) -> None:
        self.message = ""
        self.item.setPixmap(QPixmap())
        self.item.setVisible(False)
        self.showing_video = self.video_item is not None
        if self.video_item is not None:
            self.video_item.setVisible(True)
            self._native_size(self.video_item.nativeSize())

    def show_pixmap(self, pixmap: QPixmap, scene_size: QSizeF | None = None) -> None:
        self.showing_video = False
        if self.video_item is not None:
            self.video_item.setVisible(False)
        super().show_pixmap(pixmap, scene_size)

    def show_message(self, text: str, *, error: bool = False) -> None:
        self.showing_video = False
        if self.video_item is not None:
            self.video_item.setVisible(False)
        super().show_message(text, error=error)

    def _native_size(self, size: QSizeF) -> None:
        if self.video_item is None or not self.showing_video or size.isEmpty():
            return
        shown = self.shown_size
        if shown is not None and (shown.width() > shown.height()) != (size.width() > size.height()):
            size = size.transposed()  # turned a quarter by its display matrix
        self.video_item.setSize(size)
        self.scene().setSceneRect(QRectF(0, 0, size.width(), size.height()))
        self.fit()

    def has_image(self) -> bool:
        if self.showing_video:
            return not self.scene().sceneRect().isEmpty() and self.scene().sceneRect().width() > 1
        return super().has_image()

    def fit_zoom(self) -> float:
        if not self.showing_video:
            return super().fit_zoom()
        shown = self.scene().sceneRect()
        area = self.viewport().rect().adjusted(FIT_MARGIN, FIT_MARGIN, -FIT_MARGIN, -FIT_MARGIN)
        if shown.isEmpty() or area.isEmpty():
            return 1.0
        return min(area.width() / shown.width(), area.height() / shown.height())

    def fit(self) -> None:
        self.resetTransform()
        if self.showing_video and self.has_image():
            zoom = self.fit_zoom()
            self.scale(zoom, zoom)
            self.centerOn(self.scene().sceneRect().center())
            self.on_zoom()
            return
        super().fit()


class MediaPanel(QWidget):
    """One recording at a time: the picture (or poster), play/pause, position, grab a still."""

    still_grabbed = Signal(dict)  # the new photo row
    grab_failed = Signal(str)  # why, in words
    position_shown = Signal(int)  # ms, as the slider shows it

    def __init__(self, data_dir: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.photo: Photo | None = None
        self._wants_poster = False  # the poster is what the view shows (audio, being fetched)
        loaded = _multimedia()
        self.unavailable = loaded if isinstance(loaded, str) else None
        self.player: Any = None
        self.audio: Any = None
        self._audio_class: Any = None
        video_item_class = None
        if not isinstance(loaded, str):
            player_class, self._audio_class, video_item_class = loaded
            self.player = player_class(self)
            self._attach_audio()
        self.view = MediaView(video_item_class)
        if self.player is not None and self.view.video_item is not None:
            self.player.setVideoOutput(self.view.video_item)
            self.player.durationChanged.connect(self._duration_changed)
            self.player.positionChanged.connect(self._position_changed)
            self.player.playbackStateChanged.connect(lambda _state: self._show_state())
            self.player.errorOccurred.connect(self._error)

        self.play_button = QPushButton("▶")
        self.play_button.setObjectName("media_play")
        self.play_button.setToolTip(self.tr("Play or pause (K)"))
        self.play_button.clicked.connect(self.toggle)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setObjectName("media_position")
        self.slider.setToolTip(self.tr("Position in the recording"))
        self.slider.sliderMoved.connect(self.seek)
        self.slider.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.time_label = QLabel("0:00 / 0:00")
        self.time_label.setObjectName("media_time")
        self.grab_button = QPushButton(self.tr("Grab still"))
        self.grab_button.setObjectName("media_grab")
        self.grab_button.setToolTip(
            self.tr("Keep the frame shown as a photo of the same item (G); the video is untouched")
        )
        self.grab_button.clicked.connect(self.grab_still)
        for button in (self.play_button, self.grab_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys stay with the viewer

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.play_button)
        bar.addWidget(self.slider, 1)
        bar.addWidget(self.time_label)
        bar.addWidget(self.grab_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addLayout(bar)

    def _attach_audio(self) -> None:
        """Sound goes to the computer's default output once it has one. Without any (no sound
        device or sound server) no output is attached: Qt's FFmpeg backend can deadlock the GUI
        thread stopping a player whose audio sink never opened (seen offscreen, no PulseAudio)."""
        if self.player is None or self.audio is not None:
            return
        from PySide6.QtMultimedia import QMediaDevices

        if QMediaDevices.defaultAudioOutput().isNull():
            return
        self.audio = self._audio_class(self)
        self.player.setAudioOutput(self.audio)

    # -- opening -------------------------------------------------------------------------------
    def open(self, photo: Photo, path: Path | None, poster: QImage | None) -> None:
        """Show `photo` (a video or audio row) from its original at `path` (None: not here yet,
        being fetched; a path with no file: not here, and not fetched)."""
        self.stop()
        self._attach_audio()  # a headset plugged in since the panel was made
        self.photo = photo
        self._wants_poster = False  # set below where the poster is what is shown
        duration = int(photo.get("duration_ms") or 0)
        self.slider.setRange(0, max(0, duration))
        self.slider.setValue(0)
        self._show_time(0, duration)
        video = photo.get("media_type") == "video"
        self.grab_button.setVisible(video)
        ready = self.player is not None and path is not None and path.is_file()
        for widget in (self.play_button, self.slider, self.grab_button):
            widget.setEnabled(ready)
        if self.unavailable is not None:
            self.view.show_message(
                self.tr(
                    "Video and audio cannot be played on this computer (a system library is "
                    "missing). The recording is kept unchanged; its details are beside."
                ),
                error=True,
            )
            return
        if path is not None and not path.is_file():  # not here, and nothing fetches it
            self.view.show_message(
                self.tr(
                    "The original of this recording is not on this computer, so it cannot be "
                    "played here."
                ),
                error=True,
            )
            return
        if path is None:  # being fetched (the evidence browser)
            self._wants_poster = True
            self._show_poster(poster)
            if poster is None:
                self.view.show_message(self.tr("Loading…"))
            return
        width, height = photo.get("width"), photo.get("height")
        self.view.shown_size = QSizeF(width, height) if width and height else None
        if video:
            self.view.show_video()
        else:
            self._wants_poster = True
            self._show_poster(poster)
        self.player.setSource(QUrl.fromLocalFile(str(path)))
        self.player.pause()  # the first frame shown, not played: the user presses play

    def poster_arrived(self, sha256: str, poster: QImage) -> None:
        """A poster read after the recording was opened: shown if it is still the one wanted."""
        if self._wants_poster and self.photo is not None and self.photo["sha256"] == sha256:
            self._show_poster(poster)

    def _show_poster(self, poster: QImage | None) -> None:
        if poster is not None and not poster.isNull():
            self.view.show_pixmap(QPixmap.fromImage(poster))
            self.view.fit()

    def stop(self) -> None:
        if self.player is not None:
            self.player.stop()
            self.player.setSource(QUrl())

    # -- playing -------------------------------------------------------------------------------
    def is_playing(self) -> bool:
        if self.player is None:
            return False
        from PySide6.QtMultimedia import QMediaPlayer

        return bool(self.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState)

    def toggle(self) -> None:
        if self.player is None or self.player.source().isEmpty():
            return
        if self.is_playing():
            self.player.pause()
        else:
            self.player.play()

    def seek(self, position_ms: int) -> None:
        if self.player is not None and not self.player.source().isEmpty():
            self.player.setPosition(int(position_ms))
        self._show_time(int(position_ms), self.slider.maximum())

    def position(self) -> int:
        return int(self.player.position()) if self.player is not None else 0

    def _duration_changed(self, duration: int) -> None:
        if duration > 0:
            self.slider.setRange(0, int(duration))
            self._show_time(self.position(), int(duration))

    def _position_changed(self, position: int) -> None:
        if not self.slider.isSliderDown():
            self.slider.setValue(int(position))
        self._show_time(int(position), self.slider.maximum())
        self.position_shown.emit(int(position))

    def _show_time(self, position: int, duration: int) -> None:
        self.time_label.setText(f"{duration_text(position)} / {duration_text(duration)}")

    def _show_state(self) -> None:
        self.play_button.setText("⏸" if self.is_playing() else "▶")

    def _error(self, _error: Any, detail: str) -> None:
        log.warning("playback of %s failed: %s", (self.photo or {}).get("sha256"), detail)
        self.view.show_message(
            self.tr("This recording cannot be played here: {detail}").format(detail=detail),
            error=True,
        )

    # -- a still -------------------------------------------------------------------------------
    def grab_still(self) -> Job | None:
        """Keep the frame at the position shown as a photo (on a worker thread)."""
        photo = self.photo
        if photo is None or photo.get("media_type") != "video" or self.data_dir is None:
            return None
        if self.player is None or self.player.source().isEmpty():
            return None
        offset = self.position()
        data_dir = self.data_dir
        if self.is_playing():
            self.player.pause()

        def work(_task: Any) -> dict[str, Any]:
            from app.photos.stills import grab_still

            return grab_still(data_dir, photo, offset)

        job = Job(work, name="grab-still", owner=self, describe=self._grab_failure_text)
        job.done.connect(self.still_grabbed.emit)
        job.failed.connect(self.grab_failed.emit)
        job.start()
        return job

    def _grab_failure_text(self, error: BaseException) -> str:
        from local_db.inspections import InspectionLocked

        if isinstance(error, InspectionLocked):
            return self.tr(
                "The inspection is submitted: its evidence no longer changes, so no still is "
                "added. Grab stills while it is a draft."
            )
        if isinstance(error, PhotoRefused):
            return message_text(error.reason)
        log.error("grabbing a still failed", exc_info=error)
        return self.tr("The still could not be kept (the details are in the log).")
