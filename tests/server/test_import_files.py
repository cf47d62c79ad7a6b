"""`ducha-server import` of files that are not clean tables (read by spreadsheet/table.py, the
client's reader too): each refused by file, sheet, row and column in the command's words, with
nothing imported and no traceback; title rows above a header passed over; Excel's UTF-16
"Unicode text" imported."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from tests.server.conftest import cli, run_cli
from tests.server.test_import import UNITS, USERS, ZONES, state, write_csv, xlsx


def _units_csv(path: Path) -> Path:
    return write_csv(path, UNITS, "utf-8")


def test_every_unreadable_file_is_named_and_nothing_is_imported(tmp_path: Path):
    data_dir = tmp_path / "server"
    cli("init", data_dir=data_dir)
    good = _units_csv(tmp_path / "单位.csv")
    users = "用户名,姓名,角色,单位,初始密码\n"
    long_cell = tmp_path / "long.csv"
    long_cell.write_text(users + "wangwu,王五,督查员,全部," + "x" * 140_000 + "\n", "utf-8")
    quote = tmp_path / "quote.csv"
    quote.write_text(
        users + 'wangwu,"王五,督查员,全部,password1\nzhaoliu,赵六,审核员,全部,12345678\n'
    )
    nul = tmp_path / "nul.csv"
    nul.write_bytes((users + "wangwu,王\x00五,督查员,全部,password1\n").encode())
    formula = tmp_path / "公式.xlsx"
    xlsx(formula, {"用户": [USERS[0], ["wangwu", "王五", "督查员", "全部", '="pass"&"word1"']]})
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04" + bytes(60))
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    files = [good, long_cell, quote, nul, formula, empty, folder, broken, old, tmp_path / "无.csv"]
    done = run_cli("import", *map(str, files), data_dir=data_dir)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert lines[0] == "导入失败，未导入任何数据（9 处问题）：", done.stderr
    assert lines[1:] == [
        "  文件「long.csv」第 2 行，列「E」：单元格超过 32767 个字符（Excel 的上限）；"
        'CSV 中多出的一个引号 " 会把其后的行都并进这一格',
        '  文件「quote.csv」第 2 行，列「B」：这一格以引号 " 开头却没有结束的引号：'
        "其后 1 行都被读进了这一格，请删去或补上引号",
        "  文件「nul.csv」第 2 行，列「B」：含有控制字符 U+0000（如空字符 NUL），不能保存："
        "请删去后再导入",
        "  文件「公式.xlsx」工作表「用户」第 2 行，列「E」：公式没有保存的计算结果"
        "（文件由程序生成，未经 Excel 计算）：请用 Excel/WPS 打开并保存后再导入",
        "  文件「empty.csv」：是空的：没有任何内容",
        "  文件「folder.csv」：是文件夹，不是文件",
        "  文件「broken.xlsx」：不是可读的 .xlsx 工作簿（文件已损坏，或不是 Excel/WPS 工作簿）",
        "  文件「old.xls」：旧的 .xls/.et 格式：请用 Excel/WPS 另存为 .xlsx 或 CSV",
        "  文件「无.csv」：不存在",
    ]
    assert state(data_dir, None)["unit"] == {}
    assert state(data_dir, None)["users"] == {}


def test_title_rows_above_the_header_are_passed_over(tmp_path: Path):
    data_dir = tmp_path / "server"
    cli("init", data_dir=data_dir)
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in {"单位": UNITS, "区域": ZONES, "Sheet3": USERS}.items():
        sheet = book.create_sheet(title)
        sheet.append([f"青山县{title}名单（2026年12月）"])
        sheet.append([])
        sheet.append(["填表人：张三", None, "日期：2026-12-01"])
        for row in rows:
            sheet.append(row)
    book.save(tmp_path / "名单.xlsx")
    out = cli("import", str(tmp_path / "名单.xlsx"), data_dir=data_dir)
    assert "导入：单位 3 个，区域 3 个，用户 3 个" in out
    assert state(data_dir, None)["users"]["wangwu"]["name"] == "王五"
    # a row's number is still the one the spreadsheet shows: the header is row 4
    bad = xlsx(
        tmp_path / "bad.xlsx",
        {"单位": [["单位名单"], *UNITS[:1], ["科", "处室", None]]},
    )
    done = run_cli("import", str(bad), data_dir=data_dir)
    assert '工作表「单位」第 3 行，列「类型」：未知单位类型 "处室"' in done.stderr, done.stderr


def test_no_header_names_the_columns_looked_for(tmp_path: Path):
    data_dir = tmp_path / "server"
    cli("init", data_dir=data_dir)
    titles = write_csv(tmp_path / "名单.csv", [["青山县名单"], ["姓名", "电话"]], "gbk")
    done = run_cli("import", str(titles), data_dir=data_dir)
    assert done.returncode == 1
    assert (
        "文件「名单.csv」：认不出是单位、区域还是用户表：前 10 行中没有一行像表头"
        "（应含这些列——单位表：名称、类型；区域表：名称、类型、责任单位；"
        "用户表：用户名、姓名、角色、单位、初始密码），或用 --kind 指定"
    ) in done.stderr, done.stderr
    done = run_cli("import", str(titles), "--kind", "zones", data_dir=data_dir)
    assert (
        "文件「名单.csv」：认不出是区域表：前 10 行中没有一行像表头"
        "（应含这些列——区域表：名称、类型、责任单位）"
    ) in done.stderr, done.stderr
    book = xlsx(tmp_path / "名单.xlsx", {"用户": [["青山县名单"], ["甲", "乙"]]})
    done = run_cli("import", str(book), data_dir=data_dir)
    assert "工作表「用户」：认不出是用户表" in done.stderr, done.stderr


def test_excels_unicode_text_imports(tmp_path: Path):
    """Excel's 另存为 "Unicode 文本": UTF-16 LE with a BOM, tab-separated, CRLF."""
    data_dir = tmp_path / "server"
    cli("init", data_dir=data_dir)
    text = "".join("\t".join("" if c is None else str(c) for c in row) + "\r\n" for row in UNITS)
    path = tmp_path / "单位.txt"
    path.write_bytes(text.encode("utf-16"))
    assert path.read_bytes()[:2] == b"\xff\xfe"
    out = cli("import", str(path), data_dir=data_dir)
    assert "导入：单位 3 个" in out
    db = state(data_dir, None)
    assert db["unit"]["城管执法一大队"]["parent_id"] == db["unit"]["青山县城市管理局"]["id"]
