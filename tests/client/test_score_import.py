"""Importing an assessment component from the file the office received (app/assessment/
score_import.py) into a real store: the refusals, each named by sheet, row and column, with
nothing applied; the warnings for units the file does not score; a later import of the period
replacing the earlier one, which its history keeps; the quarter's composite assessment reading
what was imported."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from app.assessment.score_import import applied_lines, apply_scores, read_scores, render
from domain.assessment import Period
from domain.composite_config import DEFAULT_CONFIG, CompositeConfig
from local_db.assessment_data import units
from local_db.assessment_imports import held_import, imports
from local_db.composite_data import assess_composite_period
from local_db.store import Store

TZ = "Asia/Shanghai"
NAMES = ("城关镇人民政府", "开发区管委会", "县市场监督管理局")


@pytest.fixture
def store(tmp_path: Path):
    opened = Store.open(tmp_path / "data")
    for name in NAMES:
        opened.save("unit", {"name": name, "kind": "town"})
    yield opened
    opened.close()


def workbook(path: Path, rows: list[list[object]], title: str = "考核") -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def csv_file(path: Path, rows: list[list[str]], encoding: str = "utf-8-sig") -> Path:
    path.write_bytes("\n".join(",".join(r) for r in rows).encode(encoding))
    return path


def read(
    store: Store,
    path: Path,
    period: str = "2026-Q3",
    component: str | None = None,
    config: CompositeConfig = DEFAULT_CONFIG,
):
    return read_scores(
        path, period=period, component=component, units=units(store), config=config, tz=TZ
    )


def test_a_workbook_of_two_components_is_imported_and_assessed(store, tmp_path):
    path = workbook(
        tmp_path / "2026年第三季度.xlsx",
        [
            ["2026年第三季度考核分项得分"],  # a title before the header
            ["单位", "第三方评估", "民调"],
            ["城关镇人民政府", 92.5, 88],
            ["开发区管委会", 80, 90.25],
        ],
    )
    plan = read(store, path)
    assert plan.ok, [render(p) for p in plan.problems]
    assert [render(w) for w in plan.warnings] == [
        "第三方评估: 1 units are not scored by this file and stay missing: 县市场监督管理局",
        "民调: 1 units are not scored by this file and stay missing: 县市场监督管理局",
    ]
    done = apply_scores(store, plan, None)
    assert [d.component for d in done] == ["third_party", "survey"]
    assert applied_lines(done)[0] == "第三方评估 2026-Q3: 2 units imported from 2026年第三季度.xlsx"
    held = {(i["component"], i["period"]): i for i in imports(store)}
    by_name = {u.name: u.id for u in units(store)}
    assert held[("survey", "2026-Q3")]["scores"] == {
        by_name["城关镇人民政府"]: Decimal(88),
        by_name["开发区管委会"]: Decimal("90.25"),
    }
    assert store.db.execute("SELECT count(*) FROM outbox").fetchone()[0] >= 2  # for the server

    result = assess_composite_period(store, Period.quarter(2026, 3, TZ))
    unit = next(u for u in result.units if u.unit_name == "城关镇人民政府")
    assert unit.parts["third_party"].score == Decimal("92.5")
    assert unit.parts["survey"].score == Decimal(88)
    missing = next(u for u in result.units if u.unit_name == "县市场监督管理局")
    assert missing.parts["survey"].score is None


def test_a_gbk_csv_with_a_score_column_and_the_component_named(store, tmp_path):
    path = csv_file(
        tmp_path / "民调.csv",
        [
            ["单位", "得分"],
            ["城关镇人民政府", "77"],
            ["开发区管委会", "81"],
            ["县市场监督管理局", "90"],
        ],
        encoding="gbk",
    )
    plan = read(store, path, period="2026", component="民调")
    assert plan.ok and not plan.warnings, [render(p) for p in plan.problems]
    assert plan.period == "2026" and set(plan.scores) == {"survey"}


def no_survey() -> CompositeConfig:
    kept = [c for c in DEFAULT_CONFIG.components if c.key != "survey"]
    kept[0] = replace(kept[0], weight=kept[0].weight + 10)
    return replace(DEFAULT_CONFIG, components=tuple(kept))


REFUSALS = [
    (
        [
            ["单位", "民调"],
            ["城关镇人民政府", "88"],
            ["开发区管委会", "90"],
            ["县市场监督管理局", "九十"],
        ],
        {},
        "Row 4, column 民调: '九十' is not a number.",
    ),
    (
        [["单位", "民调"], ["城关镇人民政府", "88"], ["城关镇政府", "90"]],
        {},
        "Row 3, column 单位: no unit is named 城关镇政府.",
    ),
    (
        [
            ["单位", "民调"],
            ["城关镇人民政府", "88"],
            ["开发区管委会", "70"],
            ["城关镇人民政府", "90"],
        ],
        {},
        "Row 4, column 单位: 城关镇人民政府 is listed twice (first on row 2).",
    ),
    (
        [["单位", "民调"], ["城关镇人民政府", "100.5"]],
        {},
        "Row 2, column 民调: 100.5 is outside 0 to 100 (full marks).",
    ),
    (
        [["单位", "民调"], ["城关镇人民政府", "-1"]],
        {},
        "Row 2, column 民调: -1 is outside 0 to 100 (full marks).",
    ),
    (
        [["单位", "民调"], ["城关镇人民政府", "88"]],
        {"config": no_survey()},
        "民调 is not a component of the office's composite assessment (单位设置 → 综合考核).",
    ),
    (
        [["单位", "民调"], ["城关镇人民政府", "88"]],
        {"period": "2026-07"},
        "2026-07 is not a quarter (e.g. 2026-Q3) or a year (2026).",
    ),
    (
        [["单位", "得分"], ["城关镇人民政府", "88"]],
        {},
        "The file has one column 得分: say which component it scores (第三方评估, 民调, 专项工作 "
        "or 专业检查).",
    ),
    (
        [["名称", "民调"], ["城关镇人民政府", "88"]],
        {},
        "scores.csv has no column 单位 (the unit's name) in its first rows.",
    ),
]


@pytest.mark.parametrize(("rows", "options", "problem"), REFUSALS)
def test_a_file_with_any_problem_imports_nothing(store, tmp_path, rows, options, problem):
    path = csv_file(tmp_path / "scores.csv", rows)
    plan = read(store, path, **options)
    assert not plan.ok
    assert problem in [render(p) for p in plan.problems]
    with pytest.raises(ValueError):
        apply_scores(store, plan, None)
    assert imports(store) == []


def test_a_sheet_names_its_sheet(store, tmp_path):
    path = workbook(tmp_path / "s.xlsx", [["单位", "专业检查"], ["开发区管委会", "优"]], "专业")
    plan = read(store, path)
    assert [render(p) for p in plan.problems] == [
        "Sheet 专业, row 2, column 专业检查: '优' is not a number."
    ]


def test_a_later_import_replaces_the_period_and_keeps_the_earlier_in_history(store, tmp_path):
    first = csv_file(tmp_path / "民调.csv", [["单位", "民调"], ["城关镇人民政府", "80"]])
    apply_scores(store, read(store, first), None)
    earlier = held_import(store, "survey", "2026-Q3")
    corrected = csv_file(
        tmp_path / "民调（更正）.csv", [["单位", "民调"], ["城关镇人民政府", "85"]]
    )
    done = apply_scores(store, read(store, corrected), None)
    assert done[0].replaced is not None and done[0].replaced["file_name"] == "民调.csv"
    assert applied_lines(done)[1].startswith("  replacing the import of ")
    (row,) = imports(store)  # one row of the period
    assert row["file_name"] == "民调（更正）.csv" and row["rev"] == 2
    assert list(row["scores"].values()) == [Decimal(85)]
    assert row["history"] == [
        {
            "imported_by": None,
            "imported_at": earlier["imported_at"],
            "file_name": "民调.csv",
            "file_sha256": earlier["file_sha256"],
        }
    ]


def test_a_tab_separated_txt_and_an_old_xls(store, tmp_path):
    """The reader the hotline import uses too (app/sheet_table.py): a .txt export with tabs is
    read; an old .xls is named as one."""
    path = tmp_path / "民调.txt"
    path.write_text("单位\t民调\n城关镇人民政府\t77\n开发区管委会\t81\n县市场监督管理局\t90\n")
    plan = read(store, path)
    assert plan.ok, [render(p) for p in plan.problems]
    assert plan.scores["survey"] and len(plan.scores["survey"]) == 3
    old = tmp_path / "民调.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    assert [render(p) for p in read(store, old).problems] == [
        "民调.xls is an old .xls workbook: save it again as .xlsx or CSV."
    ]


def test_the_import_names_who_imported_it_not_their_id(store, tmp_path):
    """The panel and the official document print `imported_by`: the person's name, never the
    id the row keeps (a person this laptop does not know: none)."""
    from local_db.composite_data import imported_scores

    me = store.save("person", {"name": "王考核", "role": "reviewer"})
    path = csv_file(tmp_path / "民调.csv", [["单位", "民调"], ["城关镇人民政府", "77"]])
    apply_scores(store, read(store, path), me["id"])
    [found] = imported_scores(store)
    assert found.imported_by == "王考核"
    path = csv_file(tmp_path / "专项.csv", [["单位", "专项工作"], ["城关镇人民政府", "90"]])
    apply_scores(store, read(store, path), "0" * 8 + "-0000-4000-8000-" + "0" * 12)
    assert {i.component: i.imported_by for i in imported_scores(store)} == {
        "survey": "王考核",
        "special": None,
    }
