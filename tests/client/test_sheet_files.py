"""Received spreadsheets that are not clean tables, read by the one reader (spreadsheet/table.py)
through the client's two imports, the hotline cases and the composite scores: every real file
written here is refused with words that name the problem, the file and, where there is one, the
row and column, and never with a traceback; nothing of a refused file is stored. A UTF-16
"Unicode text" export and a workbook whose formulas were saved by Excel are read."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from app.assessment.score_import import read_scores, render
from app.cases.case_file import Problem, read_case_file
from app.cases.importer import import_cases
from domain.assessment import Unit
from domain.composite_config import DEFAULT_CONFIG
from local_db.store import Store
from spreadsheet.table import MAX_CELL, TableError, read_tables
from tests.core.conftest import install_basics

ROOT = Path(__file__).resolve().parents[2]
TZ = "Asia/Shanghai"
HEADER = "工单号,受理时间,地址,问题描述\n"
UNITS = [Unit(id="u1", name="城关镇人民政府")]


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    store = Store.open(folder)
    install_basics(store)
    store.close()
    return folder


def case_problems(path: Path) -> list[str]:
    """The hotline import's problems as the user reads them (English source)."""
    from zoneinfo import ZoneInfo

    read = read_case_file(path, None, ZoneInfo(TZ))
    assert read.lines == [] or read.problems == []
    return [_case_text(p) for p in read.problems]


def _case_text(problem: Problem) -> str:
    where = str(problem.place)
    if problem.row is not None:
        where += f", row {problem.row}"
    if problem.column:
        where += f", column {problem.column}"
    return f"{where}: {problem.message}"


def score_problems(path: Path) -> list[str]:
    plan = read_scores(
        path, period="2026-Q3", component=None, units=UNITS, config=DEFAULT_CONFIG, tz=TZ
    )
    return [render(p) for p in plan.problems]


def test_a_csv_cell_longer_than_csvs_limit_is_named_by_row_and_column(tmp_path: Path):
    """Old code: csv's "field larger than field limit (131072)" as a traceback."""
    path = tmp_path / "12345.csv"
    path.write_text(HEADER + "GD1,2026-11-20 09:30,人民路," + "占" * 140_000 + "\n", "utf-8")
    assert case_problems(path) == [
        f"file “12345.csv”, row 2, column D: longer than {MAX_CELL} characters, the most a "
        'cell holds (in a CSV file, a stray quote " joins the lines after it into one cell)'
    ]
    scores = tmp_path / "民调.csv"
    scores.write_text("单位,民调\n城关镇人民政府," + "9" * 140_000 + "\n", "utf-8")
    [problem] = score_problems(scores)
    assert problem.startswith(f"民调.csv, row 2, column B: the cell is longer than {MAX_CELL}")


def test_a_stray_quote_that_swallows_the_rest_of_the_file_is_named(data: Path, tmp_path: Path):
    path = tmp_path / "12345.csv"
    rows = "".join(f"GD{n},2026-11-20 09:30,人民路{n}号,占道\n" for n in range(2, 5))
    path.write_text(HEADER + 'GD1,2026-11-20 09:30,"人民路,占道\n' + rows, "utf-8")
    expected = (
        'file “12345.csv”, row 2, column C: the quote " that opens this cell is never closed: '
        "the 3 line(s) after it were read into the cell"
    )
    assert case_problems(path) == [expected]
    outcome = import_cases(data, path)
    assert [_case_text(p) for p in outcome.problems] == [expected] and not outcome.saved
    # closed much later, the quote makes one cell of thousands of lines: too long, named
    many = "".join(f"GD{n},2026-11-20 09:30,人民路{n}号,占道\n" for n in range(2, 2000))
    path.write_text(HEADER + 'GD1,2026-11-20 09:30,"人民路,占道\n' + many + '"\n', "utf-8")
    [problem] = case_problems(path)
    assert problem.startswith(f"file “12345.csv”, row 2, column C: longer than {MAX_CELL}")


