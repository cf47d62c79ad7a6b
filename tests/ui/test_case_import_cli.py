"""`ducha import cases` as a user runs it (a real process on a real store): a file with a bad
date is refused by row and column with exit 2 and nothing imported; the corrected file imports;
the same file again is refused by its 工单号; `ducha import --inspection …` still imports photos."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from local_db.store import Store
from tests.core.conftest import install_basics
from tests.ui.test_cli import ducha

HEADER = "工单号,受理时间,地址,问题描述,照片\n"


def _cases(data: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(data / "ducha.sqlite3") as db:
        return db.execute(
            "SELECT ticket_no, source FROM problem_case ORDER BY ticket_no"
        ).fetchall()


def test_import_cases_refuses_then_imports(tmp_path: Path) -> None:
    data = tmp_path / "data"
    store = Store.open(data)
    install_basics(store)
    store.close()
    export = tmp_path / "随手拍.csv"
    export.write_text(
        HEADER + "S1,2026-11-20 09:30,人民路,占道,\nS2,2026-11-31 09:30,人民路,占道,\n",
        encoding="gbk",
    )
    args = ("--lang", "en", "import", "cases", str(export), "--data-dir", str(data))
    done = ducha(*args, "--source", "snapshot")
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Nothing was imported: 1 problem(s) in the file" in done.stderr
    assert (
        "file “随手拍.csv”, row 3, column 受理时间: '2026-11-31 09:30' is not a date" in done.stderr
    )
    assert _cases(data) == []

    export.write_text(HEADER + "S1,2026-11-20 09:30,人民路,占道,\n", encoding="gbk")
    done = ducha(*args, "--source", "snapshot")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "Imported 1 case(s)"
    assert _cases(data) == [("S1", "snapshot")]
    again = ducha(*args, "--source", "snapshot")
    assert again.returncode == 2
    assert "Already imported, so nothing was imported: S1" in again.stderr
    missing = ducha("import", "cases", str(export), "--data-dir", str(tmp_path / "none"))
    assert missing.returncode == 2 and "ducha import cases" in missing.stderr


def test_a_workbook_whose_formulas_were_never_computed_is_named(tmp_path: Path) -> None:
    """A workbook a program wrote with =formulas and no saved results: named by sheet, row and
    column with what to do, not read as empty cells (spreadsheet/xlsx_formulas.py)."""
    import openpyxl

    data = tmp_path / "data"
    store = Store.open(data)
    install_basics(store)
    store.close()
    book = openpyxl.Workbook()
    book.active.title = "工单"
    book.active.append(["工单号", "受理时间", "地址", "问题描述"])
    book.active.append(["GD1", "2026-11-20 09:30", "人民路", '="占道"&"经营"'])
    export = tmp_path / "12345.xlsx"
    book.save(export)
    done = ducha("--lang", "en", "import", "cases", str(export), "--data-dir", str(data))
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert (
        "file “12345.xlsx”, sheet “工单”, row 2, column D: the formula has no saved value: "
        "open the file in Excel or WPS and save it"
    ) in done.stderr
    assert _cases(data) == []
