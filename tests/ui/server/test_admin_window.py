"""组织管理 against the real server: an admin's laptop adds a unit and a zone (seen in the lists,
and in the laptop's store after the sync that follows), disables a user (who can no longer log
in), resets a password (the one-time password shown once), imports a bad workbook (every problem
named by item) and publishes a good one (in the versions list, and on the laptop), retires a zone
(gone from the new-inspection zone picker). The login dialog makes a user with a one-time
password choose a new one. Screenshots of each tab go to /tmp/admin-client-shots."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox

from app.admin.texts import active_label, device_state_label, enabled_label, refusal_text
from app.admin.window import AdminWindow
from app.inspections.new_dialog import NewInspectionDialog
from app.store_setup import open_store
from app.sync.account import remember_login
from app.sync.client import SyncClient
from app.sync.login_dialog import LoginDialog
from local_db.store import Store
from tests.core.test_template_file import row, workbook
from tests.server.conftest import PASSWORD, Server
from tests.server.office import office_server

SHOTS = Path("/tmp/admin-client-shots")
OUTLINE = {
    "type": "Feature",
    "properties": {"name": "解放路"},
    "geometry": {
        "type": "LineString",
        "coordinates": [[117.0101, 36.6601], [117.0202, 36.6633], [117.0305, 36.6650]],
    },
}


@pytest.fixture
def office(request, tmp_path_factory) -> Iterator[Server]:
    """The office's server on SQLite, or on PostgreSQL where a test asks (indirect param)."""
    backend = getattr(request, "param", "sqlite")
    with office_server(tmp_path_factory.mktemp("admin-ui"), backend) as srv:
        yield srv


BOTH = pytest.mark.parametrize("office", ["sqlite", "postgresql"], indirect=True)


def base_of(server: Server) -> str:
    return server.base.removesuffix("/api/v1")


def laptop(folder: Path, server: Server, name: str = "boss") -> Path:
    """A laptop logged in as `name`, as the login dialog leaves it."""
    store = open_store(folder)
    answer = SyncClient(base_of(server)).login(name, PASSWORD, store.device_id)
    remember_login(store, base_of(server), name, None, answer)
    store.close()
    return folder


def synced(qtbot, window) -> None:
    qtbot.waitUntil(lambda: not window.sync.running(), timeout=60000)


def opened_admin(qtbot, launch, folder: Path) -> tuple[object, AdminWindow]:
    window = launch(folder)
    synced(qtbot, window)  # the first sync brings the organisation and this user's role
    qtbot.waitUntil(window.admin_action.isVisible, timeout=10000)
    admin = window.open_admin()
    qtbot.waitExposed(admin)
    qtbot.waitUntil(lambda: read(admin), timeout=30000)
    assert admin.session.online is True
    for tab in admin.list_tabs():
        assert not tab.banner.isVisible()
    return window, admin


def read(admin: AdminWindow) -> bool:
    return all(
        tab.job is not None and not tab.job.running() and not (tab.work and tab.work.running())
        for tab in admin.list_tabs()
    )


def column(tab, index: int = 0) -> list[str]:
    return [tab.table.item(r, index).text() for r in range(tab.table.rowCount())]


def row_of(tab, text: str) -> int:
    return column(tab).index(text)


def wrote(qtbot, tab) -> None:
    qtbot.waitUntil(lambda: tab.work is not None and not tab.work.running(), timeout=30000)
    qtbot.waitUntil(lambda: tab.job is not None and not tab.job.running(), timeout=30000)


def in_store(folder: Path, sql: str, *args: object) -> list[dict]:
    store = Store.open(folder)
    try:
        return store.rows(sql, list(args))
    finally:
        store.close()