def test_unreadable_files_are_named(tmp_path: Path):
    folder = tmp_path / "导出.csv"
    folder.mkdir()
    broken = tmp_path / "工单.xlsx"
    broken.write_bytes(b"PK\x03\x04" + bytes(100))  # a zip cut short
    old = tmp_path / "工单.et"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    locked = tmp_path / "加密.xlsx"  # Excel keeps a workbook with a password in a compound file
    locked.write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "EncryptedPackage".encode("utf-16-le")
    )
    empty = tmp_path / "空.csv"
    empty.write_bytes(b"")
    blank = tmp_path / "空白.xlsx"
    openpyxl.Workbook().save(blank)
    pipe = tmp_path / "管道.csv"
    os.mkfifo(pipe)  # opened, it would wait for a writer for ever
    expected = {
        pipe: "not a regular file (a pipe or a device)",
        folder: "a folder, not a file",
        broken: "not a readable .xlsx file",
        old: "an old .xls file: save it as .xlsx or CSV",
        locked: "the workbook has a password: remove it in Excel or WPS and save it again",
        empty: "empty: the file holds nothing",
        blank: "empty: the file holds nothing",
        tmp_path / "不在.csv": "not found",
    }
    for path, why in expected.items():
        assert case_problems(path) == [f"file “{path.name}”: {why}"]
    assert score_problems(folder) == ["导出.csv is a folder, not a file."]
    assert score_problems(broken) == ["工单.xlsx is not an .xlsx workbook."]
    assert score_problems(empty) == ["空.csv is empty."]


def test_a_file_without_read_permission_is_named(tmp_path: Path):
    """In a process that may not read it: root without its capability to read anything."""
    secret = tmp_path / "12345.csv"
    secret.write_text(HEADER, "utf-8")
    secret.chmod(0o000)
    probe = (
        "from pathlib import Path; from zoneinfo import ZoneInfo;"
        "from app.cases.case_file import read_case_file;"
        f"[p] = read_case_file(Path({str(secret)!r}), None, ZoneInfo('Asia/Shanghai')).problems;"
        "print(f'{p.place}: {p.message}')"
    )
    command = [sys.executable, "-c", probe]
    if os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("root reads any file; setpriv (util-linux) would drop that")
        caps = "-dac_override,-dac_read_search"
        command = ["setpriv", f"--bounding-set={caps}", f"--inh-caps={caps}", "--", *command]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.stdout.strip() == "file “12345.csv”: cannot be read: no permission", done.stderr


def _workbook_with_formulas(path: Path) -> Path:
    """B2 =A2+1 never computed (as openpyxl and some exporters save it)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "考核"
    sheet.append(["单位", "民调"])
    sheet.append(["城关镇人民政府", "=90+1"])
    book.save(path)
    return path


def test_a_formula_without_a_saved_value_is_named_not_empty(tmp_path: Path):
    path = _workbook_with_formulas(tmp_path / "民调.xlsx")
    assert score_problems(path) == [
        "民调.xlsx, sheet 考核, row 2, column B: the formula has no saved value: open the file "
        "in Excel or WPS and save it."
    ]
    cases = openpyxl.Workbook()
    cases.active.title = "工单"
    cases.active.append(["工单号", "受理时间", "地址", "问题描述"])
    cases.active.append(["GD1", "2026-11-20 09:30", "人民路", '="占道"&"经营"'])
    cases.save(tmp_path / "12345.xlsx")
    assert case_problems(tmp_path / "12345.xlsx") == [
        "file “12345.xlsx”, sheet “工单”, row 2, column D: the formula has no saved value: "
        "open the file in Excel or WPS and save it"
    ]


SAVED_SHEET = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>单位</t></is></c><c r="B1" t="inlineStr"><is><t>民调</t></is></c></row>
<row r="2"><c r="A2" t="inlineStr"><is><t>城关镇人民政府</t></is></c><c r="B2"><f>90+1</f><v>91</v></c></row>
<row r="3"><c r="A3" t="inlineStr"><is><t>X</t></is></c><c r="B3" t="str"><f>IF(1=1,"",1)</f><v></v></c></row>
</sheetData></worksheet>"""  # noqa: E501


def test_formulas_excel_saved_are_read_with_their_values(tmp_path: Path):
    """As Excel saves them: a cached number, and "" from =IF(…,"",…) as an empty text result."""
    path = _workbook_with_formulas(tmp_path / "民调.xlsx")
    saved = tmp_path / "saved.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(saved, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = SAVED_SHEET.encode()
            target.writestr(item, content)
    [sheet] = read_tables(saved)
    assert sheet.rows == [(1, ["单位", "民调"]), (2, ["城关镇人民政府", "91"]), (3, ["X", ""])]


