"""The coverage tab on a real window over the hand-worked month of tests/core/test_coverage.py:
zones visited and not, by unit and zone, days since the last visit, and the warning of the
month's last week in the tab and the status bar."""

from __future__ import annotations

from datetime import date

from app.store_setup import open_store
from tests.core.test_coverage import _month
from tests.ui.conftest import close_window


def _office_store(folder) -> None:
    store = open_store(folder)
    try:
        _month(store)
        with store.transaction():
            me = store.save("person", {"name": "赵主任", "role": "reviewer"})
            store.set_meta("local_person_id", me["id"])
    finally:
        store.close()


def _show_november(qtbot, view, today: date) -> None:
    view.today = today
    view.year.setValue(2026)
    view.month.setCurrentIndex(10)  # computes
    view.compute()
    qtbot.waitUntil(
        lambda: (
            view.report is not None
            and view.report.first_day == date(2026, 11, 1)
            and view.report.as_of == min(today, date(2026, 11, 30))
        )
    )


def test_coverage_of_a_month_and_the_month_end_warning(qtbot, launch, tmp_path):
    _office_store(tmp_path)
    window = launch(tmp_path)
    window.tabs.setCurrentWidget(window.coverage)
    view = window.coverage
    _show_november(qtbot, view, date(2026, 12, 5))
    assert view.month.currentText() == "2026年11月"  # named as 统计通报 names months
    table = view.table
    cells = [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]
    assert cells == [
        ["城关镇人民政府", "东环路", "1", "2026-11-30", "0"],
        ["城关镇人民政府", "人民路", "2", "2026-11-20", "10"],
        ["城关镇人民政府", "解放街", "0", "2026-10-28", "33"],
        ["城市管理局", "公园", "0", "从未督查", "—"],
        ["城市管理局", "广场", "0", "从未督查", "—"],
    ]
    assert "5 个片区中 2 个已督查" in view.summary.text()
    assert not view.alert.isVisible()  # the month is over: no warning

    view.only_unvisited.setChecked(True)
    assert [table.item(r, 1).text() for r in range(table.rowCount())] == ["解放街", "公园", "广场"]

    # six days before the month ends: the office is warned, here and in the status bar
    _show_november(qtbot, view, date(2026, 11, 24))
    assert view.alert.isVisible()
    assert "3 个片区尚未督查" in view.alert.text() and "城市管理局 公园" in view.alert.text()
    assert window.coverage_note.text() == view.alert.text() and window.coverage_note.isVisible()
    window.statusBar().showMessage("已同步")  # a sync's passing message hides it only meanwhile
    window.statusBar().clearMessage()
    assert window.coverage_note.isVisible() and window.coverage_note.text() == view.alert.text()
    close_window(window)


def test_the_check_at_start_up_warns_without_making_the_tab(qtbot, launch, tmp_path):
    """The office's laptop reads this month's coverage by a job at start-up; in the month's last
    week its warning reaches the status bar, and the 覆盖情况 tab is still not made."""
    from app.assessment.coverage_view import month_end_check

    _office_store(tmp_path)
    window = launch(tmp_path)
    said: list[str] = []
    for today in (date(2026, 11, 20), date(2026, 11, 24)):  # a week and a half, six days left
        job = month_end_check(window.context, window, said.append, today=today)
        with qtbot.waitSignal(job.ended, timeout=10_000):
            pass
    assert len(said) == 1 and "3 个片区尚未督查" in said[0]
    assert window.pages.made("coverage") is None
    close_window(window)
