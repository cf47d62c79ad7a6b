"""单位: the units — add one, rename it, change its kind or parent unit, retire or reinstate it."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLineEdit, QPushButton

from app.admin.api import AdminApi
from app.admin.session import AdminSession
from app.admin.tab import AdminTab, cell, fill_units
from app.admin.texts import active_label, unit_kind_label
from app.context import AppContext
from app.jobs import Task
from domain.vocab import UNIT_KINDS


def local_units(task: Task) -> list[dict[str, Any]]:
    store = task.store
    rows = store.rows("SELECT * FROM unit ORDER BY name")
    counts = dict(
        store.db.execute(
            "SELECT unit_id, count(*) FROM zone WHERE active = 1 GROUP BY unit_id"
        ).fetchall()
    )
    return [
        {
            "id": r["id"],
            "name": r["name"],
            "kind": r["kind"],
            "parent_id": r.get("parent_id"),
            "active": bool(r.get("active", 1)),
            "zones": counts.get(r["id"], 0),
        }
        for r in rows
    ]


class UnitsTab(AdminTab):
    def __init__(self, context: AppContext, session: AdminSession) -> None:
        super().__init__(
            context,
            session,
            [
                self.tr("Unit"),
                self.tr("Kind"),
                self.tr("Parent unit"),
                self.tr("Zones in use"),
                self.tr("State"),
            ],
        )
        self.setObjectName("units")
        self.table.setColumnWidth(0, 260)
        self.table.setColumnWidth(1, 110)
        self.table.setColumnWidth(2, 220)
        self.table.setColumnWidth(3, 90)
        self.name = QLineEdit()
        self.name.setMaxLength(200)
        self.name.setPlaceholderText(self.tr("e.g. 青山县城市管理局"))
        self.name.textChanged.connect(lambda _t: self.update_buttons())
        self.kind = QComboBox()
        for code in UNIT_KINDS:
            self.kind.addItem(unit_kind_label(code), code)
        self.parent_unit = QComboBox()
        self.add_button = QPushButton(self.tr("Add unit"))
        self.add_button.clicked.connect(self.add)
        self.save_button = QPushButton(self.tr("Save changes"))
        self.save_button.setToolTip(
            self.tr("Rename the selected unit, or change its kind or parent")
        )
        self.save_button.clicked.connect(self.save)
        self.retire_button = QPushButton(self.tr("Retire"))
        self.retire_button.clicked.connect(self.toggle_active)
        self.write_buttons = [self.add_button, self.save_button, self.retire_button]
        form = QFormLayout()
        row = QHBoxLayout()
        row.addWidget(self.name, 2)
        row.addWidget(self.kind)
        form.addRow(self.tr("Name and kind"), row)
        form.addRow(self.tr("Parent unit"), self.parent_unit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.retire_button)
        buttons.addStretch(1)
        self.body.addLayout(form)
        self.body.addLayout(buttons)
        self.update_buttons()

    def server_rows(self, api: AdminApi) -> list[dict[str, Any]]:
        return sorted(api.units(), key=lambda u: u["name"])

    def local_rows(self, task: Task) -> list[dict[str, Any]]:
        return local_units(task)

    def show_rows(self, rows: list[dict[str, Any]], online: bool) -> None:
        self.rows = rows
        names = {u["id"]: u["name"] for u in rows}
        self.table.setRowCount(len(rows))
        for r, unit in enumerate(rows):
            self.table.setItem(r, 0, cell(unit["name"], unit))
            self.table.setItem(r, 1, cell(unit_kind_label(unit["kind"])))
            self.table.setItem(r, 2, cell(names.get(unit.get("parent_id") or "", "")))
            self.table.setItem(r, 3, cell(unit.get("zones", 0)))
            self.table.setItem(r, 4, cell(active_label(unit.get("active"))))
        fill_units(self.parent_unit, rows, self.tr("(none: a top unit)"))

    def selection_changed(self) -> None:
        unit = self.selected_row()
        if unit is None:
            return
        self.name.setText(unit["name"])
        self.kind.setCurrentIndex(max(0, self.kind.findData(unit["kind"])))
        self.parent_unit.setCurrentIndex(max(0, self.parent_unit.findData(unit.get("parent_id"))))

    def update_buttons(self) -> None:
        unit = self.selected_row()
        named = bool(self.name.text().strip())
        self.writable(self.add_button, named)
        self.writable(self.save_button, unit is not None and named)
        active = unit is None or bool(unit.get("active", True))
        self.retire_button.setText(self.tr("Retire") if active else self.tr("Reinstate"))
        self.writable(self.retire_button, unit is not None)

    # -- changes -------------------------------------------------------------------------------
    def add(self) -> None:
        name, kind, parent = (
            self.name.text().strip(),
            self.kind.currentData(),
            self.parent_unit.currentData(),
        )
        self.write(
            "add unit",
            lambda api: api.add_unit(name, kind, parent),
            lambda unit: self.tr("Unit {name} added.").format(name=unit["name"]),
        )

    def changes(self, row: dict[str, Any]) -> dict[str, Any]:
        changes: dict[str, Any] = {}
        name = self.name.text().strip()
        if name != row["name"]:
            changes["name"] = name
        if self.kind.currentData() != row["kind"]:
            changes["kind"] = self.kind.currentData()
        if self.parent_unit.currentData() != row.get("parent_id"):
            changes["parent_id"] = self.parent_unit.currentData()
        return changes

    def edit(self, api: AdminApi, row_id: str, changes: dict[str, Any]) -> Any:
        return api.edit_unit(row_id, **changes)

    def saved_text(self, name: str, changes: dict[str, Any]) -> str:
        if list(changes) != ["active"]:
            return self.tr("Unit {name} saved.").format(name=name)
        if changes["active"]:
            return self.tr("Unit {name} is in use again.").format(name=name)
        return self.tr("Unit {name} retired.").format(name=name)
