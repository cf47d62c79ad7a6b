"""Recording on the spot that the unit received a notice (签收): who signed, and when."""

from __future__ import annotations

from PySide6.QtCore import QDateTime, QTimeZone, Signal
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from app.context import AppContext
from app.labels import display_zone, refusal_text
from app.widgets.screen_fit import fit_to_screen
from local_db.notices import NoticeError, record_event


class AcknowledgeDialog(QDialog):
    recorded = Signal(str)  # notice id

    def __init__(self, context: AppContext, notice: dict, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.notice = notice
        self.setWindowTitle(self.tr("Receipt of notice {number}").format(number=notice["number"]))
        self.signer = QLineEdit()
        self.signer.setPlaceholderText(self.tr("Name of the person who signs for the unit"))
        self.at = QDateTimeEdit(QDateTime.currentDateTime().toTimeZone(display_zone()))
        self.at.setTimeZone(display_zone())
        self.at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.at.setCalendarPopup(True)
        issued = QDateTime.fromString(notice["issued_at"][:23], "yyyy-MM-ddTHH:mm:ss.zzz")
        issued.setTimeZone(QTimeZone.utc())
        self.at.setMinimumDateTime(issued.toTimeZone(display_zone()))
        self.message = QLabel()
        self.message.setStyleSheet("color: #b91c1c;")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Record receipt"))
        buttons.accepted.connect(self.record)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Unit"), QLabel(notice["unit_name"]))
        form.addRow(self.tr("Signed by"), self.signer)
        form.addRow(self.tr("Time"), self.at)
        form.addRow(self.message)
        form.addRow(buttons)
        fit_to_screen(self)

    def record(self) -> None:
        at = self.at.dateTime().toUTC().toString("yyyy-MM-ddTHH:mm:ss.zzz000Z")
        try:
            record_event(
                self.context.store,
                self.notice["id"],
                "acknowledged",
                actor=self.context.person_id,
                at=at,
                signer=self.signer.text(),
            )
        except NoticeError as error:
            self.message.setText(refusal_text(error))
            return
        self.context.notify()
        self.accept()
        self.recorded.emit(self.notice["id"])
