"""The progress window of a job (app/jobs.py), as anki's progress: it appears only once the job
has lasted 600 ms, so quick work never flashes a window; Cancel when the job can be cancelled."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.jobs import Job
from app.widgets.screen_fit import fit_to_screen

SHOW_AFTER_MS = 600  # a progress window appears only for work that lasts longer than this


class JobProgress(QDialog):
    """Says that `job` is under way, once it has lasted `delay_ms`: quick work never flashes a
    window. Cancel is offered when the job can be cancelled. Closes itself when the job ends.
    Make it right after job.start(): the delay counts from here."""

    def __init__(
        self, job: Job, text: str, parent: QWidget, *, delay_ms: int = SHOW_AFTER_MS
    ) -> None:
        super().__init__(parent)
        self.job = job
        self.setWindowTitle(self.tr("Please wait"))
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.label = QLabel(text)
        self.label.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # busy: the work says nothing of how far it is
        self.bar.setTextVisible(False)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setVisible(job.cancellable)
        self.cancel_button.clicked.connect(self.cancel)
        row = QHBoxLayout()
        row.addWidget(self.bar, 1)
        row.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addLayout(row)
        self.setMinimumWidth(360)
        fit_to_screen(self)
        self._over = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)  # a coarse one may fire 5 % early
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._appear)
        job.ended.connect(self._job_ended)
        if job.running():
            self._timer.start()
        else:
            self._job_ended()

    def cancel(self) -> None:
        if self.job.cancellable and not self.job.cancelled:
            self.job.cancel()
            self.cancel_button.setEnabled(False)
            self.label.setText(self.tr("Cancelling…"))

    def reject(self) -> None:
        """Esc or the window's close button: cancels what can be cancelled; the window stays
        until the work has stopped."""
        self.cancel()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._over:
            event.accept()
            return
        self.cancel()
        event.ignore()

    def _appear(self) -> None:
        if not self._over:
            self.show()

    def _job_ended(self) -> None:
        self._over = True
        self._timer.stop()
        self.hide()
        self.deleteLater()
