"""用户: the accounts — add one (its one-time password shown once), change the role and units,
disable or enable, reset the password, list the devices it signed in from and revoke one."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.admin.api import AdminApi
from app.admin.password_dialog import OneTimePasswordDialog
from app.admin.session import AdminSession
from app.admin.tab import ERROR_STYLE, cell, table
from app.admin.tab import AdminTab as _Tab
from app.admin.texts import device_state_label, enabled_label
from app.admin.zones_tab import local_unit_names
from app.context import AppContext
from app.jobs import Job, Task
from app.labels import local_time, role_label
from app.widgets.screen_fit import fit_to_screen
from domain.vocab import ROLES


class UsersTab(_Tab):
    def __init__(self, context: AppContext, session: AdminSession) -> None:
        super().__init__(
            context,
            session,
            [
                self.tr("User name"),
                self.tr("Name"),
                self.tr("Role"),
                self.tr("Units"),
                self.tr("State"),
                self.tr("Devices"),
            ],
        )
        self.setObjectName("users")
        for column, width in enumerate((130, 110, 90, 300, 110)):
            self.table.setColumnWidth(column, width)
        self.units: list[dict[str, Any]] = []
        self.one_time: OneTimePasswordDialog | None = None  # the last one shown (tests)
        self.devices_dialog: DevicesDialog | None = None
        self.username = QLineEdit()
        self.username.setMaxLength(200)
        self.username.textChanged.connect(lambda _t: self.update_buttons())
        self.name = QLineEdit()
        self.name.setMaxLength(200)
        self.name.textChanged.connect(lambda _t: self.update_buttons())
        self.role = QComboBox()
        for code in ROLES:
            self.role.addItem(role_label(code), code)
        self.unit_list = QListWidget()
        self.unit_list.setMaximumHeight(90)
        self.all_units = QCheckBox(self.tr("All units"))
        self.all_units.toggled.connect(lambda on: self.unit_list.setEnabled(not on))
        self.add_button = QPushButton(self.tr("Add user"))
        self.add_button.clicked.connect(self.add)
        self.save_button = QPushButton(self.tr("Save changes"))
        self.save_button.setToolTip(
            self.tr("A new role or units end the user's logins: they log in again")
        )
        self.save_button.clicked.connect(self.save)
        self.enable_button = QPushButton(self.tr("Disable"))
        self.enable_button.clicked.connect(self.toggle_enabled)
        self.reset_button = QPushButton(self.tr("Reset password…"))
        self.reset_button.clicked.connect(self.reset_password)
        self.devices_button = QPushButton(self.tr("Devices…"))
        self.devices_button.clicked.connect(lambda: self.show_devices())
        self.write_buttons = [
            self.add_button,
            self.save_button,
            self.enable_button,
            self.reset_button,
            self.devices_button,
        ]

        form = QFormLayout()
        names = QHBoxLayout()
        names.addWidget(self.username, 1)
        names.addWidget(QLabel(self.tr("Name")))
        names.addWidget(self.name, 1)
        names.addWidget(QLabel(self.tr("Role")))
        names.addWidget(self.role)
        form.addRow(self.tr("User name"), names)
        units = QHBoxLayout()
        units.addWidget(self.unit_list, 1)
        units.addWidget(self.all_units, 0, Qt.AlignmentFlag.AlignTop)
        form.addRow(self.tr("Units"), units)
        buttons = QHBoxLayout()
        for button in self.write_buttons:
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.body.addLayout(form)
        self.body.addLayout(buttons)
        self.update_buttons()

    def server_rows(self, api: AdminApi) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        return sorted(api.users(), key=lambda u: u["username"]), api.units()

    def local_rows(self, task: Task) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """Offline: no accounts (they are kept on the server only), the units for the form."""
        return [], local_unit_names(task)

    def show_rows(self, rows: Any, online: bool) -> None:
        users, units = rows
        if not online:
            self.say(self.tr("The accounts are kept on the server only: connect to see them."))
        self.rows, self.units = users, units
        names = {u["id"]: u["name"] for u in units}
        self.table.setRowCount(len(users))
        for r, user in enumerate(users):
            unit_names = (
                self.tr("All units")
                if user["all_units"]
                else "、".join(names.get(u, "?") for u in user["units"])
            )
            self.table.setItem(r, 0, cell(user["username"], user))
            self.table.setItem(r, 1, cell(user["name"]))
            self.table.setItem(r, 2, cell(role_label(user["role"])))
            self.table.setItem(r, 3, cell(unit_names))
            state = enabled_label(user["enabled"])
            if user.get("must_change_password"):
                state += self.tr(" (new password due)")
            self.table.setItem(r, 4, cell(state))
            self.table.setItem(r, 5, cell(user.get("devices", 0)))
        chosen = set(self._chosen_units())
        self.unit_list.clear()
        for unit in sorted(units, key=lambda u: u["name"]):
            if not unit.get("active", True) and unit["id"] not in chosen:
                continue
            item = QListWidgetItem(unit["name"])
            item.setData(Qt.ItemDataRole.UserRole, unit["id"])
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if unit["id"] in chosen else Qt.CheckState.Unchecked
            )
            self.unit_list.addItem(item)

    def _chosen_units(self) -> list[str]:
        return [
            self.unit_list.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.unit_list.count())
            if self.unit_list.item(i).checkState() == Qt.CheckState.Checked
        ]

    def selection_changed(self) -> None:
        user = self.selected_row()
        if user is None:
            return
        self.username.setText(user["username"])
        self.name.setText(user["name"])
        self.role.setCurrentIndex(max(0, self.role.findData(user["role"])))
        self.all_units.setChecked(bool(user["all_units"]))
        for i in range(self.unit_list.count()):
            item = self.unit_list.item(i)
            on = item.data(Qt.ItemDataRole.UserRole) in user["units"]
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def update_buttons(self) -> None:
        user = self.selected_row()
        ready = bool(self.username.text().strip() and self.name.text().strip())
        self.writable(self.add_button, ready and (user is None or self._new_username()))
        self.writable(self.save_button, user is not None and ready and not self._new_username())
        enabled = user is None or bool(user.get("enabled", True))
        self.enable_button.setText(self.tr("Disable") if enabled else self.tr("Enable"))
        for button in (self.enable_button, self.reset_button, self.devices_button):
            self.writable(button, user is not None)

    def _new_username(self) -> bool:
        user = self.selected_row()
        return user is None or self.username.text().strip() != user["username"]

    # -- changes -------------------------------------------------------------------------------
    def add(self) -> None:
        username, name = self.username.text().strip(), self.name.text().strip()
        role, units, all_units = (
            self.role.currentData(),
            self._chosen_units(),
            self.all_units.isChecked(),
        )
        self.write(
            "add user",
            lambda api: api.add_user(username, name, role, [] if all_units else units, all_units),
            lambda answer: self.tr("User {user} added.").format(user=answer["user"]["username"]),
            then=lambda answer: self.show_password(
                answer["user"]["username"], answer["one_time_password"]
            ),
        )

    def save(self) -> None:
        user = self.selected_row()
        if user is None:
            return
        changes: dict[str, Any] = {}
        if self.name.text().strip() != user["name"]:
            changes["name"] = self.name.text().strip()
        if self.role.currentData() != user["role"]:
            changes["role"] = self.role.currentData()
        if self.all_units.isChecked() != bool(user["all_units"]):
            changes["all_units"] = self.all_units.isChecked()
        units = [] if self.all_units.isChecked() else self._chosen_units()
        if sorted(units) != sorted(user["units"]):
            changes["units"] = units
        if not changes:
            self.say(self.tr("Nothing changed."))
            return
        self.write(
            "change user",
            lambda api: api.edit_user(user["id"], **changes),
            lambda saved: self.tr("User {user} saved.").format(user=saved["username"]),
        )

    def toggle_enabled(self) -> None:
        user = self.selected_row()
        if user is None:
            return
        enabled = not user.get("enabled", True)
        self.write(
            "enable user",
            lambda api: api.edit_user(user["id"], enabled=enabled),
            lambda saved: (
                self.tr("User {user} is enabled.")
                if enabled
                else self.tr("User {user} is disabled: their logins no longer work.")
            ).format(user=saved["username"]),
        )

    def reset_password(self) -> Job | None:
        user = self.selected_row()
        if user is None:
            return None
        asked = QMessageBox.question(
            self,
            self.tr("Reset password"),
            self.tr(
                "Give {user} a new one-time password? Their current password and logins stop "
                "working."
            ).format(user=user["username"]),
        )
        if asked != QMessageBox.StandardButton.Yes:
            return None
        return self.write(
            "reset password",
            lambda api: {"id": user["id"], "password": api.reset_password(user["id"])},
            lambda _answer: self.tr("The password of {user} was reset.").format(
                user=user["username"]
            ),
            then=lambda answer: self.show_password(user["username"], answer["password"]),
        )

    def show_password(self, username: str, password: str) -> OneTimePasswordDialog:
        dialog = OneTimePasswordDialog(username, password, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda *_: setattr(self, "one_time", None))
        self.one_time = dialog
        dialog.open()
        return dialog

    def show_devices(self) -> DevicesDialog | None:
        user = self.selected_row()
        if user is None:
            return None
        dialog = DevicesDialog(self.session, user, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.revoked.connect(lambda: self.reload())
        dialog.destroyed.connect(lambda *_: setattr(self, "devices_dialog", None))
        self.devices_dialog = dialog
        dialog.open()
        return dialog


class DevicesDialog(QDialog):
    """The devices one user signed in from: when first and last seen, live logins, state; the
    selected one's logins revoked on request."""

    revoked = Signal()
    loaded = Signal()

    def __init__(self, session: AdminSession, user: dict[str, Any], parent: QWidget) -> None:
        super().__init__(parent)
        self.session = session
        self.user = user
        self.job: Job | None = None
        self.setWindowTitle(self.tr("Devices of {user}").format(user=user["username"]))
        self.table = table(
            [
                self.tr("Device"),
                self.tr("First seen"),
                self.tr("Last seen"),
                self.tr("Live logins"),
                self.tr("State"),
            ]
        )
        for column, width in enumerate((220, 130, 130, 80)):
            self.table.setColumnWidth(column, width)
        self.table.itemSelectionChanged.connect(self._update)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.revoke_button = QPushButton(self.tr("Revoke this device's logins"))
        self.revoke_button.clicked.connect(self.revoke)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.revoke_button)
        row.addStretch(1)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(row)
        fit_to_screen(self, 720, 320)
        self._update()
        self.reload()

    def reload(self) -> None:
        user_id = self.user["id"]
        self.job = self.session.call(
            "devices", lambda api: api.devices(user_id), self._show, self._failed
        )

    def _show(self, devices: list[dict[str, Any]]) -> None:
        self.table.setRowCount(len(devices))
        for r, device in enumerate(devices):
            self.table.setItem(r, 0, cell(device["device_id"], device))
            for c, key in ((1, "first_seen"), (2, "last_seen")):
                self.table.setItem(r, c, cell(local_time(device.get(key)) or ""))
            self.table.setItem(r, 3, cell(device.get("live_tokens", 0)))
            self.table.setItem(r, 4, cell(device_state_label(device.get("state", ""))))
        if not devices:
            self.message.setText(self.tr("This user has not signed in from any device yet."))
        self._update()
        self.loaded.emit()

    def _failed(self, _error: BaseException | None, words: str) -> None:
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(words)
        self._update()
        self.loaded.emit()

    def _selected(self) -> dict[str, Any] | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.table.item(rows[0].row(), 0)
        found = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return found if isinstance(found, dict) else None

    def _update(self) -> None:
        device = self._selected()
        self.revoke_button.setEnabled(
            bool(self.session.online) and device is not None and device.get("state") == "active"
        )

    def revoke(self) -> None:
        device = self._selected()
        if device is None:
            return
        user_id, device_id = self.user["id"], device["device_id"]

        def done(count: int) -> None:
            self.message.setStyleSheet("")
            self.message.setText(
                self.tr("Revoked: {n} login(s) of this device no longer work.").format(n=count)
            )
            self.revoked.emit()
            self.reload()

        self.revoke_button.setEnabled(False)
        self.session.call(
            "revoke device",
            lambda api: api.revoke_device(user_id, device_id),
            done,
            self._failed,
        )
