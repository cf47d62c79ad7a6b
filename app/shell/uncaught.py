"""When something goes wrong that nothing caught: the log has the details (app/logs.py); the user
is told in words — the work is saved, the log is there — never the exception's text."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox

from app.logs import log_uncaught


def uncaught_text(log_path: Path) -> tuple[str, str]:
    """The box's message and its detail, in the user's language."""
    return (
        QCoreApplication.translate(
            "uncaught", "Something went wrong in Ducha. Your work up to now is saved."
        ),
        QCoreApplication.translate(
            "uncaught",
            "The details were written to the log file {path}. If this happens again, send that "
            "file to whoever looks after Ducha for your office.",
        ).format(path=log_path),
    )


class UncaughtErrors(QObject):
    """Shows one box for an uncaught exception of any thread (a burst of them: still one)."""

    _arrived = Signal()  # emitted from any thread; the box is shown on the GUI thread

    def __init__(self, log_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.log_path = log_path
        self.box: QMessageBox | None = None
        self._arrived.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def notify(self) -> None:
        self._arrived.emit()

    def _show(self) -> None:
        if self.box is not None and self.box.isVisible():
            return
        text, detail = uncaught_text(self.log_path)
        if self.box is None:
            self.box = QMessageBox(QMessageBox.Icon.Critical, "Ducha", text)
            self.box.setStandardButtons(QMessageBox.StandardButton.Ok)
        self.box.setWindowTitle(QCoreApplication.translate("uncaught", "Ducha: an error"))
        self.box.setText(text)
        self.box.setInformativeText(detail)
        self.box.open()


_watcher: UncaughtErrors | None = None


def watcher() -> UncaughtErrors | None:
    """The app's watcher, once the GUI has started."""
    return _watcher


def watch_uncaught(log_path: Path) -> UncaughtErrors:
    """From now on an uncaught exception is logged and shown (one watcher per app)."""
    global _watcher
    if _watcher is None:
        _watcher = UncaughtErrors(log_path, QCoreApplication.instance())
    _watcher.log_path = log_path
    log_uncaught(_watcher.notify)
    return _watcher
