"""A checklist template as a spreadsheet (考核细则表): its rows → the template JSON body.

The workbook (or one CSV file):

- sheet 细则 / items: one row per item, under a header row with these columns (Chinese header
  or its English alias; order free; a title row above the header is fine):
  分类/category, 分类编码/category_code (optional), 编码/code, 国标编码/gb_code, 问题/text,
  标准/criteria (optional), 分值/weight (optional), 每处扣分/deduction_per_case,
  单项上限/max_deduction (optional when 分值 is given), 严重程度/severity (一般/较重/严重 or
  minor/major/severe), 整改时限/due_amount, 时限单位/due_unit (工作时/工作日/小时/天 or
  work_hours/work_days/hours/days), 须拍照/photo_required (是/否, true/false, 1/0).
  Items of one category come under its name, in the order of the rows.
- sheet 模板 / template: two columns, a name and a value per row: 名称/name, 版本/version,
  满分/full_score (default 100), 说明/description. In a CSV file (one sheet) these rows may stand
  above the items' header instead.
- sheet 分类 / categories (optional): 分类/category, 分类编码/code, 分类封顶/max_deduction: a
  category's cap (分类封顶, see domain/template.py).

`sheet_body` converts the cells and names every cell it cannot read by item (its code, or
#row when it has none), row and column; `domain.template.parse_template` then judges the
body's rules. Qt-free and file-free: app/template_file.py reads the file.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from domain.i18n import QT_TRANSLATE_NOOP, Message

_CTX = "template_file"


class SheetLike(Protocol):
    """A sheet of text cells, as app/sheet_table.py reads one."""

    @property
    def name(self) -> str: ...

    @property
    def rows(self) -> list[tuple[int, list[str]]]: ...


def norm(text: str) -> str:
    """A header or word as compared: no spaces, _, -, * or a trailing (hint); lower case."""
    text = re.sub(r"[(（][^()（）]*[)）]\s*$", "", text.strip())
    return re.sub(r"[\s_\-*＊:：]", "", text).lower()


@dataclass(frozen=True)
class Column:
    key: str
    label: str  # as problems name it
    aliases: tuple[str, ...]
    required: bool = True


ITEM_COLUMNS = (
    Column("category", "分类/category", ("分类", "category", "类别", "分类名称")),
    Column("category_code", "分类编码/category_code", ("分类编码", "category_code"), False),
    Column("code", "编码/code", ("编码", "code", "细则编码", "编号", "项目编码")),
    Column("gb_code", "国标编码/gb_code", ("国标编码", "gb_code", "gb", "gbcode", "国标代码")),
    Column("text", "问题/text", ("问题", "text", "检查内容", "考核内容", "问题名称", "项目")),
    Column("criteria", "标准/criteria", ("标准", "criteria", "考核标准", "扣分标准"), False),
    Column("weight", "分值/weight", ("分值", "weight", "分数"), False),
    Column(
        "deduction_per_case",
        "每处扣分/deduction_per_case",
        ("每处扣分", "deduction_per_case", "每次扣分", "扣分", "每件扣分"),
    ),
    Column(
        "max_deduction",
        "单项上限/max_deduction",
        ("单项上限", "max_deduction", "扣分上限", "最高扣分", "上限"),
        False,
    ),
    Column("severity", "严重程度/severity", ("严重程度", "severity", "等级", "程度")),
    Column("due_amount", "整改时限/due_amount", ("整改时限", "due_amount", "时限")),
    Column("due_unit", "时限单位/due_unit", ("时限单位", "due_unit", "单位")),
    Column(
        "photo_required", "须拍照/photo_required", ("须拍照", "photo_required", "需拍照", "拍照")
    ),
)
CATEGORY_COLUMNS = (
    Column("category", "分类/category", ("分类", "category", "类别", "分类名称")),
    Column("code", "分类编码/code", ("分类编码", "code", "编码"), False),
    Column(
        "max_deduction",
        "分类封顶/max_deduction",
        ("分类封顶", "封顶", "max_deduction", "cap", "分类上限"),
        False,
    ),
)
HEADER_FIELDS = {  # the 模板 sheet's names → body keys
    "name": ("名称", "name", "模板名称", "细则名称"),
    "version": ("版本", "version", "版本号"),
    "full_score": ("满分", "full_score", "总分"),
    "description": ("说明", "description", "备注"),
}
HEADER_LABELS = {
    "name": "名称/name",
    "version": "版本/version",
    "full_score": "满分/full_score",
    "description": "说明/description",
}
SHEET_NAMES = {
    "items": ("细则", "items", "考核细则", "检查项"),
    "template": ("模板", "template", "基本信息"),
    "categories": ("分类", "categories", "分类封顶"),
}
SEVERITY_WORDS = {
    "minor": ("minor", "一般", "轻微"),
    "major": ("major", "较重", "较大", "重要"),
    "severe": ("severe", "严重", "重大"),
}
DUE_UNIT_WORDS = {
    "work_hours": ("work_hours", "工作时", "工作小时", "个工作时", "个工作小时"),
    "work_days": ("work_days", "工作日", "个工作日"),
    "hours": ("hours", "小时", "个小时", "自然小时"),
    "days": ("days", "天", "日", "自然日"),
}
TRUE_WORDS = ("是", "需要", "须", "必须", "true", "yes", "y", "1", "√")
FALSE_WORDS = ("否", "不需要", "无需", "false", "no", "n", "0", "×")


def _lookup(words: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {norm(w): key for key, ws in words.items() for w in ws}


_SEVERITY = _lookup(SEVERITY_WORDS)
_DUE_UNIT = _lookup(DUE_UNIT_WORDS)
_BOOL = {**{norm(w): True for w in TRUE_WORDS}, **{norm(w): False for w in FALSE_WORDS}}
_CHOICES: dict[str, dict[str, Any]] = {
    "severity": _SEVERITY,
    "due_unit": _DUE_UNIT,
    "photo_required": _BOOL,
}
_CHOICE_NAMES = {  # as a problem lists them
    "severity": "、".join(f"{ws[1]}/{key}" for key, ws in SEVERITY_WORDS.items()),
    "due_unit": "、".join(f"{ws[1]}/{key}" for key, ws in DUE_UNIT_WORDS.items()),
    "photo_required": "是/true、否/false",
}
_HEADER_KEYS = _lookup({k: v for k, v in HEADER_FIELDS.items()})


def _msg(text: str, **values: Any) -> Message:
    return Message(_CTX, text, values)


def column_map(cells: Sequence[str], columns: Sequence[Column]) -> dict[str, int]:
    """Column key → its index in a header row (the first cell naming it)."""
    aliases = {norm(a): c.key for c in columns for a in c.aliases}
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        key = aliases.get(norm(cell))
        if key is not None and key not in found:
            found[key] = index
    return found


def header_score(columns: Sequence[Column]) -> Callable[[Sequence[str]], int]:
    """For sheet_table.header_index: how many of `columns` a row names."""
    return lambda cells: len(column_map(cells, columns))


def _number(text: str) -> float | int | None:
    try:
        value = float(text.replace(",", "").replace("，", ""))
    except ValueError:
        return None
    if value != value or value in (float("inf"), float("-inf")):
        return None
    return int(value) if value.is_integer() else value


@dataclass
class _Cells:
    """One item row's cells, with the problems of reading them."""

    row: int
    item: str
    problems: list[Message]

    def problem(self, text: str, column: Column, **values: Any) -> None:
        self.problems.append(
            _msg(text, item=self.item, row=self.row, column=column.label, **values)
        )


