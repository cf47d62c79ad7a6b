"""问题来源 on an office laptop, as the user sees it: a hotline export with a bad date is refused
with its row and column and nothing appears; the corrected file lists its cases; one is 交办 to
the unit (a notice with the hotline as its source and the rule's due time), one merged into it,
one not accepted — only with a reason."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt

from app.store_setup import open_store
from domain.cases import case_due
from domain.clock import from_iso
from local_db.notices import list_notices
from tests.testdata import PHOTOS
from tests.ui.conftest import UNIT, close_window, type_text

HEADER = "工单号,受理时间,地址,问题描述,照片\n"


def _office(folder: Path) -> None:
    store = open_store(folder)
    with store.transaction():
        me = store.save("person", {"name": "赵主任", "role": "reviewer"})
        store.set_meta("local_person_id", me["id"])
    store.close()


def _cells(dialog) -> list[list[str]]:
    table = dialog.table
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def _row_of(dialog, ticket: str) -> int:
    return next(r for r, cells in enumerate(_cells(dialog)) if cells[0] == ticket)


def test_import_and_triage_in_the_cases_window(qtbot, launch, data_dir: Path, tmp_path: Path):
    _office(data_dir)
    window = launch(data_dir, "en")
    assert window.cases_action.isVisible()
    dialog = window.open_cases()
    qtbot.waitUntil(lambda: dialog.job is not None and not dialog.job.running())
    assert dialog.table.rowCount() == 0

    export = tmp_path / "export"
    export.mkdir()
    bad = export / "12345.csv"
    bad.write_text(
        HEADER
        + "GD1,2026-11-20 09:30,人民路12号,店外占道经营,\n"
        + "GD2,2026-13-01,人民路13号,垃圾满溢,\n",
        encoding="utf-8",
    )
    with qtbot.waitSignal(dialog.finished_work, timeout=20_000):
        dialog.import_file(bad)
    assert "Nothing was imported" in dialog.status.text()
    assert "row 3, column 受理时间: '2026-13-01' is not a date" in dialog.status.text()
    qtbot.waitUntil(lambda: not dialog.job.running())
    assert dialog.table.rowCount() == 0  # nothing of the file was applied

    shutil.copy(PHOTOS / "gps" / "DSCN0012.jpg", export / "GD1.jpg")
    bad.write_text(
        HEADER
        + "GD1,2026-11-20 09:30,人民路12号,店外占道经营,GD1.jpg\n"
        + "GD2,2026-11-20 10:30,人民路13号,占道经营（同一店铺）,\n"
        + "GD3,2026-11-21 08:00,小区内,物业管理问题,\n",
        encoding="utf-8",
    )
    with qtbot.waitSignal(dialog.loaded, timeout=20_000):
        dialog.import_file(bad)
    assert dialog.status.text() == "Imported 3 case(s)"
    cells = {c[0]: c for c in _cells(dialog)}
    assert cells["GD1"][2:4] == ["12345 hotline", "2026-11-20 09:30"]
    assert {c[1] for c in cells.values()} == {"Pending"}

    # 交办: to the unit, due by the hotline's rule
    dialog.table.selectRow(_row_of(dialog, "GD1"))
    assert "店外占道经营" in dialog.case_text.text()
    assert dialog.photos.isVisible() and dialog.photos.count() == 1  # the case's photo
    assert dialog.unit.currentText() == UNIT
    assert dialog.assign_button.isEnabled()
    shown_due = dialog.due.dateTime().toSecsSinceEpoch()
    with qtbot.waitSignal(dialog.loaded, timeout=20_000):
        qtbot.mouseClick(dialog.assign_button, Qt.MouseButton.LeftButton)
    row = _cells(dialog)[_row_of(dialog, "GD1")]
    assert row[1] == "Assigned"
    assert dialog.status.text() == f"GD1: assigned as notice {row[5]}"
    store = window.context.store
    [notice] = list_notices(store)
    assert row[5] == notice["number"]
    assert (notice["source"], notice["inspection_id"], notice["unit_name"]) == (
        "hotline", None, UNIT
    )  # fmt: skip
    assert int(from_iso(notice["due_at"]).timestamp()) == shown_due
    rule = case_due(from_iso(notice["issued_at"]), "hotline", window.context.calendar)
    assert abs(rule.at.timestamp() - shown_due) < 120  # the rule's, as shown when chosen

    # 合并 into that open notice
    dialog.table.selectRow(_row_of(dialog, "GD2"))
    dialog.pages.setCurrentIndex(1)
    assert dialog.notice.currentText().startswith(notice["number"])
    with qtbot.waitSignal(dialog.loaded, timeout=20_000):
        qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    merged = _cells(dialog)[_row_of(dialog, "GD2")]
    assert (merged[1], merged[5]) == ("Merged", notice["number"])
    assert dialog.status.text() == f"GD2: merged into notice {notice['number']}"

    # 不予受理: a reason first
    dialog.table.selectRow(_row_of(dialog, "GD3"))
    dialog.pages.setCurrentIndex(2)
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert dialog.status.text() == "Give the reason the case is not accepted."
    type_text(dialog.reason, "属物业管理范围")
    with qtbot.waitSignal(dialog.loaded, timeout=20_000):
        qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    closed = _cells(dialog)[_row_of(dialog, "GD3")]
    assert (closed[1], closed[5]) == ("Not accepted", "属物业管理范围")
    assert dialog.status.text() == "GD3: not accepted"
    assert not dialog.assign_button.isEnabled()  # triaged once
    dialog.grab().save(str(tmp_path.parent / "cases-window.png"))
    dialog.close()

    # the notice shows where it came from: in the list's state, and its cases in the detail
    window.show_notice(notice["id"])
    view = window.notices
    qtbot.waitUntil(lambda: view.current() is not None and view.current()["id"] == notice["id"])
    state = view.model.index(0, view.model.COLUMNS.index("state")).data()
    source = view.model.index(0, view.model.COLUMNS.index("source")).data()
    assert (state, source) == ("Awaiting receipt", "12345 hotline")
    detail = view.detail.toPlainText()
    assert "12345 hotline" in detail
    assert "GD1" in detail and "店外占道经营" in detail and "GD2" in detail  # merged: listed too
    shown = [row[0]["item_code"] for row in view.before_after.rows]
    assert shown == ["GD1", "GD2"]  # each case beside the after-photos to come
    window.grab().save(str(tmp_path.parent / "case-notice-view.png"))
    close_window(window)


def test_a_due_time_other_than_the_rules_needs_its_reason(
    qtbot, launch, data_dir: Path, tmp_path: Path
):
    """As when a notice is issued from an inspection: the office may set another due time for a
    case, saying why; the reason is the notice's 'issued' note."""
    from local_db.notices import events

    _office(data_dir)
    window = launch(data_dir, "en")
    dialog = window.open_cases()
    qtbot.waitUntil(lambda: dialog.job is not None and not dialog.job.running())
    export = tmp_path / "export"
    export.mkdir()
    path = export / "12345.csv"
    path.write_text(HEADER + "GD1,2026-11-20 09:30,人民路12号,店外占道经营,\n", encoding="utf-8")
    with qtbot.waitSignal(dialog.loaded, timeout=20_000):
        dialog.import_file(path)
    dialog.table.selectRow(_row_of(dialog, "GD1"))
    assert not dialog.due_reason.isEnabled()  # the rule's due time: no reason asked
    dialog.due.setDateTime(dialog.due.dateTime().addDays(3))
    assert dialog.due_reason.isEnabled()
    qtbot.mouseClick(dialog.assign_button, Qt.MouseButton.LeftButton)
    assert dialog.status.text() == "Give a reason for changing the due time."
    assert dialog.work is None and list_notices(window.context.store) == []
    type_text(dialog.due_reason, "店主住院，宽限三天")
    with qtbot.waitSignal(dialog.loaded, timeout=20_000):
        qtbot.mouseClick(dialog.assign_button, Qt.MouseButton.LeftButton)
    [notice] = list_notices(window.context.store)
    [issued] = events(window.context.store, notice["id"])
    assert (issued["kind"], issued["note"]) == ("issued", "店主住院，宽限三天")
    dialog.close()
    close_window(window)
