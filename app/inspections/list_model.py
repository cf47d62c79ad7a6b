"""The inspections list as a Qt model, loaded a page at a time as the view scrolls (keyset)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from app.labels import local_time, mode_label, number, review_label, status_label
from app.widgets.row_table_model import Index, RowTableModel
from local_db.queries import InspectionFilter, list_inspections
from local_db.store import Store

PAGE = 200
# Column widths of the inspections list and the review queue (the zone stretches; start time
# and status are shown first: list_table's `lead`).
INSPECTION_WIDTHS = (125, 0, 150, 64, 110, 40, 45, 104)
DISPLAY, TOOLTIP, USER = (
    int(r)
    for r in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.UserRole)
)
ALIGNMENT, FOREGROUND = int(Qt.ItemDataRole.TextAlignmentRole), int(Qt.ItemDataRole.ForegroundRole)
ROLES = frozenset((DISPLAY, TOOLTIP, USER, ALIGNMENT, FOREGROUND))
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
LONG_TEXT = ("zone_name", "unit_name", "inspectors", "status", "review_state")
REVIEW_COLOURS = {"pending": "#b45309", "returned": "#b91c1c", "accepted": "#15803d"}


class InspectionListModel(RowTableModel):
    COLUMNS = (
        "started_at",
        "zone_name",
        "unit_name",
        "mode",
        "inspectors",
        "problems",
        "score",
        "status",
    )

    def __init__(self, store: Store) -> None:
        super().__init__()
        self._store = store
        self._filter = InspectionFilter()
        self._more = False
        names = {
            "started_at": self.tr("Started"),
            "zone_name": self.tr("Zone"),
            "unit_name": self.tr("Responsible unit"),
            "mode": self.tr("Mode"),
            "inspectors": self.tr("Inspectors"),
            "problems": self.tr("Problems"),
            "score": self.tr("Score"),
            "status": self.tr("Status"),
            "review_state": self.tr("Review"),
        }
        self._headers = tuple(names[c] for c in self.COLUMNS)

    # -- loading -------------------------------------------------------------------------------
    def set_filter(self, flt: InspectionFilter) -> None:
        self._filter = flt
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._rows = list_inspections(self._store, self._filter, limit=PAGE + 1)
        self._more = len(self._rows) > PAGE
        del self._rows[PAGE:]
        self.endResetModel()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self._rows:
            return
        last = self._rows[-1]
        page = list_inspections(
            self._store, self._filter, after=(last["started_at"], last["id"]), limit=PAGE + 1
        )
        self._more = len(page) > PAGE
        del page[PAGE:]
        if page:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()

    # -- Qt model ------------------------------------------------------------------------------
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Asked ~8 roles per cell per paint: the ones not answered leave first, compared as
        # plain ints (a first screen is ~2,500 calls).
        role = int(role)
        if role not in ROLES or not index.isValid():
            return None
        row = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == DISPLAY:
            return self._display(row, column)
        if role == TOOLTIP:
            return self._display(row, column) if column in LONG_TEXT else None  # cut short
        if role == USER:
            return row["id"]
        if role == ALIGNMENT:
            return RIGHT if column in ("problems", "score") else None
        if column == "status" and row["status"] == "draft":  # the foreground
            return QBrush(QColor("#b45309"))
        if column == "status" and row["review_state"] == "returned":
            return QBrush(QColor(REVIEW_COLOURS["returned"]))
        if column == "review_state" and row["review_state"] != "accepted":
            return QBrush(QColor(REVIEW_COLOURS[row["review_state"]]))
        return None

    def _display(self, row: dict[str, Any], column: str) -> str:
        if column == "started_at":
            return local_time(row["started_at"])
        if column == "mode":
            return mode_label(row["mode"])
        if column == "problems":
            return str(row["problem_count"])
        if column == "score":
            return number(row["score"] or 0)
        if column == "status":
            text = status_label(row["status"])
            if row["status"] == "submitted" and row["review_state"] != "pending":
                text = review_label(row["review_state"])
            return text + (self.tr(" (correction)") if row["amends_id"] else "")
        if column == "review_state":
            text = review_label(row["review_state"])
            return text + (self.tr(" (correction)") if row["amends_id"] else "")
        return str(row.get(column) or "")


class ReviewQueueModel(InspectionListModel):
    """The review queue: submitted inspections, newest versions only, with their review state."""

    COLUMNS = (
        "started_at",
        "zone_name",
        "unit_name",
        "mode",
        "inspectors",
        "problems",
        "score",
        "review_state",
    )
