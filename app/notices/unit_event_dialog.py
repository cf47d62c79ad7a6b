"""The office records the unit's request for more time (延期申请) or its dispute (异议) on its
behalf, refuses a dispute (推诿), or transfers the notice to another unit (改派). The lifecycle
(domain/lifecycle.py) decides what may follow what; a refusal is shown in words and nothing is
recorded."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDateTime, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from app.context import AppContext
from app.labels import display_zone, local_time, refusal_text
from app.notices.follow_up_dialog import _iso, _qt_time
from app.notices.labels import event_label
from app.widgets.screen_fit import fit_to_screen
from domain.clock import from_iso, to_iso
from local_db.notices import NoticeError
from local_db.reference import units
from local_db.unit_events import (
    record_dispute,
    record_extension_request,
    refuse_dispute,
    transfer_due,
    transfer_notice,
)

KINDS = ("extension_requested", "disputed", "dispute_refused", "transferred")


def _time_edit(moment: QDateTime) -> QDateTimeEdit:
    edit = QDateTimeEdit(moment)
    edit.setTimeZone(display_zone())
    edit.setDisplayFormat("yyyy-MM-dd HH:mm")
    edit.setCalendarPopup(True)
    return edit


class UnitEventDialog(QDialog):
    """延期申请, 异议, 驳回异议 or 改派 on one notice (`kind`, one of KINDS)."""

    recorded = Signal(str)  # notice id, once the event is in the store

    def __init__(
        self, context: AppContext, notice: dict[str, Any], kind: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        assert kind in KINDS
        self.context = context
        self.notice = notice
        self.kind = kind
        self.setWindowTitle(
            self.tr("{step} — notice {number}").format(
                step=event_label(kind), number=notice["number"]
            )
        )
        now = QDateTime.currentDateTime().toTimeZone(display_zone())
        self.at = _time_edit(now)
        self.at.setMinimumDateTime(_qt_time(notice["issued_at"]))
        self.at.setMaximumDateTime(now.addSecs(600))  # recorded when it happened
        self.signer = QLineEdit()
        self.signer.setPlaceholderText(self.tr("Name of the person at the unit"))
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText(self.tr("Required"))
        self.reason.setFixedHeight(80)
        self.asked_due = _time_edit(_qt_time(notice["current_due_at"]).addDays(7))
        self.to_unit = QComboBox()
        for unit in units(context.store):
            if unit["id"] != notice["unit_id"]:
                self.to_unit.addItem(unit["name"], unit["id"])
        self.new_due = _time_edit(now.addDays(1))
        self.due_rule = QLabel()
        self.due_rule.setWordWrap(True)
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #92400e;")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b91c1c;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self._ok_text())
        self.buttons.accepted.connect(self.record)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout(self)
        form.addRow(self.tr("Unit"), QLabel(notice["unit_name"]))
        form.addRow(self.tr("Time"), self.at)
        if kind in ("extension_requested", "disputed"):
            form.addRow(self.tr("Asked by (unit)"), self.signer)
        if kind == "extension_requested":
            form.addRow(self.tr("Current due time"), QLabel(local_time(notice["current_due_at"])))
            form.addRow(self.tr("Date asked for"), self.asked_due)
        if kind == "transferred":
            form.addRow(self.tr("Transfer to"), self.to_unit)
            form.addRow(self.tr("New due time"), self.new_due)
            form.addRow("", self.due_rule)
            self.at.dateTimeChanged.connect(self._compute_due)
            self._compute_due()
        form.addRow(self._reason_label(), self.reason)
        if kind == "dispute_refused":
            self.warning.setText(
                self.tr(
                    "Refusing the dispute counts it as 推诿 (an unfounded dispute) against {unit}."
                ).format(unit=notice["unit_name"])
            )
            form.addRow(self.warning)
        if kind == "transferred":
            self.warning.setText(
                self.tr(
                    "The notice keeps its number and history; it goes back to awaiting receipt "
                    "(签收) by the new unit."
                )
            )
            form.addRow(self.warning)
        form.addRow(self.message)
        form.addRow(self.buttons)
        fit_to_screen(self, 560, 0)

    def _ok_text(self) -> str:
        return {
            "extension_requested": self.tr("Record request"),
            "disputed": self.tr("Record dispute"),
            "dispute_refused": self.tr("Refuse dispute"),
            "transferred": self.tr("Transfer"),
        }[self.kind]

    def _reason_label(self) -> str:
        return {
            "extension_requested": self.tr("Reason given"),
            "disputed": self.tr("Why it is not theirs"),
            "dispute_refused": self.tr("Why the dispute is refused"),
            "transferred": self.tr("Reason for the transfer"),
        }[self.kind]

    def _compute_due(self) -> None:
        """The new due time from the transfer moment with the items' time limits, as when a
        notice is issued; the office may set another."""
        at = from_iso(_iso(self.at.dateTime()))
        due = transfer_due(self.context.store, self.notice["id"], at, self.context.calendar)
        if due is None:
            self.due_rule.setText(self.tr("Set the due time: the problems' limits are not here."))
            return
        self.new_due.setDateTime(_qt_time(to_iso(due.at)))
        text = self.tr(
            "From the transfer by the problems' time limits on the working-day calendar: {due}."
        ).format(due=local_time(_iso(self.new_due.dateTime())))
        if due.warning:
            years = "、".join(str(y) for y in due.uncovered_years)
            text += " " + self.tr(
                "⚠ The holiday calendar does not cover {years}: check the date."
            ).format(years=years)
        self.due_rule.setText(text)

    def record(self) -> None:
        reason = self.reason.toPlainText().strip()
        signer = self.signer.text().strip()
        if not reason:
            self.message.setText(
                self.tr("Please fill in: {what}").format(what=self._reason_label())
            )
            return
        if self.kind in ("extension_requested", "disputed") and not signer:
            self.message.setText(
                self.tr("Please fill in: {what}").format(what=self.tr("Asked by (unit)"))
            )
            return
        if self.kind == "transferred" and self.to_unit.currentData() is None:
            self.message.setText(self.tr("There is no other unit to transfer to."))
            return
        store, actor, at = self.context.store, self.context.person_id, _iso(self.at.dateTime())
        notice_id = self.notice["id"]
        try:
            if self.kind == "extension_requested":
                record_extension_request(
                    store, notice_id, signer=signer, reason=reason,
                    new_due_at=_iso(self.asked_due.dateTime()), actor=actor, at=at,
                )  # fmt: skip
            elif self.kind == "disputed":
                record_dispute(store, notice_id, signer=signer, reason=reason, actor=actor, at=at)
            elif self.kind == "dispute_refused":
                refuse_dispute(store, notice_id, reason=reason, actor=actor, at=at)
            else:
                transfer_notice(
                    store, notice_id, to_unit_id=self.to_unit.currentData(), reason=reason,
                    new_due_at=_iso(self.new_due.dateTime()), actor=actor, at=at,
                )  # fmt: skip
        except NoticeError as error:
            self.message.setText(refusal_text(error))
            return
        self.context.notify()
        self.accept()
        self.recorded.emit(notice_id)