def _choice(cells: _Cells, column: Column, text: str, words: dict[str, Any]) -> Any:
    value = words.get(norm(text))
    if value is None:
        cells.problem(
            QT_TRANSLATE_NOOP(
                "template_file",
                "Item {item} (row {row}), column {column}: {value!r} is not one of {choices}",
            ),
            column,
            value=text,
            choices=_CHOICE_NAMES[column.key],
        )
    return value


def _item(
    row: int, values: list[str], columns: dict[str, int], problems: list[Message]
) -> dict[str, Any]:
    def cell(key: str) -> str:
        index = columns.get(key)
        return values[index].strip() if index is not None and index < len(values) else ""

    code = cell("code")
    cells = _Cells(row, code or f"#{row}", problems)
    raw: dict[str, Any] = {}
    for column in ITEM_COLUMNS:
        text = cell(column.key)
        if column.key not in columns:
            continue
        if not text:
            if column.required:
                cells.problem(
                    QT_TRANSLATE_NOOP(
                        "template_file",
                        "Item {item} (row {row}), column {column}: empty "
                        "(a formula without a saved value reads as empty)",
                    ),
                    column,
                )
            continue
        if column.key in ("weight", "deduction_per_case", "max_deduction", "due_amount"):
            number = _number(text)
            if number is None:
                cells.problem(
                    QT_TRANSLATE_NOOP(
                        "template_file",
                        "Item {item} (row {row}), column {column}: {value!r} is not a number",
                    ),
                    column,
                    value=text,
                )
            else:
                raw[column.key] = number
        elif column.key in _CHOICES:
            value = _choice(cells, column, text, _CHOICES[column.key])
            if value is not None:  # else named here; left out of the body
                raw[column.key] = value
        else:
            raw[column.key] = text
    if (
        "weight" not in raw
        and "max_deduction" not in raw
        and not cell("weight")
        and not cell("max_deduction")
        and ("weight" in columns or "max_deduction" in columns)
    ):
        cells.problem(
            QT_TRANSLATE_NOOP(
                "template_file",
                "Item {item} (row {row}), column {column}: empty; an item needs its weight "
                "(分值) or its cap (单项上限)",
            ),
            ITEM_COLUMNS[6] if "weight" in columns else ITEM_COLUMNS[8],
        )
    raw.setdefault("criteria", "")
    return raw