def shoot(admin: AdminWindow, prefix: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    for index in range(admin.tabs.count()):
        admin.tabs.setCurrentIndex(index)
        admin.grab().save(str(SHOTS / f"{prefix}-{index}.png"))


def test_units_and_zones_reach_the_list_and_the_laptop(qtbot, launch, office, tmp_path) -> None:
    folder = laptop(tmp_path / "laptop", office)
    _window, admin = opened_admin(qtbot, launch, folder)
    units = admin.units
    admin.tabs.setCurrentWidget(units)
    assert "单位A" in column(units), units.message.text()
    units.name.setText("青山街道办事处")
    units.kind.setCurrentIndex(units.kind.findData("street_office"))
    units.add_button.click()
    wrote(qtbot, units)
    assert "青山街道办事处" in column(units), units.message.text()
    assert "青山街道办事处" in units.message.text()
    # the same name again: refused in words
    units.table.clearSelection()
    units.name.setText("青山街道办事处")
    units.add_button.click()
    qtbot.waitUntil(lambda: not units.work.running(), timeout=30000)
    assert units.message.text() == refusal_text("name_taken")
    # 单位A under the new unit, then the new unit under 单位A: a cycle, refused in words
    units.table.selectRow(row_of(units, "单位A"))
    units.parent_unit.setCurrentIndex(units.parent_unit.findText("青山街道办事处"))
    units.save_button.click()
    wrote(qtbot, units)
    assert units.table.item(row_of(units, "单位A"), 2).text() == "青山街道办事处"
    units.table.selectRow(row_of(units, "青山街道办事处"))
    units.parent_unit.setCurrentIndex(units.parent_unit.findText("单位A"))
    units.save_button.click()
    qtbot.waitUntil(lambda: not units.work.running(), timeout=30000)
    assert units.message.text() == refusal_text("parent_cycle")
    # 单位A still has 片区A in use: it cannot be retired
    units.table.selectRow(row_of(units, "单位A"))
    units.retire_button.click()
    qtbot.waitUntil(lambda: not units.work.running(), timeout=30000)
    assert units.message.text() == refusal_text("unit_has_active_zones")

    zones = admin.zones
    admin.tabs.setCurrentWidget(zones)
    qtbot.waitUntil(lambda: zones.unit.findText("青山街道办事处") >= 0, timeout=30000)
    zones.table.clearSelection()
    zones.name.setText("解放路（青年路—文化路）")
    zones.unit.setCurrentIndex(zones.unit.findText("青山街道办事处"))
    zones.chief_name.setText("赵路长")
    zones.chief_phone.setText("13800000042")
    outline = tmp_path / "解放路.geojson"
    outline.write_text(json.dumps(OUTLINE, ensure_ascii=False), encoding="utf-8")
    job = zones.load_file(outline)
    qtbot.waitUntil(lambda: not job.running(), timeout=10000)
    assert "解放路.geojson" in zones.outline.text()
    zones.add_button.click()
    wrote(qtbot, zones)
    assert "解放路（青年路—文化路）" in column(zones), zones.message.text()
    r = row_of(zones, "解放路（青年路—文化路）")
    assert [zones.table.item(r, c).text() for c in (2, 3, 4)] == [
        "青山街道办事处",
        "赵路长",
        "13800000042",
    ]
    # a file that is not an outline: said, naming the file; nothing sent
    bad = tmp_path / "points.geojson"
    bad.write_text('{"type": "Point", "coordinates": [117, 36]}', encoding="utf-8")
    job = zones.load_file(bad)
    qtbot.waitUntil(lambda: not job.running(), timeout=10000)
    assert "points.geojson" in zones.message.text()

    # the sync after the change brings them into this laptop's store
    def arrived() -> bool:
        rows = in_store(
            folder,
            "SELECT z.chief_name, z.geometry, u.name AS unit FROM zone z "
            "JOIN unit u ON u.id = z.unit_id WHERE z.name = ?",
            "解放路（青年路—文化路）",
        )
        return bool(rows) and rows[0]["unit"] == "青山街道办事处" and bool(rows[0]["geometry"])

    qtbot.waitUntil(arrived, timeout=60000)
    shoot(admin, "online")
    admin.close()


@BOTH
def test_a_retired_zone_leaves_the_new_inspection_picker(qtbot, launch, office, tmp_path) -> None:
    folder = laptop(tmp_path / "laptop", office)
    window, admin = opened_admin(qtbot, launch, folder)
    picker = NewInspectionDialog(window.context, window)
    assert any("片区A" in picker.zone.itemText(i) for i in range(picker.zone.count()))
    picker.close()
    zones = admin.zones
    admin.tabs.setCurrentWidget(zones)
    zones.table.selectRow(row_of(zones, "片区A"))
    assert zones.retire_button.isEnabled()
    zones.retire_button.click()
    wrote(qtbot, zones)
    r = row_of(zones, "片区A")
    assert zones.table.item(r, 6).text() == active_label(False)

    def retired_here() -> bool:
        return in_store(folder, "SELECT active FROM zone WHERE name = ?", "片区A") == [
            {"active": 0}
        ]

    qtbot.waitUntil(retired_here, timeout=60000)
    picker = NewInspectionDialog(window.context, window)
    assert not any("片区A" in picker.zone.itemText(i) for i in range(picker.zone.count()))
    picker.close()
    admin.close()


@BOTH
def test_disable_a_user_and_reset_a_password(qtbot, launch, office, tmp_path, monkeypatch) -> None:
    folder = laptop(tmp_path / "laptop", office)
    _window, admin = opened_admin(qtbot, launch, folder)
    users = admin.users
    admin.tabs.setCurrentWidget(users)
    users.table.selectRow(row_of(users, "insp"))
    assert users.enable_button.isEnabled()
    users.enable_button.click()
    wrote(qtbot, users)
    assert users.table.item(row_of(users, "insp"), 4).text() == enabled_label(False)
    refused = requests.post(
        f"{office.base}/auth/login",
        json={"username": "insp", "password": PASSWORD, "device_id": "dev-insp"},
        timeout=10,
    )
    assert refused.status_code in (401, 403)

    # a new account: in the list, its one-time password shown once
    users.table.clearSelection()
    users.username.setText("zhao")
    users.name.setText("赵新")
    users.role.setCurrentIndex(users.role.findData("inspector"))
    for i in range(users.unit_list.count()):
        if users.unit_list.item(i).text() == "单位A":
            users.unit_list.item(i).setCheckState(Qt.CheckState.Checked)
    users.add_button.click()
    wrote(qtbot, users)
    qtbot.waitUntil(lambda: users.one_time is not None, timeout=30000)
    first = users.one_time
    assert first is not None and len(first.password.text()) >= 12
    r = row_of(users, "zhao")
    assert [users.table.item(r, c).text() for c in (1, 3)] == ["赵新", "单位A"]
    first.close()

    # an admin cannot disable themselves: said in words
    users.table.selectRow(row_of(users, "boss"))
    users.enable_button.click()
    qtbot.waitUntil(lambda: not users.work.running(), timeout=30000)
    assert users.message.text() == refusal_text("self")

    # the reset asks first (a modal question, answered Yes here), then shows the password once
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    users.table.selectRow(row_of(users, "clerk"))
    users.reset_button.click()
    qtbot.waitUntil(lambda: users.one_time is not None, timeout=30000)
    dialog = users.one_time
    qtbot.waitExposed(dialog)
    password = dialog.password.text()
    assert len(password) >= 12
    dialog.copy_button.click()
    from PySide6.QtGui import QGuiApplication

    assert QGuiApplication.clipboard().text() == password
    dialog.grab().save(str(SHOTS / "one-time-password.png"))
    answer = requests.post(
        f"{office.base}/auth/login",
        json={"username": "clerk", "password": password, "device_id": "dev-clerk"},
        timeout=10,
    )
    assert answer.status_code == 200 and answer.json().get("must_change_password") is True
    dialog.close()
    assert users.one_time is None or not users.one_time.password.text()

    # the devices of a user, and one revoked
    users.table.selectRow(row_of(users, "clerk"))
    devices = users.show_devices()
    assert devices is not None
    qtbot.waitUntil(lambda: devices.table.rowCount() >= 1, timeout=30000)
    devices.table.selectRow(0)
    assert devices.revoke_button.isEnabled()
    with qtbot.waitSignal(devices.revoked, timeout=30000):
        devices.revoke_button.click()
    qtbot.waitUntil(
        lambda: devices.table.item(0, 4).text() == device_state_label("revoked"), timeout=30000
    )
    devices.grab().save(str(SHOTS / "devices.png"))
    devices.close()
    admin.close()


def test_template_import_lists_problems_and_publishes(qtbot, launch, office, tmp_path) -> None:
    folder = laptop(tmp_path / "laptop", office)
    _window, admin = opened_admin(qtbot, launch, folder)
    templates = admin.templates
    admin.tabs.setCurrentWidget(templates)
    # a workbook with two bad items: each problem names its item
    bad = workbook(
        tmp_path / "bad.xlsx",
        [row("DL-01"), row("DL-02", 每处扣分=5), row("DL-03", 严重程度="很严重")],
    )
    job = templates.load_file(bad)
    qtbot.waitUntil(lambda: not job.running(), timeout=30000)
    problems = [templates.problems.item(i).text() for i in range(templates.problems.count())]
    assert any("DL-02" in p for p in problems), problems
    assert any("DL-03" in p for p in problems), problems
    assert not templates.publish_button.isEnabled()
    admin.grab().save(str(SHOTS / "template-problems.png"))

    good = workbook(
        tmp_path / "good.xlsx",
        [row("DL-01"), row("DL-02", 编码="DL-02", 问题="路面破损")],
        info=[["名称", "城市精细化管理督查考核细则"], ["版本", 7], ["满分", 100]],
    )
    job = templates.load_file(good)
    qtbot.waitUntil(lambda: not job.running(), timeout=30000)
    assert templates.problems.count() == 0
    assert templates.preview.topLevelItemCount() == 1
    assert templates.preview.topLevelItem(0).childCount() == 2
    assert templates.publish_button.isEnabled()
    templates.publish_button.click()
    wrote(qtbot, templates)
    versions = [
        (templates.table.item(r, 0).text(), templates.table.item(r, 1).text())
        for r in range(templates.table.rowCount())
    ]
    assert ("城市精细化管理督查考核细则", "7") in versions, templates.message.text()
    admin.grab().save(str(SHOTS / "template-published.png"))
    # the same version again: refused in words
    templates.publish_button.click()
    qtbot.waitUntil(lambda: not templates.work.running(), timeout=30000)
    assert templates.message.text() == refusal_text("version_exists")

    def arrived() -> bool:
        return bool(in_store(folder, "SELECT id FROM template WHERE version = 7"))

    qtbot.waitUntil(arrived, timeout=60000)
    # version 1 retired: its row says when; the laptop gets it at the sync that follows
    templates.table.selectRow(versions.index(("城市精细化管理督查考核细则", "1")))
    assert templates.retire_button.isEnabled()
    templates.retire_button.click()
    wrote(qtbot, templates)
    r = [templates.table.item(r, 1).text() for r in range(templates.table.rowCount())].index("1")
    assert templates.table.item(r, 3).text(), templates.message.text()
    assert not templates.retire_button.isEnabled()  # selected again, and retired now

    def retired_here() -> bool:
        rows = in_store(folder, "SELECT retired_at FROM template WHERE version = 1")
        return bool(rows) and rows[0]["retired_at"] is not None

    qtbot.waitUntil(retired_here, timeout=60000)
    admin.close()


def test_a_one_time_password_is_changed_at_login(qtbot, office, tmp_path) -> None:
    boss = office.session("boss")
    reset = boss.post(f"{office.base}/admin/users/{office.users['insp']}/reset-password")
    assert reset.status_code == 200, reset.text
    one_time = reset.json()["one_time_password"]
    store = open_store(tmp_path / "laptop")
    try:
        dialog = LoginDialog(store)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.server.setText(base_of(office))
        dialog.username.setText("insp")
        dialog.password.setText(one_time)
        dialog.ok_button.click()
        qtbot.waitUntil(dialog.new_password.isVisible, timeout=30000)
        dialog.grab().save(str(SHOTS / "login-new-password.png"))
        dialog.new_password.setText("a new secret 42")
        dialog.new_password_again.setText("a new secret 43")
        dialog.ok_button.click()
        assert dialog.message.text() == QCoreApplication.translate(
            "LoginDialog", "The two new passwords differ: type them again."
        )
        dialog.new_password_again.setText("a new secret 42")
        with qtbot.waitSignal(dialog.logged_in, timeout=30000):
            dialog.ok_button.click()
        answer = requests.post(
            f"{office.base}/auth/login",
            json={"username": "insp", "password": "a new secret 42", "device_id": "dev-x"},
            timeout=10,
        )
        assert answer.status_code == 200
        assert not answer.json().get("must_change_password")
    finally:
        store.close()
