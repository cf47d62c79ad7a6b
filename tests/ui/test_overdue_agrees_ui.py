"""What the office sees agrees: the 整改通知 list (rows in red, its count), the 逾期提醒 dialog
that opens at start-up and the 统计通报 tab name the same overdue notices — one notice in each
lifecycle state, due before and after now (tests/core/fixture_states.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from domain.clock import utc_now
from local_db.reference import set_local_person
from local_db.store import Store
from tests.core.fixture_states import EXPECTED_OVERDUE, build


def test_the_list_the_overdue_dialog_and_the_assessment_agree(qtbot, launch, tmp_path):
    store = Store.open(tmp_path)
    states = build(store, utc_now())
    set_local_person(store, "王磊", "13900000001")
    store.close()
    window = launch(tmp_path)

    # 逾期提醒 at start-up: its red rows and its count.
    qtbot.waitUntil(lambda: window.overdue_dialog is not None, timeout=10000)
    dialog = window.overdue_dialog
    red = {
        dialog.notices[r]["id"]
        for r in range(dialog.list.rowCount())
        if dialog.list.item(r, 0).foreground().color().name() == "#b91c1c"
    }
    assert states.keys_of(red) == EXPECTED_OVERDUE
    said = [dialog.list.item(r, 4).text() for r in range(dialog.list.rowCount())]
    assert sum(text.startswith("逾期") for text in said) == len(EXPECTED_OVERDUE)
    assert dialog.summary.text().startswith(f"{len(EXPECTED_OVERDUE)} 份")
    dialog.close()

    # 整改通知: the rows shown in red, and the count above the list.
    notices = window.notices
    window.tabs.setCurrentWidget(notices)  # a tab reads the store when first shown
    model = notices.model
    shown_red = {
        model.row_data(r)["id"]
        for r in range(model.rowCount())
        if model.data(model.index(r, 0), Qt.ItemDataRole.ForegroundRole) is not None
    }
    assert states.keys_of(shown_red) == EXPECTED_OVERDUE
    left = model.COLUMNS.index("left")
    said = {
        model.row_data(r)["id"]: model.data(model.index(r, left)) for r in range(model.rowCount())
    }
    assert states.keys_of(i for i, text in said.items() if text.startswith("逾期")) == (
        EXPECTED_OVERDUE
    )
    # A countdown only where the unit still has to act; nothing once it is done or reported.
    assert states.keys_of(i for i, text in said.items() if text.startswith("剩余")) == {
        "issued/future",
        "acknowledged/future",
        "refused_extension/future",
        "rework/future",
        "reopened/future",
        "extended_past_now/past",
    }
    assert notices.count.text() == f"共 21 份通知，逾期 {len(EXPECTED_OVERDUE)} 份"
    notices.overdue.setChecked(True)
    assert states.keys_of(model.row_data(r)["id"] for r in range(model.rowCount())) == (
        EXPECTED_OVERDUE
    )

    # 统计通报 over a span holding every due time: each unit's 逾期 column.
    view = window.assessment
    window.tabs.setCurrentWidget(view)
    view.as_of = states.now
    view.period = lambda: states.period  # the tab's own month picker names a calendar month
    job = view.compute()
    qtbot.waitUntil(lambda: not job.running() and view.result is not None, timeout=20000)
    overdue_column = 9
    units = {v: k for k, v in states.units.items()}
    late = set()
    for r in range(view.table.rowCount()):
        unit_id = view.table.item(r, 0).data(Qt.ItemDataRole.UserRole)
        if unit_id in units and view.table.item(r, overdue_column).text() == "1":
            late.add(units[unit_id])
    assert late == EXPECTED_OVERDUE
