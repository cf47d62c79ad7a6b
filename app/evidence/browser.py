"""The evidence browser: an inspection's photos on a reviewer's laptop, whose store is a replica
that got the photo rows by sync but not the originals.

- A photo whose original is here is decoded from it: no network at all.
- Otherwise the server's thumbnail shows at once (a cached one first), with "Downloading the
  original…" in view; the original follows, verified against its SHA-256 before it enters the
  blob store (app/photos/fetch.py), and replaces the thumbnail. Offline, the viewer says so in
  words and keeps the thumbnail.
- Times: the camera's (EXIF) and place (GPS), the inspection's recorded start and finish, the
  import, the server's receipt; a visible warning where they disagree (domain/photo_times.py).
- Markup (arrows, ellipses, text) drawn over the photo in the upright original's pixels, kept
  as the user's annotation row, never in the file. Office staff on any photo (a submitted
  inspection's too: markup is not evidence); an inspector on the photos of a draft they are on.

open_evidence_viewer() builds one from a store and photo rows; the review screen calls it.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from types import EllipsisType
from typing import Any

from PySide6.QtCore import QSizeF, Qt, Signal
from PySide6.QtGui import QImage, QKeyEvent, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.evidence import remote_photos as remote
from app.evidence.markup_layer import ARROW, ELLIPSE, PAN, TEXT, MarkupItem, MarkupTool, Shape
from app.evidence.media_panel import is_media
from app.evidence.opener import upright_loader
from app.evidence.photo_viewer import Photo, PhotoViewer
from app.evidence.remote_photos import ClientFactory, RemoteBlobs, client_factory
from app.evidence.times import finding_text, receipt_text, recorded_text
from app.evidence.watermark import watermark_lines
from app.labels import local_time
from app.photos.blobstore import BlobStore
from domain.markup import upright_size
from domain.photo_times import check_photo_times
from local_db import annotations
from local_db.queries import inspection_header
from local_db.receipts import receipt_of
from local_db.reference import local_person_id
from local_db.store import Store

PREVIEWS_KEPT = 8
REVIEW_SIDE = 2400  # the decoded copy shown of a large original (markup stays in its pixels)
INFO, WARN, ERROR = "#1d4ed8", "#b45309", "#b91c1c"


class EvidenceViewer(PhotoViewer):
    """PhotoViewer for one inspection's evidence on a replica (see the module docstring)."""

    preview_shown = Signal(str)  # photo id: a thumbnail is shown while the original is away
    markup_saved = Signal(str)  # photo id: the user's markup of it was saved

    def __init__(
        self,
        photos: list[Photo],
        index: int,
        *,
        store: Store,
        inspection: dict[str, Any] | None,
        load: Callable[[Photo], QImage],
        watermark: Callable[[Photo], list[str]],
        make_client: ClientFactory | None,
        author: str | None,
        on_changed: Callable[[], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            photos,
            index,
            load,
            watermark,
            parent=parent,
            warnings=lambda photo: self.time_warnings(photo),
        )
        self.store = store
        self.inspection = inspection
        self.author = author  # None: the user may look at markup, not draw it
        self.on_changed = on_changed or (lambda: None)
        self.remote = RemoteBlobs(store.path.parent, make_client, self)
        self.remote.preview_ready.connect(self._preview_ready)
        self.remote.original_ready.connect(self._original_ready)
        self.remote.fetch_failed.connect(self._fetch_failed)
        self._previews: OrderedDict[str, QImage] = OrderedDict()
        self._failures: dict[str, tuple[str, str]] = {}  # sha256 -> (kind, detail)
        self._own: list[Shape] = []
        self._cleared: list[Shape] = []  # what "delete all" removed, for one undo

        self.time_banner = self._banner("time_warning", WARN, "#fef3c7")
        self.download_state = self._banner("download_state", INFO, "#dbeafe")
        top = self.layout()
        assert isinstance(top, QVBoxLayout)
        top.insertWidget(0, self.time_banner)
        top.insertWidget(1, self.download_state)
        top.insertLayout(3, self._build_tools())
        self._add_facts()

        self.data_dir = store.path.parent
        self.media_path = self._media_path
        self.still_grabbed.connect(lambda _row: self.on_changed())

        self.markup = MarkupItem()
        self.view.scene().addItem(self.markup)
        self.tool = MarkupTool(
            self.view, self.markup, self._add_shape, self.markup_text.text, self._need_text
        )
        QShortcut(QKeySequence.StandardKey.Undo, self, self.undo_markup)
        self._start_first(index)

    def _start(self, index: int) -> None:
        """Deferred until this viewer's own parts exist (see _start_first)."""

    def _start_first(self, index: int) -> None:
        PhotoViewer._start(self, index)

    # -- building ------------------------------------------------------------------------------
    @staticmethod
    def _banner(name: str, color: str, background: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setStyleSheet(
            f"color: {color}; background: {background}; padding: 4px 8px; border-radius: 4px;"
        )
        label.hide()
        return label

    def _build_tools(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.tool_buttons: dict[str, QToolButton] = {}
        group = QButtonGroup(self)
        for key, text, tip in (
            (PAN, self.tr("Move"), self.tr("Drag to move the photo")),
            (ARROW, self.tr("Arrow"), self.tr("Drag from the tail to the point of the arrow")),
            (ELLIPSE, self.tr("Circle"), self.tr("Drag across what to circle")),
            (TEXT, self.tr("Text"), self.tr("Type the words, then click where they go")),
        ):
            button = QToolButton()
            button.setObjectName(f"tool_{key}")
            button.setText(text)
            button.setToolTip(tip)
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _checked=False, k=key: self.set_tool(k))
            group.addButton(button)
            self.tool_buttons[key] = button
            bar.addWidget(button)
        self.tool_buttons[PAN].setChecked(True)
        self.markup_text = QLineEdit()
        self.markup_text.setObjectName("markup_text")
        self.markup_text.setPlaceholderText(self.tr("Words of a text mark"))
        self.markup_text.setMaximumWidth(220)
        bar.addWidget(self.markup_text)
        self.undo_button = QToolButton()
        self.undo_button.setText(self.tr("Undo"))
        self.undo_button.setToolTip(self.tr("Take back the last mark (Ctrl+Z)"))
        self.undo_button.clicked.connect(self.undo_markup)
        self.clear_button = QToolButton()
        self.clear_button.setText(self.tr("Delete all"))
        self.clear_button.setToolTip(self.tr("Delete all your marks on this photo"))
        self.clear_button.clicked.connect(self.clear_markup)
        self.markup_toggle = QToolButton()
        self.markup_toggle.setText(self.tr("Show markup"))
        self.markup_toggle.setToolTip(self.tr("Show or hide the markup (M)"))
        self.markup_toggle.setCheckable(True)
        self.markup_toggle.setChecked(True)
        self.markup_toggle.toggled.connect(self._sync_markup)
        self.markup_text.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        for button in (self.undo_button, self.clear_button, self.markup_toggle):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys stay with the viewer
            bar.addWidget(button)
        if self.author is None:  # looking only: no drawing tools
            for widget in (
                *self.tool_buttons.values(),
                self.markup_text,
                self.undo_button,
                self.clear_button,
            ):
                widget.hide()
        self.read_only_note = QLabel(self.tr("Markup is drawn by office staff (reviewers)."))
        self.read_only_note.setStyleSheet("color: #6b7280;")
        self.read_only_note.setVisible(self.author is None)
        bar.addWidget(self.read_only_note)
        bar.addStretch(1)
        return bar

    def _add_facts(self) -> None:
        form = self.details_form
        row, _role = form.getWidgetPosition(self.facts["gps"])
        for offset, (key, label) in enumerate(
            (
                ("recorded", self.tr("Inspection (recorded)")),
                ("imported", self.tr("Imported (inspector's laptop)")),
                ("received", self.tr("Received by the server")),
                ("markup", self.tr("Markup")),
            ),
            start=1,
        ):
            value = QLabel()
            value.setObjectName(f"fact_{key}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.facts[key] = value
            form.insertRow(row + offset, self._fact_label(label), value)

    # -- facts and times -----------------------------------------------------------------------
    def time_warnings(self, photo: Photo) -> list[str]:
        photo_receipt = receipt_of(self.store, "photo", str(photo["id"]))
        inspection_receipt = (
            receipt_of(self.store, "inspection", str(self.inspection["id"]))
            if self.inspection
            else None
        )
        found = check_photo_times(
            photo,
            self.inspection,
            photo_skew=photo_receipt.clock_skew_seconds if photo_receipt else None,
            inspection_skew=inspection_receipt.clock_skew_seconds if inspection_receipt else None,
        )
        return [finding_text(f) for f in found]

    def _show_facts(self, photo: Photo) -> None:
        super()._show_facts(photo)
        if "recorded" not in self.facts:
            return  # still building
        self.facts["recorded"].setText(recorded_text(self.inspection))
        self.facts["imported"].setText(
            local_time(photo.get("imported_at"), "yyyy-MM-dd HH:mm:ss") or "—"
        )
        self.facts["received"].setText(
            receipt_text(receipt_of(self.store, "photo", str(photo["id"])))
        )
        notes = self.time_warnings(photo)
        self.time_banner.setText("\n".join(f"⚠ {note}" for note in notes))
        self.time_banner.setVisible(bool(notes))

    def scene_size(self, photo: Photo) -> QSizeF | None:
        size = upright_size(photo.get("width"), photo.get("height"), photo.get("orientation"))
        return QSizeF(*size) if size else None

    # -- navigation and loading ----------------------------------------------------------------
    def show_photo(self, index: int) -> None:
        super().show_photo(index)
        photo = self.current_photo
        if photo is None:
            return
        preview = self._previews.get(str(photo["sha256"]))
        if preview is not None and not self.view.has_image():
            self._show_preview(photo, preview)
        self._load_markup(photo)
        self._show_state()

    def _request(self, photo: Photo) -> None:
        sha = str(photo["sha256"])
        if self.remote.has_original(sha):
            super()._request(photo)  # decoded from the local original: no network
            return
        current = self.current_photo
        if current is not None and current["id"] == photo["id"]:
            self._failures.pop(sha, None)
            self.remote.open(sha, photo.get("byte_size"), str(photo.get("original_name") or ""))
        # the next photo: nothing is downloaded before the user goes there

    def _preview_ready(self, sha: str, image: QImage) -> None:
        if image.isNull():
            return
        self._previews[sha] = image
        self._previews.move_to_end(sha)
        while len(self._previews) > PREVIEWS_KEPT:
            self._previews.popitem(last=False)
        photo = self.current_photo
        if photo is not None and photo["sha256"] == sha and str(photo["id"]) not in self._cache:
            self._show_preview(photo, image)

    def _show_preview(self, photo: Photo, image: QImage) -> None:
        self.view.show_pixmap(QPixmap.fromImage(image), self.scene_size(photo))
        self.fit()
        self._sync_markup()
        self._show_state()
        self._update_status()
        self.preview_shown.emit(str(photo["id"]))

    def _original_ready(self, sha: str) -> None:
        photo = self.current_photo
        if photo is not None and photo["sha256"] == sha and is_media(photo):
            self._show_media(photo, self._lines)  # the recording arrived: play it
        elif photo is not None and photo["sha256"] == sha:
            super()._request(photo)  # decode the verified original now in the blob store
        self._show_state()

    def _media_path(self, photo: Photo) -> Path | None:
        """A recording's original here, or None while it is fetched (only when opened: a long
        video is never downloaded ahead)."""
        sha = str(photo["sha256"])
        if self.remote.has_original(sha):
            return self.remote.blobs.path(sha)
        self._failures.pop(sha, None)
        self.remote.open(sha, photo.get("byte_size"), str(photo.get("original_name") or ""))
        return None

    def _fetch_failed(self, sha: str, kind: str, detail: str) -> None:
        self._failures[sha] = (kind, detail)
        photo = self.current_photo
        if photo is not None and photo["sha256"] == sha and not self.view.has_image():
            self.view.show_message(self._failure_text(kind, detail, preview=False), error=True)
            self._update_status()
            self.load_failed.emit(str(photo["id"]), self.view.message)
        self._sync_markup()
        self._show_state()

    def _display(self, photo_id: str, image: QImage) -> None:
        super()._display(photo_id, image)
        self._sync_markup()
        self._show_state()

    def _failure_text(self, kind: str, detail: str, *, preview: bool) -> str:
        if kind == remote.OFFLINE:
            return (
                self.tr(
                    "Offline: the server cannot be reached. This is the thumbnail; the original "
                    "is downloaded when you open the photo again with the server in reach."
                )
                if preview
                else self.tr(
                    "Offline: the server cannot be reached, and this photo's original is not on "
                    "this computer yet."
                )
            )
        if kind == remote.LOGIN:
            return self.tr("Not logged in to the server: log in to download the original.")
        if kind == remote.MISSING:
            return self.tr("The server does not hold this photo's original.")
        if kind == remote.MISMATCH:
            return self.tr(
                "The file the server sent is not this photo's original (its SHA-256 differs): "
                "it was refused and not kept."
            )
        return self.tr("The original could not be downloaded: {error}").format(error=detail)

    def _show_state(self) -> None:
        """Say where the original is: downloading, failed (why), or nothing when it is shown."""
        photo = self.current_photo
        text, color = "", INFO
        if photo is not None and str(photo["id"]) not in self._cache:
            sha = str(photo["sha256"])
            if sha in self._failures and self.view.has_image():
                text = self._failure_text(*self._failures[sha], preview=True)
                color = ERROR if self._failures[sha][0] == remote.MISMATCH else WARN
            elif self.remote.busy(sha):
                text = self.tr("Downloading the original…")
        self.download_state.setText(text)
        self.download_state.setStyleSheet(
            f"color: {color}; background: {'#dbeafe' if color == INFO else '#fef3c7'}; "
            "padding: 4px 8px; border-radius: 4px;"
        )
        self.download_state.setVisible(bool(text))

    def state_text(self) -> str:
        """What the viewer says about the original ("Downloading the original…", offline…)."""
        return self.download_state.text() if self.download_state.isVisible() else ""

    # -- markup --------------------------------------------------------------------------------
    def _load_markup(self, photo: Photo) -> None:
        rows = annotations.annotations_of(self.store, str(photo["id"]))
        others = [s for r in rows if r["author"] != self.author for s in r["shapes"]]
        self._own = [s for r in rows if r["author"] == self.author for s in r["shapes"]]
        self._cleared = []
        self.markup.set_shapes(others, self._own)
        self._sync_markup()
        lines = [
            self.tr("{name} · {time} · {count} marks").format(
                name=r["author_name"] or "—",
                time=local_time(r["updated_at"], "yyyy-MM-dd HH:mm"),
                count=len(r["shapes"]),
            )
            for r in rows
            if r["shapes"]
        ]
        self.facts["markup"].setText("\n".join(lines) or self.tr("none"))

    def _sync_markup(self) -> None:
        shown = self.markup_toggle.isChecked() and self.view.has_image()
        self.markup.set_bounds(self.view.scene().sceneRect())
        self.markup.setVisible(shown)
        editable = self.author is not None and self.current_photo is not None
        for button in (*self.tool_buttons.values(), self.undo_button, self.clear_button):
            button.setEnabled(editable and self.markup_toggle.isChecked())
        self.undo_button.setEnabled(
            self.undo_button.isEnabled() and bool(self._own or self._cleared)
        )
        self.clear_button.setEnabled(self.clear_button.isEnabled() and bool(self._own))

    def markup_shapes(self) -> list[Shape]:
        """Every drawable mark on the photo shown (all authors)."""
        return self.markup.shapes()

    def set_tool(self, tool: str) -> None:
        self.tool_buttons[tool].setChecked(True)
        self.tool.set_tool(tool)
        if tool == TEXT and not self.markup_text.text().strip():
            self._need_text()

    def _need_text(self) -> None:
        self.markup_text.setFocus()

    def _add_shape(self, shape: Shape) -> None:
        self._save_own([*self._own, shape])

    def undo_markup(self) -> None:
        if self._own:
            self._save_own(self._own[:-1])
        elif self._cleared:
            self._save_own(self._cleared)

    def clear_markup(self) -> None:
        if self._own:
            cleared = list(self._own)
            self._save_own([])
            self._cleared = cleared

    def _save_own(self, shapes: list[Shape]) -> None:
        photo = self.current_photo
        if photo is None or self.author is None:
            return
        try:
            saved = annotations.save_shapes(self.store, str(photo["id"]), self.author, shapes)
        except (PermissionError, KeyError) as error:
            why = (
                self.tr(
                    "an inspector marks up only the photos of a draft they are on, until it is "
                    "submitted"
                )
                if isinstance(error, PermissionError)
                else self.tr("the photo is no longer in this store")
            )
            self.download_state.setText(
                self.tr("The markup was not saved: {error}").format(error=why)
            )
            self.download_state.show()
            return
        self._own = list(saved["shapes"])
        self._cleared = []
        self.markup.own = list(self._own)
        self.markup.update()
        self._load_markup(photo)
        self.markup_saved.emit(str(photo["id"]))
        self.on_changed()

    # -- keys and closing ----------------------------------------------------------------------
    def handle_key(self, event: QKeyEvent) -> bool:
        if event.key() == Qt.Key.Key_M and not event.modifiers():
            self.markup_toggle.toggle()
            return True
        return super().handle_key(event)

    def done(self, result: int) -> None:
        self.remote.cancel()  # downloads stop at their next chunk; nothing partial is kept
        super().done(result)


# -- building one ----------------------------------------------------------------------------------
def open_evidence_viewer(
    store: Store,
    photos: list[dict[str, Any]],
    index: int = 0,
    *,
    make_client: ClientFactory | EllipsisType | None = ...,
    on_changed: Callable[[], None] | None = None,
    parent: QWidget | None = None,
) -> EvidenceViewer:
    """Show the evidence browser over `photos` (rows of one inspection, e.g. photos_of()),
    starting at `index`, and return it (non-modal, deleted on close).

    Originals missing here are fetched from the server the sync uses (its saved login), or with
    `make_client` when given (None: no server, only what is on this laptop). Markup is editable
    when this laptop's user is office staff, or an inspector on this draft; `on_changed` is
    called after each markup save (e.g. AppContext.notify, so the sync sends it)."""
    data_dir = store.path.parent
    inspection_id = next((p.get("inspection_id") for p in photos if p.get("inspection_id")), None)
    inspection = store.row("inspection", inspection_id) if inspection_id else None
    header = inspection_header(store, inspection_id) if inspection_id else None
    person = local_person_id(store)
    factory = client_factory(data_dir) if isinstance(make_client, EllipsisType) else make_client
    viewer = EvidenceViewer(
        photos,
        index,
        store=store,
        inspection=inspection,
        load=upright_loader(BlobStore(data_dir / "blobs"), REVIEW_SIDE),
        watermark=lambda photo: watermark_lines(photo, header) if header else [],
        make_client=factory,
        author=person if annotations.may_annotate(store, person, inspection_id) else None,
        on_changed=on_changed,
        parent=parent,
    )
    viewer.show()
    return viewer
