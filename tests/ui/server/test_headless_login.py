"""`ducha login` against the real server: it keeps a token and the server in the app's settings
(QSettings: so here, with Qt), never the password; and neither the laptop's log nor the server's
holds a password or a token."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from app.sync.credentials import load_token
from tests.server.conftest import PASSWORD, ROOT

WRONG = "not-the-password-42"


def test_headless_login_keeps_a_token_and_logs_no_secret(server, tmp_path: Path) -> None:
    laptop = tmp_path / "laptop"
    url = server.base.removesuffix("/api/v1")
    env = {
        **os.environ,
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    command = [sys.executable, "-m", "app.shell.cli", "login", "--data-dir", str(laptop)]
    command += ["--server", url, "--user", "insp_a"]
    wrong = subprocess.run(
        command, input=WRONG + "\n", capture_output=True, text=True, env=env, cwd=ROOT
    )
    assert wrong.returncode == 1 and "insp_a" in wrong.stderr
    done = subprocess.run(
        command, input=PASSWORD + "\n", capture_output=True, text=True, env=env, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr

    stored = load_token(laptop, url, "insp_a")
    assert stored is not None
    kept = list(laptop.glob("*credentials*")) + list((tmp_path / "config").rglob("*.conf"))
    assert kept
    for path in kept:
        assert PASSWORD not in path.read_text(encoding="utf-8")
    conf = next((tmp_path / "config").rglob("*.conf")).read_text(encoding="utf-8")
    assert "insp_a" in conf and url in conf

    client = (laptop / "logs" / "ducha.log").read_text(encoding="utf-8")
    assert client.count("started (login)") == 2
    assert f"login to {url} as insp_a failed" in client
    assert f"logged in to {url} as insp_a; token kept in the {stored.where}" in client
    served = (server.data_dir / "logs" / "server.log").read_text(encoding="utf-8")
    assert "login refused: insp_a (bad_credentials)" in served
    assert f"login: insp_a (user {server.users['insp_a']})" in served
    for text in (client, served):
        assert PASSWORD not in text and WRONG not in text and stored.token not in text
