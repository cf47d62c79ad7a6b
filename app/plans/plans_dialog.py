"""督查计划 (the office's laptops): every visit plan this laptop knows — its period and the
commitment published before it — and, once its seed is revealed, the whole plan as the server
published it, checked here against the draw recomputed from the seed and the recorded inputs
(domain/visit_plan.py, the check of `ducha verify-plan`). Read and checked by a job: the window
never waits on the disk.

An admin also draws a new plan here (app/plans/new_plan.py, POST /plans) and reveals the seed of
a period that has ended (POST /plans/{period}/reveal), each sent by a job: never waiting on the
network. The plan revealed is fetched and checked here at once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.jobs import Job, Task, stop_jobs
from app.plans.new_plan import Connect, NewPlanForm, refusal_words, reveal_and_keep
from domain.visit_plan import PlanError, Verdict, period_days, verify_record
from local_db.plan_assignments import known_plans, visit_rows
from local_db.reference import local_role

RED, GREEN = "#b91c1c", "#15803d"


@dataclass(frozen=True)
class KnownPlan:
    period: str
    seed_commitment: str
    verdict: Verdict | None  # None: the seed is not revealed yet
    visits: list[dict[str, Any]]


def read_plans(task: Task) -> list[KnownPlan]:
    out = []
    for plan in known_plans(task.store):
        record = plan["record"]
        verdict = verify_record(record) if record is not None else None
        visits = visit_rows(task.store, record) if record is not None else []
        out.append(KnownPlan(plan["period"], plan["seed_commitment"], verdict, visits))
    return out


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def ended(period: str, today: date) -> bool:
    try:
        return period_days(period)[-1] < today
    except PlanError:
        return False


class PlansDialog(QDialog):
    """`connect`: makes the factory of a logged-in SyncClient, None when not logged in (an admin
    draws and reveals through the server; without it the dialog only reads)."""

    def __init__(
        self, context: AppContext, parent: QWidget | None = None, connect: Connect | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.connect_to = connect
        self.plans: list[KnownPlan] = []
        self.job: Job | None = None
        self.reveal_job: Job | None = None
        self.admin = connect is not None and local_role(context.store) == "admin"
        self.setWindowTitle(self.tr("Visit plans"))
        self.note = QLabel(
            self.tr(
                "Each plan is drawn from a secret seed; its SHA-256 (the commitment) is "
                "published before the period. After the period the seed is revealed and this "
                "laptop checks that the plan is the draw from it."
            )
        )
        self.note.setWordWrap(True)
        self.table = _table(
            [self.tr("Period"), self.tr("Seed commitment (SHA-256)"), self.tr("Check")]
        )
        self.table.itemSelectionChanged.connect(self._show_visits)
        self.visits = _table(
            [self.tr("Day"), self.tr("Zone"), self.tr("Unit"), self.tr("Inspectors")]
        )
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.reveal_button = QPushButton(self.tr("Reveal the seed"))
        self.reveal_button.setToolTip(
            self.tr("After the period's last day: the seed is published and the plan checked.")
        )
        self.reveal_button.clicked.connect(self.reveal)
        self.reveal_button.setVisible(self.admin)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.visits)
        known = QWidget()
        inner = QVBoxLayout(known)
        inner.setContentsMargins(6, 6, 6, 6)
        inner.addWidget(self.note)
        inner.addWidget(split, 1)
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.reveal_button)
        inner.addLayout(row)
        layout = QVBoxLayout(self)
        self.form: NewPlanForm | None = None
        if self.admin and connect is not None:
            self.form = NewPlanForm(connect, context.store.path.parent)
            self.form.drawn.connect(self._drawn)
            self.tabs = QTabWidget()
            self.tabs.addTab(known, self.tr("Plans"))
            self.tabs.addTab(self.form, self.tr("New plan"))
            layout.addWidget(self.tabs, 1)
            self.form.load()
        else:
            layout.addWidget(known, 1)
        layout.addWidget(buttons)
        self.resize(900, 520)
        self.reload()

    def reload(self) -> Job:
        self.status.setText(self.tr("Reading the plans…"))
        job = Job(read_plans, name="plans", owner=self, data_dir=self.context.store.path.parent)
        job.done.connect(lambda result, job=job: self._read(job, result))
        job.failed.connect(lambda error, job=job: self._failed(job, error))
        self.job = job.start()
        return job

    def _failed(self, job: Job, error: str) -> None:
        if job is self.job:
            self.status.setText(self.tr("The plans could not be read: {error}").format(error=error))

    def check_text(self, plan: KnownPlan) -> str:
        if plan.verdict is None:
            return self.tr("Seed not revealed yet")
        if plan.verdict.matches:
            return self.tr("Matches the draw from its revealed seed")
        words = {
            "commitment": self.tr("the seed does not match its published commitment"),
            "inputs": self.tr("the inputs differ from those recorded at the draw"),
            "draw": self.tr("no plan can be drawn from the recorded inputs"),
            "differs": self.tr("the visits differ from the draw"),
            "not_revealed": self.tr("the seed is not revealed"),
            "unreadable": self.tr("the plan received is not readable"),
        }
        reasons = [words[c] for c in plan.verdict.codes if c in words] or [words["unreadable"]]
        return self.tr("Does NOT match: {reasons}").format(reasons=self.tr("; ").join(reasons))

    def _read(self, job: Job, plans: list[KnownPlan]) -> None:
        if job is not self.job:
            return
        chosen = self.selected()  # read again (a reveal, a draw): the plan looked at stays
        self.plans = plans
        self.status.setText(
            self.tr("No plan is known here yet: plans reach the office's laptops at sync.")
            if not plans
            else ""
        )
        mono = QFont("monospace")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        self.table.setRowCount(len(plans))
        for r, plan in enumerate(plans):
            commitment = QTableWidgetItem(plan.seed_commitment)
            commitment.setFont(mono)
            check = QTableWidgetItem(self.check_text(plan))
            if plan.verdict is not None:
                check.setForeground(QBrush(QColor(GREEN if plan.verdict.matches else RED)))
            for c, item in enumerate((QTableWidgetItem(plan.period), commitment, check)):
                self.table.setItem(r, c, item)
        if plans:
            periods = [p.period for p in plans]
            kept = chosen.period if chosen is not None else None
            self.table.selectRow(periods.index(kept) if kept in periods else 0)
        self._show_visits()

    def selected(self) -> KnownPlan | None:
        rows = self.table.selectionModel().selectedRows()
        return self.plans[rows[0].row()] if rows and self.plans else None

    def _show_visits(self) -> None:
        plan = self.selected()
        self._reveal_enabled()
        visits = plan.visits if plan else []
        self.visits.setRowCount(len(visits))
        for r, v in enumerate(visits):
            for c, key in enumerate(("day", "zone", "unit", "inspectors")):
                self.visits.setItem(r, c, QTableWidgetItem(v[key]))

    # -- the admin's actions -----------------------------------------------------------------------
    def _reveal_enabled(self) -> None:
        plan = self.selected()
        busy = self.reveal_job is not None and self.reveal_job.running()
        self.reveal_button.setEnabled(
            self.admin
            and not busy
            and plan is not None
            and plan.verdict is None
            and ended(plan.period, self.context.office_today())
        )

    def reveal(self) -> Job | None:
        """Reveal the selected plan's seed (its period has ended), then check it here."""
        plan = self.selected()
        connect = self.connect_to() if self.connect_to else None
        if plan is None:
            return None
        if connect is None:
            self.status.setText(self.tr("Log in to a server to reveal a seed."))
            return None
        period = plan.period
        job = Job(
            lambda task: reveal_and_keep(task, connect, period),
            name="plan-reveal",
            owner=self,
            data_dir=self.context.store.path.parent,
            describe=lambda error: refusal_words(error, period),
        )
        job.done.connect(lambda _revealed: self.reload())
        job.failed.connect(self.status.setText)
        job.ended.connect(self._reveal_enabled)
        self.reveal_job = job
        self.status.setText(self.tr("Revealing the seed of {period}…").format(period=period))
        job.start()
        self._reveal_enabled()
        return job

    def _drawn(self, _summary: object) -> None:
        self.reload()

    def done(self, result: int) -> None:
        stop_jobs(self)
        if self.form is not None:
            stop_jobs(self.form)
        super().done(result)
