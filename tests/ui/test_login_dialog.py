"""The login dialog asks the server in a job: closed while the server is being asked, it goes at
once, keeps nothing, and its job ends with the request; a server that cannot be reached is said
in words."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog

from app.i18n import install_translator
from app.jobs import running_jobs
from app.sync.credentials import load_token
from app.sync.login_dialog import LoginDialog
from local_db.store import Store


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    opened = Store.open(data_dir)
    yield opened
    opened.close()


@pytest.fixture
def silent_server() -> Iterator[socket.socket]:
    """A port that takes the connection and never answers (closing it resets the line)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    yield listener
    listener.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fill(dialog: LoginDialog, server: str) -> None:
    dialog.server.setText(server)
    dialog.username.setText("insp_a")
    dialog.password.setText("correct horse 1")


def test_closed_while_the_server_is_asked_it_goes_and_keeps_nothing(
    qtbot, store, silent_server
) -> None:
    dialog = LoginDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    port = silent_server.getsockname()[1]
    server = f"http://127.0.0.1:{port}"
    fill(dialog, server)
    dialog.ok_button.click()
    job = dialog.job
    assert job is not None and job.running()

    dialog.reject()  # Cancel: the window goes now, without waiting for the network
    assert not dialog.isVisible()
    assert job.running() and job.cancelled

    with qtbot.waitSignal(dialog.finished) as finished:
        silent_server.close()  # the request fails; the job ends, then the dialog
    assert finished.args == [QDialog.DialogCode.Rejected.value]
    assert running_jobs() == []
    assert load_token(store.path.parent, server, "insp_a") is None
    assert QSettings().value("sync/username") is None


def test_a_server_out_of_reach_is_said_in_words(qtbot, qapp, store) -> None:
    install_translator(qapp, "zh_CN")
    try:
        dialog = LoginDialog(store)
        qtbot.addWidget(dialog)
        dialog.show()
        fill(dialog, f"http://127.0.0.1:{free_port()}")  # nothing listens there
        dialog.ok_button.click()
        assert not dialog.ok_button.isEnabled()
        assert dialog.job is not None
        with qtbot.waitSignal(dialog.job.ended, timeout=20000):
            pass
        assert dialog.message.text() == "登录失败：无法连接服务器，请检查服务器地址和网络。"
        assert dialog.ok_button.isEnabled() and dialog.password.text() == ""
        assert dialog.isVisible()
    finally:
        install_translator(qapp, "en")
