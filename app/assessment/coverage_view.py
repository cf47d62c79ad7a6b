"""覆盖情况: the zones visited and not visited in a month, by unit and zone, with the days since
each zone's last visit (domain/coverage.py); in the month's last week, a warning names the zones
still unvisited. Computed off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.assessment.period_names import fill_periods
from app.context import AppContext
from app.jobs import Job, Task
from app.widgets.computed_view import ComputedView
from domain.assessment import Period
from domain.coverage import Coverage, month_end_warning
from local_db.coverage_data import period_coverage

RED = "#b91c1c"


def warning_text(report: Coverage, today: date) -> str:
    """The month-end warning in words (empty: none due): the zones still unvisited when the
    month ends in less than a week."""
    warned = month_end_warning(report, today)
    if not warned:
        return ""
    separator = QCoreApplication.translate("CoverageView", ", ")
    names = separator.join(f"{z.unit_name} {z.zone_name}" for z in warned[:20])
    return QCoreApplication.translate(
        "CoverageView", "The month ends on {last}: {n} zones are not visited yet: {names}"
    ).format(
        last=report.last_day.isoformat(),
        n=len(warned),
        names=names + ("…" if len(warned) > 20 else ""),
    )


def month_end_check(
    context: AppContext, owner: QObject, on_text: Callable[[str], None], today: date | None = None
) -> Job:
    """This month's coverage read by a job; `on_text` gets the warning (only when one is due)."""
    day = today or context.office_today()
    period = Period.month(day.year, day.month, context.office_zone)

    def work(task: Task) -> str:
        return warning_text(period_coverage(task.store, period, day), day)

    job = Job(work, name="coverage_check", owner=owner, data_dir=context.store.path.parent)

    def done(text: str) -> None:
        if text:
            on_text(text)

    job.done.connect(done)
    return job.start()


class CoverageView(ComputedView):
    warning = Signal(str)  # the month-end warning, in words (empty: none)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.report: Coverage | None = None
        self.job: Job | None = None
        self.today: date | None = None  # None: today in the office's zone (tests set a day)
        today = QDate.currentDate()
        self.year = QSpinBox()
        self.year.setRange(2020, 2100)
        self.year.setValue(today.year())
        self.month = QComboBox()
        self._fill_months()
        self.month.setCurrentIndex(today.month() - 1)
        self.year.valueChanged.connect(lambda _year: self._fill_months())  # names the year
        for signal in (self.year.valueChanged, self.month.currentIndexChanged):
            signal.connect(self.compute)
        self.only_unvisited = QCheckBox(self.tr("Only zones not visited"))
        self.only_unvisited.toggled.connect(self._fill)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.alert = QLabel()
        self.alert.setWordWrap(True)
        self.alert.setStyleSheet(f"color: {RED}; font-weight: bold;")
        self.alert.hide()
        headers = [
            self.tr("Unit"),
            self.tr("Zone"),
            self.tr("Visits"),
            self.tr("Last visit"),
            self.tr("Days since"),
        ]
        self.table = QTableWidget(0, len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # the zone's name
        top = QHBoxLayout()
        for widget in (self.year, self.month, self.only_unvisited):
            top.addWidget(widget)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.alert)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.follow(context.changed)  # computed when first shown, and again after changes

    def _fill_months(self) -> None:
        fill_periods(self.month, self.year.value())

    def period(self) -> Period:
        return Period.month(
            self.year.value(), int(self.month.currentData() or 1), self.context.office_zone
        )

    def day(self) -> date:
        return self.today or self.context.office_today()

    def compute(self) -> Job:
        self._stale = False
        period, today = self.period(), self.day()

        def work(task: Task) -> Coverage:
            return period_coverage(task.store, period, today)

        self.summary.setText(self.tr("Computing…"))
        job = Job(work, name="coverage", owner=self, data_dir=self.context.store.path.parent)
        job.done.connect(lambda result, job=job: self._computed(job, result))
        job.failed.connect(lambda error, job=job: self._failed(job, error))
        self.job = job.start()
        return job

    def _failed(self, job: Job, error: str) -> None:
        if job is self.job:
            self.summary.setText(
                self.tr("The coverage could not be computed: {error}").format(error=error)
            )

    def _computed(self, job: Job, report: Coverage) -> None:
        if job is not self.job:  # a later request superseded this one
            return
        self.report = report
        visited, total = len(report.visited), len(report.zones)
        self.summary.setText(
            self.tr(
                "{visited} of {total} zones visited from {first} to {last}; "
                "{unvisited} not visited. Days since the last visit are counted to {as_of}."
            ).format(
                visited=visited,
                total=total,
                unvisited=total - visited,
                first=report.first_day.isoformat(),
                last=report.last_day.isoformat(),
                as_of=report.as_of.isoformat(),
            )
        )
        text = warning_text(report, self.day())
        self.alert.setText(text)
        self.alert.setVisible(bool(text))
        self.warning.emit(text)
        self._fill()

    def _fill(self) -> None:
        if self.report is None:
            return
        rows = self.report.unvisited if self.only_unvisited.isChecked() else self.report.zones
        self.table.setRowCount(len(rows))
        for r, z in enumerate(rows):
            values = [
                z.unit_name,
                z.zone_name,
                str(z.visits),
                z.last_visit.isoformat() if z.last_visit else self.tr("never"),
                str(z.days_since) if z.days_since is not None else "—",
            ]
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                if c in (2, 4):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if not z.visited:
                    item.setForeground(QBrush(QColor(RED)))
                self.table.setItem(r, c, item)