def _find(sheets: Sequence[SheetLike], kind: str) -> SheetLike | None:
    names = {norm(n) for n in SHEET_NAMES[kind]}
    return next((s for s in sheets if norm(s.name) in names), None)


def _best_header(sheet: SheetLike, columns: Sequence[Column]) -> tuple[int, dict[str, int]]:
    """(index in sheet.rows of the header row, its columns); (-1, {}) when no row has any."""
    best, at = 0, -1
    for index, (_, cells) in enumerate(sheet.rows[:10]):
        found = len(column_map(cells, columns))
        if found > best:
            best, at = found, index
    return at, column_map(sheet.rows[at][1], columns) if at >= 0 else {}


def _header_values(
    rows: Sequence[tuple[int, list[str]]], body: dict[str, Any], problems: list[Message]
) -> None:
    """名称/版本/满分/说明 rows (a name cell, then its value) into the body."""
    for number, cells in rows:
        if len(cells) < 2:
            continue
        key = _HEADER_KEYS.get(norm(cells[0]))
        if key is None or key in body:
            continue
        text = cells[1].strip()
        if key in ("version", "full_score"):
            value = _number(text)
            if value is None or (key == "version" and not isinstance(value, int)):
                problems.append(
                    _msg(
                        QT_TRANSLATE_NOOP(
                            "template_file", "Row {row}, {field}: {value!r} is not a number"
                        )
                        if key == "full_score"
                        else QT_TRANSLATE_NOOP(
                            "template_file", "Row {row}, {field}: {value!r} is not a whole number"
                        ),
                        item="",
                        row=number,
                        field=HEADER_LABELS[key],
                        value=text,
                    )
                )
                continue
            body[key] = value
        else:
            body[key] = text


