"""单位设置: the office's settings, one record shared by every laptop (domain/org_settings.py).

An admin edits and saves it; the save goes to the server with the next sync like any other row,
and every laptop uses it once synced. Everyone else reads it here, with who changed it last and
when ("由 王磊 于 2026-12-06 10:32 修改")."""

from __future__ import annotations

import json
import logging
import re
from dataclasses import replace
from decimal import Decimal

from pydantic import ValidationError
from PySide6.QtCore import QCoreApplication, QTimeZone
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.assessment.composite_settings import CompositeSettings
from app.context import AppContext
from app.labels import local_time
from app.shell.org_legacy import legacy_org_settings
from app.widgets.screen_fit import fit_to_screen
from domain.assessment import Rules
from domain.clock import OFFICE_TZ_DEFAULT
from domain.contract.rows import OrgSettingsRow
from domain.org_settings import (
    DEFAULT_OFFICE_NAME,
    MAX_MEDIA_BYTES,
    MAX_PENALTY,
    MAX_SCORE,
    MIN_MEDIA_BYTES,
    ORG_SETTINGS_ID,
    PERCENT_FIELDS,
    RULE_FIELDS,
    OrgSettings,
    check_prefix,
    check_title,
    check_zone,
    parse_days,
    rules_problem,
    to_fields,
)
from domain.workcalendar import OfficeHours
from local_db.org_settings import save_org_settings

log = logging.getLogger(__name__)
_DAY_SPLIT = re.compile(r"[\s,，;；、]+")


def _days_text(days: tuple) -> str:
    return ", ".join(d.isoformat() for d in days)


def _number(value: Decimal) -> str:
    """80 (not 80.00), 92.5."""
    return f"{value.normalize():f}"


def rules_in_words(rules: Rules) -> str:
    """What overdue means and who gets the flags and the boards, as the office reads them
    (domain/overdue.py, domain/assessment.py)."""
    line = _number(rules.shame_below)
    lines = [
        QCoreApplication.translate(
            "OrgDialog",
            "Overdue: the due time has passed and no recheck has passed yet (a notice whose "
            "recheck passed and that only waits for 销号 is not overdue). Each notice overdue "
            "or rectified late costs {penalty} points.",
        ).format(penalty=_number(rules.overdue_penalty)),
        QCoreApplication.translate(
            "OrgDialog",
            "Red flag (流动红旗): the best-ranked unit with no overdue notice, an on-time "
            "rectification rate of at least {on_time}% and a rework rate of at most {rework}%; "
            "none that month when no unit qualifies.",
        ).format(on_time=_number(rules.red_on_time_from), rework=_number(rules.red_rework_up_to)),
        QCoreApplication.translate(
            "OrgDialog",
            "Yellow flag (黄旗): the last-ranked unit, only if it scores below {line} points.",
        ).format(line=line),
        QCoreApplication.translate(
            "OrgDialog",
            "Honour list (红榜): the top three ranks (the top half when fewer than six are "
            "ranked).",
        ),
        QCoreApplication.translate(
            "OrgDialog",
            "Black list (黑榜): of the bottom three ranks (the bottom half when fewer than six "
            "are ranked), the units scoring below {line} points.",
        ).format(line=line),
    ]
    return "\n".join(lines)


def _days(text: str) -> tuple:
    """The dates typed ('2026-12-31, 2027-01-02'); ValueError for anything else."""
    listed = [part for part in _DAY_SPLIT.split(text.strip()) if part]
    return parse_days(json.dumps(listed))


class OrgDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(self.tr("Office settings"))
        held = context.org
        me = context.person_id
        person = context.store.row("person", me) if me else None
        self.editable = bool(person and person["role"] == "admin")
        # No record yet: an admin is offered what this laptop kept before (app/shell/org_legacy)
        self.legacy = None if held.held or not self.editable else legacy_org_settings(context.store)
        org = self.legacy or held

        named = held.held or org.office_name != DEFAULT_OFFICE_NAME  # never offer the generic
        self.office = QLineEdit(org.office_name if named else "")
        self.office.setPlaceholderText(self.tr("e.g. 青山县城市管理督查办公室"))
        self.phone = QLineEdit(org.office_phone)
        self.address = QLineEdit(org.office_address)
        self.prefix = QLineEdit(org.notice_prefix)
        self.prefix.setToolTip(self.tr("Official notice numbers read e.g. 督改〔2026〕第0123号"))
        self.hours = QLineEdit(org.office_hours)
        self.zone = QComboBox()
        self.zone.setEditable(True)
        for name in (OFFICE_TZ_DEFAULT, "Asia/Urumqi", "UTC"):
            self.zone.addItem(name)
        self.zone.setCurrentText(org.time_zone)
        self.holidays = QLineEdit(_days_text(org.extra_holidays))
        self.holidays.setPlaceholderText(self.tr("e.g. 2026-12-31, 2027-01-02"))
        self.workdays = QLineEdit(_days_text(org.extra_workdays))
        self.workdays.setPlaceholderText(self.tr("e.g. 2027-01-04"))
        self.rules: dict[str, QDoubleSpinBox] = {}
        for name in RULE_FIELDS:
            box = QDoubleSpinBox()
            box.setRange(0, MAX_PENALTY if name.endswith("penalty") else MAX_SCORE)
            if name in PERCENT_FIELDS:
                box.setRange(0, 100)
                box.setSuffix(" %")
            box.setDecimals(2)
            box.setSingleStep(0.1 if name.endswith("penalty") else 1)
            box.setValue(float(getattr(org.rules, name)))
            box.valueChanged.connect(self._show_rules)
            self.rules[name] = box
        self.rules_words = QLabel()
        self.rules_words.setWordWrap(True)
        self.media_limit = QSpinBox()  # one video or audio recording at most (issue 14)
        self.media_limit.setRange(MIN_MEDIA_BYTES >> 20, MAX_MEDIA_BYTES >> 20)
        self.media_limit.setSuffix(" MB")
        self.media_limit.setSingleStep(256)
        self.media_limit.setValue(org.max_media_bytes >> 20)
        self.title = QLineEdit(org.bulletin_title)
        self.title.setPlaceholderText("{period}城市精细化管理督查通报（第{issue}期）")

        self.changed_by = QLabel(self._changed_by(held))
        self.changed_by.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b91c1c;")

        form_widget = QWidget()
        form = QFormLayout(form_widget)
        form.addRow(self.tr("Office (on notices)"), self.office)
        form.addRow(self.tr("Office phone"), self.phone)
        form.addRow(self.tr("Office address"), self.address)
        form.addRow(self.tr("Notice number prefix"), self.prefix)
        form.addRow(self.tr("Office hours"), self.hours)
        form.addRow(self.tr("Office time zone"), self.zone)
        form.addRow(self.tr("Extra holidays"), self.holidays)
        form.addRow(self.tr("Extra working days"), self.workdays)
        form.addRow(QLabel(self.tr("<b>Monthly assessment</b>")))
        for name, label in (
            ("full_score", self.tr("Full score of an inspection")),
            ("overdue_penalty", self.tr("Points off per notice overdue or rectified late")),
            ("failed_recheck_penalty", self.tr("Points off per failed recheck")),
            ("excellent_from", self.tr("Excellent (优秀) from")),
            ("good_from", self.tr("Good (良好) from")),
            ("pass_from", self.tr("Pass (合格) from")),
            ("shame_below", self.tr("Yellow flag and black list only below")),
            ("red_on_time_from", self.tr("Red flag: on-time rectification rate at least")),
            ("red_rework_up_to", self.tr("Red flag: rework rate at most")),
        ):
            form.addRow(label, self.rules[name])
        form.addRow(self.rules_words)
        self._show_rules()
        form.addRow(self.tr("Bulletin title"), self.title)
        form.addRow(self.tr("Largest video or audio recording"), self.media_limit)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(form_widget)
        # 综合考核: the quarter's and the year's composite assessment (issue 15)
        self.composite = CompositeSettings(org.composite, self.editable)
        composite_scroll = QScrollArea()
        composite_scroll.setWidgetResizable(True)
        composite_scroll.setWidget(self.composite)
        self.tabs = QTabWidget()
        self.tabs.addTab(scroll, self.tr("Office and month"))
        self.tabs.addTab(composite_scroll, self.tr("Composite assessment"))

        if self.editable:
            self.buttons = QDialogButtonBox(
                QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
            )
            self.buttons.accepted.connect(self.save)
        else:
            self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
            self.message.setStyleSheet("")
            self.message.setText(self.tr("Only an administrator changes the office's settings."))
            for field in (
                self.office,
                self.phone,
                self.address,
                self.prefix,
                self.hours,
                self.holidays,
                self.workdays,
                self.title,
            ):
                field.setReadOnly(True)
            self.zone.setEnabled(False)
            for box in self.rules.values():
                box.setReadOnly(True)
            self.media_limit.setReadOnly(True)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.changed_by)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        fit_to_screen(self, 600, 620)

    def _typed_rules(self) -> Rules:
        return Rules(**{k: Decimal(str(round(b.value(), 2))) for k, b in self.rules.items()})

    def _show_rules(self) -> None:
        """The rules in words, as the boxes now say them."""
        self.rules_words.setText(rules_in_words(self._typed_rules()))

    def _changed_by(self, org: OrgSettings) -> str:
        if not org.held and self.legacy is not None:
            return self.tr(
                "Not set up yet: this laptop's earlier settings are filled in; save them to make "
                "them the office's."
            )
        if not org.held:
            return self.tr("Not set up yet: the defaults apply until an administrator saves.")
        when = local_time(org.updated_at)
        if org.updated_by is None:
            return self.tr("Set up on the server on {time}").format(time=when)
        person = self.context.store.row("person", org.updated_by)
        name = person["name"] if person else org.updated_by
        return self.tr("Changed by {name} on {time}").format(name=name, time=when)

    # -- saving ---------------------------------------------------------------------------------
    def _read(self) -> OrgSettings | None:
        """The settings typed, or None with the reason shown."""
        problem = self._problem()
        if problem is not None:
            self.message.setText(problem)
            return None
        rules = self._typed_rules()
        return replace(
            self.legacy or self.context.org,
            office_name=self.office.text().strip(),
            office_phone=self.phone.text().strip(),
            office_address=self.address.text().strip(),
            notice_prefix=self.prefix.text().strip(),
            office_hours=OfficeHours.parse(self.hours.text()).to_text(),
            time_zone=self.zone.currentText().strip(),
            extra_holidays=_days(self.holidays.text()),
            extra_workdays=_days(self.workdays.text()),
            rules=rules,
            bulletin_title=self.title.text().strip(),
            max_media_bytes=self.media_limit.value() << 20,
            composite=self.composite.config(),
        )

    def _problem(self) -> str | None:
        """What is wrong with what was typed, in the user's words (None: nothing)."""
        name = self.office.text().strip()
        if not name or len(name) > 200:
            return self.tr("The office's name is required (at most 200 characters).")
        if len(self.phone.text().strip()) > 40 or len(self.address.text().strip()) > 200:
            return self.tr("The phone is at most 40 characters, the address at most 200.")
        try:
            check_prefix(self.prefix.text().strip())
        except ValueError:
            return self.tr(
                "The notice number prefix is 1 to 20 characters without digits, spaces or "
                "brackets, and does not start with 临."
            )
        try:
            OfficeHours.parse(self.hours.text())
        except ValueError as error:
            log.info("office hours refused: %s", error)
            return self.tr("Office hours are ranges like 08:30-12:00, 13:30-17:30, in order.")
        zone = self.zone.currentText().strip()
        try:
            check_zone(zone)
        except ValueError:
            return self.tr("Unknown time zone {name}").format(name=zone)
        if not QTimeZone(zone.encode()).isValid():
            return self.tr("Unknown time zone {name}").format(name=zone)
        try:
            holidays, workdays = _days(self.holidays.text()), _days(self.workdays.text())
        except ValueError:
            return self.tr("Dates are written YYYY-MM-DD, separated by commas (at most 400).")
        both = sorted(set(holidays) & set(workdays))
        if both:
            return self.tr("{date} is both an extra holiday and an extra working day.").format(
                date=both[0].isoformat()
            )
        kind = rules_problem(self._typed_rules())
        if kind == "full_score":
            return self.tr("The full score must be above 0.")
        if kind == "penalty":
            return self.tr("Penalties cannot be negative.")
        if kind == "grades":
            return self.tr("Grades must descend: full score ≥ excellent > good > pass ≥ 0.")
        if kind == "flags":
            return self.tr("The yellow flag and black list line must not exceed the full score.")
        try:
            check_title(self.title.text().strip())
        except ValueError:
            return self.tr("The bulletin title may use only {period}, {year}, {month} and {issue}.")
        return self.composite.problem()

    def save(self) -> None:
        settings = self._read()
        if settings is None:
            return
        me = self.context.person_id
        try:  # the contract the server holds it to: what passes here passes there
            OrgSettingsRow.model_validate(
                {
                    "id": ORG_SETTINGS_ID,
                    "created_at": "2026-01-01T00:00:00.000000Z",
                    "updated_at": "2026-01-01T00:00:00.000000Z",
                    "device_id": self.context.store.device_id,
                    "rev": 1,
                    **to_fields(settings),
                    "updated_by": me,
                }
            )
        except ValidationError as error:
            log.warning("office settings refused by the contract: %s", error)
            self.message.setText(self.tr("These settings cannot be saved; the log says why."))
            return
        store = self.context.store
        with store.transaction():
            save_org_settings(store, settings, me)
        self.context.notify()
        self.accept()
