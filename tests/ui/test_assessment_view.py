"""The 统计通报 tab on a real window over the hand-worked fixture month: the ranking, grades,
flags and lists as computed in tests/core/test_assessment.py; rules from the office's record
apply."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QSettings

from domain.assessment import Period, Rules
from local_db.org_settings import org_settings, save_org_settings
from local_db.store import Store
from tests.core.fixture_month import AS_OF, build


def _month_store(folder: Path) -> dict[str, str]:
    store = Store.open(folder)
    month = build(store)
    names = {letter: store.row("unit", unit_id)["name"] for letter, unit_id in month.units.items()}
    reviewer = store.rows("SELECT id FROM person WHERE role = 'reviewer'")[0]["id"]
    with store.transaction():
        store.set_meta("local_person_id", reviewer)  # no first-run name prompt
    store.close()
    return names


def _computed(qtbot, view, period: Period) -> list[list[str]]:
    view.as_of = AS_OF  # the fixture's dates are worked out as of 5 Dec 2026
    view.set_period(period)
    job = view.job
    qtbot.waitUntil(lambda: not job.running() and view.result is not None, timeout=20000)
    qtbot.waitUntil(lambda: view.result.assessment.period == period, timeout=20000)
    table = view.table
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def test_the_ranking_as_worked_out_by_hand(qtbot, launch, tmp_path):
    names = _month_store(tmp_path)
    window = launch(tmp_path)
    view = window.assessment
    window.tabs.setCurrentWidget(view)
    rows = _computed(qtbot, view, Period.month(2026, 11))
    by_name = {r[1]: r for r in rows}
    assert [r[1] for r in rows[:3]] == [names["A"], names["B"], names["C"]]
    assert {rows[3][1], rows[4][1]} == {names["E"], names["F"]} and rows[3][0] == rows[4][0] == "4"
    assert rows[5][1] == names["G"] and rows[6][1] == names["D"]
    assert by_name[names["B"]][2:4] == ["94.00", "优秀"] and by_name[names["B"]][10] == "流动红旗"
    # A ranks first, but its 返工率 (33.3 %) is above the office's 20 %: no 流动红旗.
    assert by_name[names["A"]][2] == "95.00" and by_name[names["A"]][6] == "100.0%"
    assert by_name[names["A"]][8] == "33.3%" and by_name[names["A"]][10] == ""
    assert by_name[names["G"]][2:4] == ["56.50", "不合格"] and by_name[names["G"]][10] == "黄旗"
    assert by_name[names["D"]][0] == "—" and by_name[names["D"]][2] == "未检查"
    # E and F (89, 良好) are among the bottom three ranks but not below the 黑榜 line (80).
    assert [by_name[names[x]][11] for x in "ABCEFG"] == ["红榜"] * 3 + ["", "", "黑榜"]
    assert "检查 7 次" in view.figures.text()

    # The chart follows the selected unit: twelve months, a score in November only.
    view.table.selectRow(0)
    assert len(view.chart.values) == 12 and view.chart.values[-1] == Decimal(95)
    assert names["A"] in view.chart.title
    assert view.chart.ticks() == [50, 60, 70, 80, 90, 100]


def test_rules_from_the_offices_record_change_the_scores(qtbot, launch, tmp_path):
    names = _month_store(tmp_path)
    store = Store.open(tmp_path)
    rules = Rules(overdue_penalty=Decimal(5), excellent_from=Decimal(95))
    with store.transaction():
        save_org_settings(store, replace(org_settings(store), rules=rules), None)
    store.close()
    QSettings().setValue("assessment/overdue_penalty", "0")  # a laptop's old value: not read
    window = launch(tmp_path)
    view = window.assessment
    window.tabs.setCurrentWidget(view)
    rows = {r[1]: r for r in _computed(qtbot, view, Period.month(2026, 11))}
    assert rows[names["A"]][2:4] == ["95.00", "优秀"]  # 95.5 − 0.5: nothing overdue or late
    assert rows[names["C"]][2:4] == ["85.00", "良好"]  # 90 − 5


def test_the_trend_scale_steps_roundly_and_skips_no_tick():
    """Seen: an axis of 50, 60, 80, 90, 100 (no 70)."""
    from app.assessment.trend_chart import scale_ticks

    assert scale_ticks(50, 100, finest=10) == [50, 60, 70, 80, 90, 100]
    assert scale_ticks(37.5, 100, finest=10) == [30, 40, 50, 60, 70, 80, 90, 100]
    assert scale_ticks(0, 100, finest=10) == [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]
    assert scale_ticks(0, 100, most=6, finest=10) == [0, 20, 40, 60, 80, 100]
    assert scale_ticks(50, 100, most=3, finest=10) == [40, 60, 80, 100]
    assert scale_ticks(50, 100) == [50, 55, 60, 65, 70, 75, 80, 85, 90, 95, 100]
    assert scale_ticks(500, 1000, most=8, finest=100) == [500, 600, 700, 800, 900, 1000]
    assert scale_ticks(85, 98, most=8) == [84, 86, 88, 90, 92, 94, 96, 98]


def test_the_chart_scale_follows_the_scores_and_the_full_score(qtbot):
    from app.assessment.trend_chart import TrendChart

    chart = TrendChart()
    qtbot.addWidget(chart)
    chart.set_series("", ["a", "b"], [Decimal("56.5"), Decimal(94)])
    assert chart.ticks() == [50, 60, 70, 80, 90, 100]
    chart.set_series("", ["a", "b"], [Decimal("31.2"), None])
    assert chart.ticks() == [30, 40, 50, 60, 70, 80, 90, 100]
    chart.set_series("", ["a"], [Decimal(870)], full_score=1000)
    assert chart.ticks() == [500, 600, 700, 800, 900, 1000]
