"""The sync menu's USB-stick entries (issue 17): 导出到U盘… (a bundle written to a chosen folder, a
removable drive suggested when one is mounted), 导入回执… (the server's answer applied) and, on an
office laptop (reviewer, admin), 导入外业数据包… (a field laptop's bundle relayed to the server, its
answer saved beside it). Each runs in a job (app/jobs.py): the GUI thread never waits on the disk
or the network; what it did, or why it was refused, is shown in the user's language."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import cast

from PySide6.QtCore import QDir, QObject, QStorageInfo
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from app.bundle.answer import AnswerReport, import_answer
from app.bundle.export import Exported, export_bundle
from app.bundle.relay import relay_bundle
from app.bundle.texts import answer_text, exported_text, nothing_lost_text, refusal_text
from app.context import AppContext
from app.jobs import Job, Task, describe_error
from app.labels import refusal_text as sync_refusal_text
from app.sync.client import SyncClient
from app.sync.errors import SyncError
from app.widgets.file_dialog import existing_directory, open_file_name
from app.widgets.job_progress import JobProgress
from domain.bundle_format import BundleRefused
from local_db.reference import local_role

PART_SIZE = 2 * 1024**3  # FAT32 sticks take files below 4 GB
OFFICE = ("reviewer", "admin")
REMOVABLE_ROOTS = ("/media/", "/run/media/", "/Volumes/")
SHOWN_LINES = 8  # a longer result shows its first lines; the whole in the box's details


def removable_drive() -> str:
    """A mounted removable drive's folder, when one is cheaply found (Linux, macOS mount points;
    on Windows a drive other than the system's); "" when none."""
    system = QDir.rootPath()
    for volume in QStorageInfo.mountedVolumes():
        root = volume.rootPath()
        if not volume.isReady() or volume.isReadOnly():
            continue
        if root.startswith(REMOVABLE_ROOTS) or (len(root) <= 3 and root != system and ":" in root):
            return root
    return ""


def _describe(error: BaseException) -> str:
    if isinstance(error, BundleRefused):
        return refusal_text(error)
    if isinstance(error, SyncError):  # the server unreachable, or refusing: said by name
        return sync_refusal_text(error)
    return describe_error(error)


def _export_failed(error: BaseException) -> str:
    """Why an export stopped; when the drive failed (full, pulled out), also that nothing was
    lost (app/bundle/export.py writes under temporary names and pins nothing before the end)."""
    if isinstance(error, OSError):
        return f"{describe_error(error)}\n{nothing_lost_text()}"
    return _describe(error)


