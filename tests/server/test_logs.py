"""The server's log and the client's, around a login: where they are, that they say what
happened, and that neither holds a password or a token."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from app.sync.credentials import load_token
from server.app import version
from tests.server.conftest import PASSWORD, ROOT

WRONG = "not-the-password-42"


def _server_log(server) -> str:
    return (server.data_dir / "logs" / "server.log").read_text(encoding="utf-8")


def test_the_server_logs_in_its_data_directory(server):
    text = _server_log(server)
    assert f"ducha-server init started; data directory {server.data_dir.resolve()}" in text
    port = server.base.split(":")[2].split("/")[0]
    assert f"ducha-server serve started; data directory {server.data_dir.resolve()}" in text
    assert f"ducha-server {version()} starting: http://127.0.0.1:{port}" in text


def test_a_login_leaves_no_password_or_token_in_either_log(server, tmp_path: Path):
    laptop = tmp_path / "laptop"
    url = server.base.removesuffix("/api/v1")
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    command = [sys.executable, "-m", "app.shell.cli", "login", "--data-dir", str(laptop)]
    command += ["--server", url, "--user", "insp_a"]
    for password, code in ((WRONG, 1), (PASSWORD, 0)):
        done = subprocess.run(
            command, input=password + "\n", capture_output=True, text=True, env=env, cwd=ROOT
        )
        assert done.returncode == code, done.stderr
    stored = load_token(laptop, url, "insp_a")
    assert stored is not None
    client = (laptop / "logs" / "ducha.log").read_text(encoding="utf-8")
    assert client.count("started (login)") == 2
    assert f"login to {url} as insp_a failed" in client
    assert f"logged in to {url} as insp_a; token kept in the {stored.where}" in client
    served = _server_log(server)
    assert "login refused: insp_a (bad_credentials)" in served
    assert f"login: insp_a (user {server.users['insp_a']})" in served
    for text in (client, served):
        assert PASSWORD not in text and WRONG not in text and stored.token not in text
