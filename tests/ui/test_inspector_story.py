"""The inspector's story on real windows: start, record, score, submit, locked, correct, restart."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from app.inspections.new_dialog import NewInspectionDialog
from local_db.queries import InspectionFilter, list_inspections
from tests.testdata import PHOTOS
from tests.ui.conftest import CHIEF, UNIT, ZONE, close_window, drop_files, type_text

PHOTO = PHOTOS / "gps" / "DSCN0010.jpg"


def test_inspector_story(qtbot, launch, data_dir):
    window = launch(data_dir)
    assert window.model.rowCount() == 0
    assert window.pending_label.text().startswith("待同步更改：")

    # Start: pick the zone; its unit and road chief show; "me" is preselected.
    window.new_action.trigger()
    dialog = window.findChild(NewInspectionDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.select_zone(ZONE)
    assert UNIT in dialog.zone_info.text() and CHIEF in dialog.zone_info.text()
    assert [dialog.inspectors.item(0).text()] == ["王磊（本人）"]
    assert dialog.inspectors.item(0).checkState() == Qt.CheckState.Checked
    assert dialog.modes.checkedButton().text() == "四不两直"
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    with qtbot.waitSignal(dialog.started) as started:
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    inspection_id = started.args[0]
    editor = window.editors[inspection_id]
    qtbot.waitExposed(editor)
    assert window.model.rowCount() == 1
    assert ZONE in editor.heading.text() and CHIEF in editor.heading.text()
    assert editor.score_label.text() == "得分 100"

    # The checklist by keyboard: "1" marks OK and moves on; "2" marks a problem.
    first = editor.current_item()
    qtbot.keyClick(editor.tree, Qt.Key.Key_1)
    assert editor.current_item() != first and editor.tree.currentItem().text(1) == "未检查"
    assert editor._items[first.code].text(1) == "合格"
    problem_item = editor.current_item()
    qtbot.keyClick(editor.tree, Qt.Key.Key_2)
    assert editor.panel.problem_box.isVisible()
    editor.panel.cases.setValue(3)
    type_text(editor.panel.description, "人民路与建设路交叉口东北角暴露垃圾")
    editor.panel.flush()
    expected = min(problem_item.deduction_per_case * 3, problem_item.max_deduction)
    assert editor._items[problem_item.code].text(2) == f"-{expected:g}"
    assert editor.score_label.text() == f"得分 {100 - expected:g}"

    # Submitting with unanswered items is refused and names them.
    qtbot.mouseClick(editor.submit_button, Qt.MouseButton.LeftButton)
    assert "暂不能提交" in editor.banner.text()
    assert "尚未填写检查结果" in editor.banner.text()

    # The rest OK. The item asks for photo evidence: refused until a photo is dropped onto it.
    qtbot.mouseClick(editor.all_ok_button, Qt.MouseButton.LeftButton)
    assert (
        f"{editor.template.item_count}/{editor.template.item_count}" in editor.progress_label.text()
    )
    if problem_item.photo_required:
        qtbot.mouseClick(editor.submit_button, Qt.MouseButton.LeftButton)
        assert "暂不能提交" in editor.banner.text() and "要求拍照取证" in editor.banner.text()
        assert not editor.locked
    center = QPointF(editor.tree.visualItemRect(editor._items[problem_item.code]).center())
    with qtbot.waitSignal(editor.import_bar.done, timeout=20000):
        drop_files(editor.tree.viewport(), center, [PHOTO])
    assert editor._items[problem_item.code].text(3) == "1"
    qtbot.mouseClick(editor.submit_button, Qt.MouseButton.LeftButton)
    assert "已于" in editor.banner.text() and "提交并锁定" in editor.banner.text()
    assert editor.locked
    digest = editor.header["digest"]
    assert len(digest) == 64

    # Locked: the keyboard and the panel refuse; nothing changes in the store.
    editor.select_item(first.code)
    qtbot.keyClick(editor.tree, Qt.Key.Key_2)
    assert "不能修改" in editor.banner.text()
    assert not editor.panel.results.buttons()[0].isEnabled()
    assert editor.header["digest"] == digest
    assert editor._items[first.code].text(1) == "合格"

    # Correct it: a new draft amending it opens with the findings copied.
    with qtbot.waitSignal(editor.open_inspection) as opened:
        qtbot.mouseClick(editor.correct_button, Qt.MouseButton.LeftButton)
    amendment = window.editors[opened.args[0]]
    assert amendment.header["amends_id"] == inspection_id
    assert "更正此前已提交的督查" in amendment.banner.text()
    assert amendment._items[problem_item.code].text(1) == "问题"
    amendment.set_result(problem_item.code, "problem", cases=1, description="已部分清理，仍有垃圾")
    assert amendment.score_label.text() == f"得分 {100 - problem_item.deduction_per_case:g}"
    amendment.submit()
    assert amendment.locked
    amendment_id = amendment.inspection_id

    # Close the app and start it again: everything is where it was.
    data = window.context.store.path.parent
    close_window(window)
    QApplication.processEvents()
    window = launch(data)
    assert window.model.rowCount() == 2
    rows = {window.model.row_data(r)["id"]: window.model.row_data(r) for r in range(2)}
    assert rows[inspection_id]["status"] == "submitted"
    assert rows[amendment_id]["amends_id"] == inspection_id
    assert window.select_inspection(inspection_id)
    assert "已被后续版本更正" in window.detail.toPlainText()
    assert "人民路与建设路交叉口东北角暴露垃圾" in window.detail.toPlainText()
    assert digest in window.detail.toPlainText()
    reopened = window.open_inspection(inspection_id)
    assert reopened is not None and reopened.locked
    assert reopened.header["digest"] == digest
    stored = list_inspections(window.context.store, InspectionFilter(status="submitted"))
    assert len(stored) == 2
