"""Template files (.xlsx, .csv, .json): read into a body, every problem naming its item (code or
#row) and column; never a traceback. The workbooks are real files written with openpyxl."""

import json
from pathlib import Path

import pytest
from openpyxl import Workbook

from app.template_file import load_template_file
from domain.template import parse_template

HEADER = [
    "分类",
    "分类编码",
    "编码",
    "国标编码",
    "问题",
    "标准",
    "分值",
    "每处扣分",
    "单项上限",
    "严重程度",
    "整改时限",
    "时限单位",
    "须拍照",
]
SEVERITY_ZH = {"minor": "一般", "major": "较重", "severe": "严重"}
UNIT_ZH = {"work_hours": "工作时", "work_days": "工作日", "hours": "小时", "days": "天"}


def item_rows(body: dict) -> list[list]:
    rows = []
    for category in body["categories"]:
        for item in category["items"]:
            rows.append(
                [
                    category["name"],
                    category["code"],
                    item["code"],
                    item["gb_code"],
                    item["text"],
                    item["criteria"],
                    item.get("weight", item["max_deduction"]),
                    item["deduction_per_case"],
                    item["max_deduction"],
                    SEVERITY_ZH[item["severity"]],
                    item["due_amount"],
                    UNIT_ZH[item["due_unit"]],
                    "是" if item["photo_required"] else "否",
                ]
            )
    return rows


def workbook(
    path: Path,
    rows: list[list],
    *,
    header: list[str] = HEADER,
    info: list[list] | None = None,
    caps: list[list] | None = None,
) -> Path:
    book = Workbook()
    items = book.active
    items.title = "细则"
    items.append(["城市精细化管理督查考核细则"])  # a title row above the header
    items.append(header)
    for row in rows:
        items.append(row)
    sheet = book.create_sheet("模板")
    for row in info if info is not None else [["名称", "测试细则"], ["版本", 2], ["满分", 100]]:
        sheet.append(row)
    if caps is not None:
        sheet = book.create_sheet("分类")
        sheet.append(["分类", "分类封顶"])
        for row in caps:
            sheet.append(row)
    book.save(path)
    return path


def row(code: str, **changes) -> list:
    values = {
        "分类": "道路",
        "分类编码": "DL",
        "编码": code,
        "国标编码": "06012",
        "问题": "道路不洁",
        "标准": "有垃圾",
        "分值": 3,
        "每处扣分": 0.5,
        "单项上限": 3,
        "严重程度": "一般",
        "整改时限": 4,
        "时限单位": "工作时",
        "须拍照": "是",
    }
    values.update(changes)
    return [values[h] for h in HEADER]


def texts(problems) -> list[str]:
    return [str(p) for p in problems]


def test_the_shipped_template_round_trips_through_a_workbook(tmp_path, template_body):
    path = workbook(
        tmp_path / "细则.xlsx",
        item_rows(template_body),
        info=[["名称", template_body["name"]], ["版本", 1], ["满分", 100]],
    )

    body, problems = load_template_file(path)

    assert problems == []
    assert body is not None
    template, shipped = parse_template(body), parse_template(template_body)
    assert template == shipped


def test_weights_and_category_caps_come_from_the_workbook(tmp_path):
    rows = [
        row("A-1", 分值=6, 单项上限="", 每处扣分=2),
        row("A-2", 分值=6, 单项上限=4),
        row("B-1", 分类="建筑", 分类编码="JZ"),  # no cap: no sum of caps is required
    ]
    path = workbook(tmp_path / "t.xlsx", rows, caps=[["道路", 10]])

    body, problems = load_template_file(path)

    assert problems == []
    template = parse_template(body)
    assert (template.name, template.version) == ("测试细则", 2)
    assert template.categories[0].max_deduction == 10
    assert (template.item("A-1").weight, template.item("A-1").max_deduction) == (6, 6)
    assert (template.item("A-2").weight, template.item("A-2").max_deduction) == (6, 4)


def test_bad_cells_name_their_item_and_column(tmp_path):
    rows = [
        row("A-1", 每处扣分="半分"),
        row("A-2", 严重程度="致命"),
        row("A-3", 时限单位="周"),
        row("A-4", 须拍照="也许"),
        row("", 问题="无编码"),
    ]
    path = workbook(tmp_path / "bad.xlsx", rows)

    body, problems = load_template_file(path)

    found = texts(problems)
    assert found[:5] == [
        "Item A-1 (row 3), column 每处扣分/deduction_per_case: '半分' is not a number",
        found[1],
        found[2],
        found[3],
        "Item #7 (row 7), column 编码/code: empty (a formula without a saved value reads as empty)",
    ]
    assert found[1].startswith("Item A-2 (row 4), column 严重程度/severity: '致命' is not one of")
    assert found[2].startswith("Item A-3 (row 5), column 时限单位/due_unit: '周' is not one of")
    assert found[3].startswith("Item A-4 (row 6), column 须拍照/photo_required: '也许'")
    assert body is not None  # for a preview, with its problems


