"""Settings of this laptop: the language, where the login token is kept, how many originals an
office laptop keeps offline (its budget). The office's settings
(name, hours, zone, rules …) are one record shared by every laptop: app/shell/org_dialog.py."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QWidget,
)

from app.context import AppContext
from app.settings import KEEP_DAYS, KEEP_GB, LANGUAGE
from app.settings_qt import qsettings, read, write
from app.shell.org_dialog import OrgDialog
from app.sync.credentials import storage_kind
from app.widgets.screen_fit import fit_to_screen


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
        # this laptop's budget for the originals an office laptop keeps offline
        self.keep_days = QSpinBox()
        self.keep_days.setRange(1, 3660)
        self.keep_days.setSuffix(self.tr(" days"))
        self.keep_days.setValue(int(read(KEEP_DAYS, self.settings)))
        self.keep_gb = QDoubleSpinBox()
        self.keep_gb.setRange(0.1, 10_000)
        self.keep_gb.setDecimals(1)
        self.keep_gb.setSuffix(" GB")
        self.keep_gb.setValue(float(read(KEEP_GB, self.settings)))
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
        form.addRow(QLabel(self.tr("<b>Originals kept on this computer</b> (office laptops)")))
        form.addRow(self.tr("Keep the originals of the last"), self.keep_days)
        form.addRow(self.tr("Using at most"), self.keep_gb)
        form.addRow(token)
        form.addRow(note)
        form.addRow(self.message)
        form.addRow(buttons)
        fit_to_screen(self, 520, 340)

    def open_org(self) -> OrgDialog:
        dialog = OrgDialog(self.context, self)
        dialog.open()
        return dialog

    def save(self) -> None:
        write(LANGUAGE, self.language.currentData(), self.settings)
        write(KEEP_DAYS, Decimal(self.keep_days.value()), self.settings)
        write(KEEP_GB, Decimal(str(round(self.keep_gb.value(), 1))), self.settings)
        self.accept()
