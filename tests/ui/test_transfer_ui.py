"""延期申请 and 改派 on real windows: the office records the unit's request for more time, sees it
pending in the list, grants it with the date asked pre-filled; records a dispute, then transfers
the notice with the dialog (the new due time shown before confirming); the list and the history
say what happened, with the units by name. An inspector's laptop offers none of it."""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime, timedelta

from app.notices.labels import pending_label, state_label
from domain.clock import to_iso
from local_db.notices import events, status
from local_db.reference import local_person_id
from local_db.unit_events import record_dispute
from tests.ui.conftest import UNIT, type_text
from tests.ui.test_follow_up import _notice

EAST = "城东街道办事处"


def _as_office(window) -> None:
    store = window.context.store
    store.save("person", {"id": local_person_id(store), "role": "reviewer"})
    store.save("unit", {"name": EAST, "kind": "street_office"})
    window.context.notify()


def _state_text(notices) -> str:
    row = notices.model.row_of(notices.current()["id"])
    return notices.model.index(row, notices.model.COLUMNS.index("state")).data()


def _history(notices) -> str:
    return notices.detail.toPlainText()


def test_extension_request_then_granted_and_a_transfer(qtbot, launch, data_dir, tmp_path):
    window = launch(data_dir)
    now = datetime.now(UTC)
    notice = _notice(window, due=now + timedelta(days=2), issued=now - timedelta(hours=3))
    notices = window.notices
    with qtbot.waitSignal(notices.loaded):
        window.tabs.setCurrentWidget(notices)
    assert notices.select_notice(notice["id"])
    # an inspector's laptop: the buttons are there, disabled, and say why
    asking = notices.unit_buttons["extension_requested"]
    assert asking.isVisible() and not asking.isEnabled() and asking.toolTip()

    with qtbot.waitSignal(notices.loaded):
        _as_office(window)
    assert notices.select_notice(notice["id"])
    assert asking.isEnabled() and not notices.unit_buttons["dispute_refused"].isEnabled()
    store = window.context.store

    # 延期申请: the signer and reason are required
    dialog = notices.unit_event("extension_requested")
    dialog.ok.click()
    assert dialog.message.text() and len(events(store, notice["id"])) == 1
    type_text(dialog.reason, "雨天无法施工，申请延期")
    dialog.ok.click()
    assert len(events(store, notice["id"])) == 1  # who asked is still missing
    type_text(dialog.signer, "王科长")
    asked = dialog.asked_due.dateTime().addDays(3)
    dialog.asked_due.setDateTime(asked)
    with qtbot.waitSignal(dialog.recorded), qtbot.waitSignal(notices.loaded):
        dialog.ok.click()
    assert notices.select_notice(notice["id"])
    assert pending_label(notices.current()) in _state_text(notices)
    assert _state_text(notices).startswith(state_label("issued"))
    assert not asking.isEnabled() and asking.toolTip()  # one pending request at a time
    assert "王科长" in _history(notices) and "雨天无法施工，申请延期" in _history(notices)

    # the grant dialog shows the request and pre-fills the date asked
    dialog = notices.follow_up("extension_granted")
    assert "王科长" in dialog.request.text() and dialog.request.isVisible()
    assert dialog.new_due.dateTime().toSecsSinceEpoch() == asked.toSecsSinceEpoch()
    dialog.new_due.setDateTime(asked.addDays(-1))  # the office decides another date
    with qtbot.waitSignal(dialog.recorded), qtbot.waitSignal(notices.loaded):
        dialog.ok.click()
    assert notices.select_notice(notice["id"])
    assert _state_text(notices) == state_label("issued")
    decided = status(store, notice["id"])
    assert decided.pending_extension is None
    assert int(decided.due_at.timestamp()) == asked.addDays(-1).toSecsSinceEpoch()

    # 异议 with the dialog, refused (推诿): the dialog says it counts against the unit
    dialog = notices.unit_event("disputed")
    type_text(dialog.signer, "王科长")
    type_text(dialog.reason, "不是我们的路段")
    with qtbot.waitSignal(dialog.recorded), qtbot.waitSignal(notices.loaded):
        dialog.ok.click()
    assert notices.select_notice(notice["id"])
    assert pending_label(notices.current()) in _state_text(notices)
    refusing = notices.unit_buttons["dispute_refused"]
    assert refusing.isEnabled() and not notices.unit_buttons["disputed"].isEnabled()
    dialog = notices.unit_event("dispute_refused")
    assert UNIT in dialog.warning.text() and dialog.warning.isVisible()
    type_text(dialog.reason, "属本单位责任路段")
    with qtbot.waitSignal(dialog.recorded), qtbot.waitSignal(notices.loaded):
        dialog.ok.click()
    assert notices.select_notice(notice["id"])
    assert _state_text(notices) == state_label("issued") and not refusing.isEnabled()
    assert f"{UNIT}" in _history(notices) and "属本单位责任路段" in _history(notices)
    assert status(store, notice["id"]).refused_disputes == 1

    # another 异议, then 改派 with the dialog
    record_dispute(store, notice["id"], signer="李主任", reason="路段已移交城东", actor=None)
    with qtbot.waitSignal(notices.loaded):
        window.context.notify()
    assert notices.select_notice(notice["id"])
    assert notices.current()["pending_dispute"]
    assert notices.unit_buttons["dispute_refused"].isEnabled()
    dialog = notices.unit_event("transferred")
    assert dialog.to_unit.currentText() == EAST  # the current unit is not offered
    assert dialog.due_rule.text()  # the new due time, shown before confirming
    shown_due = dialog.new_due.dateTime()
    assert shown_due > dialog.at.dateTime()
    type_text(dialog.reason, "该路段已移交城东街道管理")
    with qtbot.waitSignal(dialog.recorded), qtbot.waitSignal(notices.loaded):
        dialog.ok.click()
    assert notices.select_notice(notice["id"])
    current = notices.current()
    assert current["unit_name"] == EAST and current["number"] == notice["number"]
    assert _state_text(notices) == state_label("issued")  # the new unit signs for it
    assert to_iso(status(store, notice["id"]).due_at)[:16] == current["current_due_at"][:16]
    assert notices.ack_button.isVisible()
    history = _history(notices)
    assert f"{UNIT} → {EAST}" in history and "该路段已移交城东街道管理" in history
    assert "李主任" in history
    row = notices.model.row_of(notice["id"])
    unit_cell = notices.model.index(row, notices.model.COLUMNS.index("unit_name")).data()
    assert unit_cell == EAST
    assert not notices.unit_buttons["dispute_refused"].isEnabled()  # settled by the transfer

    # the notice document addresses the new unit and says whence it came
    out = tmp_path / "transferred.pdf"
    job = notices.export(".pdf", out=out)
    with qtbot.waitSignal(job.done, timeout=60_000):
        pass
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    flat = "".join(text.split())
    assert f"{EAST}：" in flat or f"{EAST}:" in flat
    assert f"本通知原由{UNIT}办理" in flat and "改派原因：该路段已移交城东街道管理" in flat
