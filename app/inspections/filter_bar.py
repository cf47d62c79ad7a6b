"""Search and filters above the inspections list."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QDate, QDateTime, QTime, QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QHBoxLayout, QLineEdit, QWidget

from app.context import AppContext
from app.labels import display_zone, mode_label, review_label, status_label
from domain.vocab import INSPECTION_STATUSES, MODES
from local_db import reference
from local_db.queries import REVIEW_STATES, InspectionFilter


def _utc_iso(day: QDate) -> str:
    """Midnight of `day` in the display zone, as stored UTC text."""
    moment = QDateTime(day, QTime(0, 0), display_zone()).toUTC()
    return moment.toString("yyyy-MM-ddTHH:mm:ss.zzz000Z")


class FilterBar(QWidget):
    changed = Signal(object)  # InspectionFilter

    def __init__(
        self, context: AppContext, parent: QWidget | None = None, *, review: bool = False
    ) -> None:
        """`review`: the review queue's bar (mode, inspector, review state; submitted only)."""
        super().__init__(parent)
        self.review = review
        store = context.store
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search zone, unit, inspector, summary (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.zone = QComboBox()
        self.zone.addItem(self.tr("All zones"), None)
        for z in reference.zones(store, active_only=False):
            self.zone.addItem(z["name"], z["id"])
        self.unit = QComboBox()
        self.unit.addItem(self.tr("All units"), None)
        for u in reference.units(store):
            self.unit.addItem(u["name"], u["id"])
        self.status = QComboBox()
        self.status.addItem(self.tr("Any status"), None)
        for code in INSPECTION_STATUSES:
            self.status.addItem(status_label(code), code)
        self.mode = QComboBox()
        self.mode.addItem(self.tr("Any mode"), None)
        for code in MODES:
            self.mode.addItem(mode_label(code), code)
        self.inspector = QComboBox()
        self.inspector.addItem(self.tr("All inspectors"), None)
        for p in reference.people(store):
            self.inspector.addItem(p["name"], p["id"])
        self.review_state = QComboBox()
        self.review_state.addItem(self.tr("Any review state"), None)
        for code in REVIEW_STATES:
            self.review_state.addItem(review_label(code), code)
        if review:
            self.review_state.setCurrentIndex(1 + REVIEW_STATES.index("pending"))
        # Long lists (a county has hundreds of zones): sized by a number of characters, not
        # by measuring every name when the bar is first shown.
        for combo, characters in ((self.zone, 14), (self.unit, 14), (self.inspector, 10)):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(characters)
        self.by_date = QCheckBox(self.tr("Dates"))
        today = QDateTime.currentDateTime().toTimeZone(display_zone()).date()
        self.date_from = QDateEdit(QDate(today.year(), today.month(), 1))
        self.date_to = QDateEdit(today)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
        self.by_date.toggled.connect(self.date_from.setEnabled)
        self.by_date.toggled.connect(self.date_to.setEnabled)

        # Typing is debounced so a fast typist does not run a query per key.
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(200)
        self._debounce.timeout.connect(self._emit)
        self.search.textChanged.connect(self._debounce.start)
        for combo in (self.zone, self.unit, self.status, self.mode, self.inspector):
            combo.currentIndexChanged.connect(self._emit)
        self.by_date.toggled.connect(self._emit)
        self.date_from.dateChanged.connect(self._emit)
        self.date_to.dateChanged.connect(self._emit)

        # The bar compresses on a narrow screen: lists show a few characters, their popups all.
        for combo in (self.zone, self.unit, self.status, self.mode, self.inspector):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(4)
        self.review_state.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.review_state.setMinimumContentsLength(5)
        self.search.setMinimumWidth(120)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search, 2)
        layout.addWidget(self.zone, 1)
        layout.addWidget(self.unit, 1)
        if review:
            for combo in (self.mode, self.inspector, self.review_state):
                layout.addWidget(combo)
            self.review_state.currentIndexChanged.connect(self._emit)
        else:
            layout.addWidget(self.status)
        layout.addWidget(self.by_date)
        layout.addWidget(self.date_from)
        layout.addWidget(self.date_to)

    def current(self) -> InspectionFilter:
        dated = self.by_date.isChecked()
        flt = InspectionFilter(
            text=self.search.text(),
            zone_id=self.zone.currentData(),
            unit_id=self.unit.currentData(),
            status=self.status.currentData(),
            started_from=_utc_iso(self.date_from.date()) if dated else None,
            started_before=_utc_iso(self.date_to.date().addDays(1)) if dated else None,
        )
        if self.review:
            flt = replace(
                flt,
                status="submitted",
                mode=self.mode.currentData(),
                inspector_id=self.inspector.currentData(),
                review_state=self.review_state.currentData(),
                latest_only=True,
            )
        return flt

    def _emit(self) -> None:
        self._debounce.stop()
        self.changed.emit(self.current())
