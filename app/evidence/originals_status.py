"""The status bar's segment for the office laptop's offline originals: "原件 120/340" while they
are fetched, with a tooltip saying what is kept and why some are not; hidden on an inspector's
laptop. A segment of its own beside the sync's (app/sync/status_bar.py)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from app.evidence.keep_job import OriginalsKeeper
from app.evidence.keep_originals import KeepReport
from app.photos.fetch import LOGIN, OFFLINE
from app.settings import KEEP_DAYS, KEEP_GB
from app.settings_qt import read

WARN = "color: #b45309;"


class OriginalsSegment(QLabel):
    def __init__(self, keeper: OriginalsKeeper, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("originals_segment")
        self.keeper = keeper
        self.setVisible(False)
        keeper.progress.connect(self.show_progress)
        keeper.finished.connect(self.show_report)
        keeper.failed.connect(self.show_failure)

    def _budget(self) -> str:
        return self.tr("the last {days} days, at most {gb} GB, newest first").format(
            days=read(KEEP_DAYS), gb=read(KEEP_GB)
        )

    def show_progress(self, held: int, wanted: int) -> None:
        self.setStyleSheet("")
        self.setText(self.tr("Originals {held}/{wanted}").format(held=held, wanted=wanted))
        self.setToolTip(
            self.tr(
                "Keeping the original photos of this office's inspections and notices on this "
                "computer for offline work: {held} of {wanted} are here ({budget})."
            ).format(held=held, wanted=wanted, budget=self._budget())
        )
        self.setVisible(True)

    def show_report(self, report: KeepReport) -> None:
        if not report.office:
            self.setVisible(False)
            return
        self.show_progress(report.held, report.wanted)
        notes = []
        if report.beyond:
            notes.append(
                self.tr(
                    "{n} older original(s) are beyond the budget set in the settings and are "
                    "fetched only when opened or exported."
                ).format(n=report.beyond)
            )
        if report.stopped == OFFLINE:
            notes.append(self.tr("The server cannot be reached: the rest come after a sync."))
        elif report.stopped == LOGIN:
            notes.append(self.tr("Not logged in to the server: log in to fetch the rest."))
        if report.failed:
            names = ", ".join(o.name for o, _ in report.failed[:5])
            notes.append(
                self.tr("{n} original(s) could not be fetched: {names}").format(
                    n=len(report.failed), names=names
                )
            )
        if report.stopped or report.failed:
            self.setStyleSheet(WARN)
        if notes:
            self.setToolTip(self.toolTip() + "\n" + "\n".join(notes))

    def show_failure(self, why: str) -> None:
        self.setStyleSheet(WARN)
        self.setText(self.tr("Originals: not fetched"))
        self.setToolTip(self.tr("The originals were not fetched: {why}").format(why=why))
        self.setVisible(True)
