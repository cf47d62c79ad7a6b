"""Cases from other sources (问题来源) on a real store: a hotline export imported all or nothing
(every refusal names sheet, row and column; a 工单号 already imported is refused by name; GBK
and BOM CSV are read right; photos go through the photo importer bit-exact), then triaged —
交办 makes a notice with the case's source and the rule's due time, 合并 joins an open notice,
不予受理 needs a reason."""

from __future__ import annotations

import hashlib
import shutil
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl
import pytest

from app.cases.case_file import read_case_file
from app.cases.importer import CaseImport, import_cases
from app.photos.blobstore import BlobStore
from domain.cases import case_due
from domain.clock import from_iso
from domain.workcalendar import load_calendar
from local_db.cases import (
    CaseError,
    assign_case,
    cases_on_notice,
    close_case,
    list_cases,
    merge_case,
)
from local_db.notices import list_notices, status
from local_db.store import Store
from tests.core.conftest import install_basics
from tests.testdata import PHOTOS

ROOT = Path(__file__).resolve().parents[2]
HEADER = "工单号,受理时间,地址,问题描述,照片\n"
PHOTO = PHOTOS / "gps" / "DSCN0012.jpg"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    store = Store.open(folder)
    install_basics(store)
    store.close()
    return folder


def _csv(folder: Path, text: str, encoding: str = "utf-8", name: str = "12345.csv") -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


def _texts(outcome: CaseImport) -> list[str]:
    return [f"{p.place} {p.row} {p.column}: {p.message}" for p in outcome.problems]


def _nothing_in(data: Path) -> None:
    store = Store.open(data)
    try:
        assert store.count("problem_case") == 0
        assert store.count("photo") == 0
        assert store.pending_changes() == 4  # the basics only: unit, zone, person, template
    finally:
        store.close()


