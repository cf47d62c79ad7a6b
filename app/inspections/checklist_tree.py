"""The checklist as a tree: categories and their items, with keyboard results and photo drops."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QKeyEvent
from PySide6.QtWidgets import QTreeWidget

from app.evidence.photo_strip import dropped_files

_RESULT_KEYS = {Qt.Key.Key_1: "ok", Qt.Key.Key_2: "problem", Qt.Key.Key_3: "not_applicable"}


class ChecklistTree(QTreeWidget):
    """Categories and their items; 1/2/3 set the current item's result from the keyboard;
    photos dropped onto an item become its evidence."""

    result_key = Signal(str)
    files_dropped = Signal(str, list)  # item code, list[Path]

    def __init__(self) -> None:
        super().__init__()
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.read_only = False

    def _code_at(self, event: QDropEvent | QDragMoveEvent) -> str | None:
        item = self.itemAt(event.position().toPoint())
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_files(event) and not self.read_only:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if dropped_files(event) and not self.read_only and self._code_at(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        code = self._code_at(event)
        files = dropped_files(event)
        if code and files:
            event.acceptProposedAction()
            self.setCurrentItem(self.itemAt(event.position().toPoint()))
            self.files_dropped.emit(code, files)
        else:
            event.ignore()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        result = _RESULT_KEYS.get(Qt.Key(event.key()))
        if result and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.result_key.emit(result)
            return
        super().keyPressEvent(event)
