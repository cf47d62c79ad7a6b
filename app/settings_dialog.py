"""Settings: language, the office named on notices, office hours, the zone times are shown in."""

from __future__ import annotations

from PySide6.QtCore import QSettings, QTimeZone
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from app.context import AppContext
from app.labels import DEFAULT_ZONE
from app.sync.credentials import storage_kind
from domain.workcalendar import OfficeHours


class SettingsDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.settings = QSettings()
        self.setWindowTitle(self.tr("Settings"))

        self.language = QComboBox()
        self.language.addItem(self.tr("Follow the system"), "")
        self.language.addItem("简体中文", "zh_CN")
        self.language.addItem("English", "en")
        current = str(self.settings.value("ui/language", "") or "")
        self.language.setCurrentIndex(max(0, self.language.findData(current)))

        store = context.store
        self.office = QLineEdit(store.meta("office_name") or "")
        self.office.setPlaceholderText(self.tr("e.g. 青山县城市管理督查办公室"))
        self.phone = QLineEdit(store.meta("office_phone") or "")
        self.hours = QLineEdit(
            str(self.settings.value("calendar/office_hours", "") or OfficeHours().to_text())
        )
        self.zone = QComboBox()
        self.zone.setEditable(True)
        for name in (DEFAULT_ZONE, "Asia/Urumqi", "UTC"):
            self.zone.addItem(name)
        self.zone.setCurrentText(str(self.settings.value("ui/timezone", DEFAULT_ZONE)))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b91c1c;")
        token = QLabel(
            self.tr("No system keyring here: the login token is kept in a file only you can read.")
            if storage_kind() == "file"
            else self.tr("The login token is kept in the system keyring.")
        )
        token.setWordWrap(True)
        note = QLabel(self.tr("The language applies when Ducha starts again."))
        note.setWordWrap(True)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Office (on notices)"), self.office)
        form.addRow(self.tr("Office phone (on notices)"), self.phone)
        form.addRow(self.tr("Office hours"), self.hours)
        form.addRow(self.tr("Show times in"), self.zone)
        form.addRow(token)
        form.addRow(note)
        form.addRow(self.message)
        form.addRow(buttons)
        self.resize(520, 300)

    def save(self) -> None:
        try:
            hours = OfficeHours.parse(self.hours.text())
        except ValueError as error:
            self.message.setText(self.tr("Office hours: {error}").format(error=error))
            return
        if not QTimeZone(self.zone.currentText().encode()).isValid():
            self.message.setText(
                self.tr("Unknown time zone {name}").format(name=self.zone.currentText())
            )
            return
        self.settings.setValue("ui/language", self.language.currentData())
        self.settings.setValue("calendar/office_hours", hours.to_text())
        self.settings.setValue("ui/timezone", self.zone.currentText())
        self.context.reload_calendar()
        store = self.context.store
        with store.transaction():
            store.set_meta("office_name", self.office.text().strip())
            store.set_meta("office_phone", self.phone.text().strip())
        self.accept()
