"""Reading the import's spreadsheets: .xlsx sheets and .csv files (UTF-8 or GBK) into rows by
column, with the sheet's kind recognised from its name or header, and every problem named by
sheet, row and column (the rules are server/importer.py's docstring)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from domain.org_sheet import norm  # the rules' own words (domain/org_sheet.py)

KIND_ZH = {"units": "单位", "zones": "区域", "users": "用户"}


@dataclass(frozen=True)
class Column:
    key: str
    label: str  # as the format names it, for "missing column" problems
    aliases: tuple[str, ...]
    required: bool = True


COLUMNS: dict[str, tuple[Column, ...]] = {
    "units": (
        Column("name", "名称/name", ("名称", "name", "单位名称")),
        Column("kind", "类型/kind", ("类型", "kind", "单位类型")),
        Column("parent", "上级单位/parent", ("上级单位", "parent", "上级"), required=False),
    ),
    "zones": (
        Column("name", "名称/name", ("名称", "name", "区域名称")),
        Column("kind", "类型/kind", ("类型", "kind", "区域类型")),
        Column("unit", "责任单位/unit", ("责任单位", "unit", "单位")),
        Column("chief_name", "路长/chief_name", ("路长", "chief_name", "路长姓名"), False),
        Column("chief_phone", "路长电话/chief_phone", ("路长电话", "chief_phone"), False),
    ),
    "users": (
        Column("username", "用户名/username", ("用户名", "username", "登录名", "账号")),
        Column("name", "姓名/name", ("姓名", "name")),
        Column("role", "角色/role", ("角色", "role")),
        Column("units", "单位/units", ("单位", "units", "unit", "所属单位")),
        Column("password", "初始密码/password", ("初始密码", "password", "密码")),
    ),
}
SHEET_KINDS = {
    norm(name): kind
    for kind, names in {
        "units": ("单位", "units", "unit"),
        "zones": ("区域", "zones", "zone"),
        "users": ("用户", "users", "user"),
    }.items()
    for name in names
}


# -- problems ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Problem:
    sheet: str  # as the user names it: 工作表「用户」 / 文件「users.csv」
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.sheet
        if self.row is not None:
            where += f"第 {self.row} 行"
        if self.column:
            where += f"，列「{self.column}」"
        return f"{where}：{self.message}"


class ImportFailed(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


# -- reading ----------------------------------------------------------------------------------
@dataclass
class Row:
    number: int
    values: dict[str, str]  # column key → text ("" when blank)


@dataclass
class Sheet:
    where: str  # 工作表「单位」 / 文件「units.csv」
    kind: str
    headers: dict[str, str]  # column key → the header as written
    rows: list[Row] = field(default_factory=list)

    def problem(self, row: Row | int | None, key: str | None, message: str) -> Problem:
        number = row.number if isinstance(row, Row) else row
        return Problem(self.where, number, self.headers.get(key, key) if key else None, message)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a phone or password Excel stored as a number
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value).strip()


def _guess_kind(header: list[str]) -> str | None:
    """The kind whose required columns all appear and which recognises the most headers."""
    names = {norm(h) for h in header if h}
    scores = {}
    for kind, columns in COLUMNS.items():
        found = {c.key for c in columns if names & {norm(a) for a in c.aliases}}
        if all(c.key in found for c in columns if c.required):
            scores[kind] = len(found)
    if not scores:
        return None
    best = max(scores.values())
    winners = [k for k, s in scores.items() if s == best]
    return winners[0] if len(winners) == 1 else None


def _sheet(
    where: str, kind: str, table: Iterable[tuple[int, list[Any]]], notes: list[str]
) -> tuple[Sheet, list[Problem]]:
    """A sheet from (row number, cells) pairs, the first being the header."""
    rows = iter(table)
    number, header_cells = next(rows, (1, []))
    header = [_text(c) for c in header_cells]
    sheet = Sheet(where, kind, {})
    problems: list[Problem] = []
    index: dict[str, int] = {}
    aliases = {norm(a): c for c in COLUMNS[kind] for a in c.aliases}
    for i, text in enumerate(header):
        if not text:
            continue
        column = aliases.get(norm(text))
        if column is None:
            notes.append(f"{where}：忽略不认识的列「{text}」")
        elif column.key in index:
            problems.append(Problem(where, number, text, f"与「{header[index[column.key]]}」重复"))
        else:
            index[column.key] = i
            sheet.headers[column.key] = text
    for column in COLUMNS[kind]:
        if column.required and column.key not in index:
            problems.append(Problem(where, number, column.label, "缺少这一列"))
    for number, cells in rows:
        texts = [_text(c) for c in cells]
        if not any(texts):
            continue
        values = {key: (texts[i] if i < len(texts) else "") for key, i in index.items()}
        sheet.rows.append(Row(number, values))
    return sheet, problems


def _decode(data: bytes, encoding: str | None) -> str:
    if encoding:
        return data.decode(encoding).removeprefix("\ufeff")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030")  # a superset of GBK and GB2312


def read_csv(
    path: Path, kind: str | None, encoding: str | None, notes: list[str]
) -> tuple[list[Sheet], list[Problem]]:
    where = f"文件「{path.name}」"
    try:
        text = _decode(path.read_bytes(), encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        return [], [Problem(where, None, None, f"无法按 {encoding or 'UTF-8/GBK'} 解码：{exc}")]
    first = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first and "," not in first else ","
    records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    if not records or not any(c.strip() for c in records[0]):
        return [], [Problem(where, 1, None, "没有表头行")]
    kind = kind or _guess_kind([c.strip() for c in records[0]])
    if kind is None:
        return [], [
            Problem(
                where,
                1,
                None,
                "认不出是单位、区域还是用户表（表头见 ducha-server import --help），"
                "或用 --kind 指定",
            )
        ]
    sheet, problems = _sheet(where, kind, enumerate(records, start=1), notes)
    return [sheet], problems


def read_xlsx(path: Path, notes: list[str]) -> tuple[list[Sheet], list[Problem]]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        return [], [Problem(f"文件「{path.name}」", None, None, f"不是可读的 .xlsx 文件：{exc}")]
    sheets: list[Sheet] = []
    problems: list[Problem] = []
    try:
        for ws in book.worksheets:
            where = f"工作表「{ws.title}」"
            table = [(i, list(r)) for i, r in enumerate(ws.iter_rows(values_only=True), start=1)]
            header = [_text(c) for c in table[0][1]] if table else []
            kind = SHEET_KINDS.get(norm(ws.title)) or _guess_kind(header)
            if kind is None:
                notes.append(f"{where}：不是单位、区域或用户表，跳过")
                continue
            if not any(header):
                notes.append(f"{where}：空表，跳过")
                continue
            sheet, found = _sheet(where, kind, table, notes)
            sheets.append(sheet)
            problems += found
    finally:
        book.close()
    return sheets, problems


def read_files(
    paths: list[Path], kind: str | None = None, encoding: str | None = None
) -> tuple[list[Sheet], list[str]]:
    """Every sheet of every file, or ImportFailed with every header-level problem."""
    sheets: list[Sheet] = []
    problems: list[Problem] = []
    notes: list[str] = []
    for path in paths:
        where = f"文件「{path.name}」"
        if not path.is_file():
            problems.append(Problem(where, None, None, "不存在"))
            continue
        with path.open("rb") as f:
            magic = f.read(8)
        suffix = path.suffix.lower()
        if suffix in (".xls", ".et") or magic.startswith(b"\xd0\xcf\x11\xe0"):
            problems.append(Problem(where, None, None, "旧的 .xls 格式：请另存为 .xlsx 或 CSV"))
        elif magic.startswith(b"PK") or suffix in (".xlsx", ".xlsm"):
            found_sheets, found = read_xlsx(path, notes)
            sheets += found_sheets
            problems += found
        else:
            found_sheets, found = read_csv(path, kind, encoding, notes)
            sheets += found_sheets
            problems += found
    if not problems and not any(s.rows for s in sheets):
        where = "、".join(f"「{p.name}」" for p in paths)
        problems.append(
            Problem(
                f"文件{where}",
                None,
                None,
                "没有可导入的数据行（工作表名应为 单位、区域、用户，或表头能认出）",
            )
        )
    if problems:
        raise ImportFailed(problems)
    return sheets, notes


# -- what the database holds ------------------------------------------------------------------
