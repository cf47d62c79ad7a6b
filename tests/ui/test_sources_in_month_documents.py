"""Sources (问题来源) in the month's documents, from the hand-worked November 2026 store
(tests/core/fixture_month.py) with hotline and 随手拍 cases 交办 in November: the bulletin (PDF
and .docx) has a 问题来源 table counting the month's notices by source, the workbook a 问题来源
sheet and a source on every notice."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import docx
import openpyxl
import pytest

from app.cases.importer import import_cases
from app.documents.bulletin_export import build_bulletin, export_bulletin, export_workbook
from domain.assessment import Period
from local_db import bulletin_data
from local_db.cases import assign_case, list_cases
from local_db.store import Store
from tests.core.fixture_month import AS_OF, build, stand_in_originals

NOVEMBER = Period.month(2026, 11)
HEADER = "工单号,受理时间,地址,问题描述,照片\n"


@pytest.fixture
def store(tmp_path: Path):
    opened = Store.open(tmp_path / "store")
    build(opened)
    stand_in_originals(opened)
    opened.close()
    export = tmp_path / "export"
    export.mkdir()
    hotline = export / "12345.csv"
    hotline.write_text(
        HEADER
        + "GD1,2026-11-10 09:30,人民路12号,占道经营,\n"
        + "GD2,2026-11-12 10:00,解放街3号,垃圾满溢,\n"
        + "GD3,2026-11-13 10:00,东环路,噪音扰民,\n",
        encoding="utf-8",
    )
    snapshot = export / "随手拍.csv"
    snapshot.write_text(HEADER + "SSP1,2026-11-15 08:00,建设路,车辆乱停,\n", encoding="gbk")
    assert import_cases(tmp_path / "store", hotline, source="hotline").ok
    assert import_cases(tmp_path / "store", snapshot, source="snapshot").ok
    opened = Store.open(tmp_path / "store")
    zone = opened.rows("SELECT id, unit_id FROM zone ORDER BY name LIMIT 1")[0]
    for n, case in enumerate(c for c in list_cases(opened) if c["ticket_no"] != "GD3"):
        assign_case(
            opened, case["id"], unit_id=zone["unit_id"], zone_id=zone["id"], requirements="",
            issued_at=f"2026-11-16T0{n}:00:00.000000Z", due_at="2026-11-30T09:00:00.000000Z",
            by=None, zone="Asia/Shanghai",
        )  # fmt: skip
    yield opened
    opened.close()


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_the_bulletin_and_the_workbook_count_notices_by_source(qapp, store, tmp_path) -> None:
    notices = bulletin_data.notices(store, NOVEMBER, as_of=AS_OF)
    counts = dict(bulletin_data.issued_by_source(notices))
    inspection = sum(n.issued_in_period and n.source == "inspection" for n in notices)
    assert counts == {
        "inspection": inspection, "hotline": 2, "snapshot": 1, "media": 0, "leader": 0,
        "third_party": 0,
    }  # fmt: skip
    assert inspection > 0
    total = inspection + 3
    doc = build_bulletin(store, NOVEMBER, as_of=AS_OF)
    assert doc.sources[:3] == (("督查", inspection), ("12345热线", 2), ("随手拍", 1))

    pdf = export_bulletin(store, NOVEMBER, tmp_path / "通报.pdf", as_of=AS_OF)
    raw = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    text = _flat(raw)
    assert "本月下发的整改通知书按问题来源统计如下：" in text
    assert "问题来源下发整改通知书（份）" in text
    rows = [f"督查{inspection}", "12345热线2", "随手拍1", "媒体曝光0", "领导交办0", "第三方0"]
    for row in [*rows, f"合计{total}"]:  # each row as read (a page may fall inside the table)
        assert row in text, row
    subprocess.run(
        ["pdftoppm", "-r", "50", "-f", "1", "-l", "2", "-png", str(pdf),
         str(tmp_path.parent / "bulletin-sources")],
        check=True,
    )  # fmt: skip
    word = export_bulletin(store, NOVEMBER, tmp_path / "通报.docx", as_of=AS_OF)
    tables = docx.Document(str(word)).tables
    source_table = next(t for t in tables if t.rows[0].cells[0].text == "问题来源")
    assert [[c.text for c in r.cells] for r in source_table.rows][1:3] == [
        ["督查", str(inspection)], ["12345热线", "2"]
    ]  # fmt: skip

    out = export_workbook(store, NOVEMBER, tmp_path / "工作簿.xlsx", as_of=AS_OF)
    book = openpyxl.load_workbook(out)
    sheet = book["问题来源"]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0] == ["问题来源", "本月下发", "其中已销号", "其中逾期"]
    assert rows[2][:2] == ["12345热线", 2] and rows[3][:2] == ["随手拍", 1]
    assert rows[-1][:2] == ["合计", total]
    listed = list(book["整改通知"].iter_rows(values_only=True))
    column = listed[0].index("问题来源")
    assert sorted(r[column] for r in listed[1:] if r[column] != "督查") == [
        "12345热线", "12345热线", "随手拍"
    ]  # fmt: skip
