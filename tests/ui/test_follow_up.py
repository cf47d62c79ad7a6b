"""Notice follow-up on real windows: the overdue view at start-up (by unit, with counts), an
extension that moves the due time, a failed recheck that needs its reason (返工), 销号 and reopen
— every step an event with who and when."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QTimer

from app.notices.overdue_view import OverdueDialog
from app.shell.main_window import MainWindow
from domain.clock import to_iso
from local_db import inspections as ops
from local_db.follow_up import record_recheck, record_rectification
from local_db.notices import events, issue_notice, record_event, status
from local_db.reference import local_person_id, zones
from tests.ui.conftest import UNIT, close_window, type_text
from tests.ui.test_notice_story import _submitted_with_a_problem


def _notice(window: MainWindow, due: datetime, issued: datetime) -> dict:
    inspection_id = _submitted_with_a_problem(window)
    store = window.context.store
    finding = ops.findings(store, inspection_id)["DL-03"]
    notice = issue_notice(
        store,
        inspection_id=inspection_id,
        unit_id=zones(store)[0]["unit_id"],
        finding_ids=[finding["id"]],
        requirements="立即清理",
        issued_at=to_iso(issued),
        due_at=to_iso(due),
        issued_by=local_person_id(store),
    )
    window.context.notify()
    return notice


def test_the_overdue_view_opens_at_start_up_and_leads_to_the_notice(qtbot, launch, data_dir):
    window = launch(data_dir)
    now = datetime.now(UTC)
    late = _notice(window, due=now - timedelta(days=3), issued=now - timedelta(days=5))
    _notice(window, due=now + timedelta(minutes=30), issued=now - timedelta(hours=1))
    _notice(window, due=now + timedelta(days=30), issued=now - timedelta(hours=1))
    close_window(window)

    window = launch(data_dir)  # start-up: something is overdue, so the view shows itself
    qtbot.waitUntil(lambda: window.overdue_dialog is not None and window.overdue_dialog.isVisible())
    dialog = window.overdue_dialog
    assert dialog.units == [
        {"unit_id": dialog.units[0]["unit_id"], "unit_name": UNIT, "overdue": 1, "soon": 1}
    ]
    assert dialog.by_unit.item(0, 0).text() == UNIT and dialog.by_unit.item(0, 1).text() == "1"
    assert dialog.list.rowCount() == 2 and dialog.list.item(0, 0).text() == late["number"]
    assert dialog.summary.text().startswith("1 份逾期，1 份将在一个工作日内到期")
    dialog.list.cellDoubleClicked.emit(0, 0)
    assert window.tabs.currentWidget() is window.notices
    qtbot.waitUntil(lambda: not window.notices.loading())  # the list is read in a job
    assert window.notices.current()["id"] == late["id"]

    dialog.at_start.setChecked(False)  # the user turns it off: next start-up stays quiet
    dialog.close()
    close_window(window)
    window = launch(data_dir)
    after_start_up: list[bool] = []  # queued after the window's start-up timers: runs after them
    QTimer.singleShot(0, lambda: after_start_up.append(True))
    qtbot.waitUntil(lambda: bool(after_start_up))
    assert window.overdue_check is None  # nothing read for it: the user turned it off
    assert window.overdue_dialog is None


def test_the_overdue_view_asked_for_while_start_up_reads_opens_once(qtbot, launch, data_dir):
    """Start-up reads the notices in a job; the user who clicks 逾期… before it ends gets one
    overdue view, not a second one popping up over it when the job ends."""
    window = launch(data_dir)
    now = datetime.now(UTC)
    _notice(window, due=now - timedelta(days=3), issued=now - timedelta(days=5))
    close_window(window)

    window = launch(data_dir)
    window.overdue_action.trigger()  # before the start-up read has ended
    qtbot.waitUntil(  # the start-up read has ended, its outcome delivered
        lambda: window.overdue_check is not None and not window.overdue_check.running()
    )
    shown = [d for d in window.findChildren(OverdueDialog) if d.isVisible()]
    assert shown == [window.overdue_dialog]


def test_extension_rework_close_and_reopen(qtbot, launch, data_dir):
    window = launch(data_dir)
    now = datetime.now(UTC)
    late = _notice(window, due=now - timedelta(hours=2), issued=now - timedelta(days=2))
    notice = _notice(window, due=now + timedelta(hours=2), issued=now - timedelta(days=1))
    notices = window.notices
    with qtbot.waitSignal(notices.loaded):  # the list is read in a job when first shown
        window.tabs.setCurrentWidget(notices)
    store = window.context.store

    # An overdue notice gets no extension: it already went overdue, and that stays counted.
    assert notices.select_notice(late["id"]) and notices.current()["overdue"]
    dialog = notices.follow_up("extension_granted")
    dialog.new_due.setDateTime(dialog.new_due.dateTime().addDays(10))
    dialog.ok.click()
    assert "已逾期" in dialog.message.text() and len(events(store, late["id"])) == 1
    dialog.close()

    # 延期 granted before the due time moves it.
    assert notices.select_notice(notice["id"])
    before = notices.current()["current_due_at"]
    dialog = notices.follow_up("extension_granted")
    dialog.new_due.setDateTime(dialog.new_due.dateTime().addDays(10))
    with qtbot.waitSignal(dialog.recorded), qtbot.waitSignal(notices.loaded):
        dialog.ok.click()
    assert notices.select_notice(notice["id"]) and notices.current()["current_due_at"] > before
    granted = events(store, notice["id"])[-1]
    assert granted["kind"] == "extension_granted" and granted["actor"] == local_person_id(store)

    me = local_person_id(store)
    record_event(store, notice["id"], "acknowledged", actor=me, signer="赵签收")
    record_rectification(store, notice["id"], "已清理", actor=me)
    with qtbot.waitSignal(notices.loaded):
        window.context.notify()

    # 复查不通过 needs its reason; without one nothing is recorded.
    assert notices.select_notice(notice["id"])
    assert notices.current()["state"] == "rectified", notices.current()["state"]
    assert notices.step_buttons["recheck_failed"].isVisible()
    dialog = notices.follow_up("recheck_failed")
    dialog.ok.click()
    assert "请填写" in dialog.message.text() and status(store, notice["id"]).state == "rectified"
    type_text(dialog.note, "路面仍有砂石残留")
    with qtbot.waitSignal(dialog.recorded):
        dialog.ok.click()
    current = status(store, notice["id"])
    assert (current.state, current.failed_rechecks) == ("rework", 1)

    record_rectification(store, notice["id"], "已再次清理并冲洗", actor=me)
    record_recheck(store, notice["id"], True, actor=me)
    record_event(store, notice["id"], "closed", actor=me)
    with qtbot.waitSignal(notices.loaded):
        window.context.notify()
    assert notices.select_notice(notice["id"])
    assert notices.step_buttons["reopened"].isVisible()
    assert not notices.step_buttons["closed"].isVisible()
    dialog = notices.follow_up("reopened")
    type_text(dialog.note, "群众再次投诉")
    with qtbot.waitSignal(dialog.recorded), qtbot.waitSignal(notices.loaded):
        dialog.ok.click()
    assert status(store, notice["id"]).state == "rework"
    kinds = [e["kind"] for e in events(store, notice["id"])]
    assert kinds == [
        "issued",
        "extension_granted",
        "acknowledged",
        "rectified",
        "recheck_failed",
        "rectified",
        "recheck_passed",
        "closed",
        "reopened",
    ]
    assert "群众再次投诉" in notices.detail.toPlainText()
