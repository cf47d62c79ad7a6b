"""Review of issue 16 (client): defects found by trying the new code against the real server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from app.sync.credentials import load_token
from tests.server.accounts import fresh_name, ok_cli
from tests.server.conftest import ROOT, Server
from tests.server.conftest import sqlite_server as sqlite_server


def test_headless_login_with_a_one_time_password_keeps_no_token(
    sqlite_server: Server, tmp_path: Path
) -> None:
    server = sqlite_server
    """`ducha login` with a one-time password (a new account, a reset) must not say 'logged in'
    and keep a token the server refuses everything with (403 must_change_password): it says
    the password must be changed first, in the app's Log in… window, and keeps nothing."""
    name = fresh_name("otpcli")
    added = json.loads(
        ok_cli(
            server, "user", "add", name, "--role", "inspector", "--unit", server.units["A"],
            "--one-time-password",
        )
    )  # fmt: skip
    otp = added["one_time_password"]
    laptop = tmp_path / "laptop"
    url = server.base.removesuffix("/api/v1")
    env = {
        **os.environ,
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    command = [sys.executable, "-m", "app.shell.cli", "login", "--data-dir", str(laptop)]
    command += ["--server", url, "--user", name]
    done = subprocess.run(
        command, input=otp + "\n", capture_output=True, text=True, env=env, cwd=ROOT
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "one-time password" in done.stderr and "Log in" in done.stderr, done.stderr
    assert load_token(laptop, url, name) is None
    assert otp not in (laptop / "logs" / "ducha.log").read_text(encoding="utf-8")


SHOTS = Path("/tmp/rev-client-shots")


def test_the_one_time_password_step_is_in_chinese_and_fits(
    qtbot, launch, data_dir: Path, sqlite_server: Server
) -> None:
    from PySide6.QtWidgets import QApplication

    from tests.ui.fit import fit_problems

    server = sqlite_server
    name = fresh_name("otpui")
    added = json.loads(
        ok_cli(
            server, "user", "add", name, "--role", "inspector", "--unit", server.units["A"],
            "--one-time-password",
        )
    )  # fmt: skip
    otp = added["one_time_password"]
    window = launch(data_dir)
    dialog = window.open_login()
    qtbot.waitExposed(dialog)
    dialog.server.setText(server.base.removesuffix("/api/v1"))
    dialog.username.setText(name)
    dialog.password.setText(otp)
    dialog.ok_button.click()
    qtbot.waitUntil(dialog.new_password.isVisible, timeout=30000)
    QApplication.processEvents()
    SHOTS.mkdir(exist_ok=True)
    dialog.grab().save(str(SHOTS / "login-one-time.png"))
    for text in (dialog.ok_button.text(), dialog.message.text(), dialog.new_password_label.text()):
        assert any("\u4e00" <= c <= "\u9fff" for c in text), text
    assert fit_problems(dialog) == []
    dialog.new_password.setText("short")
    dialog.new_password_again.setText("short")
    dialog.ok_button.click()
    assert any("\u4e00" <= c <= "\u9fff" for c in dialog.message.text()), dialog.message.text()
    dialog.new_password.setText("my own secret 7")
    dialog.new_password_again.setText("my own secret 7")
    with qtbot.waitSignal(dialog.logged_in, timeout=30000):
        dialog.ok_button.click()
    log = (data_dir / "logs" / "ducha.log").read_text(encoding="utf-8")
    assert otp not in log and "my own secret 7" not in log


def test_a_password_change_whose_answer_was_lost_still_logs_in(
    qtbot, qapp, tmp_path: Path, sqlite_server: Server
) -> None:
    """The server took the new password but its answer was lost on the way: trying again must
    not end in 'wrong password' (the one-time password no longer works, the new one does)."""
    import threading

    from app.store_setup import open_store
    from app.sync.login_dialog import LoginDialog
    from tests.faults.proxy import FaultProxy

    server = sqlite_server
    name = fresh_name("otplost")
    added = json.loads(
        ok_cli(
            server, "user", "add", name, "--role", "inspector", "--unit", server.units["A"],
            "--one-time-password",
        )
    )  # fmt: skip
    port = int(server.base.rsplit(":", 1)[1].split("/")[0])
    lose = threading.Event()
    lose.set()

    def plan(_method: str, path: str) -> str | None:
        return "drop_after" if lose.is_set() and path.endswith("/auth/change-password") else None

    store = open_store(tmp_path / "laptop")
    try:
        with FaultProxy(port, plan) as proxy:
            dialog = LoginDialog(store)
            qtbot.addWidget(dialog)
            dialog.show()
            dialog.server.setText(proxy.base.removesuffix("/api/v1"))
            dialog.username.setText(name)
            dialog.password.setText(added["one_time_password"])
            dialog.ok_button.click()
            qtbot.waitUntil(dialog.new_password.isVisible, timeout=30000)
            dialog.new_password.setText("my own secret 8")
            dialog.new_password_again.setText("my own secret 8")
            dialog.ok_button.click()
            qtbot.waitUntil(lambda: dialog.ok_button.isEnabled(), timeout=60000)
            lose.clear()  # the answer was lost; the network is back
            with qtbot.waitSignal(dialog.logged_in, timeout=30000):
                dialog.ok_button.click()
    finally:
        store.close()
