"""Starting an inspection: zone (with its unit and road chief), template, mode and inspectors;
or from one of this user's visit-plan assignments (local_db/plan_assignments.py), which fills
in the zone, template and mode."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QRadioButton,
    QWidget,
)

from app.context import AppContext
from app.labels import display_zone, mode_label, zone_kind_label
from app.widgets.screen_fit import fit_to_screen
from domain.vocab import MODES
from local_db import plan_assignments, reference
from local_db.inspections import start_inspection


class NewInspectionDialog(QDialog):
    started = Signal(str)  # the new inspection's id

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.created: dict[str, Any] | None = None
        self.setWindowTitle(self.tr("New inspection"))
        store = context.store
        self._zones = reference.zones(store)
        today = QDateTime.currentDateTime().toTimeZone(display_zone()).date()
        self._assignments = plan_assignments.upcoming(store, today.toString("yyyy-MM-dd"))
        self.assignment = QComboBox()
        self.assignment.addItem(self.tr("None: choose below"), None)
        for a in self._assignments:
            when = self.tr("today") if a["day"] == today.toString("yyyy-MM-dd") else a["day"]
            self.assignment.addItem(
                self.tr("{day}: {zone} ({unit})").format(
                    day=when,
                    zone=a["zone_name"] or self.tr("unknown zone"),
                    unit=a["unit_name"] or "-",
                ),
                a["id"],
            )
        self.assignment.currentIndexChanged.connect(self._from_assignment)

        self.zone = QComboBox()
        self.zone.setEditable(True)  # type to find a zone among hundreds
        self.zone.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.zone.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        self.zone.completer().setCompletionMode(
            self.zone.completer().CompletionMode.PopupCompletion
        )
        for z in self._zones:
            self.zone.addItem(f"{z['name']}（{zone_kind_label(z['kind'])}）", z["id"])
        self.zone.setCurrentIndex(-1)
        self.zone.lineEdit().setPlaceholderText(self.tr("Type to search zones"))
        self.zone_info = QLabel()
        self.zone_info.setWordWrap(True)
        self.zone.currentIndexChanged.connect(self._show_zone)

        self.template = QComboBox()
        for t in reference.templates(store):
            self.template.addItem(f"{t['name']}（v{t['version']}）", t["id"])

        self.modes = QButtonGroup(self)
        mode_row = QHBoxLayout()
        for i, code in enumerate(MODES):
            button = QRadioButton(mode_label(code))
            button.setProperty("mode", code)
            self.modes.addButton(button, i)
            mode_row.addWidget(button)
        self.modes.button(0).setChecked(True)
        mode_box = QWidget()
        mode_box.setLayout(mode_row)
        mode_row.setContentsMargins(0, 0, 0, 0)

        self.inspectors = QListWidget()
        me = context.person_id
        for p in reference.people(store):
            if p["role"] not in ("inspector", "reviewer", "admin"):
                continue
            item = QListWidgetItem(p["name"] + (self.tr(" (me)") if p["id"] == me else ""))
            item.setData(Qt.ItemDataRole.UserRole, p["id"])
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if p["id"] == me else Qt.CheckState.Unchecked)
            if p["id"] == me:
                self.inspectors.insertItem(0, item)
            else:
                self.inspectors.addItem(item)
        self.inspectors.setMaximumHeight(140)

        self.start_time = QLabel(
            QDateTime.currentDateTime().toTimeZone(display_zone()).toString("yyyy-MM-dd HH:mm")
        )

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Start"))
        buttons.accepted.connect(self._start)
        buttons.rejected.connect(self.reject)

        form = QFormLayout(self)
        if self._assignments:  # only when the plan sends this user somewhere
            form.addRow(self.tr("Planned visit"), self.assignment)
        form.addRow(self.tr("Zone"), self.zone)
        form.addRow("", self.zone_info)
        form.addRow(self.tr("Checklist"), self.template)
        form.addRow(self.tr("Mode"), mode_box)
        form.addRow(self.tr("Inspectors"), self.inspectors)
        form.addRow(self.tr("Start time"), self.start_time)
        form.addRow(buttons)
        fit_to_screen(self, 560, 420)

    def _show_zone(self) -> None:
        zone = self.selected_zone()
        if zone is None:
            self.zone_info.clear()
            return
        chief = zone["chief_name"] or self.tr("none")
        phone = f" {zone['chief_phone']}" if zone["chief_phone"] else ""
        self.zone_info.setText(
            self.tr("Responsible unit: {unit}\nRoad chief: {chief}").format(
                unit=zone["unit_name"], chief=chief + phone
            )
        )

    def _from_assignment(self) -> None:
        """Fill in the zone, template and mode of the chosen planned visit."""
        chosen = next(
            (a for a in self._assignments if a["id"] == self.assignment.currentData()), None
        )
        if chosen is None:
            return
        zone = self.zone.findData(chosen["zone_id"])
        if zone >= 0:
            self.zone.setCurrentIndex(zone)
        template = self.template.findData(chosen["template_id"])
        if template >= 0:
            self.template.setCurrentIndex(template)
        for button in self.modes.buttons():
            if button.property("mode") == chosen["mode"]:
                button.setChecked(True)

    def select_assignment(self, index: int) -> None:
        """Choose the index-th planned visit (0: the first), as a user would."""
        self.assignment.setCurrentIndex(index + 1)

    def selected_zone(self) -> dict[str, Any] | None:
        zone_id = self.zone.currentData()
        if self.zone.currentIndex() < 0 or zone_id is None:
            return None
        return next((z for z in self._zones if z["id"] == zone_id), None)

    def select_zone(self, name: str) -> None:
        for i, z in enumerate(self._zones):
            if z["name"] == name:
                self.zone.setCurrentIndex(i)
                return
        raise KeyError(name)

    def checked_inspectors(self) -> list[str]:
        ids = []
        for i in range(self.inspectors.count()):
            item = self.inspectors.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                ids.append(item.data(Qt.ItemDataRole.UserRole))
        return ids

    def _start(self) -> None:
        zone = self.selected_zone()
        problems = []
        if zone is None:
            problems.append(self.tr("Choose the zone you are inspecting."))
        if self.template.currentData() is None:
            problems.append(self.tr("No checklist is installed."))
        people = self.checked_inspectors()
        if not people:
            problems.append(self.tr("Tick at least one inspector."))
        if problems:
            QMessageBox.warning(self, self.tr("Cannot start"), "\n".join(problems))
            return
        assert zone is not None
        me = self.context.person_id
        lead = me if me in people else people[0]
        self.created = start_inspection(
            self.context.store,
            template_id=self.template.currentData(),
            zone_id=zone["id"],
            mode=self.modes.checkedButton().property("mode"),
            person_ids=[lead, *[p for p in people if p != lead]],
            lead_id=lead,
        )
        self.context.notify(self.created["id"])
        self.accept()
        self.started.emit(self.created["id"])