class BundleActions(QObject):
    """The three entries, added to `menu`; `client_factory` makes a client of the saved login
    (for the relay), None when not logged in."""

    def __init__(
        self,
        window: QWidget,
        context: AppContext,
        menu: QMenu,
        client_factory: Callable[[], Callable[[], SyncClient | None] | None],
    ) -> None:
        super().__init__(window)
        self.window = window
        self.context = context
        self.client_factory = client_factory
        self.shown: QMessageBox | None = None  # the last result shown (for tests)
        self.export_action = QAction(self.tr("Export to USB stick…"), window)
        self.export_action.setToolTip(
            self.tr("Without a network: write what waits to be sent to a USB stick for the office")
        )
        self.export_action.triggered.connect(lambda: self.export())
        self.answer_action = QAction(self.tr("Import answer…"), window)
        self.answer_action.setToolTip(self.tr("Apply the office's answer to a USB-stick bundle"))
        self.answer_action.triggered.connect(lambda: self.import_answer())
        self.relay_action = QAction(self.tr("Import field laptop's bundle…"), window)
        self.relay_action.setToolTip(
            self.tr(
                "Send a field laptop's USB-stick bundle to the server; its answer is saved "
                "beside it"
            )
        )
        self.relay_action.triggered.connect(lambda: self.relay())
        menu.addSeparator()
        for action in (self.export_action, self.answer_action, self.relay_action):
            menu.addAction(action)
        menu.aboutToShow.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        self.relay_action.setVisible(local_role(self.context.store) in OFFICE)

    @property
    def data_dir(self) -> Path:
        return self.context.store.path.parent

    def _run(self, job: Job, text: str, title: str, said: Callable[[object], str]) -> Job:
        job.done.connect(
            lambda result: self._show(QMessageBox.Icon.Information, title, said(result))
        )
        job.failed.connect(lambda why: self._show(QMessageBox.Icon.Warning, title, why))
        job.start()
        JobProgress(job, text, self.window)
        return job

    def _show(self, icon: QMessageBox.Icon, title: str, text: str) -> None:
        """The result; a long one (an answer refusing many changes) fits the screen: its first
        lines, and all of it in the box's scrolled details."""
        lines = text.splitlines()
        shown = "\n".join([*lines[:SHOWN_LINES], "…"]) if len(lines) > SHOWN_LINES else text
        box = QMessageBox(icon, title, shown, QMessageBox.StandardButton.Ok, self.window)
        if shown != text:
            box.setDetailedText(text)
        self.shown = box
        box.open()

    def export(self, folder: Path | None = None) -> Job | None:
        """导出到U盘…: the bundle written into `folder` (asked when None)."""
        if folder is None:
            chosen = existing_directory(
                self.window, self.tr("Export to USB stick"), removable_drive() or QDir.homePath()
            )
            if not chosen:
                return None
            folder = Path(chosen)
        stamp = datetime.now().strftime("%Y%m%d-%H%M")
        out = folder / f"ducha-{stamp}-{self.context.store.device_id[:8]}.bundle"
        data_dir = self.data_dir

        def work(task: Task) -> Exported:
            return export_bundle(
                task.store,
                data_dir,
                out,
                part_size=PART_SIZE,
                on_progress=lambda _phase, done, total: task.progress((done, total)),
            )

        job = Job(
            work,
            name="bundle export",
            owner=self.window,
            data_dir=data_dir,
            describe=_export_failed,
        )
        return self._run(
            job,
            self.tr("Writing the bundle to {folder}…").format(folder=folder),
            self.tr("Export to USB stick"),
            lambda done: exported_text(cast(Exported, done)),
        )

    def import_answer(self, path: Path | None = None) -> Job | None:
        """导入回执…: the server's answer applied, as an online sync would."""
        if path is None:
            chosen, _ = open_file_name(
                self.window,
                self.tr("Import answer"),
                removable_drive() or QDir.homePath(),
                self.tr("Answers (*.answer);;All files (*)"),
            )
            if not chosen:
                return None
            path = Path(chosen)
        data_dir = self.data_dir
        answer = path

        def work(task: Task) -> AnswerReport:
            return import_answer(task.store, data_dir, answer)

        job = Job(
            work, name="bundle answer", owner=self.window, data_dir=data_dir, describe=_describe
        )
        job.done.connect(lambda _report: self.context.changed.emit(""))
        return self._run(
            job,
            self.tr("Applying {name}…").format(name=path.name),
            self.tr("Import answer"),
            lambda report: answer_text(cast(AnswerReport, report)),
        )

    def relay(self, path: Path | None = None) -> Job | None:
        """导入外业数据包…: a field laptop's bundle sent to the server, its answer saved beside
        it."""
        make_client = self.client_factory()
        if make_client is None:
            self._show(
                QMessageBox.Icon.Warning,
                self.tr("Import field laptop's bundle"),
                self.tr("Log in to the server first: the bundle is sent to it."),
            )
            return None
        if path is None:
            chosen, _ = open_file_name(
                self.window,
                self.tr("Import field laptop's bundle"),
                removable_drive() or QDir.homePath(),
                self.tr("Bundles (*.bundle);;All files (*)"),
            )
            if not chosen:
                return None
            path = Path(chosen)
        bundle = path

        def work(task: Task) -> Path:
            client = make_client()
            if client is None:
                raise BundleRefused("not_ready", "not logged in")
            try:
                return relay_bundle(client, bundle, task.cancel_event)
            finally:
                client.close()

        job = Job(
            work, name="bundle relay", owner=self.window, describe=_describe, cancellable=True
        )
        return self._run(
            job,
            self.tr("Sending {name} to the server…").format(name=path.name),
            self.tr("Import field laptop's bundle"),
            lambda answer: self.tr(
                "The server took the bundle. Its answer is saved as {path}: take it back to the "
                "field laptop and import it there (Import answer…)."
            ).format(path=answer),
        )