def test_a_formula_without_a_saved_value_is_named(tmp_path):
    path = workbook(tmp_path / "f.xlsx", [row("A-1", 每处扣分="=1/2")])

    _, problems = load_template_file(path)

    # the reader names the cell: by its item and column, or (app/sheet_table.py refusing the
    # whole file at such a cell) by its sheet, row and column letter
    assert len(problems) == 1
    found = str(problems[0])
    assert "row 3" in found and "a formula without a saved value" in found
    assert "每处扣分" in found or "column H" in found


def test_duplicate_codes_name_both_rows_once(tmp_path):
    path = workbook(tmp_path / "d.xlsx", [row("A-1"), row("A-2"), row("A-1", 问题="另一项")])

    _, problems = load_template_file(path)

    assert texts(problems) == [
        "Item A-1 (row 5), column 编码/code: the code is already used in row 3"
    ]


def test_missing_columns_are_named(tmp_path):
    header = [h for h in HEADER if h not in ("国标编码", "时限单位")]
    rows = [[v for h, v in zip(HEADER, row("A-1"), strict=True) if h in header]]
    path = workbook(tmp_path / "m.xlsx", rows, header=header)

    _, problems = load_template_file(path)

    found = texts(problems)
    assert found[:2] == [
        "Sheet 细则: column 国标编码/gb_code is missing (row 2)",
        "Sheet 细则: column 时限单位/due_unit is missing (row 2)",
    ]


def test_rules_the_cells_cannot_show_are_named_by_item(tmp_path):
    rows = [row("A-1", 每处扣分=5, 单项上限=3, 分值=3), row("A-2", 国标编码="123")]
    path = workbook(tmp_path / "r.xlsx", rows)

    _, problems = load_template_file(path)

    assert texts(problems) == [
        "Item A-1: deduction per case 5.0 exceeds the cap 3.0",
        "Item A-2: GB/T 47678.5 code '123' is not 5 digits",
    ]


def test_english_headers_and_a_csv_with_name_rows_above_the_header(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text(
        "name,CSV细则\nversion,3\n"
        "category,code,gb_code,text,weight,deduction_per_case,severity,due_amount,due_unit,"
        "photo_required\n"
        "道路,A-1,06012,道路不洁,3,1,minor,4,work_hours,true\n",
        encoding="utf-8",
    )

    body, problems = load_template_file(path)

    assert problems == []
    template = parse_template(body)
    assert (template.name, template.version, template.item("A-1").max_deduction) == (
        "CSV细则",
        3,
        3,
    )


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("broken.xlsx", b"PK\x03\x04 not really a zip", "File broken.xlsx: not a readable .xlsx"),
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "File old.xls: an old .xls/.et workbook"),
        ("t.json", b'{"name": "x", "version": ', "File t.json: not valid JSON at line 1"),
        ("t.pdf", b"%PDF-1.4", "File t.pdf: not a template file"),
    ],
)
def test_unreadable_files_are_named(tmp_path, name, content, expected):
    path = tmp_path / name
    path.write_bytes(content)

    body, problems = load_template_file(path)

    assert body is None
    assert len(problems) == 1
    assert str(problems[0]).startswith(expected)


def test_a_missing_file_is_named(tmp_path):
    body, problems = load_template_file(tmp_path / "gone.xlsx")

    assert body is None
    assert texts(problems)[0].startswith("File gone.xlsx: cannot be read")


def test_json_file_is_judged_like_a_body(tmp_path, template_body):
    template_body["categories"][0]["items"][0]["weight"] = -1
    path = tmp_path / "t.json"
    path.write_text(json.dumps(template_body, ensure_ascii=False), encoding="utf-8")

    body, problems = load_template_file(path)

    assert body is not None
    assert texts(problems) == ["Item DL-01: the weight (分值) must be a number above 0"]


def test_an_item_with_a_bad_cell_still_has_its_other_problems_named(tmp_path):
    path = workbook(
        tmp_path / "two.xlsx",
        [row("A-1", 严重程度="致命", 国标编码="12"), row("A-2", 分值="", 单项上限="")],
    )

    _, problems = load_template_file(path)

    found = texts(problems)
    assert len(found) == 3, found
    assert found[0].startswith("Item A-1 (row 3), column 严重程度/severity: '致命'")
    assert found[1] == (
        "Item A-2 (row 4), column 分值/weight: empty; an item needs its weight (分值) "
        "or its cap (单项上限)"
    )
    assert found[2] == "Item A-1: GB/T 47678.5 code '12' is not 5 digits"
