"""Settings of this laptop: the language, where the login token is kept. The office's settings
(name, hours, zone, rules …) are one record shared by every laptop: app/shell/org_dialog.py."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from app.context import AppContext
from app.settings import LANGUAGE
from app.settings_qt import qsettings, read, write
from app.shell.org_dialog import OrgDialog
from app.sync.credentials import storage_kind


class SettingsDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.settings = qsettings()
        self.setWindowTitle(self.tr("Settings"))

        self.language = QComboBox()
        self.language.addItem(self.tr("Follow the system"), "")
        self.language.addItem("简体中文", "zh_CN")
        self.language.addItem("English", "en")
        current = read(LANGUAGE, self.settings)
        self.language.setCurrentIndex(max(0, self.language.findData(current)))

        self.org_button = QPushButton(self.tr("Office settings…"))
        self.org_button.setToolTip(
            self.tr("The office's name, hours, time zone and rules: the same on every laptop")
        )
        self.org_button.clicked.connect(self.open_org)
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
        form.addRow(self.tr("Office"), self.org_button)
        form.addRow(token)
        form.addRow(note)
        form.addRow(self.message)
        form.addRow(buttons)
        self.resize(520, 260)

    def open_org(self) -> OrgDialog:
        dialog = OrgDialog(self.context, self)
        dialog.open()
        return dialog

    def save(self) -> None:
        write(LANGUAGE, self.language.currentData(), self.settings)
        self.accept()
