"""Photo import in the background: the pipeline runs on its own thread (and two workers);
events come back to the GUI thread as signals. Cancel stops after the photo in hand."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from app.background import ThreadJob
from app.photos.importer import Attach, ImportEvent, ImportReport, import_photos


class ImportJob(ThreadJob):
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
        zone: str,
        parent: QObject | None = None,
        attach: Attach | None = None,
    ) -> None:
        super().__init__("photo-import", parent)
        self.attach = attach
        self.data_dir = data_dir
        self.files = files
        self.inspection_id = inspection_id
        self.finding_id = finding_id
        self.zone = zone  # the office's: EXIF times without an offset are its wall-clock times
        self.report: ImportReport | None = None

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
                cancel=self.cancel_event,
                zone=self.zone,
                attach=self.attach,
            )
        except Exception as error:  # the user must learn why the batch stopped
            self.failed.emit(str(error))
            return
        self.finished.emit(self.report)
