"""The composite workbook: every total and every computed score is an Excel formula over the
component sheets and 说明, and the formulas' values — computed here from the cells (no spreadsheet
program needed) — are the domain's figures for the hand-worked quarter and its year. A rule
changed in 说明 changes the totals, as it would in Excel."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.utils import column_index_from_string, get_column_letter

from app.documents.composite_model import CompositeIncomplete
from app.documents.composite_workbook import (
    CompositeData,
    workbook_title,
    write_composite_workbook,
)
from domain.composite import assess_composite, parse_period
from tests.core.test_composite import AS_OF, Q3, TZ, imported, quarter_facts

REF = re.compile(r"(?:'([^']+)'!)?\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?")


class Cells:
    """A small evaluator of the workbook's formulas: + − × ÷, MAX, AVERAGE, COUNT, references
    and ranges across sheets. A blank cell is 0 in arithmetic and skipped by AVERAGE and COUNT,
    as in Excel."""

    def __init__(self, book: openpyxl.Workbook) -> None:
        self.book = book

    def raw(self, sheet: str, column: str, row: int) -> Any:
        return self.book[sheet][f"{column}{row}"].value

    def value(self, sheet: str, column: str, row: int) -> Any:
        raw = self.raw(sheet, column, row)
        if isinstance(raw, str) and raw.startswith("="):
            return self.formula(sheet, raw[1:])
        return raw

    def formula(self, sheet: str, text: str) -> float:
        values: list[Any] = []

        def ref(match: re.Match[str]) -> str:
            where = match.group(1) or sheet
            if match.group(4):  # a range, within a row
                first = column_index_from_string(match.group(2))
                last = column_index_from_string(match.group(4))
                row = int(match.group(3))
                cells = [
                    self.value(where, get_column_letter(c), row) for c in range(first, last + 1)
                ]
                values.append([c for c in cells if c is not None])
            else:
                values.append(self.value(where, match.group(2), int(match.group(3))) or 0)
            return f"_v[{len(values) - 1}]"

        code = REF.sub(ref, text)
        code = (
            code.replace("MAX(", "_max(").replace("AVERAGE(", "_avg(").replace("COUNT(", "_count(")
        )
        return eval(  # our own workbook's formulas, reduced to arithmetic
            code,
            {
                "_v": values,
                "_max": lambda *a: max(a),
                "_avg": lambda cells: sum(cells) / len(cells),
                "_count": lambda cells: len(cells),
            },
        )


def write(tmp_path: Path, a, name: str = "w.xlsx") -> openpyxl.Workbook:
    out = write_composite_workbook(CompositeData(workbook_title(a), a, "青山县"), tmp_path / name)
    return openpyxl.load_workbook(out)


def year_assessment():
    imports = tuple(
        imported(key, a, b, f"2026-Q{q}")
        for q in (2, 3)
        for key, a, b in (
            ("third_party", "88", "72"),
            ("survey", "90", "65"),
            ("special", "95", "90"),
            ("professional", "85", "70"),
        )
    )
    return assess_composite(parse_period("2026", TZ), quarter_facts(imports), as_of=AS_OF)


@pytest.mark.parametrize("period", ["quarter", "year"])
def test_the_totals_are_formulas_whose_values_are_the_domains(tmp_path: Path, period) -> None:
    a = (
        assess_composite(Q3, quarter_facts(), as_of=AS_OF)
        if period == "quarter"
        else year_assessment()
    )
    book = write(tmp_path, a)
    assert book.sheetnames == [
        "综合",
        "督查",
        "问题办理",
        "视频曝光",
        "马路办公",
        "第三方评估",
        "民调",
        "专项工作",
        "专业检查",
        "说明",
    ]
    cells = Cells(book)
    summary = book["综合"]
    header = [c.value for c in summary[1]]
    total_col = get_column_letter(header.index("总分") + 1)
    for row, u in enumerate(a.units, start=2):
        assert summary[f"B{row}"].value == u.unit_name
        if not u.checked:
            assert (
                summary[f"{total_col}{row}"].value is None and summary[f"L{row}"].value == "未检查"
            )
            continue
        formula = summary[f"{total_col}{row}"].value
        # weight × score / full marks, summed over the component sheets
        assert formula.startswith("='说明'!$C$2*'督查'!") and formula.count("+") == 7
        assert abs(cells.value("综合", total_col, row) - float(u.score)) < 1e-9
        for n, key in enumerate(u.parts):
            column = get_column_letter(3 + n)
            assert abs(cells.value("综合", column, row) - float(u.parts[key].points)) < 1e-9
    # 问题办理 is the rule written as a formula over its inputs and 说明's figures
    handling = book["问题办理"]["J3"].value
    assert handling.startswith("=MAX(0,'说明'!$D$3-'说明'!$C$14*E3")
    assert abs(cells.value("问题办理", "J", 3) - float(a.units[1].parts["handling"].score)) < 1e-9
    assert book["问题办理"]["E3"].value == "=MAX(0,'说明'!$C$13-C3)"


def test_a_rule_changed_in_the_rules_sheet_changes_the_totals(tmp_path: Path) -> None:
    a = assess_composite(Q3, quarter_facts(), as_of=AS_OF)
    book = write(tmp_path, a)
    rules = book["说明"]
    row = next(
        r for r in range(1, rules.max_row + 1) if rules[f"A{r}"].value == "马路办公：每次不在岗扣分"
    )
    assert rules[f"C{row}"].value == 2
    rules[f"C{row}"].value = 4
    cells = Cells(book)
    # 甲镇: one 不在岗 → 96 of 100 → 9.6 points (was 9.8): the total falls by 0.2
    assert abs(cells.value("马路办公", "E", 2) - 96) < 1e-9
    assert abs(cells.value("综合", "K", 2) - (93.6 - 0.2)) < 1e-9


def test_imported_components_show_their_file_and_a_missing_one_refuses(tmp_path: Path) -> None:
    a = assess_composite(Q3, quarter_facts(), as_of=AS_OF)
    survey = write(tmp_path, a)["民调"]
    assert [c.value for c in survey[1]] == ["责任单位", "导入得分", "得分", "折合分", "来源"]
    assert survey["B2"].value == 80 and survey["C2"].value == "=B2"
    assert "survey.xlsx" in survey["E2"].value
    partial = assess_composite(Q3, quarter_facts((imported("survey", "1", "2"),)), as_of=AS_OF)
    with pytest.raises(CompositeIncomplete, match="third_party"):
        write(tmp_path, partial, "partial.xlsx")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.xlsx"]  # nothing else written
