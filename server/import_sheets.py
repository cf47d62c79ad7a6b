"""Reading the import's spreadsheets (spreadsheet/table.py: .xlsx sheets, CSV/TSV/TXT in UTF-8,
GBK or UTF-16) into rows by column, with the sheet's kind recognised from its name or header,
and every problem named by file, sheet, row and column (the rules are server/importer.py's
docstring)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from domain.org_sheet import KINDS, norm  # the rules' own words (domain/org_sheet.py)
from spreadsheet.table import (
    HEADER_ROWS,
    MAX_BYTES,
    MAX_CELL,
    MAX_ROWS,
    TableError,
    header_index,
    read_tables,
)

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


def _header_score(kinds: Iterable[str]) -> Callable[[Sequence[str]], int]:
    """How many of the kinds' columns a row names (the header is the row naming most)."""
    aliases = {norm(a): (kind, c.key) for kind in kinds for c in COLUMNS[kind] for a in c.aliases}
    return lambda cells: len({aliases[n] for c in cells if c and (n := norm(c)) in aliases})


def _looked_for(kinds: Iterable[str]) -> str:
    """单位表：名称、类型；区域表：… — the required columns a header was looked for by."""
    return "；".join(
        f"{KIND_ZH[kind]}表："
        + "、".join(c.label.split("/")[0] for c in COLUMNS[kind] if c.required)
        for kind in kinds
    )


def _sheet(
    where: str, kind: str, table: list[tuple[int, list[str]]], notes: list[str]
) -> tuple[Sheet, list[Problem]]:
    """A sheet from (row number, cells) pairs, the first being the header."""
    number, header = table[0] if table else (1, [])
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
    for number, texts in table[1:]:
        values = {key: (texts[i] if i < len(texts) else "") for key, i in index.items()}
        sheet.rows.append(Row(number, values))
    return sheet, problems


def table_problem(path: Path, error: TableError) -> Problem:
    """Why the file cannot be read (spreadsheet/table.py), by file, sheet, row and column."""
    where = f"文件「{path.name}」" + (f"工作表「{error.sheet}」" if error.sheet else "")
    messages = {
        "too_big": f"太大：超过 {MAX_ROWS} 行或 {MAX_BYTES >> 20} MB，不是一份名单",
        "encoding": f"无法按 {error.detail} 解码"
        if error.detail
        else "既不是 UTF-8、GBK，也不是 UTF-16 文本：请另存为“CSV UTF-8”",
        "not_xlsx": "不是可读的 .xlsx 工作簿（文件已损坏，或不是 Excel/WPS 工作簿）",
        "old_xls": "旧的 .xls/.et 格式：请用 Excel/WPS 另存为 .xlsx 或 CSV",
        "encrypted": "工作簿设有打开密码：请在 Excel/WPS 中取消密码后另存",
        "unknown_type": "只能读取 .xlsx、.xlsm、.csv、.tsv 和 .txt 文件",
        "empty": "是空的：没有任何内容",
        "not_found": "不存在",
        "directory": "是文件夹，不是文件",
        "not_file": "不是普通文件（管道、设备或套接字）",
        "permission": "没有读取权限",
        "unreadable": f"无法读取（{error.detail}）",
        "cell_too_long": f"单元格超过 {MAX_CELL} 个字符（Excel 的上限）；"
        'CSV 中多出的一个引号 " 会把其后的行都并进这一格',
        "unclosed_quote": f'这一格以引号 " 开头却没有结束的引号：其后 {error.detail} 行都被读进了'
        "这一格，请删去或补上引号",
        "control_char": f"含有控制字符 {error.detail}（如空字符 NUL），不能保存：请删去后再导入",
        "formula_no_value": "公式没有保存的计算结果（文件由程序生成，未经 Excel 计算）："
        "请用 Excel/WPS 打开并保存后再导入",
    }
    message = messages.get(error.kind, messages["unknown_type"])
    return Problem(where, error.row, error.column_letter or None, message)


def _read_sheets(
    path: Path, kind: str | None, encoding: str | None, notes: list[str]
) -> tuple[list[Sheet], list[Problem]]:
    """The file's sheets of units, zones or users; a sheet's kind comes from its name (a
    workbook's 单位/区域/用户), --kind, or its header: the first rows' row naming the most
    columns (titles above it are passed over)."""
    try:
        tables = read_tables(path, encoding)
    except TableError as error:
        return [], [table_problem(path, error)]
    sheets: list[Sheet] = []
    problems: list[Problem] = []
    for table in tables:
        where = f"文件「{path.name}」" if table.is_csv else f"工作表「{table.name}」"
        named = kind if table.is_csv else SHEET_KINDS.get(norm(table.name))
        if not table.rows:
            notes.append(f"{where}：空表，跳过")
            continue
        at = header_index(table, _header_score([named] if named else KINDS))
        found = named or (_guess_kind(table.rows[at][1]) if at is not None else None)
        if found is None or at is None:
            looked = _looked_for([found] if found else KINDS)
            if table.is_csv or named:
                what = f"{KIND_ZH[found]}表" if found else "单位、区域还是用户表"
                hint = "" if found else "，或用 --kind 指定"
                problems.append(
                    Problem(
                        where,
                        None,
                        None,
                        f"认不出是{what}：前 {HEADER_ROWS} 行中没有一行像表头"
                        f"（应含这些列——{looked}）{hint}",
                    )
                )
            else:
                notes.append(
                    f"{where}：不是单位、区域或用户表（前 {HEADER_ROWS} 行中没有表头），跳过"
                )
            continue
        sheet, found_problems = _sheet(where, found, table.rows[at:], notes)
        sheets.append(sheet)
        problems += found_problems
    return sheets, problems


def read_files(
    paths: list[Path], kind: str | None = None, encoding: str | None = None
) -> tuple[list[Sheet], list[str]]:
    """Every sheet of every file, or ImportFailed with every file- and header-level problem."""
    sheets: list[Sheet] = []
    problems: list[Problem] = []
    notes: list[str] = []
    for path in paths:
        found_sheets, found = _read_sheets(path, kind, encoding, notes)
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
