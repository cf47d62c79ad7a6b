"""新建督查计划 (admins, on the 督查计划 screen): a period's plan drawn by the server through POST
/plans — the same inputs as `ducha-server plan draw`: the period, the zones (all, of a kind, or
of a unit), visits per team per day or week, the teams (from the accounts the server knows), the
mode and whether weekends count. The seed is made on the server; the form shows the commitment
to publish. The accounts and this laptop's units are read, and the draw sent, by jobs
(app/jobs.py): the window never waits on the network or the disk."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any, cast

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.jobs import Job, Task, describe_error
from app.labels import message_text, mode_label, role_label, zone_kind_label
from app.sync.client import SyncClient
from app.sync.errors import SyncError, SyncRejected
from domain.contract.plans import MAX_TEAMS, MAX_VISITS, PERIOD_PATTERN
from domain.i18n import QT_TRANSLATE_NOOP
from local_db.plan_assignments import keep_commitments, keep_revealed
from local_db.reference import units as unit_rows

ClientFactory = Callable[[], SyncClient]
Connect = Callable[[], ClientFactory | None]  # None: not logged in
KINDS = ("road_segment", "grid", "site")
MODES = ("unannounced", "open", "covert")


CONTEXT = "plans"  # the texts below, looked up at run time
REFUSALS = {
    "plan_exists": QT_TRANSLATE_NOOP(
        "plans", "A plan for {period} was drawn already: one plan per period."
    ),
    "not_ended": QT_TRANSLATE_NOOP(
        "plans", "{period} has not ended yet: its seed is revealed after its last day."
    ),
    "not_found": QT_TRANSLATE_NOOP("plans", "The server has no plan for {period}."),
    "no_user": QT_TRANSLATE_NOOP(
        "plans", "An account in a team is unknown to the server or disabled."
    ),
    "no_unit": QT_TRANSLATE_NOOP("plans", "The unit chosen is not known to the server."),
    "no_template": QT_TRANSLATE_NOOP("plans", "The server has no inspection template."),
    "no_zone": QT_TRANSLATE_NOOP("plans", "No active zone is in the zones chosen."),
    "bad_period": QT_TRANSLATE_NOOP(
        "plans",
        "{period} is not a period: a month such as 2027-01 or an ISO week such as 2027-W02.",
    ),
    "cannot_draw": QT_TRANSLATE_NOOP(
        "plans",
        "No plan keeps every rule with these inputs: add visits or teams, or choose fewer zones.",
    ),
    "forbidden": QT_TRANSLATE_NOOP("plans", "Only admins draw plans and reveal their seeds."),
}


def refusal_words(error: BaseException, period: str = "") -> str:
    """Why the server refused a draw or a reveal, in the user's language (never its text)."""
    if isinstance(error, SyncRejected) and error.code in REFUSALS:
        text = QCoreApplication.translate(CONTEXT, REFUSALS[error.code])
        return text.format(period=period)
    if isinstance(error, SyncError):
        return message_text(error.message)
    return describe_error(error)


def next_month(today: date) -> str:
    following = today.replace(day=28) + timedelta(days=7)
    return f"{following.year}-{following.month:02d}"


def _with_client(connect: ClientFactory, work: Callable[[SyncClient], Any]) -> Any:
    client = connect()
    try:
        return work(client)
    finally:
        client.close()


def reveal_and_keep(task: Task, connect: ClientFactory, period: str) -> dict[str, Any]:
    """Reveal the period's seed, then keep the plan as the server now publishes it (this laptop
    checks it against the draw from its seed) and the plans' commitments."""

    def work(client: SyncClient) -> dict[str, Any]:
        revealed = client.reveal_plan(period)
        keep_revealed(task.store, client.plan_detail(period))
        listed = client.plan_list()
        if listed is not None:
            keep_commitments(task.store, listed)
        return revealed

    return dict(_with_client(connect, work))


