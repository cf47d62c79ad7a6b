"""Notices as a table: number, unit, zone, issued, due, time left, state; overdue in red."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from app.labels import local_time
from app.notice_labels import state_label, time_left
from domain.clock import utc_now
from local_db.notices import NoticeFilter, list_notices
from local_db.store import Store

_Index = QModelIndex | QPersistentModelIndex


class NoticeListModel(QAbstractTableModel):
    COLUMNS = ("number", "unit_name", "zone_name", "issued_at", "current_due_at", "left", "state")

    def __init__(self, store: Store) -> None:
        super().__init__()
        self._store = store
        self._filter = NoticeFilter()
        self._rows: list[dict[str, Any]] = []
        self._headers = (
            self.tr("Number"),
            self.tr("Responsible unit"),
            self.tr("Zone"),
            self.tr("Issued"),
            self.tr("Due"),
            self.tr("Time left"),
            self.tr("State"),
        )

    def set_filter(self, flt: NoticeFilter) -> None:
        self._filter = flt
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._now = utc_now()
        self._rows = list_notices(self._store, self._filter, now=self._now)
        self.endResetModel()

    def row_data(self, row: int) -> dict[str, Any]:
        return self._rows[row]

    def row_of(self, notice_id: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r["id"] == notice_id), -1)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        # Never the base class here (PITFALLS.md: PySide6 reference bug).
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if column in ("issued_at", "current_due_at"):
                return local_time(row[column])
            if column == "left":
                return time_left(row["current_due_at"], self._now, row["state"] == "closed")
            if column == "state":
                return state_label(row["state"])
            return str(row.get(column) or "")
        if role == Qt.ItemDataRole.ForegroundRole and row["overdue"]:
            return QBrush(QColor("#b91c1c"))
        if role == Qt.ItemDataRole.BackgroundRole and row["overdue"]:
            return QBrush(QColor("#fee2e2"))
        return None
