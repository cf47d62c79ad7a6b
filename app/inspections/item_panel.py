"""The right-hand panel of the editor: one checklist item's rule, result and problem details."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.evidence.photo_strip import PhotoStrip
from app.evidence.thumbnail_loader import ThumbnailLoader
from app.inspections.checklist_tree import category_cap_text
from app.labels import due_rule_label, local_time, number, result_label, severity_label
from domain.clock import to_iso, utc_now
from domain.scoring import item_deduction
from domain.template import Template, TemplateItem
from domain.vocab import RESULTS, SEVERITIES
from domain.workcalendar import WorkCalendar, compute_due


class ItemPanel(QWidget):
    """Edits one item. Emits `edited(item_code, values)` when the user changes anything."""

    edited = Signal(str, dict)
    add_files = Signal()
    add_folder = Signal()

    def __init__(
        self, calendar: WorkCalendar, loader: ThumbnailLoader, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._calendar = calendar
        self._item: TemplateItem | None = None
        self._loading = False

        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.criteria = QLabel()
        self.criteria.setWordWrap(True)
        self.rule = QLabel()
        self.rule.setWordWrap(True)
        self.rule.setStyleSheet("color: #555;")
        self.category_cap = QLabel()  # a capped category's deductions so far: 本类已扣 12/20
        self.category_cap.setObjectName("category_cap")
        self.category_cap.setWordWrap(True)
        self.category_cap.setStyleSheet("color: #555;")
        self._template: Template | None = None
        self._used: dict[str, Decimal] = {}

        self.results = QButtonGroup(self)
        self.results.setExclusive(True)
        row = QHBoxLayout()
        for i, code in enumerate(RESULTS, start=1):
            button = QPushButton(f"{result_label(code)}  [{i}]")
            button.setCheckable(True)
            button.setProperty("result", code)
            button.setObjectName(f"result_{code}")
            color = {"ok": "#15803d", "problem": "#b91c1c", "not_applicable": "#4b5563"}[code]
            button.setStyleSheet(
                f"QPushButton:checked {{ background: {color}; color: white; font-weight: bold; }}"
            )
            self.results.addButton(button, i)
            row.addWidget(button)
        self.results.idClicked.connect(self._result_clicked)

        self.cases = QSpinBox()
        self.cases.setRange(1, 999)
        self.cases.setSuffix(self.tr(" case(s)"))
        self.severity = QComboBox()
        for code in SEVERITIES:
            self.severity.addItem(severity_label(code), code)
        self.location = QLineEdit()
        self.location.setPlaceholderText(
            self.tr("Where exactly, e.g. the north-east corner of the crossing")
        )
        self.description = QPlainTextEdit()
        self.description.setPlaceholderText(self.tr("What you saw"))
        self.description.setTabChangesFocus(True)
        self.description.setMinimumHeight(64)
        self.description.setMaximumHeight(100)  # the item's photos stay in view below it
        self.deduction = QLabel()
        self.deduction.setObjectName("item_deduction")
        self.due_preview = QLabel()
        self.due_preview.setObjectName("due_preview")
        self.due_preview.setWordWrap(True)

        self.problem_box = QGroupBox(self.tr("Problem"))
        form = QFormLayout(self.problem_box)
        form.addRow(self.tr("Cases"), self.cases)
        form.addRow(self.tr("Severity"), self.severity)
        form.addRow(self.tr("Location"), self.location)
        form.addRow(self.tr("Description"), self.description)
        form.addRow(self.tr("Deduction"), self.deduction)
        form.addRow(self.tr("Due time"), self.due_preview)

        # Text is saved shortly after typing stops, and at once when the item changes.
        self._text_timer = QTimer(self)
        self._text_timer.setSingleShot(True)
        self._text_timer.setInterval(400)
        self._text_timer.timeout.connect(self._emit_edit)
        self.cases.valueChanged.connect(self._emit_edit)
        self.severity.currentIndexChanged.connect(self._emit_edit)
        self.location.textEdited.connect(self._text_timer.start)
        self.description.textChanged.connect(self._text_changed)

        self.photos = PhotoStrip(loader, compact=True)
        self.photos.setObjectName("finding_photos")
        self.add_photos_button = QPushButton(self.tr("Add photos…"))
        self.add_photos_button.setToolTip(self.tr("Or drop photos here or onto the item (Ctrl+O)"))
        self.add_photos_button.clicked.connect(self.add_files)
        self.add_folder_button = QPushButton(self.tr("Import folder…"))
        self.add_folder_button.setToolTip(self.tr("A camera card or a phone's export"))
        self.add_folder_button.clicked.connect(self.add_folder)
        self.photo_box = QGroupBox(self.tr("Photo evidence"))
        photo_layout = QVBoxLayout(self.photo_box)
        photo_layout.addWidget(self.photos)
        photo_buttons = QHBoxLayout()
        photo_buttons.addWidget(self.add_photos_button)
        photo_buttons.addWidget(self.add_folder_button)
        photo_buttons.addStretch(1)
        photo_layout.addLayout(photo_buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.criteria)
        layout.addWidget(self.rule)
        layout.addWidget(self.category_cap)
        layout.addLayout(row)
        layout.addWidget(self.problem_box)
        layout.addWidget(self.photo_box)
        layout.addStretch(1)

    # -- showing -------------------------------------------------------------------------------
    def show_item(self, item: TemplateItem | None, finding: dict[str, Any] | None) -> None:
        self.flush()
        self._loading = True
        try:
            self._item = item
            self.setVisible(item is not None)
            if item is None:
                return
            self.title.setText(f"{item.code}  {item.text}")
            self.criteria.setText(item.criteria)
            photo = self.tr(" · photo evidence required") if item.photo_required else ""
            self.rule.setText(
                self.tr(
                    "GB/T 47678.5 {gb} · weight {weight} · {per} per case, at most {cap} · "
                    "time limit {due}{photo}"
                ).format(
                    gb=item.gb_code,
                    weight=number(item.weight, 2),
                    per=number(item.deduction_per_case, 2),
                    cap=number(item.max_deduction, 2),
                    due=due_rule_label(item.due_amount, item.due_unit),
                    photo=photo,
                )
            )
            result = finding["result"] if finding else None
            self.results.setExclusive(False)
            for button in self.results.buttons():
                button.setChecked(button.property("result") == result)
            self.results.setExclusive(True)
            problem = result == "problem"
            self.problem_box.setVisible(problem)
            self.cases.setValue(int(finding["cases"]) if problem and finding else 1)
            severity = (finding or {}).get("severity") or item.severity
            self.severity.setCurrentIndex(max(0, self.severity.findData(severity)))
            self.location.setText((finding or {}).get("location") or "")
            self.description.setPlainText((finding or {}).get("description") or "")
            self._show_category_cap()
            self._show_deduction()
        finally:
            self._loading = False

    def set_category_used(self, template: Template, used: dict[str, Decimal]) -> None:
        """The inspection's deductions per category (after their caps), for the cap line."""
        self._template, self._used = template, used
        self._show_category_cap()

    def _show_category_cap(self) -> None:
        category = None
        if self._item is not None and self._template is not None:
            try:
                category = self._template.category(self._item.category_code)
            except KeyError:
                category = None
        if category is None or category.max_deduction is None:
            self.category_cap.setVisible(False)
            return
        self.category_cap.setText(
            self.tr("{category} (category cap {cap}) · {text}").format(
                category=category.name,
                cap=number(category.max_deduction, 2),
                text=category_cap_text(
                    self._used.get(category.code, Decimal(0)), category.max_deduction
                ),
            )
        )
        self.category_cap.setVisible(True)

    def set_read_only(self, read_only: bool) -> None:
        self.photos.set_read_only(read_only)
        self.add_photos_button.setEnabled(not read_only)
        self.add_folder_button.setEnabled(not read_only)
        for button in self.results.buttons():
            button.setEnabled(not read_only)
        for widget in (self.cases, self.severity):
            widget.setEnabled(not read_only)
        self.location.setReadOnly(read_only)
        self.description.setReadOnly(read_only)

    def _show_deduction(self) -> None:
        if self._item is None:
            return
        points = item_deduction(self._item, self.cases.value())
        self.deduction.setText(self.tr("{points} points").format(points=number(points, 2)))
        self._show_due()

    def _show_due(self) -> None:
        """When a notice issued now would fall due, on the working-day calendar."""
        item = self._item
        if item is None:
            return
        due = compute_due(utc_now(), item.due_amount, item.due_unit, self._calendar)
        text = self.tr("If a notice is issued now: {due}").format(
            due=local_time(to_iso(due.at), "yyyy-MM-dd ddd HH:mm")
        )
        if due.warning:
            years = "、".join(str(y) for y in due.uncovered_years)
            text += "\n" + self.tr(
                "⚠ The holiday calendar does not cover {years}: counted by weekends only. "
                "Check the date, and update resources/calendar/cn_workdays.json."
            ).format(years=years)
            self.due_preview.setStyleSheet("color: #b45309;")
        else:
            self.due_preview.setStyleSheet("")
        self.due_preview.setText(text)

    # -- editing -------------------------------------------------------------------------------
    def choose_result(self, result: str) -> None:
        """Set the result as if its button were clicked."""
        button = next(b for b in self.results.buttons() if b.property("result") == result)
        if button.isEnabled():
            button.click()

    def _result_clicked(self, _id: int) -> None:
        self.problem_box.setVisible(self.current_result() == "problem")
        self._emit_edit()

    def current_result(self) -> str | None:
        button = self.results.checkedButton()
        return button.property("result") if button else None

    def _text_changed(self) -> None:
        if not self._loading:
            self._text_timer.start()

    def save_later(self) -> None:
        """Try the save again shortly (the store was busy)."""
        self._text_timer.start()

    def flush(self) -> None:
        """Save typed text now (before switching items or closing)."""
        if self._text_timer.isActive():
            self._text_timer.stop()
            self._emit_edit()

    def _emit_edit(self) -> None:
        if self._loading or self._item is None or self.current_result() is None:
            return
        self._text_timer.stop()
        self._show_deduction()
        self.edited.emit(
            self._item.code,
            {
                "result": self.current_result(),
                "cases": self.cases.value(),
                "severity": self.severity.currentData(),
                "location": self.location.text().strip() or None,
                "description": self.description.toPlainText(),
            },
        )

    def focus_details(self) -> None:
        if self.current_result() == "problem":
            self.description.setFocus(Qt.FocusReason.OtherFocusReason)
