"""导出到U盘… on a real window of a laptop that synced online with the real server: a stick
that cannot be written says so and that nothing was lost (app/bundle/menu.py); a stick that can
gets the bundle, off the GUI thread."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from app.bundle import keys
from tests.ui.server.logged_in import logged_in_laptop


def test_an_export_that_cannot_be_written_says_nothing_was_lost(qtbot, launch, server, tmp_path):
    data_dir = tmp_path / "laptop"
    logged_in_laptop(server, "insp_a", data_dir)
    window = launch(data_dir, "en")  # logged in: it syncs by itself, registering its key
    store = window.context.store
    qtbot.waitUntil(lambda: bool(store.meta(keys.REGISTERED)), timeout=30000)
    qtbot.waitUntil(lambda: not window.sync.running(), timeout=30000)
    actions = window.bundle_actions

    not_a_folder = tmp_path / "stick.txt"
    not_a_folder.write_text("a file where a folder should be")
    job = actions.export(not_a_folder / "stick")
    assert job is not None and job.running()
    qtbot.waitUntil(lambda: actions.shown is not None and actions.shown.isVisible())
    assert actions.shown.icon() == QMessageBox.Icon.Warning
    assert "Nothing of the bundle was left on the drive" in actions.shown.text()
    assert "Errno" not in actions.shown.text()
    actions.shown.accept()

    actions.shown = None
    stick = tmp_path / "stick"
    actions.export(stick)
    qtbot.waitUntil(lambda: actions.shown is not None and actions.shown.isVisible())
    assert actions.shown.text().startswith("Bundle written:"), actions.shown.text()
    assert [p.suffix for p in stick.iterdir()] == [".bundle"]
    actions.shown.accept()


def test_a_relay_the_server_forbids_is_said_by_name(qtbot, launch, server, tmp_path):
    """导入外业数据包… by a login the server does not let relay (an inspector's: 403): the
    refusal in words, not "something went wrong"."""
    data_dir = tmp_path / "laptop"
    logged_in_laptop(server, "insp_a", data_dir)
    window = launch(data_dir, "en")
    qtbot.waitUntil(lambda: window.sync.logged_in() and not window.sync.running(), timeout=30000)
    actions = window.bundle_actions
    stick = tmp_path / "stick"
    actions.export(stick)
    qtbot.waitUntil(lambda: actions.shown is not None and actions.shown.isVisible())
    actions.shown.accept()
    actions.shown = None

    job = actions.relay(next(stick.iterdir()))
    assert job is not None
    qtbot.waitUntil(lambda: actions.shown is not None and actions.shown.isVisible())
    assert actions.shown.icon() == QMessageBox.Icon.Warning
    assert "the details are in the log file" not in actions.shown.text()
    assert actions.shown.text().startswith("The server refused the request: this account may not")
