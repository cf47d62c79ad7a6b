"""The checklist as a tree: categories and their items, with keyboard results and photo drops."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeyEvent,
)
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from app.evidence.photo_strip import dropped_files
from app.labels import number, result_label
from domain.template import Template

_RESULT_KEYS = {Qt.Key.Key_1: "ok", Qt.Key.Key_2: "problem", Qt.Key.Key_3: "not_applicable"}
_RESULT_COLORS = {"ok": "#15803d", "problem": "#b91c1c", "not_applicable": "#6b7280"}


def category_cap_text(used: Decimal, cap: float) -> str:
    """本类已扣 12/20: a capped category's deductions so far against its cap."""
    return QCoreApplication.translate("InspectionEditor", "category deducted {used}/{cap}").format(
        used=number(float(used), 2), cap=number(cap, 2)
    )


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
        self._categories: dict[str, QTreeWidgetItem] = {}
        self._items: dict[str, QTreeWidgetItem] = {}

    def fill(
        self, template: Template
    ) -> tuple[dict[str, QTreeWidgetItem], dict[str, QTreeWidgetItem]]:
        """The template's categories and items; returns them by category code and item code."""
        self.setColumnCount(4)
        self.setHeaderLabels(  # the editor's words, translated in its context
            [
                QCoreApplication.translate("InspectionEditor", "Item"),
                QCoreApplication.translate("InspectionEditor", "Result"),
                QCoreApplication.translate("InspectionEditor", "Deduction"),
                QCoreApplication.translate("InspectionEditor", "Photos"),
            ]
        )
        self.setColumnWidth(0, 300)
        self.setUniformRowHeights(True)
        categories: dict[str, QTreeWidgetItem] = {}
        items: dict[str, QTreeWidgetItem] = {}
        for category in template.categories:
            parent_item = QTreeWidgetItem([category.name])
            parent_item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            self.addTopLevelItem(parent_item)
            categories[category.code] = parent_item
            for item in category.items:
                child = QTreeWidgetItem([f"{item.code} {item.text}", "", "", ""])
                child.setData(0, Qt.ItemDataRole.UserRole, item.code)
                child.setToolTip(0, item.criteria)
                parent_item.addChild(child)
                items[item.code] = child
        self.expandAll()
        self._categories, self._items = categories, items
        return categories, items

    def paint(
        self,
        template: Template,
        found: dict[str, dict[str, Any]],
        used: dict[str, Decimal] | None = None,
    ) -> None:
        """Each category's progress (and, for a capped category, its deductions against its
        cap) and each item's result and deduction."""
        for category in template.categories:
            done = sum(1 for i in category.items if i.code in found)
            text = f"{category.name}（{done}/{len(category.items)}）"
            if category.max_deduction is not None:
                text += "  " + category_cap_text(
                    (used or {}).get(category.code, Decimal(0)), category.max_deduction
                )
            self._categories[category.code].setText(0, text)
            for item in category.items:
                finding = found.get(item.code)
                tree_item = self._items[item.code]
                result = finding["result"] if finding else None
                tree_item.setText(1, result_label(result))
                color = QColor(_RESULT_COLORS.get(result or "", "#9ca3af"))
                tree_item.setForeground(1, QBrush(color))
                deduction = finding["deduction"] if finding and result == "problem" else 0
                tree_item.setText(2, f"-{number(deduction, 2)}" if deduction else "")

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
