"""A notice made from a case (问题来源) as PDF and .docx, from a real store: titled by its source
and 工单号, opening with where the problem came from instead of a visit, the case's address,
description and photos in the problem table — and a case merged into it (合并) as a second
problem with its photos."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import docx

from app.cases.importer import import_cases
from app.documents.notice_export import export_notice
from app.evidence.package_command import export_evidence_package
from app.store_setup import open_store
from local_db.cases import assign_case, list_cases, merge_case
from local_db.evidence_package import verify_package
from local_db.kept_originals import notice_originals
from local_db.notices import list_notices
from tests.testdata import PHOTOS
from tests.ui.conftest import UNIT

HEADER = "工单号,受理时间,地址,问题描述,照片\n"


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_a_case_notice_renders_its_case(qapp, data_dir: Path, tmp_path: Path) -> None:
    export = tmp_path / "export"
    export.mkdir()
    shutil.copy(PHOTOS / "gps" / "DSCN0012.jpg", export / "GD1.jpg")
    shutil.copy(PHOTOS / "gps" / "DSCN0010.jpg", export / "GD2.jpg")
    (export / "12345.csv").write_text(
        HEADER
        + "GD20261120001,2026-11-20 09:30,人民路12号门前,店外占道经营，影响行人通行,GD1.jpg\n"
        + "GD20261120002,2026-11-20 11:00,人民路12号,同一店铺再次占道,GD2.jpg\n",
        encoding="utf-8",
    )
    assert import_cases(data_dir, export / "12345.csv").ok
    store = open_store(data_dir)
    try:
        cases = {c["ticket_no"]: c for c in list_cases(store)}
        unit = store.rows("SELECT id FROM unit")[0]["id"]
        notice = assign_case(
            store, cases["GD20261120001"]["id"], unit_id=unit, zone_id=None,
            requirements="立即清理占道物品，落实门前五包责任。", by=None,
            issued_at="2026-11-20T03:00:00.000000Z", due_at="2026-11-25T10:00:00.000000Z",
            zone="Asia/Shanghai",
        )  # fmt: skip
        merge_case(store, cases["GD20261120002"]["id"], notice["id"], by=None)
        assert len(notice_originals(store, notice["id"])) == 2  # both cases' photos
        [listed] = list_notices(store)
        assert listed["source"] == "hotline"
        pdf = export_notice(store, notice["id"], tmp_path / "case.pdf", "Asia/Shanghai")
        word = export_notice(store, notice["id"], tmp_path / "case.docx", "Asia/Shanghai")
        package = export_evidence_package(
            store, notice_id=notice["id"], out=tmp_path / "case.zip", zone="Asia/Shanghai"
        )
    finally:
        store.close()

    raw = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    text = _flat(raw)
    assert "关于12345热线工单GD20261120001反映问题的整改通知" in text
    assert f"{UNIT}：" in text
    assert _flat("2026年11月20日") in text and "收到12345热线工单（编号GD20261120001）" in text
    assert "店外占道经营，影响行人通行" in text and "人民路12号门前" in text
    assert "12345热线工单GD20261120002" in text and "同一店铺再次占道" in text  # merged
    assert "发现问题" not in text  # no visit: the opening tells where the case came from
    assert "请于2026年11月25日18:00前整改完毕" in text
    images = subprocess.run(
        ["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert len(images) >= 2
    done = subprocess.run(
        ["pdftoppm", "-r", "60", "-png", str(pdf), str(tmp_path.parent / "case-notice")],
        capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    check = verify_package(package)
    assert check.ok, check.problems
    [packaged] = check.manifest["notices"]
    assert [c["case"]["ticket_no"] for c in packaged["cases"]] == [
        "GD20261120001", "GD20261120002"
    ]  # fmt: skip
    assert all(len(c["photos"]) == 1 for c in packaged["cases"])
    assert check.manifest["inspections"] == []
    body = _flat("".join(p.text for p in docx.Document(str(word)).paragraphs))
    assert "关于12345热线工单GD20261120001反映问题的整改通知" in body
    assert "收到12345热线工单（编号GD20261120001）" in body
