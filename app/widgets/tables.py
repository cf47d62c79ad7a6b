"""The lists' table view, set up once: whole rows, one at a time, read-only, no row numbers."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

FILL_MINIMUM = 120  # the stretching column never narrower: past that, the list scrolls


def list_table(
    model: QAbstractItemModel,
    widths: tuple[int, ...] = (),
    *,
    stretch: int | None = None,
    lead: tuple[int, ...] = (),
) -> QTableView:
    """`widths` by the model's column; `stretch`: a text column that takes the room left (its
    width is ignored), instead of the last; `lead`: columns shown first, in this order — what
    a row's state is, so no narrow window or dragged splitter hides it behind a scroll. Long
    text is cut short with "…"; the models give the whole text as a tooltip."""
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(26)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(stretch is None)
    for column, width in enumerate(widths):
        table.setColumnWidth(column, width)
    if stretch is not None:
        _FillColumn(table, stretch)
    for visual, column in enumerate(lead):
        header.moveSection(header.visualIndex(column), visual)
    return table


class _FillColumn(QObject):
    """Keeps one column as wide as the room the others leave (QHeaderView's Stretch mode would
    shrink it to nothing in a narrow window)."""

    def __init__(self, table: QTableView, column: int) -> None:
        super().__init__(table)
        self._table = table
        self._column = column
        table.viewport().installEventFilter(self)
        table.horizontalHeader().sectionResized.connect(self._resized)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def _resized(self, column: int, _old: int, _new: int) -> None:
        if column != self._column:
            self.fit()

    def fit(self) -> None:
        header = self._table.horizontalHeader()
        others = sum(
            header.sectionSize(c)
            for c in range(header.count())
            if c != self._column and not header.isSectionHidden(c)
        )
        room = self._table.viewport().width() - others
        header.resizeSection(self._column, max(FILL_MINIMUM, room))
