"""The field laptop's login on real windows against the real server (issue 12, finding 6): back
from two days offline, the sync renews the expired token by itself — no login dialog; once an
administrator revoked the laptop, the login dialog appears and says why in Chinese, and logging
in there sends the waiting work; logging out revokes the laptop's login on the server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backends.fail
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from app.store_setup import open_store
from app.sync.account import remember_login
from app.sync.client import SyncClient
from app.sync.credentials import load_token
from local_db import inspections as ops
from local_db.reference import local_person_id
from tests.server.accounts import fresh_user, ok_cli
from tests.server.conftest import PASSWORD
from tests.server.test_refresh import _expire_access, _refresh


@pytest.fixture(autouse=True)
def no_keyring() -> Iterator[None]:
    before = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    yield
    keyring.set_keyring(before)


def _logged_in_folder(server, stem: str, folder: Path) -> tuple[str, str]:
    """A laptop's data folder logged in as a fresh user, as the login dialog leaves it."""
    name = fresh_user(server, stem)
    url = server.base.removesuffix("/api/v1")
    store = open_store(folder)
    client = SyncClient(url)
    try:
        answer = client.login(name, PASSWORD, store.device_id)
        remember_login(store, url, name, None, answer)
    finally:
        client.close()
        store.close()
    return name, url


def _synced(qtbot, window) -> None:
    """Wait for the sync under way (started by itself) to end, then run one more."""
    qtbot.waitUntil(lambda: not window.sync.running(), timeout=30000)
    window.sync._soon.stop()
    with qtbot.waitSignal(
        window.sync.running_changed, timeout=30000, check_params_cb=lambda r: not r
    ):
        window.sync_action.trigger()


def _draft(server, window) -> None:
    store = window.context.store
    ops.start_inspection(
        store,
        template_id=server.template_id,
        zone_id=server.zones["A"],
        mode="open",
        person_ids=[local_person_id(store)],
    )


def test_after_two_days_offline_the_sync_needs_no_login(qtbot, launch, server, tmp_path):
    name, url = _logged_in_folder(server, "fieldui", tmp_path)
    window = launch(tmp_path)
    qtbot.waitUntil(lambda: not window.sync.running(), timeout=30000)
    before = load_token(tmp_path, url, name)
    assert before is not None
    _draft(server, window)  # work done offline
    _expire_access(server, server.users[name])  # two days later

    _synced(qtbot, window)

    assert not window.sync_bar.error.isVisible()  # the old code: "log in again" here
    assert window.pending_label.text() == "待同步更改：0 · 照片：0"
    assert window.login_dialog is None  # nobody was asked for the owner's password
    after = load_token(tmp_path, url, name)
    assert after is not None and after.refresh_token != before.refresh_token


def test_a_revoked_laptop_shows_the_login_dialog_with_the_reason(qtbot, launch, server, tmp_path):
    name, url = _logged_in_folder(server, "revokedui", tmp_path)
    window = launch(tmp_path)
    qtbot.waitUntil(lambda: not window.sync.running(), timeout=30000)
    _draft(server, window)
    ok_cli(server, "device", "revoke", window.context.store.device_id)

    _synced(qtbot, window)

    qtbot.waitUntil(lambda: window.login_dialog is not None, timeout=10000)
    dialog = window.login_dialog
    assert dialog.isVisible()
    assert dialog.reason.isVisible()
    assert dialog.reason.text() == "管理员已撤销本机的登录，请重新登录。"
    assert window.sync_bar.error.isVisible()
    assert "管理员已撤销本机的登录" in window.sync_bar.error.text()
    assert "refresh" not in window.sync_bar.error.text()  # no server text reaches the user
    assert not window.pending_label.text().startswith("待同步更改：0")  # the work waits

    # the owner types the password on the dialog: the waiting work goes out
    assert dialog.server.text() == url and dialog.username.text() == name
    dialog.password.setText(PASSWORD)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    with (
        qtbot.waitSignal(
            window.sync.running_changed, timeout=30000, check_params_cb=lambda r: not r
        ),
        qtbot.waitSignal(dialog.logged_in, timeout=30000),
    ):
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert window.pending_label.text() == "待同步更改：0 · 照片：0"
    assert not window.sync_bar.error.isVisible()


def test_log_out_revokes_the_laptops_login(qtbot, launch, server, tmp_path):
    name, url = _logged_in_folder(server, "logoutui", tmp_path)
    window = launch(tmp_path)
    qtbot.waitUntil(lambda: not window.sync.running(), timeout=30000)
    kept = load_token(tmp_path, url, name)
    assert kept is not None and kept.refresh_token
    with qtbot.waitSignal(window.sync.logged_out, timeout=30000):
        window.logout_action.trigger()
    assert load_token(tmp_path, url, name) is None
    assert not window.sync.logged_in()
    refused = _refresh(server, kept.refresh_token, window.context.store.device_id)
    assert refused.status_code == 401
    assert refused.json()["error"]["reason"] == "logged_out"
