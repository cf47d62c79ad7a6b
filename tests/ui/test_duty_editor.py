"""马路办公 in the editor, on real windows: F9 records and cycles the road chief's state, shown on
the action bar and saved at once; Shift+F9 makes the selected site photo the check's; reopened
the editor shows what was saved; the detail pane shows it; grids have no such key."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.inspections.duty_control import duty_button_text, duty_label
from app.store_setup import open_store
from local_db import inspections as ops
from local_db.duty_checks import duty_check
from tests.testdata import PHOTOS
from tests.ui.conftest import CHIEF, new_inspection


def _active(qtbot, editor):
    """The editor in front with the keyboard in its checklist (its shortcuts live)."""
    editor.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.tree)
    return editor


def test_f9_cycles_the_chief_state_saves_it_and_the_reopened_editor_shows_it(
    qtbot, launch, data_dir
):
    window = launch(data_dir)
    editor = _active(qtbot, new_inspection(qtbot, window))
    iid = editor.inspection_id
    button = editor.actions_bar.duty_button
    assert button.isVisible()
    assert button.text() == duty_button_text(CHIEF, None)
    assert CHIEF in button.text() and "(F9)" in button.text()
    assert duty_label(None) in button.text()  # nothing recorded reads 未核实
    assert duty_check(editor.context.store, iid) is None

    seen = []
    for _ in range(3):
        qtbot.keyClick(editor.tree, Qt.Key.Key_F9)
        held = duty_check(editor.context.store, iid)
        seen.append(held["status"])
        assert button.text() == duty_button_text(CHIEF, held["status"])
        assert duty_label(held["status"]) in editor.banner.text()
    assert seen == ["on_duty", "off_duty", "unverified"]
    qtbot.keyClick(editor.tree, Qt.Key.Key_F9)
    qtbot.keyClick(editor.tree, Qt.Key.Key_F9)  # 不在岗
    assert duty_check(editor.context.store, iid)["status"] == "off_duty"

    # the submission banner does not ask for it; the detail pane shows it
    editor.close()
    qtbot.waitUntil(lambda: iid not in window.editors)
    window.detail.show_inspection(iid)
    shown = window.detail.toPlainText()
    assert duty_label("off_duty") in shown and "马路办公" in shown

    again = window.open_inspection(iid)
    qtbot.waitExposed(again)
    _active(qtbot, again)
    assert again.actions_bar.duty_button.text() == duty_button_text(CHIEF, "off_duty")

    # submitted: shown, no longer changed by the key
    ops.mark_unanswered_ok(again.context.store, iid)
    again.submit()
    assert again.locked
    qtbot.keyClick(again.tree, Qt.Key.Key_F9)
    assert duty_check(again.context.store, iid)["status"] == "off_duty"
    assert not again.actions_bar.duty_button.isEnabled()
    assert again.actions_bar.duty_button.text() == duty_button_text(CHIEF, "off_duty")
    assert not again.actions_bar.duty_photo_button.isVisible()


def test_shift_f9_makes_the_selected_site_photo_the_chiefs(qtbot, launch, data_dir):
    editor = _active(qtbot, new_inspection(qtbot, launch(data_dir)))
    iid = editor.inspection_id
    # nothing selected, nothing picked: it says what to do and records nothing
    editor.tray.setVisible(False)
    qtbot.keyClick(editor.tree, Qt.Key.Key_F9, Qt.KeyboardModifier.ShiftModifier)
    assert "Shift+F9" in editor.banner.text()
    assert duty_check(editor.context.store, iid) is None

    with qtbot.waitSignal(editor.import_bar.done, timeout=20000):
        editor.import_files(None, [PHOTOS / "gps" / "DSCN0010.jpg"])
    qtbot.waitUntil(lambda: editor.site_photos.count() == 1)
    editor.site_photos.setCurrentRow(0)
    qtbot.keyClick(editor.tree, Qt.Key.Key_F9, Qt.KeyboardModifier.ShiftModifier)

    held = duty_check(editor.context.store, iid)
    assert held is not None and held["status"] == "unverified"
    assert held["photo_id"] == editor.site_photos.photos[0]["id"]
    assert editor.actions_bar.duty_photo_button.text().startswith("✓")


def test_a_grid_has_no_duty_key(qtbot, launch, data_dir):
    store = open_store(data_dir)
    with store.transaction():
        unit = store.rows("SELECT id FROM unit")[0]["id"]
        store.db.execute("UPDATE zone SET kind = 'grid' WHERE unit_id = ?", [unit])
    store.close()
    editor = _active(qtbot, new_inspection(qtbot, launch(data_dir)))
    assert not editor.actions_bar.duty_button.isVisible()
    assert not editor.actions_bar.duty_photo_button.isVisible()
    qtbot.keyClick(editor.tree, Qt.Key.Key_F9)
    assert duty_check(editor.context.store, editor.inspection_id) is None
