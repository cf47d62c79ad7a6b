"""The sync on real windows against the real server: log in through the dialog, the sync runs
by itself, the status bar says it is done; a server that went away is reported in words and
the work waits."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox

from app.store_setup import open_store
from app.sync.credentials import load_token, save_token
from local_db import inspections as ops
from local_db.reference import local_person_id, set_local_person, zones
from tests.server.conftest import PASSWORD, free_port


def test_log_in_sync_and_see_it_in_the_status_bar(qtbot, launch, server, tmp_path):
    folder = tmp_path / "laptop"
    store = open_store(folder)
    set_local_person(store, "张三")  # the first-run name, before any server
    store.close()
    window = launch(folder)
    assert window.sync_bar.last.text() == "无服务器模式：所有数据保存在本机"  # not logged in yet

    dialog = window.open_login()
    dialog.server.setText(server.base.removesuffix("/api/v1"))
    dialog.username.setText("insp_a")
    dialog.password.setText(PASSWORD)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    with (
        qtbot.waitSignal(
            window.sync.running_changed, timeout=30000, check_params_cb=lambda r: not r
        ),
        qtbot.waitSignal(dialog.logged_in, timeout=30000),
    ):
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert QSettings().value("sync/username") == "insp_a"
    store = window.context.store
    assert server.zones["A"] in {z["id"] for z in zones(store)}  # learned from the server
    assert window.sync_bar.last.text().startswith("上次同步")
    assert window.pending_label.text() == "待同步更改：0 · 照片：0"
    assert not window.sync_bar.error.isVisible()
    # The log says who logged in where and that the sync ran; never the password or token.
    token = load_token(folder, QSettings().value("sync/server"), "insp_a").token
    log = (folder / "logs" / "ducha.log").read_text(encoding="utf-8")
    assert "as insp_a; token kept in the" in log and "sync finished" in log
    assert PASSWORD not in log and token not in log

    # Work done offline: the server is gone; F5 reports it in words, the change waits.
    assert local_person_id(store) == server.users["insp_a"]  # the login made it so
    ops.start_inspection(
        store,
        template_id=server.template_id,
        zone_id=server.zones["A"],
        mode="open",
        person_ids=[local_person_id(store)],
    )
    good = QSettings().value("sync/server")
    dead = f"http://127.0.0.1:{free_port()}"  # where nothing answers, with the same login
    save_token(folder, dead, "insp_a", load_token(folder, good, "insp_a").token)
    QSettings().setValue("sync/server", dead)
    window.sync._soon.stop()
    with qtbot.waitSignal(
        window.sync.running_changed, timeout=30000, check_params_cb=lambda r: not r
    ):
        window.sync_action.trigger()
    assert window.sync_bar.error.isVisible()
    assert window.sync_bar.error.text().startswith("无法连接服务器")
    # in words only; the technical account behind 详细信息 (and in the log)
    assert "Errno" not in window.sync_bar.error.text() and dead not in window.sync_bar.error.text()
    assert window.sync_bar.error_details.isVisible()
    assert window.sync_bar.error_details.text() == "详细信息"
    box = window.sync_bar.show_error_details()
    assert box.text() == window.sync_bar.error.text() and dead in box.detailedText()
    box.close()
    window.sync._failure = None  # as after a restart: the kept message, in the user's language
    window.sync.refresh()
    assert window.sync_bar.error.text().startswith("无法连接服务器")
    assert not window.pending_label.text().startswith("待同步更改：0")

    # The server is back: the next sync sends it all.
    QSettings().setValue("sync/server", good)
    with qtbot.waitSignal(
        window.sync.running_changed, timeout=30000, check_params_cb=lambda r: not r
    ):
        window.sync_action.trigger()
    assert window.pending_label.text() == "待同步更改：0 · 照片：0"
    assert not window.sync_bar.error.isVisible()
