"""The server's log: where it is and what it says at start. (A login leaving no password or
token in either log: tests/ui/server/test_headless_login.py, since `ducha login` keeps the
server's address in the app's settings, with Qt.)"""

from __future__ import annotations

from server.app import version

WRONG = "not-the-password-42"


def _server_log(server) -> str:
    """The whole log, rotated files first (oldest first): the session's server may have rotated
    it by the time this runs."""
    folder = server.data_dir / "logs"
    rotated = sorted(folder.glob("server.log.*"), key=lambda p: -int(p.suffix[1:]))
    return "".join(p.read_text(encoding="utf-8") for p in [*rotated, folder / "server.log"])


def test_the_server_logs_in_its_data_directory(server):
    text = _server_log(server)
    assert f"ducha-server init started; data directory {server.data_dir.resolve()}" in text
    port = server.base.split(":")[2].split("/")[0]
    assert f"ducha-server serve started; data directory {server.data_dir.resolve()}" in text
    assert f"ducha-server {version()} starting: http://127.0.0.1:{port}" in text
