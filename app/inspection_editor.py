"""The inspection editor: the checklist by category, one item's details, the running score.

Every change is saved at once (an inspector on a street corner must never lose a tap). A
submitted inspection opens read-only; "Correct" makes an amending draft.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QCloseEvent, QColor, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.item_panel import ItemPanel
from app.labels import (
    local_time,
    message_text,
    mode_label,
    number,
    result_label,
    status_label,
    zone_kind_label,
)
from domain.template import Template, TemplateItem
from local_db import inspections as ops
from local_db.queries import inspection_header
from local_db.reference import load_template

_RESULT_KEYS = {Qt.Key.Key_1: "ok", Qt.Key.Key_2: "problem", Qt.Key.Key_3: "not_applicable"}
_RESULT_COLORS = {"ok": "#15803d", "problem": "#b91c1c", "not_applicable": "#6b7280"}


class ChecklistTree(QTreeWidget):
    """Categories and their items; 1/2/3 set the current item's result from the keyboard."""

    result_key = Signal(str)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        result = _RESULT_KEYS.get(Qt.Key(event.key()))
        if result and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.result_key.emit(result)
            return
        super().keyPressEvent(event)


class InspectionEditor(QMainWindow):
    open_inspection = Signal(str)  # asks the main window to open another (an amendment)

    def __init__(
        self, context: AppContext, inspection_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.context = context
        self.inspection_id = inspection_id
        store = context.store
        header = inspection_header(store, inspection_id)
        if header is None:
            raise KeyError(inspection_id)
        self.template: Template = load_template(store, header["template_id"])
        self._items: dict[str, QTreeWidgetItem] = {}
        self._categories: dict[str, QTreeWidgetItem] = {}
        self._confirm_warnings = False

        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.score_label = QLabel()
        self.score_label.setObjectName("score")
        self.score_label.setStyleSheet("font-size: 20px; font-weight: bold;")
        self.progress_label = QLabel()
        self.summary = QLineEdit()
        self.summary.setPlaceholderText(self.tr("Summary of the inspection (optional)"))
        self.summary.editingFinished.connect(self._save_summary)

        self.tree = ChecklistTree()
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels([self.tr("Item"), self.tr("Result"), self.tr("Deduction")])
        self.tree.setColumnWidth(0, 300)
        self.tree.setUniformRowHeights(True)
        self.tree.currentItemChanged.connect(self._current_changed)
        self.tree.result_key.connect(self._set_result_from_key)
        for category in self.template.categories:
            parent_item = QTreeWidgetItem([category.name])
            parent_item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            self.tree.addTopLevelItem(parent_item)
            self._categories[category.code] = parent_item
            for item in category.items:
                child = QTreeWidgetItem([f"{item.code} {item.text}", "", ""])
                child.setData(0, Qt.ItemDataRole.UserRole, item.code)
                child.setToolTip(0, item.criteria)
                parent_item.addChild(child)
                self._items[item.code] = child
        self.tree.expandAll()

        self.panel = ItemPanel(context.calendar)
        self.panel.edited.connect(self._save_item)

        self.all_ok_button = QPushButton(self.tr("Remaining items OK"))
        self.all_ok_button.clicked.connect(self._all_ok)
        self.submit_button = QPushButton(self.tr("Submit"))
        self.submit_button.setToolTip(self.tr("Submit and lock (Ctrl+Enter)"))
        self.submit_button.clicked.connect(self.submit)
        self.correct_button = QPushButton(self.tr("Correct…"))
        self.correct_button.setToolTip(
            self.tr("Make a new draft that corrects this submitted inspection")
        )
        self.correct_button.clicked.connect(self.correct)
        close_button = QPushButton(self.tr("Close"))
        close_button.clicked.connect(self.close)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.submit)
        QShortcut(QKeySequence("Ctrl+Enter"), self, self.submit)
        QShortcut(QKeySequence("Ctrl+W"), self, self.close)

        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        score_box = QVBoxLayout()
        score_box.addWidget(self.score_label, 0, Qt.AlignmentFlag.AlignRight)
        score_box.addWidget(self.progress_label, 0, Qt.AlignmentFlag.AlignRight)
        top.addLayout(score_box)

        splitter = QSplitter()
        splitter.addWidget(self.tree)
        splitter.addWidget(self.panel)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        buttons = QHBoxLayout()
        buttons.addWidget(self.all_ok_button)
        buttons.addStretch(1)
        buttons.addWidget(self.correct_button)
        buttons.addWidget(self.submit_button)
        buttons.addWidget(close_button)

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self.setCentralWidget(body)
        self.resize(1280, 720)  # fits a 1366×768 laptop screen

        self.refresh()
        first = self.tree.topLevelItem(0)
        if first and first.childCount():
            self.tree.setCurrentItem(first.child(0))
        self.tree.setFocus()

    # -- state ---------------------------------------------------------------------------------
    @property
    def header(self) -> dict[str, Any]:
        header = inspection_header(self.context.store, self.inspection_id)
        assert header is not None
        return header

    @property
    def locked(self) -> bool:
        return self.header["status"] == "submitted"

    def current_item(self) -> TemplateItem | None:
        tree_item = self.tree.currentItem()
        code = tree_item.data(0, Qt.ItemDataRole.UserRole) if tree_item else None
        return self.template.item(code) if code else None

    def select_item(self, code: str) -> None:
        self.tree.setCurrentItem(self._items[code])

    def refresh(self) -> None:
        """Redraw everything from the store."""
        h = self.header
        locked = h["status"] == "submitted"
        persons = ops.inspection_persons(self.context.store, self.inspection_id)
        self.setWindowTitle(self.tr("Inspection — {zone}").format(zone=h["zone_name"]))
        chief = h["chief_name"] or "—"
        if h["chief_phone"]:
            chief += f" {h['chief_phone']}"
        self.heading.setText(
            self.tr(
                "<b>{zone}</b> ({kind}) · Responsible unit: {unit} · Road chief: {chief}<br>"
                "{mode} · Started {started} · Inspectors: {people} · {template}"
            ).format(
                zone=h["zone_name"],
                kind=zone_kind_label(h["zone_kind"]),
                unit=h["unit_name"],
                chief=chief,
                mode=mode_label(h["mode"]),
                started=local_time(h["started_at"]),
                people="、".join(p["name"] for p in persons),
                template=h["template_name"],
            )
        )
        found = ops.findings(self.context.store, self.inspection_id)
        self._paint_findings(h, found)
        self.summary.setText(h["summary"] or "")
        self.summary.setReadOnly(locked)
        self.panel.set_read_only(locked)
        self.all_ok_button.setVisible(not locked)
        self.submit_button.setVisible(not locked)
        self.correct_button.setVisible(locked and not h["amended_by"])
        self._show_status(h)
        item = self.current_item()
        self.panel.show_item(item, found.get(item.code) if item else None)

    def _paint_findings(self, h: dict[str, Any], found: dict[str, dict[str, Any]]) -> None:
        """The running score, the progress per category and each item's result."""
        self.score_label.setText(self.tr("Score {score}").format(score=number(h["score"] or 0)))
        self.progress_label.setText(
            self.tr("Deducted {deducted} · {problems} problem(s) · {done}/{total} checked").format(
                deducted=number(h["deducted"], 2),
                problems=h["problem_count"],
                done=len(found),
                total=self.template.item_count,
            )
        )
        for category in self.template.categories:
            done = sum(1 for i in category.items if i.code in found)
            self._categories[category.code].setText(
                0, f"{category.name}（{done}/{len(category.items)}）"
            )
            for item in category.items:
                self._paint_item(item.code, found.get(item.code))

    def _show_status(self, h: dict[str, Any]) -> None:
        if h["status"] == "submitted":
            text = self.tr(
                "Submitted {finished} and locked. Digest {digest}. To change anything, use Correct."
            ).format(finished=local_time(h["finished_at"]), digest=(h["digest"] or "")[:16])
            if h["amended_by"]:
                text += " " + self.tr("A correction of it exists.")
            self._banner(text, "#e0f2fe")
        elif h["amends_id"]:
            self._banner(self.tr("Draft correcting an earlier submitted inspection."), "#fef3c7")
        else:
            self._banner(status_label("draft"), "#f3f4f6")

    def _banner(self, text: str, color: str) -> None:
        self.banner.setText(text)
        self.banner.setStyleSheet(f"background: {color}; padding: 6px; border-radius: 4px;")

    def _paint_item(self, code: str, finding: dict[str, Any] | None) -> None:
        tree_item = self._items[code]
        result = finding["result"] if finding else None
        tree_item.setText(1, result_label(result))
        tree_item.setForeground(1, QBrush(QColor(_RESULT_COLORS.get(result or "", "#9ca3af"))))
        deduction = finding["deduction"] if finding and result == "problem" else 0
        tree_item.setText(2, f"-{number(deduction, 2)}" if deduction else "")

    # -- editing -------------------------------------------------------------------------------
    def _current_changed(self, current: QTreeWidgetItem | None, _previous: object) -> None:
        code = current.data(0, Qt.ItemDataRole.UserRole) if current else None
        item = self.template.item(code) if code else None
        finding = ops.findings(self.context.store, self.inspection_id).get(code) if code else None
        self.panel.show_item(item, finding)

    def _refuse_locked(self) -> bool:
        if self.locked:
            self._banner(
                self.tr(
                    "This inspection is submitted and cannot be changed. Use Correct to amend it."
                ),
                "#fee2e2",
            )
            return True
        return False

    def _set_result_from_key(self, result: str) -> None:
        item = self.current_item()
        if item is None or self._refuse_locked():
            return
        self.panel.choose_result(result)
        if result == "problem":
            self.panel.focus_details()
        else:
            below = self.tree.itemBelow(self.tree.currentItem())
            if below is not None and below.parent() is None:  # next category: its first item
                below = below.child(0) if below.childCount() else None
            if below is not None:
                self.tree.setCurrentItem(below)

    def set_result(self, code: str, result: str, **details: Any) -> None:
        """Record an item's result (what the panel does; also handy for scripted use)."""
        if self._refuse_locked():
            return
        ops.record_finding(self.context.store, self.inspection_id, code, result, **details)
        self._after_write()

    def _save_item(self, code: str, values: dict[str, Any]) -> None:
        if self._refuse_locked():
            return
        ops.record_finding(
            self.context.store,
            self.inspection_id,
            code,
            values["result"],
            cases=values["cases"],
            description=values["description"],
            severity=values["severity"],
            location=values["location"],
        )
        self._after_write(redraw_panel=False)

    def _save_summary(self) -> None:
        h = self.header
        if h["status"] == "submitted" or (h["summary"] or "") == self.summary.text():
            return
        ops.update_inspection(self.context.store, self.inspection_id, summary=self.summary.text())
        self.context.notify(self.inspection_id)

    def _all_ok(self) -> None:
        if self._refuse_locked():
            return
        self.panel.flush()
        ops.mark_unanswered_ok(self.context.store, self.inspection_id)
        self._after_write()

    def _after_write(self, *, redraw_panel: bool = True) -> None:
        self._confirm_warnings = False
        self.submit_button.setText(self.tr("Submit"))
        found = ops.findings(self.context.store, self.inspection_id)
        self._paint_findings(self.header, found)
        if redraw_panel:
            item = self.current_item()
            self.panel.show_item(item, found.get(item.code) if item else None)
        self.context.notify(self.inspection_id)

    # -- submit and correct --------------------------------------------------------------------
    def submit(self) -> None:
        if self._refuse_locked():
            return
        self.panel.flush()
        self._save_summary()
        gaps = ops.submission_check(self.context.store, self.inspection_id)
        blocking = [g for g in gaps if g.blocking]
        if blocking:
            lines = [message_text(g.message) for g in blocking[:12]]
            if len(blocking) > 12:
                lines.append(self.tr("… and {n} more").format(n=len(blocking) - 12))
            self._banner(self.tr("Cannot submit yet:") + "\n" + "\n".join(lines), "#fee2e2")
            if blocking[0].item_code:
                self.select_item(blocking[0].item_code)
            return
        if gaps and not self._confirm_warnings:
            lines = [message_text(g.message) for g in gaps[:12]]
            self._banner(
                self.tr("Please check before submitting:")
                + "\n"
                + "\n".join(lines)
                + "\n"
                + self.tr("Press Submit again to submit anyway."),
                "#fef3c7",
            )
            self._confirm_warnings = True
            self.submit_button.setText(self.tr("Submit anyway"))
            return
        ops.submit_inspection(
            self.context.store,
            self.inspection_id,
            actor=self.context.person_id,
            accept_warnings=True,
        )
        self._confirm_warnings = False
        self.refresh()
        self.context.notify(self.inspection_id)

    def correct(self) -> None:
        draft = ops.amend_inspection(
            self.context.store, self.inspection_id, actor=self.context.person_id
        )
        self.context.notify(draft["id"])
        self.refresh()
        self.open_inspection.emit(draft["id"])

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.locked:
            self.panel.flush()
            self._save_summary()
        super().closeEvent(event)