def test_a_title_row_and_no_header_at_all(tmp_path: Path):
    titled = tmp_path / "12345.csv"
    titled.write_text(
        "12345热线工单导出\n导出时间：2026-11-21\n\n"
        + HEADER
        + "GD1,2026-11-20 09:30,人民路,占道\n",
        "utf-8",
    )
    from zoneinfo import ZoneInfo

    read = read_case_file(titled, None, ZoneInfo(TZ))
    assert read.problems == [] and [(x.row, x.ticket_no) for x in read.lines] == [(5, "GD1")]
    titles = tmp_path / "标题.csv"
    titles.write_text("12345热线工单导出\n工单,时间段\n", "utf-8")
    assert case_problems(titles) == [
        "file “标题.csv”: no row among the first 10 of any sheet names the columns "
        "工单号 时间 地址 问题描述"
    ]
    assert score_problems(titles) == [
        "标题.csv has no column 单位 (the unit's name) in its first rows."
    ]


def test_excels_unicode_text_is_read(tmp_path: Path):
    """Excel's 另存为 "Unicode 文本": UTF-16 LE with a BOM, tab-separated, CRLF."""
    path = tmp_path / "12345.txt"
    text = "工单号\t受理时间\t地址\t问题描述\r\nGD1\t2026-11-20 09:30\t人民路（东段）\t占道经营\r\n"
    path.write_bytes(text.encode("utf-16"))
    assert path.read_bytes()[:2] == b"\xff\xfe"
    from zoneinfo import ZoneInfo

    read = read_case_file(path, None, ZoneInfo(TZ))
    assert read.problems == []
    [line] = read.lines
    assert (line.row, line.ticket_no, line.address, line.description) == (
        2,
        "GD1",
        "人民路（东段）",
        "占道经营",
    )
    scores = tmp_path / "民调.txt"
    scores.write_bytes("单位\t民调\r\n城关镇人民政府\t91.5\r\n".encode("utf-16"))
    plan = read_scores(
        scores, period="2026-Q3", component=None, units=UNITS, config=DEFAULT_CONFIG, tz=TZ
    )
    assert plan.problems == [] and str(plan.scores["survey"]["u1"]) == "91.5"


def test_a_nul_or_control_character_is_refused_and_never_stored(data: Path, tmp_path: Path):
    path = tmp_path / "12345.csv"
    path.write_bytes(
        (
            HEADER + "GD1,2026-11-20 09:30,人民路,占道\nGD2,2026-11-20 09:30,人民路,占\x00道\n"
        ).encode()
    )
    expected = (
        "file “12345.csv”, row 3, column D: a control character (U+0000) that cannot be kept: "
        "delete it and import again"
    )
    assert case_problems(path) == [expected]
    outcome = import_cases(data, path)
    assert [_case_text(p) for p in outcome.problems] == [expected] and not outcome.saved
    store = Store.open(data)
    try:
        assert store.count("problem_case") == 0
    finally:
        store.close()
    escape = tmp_path / "民调.csv"
    escape.write_text("单位,民调\n城关镇人民政府\x1b,90\n", "utf-8")
    assert score_problems(escape) == [
        "民调.csv, row 2, column A: the cell holds a control character (U+001B) that cannot be "
        "kept: delete it and import again."
    ]
    # tab and line breaks inside a quoted cell are text, not refused
    fine = tmp_path / "fine.csv"
    fine.write_text(HEADER + 'GD1,2026-11-20 09:30,人民路,"占道\r\n经营"\n', "utf-8")
    [sheet] = read_tables(fine)
    assert sheet.rows[1][1][3] == "占道\r\n经营"


def test_the_error_says_where(tmp_path: Path):
    """TableError's fields, which the server's import words in Chinese (tests/server)."""
    path = tmp_path / "a.csv"
    path.write_bytes(b"a,b\n1,\x002\n")
    with pytest.raises(TableError) as raised:
        read_tables(path)
    error = raised.value
    assert (error.kind, error.sheet, error.row, error.column_letter, error.detail) == (
        "control_char",
        None,
        2,
        "B",
        "U+0000",
    )
