"""统计通报: the month's scores, indicators, ranking, grades and flags, a unit's trend over twelve
months, the bulletin and the workbook; for a quarter or a year the composite assessment
(composite_panel.py) and its 季度考核通报 / 年度评比 and workbook. Computed off the GUI thread."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.assessment.composite_panel import CompositePanel, missing_text
from app.assessment.period_names import fill_periods
from app.assessment.trend_chart import TrendChart
from app.context import AppContext
from app.evidence.originals import ensure_originals
from app.evidence.remote_photos import client_factory
from app.jobs import Job, Task
from app.labels import flag_label, grade_label
from app.widgets.computed_view import ComputedView
from app.widgets.file_dialog import save_file_name
from app.widgets.job_progress import JobProgress
from domain.assessment import Assessment, Period, last_months, percent, points
from domain.composite import CompositeAssessment, period_key
from local_db.assessment_data import assess_period, trend

RED, AMBER, GREEN = "#b91c1c", "#b45309", "#15803d"


@dataclass
class Computed:
    assessment: Assessment
    months: list[Period]
    trend: dict[str, list[Decimal | None]]


class AssessmentView(ComputedView):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.result: Computed | None = None
        self.job: Job | None = None
        self.export_job: Job | None = None
        self.as_of: datetime | None = None  # figures as of this moment; None: now
        today = QDate.currentDate()
        self.kind = QComboBox()
        self.kind.addItem(self.tr("Month"), "month")
        self.kind.addItem(self.tr("Quarter"), "quarter")
        self.kind.addItem(self.tr("Year"), "year")
        self.composite: CompositeAssessment | None = None  # a quarter's or a year's
        self.year = QSpinBox()
        self.year.setRange(2020, 2100)
        self.year.setValue(today.year())
        self.number = QComboBox()
        self._fill_numbers()
        self.number.setCurrentIndex(today.month() - 1)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.year.valueChanged.connect(lambda _year: self._fill_numbers())  # names the year
        for signal in (self.year.valueChanged, self.number.currentIndexChanged):
            signal.connect(self.compute)
        self.figures = QLabel()
        self.figures.setWordWrap(True)
        self.pdf_button = QPushButton(self.tr("Bulletin PDF…"))
        self.pdf_button.clicked.connect(lambda: self.export(".pdf"))
        self.docx_button = QPushButton(self.tr("Bulletin Word…"))
        self.docx_button.clicked.connect(lambda: self.export(".docx"))
        self.xlsx_button = QPushButton(self.tr("Workbook Excel…"))
        self.xlsx_button.clicked.connect(lambda: self.export(".xlsx"))
        self.status = QLabel()
        self.status.setWordWrap(True)

        headers = [
            self.tr("Rank"),
            self.tr("Unit"),
            self.tr("Score"),
            self.tr("Grade"),
            self.tr("Inspections"),
            self.tr("Problems"),
            self.tr("On time"),
            self.tr("Closed"),
            self.tr("Rework"),
            self.tr("Overdue"),
            self.tr("Flag"),
            self.tr("List"),
            self.tr("Video exposures"),
        ]
        self.table = QTableWidget(0, len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._show_trend)
        self.chart = TrendChart()
        self.chart.empty_text = self.tr("Not inspected in these months")

        top = QHBoxLayout()
        for widget in (self.kind, self.year, self.number):
            top.addWidget(widget)
        top.addStretch(1)
        for button in (self.pdf_button, self.docx_button, self.xlsx_button):
            top.addWidget(button)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.chart)
        splitter.setSizes([440, 200])
        self.panel = CompositePanel()
        self.pages = QStackedWidget()
        self.pages.addWidget(splitter)  # a month
        self.pages.addWidget(self.panel)  # a quarter or a year
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.figures)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.status)
        self.follow(context.changed)  # computed when first shown, and again after changes

    # -- period ----------------------------------------------------------------------------------
    def _fill_numbers(self) -> None:
        fill_periods(self.number, self.year.value(), str(self.kind.currentData()))

    def _label_exports(self) -> None:
        """A month writes its bulletin; a quarter or a year its composite 通报 / 评比."""
        month = self.kind.currentData() == "month"
        self.pdf_button.setText(self.tr("Bulletin PDF…") if month else self.tr("Assessment PDF…"))
        self.docx_button.setText(
            self.tr("Bulletin Word…") if month else self.tr("Assessment Word…")
        )

    def _kind_changed(self) -> None:
        month = QDate.currentDate().month()
        self._fill_numbers()
        quarter = self.kind.currentData() == "quarter"
        self.number.setCurrentIndex((month - 1) // 3 if quarter else month - 1)
        self.number.setVisible(self.kind.currentData() != "year")
        self._label_exports()
        self.compute()

    def period(self) -> Period:
        year, n = self.year.value(), int(self.number.currentData() or 1)
        zone = self.context.office_zone  # the office's months and quarters
        if self.kind.currentData() == "year":
            return Period.year_of(year, zone)
        if self.kind.currentData() == "quarter":
            return Period.quarter(year, n, zone)
        return Period.month(year, n, zone)

    def set_period(self, period: Period) -> None:
        self.kind.blockSignals(True)
        self.kind.setCurrentIndex(self.kind.findData(period.kind))
        self.kind.blockSignals(False)
        self._fill_numbers()
        self.number.setVisible(period.kind != "year")
        self._label_exports()
        self.year.blockSignals(True)
        self.year.setValue(period.year)
        self.year.blockSignals(False)
        if period.kind != "year":
            self.number.blockSignals(True)
            self.number.setCurrentIndex(period.number - 1)
            self.number.blockSignals(False)
        self.compute()

    # -- computing ------------------------------------------------------------------------------
    def compute(self) -> Job | None:
        self._stale = False
        if self.kind.currentData() != "month":
            return self.compute_composite()
        self.pages.setCurrentIndex(0)
        period, rules, as_of = self.period(), self.context.org.rules, self.as_of
        months = last_months(period, 12)

        def work(task: Task) -> Computed:
            return Computed(
                assess_period(task.store, period, rules=rules, as_of=as_of),
                months,
                trend(task.store, months, rules=rules, as_of=as_of),
            )

        self.status.setText(self.tr("Computing…"))
        job = Job(work, name="assessment", owner=self, data_dir=self.context.store.path.parent)
        job.done.connect(lambda result, job=job: self._computed(job, result))
        job.failed.connect(lambda error, job=job: self._compute_failed(job, error))
        self.job = job.start()
        JobProgress(job, self.tr("Computing the scores and the ranking…"), self)
        return job

    def compute_composite(self) -> Job:
        """The quarter's or the year's composite assessment, in a job."""
        self.pages.setCurrentIndex(1)
        period, rules, as_of = self.period(), self.context.org.rules, self.as_of

        def work(task: Task) -> CompositeAssessment:
            from app.documents.composite_export import assess_composite_store

            return assess_composite_store(task.store, period, as_of=as_of, rules=rules)

        self.status.setText(self.tr("Computing…"))
        job = Job(work, name="composite", owner=self, data_dir=self.context.store.path.parent)
        job.done.connect(lambda result, job=job: self._composite_computed(job, result))
        job.failed.connect(lambda error, job=job: self._compute_failed(job, error))
        self.job = job.start()
        JobProgress(job, self.tr("Computing the composite assessment…"), self)
        return job

    def _composite_computed(self, job: Job, a: CompositeAssessment) -> None:
        if job is not self.job:  # a later request superseded this one
            return
        self.composite = a
        self.status.clear()
        first = [u.unit_name for u in a.ranked if u.rank == 1]
        self.figures.setText(
            self.tr(
                "{ranked} units ranked, {unchecked} not inspected; first: {first}. Each total is "
                "the sum of the components' points (weight × score / full marks)."
            ).format(
                ranked=len(a.ranked),
                unchecked=len(a.unchecked),
                first=self.tr(", ").join(first) or "—",
            )
        )
        self.panel.show_result(a)

    def _compute_failed(self, job: Job, error: str) -> None:
        if job is self.job:  # a later request superseded this one
            self.status.setText(
                self.tr("The scores could not be computed: {error}").format(error=error)
            )

    def _computed(self, job: Job, result: Computed) -> None:
        if job is not self.job:  # a later request superseded this one
            return
        self.result = result
        self.status.clear()
        a = result.assessment
        self.figures.setText(
            self.tr(
                "{inspections} inspections, {problems} problems; notices due {due}: rectified "
                "on time {on_time} ({on_time_rate}), late {late}, overdue {overdue}, closed "
                "{closed}; rework rate {rework}."
            ).format(
                inspections=a.total("inspections"),
                problems=a.total("problems"),
                due=a.total("due"),
                on_time=a.total("on_time"),
                on_time_rate=percent(a.on_time_rate),
                late=a.total("late"),
                overdue=a.total("overdue"),
                closed=a.total("closed"),
                rework=percent(a.rework_rate),
            )
        )
        self.table.setRowCount(len(a.units))
        for r, u in enumerate(a.units):
            values = [
                str(u.rank) if u.rank else "—",
                u.unit_name,
                points(u.score) if u.checked else self.tr("Not inspected"),
                grade_label(u.grade),
                str(u.inspections),
                str(u.problems),
                percent(u.on_time_rate),
                percent(u.close_rate),
                percent(u.rework_rate),
                str(u.overdue),
                flag_label(u.flag),
                flag_label(u.board),
                str(u.video_exposures),
            ]
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, u.unit_id)
                if c in (0, 2, 4, 5, 6, 7, 8, 9, 12):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                colour = {"red": RED, "yellow": AMBER}.get(u.flag or "")
                if u.grade == "fail":
                    colour = RED
                if not u.checked:
                    colour = "#6b7280"
                if colour and c in (1, 2, 3, 10):
                    item.setForeground(QBrush(QColor(colour)))
                self.table.setItem(r, c, item)
        if a.units:
            self.table.selectRow(0)
        self._show_trend()

    def _show_trend(self) -> None:
        if self.result is None:
            return
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        unit_id = self.table.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole)
        name = self.table.item(rows[0].row(), 1).text()
        labels = [
            self.tr("{year}-{month:02d}").format(year=m.year % 100, month=m.number)
            for m in self.result.months
        ]
        self.chart.set_series(
            self.tr("{unit}: score over twelve months").format(unit=name),
            labels,
            self.result.trend.get(unit_id, []),
            self.result.assessment.rules.full_score,
        )

    # -- exports --------------------------------------------------------------------------------
    def export(self, suffix: str, out: Path | None = None) -> Job | None:
        period = self.period()
        if period.kind != "month":
            return self.export_composite(suffix, out)
        if out is None:
            name = f"{period.year}-{period.number:02d}"
            base = self.tr("Bulletin") if suffix != ".xlsx" else self.tr("Workbook")
            chosen, _ = save_file_name(self, self.tr("Export"), f"{base}-{name}{suffix}")
            if not chosen:
                return None
            out = Path(chosen)
        rules, as_of = self.context.org.rules, self.as_of
        make_client = client_factory(self.context.store.path.parent)

        def work(task: Task) -> Path:
            from app.documents.bulletin_export import (
                bulletin_originals,
                export_bulletin,
                export_workbook,
            )

            if suffix == ".xlsx":
                return export_workbook(task.store, period, out, rules=rules, as_of=as_of)
            # the photos' originals first (fetched, or the export is refused with the list)
            needed = bulletin_originals(task.store, period)
            ensure_originals(task.store, needed, make_client, cancel=task.cancel_event)
            return export_bulletin(task.store, period, out, rules=rules, as_of=as_of)

        return self._export_job(work, out, "bulletin-export", export_failure_text)

    def export_composite(self, suffix: str, out: Path | None = None) -> Job | None:
        """The quarter's 季度考核通报 / the year's 年度评比 (.pdf, .docx) or workbook (.xlsx);
        refused at once, naming them, while components are missing."""
        period = self.period()
        a = self.composite
        if a is not None and a.period == period and not a.complete:
            self.status.setText(self.tr("Not written: {why}").format(why=missing_text(a)))
            return None
        if out is None:
            if suffix == ".xlsx":
                base = self.tr("Assessment workbook")
            elif period.kind == "year":
                base = self.tr("Annual assessment")
            else:
                base = self.tr("Quarterly assessment")
            chosen, _ = save_file_name(
                self, self.tr("Export"), f"{base}-{period_key(period)}{suffix}"
            )
            if not chosen:
                return None
            out = Path(chosen)
        rules, as_of = self.context.org.rules, self.as_of

        def work(task: Task) -> Path:
            from app.documents.composite_export import export_composite

            return export_composite(task.store, period, out, rules=rules, as_of=as_of)

        return self._export_job(work, out, "composite-export", composite_failure_text)

    def _export_job(self, work, out: Path, name: str, describe) -> Job:  # type: ignore[no-untyped-def]
        self.status.setText(self.tr("Writing {name}…").format(name=out.name))
        job = Job(
            work,
            name=name,
            owner=self,
            data_dir=self.context.store.path.parent,
            describe=describe,
            cancellable=True,
        )
        job.done.connect(
            lambda path: self.status.setText(self.tr("Saved {path}").format(path=path))
        )
        job.failed.connect(
            lambda error: self.status.setText(self.tr("Export failed: {error}").format(error=error))
        )
        self.export_job = job.start()
        JobProgress(job, self.tr("Writing {name}…").format(name=out.name), self)
        return job


def composite_failure_text(error: BaseException) -> str:
    """Why a composite document was not written, in words."""
    from app.documents.composite_model import CompositeIncomplete

    if isinstance(error, CompositeIncomplete):
        from app.assessment.composite_panel import component_name

        names = QCoreApplication.translate("composite", ", ").join(
            component_name(k) for k in error.missing
        )
        return QCoreApplication.translate(
            "AssessmentView", "these components are not imported yet: {names}"
        ).format(names=names)
    return export_failure_text(error)


def export_failure_text(error: BaseException) -> str:
    """Why a document was not written, in words (the detail is in the log)."""
    from app.evidence.missing_text import export_failure_text as document_failure_text

    return document_failure_text(error)
