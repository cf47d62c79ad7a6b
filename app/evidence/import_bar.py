"""The import's progress bar and cancel button, and the words for how an import ended."""

from __future__ import annotations

from pathlib import Path
from typing import Any

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
        self._last: dict[str, Any] | None = None  # how the last import was started
        self.unsaved: list[Path] = []  # photos the store would not take: offered again
        self.progress = QProgressBar()
        self.progress.setFormat(self.tr("Importing photos %v/%m"))
        self.cancel_button = QPushButton(self.tr("Cancel import"))
        self.cancel_button.clicked.connect(self.cancel)
        self.retry_button = QPushButton()
        self.retry_button.clicked.connect(self.retry)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.progress, 1)
        layout.addWidget(self.cancel_button)
        layout.addWidget(self.retry_button)
        self.retry_button.setVisible(False)
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
        self._last = {"data_dir": data_dir, "inspection_id": inspection_id}
        self._last.update(finding_id=finding_id, zone=zone)
        self.unsaved = []
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.cancel_button.setVisible(True)
        self.cancel_button.setEnabled(True)
        self.retry_button.setVisible(False)
        self.setVisible(True)
        job.start()
        return job

    def retry(self) -> Job | None:
        """Import again the photos the store would not take last time."""
        if self.running() or not self.unsaved or self._last is None:
            return None
        last = self._last
        return self.start(
            last["data_dir"],
            list(self.unsaved),
            inspection_id=last["inspection_id"],
            finding_id=last["finding_id"],
            zone=last["zone"],
        )

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
        if event.kind == "progress" and event.path is not None and event.size:
            # A large recording's copy: the bar moves within it, the words name it.
            self.progress.setRange(0, 1000)
            self.progress.setValue(event.copied * 1000 // event.size)
            self.progress.setFormat(
                self.tr("Importing {name} ({done}/{total}): %p%").format(
                    name=event.path.name, done=event.done + 1, total=event.total
                )
            )
            return
        if event.total:
            self.progress.setFormat(self.tr("Importing photos %v/%m"))
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
        problems = report.unsaved + report.skipped + report.refused
        lines += [message_text(reason) for _path, reason in problems[:10]]
        if len(problems) > 10:
            lines.append(self.tr("… and {n} more").format(n=len(problems) - 10))
        self.unsaved = [path for path, _reason in report.unsaved]
        if self.unsaved:  # kept, and offered again with one click
            self.retry_button.setText(
                self.tr("Import {n} unsaved photo(s) again").format(n=len(self.unsaved))
            )
            self.progress.setVisible(False)
            self.cancel_button.setVisible(False)
            self.retry_button.setVisible(True)
            self.setVisible(True)
        self.done.emit("\n".join(lines), not problems)

    def _failed(self, error: str) -> None:
        self._end()
        self.done.emit(self.tr("The photo import stopped: {error}").format(error=error), False)

    def _end(self) -> None:
        self.setVisible(False)
