"""组织管理 without a server: the menu entry is an admin's only; offline (never logged in, or a
server that is away) every tab says so, its write buttons are disabled, and the lists show what
this laptop's store knows."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.admin.texts import offline_text
from app.admin.window import AdminWindow
from app.settings import SERVER, USERNAME
from app.settings_qt import write
from app.sync.credentials import save_token
from local_db.reference import local_person_id
from local_db.store import Store
from tests.ui.conftest import UNIT, ZONE

SHOTS = Path("/tmp/admin-client-shots")


def make_admin(data_dir: Path) -> None:
    store = Store.open(data_dir)
    with store.transaction():
        person = store.row("person", local_person_id(store))
        assert person is not None
        store.save("person", {**person, "role": "admin"})
    store.close()


def logged_in_admin(data_dir: Path, port: int) -> None:
    """An admin's laptop that saved a login to a server at `port`."""
    make_admin(data_dir)
    server = f"http://127.0.0.1:{port}"
    save_token(data_dir, server, "boss", "a-token")
    write(SERVER, server)
    write(USERNAME, "boss")


@pytest.fixture
def closed_port() -> Iterator[int]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    yield port  # nothing listens there: the connection is refused


def all_read(window: AdminWindow) -> bool:
    return all(tab.job is not None and not tab.job.running() for tab in window.list_tabs())


def check_offline(window: AdminWindow) -> None:
    for tab in window.list_tabs():
        window.tabs.setCurrentWidget(tab)
        assert tab.banner.isVisible(), tab.objectName()
        assert tab.banner.text() == offline_text()
        for button in tab.write_buttons:
            assert not button.isEnabled(), f"{tab.objectName()}: {button.text()}"
    units = [window.units.table.item(r, 0).text() for r in range(window.units.table.rowCount())]
    assert units == [UNIT]
    zones = [window.zones.table.item(r, 0).text() for r in range(window.zones.table.rowCount())]
    assert zones == [ZONE]
    templates = window.templates.table
    assert templates.rowCount() >= 1 and templates.item(0, 1).text() == "1"  # the shipped v1


def test_a_non_admin_has_no_menu_entry(launch, data_dir) -> None:
    window = launch(data_dir)
    assert not window.admin_action.isVisible()


def test_offline_each_tab_says_so_and_writes_nothing(qtbot, launch, data_dir) -> None:
    make_admin(data_dir)
    window = launch(data_dir)
    assert window.admin_action.isVisible()
    admin = window.open_admin()
    qtbot.waitUntil(lambda: all_read(admin), timeout=20000)
    assert admin.session.online is False
    check_offline(admin)
    # the tab's line says why too, in words (no exception text)
    assert "Error" not in admin.units.message.text()
    # 单位设置 opens the office's settings dialog without a server
    admin.tabs.setCurrentWidget(admin.org)
    dialog = admin.org.open_settings()
    qtbot.waitExposed(dialog)
    dialog.close()
    admin.close()


def test_a_server_that_is_away_is_offline_too(qtbot, launch, data_dir, closed_port) -> None:
    logged_in_admin(data_dir, closed_port)
    window = launch(data_dir)
    window.sync.stop_syncing()
    admin = window.open_admin()
    assert admin.session.logged_in()
    qtbot.waitUntil(lambda: all_read(admin), timeout=30000)
    check_offline(admin)
    for tab in admin.list_tabs():
        admin.tabs.setCurrentWidget(tab)
        tab.grab().save(str(SHOTS / f"offline-{tab.objectName()}.png"))
    admin.close()


def test_a_second_menu_click_raises_the_open_window(qtbot, launch, data_dir) -> None:
    make_admin(data_dir)
    window = launch(data_dir)
    window.admin_action.trigger()
    first = window.admin_window
    assert first is not None
    qtbot.waitExposed(first)
    qtbot.waitUntil(lambda: all_read(first), timeout=20000)
    first.showMinimized()
    window.admin_action.trigger()  # 设置 → 组织管理… again
    assert window.admin_window is first
    opened = [w for w in window.findChildren(AdminWindow) if w.isVisible()]
    assert opened == [first]
    assert not first.isMinimized()
    # closed, the next click opens a new one
    first.close()
    qtbot.waitUntil(lambda: window.admin_window is None, timeout=5000)
    window.admin_action.trigger()
    assert window.admin_window is not None and window.admin_window is not first
    qtbot.waitUntil(lambda: all_read(window.admin_window), timeout=20000)
    window.admin_window.close()


def test_units_and_zones_save_and_retire_through_one_method() -> None:
    """单位 and 区域 differ in their form and words only: one save and one retire serve both."""
    from app.admin.tab import AdminTab
    from app.admin.units_tab import UnitsTab
    from app.admin.zones_tab import ZonesTab

    for tab in (UnitsTab, ZonesTab):
        assert tab.save is AdminTab.save and tab.toggle_active is AdminTab.toggle_active


def _on_gui_thread(calls: list[bool], real):  # a spy: calls through, notes the thread
    import threading

    def spy(*args, **kwargs):
        calls.append(threading.current_thread() is threading.main_thread())
        return real(*args, **kwargs)

    return spy


def test_the_saved_login_is_read_off_the_gui_thread(
    qtbot, launch, data_dir, closed_port, monkeypatch
) -> None:
    """The status bar and 组织管理 ask whether this laptop is logged in: the answer is read from
    the keyring on a worker thread at start and login, and kept; logging out clears it."""
    from app.sync import controller

    reads: list[bool] = []
    monkeypatch.setattr(controller, "load_token", _on_gui_thread(reads, controller.load_token))
    logged_in_admin(data_dir, closed_port)
    window = launch(data_dir)
    qtbot.waitUntil(window.sync.logged_in, timeout=10000)
    window.sync.stop_syncing()
    for _ in range(3):
        window.sync.refresh()  # the status bar asks each time
    admin = window.open_admin()
    assert admin.session.logged_in()
    qtbot.waitUntil(lambda: all_read(admin), timeout=30000)
    assert reads and not any(reads), reads
    admin.close()
    with qtbot.waitSignal(window.sync.logged_out, timeout=30000):
        window.sync.log_out()
    assert not window.sync.logged_in()
    assert not any(reads), reads


def test_a_zones_outline_is_decoded_off_the_gui_thread(qtbot, launch, data_dir, monkeypatch):
    """Selecting a zone shows its outline's kind without decoding the GeoJSON on the GUI thread
    (it is read with the rows, on the worker thread)."""
    import json

    from app.admin import zones_tab

    outline = json.dumps(
        {
            "type": "Polygon",
            "coordinates": [[[117.0, 31.0], [117.1, 31.0], [117.1, 31.1], [117.0, 31.0]]],
        }
    )
    make_admin(data_dir)
    store = Store.open(data_dir)
    with store.transaction():
        zone = store.rows("SELECT * FROM zone")[0]
        store.save("zone", {**zone, "geometry": outline})
    store.close()
    decoded: list[bool] = []
    spy = _on_gui_thread(decoded, json.loads)
    real = json.loads
    monkeypatch.setattr(
        zones_tab.json,
        "loads",
        lambda text, *a, **k: (spy if text == outline else real)(text, *a, **k),
    )
    window = launch(data_dir)
    admin = window.open_admin()
    qtbot.waitUntil(lambda: all_read(admin), timeout=20000)
    admin.tabs.setCurrentWidget(admin.zones)
    admin.zones.table.selectRow(0)
    assert admin.zones.outline.text().startswith("Polygon")  # "Polygon（服务器上的）"
    assert decoded and not any(decoded), decoded
    admin.close()
