"""Photo import in the background: the pipeline runs on its own thread (and two workers);
events come back to the GUI thread as signals. Cancel stops after the photo in hand."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from app.photos.importer import Attach, ImportEvent, ImportReport, import_photos


class ImportJob(QObject):
    event = Signal(object)  # ImportEvent, delivered on the GUI thread
    finished = Signal(object)  # ImportReport
    failed = Signal(str)  # an error that stopped the whole batch

    def __init__(
        self,
        data_dir: Path,
        files: list[Path],
        *,
        inspection_id: str,
        finding_id: str | None,
        parent: QObject | None = None,
        attach: Attach | None = None,
    ) -> None:
        super().__init__(parent)
        self.attach = attach
        self.data_dir = data_dir
        self.files = files
        self.inspection_id = inspection_id
        self.finding_id = finding_id
        self._cancel = threading.Event()
        self._thread = threading.Thread(target=self._run, name="photo-import", daemon=True)
        self.report: ImportReport | None = None

    def start(self) -> None:
        self._thread.start()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        """Join the worker (on close, so no thread outlives its window)."""
        if self._thread.is_alive():
            self._thread.join(timeout)
        return not self._thread.is_alive()

    def running(self) -> bool:
        return self._thread.is_alive()

    def _emit(self, event: ImportEvent) -> None:
        self.event.emit(event)

    def _run(self) -> None:
        try:
            self.report = import_photos(
                self.data_dir,
                self.files,
                inspection_id=self.inspection_id,
                finding_id=self.finding_id,
                on_event=self._emit,
                cancel=self._cancel,
                attach=self.attach,
            )
        except Exception as error:  # the user must learn why the batch stopped
            self.failed.emit(str(error))
            return
        self.finished.emit(self.report)
