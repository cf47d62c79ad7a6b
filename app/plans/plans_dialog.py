"""督查计划 (the office's laptops): every visit plan this laptop knows — its period and the
commitment published before it — and, once its seed is revealed, the whole plan as the server
published it, checked here against the draw recomputed from the seed and the recorded inputs
(domain/visit_plan.py, the check of `ducha verify-plan`). Read and checked by a job: the window
never waits on the disk."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.jobs import Job, Task
from domain.visit_plan import Verdict, verify_record
from local_db.plan_assignments import known_plans, visit_rows

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


class PlansDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.plans: list[KnownPlan] = []
        self.job: Job | None = None
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
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.visits)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(split, 1)
        layout.addWidget(self.status)
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
            self.table.selectRow(0)
        self._show_visits()

    def _show_visits(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        plan = self.plans[rows[0].row()] if rows and self.plans else None
        visits = plan.visits if plan else []
        self.visits.setRowCount(len(visits))
        for r, v in enumerate(visits):
            for c, key in enumerate(("day", "zone", "unit", "inspectors")):
                self.visits.setItem(r, c, QTableWidgetItem(v[key]))
