"""The sync menu's USB-stick entries (app/bundle/menu.py): there, run off the GUI thread, and
what they say is what the user reads. The round trip itself: tests/server/test_bundles.py."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox


def _menu_texts(window) -> list[str]:
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "S&ync")
    menu.aboutToShow.emit()
    return [a.text() for a in menu.actions() if a.isVisible() and not a.isSeparator()]


def test_the_sync_menu_offers_the_stick_and_says_why_a_laptop_cannot_export_yet(
    launch, data_dir: Path, qtbot, tmp_path: Path
):
    window = launch(data_dir, "en")
    texts = _menu_texts(window)
    assert texts == ["Sync", "Export to USB stick…", "Import answer…"]  # no relay: not office
    actions = window.bundle_actions

    job = actions.export(tmp_path / "stick")
    assert job is not None and job.running()  # the GUI thread does not wait for it
    qtbot.waitUntil(lambda: actions.shown is not None and actions.shown.isVisible())
    assert actions.shown.icon() == QMessageBox.Icon.Warning
    assert "has not synced online since it logged in" in actions.shown.text()
    assert not (tmp_path / "stick").exists() or not any((tmp_path / "stick").iterdir())
    actions.shown.accept()

    bad = tmp_path / "cut.answer"
    bad.write_bytes(b"PK\x03\x04 not a whole file")
    actions.shown = None
    actions.import_answer(bad)
    qtbot.waitUntil(lambda: actions.shown is not None and actions.shown.isVisible())
    assert "cut.answer: damaged or incomplete" in actions.shown.text()
    actions.shown.accept()
