"""`ducha export assessment` as a user runs it: a real process on a store holding the hand-worked
November 2026 with its quarter's components imported — each format written, and a clear message
with exit 2 for a bad period, a suffix it does not write, a missing store and components not yet
imported (named, with how to import them)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import docx
import openpyxl
import pytest

from domain.assessment import Period, points
from local_db.composite_data import assess_composite_period
from local_db.store import Store
from tests.core.fixture_month import build
from tests.ui.composite_imports import import_all
from tests.ui.test_month_export_cli import ducha

Q4_TITLE = "关于2026年第四季度城市管理综合考核情况的通报"
YEAR_TITLE = "关于2026年度城市管理综合考核评比结果的通报"


def _store(folder: Path, imported: bool) -> Path:
    store = Store.open(folder)
    month = build(store)
    if imported:
        import_all(store, "2026-Q4", month.units)
    store.close()
    return folder


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _store(tmp_path_factory.mktemp("imported"), imported=True)


def pdf_text(path: Path) -> str:
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return re.sub(r"\s+", "", text)


def test_each_format_of_the_quarter_and_the_year(data_dir: Path, tmp_path: Path) -> None:
    written = {}
    for period, suffix in (
        (("--quarter", "2026-Q4"), ".pdf"),
        (("--quarter", "2026-q4"), ".docx"),
        (("--quarter", "2026-Q4"), ".xlsx"),
        (("--year", "2026"), ".pdf"),
    ):
        out = tmp_path / f"{period[1]}{suffix}"
        done = ducha("export", "assessment", *period, "--data-dir", data_dir, "--out", out)
        assert done.returncode == 0, done.stderr
        assert str(out) in done.stdout and out.stat().st_size > 0
        written[(period[1].upper(), suffix)] = out
    store = Store.open(data_dir)
    try:  # as of now, like the command
        q4 = assess_composite_period(store, Period.quarter(2026, 4))
    finally:
        store.close()
    text = pdf_text(written[("2026-Q4", ".pdf")])
    assert Q4_TITLE in text and "一、考核内容" in text and "附件" in text
    table = text[text.index("城市管理综合考核排名") :]
    at = [table.index(u.unit_name[:6]) for u in q4.ranked]  # the 综合排名 table, in rank order
    assert at == sorted(at) and len(q4.ranked) == 7
    assert all(points(u.score) in table for u in q4.ranked)
    paragraphs = [
        p.text.replace("\n", "")
        for p in docx.Document(str(written[("2026-Q4", ".docx")])).paragraphs
    ]
    assert Q4_TITLE in paragraphs and "五、工作要求" in paragraphs
    book = openpyxl.load_workbook(written[("2026-Q4", ".xlsx")])
    assert book.sheetnames[0] == "综合" and book.sheetnames[-1] == "说明"
    assert str(book["综合"]["K2"].value).startswith("='说明'!$C$2*'督查'!")
    assert YEAR_TITLE in pdf_text(written[("2026", ".pdf")])


@pytest.mark.parametrize(
    ("period", "out", "says"),
    [
        (("--quarter", "2026-Q5"), "a.pdf", "not a quarter (YYYY-Qn): '2026-Q5'"),
        (("--quarter", "2026"), "a.pdf", "not a quarter (YYYY-Qn): '2026'"),
        (("--year", "26"), "a.pdf", "not a year (YYYY): '26'"),
        (("--year", "2026-Q1"), "a.pdf", "not a year (YYYY): '2026-Q1'"),
        (
            ("--quarter", "2026-Q4"),
            "a.odt",
            "a.odt: the assessment is written as .pdf, .docx, .xlsx",
        ),
    ],
)
def test_what_the_user_asked_wrong_is_refused(data_dir, tmp_path, period, out, says) -> None:
    done = ducha("export", "assessment", *period, "--data-dir", data_dir, "--out", tmp_path / out)
    assert done.returncode == 2
    assert says in done.stderr and done.stderr.startswith("ducha export: ")
    assert "Traceback" not in done.stderr and not (tmp_path / out).exists()


def test_no_store_is_refused(tmp_path: Path) -> None:
    done = ducha(
        "export",
        "assessment",
        "--year",
        "2026",
        "--data-dir",
        tmp_path,
        "--out",
        tmp_path / "a.pdf",
    )
    assert done.returncode == 2 and f"no store in {tmp_path}" in done.stderr


def test_components_not_yet_imported_are_named(tmp_path: Path) -> None:
    folder = _store(tmp_path / "data", imported=False)
    for suffix in (".pdf", ".docx", ".xlsx"):
        out = tmp_path / f"a{suffix}"
        done = ducha(
            "export", "assessment", "--quarter", "2026-Q4", "--data-dir", folder, "--out", out
        )
        assert done.returncode == 2, done.stderr
        assert "components not yet imported: third_party (第三方评估), survey (民调)" in done.stderr
        assert "professional (专业检查)" in done.stderr
        assert f"ducha import assessment FILE --data-dir {folder}" in done.stderr
        assert not out.exists()
