"""统计通报 on a quarter: the composite assessment of the hand-worked November 2026 (its quarter,
2026-Q4) in a real window — ranks, totals, components' points, and how the selected unit's
components were made; the banner naming the components not yet imported, and the export refused
while they are missing."""

from __future__ import annotations

from pathlib import Path

from domain.assessment import Period, points
from local_db.composite_data import assess_composite_period
from local_db.store import Store
from tests.core.fixture_month import AS_OF, build
from tests.ui.composite_imports import import_all

Q4 = Period.quarter(2026, 4)


def _store(folder: Path, imported: bool) -> dict[str, str]:
    store = Store.open(folder)
    month = build(store)
    if imported:
        import_all(store, "2026-Q4", month.units)
    reviewer = store.rows("SELECT id FROM person WHERE role = 'reviewer'")[0]["id"]
    with store.transaction():
        store.set_meta("local_person_id", reviewer)  # no first-run name prompt
    store.close()
    return month.units


def _shown(qtbot, window, period: Period) -> list[list[str]]:
    view = window.assessment
    window.tabs.setCurrentWidget(view)
    view.as_of = AS_OF
    view.set_period(period)
    qtbot.waitUntil(lambda: view.composite is not None and view.composite.period == period)
    qtbot.waitUntil(lambda: not view.job.running())
    table = view.panel.table
    assert view.pages.currentWidget() is view.panel
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def test_the_quarter_shows_the_composite_and_how_a_total_was_made(qtbot, launch, tmp_path):
    units = _store(tmp_path, imported=True)
    window = launch(tmp_path, "en")  # the texts asserted are the source texts
    rows = _shown(qtbot, window, Q4)
    view = window.assessment
    store = Store.open(tmp_path)
    try:
        expected = assess_composite_period(store, Q4, as_of=AS_OF)
    finally:
        store.close()
    assert expected.complete and len(expected.ranked) == 7
    names = {u.unit_id: u.unit_name for u in expected.units}
    # The table: rank, unit, total, then one column per component (8) with its points.
    assert len(rows) == 7 and view.panel.table.columnCount() == 6 + 8
    for row, u in zip(rows, expected.units, strict=True):
        assert row[1] == u.unit_name
        assert row[0] == (str(u.rank) if u.rank else "—")
        if u.checked:
            assert row[2] == points(u.score)
            parts = [points(u.parts[k].points) for k in u.parts]
            assert row[6:] == parts
    # B (东城街道) first with the 流动红旗; D counts October's inspection; G last with the 黄旗.
    assert rows[0][1] == names[units["B"]] and "流动红旗" in rows[0][4] and "红榜" in rows[0][5]
    d = next(r for r in rows if r[1] == names[units["D"]])
    assert d[6] == "29.70"  # 督查: 99 of 100 → 29.7 of 30
    assert rows[6][1] == names[units["G"]] and "黄旗" in rows[6][4] and "黑榜" in rows[6][5]
    assert not view.panel.banner.isVisible()
    # The selected unit's steps: each component with the inputs behind it.
    view.panel.table.selectRow(0)
    first = expected.units[0]
    text = view.panel.steps.toPlainText()
    assert first.unit_name in text and points(first.score) in text
    assert "2026-10: not inspected, 2026-11: 94.00, 2026-12: 80.00" in text  # behind 督查
    assert "third_party-2026-Q4.xlsx" in text and "王考核" in text  # the import behind it
    assert "on duty 0, not on duty 0, not verified 0" in text


def test_missing_imports_are_named_in_a_banner_and_refuse_the_documents(qtbot, launch, tmp_path):
    _store(tmp_path, imported=False)
    window = launch(tmp_path, "en")  # the texts asserted are the source texts
    rows = _shown(qtbot, window, Q4)
    view = window.assessment
    banner = view.panel.banner
    assert banner.isVisible()
    for name in ("Third-party evaluation", "Public survey", "Special work"):
        assert name in banner.text()
    # where the user imports them in the app (the menu), not a command line
    assert "Assessment → Import assessment scores…" in banner.text()
    assert "ducha" not in banner.text()
    assert "(incomplete)" in rows[0][2]
    assert rows[0][3:6] == ["", "", ""]  # no grade, flag or list on an incomplete total
    out = tmp_path / "通报.pdf"
    assert view.export(".pdf", out) is None  # refused at once, nothing written
    assert "Professional inspection" in view.status.text() and not out.exists()


def test_the_year_is_offered_and_computed(qtbot, launch, tmp_path):
    _store(tmp_path, imported=True)  # the year takes its quarters' imports
    window = launch(tmp_path, "en")  # the texts asserted are the source texts
    view = window.assessment
    rows = _shown(qtbot, window, Period.year_of(2026))
    assert not view.number.isVisibleTo(view)
    assert len(view.composite.months) == 12 and not view.panel.banner.isVisible()
    assert rows[0][0] == "1"


def test_the_three_exports_of_a_quarter_run_in_a_job(qtbot, launch, tmp_path):
    _store(tmp_path / "data", imported=True)
    window = launch(tmp_path / "data", "en")
    _shown(qtbot, window, Q4)
    view = window.assessment
    for suffix in (".pdf", ".docx", ".xlsx"):
        out = tmp_path / f"季度考核通报{suffix}"
        job = view.export(suffix, out)
        assert job is not None
        with qtbot.waitSignal(job.done, timeout=60000):
            pass
        assert out.stat().st_size > 0
        assert view.status.text() == f"Saved {out}"