def test_a_hotline_file_is_imported_with_its_photos_bit_exact(data: Path, tmp_path: Path):
    export = tmp_path / "export"
    export.mkdir()
    shutil.copy(PHOTO, export / "GD1.jpg")
    shutil.copy(PHOTOS / "gps" / "DSCN0010.jpg", export / "GD1b.jpg")
    path = _csv(
        export,
        HEADER
        + "GD20261120001,2026-11-20 09:30,人民路12号,店外占道经营,GD1.jpg；GD1b.jpg\n"
        + "GD20261120002,2026/11/20 10:05,解放街3号,垃圾满溢,\n",
        encoding="utf-8-sig",
    )
    outcome = import_cases(data, path, source="hotline")
    assert outcome.ok, _texts(outcome)
    store = Store.open(data)
    try:
        cases = {c["ticket_no"]: c for c in list_cases(store)}
        first = cases["GD20261120001"]
        assert (first["source"], first["triage"], first["photo_count"]) == ("hotline", "pending", 2)
        assert first["received_at"] == "2026-11-20T01:30:00.000000Z"  # Shanghai time, stored in UTC
        assert first["address"] == "人民路12号" and first["file_name"] == "12345.csv"
        assert first["file_sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
        photo = store.rows("SELECT * FROM photo WHERE original_name = 'GD1.jpg'")[0]
        assert photo["case_id"] == first["id"] and photo["gps_lat"] is not None
        original = BlobStore(data / "blobs").path(photo["sha256"])
        assert original.read_bytes() == PHOTO.read_bytes()
    finally:
        store.close()
    again = import_cases(data, path, source="hotline")  # refused by name, nothing added
    assert again.held == ["GD20261120001", "GD20261120002"]
    store = Store.open(data)
    assert store.count("problem_case") == 2
    store.close()


def test_a_gbk_csv_is_read_right(data: Path, tmp_path: Path):
    line = "随手拍001,2026年11月21日 08:15,东环路路口,车辆乱停放,\n"
    path = _csv(tmp_path / "gbk", HEADER + line, encoding="gbk")
    outcome = import_cases(data, path, source="snapshot")
    assert outcome.ok, _texts(outcome)
    store = Store.open(data)
    [case] = list_cases(store)
    assert (case["ticket_no"], case["address"], case["description"]) == (
        "随手拍001", "东环路路口", "车辆乱停放"
    )  # fmt: skip
    assert case["source"] == "snapshot"
    store.close()


def test_every_problem_is_named_and_nothing_is_applied(data: Path, tmp_path: Path):
    path = _csv(
        tmp_path / "bad",
        HEADER
        + "GD1,2026-11-20 09:30,人民路12号,占道经营,\n"
        + "GD2,2026-13-01,人民路13号,占道经营,\n"  # row 3: no such month
        + "GD1,2026-11-20 10:00,人民路14号,占道经营,\n"  # row 4: GD1 again
        + "GD3,2026-11-20 11:00,人民路15号,占道经营,missing.jpg\n",  # row 5: no such photo
    )
    outcome = import_cases(data, path)
    assert not outcome.ok
    found = {(p.row, p.column, p.message.text.format(**p.message.values)) for p in outcome.problems}
    assert (3, "受理时间", "'2026-13-01' is not a date") in found
    assert (4, "工单号", "'GD1' appears again (first in row 2)") in found
    assert any(row == 5 and col == "照片" and "missing.jpg" in text for row, col, text in found)
    assert len(found) == 3
    assert {str(p.place) for p in outcome.problems} == {"file “12345.csv”"}
    _nothing_in(data)


def test_a_missing_column_is_named(data: Path, tmp_path: Path):
    path = _csv(tmp_path / "cols", "工单号,地址,问题描述\nGD1,人民路,占道\n")
    outcome = import_cases(data, path)
    assert [(p.row, p.column, p.message.text) for p in outcome.problems] == [
        (1, "时间", "the column is missing")
    ]
    _nothing_in(data)


def test_an_xlsx_sheet_with_english_headers(data: Path, tmp_path: Path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "工单"
    sheet.append(["id", "time", "address", "description", "photos"])
    sheet.append([20261120001, datetime(2026, 11, 20, 9, 30), "人民路12号", "占道经营", None])
    sheet.append(["GD9", "yesterday", "人民路13号", "占道经营", None])
    path = tmp_path / "hotline.xlsx"
    book.save(path)
    outcome = import_cases(data, path)
    [problem] = outcome.problems
    assert (str(problem.place), problem.row, problem.column) == ("sheet “工单”", 3, "time")
    _nothing_in(data)
    sheet.delete_rows(3)
    book.save(path)
    outcome = import_cases(data, path)
    assert outcome.ok, _texts(outcome)
    store = Store.open(data)
    [case] = list_cases(store)
    assert case["ticket_no"] == "20261120001"
    assert case["received_at"] == "2026-11-20T01:30:00.000000Z"
    store.close()


def test_a_photo_that_is_not_an_image_refuses_the_file(data: Path, tmp_path: Path):
    export = tmp_path / "export"
    export.mkdir()
    (export / "GD1.jpg").write_bytes(b"not a photo at all")
    path = _csv(export, HEADER + "GD1,2026-11-20 09:30,人民路12号,占道经营,GD1.jpg\n")
    outcome = import_cases(data, path)
    [problem] = outcome.problems
    assert (problem.row, problem.column) == (2, "照片")
    _nothing_in(data)


def _one_case(data: Path, tmp_path: Path, ticket: str = "GD1") -> None:
    path = _csv(tmp_path / ticket, HEADER + f"{ticket},2026-11-20 09:30,人民路12号,占道经营,\n")
    assert import_cases(data, path).ok


def test_triage_assign_merge_close(data: Path, tmp_path: Path):
    for ticket in ("GD1", "GD2", "GD3"):
        _one_case(data, tmp_path, ticket)
    store = Store.open(data)
    try:
        cases = {c["ticket_no"]: c for c in list_cases(store)}
        unit = store.rows("SELECT id FROM unit")[0]["id"]
        zone = store.rows("SELECT id FROM zone")[0]["id"]
        calendar = load_calendar(ROOT / "resources" / "calendar" / "cn_workdays.json")
        issued = "2026-11-20T02:00:00Z"  # a Friday, 10:00 in Shanghai
        due = case_due(from_iso(issued), "hotline", calendar)
        notice = assign_case(
            store, cases["GD1"]["id"], unit_id=unit, zone_id=zone, requirements="",
            due_at=due.at.isoformat().replace("+00:00", "Z"), by=None, issued_at=issued,
        )  # fmt: skip
        assert (notice["source"], notice["case_id"], notice["inspection_id"]) == (
            "hotline", cases["GD1"]["id"], None
        )  # fmt: skip
        assert notice["requirements"] == "占道经营"  # the case's description by default
        # 3 working days from Friday 10:00: Wednesday's close of office
        assert due.at.astimezone(ZoneInfo("Asia/Shanghai")).date().isoformat() == "2026-11-25"
        assert status(store, notice["id"]).state == "issued"
        listed = {n["id"]: n for n in list_notices(store)}
        assert listed[notice["id"]]["source"] == "hotline"
        merged = merge_case(store, cases["GD2"]["id"], notice["id"], by=None)
        assert (merged["triage"], merged["notice_id"], merged["unit_id"]) == (
            "merged", notice["id"], unit
        )  # fmt: skip
        assert [c["ticket_no"] for c in cases_on_notice(store, notice["id"])] == ["GD1", "GD2"]
        with pytest.raises(CaseError) as refused:
            close_case(store, cases["GD3"]["id"], "  ", by=None)
        assert refused.value.message.text == "Give the reason the case is not accepted."
        closed = close_case(store, cases["GD3"]["id"], "属物业管理范围", by=None)
        assert (closed["triage"], closed["triage_note"]) == ("closed", "属物业管理范围")
        with pytest.raises(CaseError):  # triaged once
            merge_case(store, cases["GD3"]["id"], notice["id"], by=None)
        after = {c["ticket_no"]: c["triage"] for c in list_cases(store)}
        assert after == {"GD1": "assigned", "GD2": "merged", "GD3": "closed"}
    finally:
        store.close()


def test_read_case_file_keeps_bom_and_header_hints(tmp_path: Path):
    path = _csv(
        tmp_path / "hint", "\ufeff工单号（必填）,时间,地址,问题描述\nGD1,2026-11-20,人民路,占道\n"
    )
    read = read_case_file(path, None, ZoneInfo("Asia/Shanghai"))
    assert not read.problems and read.lines[0].ticket_no == "GD1"
    assert read.lines[0].received_at == "2026-11-19T16:00:00.000000Z"


def test_a_hotline_export_with_a_title_row_and_an_old_xls_are_read_as_the_scores_are(
    data: Path, tmp_path: Path
):
    """One reader (app/sheet_table.py) for the hotline export and the score sheet: a title row
    above the header (as 12345 systems export) is passed over, a tab-separated .txt is read, an
    old .xls is refused in words."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "工单"
    sheet.append(["12345热线工单导出（2026年11月）"])
    sheet.append([])
    sheet.append(["工单号", "受理时间", "地址", "问题描述"])
    sheet.append(["GD1", datetime(2026, 11, 20, 9, 30, 0, 123000), "人民路12号", "占道经营"])
    path = tmp_path / "titled.xlsx"
    book.save(path)
    read = read_case_file(path, None, ZoneInfo("Asia/Shanghai"))
    assert [(p.row, p.column) for p in read.problems] == []
    [line] = read.lines
    assert (line.row, line.ticket_no, line.received_at) == (
        4,
        "GD1",
        "2026-11-20T01:30:00.000000Z",
    )
    tabbed = _csv(tmp_path / "tab", "工单号\t时间\t地址\t问题描述\nGD2\t2026-11-20\t人民路\t占道\n",
                  name="12345.txt")  # fmt: skip
    assert [x.ticket_no for x in read_case_file(tabbed, None, ZoneInfo("Asia/Shanghai")).lines] == [
        "GD2"
    ]
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    [problem] = read_case_file(old, None, ZoneInfo("Asia/Shanghai")).problems
    assert problem.message.text == "an old .xls file: save it as .xlsx or CSV"
