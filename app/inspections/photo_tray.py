"""The photo tray of the inspection editor: the photos taken during this visit, one key from
being evidence of the current item.

It shows the photos on the camera card or phone folder the inspector chose once (a laptop
setting, TRAY_FOLDER) whose capture time falls within the visit (app/photos/visit_photos.py,
read by a job off the GUI thread), and any photos dropped on the editor, oldest first, as
thumbnails. A photo already attached to the inspection leaves the tray.

The photos of one scene are picked for you: the oldest run of photos taken close together
(each within BURST_GAP of the one before) is selected, so a finding's two or three shots are
attached with one key. ←/→ move, Space picks or drops a photo, Enter (or Ctrl+T anywhere in
the editor) attaches the picked ones to the current item, through the editor's import.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QIcon, QImage, QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from app.evidence.thumbnail_loader import ThumbnailLoader
from app.jobs import Job, Task, stop_jobs
from app.labels import local_time
from app.photos.importer import expand
from app.photos.visit_photos import VisitPhoto, find_visit_photos, visit_bounds
from app.settings import TRAY_FOLDER
from app.settings_qt import read, write
from app.widgets.file_dialog import file_dialog
from domain.clock import from_iso

BURST_GAP = timedelta(minutes=3)  # photos of one scene: each within this of the one before
ATTACH_KEY = "Ctrl+T"
FOCUS_KEY = "Ctrl+Shift+T"


def first_burst(photos: list[VisitPhoto]) -> list[VisitPhoto]:
    """The oldest run of photos taken close together (`photos` oldest first)."""
    run: list[VisitPhoto] = []
    for photo in photos:
        if run and from_iso(photo.taken_at) - from_iso(run[-1].taken_at) > BURST_GAP:
            break
        run.append(photo)
    return run


class TrayList(QListWidget):
    """Thumbnails; ←/→ move, Space picks, Enter attaches the picked ones."""

    attach = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(False)
        self.setIconSize(QSize(96, 72))
        self.setFixedHeight(104)
        self.setMovement(QListView.Movement.Static)
        self.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            self.attach.emit()
            return
        super().keyPressEvent(event)


class PhotoTray(QWidget):
    attach_requested = Signal(list)  # list[Path]: the picked photos, oldest first
    changed = Signal()  # the photos shown or picked changed
    passed_over = Signal(int)  # how many dropped files are not photos the tray offers

    def __init__(
        self, data_dir: Path, loader: ThumbnailLoader, zone: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("photo_tray")
        self.data_dir = data_dir
        self.loader = loader
        self.zone = zone
        self.folder = read(TRAY_FOLDER)
        self._bounds: tuple[str, str | None] | None = None  # the visit: started, finished
        self._from_folder: dict[str, VisitPhoto] = {}
        self._dropped: dict[str, VisitPhoto] = {}
        self._attached: set[str] = set()
        self._picked: set[str] | None = None  # None: the first burst
        self._shown: list[VisitPhoto] = []
        self._rendering = False
        self._job: Job | None = None
        self._again = False  # look again once the running look ends
        self._folder_missing = False  # the last look found no such folder (the card is out)
        self._drops: list[Job] = []

        self.title = QLabel()
        self.title.setStyleSheet("font-weight: bold;")
        self.folder_button = QPushButton(self.tr("Photo folder…"))
        self.folder_button.clicked.connect(self.choose_folder)
        self.attach_button = QPushButton(self.tr("Attach to this item") + f" ({ATTACH_KEY})")
        self.attach_button.setObjectName("attach_button")
        self.attach_button.setToolTip(
            self.tr("Attach the picked photos to the current item (Enter in the tray)")
        )
        self.attach_button.clicked.connect(self.attach)
        self.list = TrayList()
        self.list.setToolTip(
            self.tr(
                "{key} comes here. ←/→ move, Space picks or drops a photo, Enter attaches the "
                "picked ones"
            ).format(key=FOCUS_KEY)
        )
        self.title.setToolTip(self.list.toolTip())
        self.list.attach.connect(self.attach)
        self.list.itemSelectionChanged.connect(self._picked_by_user)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #555;")
        self.hint.setFixedHeight(104)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        loader.loaded.connect(self._thumbnail_ready)

        side = QVBoxLayout()
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.title)
        side.addWidget(self.attach_button)
        side.addWidget(self.folder_button)
        side.addStretch(1)
        self.stack = QStackedLayout()
        self.stack.addWidget(self.list)
        self.stack.addWidget(self.hint)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(side)
        layout.addLayout(self.stack, 1)

        self._render_timer = QTimer(self)  # photos arriving fast: one redraw per 100 ms
        self._render_timer.setSingleShot(True)
        self._render_timer.setInterval(100)
        self._render_timer.timeout.connect(self._render)
        self._render()

    # -- what the tray holds -------------------------------------------------------------------
    def set_visit(self, started_at: str, finished_at: str | None) -> None:
        """The visit whose photos are shown; looks at the folder again."""
        self._bounds = (started_at, finished_at)
        self.rescan()

    def set_attached(self, sha256s: set[str]) -> None:
        """The originals attached to the inspection: they leave the tray."""
        if sha256s != self._attached:
            self._attached = set(sha256s)
            self._picked = None  # the next scene's photos are picked
            self._render()

    def photos(self) -> list[VisitPhoto]:
        """What the tray shows, oldest first."""
        return list(self._shown)

    def picked(self) -> list[VisitPhoto]:
        rows = {self.list.row(item) for item in self.list.selectedItems()}
        return [p for row, p in enumerate(self._shown) if row in rows]

    def count(self) -> int:
        return len(self._shown)

    def busy(self) -> bool:
        return (self._job is not None and self._job.running()) or any(
            job.running() for job in self._drops
        )

    # -- looking at the folder -----------------------------------------------------------------
    def choose_folder(self) -> QFileDialog:
        """Ask for the camera card or phone folder (once: it is remembered on this laptop)."""
        dialog = file_dialog(
            self,
            self.tr("The folder of the camera card or phone"),
            mode=QFileDialog.FileMode.Directory,
        )
        if self.folder:
            dialog.setDirectory(self.folder)
        dialog.fileSelected.connect(self.set_folder)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def set_folder(self, folder: str) -> None:
        self.folder = folder
        write(TRAY_FOLDER, folder)
        self._from_folder = {}
        self._folder_missing = False
        self.rescan()

    def rescan(self) -> None:
        """Look at the folder again (files already read are not read again)."""
        if self._bounds is None or not self.folder or self.isHidden():
            self._render()
            return
        if self._job is not None and self._job.running():
            self._again = True
            return
        folder = Path(self.folder)
        bounds = visit_bounds(*self._bounds)
        data_dir, zone = self.data_dir, self.zone

        def work(task: Task) -> tuple[list[VisitPhoto], bool]:
            if not folder.is_dir():
                return [], True
            return find_visit_photos(
                [folder],
                bounds=bounds,
                data_dir=data_dir,
                zone=zone,
                cancel=task.cancel_event,
                on_found=task.progress,
            ), False

        job = Job(work, name="photo-tray", owner=self, cancellable=True)
        job.progress.connect(self._found)
        job.done.connect(self._looked)
        job.ended.connect(self._look_ended)
        self._job = job
        job.start()
        self._render()

    def add_files(self, files: list[Path]) -> Job:
        """Photos dropped on the editor: offered in the tray whatever their time."""
        data_dir, zone = self.data_dir, self.zone

        def work(task: Task) -> tuple[list[VisitPhoto], int]:
            paths = expand(files)
            photos = find_visit_photos(
                paths, bounds=None, data_dir=data_dir, zone=zone, cancel=task.cancel_event
            )
            return photos, len(paths) - len(photos)

        job = Job(work, name="photo-tray-drop", owner=self, cancellable=True)
        job.done.connect(self._dropped_in)
        job.ended.connect(lambda: self._drops.remove(job) if job in self._drops else None)
        self._drops.append(job)
        job.start()
        return job

    def stop(self) -> None:
        """The editor closes: no look goes on, no redraw waits."""
        self._render_timer.stop()
        stop_jobs(self)

    def _found(self, photo: object) -> None:
        if isinstance(photo, VisitPhoto):
            self._from_folder[photo.sha256] = photo
            if not self._render_timer.isActive():
                self._render_timer.start()

    def _looked(self, found: tuple[list[VisitPhoto], bool]) -> None:
        photos, self._folder_missing = found
        self._from_folder = {p.sha256: p for p in photos}

    def _look_ended(self) -> None:
        self._render()
        if self._again:
            self._again = False
            self.rescan()

    def _dropped_in(self, found: tuple[list[VisitPhoto], int]) -> None:
        photos, passed_over = found
        for photo in photos:
            self._dropped[photo.sha256] = photo
        self._render()
        if passed_over:
            self.passed_over.emit(passed_over)

    # -- showing -------------------------------------------------------------------------------
    def _render(self) -> None:
        self._render_timer.stop()
        merged = {**self._from_folder, **self._dropped}
        shown = sorted(
            (p for sha, p in merged.items() if sha not in self._attached),
            key=lambda p: (p.taken_at, p.path.name),
        )
        picked = self._picked
        if picked is None:
            picked = {p.sha256 for p in first_burst(shown)}
        current = self.list.currentItem()
        current_sha = current.data(Qt.ItemDataRole.UserRole) if current is not None else None
        self._rendering = True
        try:
            self._shown = shown
            self.list.clear()
            for photo in shown:
                item = QListWidgetItem(local_time(photo.taken_at, "HH:mm:ss"))
                item.setData(Qt.ItemDataRole.UserRole, photo.sha256)
                item.setToolTip(f"{photo.path.name}\n{local_time(photo.taken_at)}")
                item.setSizeHint(QSize(108, 98))
                cached = self.loader.cached(photo.sha256)
                if cached is not None:
                    item.setIcon(QIcon(QPixmap.fromImage(cached)))
                else:
                    self.loader.request(photo.sha256)
                self.list.addItem(item)
                item.setSelected(photo.sha256 in picked)
                if photo.sha256 == current_sha:
                    self.list.setCurrentItem(item, QItemSelectionModel.SelectionFlag.NoUpdate)
            if self.list.currentItem() is None and shown:
                first = next((i for i, p in enumerate(shown) if p.sha256 in picked), 0)
                self.list.setCurrentRow(first, QItemSelectionModel.SelectionFlag.NoUpdate)
        finally:
            self._rendering = False
        self._show_words()
        self.changed.emit()

    def _show_words(self) -> None:
        n = len(self._shown)
        self.title.setText(self.tr("Photos of this visit ({n})").format(n=n))
        self.attach_button.setEnabled(bool(self.picked()))
        self.folder_button.setToolTip(
            self.folder or self.tr("Not chosen yet: the camera card or the phone's photo folder")
        )
        if n:
            self.stack.setCurrentWidget(self.list)
            return
        if self.busy():
            text = self.tr("Looking for the photos of this visit…")
        elif not self.folder:
            text = self.tr(
                "Choose the camera card or phone photo folder once (Photo folder…): the photos "
                "taken during this visit show here. Or drop photos on this window."
            )
        elif self._folder_missing:
            text = self.tr(
                "The photo folder {folder} is not there: is the camera card or the phone "
                "connected? (Photo folder… chooses another.)"
            ).format(folder=self.folder)
        else:
            text = self.tr(
                "No photo taken during this visit and not yet attached in {folder}."
            ).format(folder=self.folder)
        self.hint.setText(text)
        self.stack.setCurrentWidget(self.hint)

    def _picked_by_user(self) -> None:
        if self._rendering:
            return
        self._picked = {p.sha256 for p in self.picked()}
        self.attach_button.setEnabled(bool(self._picked))
        self.changed.emit()

    def _thumbnail_ready(self, sha256: str, image: QImage) -> None:
        if image.isNull():
            return
        for row, photo in enumerate(self._shown):
            if photo.sha256 == sha256 and self.list.item(row) is not None:
                self.list.item(row).setIcon(QIcon(QPixmap.fromImage(image)))

    # -- attaching -----------------------------------------------------------------------------
    def attach(self) -> None:
        picked = self.picked()
        if picked:
            self.attach_requested.emit([p.path for p in picked])

    def focus_photos(self) -> None:
        self.list.setFocus(Qt.FocusReason.ShortcutFocusReason)
