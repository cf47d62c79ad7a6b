"""逾期提醒: notices overdue or due within one working day, by unit, with counts. Shown at
start-up when anything is overdue (the OVERDUE_AT_START setting, on by default)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
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
from app.labels import local_time
from app.notices.labels import state_label, time_left
from app.settings import OVERDUE_AT_START
from app.settings_qt import read, write
from app.widgets.screen_fit import fit_to_screen
from domain.clock import to_iso, utc_now
from domain.workcalendar import WorkCalendar, compute_due
from local_db.follow_up import needing_attention
from local_db.notices import NoticeFilter, list_notices
from local_db.store import Store

RED = "#b91c1c"


def attention(context: AppContext):
    """(notices, per unit) overdue or due within one working day, now."""
    return attention_in(context.store, context.calendar)


def attention_in(store: Store, calendar: WorkCalendar):
    """attention() on this store: what a job runs on its own connection."""
    now = utc_now()
    soon = compute_due(now, 1, "work_days", calendar).at
    picked = list_notices(store, NoticeFilter(attention_until=soon), now=now)
    return needing_attention(picked, to_iso(now), to_iso(soon))


class OverdueDialog(QDialog):
    notice_chosen = Signal(str)  # notice id (double-click): show it in the notices tab

    def __init__(
        self, context: AppContext, parent: QWidget | None = None, found: tuple | None = None
    ) -> None:
        """`found`: what attention() gave just now, so it is not read twice."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Overdue and due soon"))
        self.notices, self.units = found or attention(context)
        overdue = sum(u["overdue"] for u in self.units)
        soon = sum(u["soon"] for u in self.units)
        self.summary = QLabel(
            self.tr("{overdue} notice(s) overdue, {soon} due within one working day.").format(
                overdue=overdue, soon=soon
            )
        )
        self.summary.setStyleSheet(f"color: {RED}; font-weight: bold;" if overdue else "")
        self.by_unit = self._table(
            [self.tr("Unit"), self.tr("Overdue"), self.tr("Due within a working day")],
            [[u["unit_name"], str(u["overdue"]), str(u["soon"])] for u in self.units],
            red=[u["overdue"] > 0 for u in self.units],
        )
        now = utc_now()
        self.list = self._table(
            [self.tr("Number"), self.tr("Unit"), self.tr("State"), self.tr("Due"), ""],
            [
                [
                    n["number"],
                    n["unit_name"],
                    state_label(n["state"]),
                    local_time(n["current_due_at"]),
                    time_left(n, now),
                ]
                for n in self.notices
            ],
            red=[n["overdue"] for n in self.notices],
        )
        self.list.cellDoubleClicked.connect(self._chosen)
        self.at_start = QCheckBox(self.tr("Show at start-up when something is overdue"))
        self.at_start.setChecked(read(OVERDUE_AT_START))
        self.at_start.toggled.connect(lambda on: write(OVERDUE_AT_START, on))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.by_unit)
        splitter.addWidget(self.list)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.at_start)
        layout.addWidget(buttons)
        fit_to_screen(self, 760, 560)

    @staticmethod
    def _table(headers: list[str], rows: list[list[str]], red: list[bool]) -> QTableWidget:
        table = QTableWidget(len(rows), len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                if red[r]:
                    item.setForeground(QBrush(QColor(RED)))
                table.setItem(r, c, item)
        return table

    def _chosen(self, row: int, _column: int) -> None:
        self.notice_chosen.emit(self.notices[row]["id"])
