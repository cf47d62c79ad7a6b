"""The notice story on real windows: issue from a submitted inspection, see it in the list,
record 签收, export it; a changed due time needs a reason; overdue ones are marked."""

from __future__ import annotations

import sqlite3
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from app.notices.acknowledge_dialog import AcknowledgeDialog
from app.photos.importer import import_one
from domain.clock import to_iso
from domain.numbering import device_code
from local_db import inspections as ops
from local_db.notices import events, issue_notice
from local_db.reference import zones
from tests.testdata import PHOTOS
from tests.ui.conftest import UNIT, start_draft, type_text
from tests.ui.test_cli import ducha


def _submitted_with_a_problem(window) -> str:
    store = window.context.store
    row = start_draft(store)
    finding = ops.record_finding(
        store, row["id"], "DL-03", "problem", cases=2, description="路口东北角砂石遗撒约10米"
    )
    import_one(
        store,
        store.path.parent,
        PHOTOS / "gps" / "DSCN0010.jpg",
        inspection_id=row["id"],
        finding_id=finding["id"],
    )
    ops.mark_unanswered_ok(store, row["id"])
    ops.submit_inspection(store, row["id"], actor=None)
    window.context.notify(row["id"])
    return row["id"]


def _ok(dialog):
    return dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)


def test_issue_receive_list_and_export(qtbot, launch, data_dir, tmp_path):
    window = launch(data_dir)
    inspection_id = _submitted_with_a_problem(window)
    editor = window.open_inspection(inspection_id)
    assert editor.notice_button.isVisible()

    dialog = editor.issue_notice()
    assert dialog.unit.currentText() == UNIT  # from the zone
    assert [code for _id, code in dialog.checked()] == ["DL-03"]
    assert "1 张" in dialog.problems.item(0).text()  # its photo
    assert "道路遗撒" in dialog.requirements.toPlainText()
    assert "取最早者" in dialog.due_rule.text()
    with qtbot.waitSignal(dialog.issued) as issued:
        qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)
    notice_id = issued.args[0]

    # The main window shows it in the notices tab, selected, awaiting receipt.
    notices = window.notices
    assert window.tabs.currentWidget() is notices
    qtbot.waitUntil(lambda: not notices.loading())  # the list is read in a job
    row = notices.current()
    assert row["id"] == notice_id
    assert row["number"] == f"临{device_code(window.context.store.device_id)}-0001"
    assert notices.model.index(0, 6).data() == "待签收"
    assert notices.ack_button.isEnabled()

    # 签收 on the spot.
    ack = notices.acknowledge()
    assert isinstance(ack, AcknowledgeDialog)
    qtbot.mouseClick(_ok(ack), Qt.MouseButton.LeftButton)  # no name: refused
    assert "签收人" in ack.message.text()
    type_text(ack.signer, "李建华")
    with qtbot.waitSignal(ack.recorded), qtbot.waitSignal(notices.loaded):
        qtbot.mouseClick(_ok(ack), Qt.MouseButton.LeftButton)
    assert notices.model.index(notices.model.row_of(notice_id), 6).data() == "整改中"
    assert "李建华" in notices.detail.toPlainText()
    assert [e["kind"] for e in events(window.context.store, notice_id)] == [
        "issued",
        "acknowledged",
    ]

    # Export: the PDF's text holds the number, the unit and the problem.
    job = notices.export(".pdf", out=tmp_path / "notice.pdf")
    assert job is not None
    qtbot.waitUntil(lambda: not job.running(), timeout=30_000)
    pdf = job.result
    assert pdf is not None and pdf.exists()
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = "".join(text.split())  # pdftotext breaks long lines
    assert row["number"] in flat and UNIT in flat and "路口东北角砂石遗撒约10米" in flat
    job = notices.export(".docx", out=tmp_path / "notice.docx")
    assert job is not None
    qtbot.waitUntil(lambda: not job.running(), timeout=30_000)
    docx = job.result
    assert docx is not None and docx.stat().st_size > 0
    assert "已保存" in notices.status.text()


def test_a_changed_due_time_needs_a_reason(qtbot, launch, data_dir):
    window = launch(data_dir)
    inspection_id = _submitted_with_a_problem(window)
    dialog = window.open_inspection(inspection_id).issue_notice()
    dialog.set_due(dialog.due.dateTime().addDays(3))
    assert dialog.due_reason.isEnabled()
    qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)
    assert "原因" in dialog.message.text()
    type_text(dialog.due_reason, "涉及占道施工，需协调交警")
    with qtbot.waitSignal(dialog.issued) as issued:
        qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)
    [first] = events(window.context.store, issued.args[0])
    assert first["note"] == "涉及占道施工，需协调交警"


def test_overdue_notices_are_marked_and_filtered(qtbot, launch, data_dir):
    window = launch(data_dir)
    inspection_id = _submitted_with_a_problem(window)
    store = window.context.store
    finding = ops.findings(store, inspection_id)["DL-03"]
    late = issue_notice(
        store,
        inspection_id=inspection_id,
        unit_id=zones(store)[0]["unit_id"],
        finding_ids=[finding["id"]],
        requirements="立即清理",
        issued_at="2026-01-05T01:00:00.000000Z",
        due_at=to_iso(datetime(2026, 1, 6, tzinfo=UTC)),
        issued_by=None,
    )
    window.context.notify()
    notices = window.notices
    with qtbot.waitSignal(notices.loaded):
        notices.overdue.setChecked(True)
    assert notices.model.rowCount() == 1
    assert notices.model.row_data(0)["id"] == late["id"]
    assert "逾期" in notices.model.index(0, 5).data()
    assert notices.model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "逾期 1 份" in notices.count.text()


def test_the_headless_export_command(tmp_path: Path) -> None:
    """`ducha export notice` on the demo store, as the bundle's smoke test runs it."""
    assert ducha("demo", "--data-dir", str(tmp_path), "--today", "2026-11-20").returncode == 0
    with sqlite3.connect(tmp_path / "ducha.sqlite3") as db:
        number = db.execute("SELECT number FROM notice ORDER BY issued_at LIMIT 1").fetchone()[0]
    out = tmp_path / "n.pdf"
    done = ducha("export", "notice", number, "--data-dir", str(tmp_path), "--out", str(out))
    assert done.returncode == 0, done.stderr
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert number in text
    missing = ducha(
        "export", "notice", "临NOPE-0001", "--data-dir", str(tmp_path), "--out", str(out)
    )
    assert missing.returncode == 2 and "临NOPE-0001" in missing.stderr
