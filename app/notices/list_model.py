"""Notices as a table: number, unit, zone, issued, due, time left, state, source (问题来源);
overdue in red and in words."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from app.cases.texts import source_text
from app.labels import local_time
from app.notices.labels import pending_label, state_label, time_left
from app.widgets.row_table_model import Index, RowTableModel
from domain.clock import to_iso, utc_now


class NoticeListModel(RowTableModel):
    """Shows rows read elsewhere (the notices view reads them in a job: local_db/notices.py
    list_notices) as of the moment they were read."""

    COLUMNS = (
        "number",
        "unit_name",
        "zone_name",
        "issued_at",
        "current_due_at",
        "left",
        "state",
        "source",  # 问题来源: 督查, 12345热线, 随手拍…
    )

    def __init__(self) -> None:
        super().__init__()
        self._now = utc_now()
        self._year = ""  # this year in the office's zone, as of the rows shown
        self._headers = (
            self.tr("Number"),
            self.tr("Responsible unit"),
            self.tr("Zone"),
            self.tr("Issued"),
            self.tr("Due"),
            self.tr("Time left"),
            self.tr("State"),
            self.tr("Source"),
        )

    def set_rows(self, rows: list[dict[str, Any]], now: datetime) -> None:
        """Show `rows`, read as of `now` (the moment "time left" counts from)."""
        self.beginResetModel()
        self._now = now
        self._year = local_time(to_iso(now), "yyyy")
        self._rows = rows
        self.endResetModel()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._display(row, column, role)
        if role == Qt.ItemDataRole.ForegroundRole and row["overdue"]:
            return QBrush(QColor("#b91c1c"))
        if role == Qt.ItemDataRole.BackgroundRole and row["overdue"]:
            return QBrush(QColor("#fee2e2"))
        return None

    def _display(self, row: dict[str, Any], column: str, role: int) -> str:
        if column in ("issued_at", "current_due_at"):
            # In the list, this year's times without their year (the state columns need the
            # room); the tooltip and the detail pane show the whole date.
            this_year = local_time(row[column], "yyyy") == self._year
            short = role == Qt.ItemDataRole.DisplayRole and this_year
            return local_time(row[column], "MM-dd HH:mm" if short else "yyyy-MM-dd HH:mm")
        if column == "left":
            return time_left(row, self._now)
        if column == "state":
            # Overdue in words beside the state, not by colour alone.
            state = state_label(row["state"])
            if pending := pending_label(row):  # 异议 / 延期申请 waiting for the office
                state = f"{state} · {pending}"
            return self.tr("{state} · overdue").format(state=state) if row["overdue"] else state
        if column == "source":
            return source_text(row.get("source") or "inspection")
        return str(row.get(column) or "")