def sheet_body(sheets: Sequence[SheetLike]) -> tuple[dict[str, Any] | None, list[Message]]:
    """The template body the sheets hold, and every cell it could not read (each naming its
    item or row and column). The body is None when there are no items to speak of."""
    problems: list[Message] = []
    items_sheet = _find(sheets, "items")
    candidates = [items_sheet] if items_sheet is not None else list(sheets)
    best: tuple[int, int, dict[str, int], SheetLike] | None = None
    for sheet in candidates:
        at, columns = _best_header(sheet, ITEM_COLUMNS)
        if at >= 0 and (best is None or len(columns) > len(best[2])):
            best = (len(columns), at, columns, sheet)
    if best is None or "code" not in best[2] or "text" not in best[2]:
        problems.append(
            _msg(
                QT_TRANSLATE_NOOP(
                    "template_file",
                    "No sheet of items found: a header row naming at least 编码/code and "
                    "问题/text is needed (sheet 细则/items)",
                ),
                item="",
            )
        )
        return None, problems
    _, at, columns, sheet = best
    header_row = sheet.rows[at][0]
    for column in ITEM_COLUMNS:
        if column.required and column.key not in columns:
            problems.append(
                _msg(
                    QT_TRANSLATE_NOOP(
                        "template_file", "Sheet {sheet}: column {column} is missing (row {row})"
                    ),
                    item="",
                    sheet=sheet.name,
                    column=column.label,
                    row=header_row,
                )
            )
    if "weight" not in columns and "max_deduction" not in columns:
        problems.append(
            _msg(
                QT_TRANSLATE_NOOP(
                    "template_file",
                    "Sheet {sheet}: a column 分值/weight or 单项上限/max_deduction is needed",
                ),
                item="",
                sheet=sheet.name,
            )
        )

    body: dict[str, Any] = {}
    template_sheet = _find(sheets, "template")
    if template_sheet is not None and template_sheet is not sheet:
        _header_values(template_sheet.rows, body, problems)
    _header_values(sheet.rows[:at], body, problems)  # name/version rows above the header
    body.setdefault("full_score", 100)

    categories: dict[str, dict[str, Any]] = {}
    first_row: dict[str, int] = {}
    for number, cells in sheet.rows[at + 1 :]:
        raw = _item(number, cells, columns, problems)
        code = raw.get("code")
        if isinstance(code, str):
            if code in first_row:
                problems.append(
                    _msg(
                        QT_TRANSLATE_NOOP(
                            "template_file",
                            "Item {item} (row {row}), column {column}: the code is already used "
                            "in row {first}",
                        ),
                        item=code,
                        row=number,
                        column="编码/code",
                        first=first_row[code],
                    )
                )
            else:
                first_row[code] = number
        name = str(raw.pop("category", "") or "")
        category_code = raw.pop("category_code", None)
        category = categories.get(name)
        if category is None:
            category = categories[name] = {"name": name, "items": []}
            if category_code:
                category["code"] = category_code
        category["items"].append(raw)

    categories_sheet = _find(sheets, "categories")
    if categories_sheet is not None and categories_sheet is not sheet:
        _category_caps(categories_sheet, categories, problems)
    body["categories"] = list(categories.values())
    return body, problems


def _category_caps(
    sheet: SheetLike, categories: dict[str, dict[str, Any]], problems: list[Message]
) -> None:
    at, columns = _best_header(sheet, CATEGORY_COLUMNS)
    if at < 0 or "category" not in columns:
        return
    cap_column = CATEGORY_COLUMNS[2]
    for number, cells in sheet.rows[at + 1 :]:

        def cell(key: str, cells: list[str] = cells) -> str:
            index = columns.get(key)
            return cells[index].strip() if index is not None and index < len(cells) else ""

        name = cell("category")
        if not name:
            continue
        category = categories.get(name)
        if category is None:
            problems.append(
                _msg(
                    QT_TRANSLATE_NOOP(
                        "template_file",
                        "Sheet {sheet}, row {row}: category {category} has no items",
                    ),
                    item="",
                    category=name,
                    sheet=sheet.name,
                    row=number,
                )
            )
            continue
        if cell("code") and "code" not in category:
            category["code"] = cell("code")
        text = cell("max_deduction")
        if text:
            value = _number(text)
            if value is None:
                problems.append(
                    _msg(
                        QT_TRANSLATE_NOOP(
                            "template_file",
                            "Category {category} (row {row}), column {column}: "
                            "{value!r} is not a number",
                        ),
                        category=name,
                        row=number,
                        column=cap_column.label,
                        value=text,
                    )
                )
            else:
                category["max_deduction"] = value
