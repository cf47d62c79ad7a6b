"""导入考核分项…: the office chooses a file, the period and the component; the file is read in a
job; a file with a problem shows each by row and column and imports nothing; a good one shows
what was imported and what it replaced."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from local_db.assessment_imports import imports
from tests.ui.test_settings import make_admin


def _import(qtbot, dialog, path: Path, period: str, component: str | None = None) -> None:
    dialog.file.setText(str(path))
    dialog.period.setText(period)
    dialog.component.setCurrentIndex(dialog.component.findData(component))
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.job is not None
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled())


def test_the_office_imports_a_component_in_the_app(qtbot, launch, data_dir, tmp_path):
    make_admin(data_dir)
    window = launch(data_dir, "en")
    store = window.context.store
    names = [r["name"] for r in store.rows("SELECT name FROM unit ORDER BY name")]
    dialog = window.open_import_scores()
    assert dialog.period.text().count("-Q") == 1  # the last quarter, offered

    bad = tmp_path / "民调.csv"
    bad.write_text(f"单位,民调\n{names[0]},九十\n不存在的单位,80\n", encoding="utf-8")
    _import(qtbot, dialog, bad, "2026-Q3")
    assert dialog.report.toPlainText().splitlines() == [
        "Row 2, column 民调: '九十' is not a number.",
        "Row 3, column 单位: no unit is named 不存在的单位.",
    ]
    assert "Nothing was imported" in dialog.status.text()
    assert imports(store) == []

    nul = tmp_path / "民调.txt"  # Excel's "Unicode text" (UTF-16), a NUL in a unit's name
    nul.write_bytes(f"单位\t民调\r\n{names[0]}\x00\t90\r\n".encode("utf-16"))
    _import(qtbot, dialog, nul, "2026-Q3")
    assert dialog.report.toPlainText().splitlines() == [
        "民调.txt, row 2, column A: the cell holds a control character (U+0000) that cannot be "
        "kept: delete it and import again."
    ]
    assert imports(store) == []

    good = tmp_path / "专业检查.csv"
    good.write_text(f"单位,得分\n{names[0]},95\n", encoding="utf-8")
    _import(qtbot, dialog, good, "2026", "professional")
    lines = dialog.report.toPlainText().splitlines()
    assert lines[0] == "专业检查 2026: 1 units imported from 专业检查.csv"
    assert dialog.status.text() == "Imported; it goes to the server with the next sync."
    (row,) = imports(store)
    assert row["component"] == "professional" and row["period"] == "2026"
    dialog.reject()
