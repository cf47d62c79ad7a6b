"""Settings: language, the office named on notices, office hours, the zone times are shown in,
and how many originals an office laptop keeps offline (this laptop's budget)."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QTimeZone
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from app.assessment.rules import check_rules, load_rules, save_rules
from app.context import AppContext
from app.settings import (
    KEEP_DAYS,
    KEEP_GB,
    LANGUAGE,
    OFFICE_HOURS,
    OFFICE_NAME,
    OFFICE_PHONE,
    TIME_ZONE,
    store_setting,
    stored,
)
from app.settings_qt import qsettings, read, write
from app.sync.credentials import storage_kind
from domain.assessment import Rules
from domain.clock import OFFICE_TZ_DEFAULT, known_zone
from domain.workcalendar import OfficeHours


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

        store = context.store
        self.office = QLineEdit(stored(OFFICE_NAME, store))
        self.office.setPlaceholderText(self.tr("e.g. 青山县城市管理督查办公室"))
        self.phone = QLineEdit(stored(OFFICE_PHONE, store))
        self.hours = QLineEdit(read(OFFICE_HOURS, self.settings) or OfficeHours().to_text())
        self.zone = QComboBox()
        self.zone.setEditable(True)
        for name in (OFFICE_TZ_DEFAULT, "Asia/Urumqi", "UTC"):
            self.zone.addItem(name)
        self.zone.setCurrentText(read(TIME_ZONE, self.settings))
        rules = load_rules(self.settings)
        self.rules: dict[str, QDoubleSpinBox] = {}
        for name, top, step in (
            ("full_score", 1000, 1),
            ("overdue_penalty", 100, 0.1),
            ("failed_recheck_penalty", 100, 0.1),
            ("excellent_from", 1000, 1),
            ("good_from", 1000, 1),
            ("pass_from", 1000, 1),
        ):
            box = QDoubleSpinBox()
            box.setRange(0, top)
            box.setDecimals(2)
            box.setSingleStep(step)
            box.setValue(float(getattr(rules, name)))
            self.rules[name] = box
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
        form.addRow(self.tr("Office (on notices)"), self.office)
        form.addRow(self.tr("Office phone (on notices)"), self.phone)
        form.addRow(self.tr("Office hours"), self.hours)
        form.addRow(self.tr("Office time zone"), self.zone)
        rules_label = QLabel(self.tr("<b>Monthly assessment</b>"))
        form.addRow(rules_label)
        for name, label in (
            ("full_score", self.tr("Full score of an inspection")),
            ("overdue_penalty", self.tr("Points off per overdue notice")),
            ("failed_recheck_penalty", self.tr("Points off per failed recheck")),
            ("excellent_from", self.tr("Excellent (优秀) from")),
            ("good_from", self.tr("Good (良好) from")),
            ("pass_from", self.tr("Pass (合格) from")),
        ):
            form.addRow(label, self.rules[name])
        form.addRow(QLabel(self.tr("<b>Originals kept on this computer</b> (office laptops)")))
        form.addRow(self.tr("Keep the originals of the last"), self.keep_days)
        form.addRow(self.tr("Using at most"), self.keep_gb)
        form.addRow(token)
        form.addRow(note)
        form.addRow(self.message)
        form.addRow(buttons)
        self.resize(560, 520)

    def save(self) -> None:
        try:
            hours = OfficeHours.parse(self.hours.text())
        except ValueError as error:
            self.message.setText(self.tr("Office hours: {error}").format(error=error))
            return
        zone = self.zone.currentText().strip()
        if not (known_zone(zone) and QTimeZone(zone.encode()).isValid()):
            self.message.setText(
                self.tr("Unknown time zone {name}").format(name=self.zone.currentText())
            )
            return
        rules = Rules(**{k: Decimal(str(round(b.value(), 2))) for k, b in self.rules.items()})
        problem = check_rules(rules)
        if problem is not None:
            self.message.setText(
                {
                    "full_score": self.tr("The full score must be above 0."),
                    "penalty": self.tr("Penalties cannot be negative."),
                }.get(
                    problem,
                    self.tr("Grades must descend: full score ≥ excellent > good > pass ≥ 0."),
                )
            )
            return
        save_rules(rules, self.settings)
        write(LANGUAGE, self.language.currentData(), self.settings)
        write(OFFICE_HOURS, hours.to_text(), self.settings)
        write(TIME_ZONE, zone, self.settings)
        write(KEEP_DAYS, Decimal(self.keep_days.value()), self.settings)
        write(KEEP_GB, Decimal(str(round(self.keep_gb.value(), 1))), self.settings)
        self.context.reload_calendar()
        store = self.context.store
        with store.transaction():
            store_setting(OFFICE_NAME, store, self.office.text().strip())
            store_setting(OFFICE_PHONE, store, self.phone.text().strip())
        self.accept()
