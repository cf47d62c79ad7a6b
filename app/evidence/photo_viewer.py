"""The photo viewer: one inspection's photos, full size, with the watermark drawn on the screen.

Photos are evidence: the file is never changed. The watermark (time, place, zone, inspector,
as field staff know it from 水印相机) is painted over the view at display time only, in view
coordinates, so it stays readable at any zoom and never touches the image.

Decoding happens in a job on a worker thread (the `load` callable given by the caller, see
app/jobs.py); the upright QImage comes back by a queued signal. The GUI thread only turns it
into a pixmap.

Keys: Right/PageDown/Space next, Left/PageUp/Backspace previous (Left/Right pan instead while
the image is wider than the window), Home/End first/last, +/=/- zoom, 1 = 100 %, F/0 fit,
Up/Down pan, I shows or hides the details, Esc closes. Navigation stops at the first and the
last photo (no wrap-around: "12 / 12" never silently becomes "1 / 12").
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QLocale,
    QObject,
    QSizeF,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QFontDatabase,
    QFontMetrics,
    QImage,
    QKeyEvent,
    QKeySequence,
    QPixmap,
    QTextOption,
)
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.evidence.loading import WantedPhotos, load_error_text, load_wanted
from app.evidence.media_panel import is_media
from app.evidence.media_viewing import MediaViewing
from app.evidence.photo_view import ZOOM_STEP, PhotoView
from app.evidence.times import time_source_text
from app.jobs import PHOTOS, Job, stop_jobs
from app.labels import display_zone, local_time
from app.widgets.screen_fit import fit_to_screen
from domain.clock import OFFICE_TZ_DEFAULT

Photo = dict[str, Any]

CACHE_SIZE = 3  # decoded images kept: the one shown, the one before, the next (preloaded)
AMBER = "#b45309"


class PhotoViewer(MediaViewing, QDialog):
    """Shows `photos` one at a time, starting at `index`; a video or audio recording plays in
    a media panel in place of the photo view (app/evidence/media_viewing.py).

    `load(photo)` returns the upright QImage and is only ever called in a worker thread;
    `watermark(photo)` gives the overlay's lines and `warnings(photo)` the amber notes in the
    details (both cheap, called on the GUI thread).
    """

    image_shown = Signal(str)  # photo id, once its image is on the screen
    load_failed = Signal(str, str)  # photo id, the message shown instead of the image
    still_grabbed = Signal(dict)  # a photo row: a still kept from the video shown

    def __init__(
        self,
        photos: list[Photo],
        index: int,
        load: Callable[[Photo], QImage],
        watermark: Callable[[Photo], list[str]],
        parent: QWidget | None = None,
        warnings: Callable[[Photo], list[str]] | None = None,
        media_path: Callable[[Photo], Path | None] | None = None,
        data_dir: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self._photos = list(photos)
        self._index = 0
        self._load = load
        self._watermark = watermark
        self._warnings = warnings
        self._lines: list[str] = []
        self._fitting = True  # follow the window size until the user zooms
        self._cache: OrderedDict[str, QImage] = OrderedDict()
        self._pending: set[str] = set()
        self._wanted = WantedPhotos()
        self._closed = False

        self.view = PhotoView()
        self.view.on_zoom = self._update_status
        self.view.on_resize = self._view_resized

        self.status = QLabel()
        self.status.setObjectName("photo_status")
        self.previous_button = self._button("◀", self.tr("Previous photo (Left, Page Up)"))
        self.previous_button.clicked.connect(self.previous)
        self.next_button = self._button("▶", self.tr("Next photo (Right, Page Down)"))
        self.next_button.clicked.connect(self.next)
        fit_button = self._button(self.tr("Fit"), self.tr("Fit to the window (F)"))
        fit_button.clicked.connect(self.fit)
        actual_button = self._button("1:1", self.tr("Actual pixels, 100 % (1)"))
        actual_button.clicked.connect(self.actual_size)
        out_button = self._button("−", self.tr("Zoom out (-)"))
        out_button.clicked.connect(self.zoom_out)
        in_button = self._button("+", self.tr("Zoom in (+)"))
        in_button.clicked.connect(self.zoom_in)
        self.details_button = self._button(self.tr("Details"), self.tr("Show or hide details (I)"))
        self.details_button.setCheckable(True)
        self.details_button.setChecked(True)
        self.details_button.toggled.connect(self._details_toggled)

        bar = QHBoxLayout()
        bar.addWidget(self.previous_button)
        bar.addWidget(self.next_button)
        bar.addWidget(self.status, 1)
        for button in (fit_button, actual_button, out_button, in_button, self.details_button):
            bar.addWidget(button)

        self.details = self._build_details()
        self.splitter = QSplitter()
        self.splitter.addWidget(self._init_media(self.view, data_dir, media_path))
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setCollapsible(0, False)
        self.splitter.setSizes([900, 320])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(bar)
        fit_to_screen(self, 1280, 720)
        self.view.setFocus()
        self._start(index)

    def _start(self, index: int) -> None:
        """Show the first photo (a subclass calls this once its own parts are built)."""
        if self._photos:
            self.show_photo(index)
        else:
            self.view.show_message(self.tr("No photos."))
            self._update_status()

    def _button(self, text: str, tip: str) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys stay with the viewer
        button.setAutoDefault(False)  # Enter clicks nothing
        return button

    # -- the details panel ---------------------------------------------------------------------
    def _build_details(self) -> QWidget:
        self.facts: dict[str, QLabel] = {}
        body = QWidget()
        form = QFormLayout(body)
        self.details_form = form  # subclasses add their facts
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.setVerticalSpacing(2)
        rows = [
            ("name", self.tr("File")),
            ("format", self.tr("Format")),
            ("pixels", self.tr("Pixels")),
            ("bytes", self.tr("File size")),
            ("taken_raw", self.tr("Taken (EXIF)")),
            ("taken", self.tr("Taken (Beijing time)")),
            ("gps", self.tr("GPS")),
            ("camera", self.tr("Camera")),
            ("orientation", self.tr("Orientation")),
            ("caption", self.tr("Caption")),
        ]
        for key, label in rows:
            value = QLabel()
            value.setObjectName(f"fact_{key}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.facts[key] = value
            form.addRow(self._fact_label(label), value)
        self.taken_label = form.labelForField(self.facts["taken"])
        self.taken_raw_label = form.labelForField(self.facts["taken_raw"])

        self.sha256 = QPlainTextEdit()
        self.sha256.setObjectName("fact_sha256")
        self.sha256.setReadOnly(True)
        self.sha256.setWordWrapMode(QTextOption.WrapMode.WrapAnywhere)
        self.sha256.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.sha256.setFrameShape(QFrame.Shape.NoFrame)
        self.sha256.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.sha256.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        line = QFontMetrics(self.sha256.font()).lineSpacing()
        self.sha256.setFixedHeight(line * 3 + 8)
        self.sha256.setStyleSheet("background: transparent;")
        self.sha256.document().setDocumentMargin(0)
        self.sha256.installEventFilter(self)  # navigation keys reach the viewer from here too
        form.addRow(self._fact_label(self.tr("SHA-256")), self.sha256)

        self.warnings_label = QLabel()
        self.warnings_label.setObjectName("photo_warnings")
        self.warnings_label.setWordWrap(True)
        self.warnings_label.setStyleSheet(f"color: {AMBER};")
        form.addRow(self.warnings_label)

        scroll = QScrollArea()
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setMinimumWidth(260)
        return scroll

    @staticmethod
    def _fact_label(text: str) -> QLabel:
        label = QLabel(text)
        label.setStyleSheet("color: #6b7280;")
        label.setContentsMargins(0, 6, 0, 0)
        return label

    def _show_facts(self, photo: Photo) -> None:
        dash = "—"

        def text(key: str) -> str:
            value = photo.get(key)
            return dash if value is None or value == "" else str(value)

        self.facts["name"].setText(text("original_name"))
        self.facts["format"].setText(text("format"))
        width, height = photo.get("width"), photo.get("height")
        self.facts["pixels"].setText(f"{width} × {height}" if width and height else dash)
        size = photo.get("byte_size")
        self.facts["bytes"].setText(
            self.tr("{size} ({bytes} bytes)").format(
                size=QLocale().formattedDataSize(
                    int(size), 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat
                ),
                bytes=QLocale().toString(int(size)),
            )
            if size is not None
            else dash
        )
        self.facts["taken_raw"].setText(text("taken_at_raw"))
        if isinstance(self.taken_raw_label, QLabel):  # which field of the file gave the time
            self.taken_raw_label.setText(time_source_text(photo.get("taken_at_source")))
        self.facts["taken"].setText(
            local_time(photo.get("taken_at"), "yyyy-MM-dd HH:mm:ss") or dash
        )
        zone = bytes(display_zone().id().data()).decode()
        if isinstance(self.taken_label, QLabel):  # the settings may name another zone: say so
            self.taken_label.setText(
                self.tr("Taken (Beijing time)")
                if zone == OFFICE_TZ_DEFAULT
                else self.tr("Taken ({zone})").format(zone=zone)
            )
        lat, lon = photo.get("gps_lat"), photo.get("gps_lon")
        self.facts["gps"].setText(
            f"{float(lat):.6f}, {float(lon):.6f}"
            if lat is not None and lon is not None
            else self.tr("no GPS")
        )
        self.facts["camera"].setText(text("camera"))
        self.facts["orientation"].setText(self._orientation_text(photo.get("orientation")))
        self.facts["caption"].setText(text("caption"))
        self.sha256.setPlainText(photo.get("sha256") or "")
        notes = list(self._warnings(photo)) if self._warnings else []
        self.warnings_label.setText("\n".join(f"⚠ {note}" for note in notes))
        self.warnings_label.setVisible(bool(notes))

    def _orientation_text(self, code: Any) -> str:
        """How the stored pixels were turned to be shown upright (EXIF orientation 1–8)."""
        meanings = {
            1: self.tr("none (stored upright)"),
            2: self.tr("mirrored left–right"),
            3: self.tr("rotated 180°"),
            4: self.tr("mirrored top–bottom"),
            5: self.tr("rotated 90° clockwise, then mirrored left–right"),
            6: self.tr("rotated 90° clockwise"),
            7: self.tr("rotated 90° counter-clockwise, then mirrored left–right"),
            8: self.tr("rotated 90° counter-clockwise"),
        }
        try:
            number = int(code)
        except (TypeError, ValueError):
            return self.tr("not recorded (shown as stored)")
        meaning = meanings.get(number)
        return f"{number} · {meaning}" if meaning else str(number)

    def _details_toggled(self, shown: bool) -> None:
        self.details.setVisible(shown)

    def toggle_details(self) -> None:
        self.details_button.toggle()

    # -- state for callers and tests -----------------------------------------------------------
    @property
    def current_index(self) -> int:
        return self._index

    @property
    def current_photo(self) -> Photo | None:
        return self._photos[self._index] if self._photos else None

    def zoom_factor(self) -> float:
        """1.0 = one image pixel per (device-independent) screen pixel: 100 %."""
        return self.view.zoom()

    def fit_factor(self) -> float:
        """The zoom that shows the whole image in the window."""
        return self.view.fit_zoom()

    def watermark_lines(self) -> list[str]:
        return list(self._lines)

    def is_loading(self) -> bool:
        """True while any load (the photo shown or the next one) is still under way."""
        return bool(self._pending)

    def message(self) -> str:
        """What is shown instead of the image ("Loading…", an error), or ""."""
        return self.view.message

    # -- navigation ----------------------------------------------------------------------------
    def show_photo(self, index: int) -> None:
        if not self._photos:
            return
        self._index = max(0, min(len(self._photos) - 1, index))
        photo = self._photos[self._index]
        photo_id = str(photo["id"])
        self._wanted.ids = self._want()  # loads still queued for other photos are skipped
        self._lines = list(self._watermark(photo))
        self.view.set_watermark(self._lines)
        self._show_facts(photo)
        self.previous_button.setEnabled(self._index > 0)
        self.next_button.setEnabled(self._index < len(self._photos) - 1)
        self._fitting = True
        if is_media(photo):
            self._show_media(photo, self._lines)
            self._update_status()
            return
        self._leave_media()
        image = self._cache.get(photo_id)
        if image is not None:
            self._cache.move_to_end(photo_id)
            self._display(photo_id, image)
        else:
            self.view.show_message(self.tr("Loading…"))
            self.view.fit()
            self._request(photo)
        self._update_status()

    def next(self) -> None:
        if self._index < len(self._photos) - 1:
            self.show_photo(self._index + 1)

    def previous(self) -> None:
        if self._index > 0:
            self.show_photo(self._index - 1)

    def first(self) -> None:
        if self._index != 0:
            self.show_photo(0)

    def last(self) -> None:
        if self._index != len(self._photos) - 1:
            self.show_photo(len(self._photos) - 1)

    # -- zoom ----------------------------------------------------------------------------------
    def fit(self) -> None:
        self._fitting = True
        self.view.fit()

    def actual_size(self) -> None:
        self._fitting = False
        self.view.zoom_to(1.0)

    def zoom_in(self) -> None:
        self._fitting = False
        self.view.zoom_to(self.view.zoom() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self._fitting = False
        self.view.zoom_to(self.view.zoom() / ZOOM_STEP)

    def _view_resized(self) -> None:
        if self._fitting:
            self.view.fit()

    # -- loading -------------------------------------------------------------------------------
    def _want(self) -> frozenset[str]:
        """The photo shown and the next one (preloaded)."""
        ids = set()
        for i in (self._index, self._index + 1):
            if 0 <= i < len(self._photos):
                ids.add(str(self._photos[i]["id"]))
        return frozenset(ids)

    def _request(self, photo: Photo) -> None:
        if is_media(photo):
            return  # played by the media panel, never decoded as an image
        photo_id = str(photo["id"])
        self._wanted.ids = self._want()
        if self._closed or photo_id in self._pending or photo_id in self._cache:
            return
        self._pending.add(photo_id)
        load, wanted = self._load, self._wanted
        job = Job(  # two at a time: the photo shown and the next one
            lambda _task: load_wanted(photo, load, wanted),
            name="photo",
            owner=self,
            lane=PHOTOS,
            describe=load_error_text,
        )
        job.done.connect(
            lambda image: (
                self._skipped(photo_id) if image is None else self._loaded(photo_id, image)
            )
        )
        job.failed.connect(lambda error: self._failed(photo_id, error))
        job.start()

    def _preload_next(self) -> None:
        if self._index + 1 < len(self._photos):
            self._request(self._photos[self._index + 1])

    @Slot(str, QImage)
    def _loaded(self, photo_id: str, image: QImage) -> None:
        self._pending.discard(photo_id)
        if self._closed or photo_id not in self._want():
            return  # the user has moved on: a stale result
        self._cache[photo_id] = image
        self._cache.move_to_end(photo_id)
        while len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)
        photo = self.current_photo
        if photo is not None and str(photo["id"]) == photo_id:
            self._display(photo_id, image)

    @Slot(str)
    def _skipped(self, photo_id: str) -> None:
        """A queued load was dropped; if the user has come back to that photo, ask again."""
        self._pending.discard(photo_id)
        if self._closed:
            return
        for i in (self._index, self._index + 1):
            if 0 <= i < len(self._photos) and str(self._photos[i]["id"]) == photo_id:
                self._request(self._photos[i])

    @Slot(str, str)
    def _failed(self, photo_id: str, error: str) -> None:
        self._pending.discard(photo_id)
        photo = self.current_photo
        if self._closed or photo is None or str(photo["id"]) != photo_id:
            return
        text = self.tr("This photo cannot be shown.")
        if error:
            text += "\n" + error
        else:
            text += "\n" + self.tr("The image could not be decoded.")
        self.view.show_message(text, error=True)
        self._update_status()
        self.load_failed.emit(photo_id, text)
        self._preload_next()

    def scene_size(self, photo: Photo) -> QSizeF | None:
        """The scene units the image covers (None: its own pixels). See PhotoView.show_pixmap."""
        return None

    def _display(self, photo_id: str, image: QImage) -> None:
        photo = self.current_photo
        self.view.show_pixmap(
            QPixmap.fromImage(image), self.scene_size(photo) if photo is not None else None
        )
        self.fit()
        self._update_status()
        self.image_shown.emit(photo_id)
        self._preload_next()

    # -- status --------------------------------------------------------------------------------
    def _update_status(self) -> None:
        photo = self.current_photo
        if photo is None:
            self.status.setText(self.tr("No photos."))
            self.setWindowTitle(self.tr("Photos"))
            return
        parts = [f"{self._index + 1} / {len(self._photos)}", str(photo.get("original_name") or "")]
        media = self.media_status(photo)
        if media is not None:
            parts.append(media)
        elif self.view.has_image():
            parts.append(self.tr("{percent} %").format(percent=round(self.view.zoom() * 100)))
        elif self.view.message_is_error and self.view.message:
            parts.append(self.tr("cannot be shown"))
        else:
            parts.append(self.tr("Loading…"))
        text = " · ".join(parts)
        self.status.setText(text)
        self.setWindowTitle(text)

    # -- keys ----------------------------------------------------------------------------------
    def handle_key(self, event: QKeyEvent) -> bool:
        """The viewer's keys, from wherever the focus is inside it. True if used."""
        if event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier
            | Qt.KeyboardModifier.AltModifier
            | Qt.KeyboardModifier.MetaModifier
        ):
            return False
        if self.media_key(event):
            return True
        key = event.key()
        step = max(40, self.view.viewport().width() // 10)
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and self.view.overflows_horizontally():
            self.view.pan(step if key == Qt.Key.Key_Right else -step, 0)
            return True
        actions: dict[int, Callable[[], None]] = {
            Qt.Key.Key_Right: self.next,
            Qt.Key.Key_PageDown: self.next,
            Qt.Key.Key_Space: self.next,
            Qt.Key.Key_Left: self.previous,
            Qt.Key.Key_PageUp: self.previous,
            Qt.Key.Key_Backspace: self.previous,
            Qt.Key.Key_Home: self.first,
            Qt.Key.Key_End: self.last,
            Qt.Key.Key_Plus: self.zoom_in,
            Qt.Key.Key_Equal: self.zoom_in,
            Qt.Key.Key_Minus: self.zoom_out,
            Qt.Key.Key_1: self.actual_size,
            Qt.Key.Key_F: self.fit,
            Qt.Key.Key_0: self.fit,
            Qt.Key.Key_I: self.toggle_details,
            Qt.Key.Key_Up: lambda: self.view.pan(0, -step),
            Qt.Key.Key_Down: lambda: self.view.pan(0, step),
        }
        action = actions.get(key)
        if action is None:
            return False
        action()
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.handle_key(event):
            event.accept()
            return
        super().keyPressEvent(event)  # Esc closes

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Answered here, not by the base class (see PITFALLS: PySide6 6.12.0 drops references).
        return (
            event.type() == QEvent.Type.KeyPress
            and watched is self.sha256
            and isinstance(event, QKeyEvent)
            and not event.matches(QKeySequence.StandardKey.Copy)
            and not event.matches(QKeySequence.StandardKey.SelectAll)
            and self.handle_key(event)
        )

    # -- closing -------------------------------------------------------------------------------
    def done(self, result: int) -> None:
        """Stop loading: queued loads are dropped, a running one is waited for (one decode)."""
        self._closed = True
        self._wanted.ids = frozenset()
        self._leave_media()
        stop_jobs(self)
        if self.media is not None:
            stop_jobs(self.media)
        super().done(result)

    def _still_grabbed(self, row: dict[str, Any]) -> None:
        self.status.setText(
            self.tr("Still kept as a photo: {name}").format(name=row.get("original_name", ""))
        )
        self.still_grabbed.emit(row)

    def _grab_failed(self, why: str) -> None:
        self.status.setText(why)