class NewPlanForm(QWidget):
    """The admin's form; `drawn` carries the server's summary (with `seed_commitment`)."""

    drawn = Signal(object)

    def __init__(self, connect: Connect, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.connect_to = connect
        self.data_dir = data_dir
        self.accounts: list[dict[str, Any]] = []
        self.job: Job | None = None
        self.period = QLineEdit(next_month(date.today()))
        self.period.setPlaceholderText(self.tr("a month 2027-01 or an ISO week 2027-W02"))
        self.period.setMaxLength(8)
        self.scope = QComboBox()
        self.scope.addItem(self.tr("All zones"), None)
        for kind in KINDS:
            label = self.tr("Zones of a kind: {kind}").format(kind=zone_kind_label(kind))
            self.scope.addItem(label, ("kind", kind))
        self.visits = QSpinBox()
        self.visits.setRange(1, MAX_VISITS)
        self.per = QComboBox()
        self.per.addItem(self.tr("per team per day"), "day")
        self.per.addItem(self.tr("per team per week"), "week")
        visits = QHBoxLayout()
        visits.addWidget(self.visits)
        visits.addWidget(self.per, 1)
        self.mode = QComboBox()
        for mode in MODES:
            self.mode.addItem(mode_label(mode), mode)
        self.working_days = QCheckBox(self.tr("Working days only"))
        self.working_days.setChecked(True)
        self.teams = QTableWidget(0, 3)
        self.teams.setHorizontalHeaderLabels(
            [self.tr("Account"), self.tr("Role"), self.tr("Team (0: none)")]
        )
        self.teams.verticalHeader().setVisible(False)
        self.teams.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.teams.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.draw_button = QPushButton(self.tr("Draw the plan"))
        self.draw_button.clicked.connect(self.draw)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = QFormLayout()
        form.addRow(self.tr("Period"), self.period)
        form.addRow(self.tr("Zones"), self.scope)
        form.addRow(self.tr("Visits"), visits)
        form.addRow(self.tr("Mode"), self.mode)
        form.addRow("", self.working_days)
        note = QLabel(
            self.tr(
                "Give each team a number; accounts with the same number visit together. A team "
                "never visits zones of its members' units. The server makes the secret seed."
            )
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.teams, 1)
        row = QHBoxLayout()
        row.addWidget(self.result, 1)
        row.addWidget(self.draw_button)
        layout.addLayout(row)
        self._idle()

    # -- the choices -----------------------------------------------------------------------------
    def load(self) -> Job | None:
        """Read this laptop's units and ask the server for its accounts."""
        connect = self.connect_to()
        if connect is None:
            self.result.setText(self.tr("Log in to a server to draw a plan."))
            return None

        def work(task: Task) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
            return unit_rows(task.store), _with_client(connect, lambda c: c.plan_accounts())

        self.result.setText(self.tr("Reading the accounts from the server…"))
        return self._run(work, self._loaded)

    def _loaded(self, result: object) -> None:
        units, accounts = cast(tuple[list[dict[str, Any]], list[dict[str, Any]]], result)
        for unit in units:
            self.scope.addItem(
                self.tr("Zones of {unit}").format(unit=unit["name"]), ("unit", unit["id"])
            )
        self.accounts = list(accounts)
        self.teams.setRowCount(len(self.accounts))
        team = 0
        for r, account in enumerate(self.accounts):
            name = QTableWidgetItem(f"{account['name']} ({account['username']})")
            self.teams.setItem(r, 0, name)
            self.teams.setItem(r, 1, QTableWidgetItem(role_label(account["role"])))
            number = QSpinBox()
            number.setRange(0, MAX_TEAMS)
            if account["role"] == "inspector":  # by default each inspector a team of their own
                team += 1
                number.setValue(team)
            self.teams.setCellWidget(r, 2, number)
        self.result.setText("")

    def team_spin(self, username: str) -> QSpinBox:
        row = next(i for i, a in enumerate(self.accounts) if a["username"] == username)
        widget = self.teams.cellWidget(row, 2)
        assert isinstance(widget, QSpinBox)
        return widget

    # -- the draw --------------------------------------------------------------------------------
    def request(self) -> dict[str, Any] | str:
        """The DrawRequest the form makes, or why it cannot be sent (in words)."""
        period = self.period.text().strip().upper()
        if not re.match(PERIOD_PATTERN, period):
            return self.tr("The period is a month such as 2027-01 or an ISO week such as 2027-W02.")
        grouped: dict[int, list[str]] = {}
        for r, account in enumerate(self.accounts):
            widget = self.teams.cellWidget(r, 2)
            if isinstance(widget, QSpinBox) and widget.value() > 0:
                grouped.setdefault(widget.value(), []).append(account["username"])
        if not grouped:
            return self.tr("Put at least one account in a team (a number above 0).")
        asked: dict[str, Any] = {
            "period": period,
            "teams": [grouped[k] for k in sorted(grouped)],
            "visits": self.visits.value(),
            "per": self.per.currentData(),
            "mode": self.mode.currentData(),
            "all_days": not self.working_days.isChecked(),
        }
        scope = self.scope.currentData()
        if scope is not None:
            key, value = scope
            if key == "kind":
                asked["kind"] = value
            else:
                asked["units"] = [value]
        return asked

    def draw(self) -> Job | None:
        asked = self.request()
        if isinstance(asked, str):
            self.result.setText(asked)
            return None
        connect = self.connect_to()
        if connect is None:
            self.result.setText(self.tr("Log in to a server to draw a plan."))
            return None

        def work(task: Task) -> dict[str, Any]:
            def send(client: SyncClient) -> dict[str, Any]:
                summary = client.draw_plan(asked)
                listed = client.plan_list()
                if listed is not None:  # the new commitment is kept here at once
                    keep_commitments(task.store, listed)
                return summary

            return dict(_with_client(connect, send))

        self.result.setText(self.tr("Drawing the plan on the server…"))
        period = asked["period"]
        return self._run(work, self._drawn, period)

    def _drawn(self, summary: object) -> None:
        assert isinstance(summary, dict)
        self.result.setText(
            self.tr(
                "Drawn: {period}, {visits} visit(s). Publish this commitment before the period: "
                "{commitment}"
            ).format(
                period=summary["period"],
                visits=summary["visits"],
                commitment=summary["seed_commitment"],
            )
        )
        self.drawn.emit(summary)

    # -- jobs ------------------------------------------------------------------------------------
    def _run(
        self, work: Callable[[Task], Any], then: Callable[[object], None], period: str = ""
    ) -> Job:
        job = Job(
            work,
            name="new-plan",
            owner=self,
            data_dir=self.data_dir,
            describe=lambda error: refusal_words(error, period),
        )
        job.done.connect(then)
        job.failed.connect(self.result.setText)
        job.ended.connect(self._idle)
        self.job = job
        job.start()
        self._idle()
        return job

    def _idle(self) -> None:
        busy = self.job is not None and self.job.running()
        self.draw_button.setEnabled(not busy and bool(self.accounts))
