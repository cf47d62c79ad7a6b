"""关于/更新: the version this laptop runs, the update the county's server offers (learnt at the
last sync), and its download: off the GUI thread (a Job), resumable, then verified (size,
SHA-256, the release signature: app/updates/core.py). Once verified: open its folder, or install
it now (Windows runs the installer; on Linux the package manager needs the administrator, so the
command is shown). A refused installer is deleted and named with why."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import __version__
from app.jobs import DOWNLOADS, Job, Task, describe_error
from app.labels import message_text, refusal_text
from app.sync import errors as words
from app.sync.client import SyncClient
from app.sync.errors import SyncError, SyncUnauthorized
from app.updates.core import download, offered, refusal_message
from domain.i18n import Refusal
from local_db.store import Store

ClientFactory = Callable[[], SyncClient | None]
MB = 1024 * 1024


def _describe(error: BaseException) -> str:
    if isinstance(error, (Refusal, SyncError)):
        return refusal_text(error)
    return describe_error(error)


class UpdateDialog(QDialog):
    def __init__(
        self, store: Store, clients: ClientFactory | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About and updates"))
        self.store = store
        self.clients = clients
        self.data_dir = store.path.parent
        self.job: Job | None = None
        self.path: Path | None = None
        self.running = QLabel(self.tr("This is Ducha {version}.").format(version=__version__))
        self.offer = QLabel()
        self.offer.setWordWrap(True)
        self.state = QLabel()
        self.state.setObjectName("update_state")
        self.state.setWordWrap(True)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hint.hide()
        self.download_button = QPushButton(self.tr("Download"))
        self.download_button.clicked.connect(self.start_download)
        self.folder_button = QPushButton(self.tr("Open containing folder"))
        self.folder_button.clicked.connect(self.open_folder)
        self.install_button = QPushButton(self.tr("Install now"))
        self.install_button.clicked.connect(self.install)
        row = QHBoxLayout()
        for button in (self.download_button, self.folder_button, self.install_button):
            row.addWidget(button)
        row.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.running, self.offer, self.state, self.hint):
            layout.addWidget(widget)
        layout.addLayout(row)
        layout.addWidget(close)
        self.show_offer()

    def show_offer(self) -> None:
        offer = offered(self.store)
        verified = offer is not None and offer.state == "verified" and offer.path is not None
        self.path = Path(offer.path) if verified and offer is not None and offer.path else None
        if offer is None:
            self.offer.setText(self.tr("The server offers no newer version (as of the last sync)."))
            self.state.clear()
        else:
            self.offer.setText(
                self.tr("New version {version} available: {file} ({size:.1f} MB).").format(
                    version=offer.version, file=offer.file_name, size=offer.size / MB
                )
            )
            if verified:
                self.state.setText(self._verified_text())
            elif offer.state == "refused":
                self.state.setText(
                    message_text(refusal_message(offer.refusal or "", offer.file_name))
                )
            else:
                self.state.setText(self.tr("Not downloaded yet."))
        self.download_button.setVisible(offer is not None and not verified)
        self.download_button.setEnabled(self.clients is not None)
        if self.clients is None and offer is not None and not verified:
            self.state.setText(self.tr("Log in to the server to download it."))
        self.folder_button.setVisible(verified)
        self.install_button.setVisible(verified)

    def _verified_text(self) -> str:
        return self.tr("Downloaded and verified (size, SHA-256, signature): {path}").format(
            path=self.path
        )

    def start_download(self) -> Job | None:
        if self.clients is None or self.job is not None:
            return None
        clients, data_dir = self.clients, self.data_dir

        def work(task: Task) -> Path:
            client = clients()
            if client is None:
                raise SyncUnauthorized(words.NOT_LOGGED_IN)
            try:
                return download(
                    task.store,
                    data_dir,
                    client,
                    cancel=task.cancel_event,
                    on_bytes=lambda done, total: task.progress((done, total)),
                )
            finally:
                client.close()

        job = Job(
            work,
            name="update download",
            owner=self,
            data_dir=data_dir,
            describe=_describe,
            cancellable=True,
            lane=DOWNLOADS,
        )
        job.progress.connect(self._progress)
        job.done.connect(self._done)
        job.failed.connect(self._failed)
        job.ended.connect(self._ended)
        self.download_button.setEnabled(False)
        self.state.setText(self.tr("Downloading…"))
        self.job = job.start()
        return job

    def _progress(self, value: object) -> None:
        done, total = value if isinstance(value, tuple) else (0, 0)
        self.state.setText(
            self.tr("Downloading… {done:.1f} of {total:.1f} MB").format(
                done=done / MB, total=total / MB
            )
        )

    def _done(self, path: object) -> None:
        self.show_offer()

    def _failed(self, why: str) -> None:
        self.show_offer()
        self.state.setText(why)

    def _ended(self) -> None:
        self.job = None
        self.download_button.setEnabled(self.clients is not None)

    def open_folder(self) -> bool:
        folder = self.path.parent if self.path else self.data_dir
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def install(self) -> bool:
        """Windows: run the installer (it asks for the administrator itself). Linux: installing
        a package needs the administrator: the command is shown, and the folder opened."""
        if self.path is None:
            return False
        if sys.platform == "win32":
            return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path)))
        if self.path.name.endswith(".deb"):
            self.hint.setText(
                self.tr(
                    "To install, run in a terminal in its folder: sudo apt install ./{file}"
                ).format(file=self.path.name)
            )
        else:
            self.hint.setText(
                self.tr(
                    "Unpack {file} in place of the program's folder, then start Ducha again."
                ).format(file=self.path.name)
            )
        self.hint.show()
        return self.open_folder()
