"""The office laptop's originals, kept after each sync (app/evidence/keep_originals.py) by a job
of its own (app/jobs.py): never on the GUI thread, cancellable, one at a time; a sync that ends
while one runs asks for another when it is over. Progress and the outcome arrive by signals for
the status bar's segment (app/evidence/originals_status.py)."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal

from app.evidence.keep_originals import KeepReport, budget_of, keep_originals
from app.evidence.originals import ClientFactory
from app.evidence.remote_photos import client_factory
from app.jobs import Job, Task, describe_error, stop_jobs
from app.photos.fetch import LOGIN, OFFLINE, failure_kind
from app.settings import KEEP_DAYS, KEEP_GB
from app.settings_qt import read

log = logging.getLogger(__name__)

KEEP_LANE = "keep-originals"  # its own lane: the viewer's downloads never wait behind it


class OriginalsKeeper(QObject):
    progress = Signal(int, int)  # held, wanted
    finished = Signal(object)  # KeepReport
    failed = Signal(str)  # why, in words
    running_changed = Signal(bool)

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.job: Job | None = None
        self._again = False

    def running(self) -> bool:
        return self.job is not None and self.job.running()

    def start(self, make_client: ClientFactory | None = None) -> Job | None:
        """Fetch what this laptop should hold and lacks (after a sync); the client is the
        sync's login unless given."""
        if self.running():
            self._again = True
            return self.job
        make_client = make_client or client_factory(self.data_dir)
        budget = budget_of(float(read(KEEP_DAYS)), float(read(KEEP_GB)))

        def work(task: Task) -> KeepReport:
            return keep_originals(
                task.store,
                make_client,
                budget,
                cancel=task.cancel_event,
                progress=lambda held, wanted: task.progress((held, wanted)),
            )

        job = Job(
            work,
            name="keep-originals",
            owner=self,
            data_dir=self.data_dir,
            describe=keep_failure_text,
            cancellable=True,
            lane=KEEP_LANE,
            priority=5,
        )
        job.progress.connect(lambda step: self.progress.emit(*step))
        job.done.connect(self.finished.emit)
        job.failed.connect(self.failed.emit)
        job.ended.connect(self._ended)
        self.job = job
        self.running_changed.emit(True)
        job.start()
        return job

    def cancel(self) -> None:
        self._again = False
        if self.job is not None:
            self.job.cancel()

    def stop(self) -> None:
        """On close: the job is cancelled and joined; what arrived is kept, the rest comes
        after the next sync."""
        self._again = False
        stop_jobs(self)

    def _ended(self) -> None:
        self.running_changed.emit(False)
        if self._again:
            self._again = False
            self.start()


def keep_failure_text(error: BaseException) -> str:
    """Why keeping the originals stopped, in words (the detail is in the log)."""
    kind = failure_kind(error)
    if kind == OFFLINE:
        return QCoreApplication.translate("originals", "The server cannot be reached.")
    if kind == LOGIN:
        return QCoreApplication.translate("originals", "Not logged in to the server.")
    return describe_error(error)
