"""The 统计通报 month picker names months as people write them, in the user's language."""

from __future__ import annotations

import pytest

from domain.assessment import Period


@pytest.mark.parametrize(
    ("language", "december", "quarter"),
    [("en", "December 2026", "Q4 2026"), ("zh_CN", "2026年12月", "2026年第4季度")],
)
def test_the_month_picker_reads_month_and_year(
    qtbot, launch, data_dir, language, december, quarter
):
    window = launch(data_dir, language)
    view = window.assessment
    window.tabs.setCurrentWidget(view)
    view.set_period(Period.month(2026, 12))
    assert view.number.currentText() == december
    assert "month" not in view.number.itemText(0)
    view.year.setValue(2027)  # the names follow the year, the month stays chosen
    assert view.number.currentText() == december.replace("2026", "2027")
    view.kind.setCurrentIndex(view.kind.findData("quarter"))
    view.year.setValue(2026)
    view.number.setCurrentIndex(3)
    assert view.number.currentText() == quarter
    qtbot.waitUntil(lambda: view.job is None or not view.job.running(), timeout=20000)
