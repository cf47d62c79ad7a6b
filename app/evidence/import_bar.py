"""The import's progress bar and cancel button, and the words for how an import ended."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QPushButton, QWidget

from app.evidence.import_job import import_job
from app.jobs import Job, stop_jobs
from app.labels import message_text
from app.photos.importer import ImportEvent, ImportReport


class PhotoImportBar(QWidget):
    arrived = Signal()  # a photo was stored (or found already there)
    done = Signal(str, bool)  # what happened, in words; True when nothing was refused

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.job: Job | None = None
        self.progress = QProgressBar()
        self.progress.setFormat(self.tr("Importing photos %v/%m"))
        self.cancel_button = QPushButton(self.tr("Cancel import"))
        self.cancel_button.clicked.connect(self.cancel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.progress, 1)
        layout.addWidget(self.cancel_button)
        self.setVisible(False)

    def running(self) -> bool:
        return self.job is not None and self.job.running()

    def start(
        self,
        data_dir: Path,
        files: list[Path],
        *,
        inspection_id: str,
        finding_id: str | None,
        zone: str,
    ) -> Job:
        job = import_job(
            data_dir,
            files,
            inspection_id=inspection_id,
            finding_id=finding_id,
            zone=zone,
            owner=self,
        )
        job.progress.connect(self._event)
        job.done.connect(self._finished)
        job.failed.connect(self._failed)
        self.job = job
        self.progress.setRange(0, 0)
        self.cancel_button.setEnabled(True)
        self.setVisible(True)
        job.start()
        return job

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.cancel_button.setEnabled(False)

    def stop(self) -> None:
        """Cancel and wait (closing the window): what is imported stays."""
        if self.running():
            self.cancel()
        stop_jobs(self)

    def _event(self, event: ImportEvent) -> None:
        if event.total:
            self.progress.setRange(0, event.total)
            self.progress.setValue(event.done)
        if event.kind in ("imported", "duplicate"):
            self.arrived.emit()

    def _finished(self, report: ImportReport) -> None:
        self._end()
        lines = [self.tr("Imported {n} photo(s).").format(n=len(report.imported))]
        if report.duplicates:
            lines.append(
                self.tr("{n} already attached (not stored twice).").format(n=len(report.duplicates))
            )
        if report.cancelled:
            lines.append(self.tr("Cancelled: the photos imported so far are kept."))
        lines += [message_text(reason) for _path, reason in report.refused[:10]]
        if len(report.refused) > 10:
            lines.append(self.tr("… and {n} more").format(n=len(report.refused) - 10))
        self.done.emit("\n".join(lines), not report.refused)

    def _failed(self, error: str) -> None:
        self._end()
        self.done.emit(self.tr("The photo import stopped: {error}").format(error=error), False)

    def _end(self) -> None:
        self.setVisible(False)
