"""The month's workbook (.xlsx) from the hand-worked November 2026 store: it opens with openpyxl,
its ranking sheet is the computed ranking, and its values are real — datetime cells in Beijing
time, scores and rates as numbers with formats — with frozen headers and filters."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from app.documents.bulletin_export import export_workbook
from app.documents.workbook import MonthData, write_workbook
from domain.assessment import GRADES_ZH, Period
from local_db import bulletin_data
from local_db.assessment_data import assess_period
from local_db.store import Store
from tests.core.fixture_month import AS_OF, Month, build

NOVEMBER = Period.month(2026, 11)


@pytest.fixture
def month(tmp_path: Path):
    store = Store.open(tmp_path / "store")
    built = build(store)
    yield built
    store.close()


def workbook(month: Month, out: Path) -> openpyxl.Workbook:
    written = export_workbook(month.store, NOVEMBER, out, as_of=AS_OF)
    assert written == out and [p.name for p in out.parent.iterdir() if p.is_file()] == [out.name]
    return openpyxl.load_workbook(out)


def records(sheet) -> list[dict]:
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_the_ranking_sheet_is_the_computed_ranking(month: Month, tmp_path: Path) -> None:
    book = workbook(month, tmp_path / "工作簿.xlsx")
    assert book.sheetnames == ["排名", "问题明细", "整改通知", "问题来源", "覆盖情况"]
    sheet = book["排名"]
    rows = records(sheet)
    assessment = assess_period(month.store, NOVEMBER, as_of=AS_OF)
    assert len(rows) == len(assessment.units) == 7
    for row, unit in zip(rows, assessment.units, strict=True):
        assert row["责任单位"] == unit.unit_name
        assert row["排名"] == unit.rank
        if unit.score is None:
            assert row["得分"] is None and row["等次"] == "未检查"
            continue
        assert isinstance(row["得分"], int | float)  # a number, not text
        assert row["得分"] == pytest.approx(float(unit.score))
        assert row["等次"] == GRADES_ZH[unit.grade]
        assert row["逾期"] == unit.overdue and row["发现问题"] == unit.problems
        assert row["视频曝光"] == unit.video_exposures
    assert [(r["排名"], r["责任单位"], r["得分"]) for r in rows[:2]] == [
        (1, "城关镇人民政府", 95.0),
        (2, "东城街道办事处", 94.0),
    ]
    assert rows[-1]["责任单位"] == "县水利局" and rows[-1]["排名"] is None
    assert [r["备注"] for r in rows[:2]] == [None, "流动红旗"] and rows[5]["备注"] == "黄旗"
    assert [r["红黑榜"] for r in rows[3:6]] == [None, None, "黑榜"]
    # rates are fractions shown as percentages; nothing due leaves the cell empty
    cguan = rows[0]
    assert cguan["按期整改率"] == pytest.approx(1.0) and cguan["销号率"] == pytest.approx(1.0)
    assert cguan["返工率"] == pytest.approx(1 / 3)
    assert (cguan["按期整改"], cguan["超期整改"], cguan["逾期"]) == (2, 0, 0)
    assert rows[1]["按期整改率"] is None
    header = [c.value for c in sheet[1]]
    assert sheet.cell(2, header.index("得分") + 1).number_format == "0.00"
    assert sheet.cell(3, header.index("按期整改率") + 1).number_format == "0.0%"
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:W8"  # W: 视频曝光
    assert sheet.column_dimensions["B"].width >= 20


def test_findings_and_notices_with_real_dates(month: Month, tmp_path: Path) -> None:
    book = workbook(month, tmp_path / "m.xlsx")
    problems = records(book["问题明细"])
    assert len(problems) == len(bulletin_data.problems(month.store, NOVEMBER)) == 18
    first = problems[0]
    # A1: visited 1 Nov 00:10 Beijing (31 Oct in UTC), shown in Beijing time
    assert first["督查时间"] == datetime(2026, 11, 1, 0, 10)
    assert first["责任单位"] == "城关镇人民政府" and first["检查项编号"] == "DL-01"
    assert first["问题数（处）"] == 8 and first["扣分"] == pytest.approx(3.0)
    assert first["审核"] == "已采纳" and first["计入考核"] == "是"
    assert first["整改通知编号"].count("、") == 1  # a1 and a2 both name it
    assert {r["审核"] for r in problems} == {"已采纳", "已退回", "待审核"}
    assert sum(r["计入考核"] == "是" for r in problems) == 16
    sheet = book["问题明细"]
    assert sheet["A2"].is_date and sheet["A2"].number_format == "yyyy-mm-dd hh:mm"

    notices = {r["通知编号"]: r for r in records(book["整改通知"])}
    number = month.store.row("notice", month.notices["a2"])["number"]
    a2 = notices[number]  # extended from 20 Nov to 10 Dec
    assert a2["原整改期限"] == datetime(2026, 11, 20, 10, 0)
    assert a2["整改期限"] == datetime(2026, 12, 10, 10, 0)
    assert a2["计入本月考核"] == "否" and a2["本月下发"] == "是"
    a1 = notices[month.store.row("notice", month.notices["a1"])["number"]]
    assert a1["状态"] == "已销号" and a1["销号时间"] == datetime(2026, 11, 9, 10, 0)
    assert a1["签收人"] == "王签收" and a1["按期整改"] == "是" and a1["逾期"] == "否"
    assert sum(r["逾期"] == "是" and r["计入本月考核"] == "是" for r in notices.values()) == 5
    assert a2["按期整改"] is None  # not rectified yet: neither on time nor late (empty)
    sheet = book["整改通知"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:")
    due = [c.value for c in sheet[1]].index("整改期限") + 1
    assert all(sheet.cell(r, due).is_date for r in range(2, sheet.max_row + 1))


def test_a_month_without_anything_still_opens(month: Month, tmp_path: Path) -> None:
    out = export_workbook(month.store, Period.month(2026, 9), tmp_path / "x.xlsx", as_of=AS_OF)
    book = openpyxl.load_workbook(out)
    # units listed (未检查), no problem, no notice, every source (none) and the total, every
    # zone (not visited)
    assert [book[name].max_row for name in book.sheetnames] == [8, 1, 1, 8, 8]


def test_only_xlsx(month: Month, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"x\.csv"):
        export_workbook(month.store, NOVEMBER, tmp_path / "x.csv")
    assert not list(tmp_path.glob("x.*"))


def test_typed_text_stays_text(month: Month, tmp_path: Path) -> None:
    """A description that looks like a formula is not one; control characters are dropped."""
    found = bulletin_data.problems(month.store, NOVEMBER)
    typed = [replace(found[0], description='=HYPERLINK("http://x","点我")\x07')]
    data = MonthData("t", assess_period(month.store, NOVEMBER, as_of=AS_OF), typed, [], "办")
    book = openpyxl.load_workbook(write_workbook(data, tmp_path / "t.xlsx"))
    cell = book["问题明细"]["K2"]
    assert cell.value == '=HYPERLINK("http://x","点我")' and cell.data_type == "s"


def test_every_sheet_prints_landscape_fitted_to_width_with_its_header(
    month: Month, tmp_path: Path
) -> None:
    """Read back from the saved file: A4 landscape, all columns on the page's width (pages
    down as needed), row 1 repeated on every printed page, margins an office printer keeps."""
    book = workbook(month, tmp_path / "m.xlsx")
    for sheet in book.worksheets:
        setup = sheet.page_setup
        assert setup.orientation == "landscape", sheet.title
        assert int(setup.paperSize) == int(sheet.PAPERSIZE_A4) == 9  # A4
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert int(setup.fitToWidth) == 1 and int(setup.fitToHeight) == 0
        assert sheet.print_title_rows == "$1:$1"
        margins = sheet.page_margins
        assert 0.3 <= margins.left <= 0.8 and 0.3 <= margins.right <= 0.8
        assert 0.3 <= margins.top <= 0.8 and 0.3 <= margins.bottom <= 0.8
        assert "&P" in sheet.oddFooter.center.text


def test_the_coverage_sheet_by_unit_and_zone(month: Month, tmp_path: Path) -> None:
    """As of 5 December: A visited 1 and 3 Nov (A2' corrects A2: the same visit), B 10 and 12
    Nov (B3 is 1 Dec), C 13 Nov, E and F 16 Nov, G 20 Nov; D only 20 Oct: not visited."""
    book = workbook(month, tmp_path / "工作簿.xlsx")
    rows = {r["责任单位"]: r for r in records(book["覆盖情况"])}
    assert len(rows) == 7
    figures = {
        unit: tuple(
            r[k] for k in ("责任区域", "本期督查次数", "已督查", "最近督查日期", "距上次督查天数")
        )
        for unit, r in rows.items()
    }
    assert figures == {
        "城关镇人民政府": ("城关镇人民政府责任区", 2, "是", datetime(2026, 11, 3), 27),
        "东城街道办事处": ("东城街道办事处责任区", 2, "是", datetime(2026, 11, 12), 18),
        "县交通运输局": ("县交通运输局责任区", 1, "是", datetime(2026, 11, 13), 17),
        "县水利局": ("县水利局责任区", 0, "否", datetime(2026, 10, 20), 41),
        "西城街道办事处": ("西城街道办事处责任区", 1, "是", datetime(2026, 11, 16), 14),
        "县市场监督管理局": ("县市场监督管理局责任区", 1, "是", datetime(2026, 11, 16), 14),
        "青山环卫有限公司": ("青山环卫有限公司责任区", 1, "是", datetime(2026, 11, 20), 10),
    }
    assert book["覆盖情况"]["E2"].number_format == "yyyy-mm-dd"
