"""`ducha login` against the real server: it keeps a token and the server in the app's settings
(QSettings: so here, with Qt), never the password."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.server.conftest import PASSWORD


def test_headless_login_keeps_a_token_not_the_password(server, tmp_path):
    data = tmp_path / "laptop"
    env = {
        **os.environ,
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    command = [sys.executable, "-m", "app.shell.cli", "login", "--data-dir", str(data)]
    command += ["--server", server.base.removesuffix("/api/v1"), "--user", "insp_a"]
    wrong = subprocess.run(command, input="nope\n", capture_output=True, text=True, env=env)
    assert wrong.returncode == 1 and "insp_a" in wrong.stderr
    done = subprocess.run(command, input=PASSWORD + "\n", capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    stored = list(data.glob("*credentials*")) + list((tmp_path / "config").rglob("*.conf"))
    assert stored
    for path in stored:
        assert PASSWORD not in path.read_text(encoding="utf-8")
    conf = next((tmp_path / "config").rglob("*.conf")).read_text(encoding="utf-8")
    assert "insp_a" in conf
