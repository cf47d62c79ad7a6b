"""导入考核分项…: the office imports a component of the composite assessment (第三方评估, 民调,
专项工作, 专业检查) for a quarter or a year from the .xlsx or CSV file it received
(app/assessment/score_import.py). The file is read and checked in a job; the dialog then shows
every problem by sheet, row and column (and nothing is imported), or what was imported, what it
replaced and which units the file leaves unscored."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.assessment.score_import import (
    Applied,
    ScorePlan,
    applied_lines,
    apply_scores,
    read_scores,
    render,
)
from app.context import AppContext
from app.jobs import Job, stop_jobs
from app.labels import component_name, local_time
from app.widgets.file_dialog import file_dialog
from app.widgets.screen_fit import fit_to_screen
from domain.composite_config import IMPORTED
from local_db.assessment_data import units
from local_db.org_settings import org_settings
from local_db.reference import local_person_id, local_role
from local_db.store import Store


def last_quarter(now: datetime) -> str:
    """The quarter an office usually imports: the one that ended last."""
    quarter = (now.month - 1) // 3  # 0: the previous year's fourth
    return f"{now.year}-Q{quarter}" if quarter else f"{now.year - 1}-Q4"


def _import(store: Store, path: Path, period: str, component: str | None) -> tuple:
    """On the job's thread, with its own store: check the whole file, then apply it if clean."""
    org = org_settings(store)
    plan = read_scores(
        path,
        period=period,
        component=component,
        units=units(store),
        config=org.composite,
        tz=org.time_zone,
    )
    done: list[Applied] = []
    if plan.ok:
        done = apply_scores(store, plan, local_person_id(store))
    return plan, done


class ImportScoresDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.job: Job | None = None
        self.setWindowTitle(self.tr("Import assessment scores"))
        self.file = QLineEdit()
        self.file.setPlaceholderText(self.tr("An .xlsx or .csv file with a column 单位"))
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self.choose_file)
        chooser = QWidget()
        row = QHBoxLayout(chooser)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.file, 1)
        row.addWidget(browse)
        self.period = QLineEdit(last_quarter(datetime.now()))
        self.period.setPlaceholderText(self.tr("a quarter 2026-Q3 or a year 2026"))
        self.component = QComboBox()
        self.component.addItem(self.tr("As the file's columns say"), None)
        for key in IMPORTED:
            self.component.addItem(_name(key), key)
        form = QFormLayout()
        form.addRow(self.tr("File"), chooser)
        form.addRow(self.tr("Period"), self.period)
        form.addRow(self.tr("Component (for a 得分 column)"), self.component)
        self.report = QPlainTextEdit()
        self.report.setReadOnly(True)
        self.report.setPlaceholderText(
            self.tr(
                "Nothing is imported from a file with any problem: each is listed here by sheet, "
                "row and column. A later import of the same period replaces the earlier one, "
                "which stays in its history."
            )
        )
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.import_button = self.buttons.addButton(
            self.tr("Import"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.import_button.clicked.connect(self.start_import)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.report, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        if local_role(context.store) == "inspector":
            self.import_button.setEnabled(False)
            self.status.setText(
                self.tr("Only the office (reviewers, administrators) imports assessment scores.")
            )
        fit_to_screen(self, 640, 480)

    def choose_file(self) -> QFileDialog:
        dialog = file_dialog(
            self,
            self.tr("The file of scores"),
            name_filter=self.tr("Spreadsheets (*.xlsx *.csv *.txt)"),
        )
        dialog.fileSelected.connect(self.file.setText)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def start_import(self) -> Job | None:
        path = Path(self.file.text().strip())
        if not self.file.text().strip() or not path.is_file():
            self.status.setText(self.tr("Choose the file of scores first."))
            return None
        period, component = self.period.text().strip(), self.component.currentData()
        self.import_button.setEnabled(False)
        self.status.setText(self.tr("Reading {file}…").format(file=path.name))
        job = Job(
            lambda task: _import(task.store, path, period, component),
            name="import-assessment",
            owner=self,
            data_dir=self.context.store.path.parent,
        )
        job.done.connect(self._shown)
        job.failed.connect(self.status.setText)
        job.ended.connect(lambda: self.import_button.setEnabled(True))
        self.job = job
        return job.start()

    def _shown(self, found: tuple[ScorePlan, list[Applied]]) -> None:
        plan, done = found
        if not plan.ok:
            self.status.setText(
                self.tr("Nothing was imported from {file}: {count} problems.").format(
                    file=plan.file_name, count=len(plan.problems)
                )
            )
            self.status.setStyleSheet("color: #b91c1c;")
            self.report.setPlainText("\n".join(render(p, _translate) for p in plan.problems))
            return
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Imported; it goes to the server with the next sync."))
        lines = applied_lines(done, _translate, local_time)
        lines += [render(w, _translate) for w in plan.warnings]
        self.report.setPlainText("\n".join(lines))
        self.context.notify()

    def done(self, result: int) -> None:  # closing: no job outlives the dialog
        stop_jobs(self)
        super().done(result)


def _translate(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def _name(key: str) -> str:
    return component_name(key)
