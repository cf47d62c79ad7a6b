"""导出 → 路长公示…: the road-chief board for the whole county or one unit, as an A4 or A2-poster
PDF or a workbook, written by a job (the store is read and the PDF drawn off the GUI thread).
Without the office's supervision phone (监督电话) nothing is written and the status line says
where to fill it in; segments without a chief or phone are said under the button once the file
is written."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.documents.road_chiefs_model import RoadChiefBoard
from app.evidence.missing_text import export_failure_text
from app.jobs import Job, Task, stop_jobs
from app.widgets.file_dialog import save_file_name
from app.widgets.screen_fit import fit_to_screen
from local_db.road_chiefs import unit_names


class RoadChiefsDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.job: Job | None = None
        self.setWindowTitle(self.tr("Road chiefs board (路长公示)"))
        self.unit = QComboBox()
        self.unit.setObjectName("unit")
        self.unit.addItem(self.tr("All road segments"), None)
        for name in unit_names(context.store):  # a few rows of reference data
            self.unit.addItem(name, name)
        self.paper = QComboBox()
        self.paper.setObjectName("paper")
        self.paper.addItem(self.tr("A4"), "a4")
        self.paper.addItem(self.tr("Poster (A2)"), "poster")
        self.format = QComboBox()
        self.format.setObjectName("format")
        self.format.addItem(self.tr("PDF"), ".pdf")
        self.format.addItem(self.tr("Excel workbook (.xlsx)"), ".xlsx")
        self.format.currentIndexChanged.connect(self._format_changed)
        self.export_button = QPushButton(self.tr("Export…"))
        self.export_button.setObjectName("export_button")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(lambda: self.export())
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.tr("Responsible unit"), self.unit)
        form.addRow(self.tr("Format"), self.format)
        form.addRow(self.tr("Paper"), self.paper)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.export_button)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        fit_to_screen(self, 460, 240)

    def _format_changed(self) -> None:
        pdf = self.format.currentData() == ".pdf"
        self.paper.setEnabled(pdf)
        if not pdf:
            self.paper.setCurrentIndex(0)

    def export(self, out: Path | None = None) -> Job | None:
        """Write the board (asking where, unless `out` is given) in a job."""
        suffix = self.format.currentData()
        if out is None:
            base = self.tr("Road chiefs board")
            chosen, _ = save_file_name(self, self.tr("Export"), f"{base}{suffix}")
            if not chosen:
                return None
            out = Path(chosen)
            if out.suffix.lower() != suffix:
                out = out.with_name(out.name + suffix)
        unit, size = self.unit.currentData(), self.paper.currentData()
        today = self.context.office_today()

        def work(task: Task) -> tuple[Path, RoadChiefBoard]:
            from app.documents.road_chiefs_export import export_road_chiefs

            return export_road_chiefs(task.store, out, today, unit=unit, size=size)

        self.export_button.setEnabled(False)
        self.status.setText(self.tr("Writing {name}…").format(name=out.name))
        job = Job(
            work,
            name="road-chiefs-export",
            owner=self,
            data_dir=self.context.store.path.parent,
            describe=_failure_text,
        )
        job.done.connect(self._written)
        job.failed.connect(
            lambda error: self.status.setText(self.tr("Export failed: {error}").format(error=error))
        )
        job.ended.connect(lambda: self.export_button.setEnabled(True))
        self.job = job
        return job.start()

    def _written(self, result: tuple[Path, RoadChiefBoard]) -> None:
        path, board = result
        lines = [self.tr("Saved {path}: {n} road segment(s).").format(path=path, n=len(board.rows))]
        if board.missing_chiefs:
            lines.append(
                self.tr("No road chief named for: {zones}").format(
                    zones="、".join(board.missing_chiefs)
                )
            )
        if board.missing_phones:
            lines.append(
                self.tr("No phone for the chief of: {zones}").format(
                    zones="、".join(board.missing_phones)
                )
            )
        self.status.setText("\n".join(lines))

    def done(self, result: int) -> None:
        stop_jobs(self)
        super().done(result)


def _failure_text(error: BaseException) -> str:
    """Why the board was not written, in words."""
    from app.documents.road_chiefs_export import NoOfficePhone

    if isinstance(error, NoOfficePhone):
        return QCoreApplication.translate(
            "RoadChiefsDialog",
            "the office's supervision phone (监督电话) is not set. Fill it in Settings → Office "
            "settings, then export again.",
        )
    return export_failure_text(error)
