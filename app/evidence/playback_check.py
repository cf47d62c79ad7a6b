"""Does this build play a video? `ducha check-playback` (hidden; build/build.sh runs it inside the
bundle) opens the evidence viewer offscreen on a video of a store, presses K as a user does, and
exits 0 only when the player reaches the playing state, its position passes `min_position_ms`, and
the frame shown is not blank (nor, given `colour`, another colour than expected); else it prints
what was missing and exits 1.

The frame is judged as the tests judge it (tests/ui/test_media_viewer.py): by the colour a user
sees at a point of the picture, grabbed from the view's viewport (`shown_colour`, `near`).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import QApplication, QGraphicsView

SLACK = 45  # per channel: what H.264's colour conversion moves a flat colour by
DARK = 16  # every channel below this: black, as a video item shows before its first frame


def shown_colour(view: QGraphicsView, x: float = 0.5, y: float = 0.5) -> QColor:
    """The colour shown at (`x`, `y`), fractions of the picture's width and height from its
    top-left corner, as the user sees it (the view's viewport grabbed)."""
    rect = view.scene().sceneRect()
    point = view.mapFromScene(rect.left() + rect.width() * x, rect.top() + rect.height() * y)
    image = view.viewport().grab().toImage()
    if not image.rect().contains(point):
        return QColor()
    return image.pixelColor(point)


def near(colour: QColor, rgb: tuple[int, int, int], slack: int = SLACK) -> bool:
    if not colour.isValid():
        return False
    shown = (colour.red(), colour.green(), colour.blue())
    return all(abs(a - b) <= slack for a, b in zip(shown, rgb, strict=True))


def blank(view: QGraphicsView, colour: QColor) -> bool:
    """No frame shown there: nothing grabbed, the view's own background, or black."""
    if not colour.isValid():
        return True
    background = view.backgroundBrush().color()
    rgb = (background.red(), background.green(), background.blue())
    return near(colour, rgb, 8) or max(colour.red(), colour.green(), colour.blue()) < DARK


def _hex(colour: QColor) -> str:
    return colour.name() if colour.isValid() else "nothing"


class PlaybackCheck(QObject):
    """Watches a viewer's media panel play; `code` is 0 once every condition was seen."""

    def __init__(
        self,
        viewer: Any,
        colour: tuple[int, int, int] | None,
        min_position_ms: int,
        timeout_ms: int,
    ) -> None:
        super().__init__(viewer)
        self.viewer = viewer
        self.colour = colour
        self.min_position_ms = min_position_ms
        self.code: int | None = None
        self.playing = False
        self.furthest = 0
        self.seen = QColor()
        self.why = "the check ended before the video played"
        QTimer.singleShot(timeout_ms, self._time_out)

    def start(self) -> None:
        panel = self.viewer.media
        if panel is None or not self.viewer.media_shown():
            self._end(1, "the viewer did not show the recording in its media panel")
            return
        if panel.unavailable is not None:
            self._end(1, f"Qt Multimedia cannot be loaded: {panel.unavailable}")
            return
        player = panel.player
        player.playbackStateChanged.connect(self._state)
        player.positionChanged.connect(self._position)
        player.mediaStatusChanged.connect(self._status)
        player.errorOccurred.connect(lambda _e, detail: self._end(1, f"player error: {detail}"))
        # K, as the user presses it: the viewer hands it to the media panel, which plays.
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_K, Qt.KeyboardModifier.NoModifier, "k")
            QApplication.sendEvent(self.viewer, event)

    def _state(self, _state: Any) -> None:
        self.playing = self.playing or self.viewer.media.is_playing()

    def _position(self, position: int) -> None:
        self.furthest = max(self.furthest, int(position))
        if self.code is not None or not self.playing or position <= self.min_position_ms:
            return
        view = self.viewer.media.view
        colour = shown_colour(view)
        if blank(view, colour):
            if not self.seen.isValid() or blank(view, self.seen):  # a frame seen is kept
                self.seen, self.why = colour, "the frame shown is blank"
            return
        self.seen = colour
        if self.colour is not None and not near(colour, self.colour):
            self.why = f"the frame shown is not {QColor(*self.colour).name()}"
            return
        self._end(0, "")

    def _status(self, status: Any) -> None:
        from PySide6.QtMultimedia import QMediaPlayer

        if status == QMediaPlayer.MediaStatus.EndOfMedia:
            self._time_out()  # played to its end without every condition seen: no use waiting

    def _time_out(self) -> None:
        if self.code is not None:
            return
        if not self.playing:
            why = "the player never reached the playing state"
        elif self.furthest <= self.min_position_ms:
            why = f"the position stayed at {self.furthest} ms"
        else:
            why = self.why or "no frame was judged"
        self._end(1, why)

    def _end(self, code: int, why: str) -> None:
        if self.code is not None:
            return
        self.code = code
        self.why = why
        QApplication.exit(code)

    def summary(self) -> str:
        return f"playing {self.playing}, position {self.furthest} ms, frame {_hex(self.seen)}"


def _video_rows(store: Any, photo_id: str | None) -> tuple[list[dict[str, Any]], int] | str:
    """The video's inspection's photos (as the editor lists them) and the video's index."""
    from local_db.photos import photos_of

    where, args = ("id = ?", [photo_id]) if photo_id else ("media_type = 'video'", [])
    rows = store.rows(
        f"SELECT id, inspection_id FROM photo WHERE {where} AND inspection_id IS NOT NULL "
        "ORDER BY imported_at DESC LIMIT 1",
        args,
    )
    if not rows:
        return f"no video {photo_id or ''} of an inspection in this store".replace("  ", " ")
    photos = photos_of(store, rows[0]["inspection_id"])
    index = next(n for n, p in enumerate(photos) if p["id"] == rows[0]["id"])
    if photos[index].get("media_type") != "video":
        return f"{photos[index]['original_name']} is not a video"
    return photos, index


def check_playback(
    data_dir: Path,
    photo_id: str | None = None,
    colour: tuple[int, int, int] | None = None,
    *,
    min_position_ms: int = 200,
    timeout_s: float = 30.0,
) -> int:
    """Play a video of the store at `data_dir` (`photo_id`, or the newest imported) in the
    evidence viewer, offscreen; 0 when it plays (see the module docstring), 1 when not, 2 when
    there is no such store or video."""
    if not (data_dir / "ducha.sqlite3").is_file():
        print(f"ducha check-playback: no store in {data_dir}", file=sys.stderr)
        return 2
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from app.evidence.browser import open_evidence_viewer
    from app.store_setup import open_store

    app = QApplication.instance() or QApplication(sys.argv[:1])
    store = open_store(data_dir)
    try:
        found = _video_rows(store, photo_id)
        if isinstance(found, str):
            print(f"ducha check-playback: {found}", file=sys.stderr)
            return 2
        photos, index = found
        viewer = open_evidence_viewer(store, photos, index, make_client=None)
        viewer.resize(900, 640)
        check = PlaybackCheck(viewer, colour, min_position_ms, int(timeout_s * 1000))
        QTimer.singleShot(0, check.start)
        app.exec()
        name = photos[index]["original_name"]
        viewer.close()
        app.processEvents()
    finally:
        store.close()
    if check.code != 0:
        print(f"ducha check-playback: {name}: {check.why} ({check.summary()})", file=sys.stderr)
        return 1
    print(f"played {name}: {check.summary()}")
    return 0
