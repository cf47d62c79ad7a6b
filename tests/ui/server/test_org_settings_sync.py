"""Issue 12, finding 5: rules that differed per laptop. An admin saves the office's settings in
单位设置 on one laptop; it syncs; an office PC that still carries its own QSettings-era values
(other rules, other office hours, another zone) syncs too — and both rank the same month the
same, give a notice the same due time, and print the office's name, while the office PC shows
who changed the settings and when."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox

from app.documents.bulletin_export import export_bulletin
from app.labels import local_time
from app.store_setup import open_store
from app.sync.account import remember_login
from app.sync.client import SyncClient
from domain.assessment import Period
from domain.clock import office_zone
from domain.workcalendar import compute_due
from local_db.sync_state import confirm_blobs, sync_status
from tests.core.fixture_month import AS_OF, build, stand_in_originals
from tests.server.conftest import PASSWORD, Server
from tests.server.office import ADMIN_NAME, office_server

OFFICE = "青山县城市管理督查办公室"
NOVEMBER = Period.month(2026, 11)
# What the office PC kept per laptop before the record existed: different in every respect.
OLD_LAPTOP_VALUES = {
    "ui/timezone": "Asia/Urumqi",
    "calendar/office_hours": "07:00-11:00",
    "assessment/overdue_penalty": "0",
    "assessment/excellent_from": "70",
    "assessment/good_from": "60",
    "assessment/pass_from": "50",
}


@pytest.fixture
def office(tmp_path_factory) -> Iterator[Server]:
    with office_server(tmp_path_factory.mktemp("org-ui")) as srv:
        yield srv


def prepared_laptop(folder: Path, server: Server, name: str) -> None:
    """The fixture month on this laptop, as if it had come from the server (nothing of it
    waits to be sent), and a login as `name` kept as the login dialog keeps it."""
    store = open_store(folder)
    build(store)
    with store.transaction():
        store.db.execute("DELETE FROM outbox")
        confirm_blobs(store, [r["sha256"] for r in store.rows("SELECT sha256 FROM photo")])
    base = server.base.removesuffix("/api/v1")
    answer = SyncClient(base).login(name, PASSWORD, store.device_id)
    remember_login(store, base, name, None, answer)
    store.close()


def ranking(qtbot, window) -> list[list[str]]:
    """The 统计通报 tab's table for November, as the window shows it."""
    view = window.assessment
    window.tabs.setCurrentWidget(view)
    view.as_of = AS_OF  # the fixture's dates are worked out as of 5 Dec 2026
    view.set_period(NOVEMBER)
    qtbot.waitUntil(
        lambda: (
            view.result is not None
            and view.result.assessment.period == NOVEMBER
            and not view.job.running()
        ),
        timeout=60000,
    )
    table = view.table
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def synced(qtbot, window) -> None:
    """The window's sync has run to its end (it starts by itself once logged in)."""
    window.sync._soon.stop()
    qtbot.waitUntil(lambda: not window.sync.running(), timeout=30000)
    with qtbot.waitSignal(
        window.sync.running_changed, timeout=30000, check_params_cb=lambda r: not r
    ):
        window.sync_action.trigger()
    status = sync_status(window.context.store)
    assert status.last_error is None and status.pending_changes == 0, status


def test_two_laptops_rank_date_and_print_by_the_offices_record(qtbot, launch, office, tmp_path):
    for key, value in OLD_LAPTOP_VALUES.items():
        QSettings().setValue(key, value)

    # The admin's laptop: 单位设置, saved, synced.
    prepared_laptop(tmp_path / "admin", office, "boss")
    admin = launch(tmp_path / "admin")
    synced(qtbot, admin)
    dialog = admin.open_org_settings()
    assert dialog.editable
    # no record yet: this laptop's earlier values are offered; the admin corrects them
    assert dialog.zone.currentText() == "Asia/Urumqi" and dialog.hours.text() == "07:00-11:00"
    dialog.zone.setCurrentText("Asia/Shanghai")
    dialog.rules["good_from"].setValue(80)
    dialog.rules["pass_from"].setValue(60)
    dialog.office.setText(OFFICE)
    dialog.phone.setText("0719-8123456")
    dialog.address.setText("青山县人民路1号")
    dialog.hours.setText("09:00-12:00, 14:00-18:00")
    dialog.holidays.setText("2026-12-07")
    dialog.rules["overdue_penalty"].setValue(5)
    dialog.rules["excellent_from"].setValue(95)
    dialog.rules["shame_below"].setValue(90)
    dialog.title.setText("青山县{year}年第{issue}期城市管理督查通报")
    assert dialog.media_limit.value() == 2048  # MB: the default limit for one recording
    dialog.media_limit.setValue(512)
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    assert not dialog.isVisible()
    synced(qtbot, admin)
    ranked_by_admin = ranking(qtbot, admin)
    admin_calendar = admin.context.calendar

    # The office PC: logs in as a reviewer, syncs, and uses the record, not its old values.
    prepared_laptop(tmp_path / "office-pc", office, "clerk")
    pc = launch(tmp_path / "office-pc")
    synced(qtbot, pc)
    assert pc.context.org.office_name == OFFICE and pc.context.office_zone == "Asia/Shanghai"
    assert pc.context.org.max_media_bytes == 512 << 20  # recordings above it are refused
    ranked_by_pc = ranking(qtbot, pc)
    assert ranked_by_pc == ranked_by_admin
    by_name = {row[1]: row for row in ranked_by_pc}
    # 95.5 − 0.5 (nothing of A's overdue or late), 优秀 from 95
    assert by_name["城关镇人民政府"][2:4] == ["95.00", "优秀"]
    assert by_name["县交通运输局"][2:4] == ["85.00", "良好"]  # 90 − 5
    assert pc.context.org.rules.shame_below == 90  # the 黑榜 line travelled with the record:
    assert by_name["西城街道办事处"][11] == "黑榜"  # 85, among the bottom three ranks, below 90

    # The same due time: 4 working hours from Friday 16:00 — two that day, Monday is the
    # office's extra holiday, two on Tuesday morning.
    issued = datetime(2026, 12, 4, 16, 0, tzinfo=office_zone())
    due_pc = compute_due(issued, 4, "work_hours", pc.context.calendar).at
    assert due_pc == compute_due(issued, 4, "work_hours", admin_calendar).at
    assert due_pc == datetime(2026, 12, 8, 11, 0, tzinfo=office_zone())

    # Who changed it, and when, on the office PC (read-only there).
    shown = pc.open_org_settings()
    assert not shown.editable and shown.office.text() == OFFICE
    assert shown.media_limit.isReadOnly() and shown.media_limit.value() == 512
    record = pc.context.org
    assert shown.changed_by.text() == f"由 {ADMIN_NAME} 于 {local_time(record.updated_at)} 修改"
    assert re.fullmatch(r"由 王磊 于 \d{4}-\d\d-\d\d \d\d:\d\d 修改", shown.changed_by.text())

    # The office PC prints the office's name and title in the bulletin (the month's photos are
    # rows with made-up hashes: stand-ins take their place, as in the layout tests).
    stand_in_originals(pc.context.store)
    pdf = export_bulletin(pc.context.store, NOVEMBER, tmp_path / "通报.pdf", as_of=AS_OF)
    text = re.sub(r"\s+", "", _pdf_text(pdf))
    assert OFFICE in text and "青山县2026年第11期城市管理督查通报" in text


def _pdf_text(pdf: Path) -> str:
    import subprocess

    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    return done.stdout
