"""The client's log: written in the data folder, free of secrets; an uncaught exception is logged
and told in words; 帮助 → 打开日志文件夹 opens the folder."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QTimer, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox

from app.logs import log_file, start_logging
from app.shell.uncaught import watcher


def _box(qtbot) -> QMessageBox:
    """The box the app shows (it has no parent: it may come from any thread's failure)."""
    watching = watcher()
    assert watching is not None, "the GUI watches for uncaught exceptions"
    qtbot.waitUntil(lambda: watching.box is not None and watching.box.isVisible(), timeout=5000)
    assert watching.box is not None
    return watching.box


def _close(qtbot, box: QMessageBox) -> None:
    box.button(QMessageBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: not box.isVisible())


@pytest.mark.qt_no_exception_capture  # the exception is the point: it must reach our hook
def test_an_uncaught_exception_is_logged_and_told_in_words(qtbot, launch, data_dir):
    window = launch(data_dir)  # in Chinese
    path = log_file(data_dir).resolve()

    def broken() -> None:
        raise RuntimeError("internal detail: row {'name': '张三'}")

    QTimer.singleShot(0, broken)  # a slot that raises, like any bug in a window
    box = _box(qtbot)
    assert box.text() == "程序出了问题。到目前为止的工作都已保存。"
    assert str(path) in box.informativeText() and "日志" in box.informativeText()
    assert "internal detail" not in box.text() + box.informativeText()
    _close(qtbot, box)
    logged = path.read_text(encoding="utf-8")
    assert "uncaught exception" in logged and "RuntimeError" in logged and "broken" in logged
    assert window.isVisible()  # the window goes on


@pytest.mark.qt_no_exception_capture
@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")
def test_an_uncaught_exception_in_a_worker_thread_is_told_too(qtbot, launch, data_dir):
    launch(data_dir)

    def work() -> None:
        raise OSError("disk on fire")

    thread = threading.Thread(target=work, name="import-worker")
    thread.start()
    thread.join()
    box = _box(qtbot)
    assert str(log_file(data_dir).resolve()) in box.informativeText()
    _close(qtbot, box)
    logged = log_file(data_dir).read_text(encoding="utf-8")
    assert "uncaught exception in thread import-worker" in logged and "OSError" in logged


class _FileManager(QObject):
    """Stands where the desktop's file manager would: Qt hands it the URL to open."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[QUrl] = []

    @Slot(QUrl)
    def show(self, url: QUrl) -> None:
        self.opened.append(url)


def test_the_help_menu_opens_the_log_folder(qtbot, launch, data_dir):
    window = launch(data_dir)
    menus = {a.text(): a.menu() for a in window.menuBar().actions()}
    assert "帮助(&H)" in menus
    entries = {a.text(): a for a in menus["帮助(&H)"].actions()}
    assert "打开日志文件夹" in entries
    manager = _FileManager()
    QDesktopServices.setUrlHandler("file", manager, "show")
    try:
        entries["打开日志文件夹"].trigger()
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert [Path(u.toLocalFile()) for u in manager.opened] == [data_dir / "logs"]
    assert (data_dir / "logs" / "ducha.log").is_file()


def test_the_log_file_never_holds_a_password_or_token(tmp_path):
    path = start_logging(tmp_path, "test")
    logging.getLogger("ducha.test").warning(
        "answer %s", {"token": "t0k3n-abcdef", "user": {"id": "0192-person"}}
    )
    logging.getLogger("ducha.test").info("header Authorization: Bearer t0k3n-abcdef")
    text = path.read_text(encoding="utf-8")
    assert "started (test)" in text and "0192-person" in text
    assert "t0k3n-abcdef" not in text
