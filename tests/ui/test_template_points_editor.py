"""The inspection editor shows what a template scores: each item's weight (分值) on its rule line,
and a capped category's deductions against its cap (本类已扣 8/10) on the item panel and the
checklist; the score follows the cap. An inspection on a version without caps shows no cap line.
Real windows, offscreen, at 1366×768."""

from __future__ import annotations

from pathlib import Path

from app.inspections.checklist_tree import category_cap_text
from app.labels import number
from app.store_setup import open_store
from local_db.reference import install_template
from tests.core.conftest import shipped_template_body
from tests.ui.conftest import new_inspection


def install_capped_v2(data_dir: Path) -> None:
    body = shipped_template_body()
    body["version"] = 2
    road = body["categories"][0]
    road["max_deduction"] = 10
    for item in road["items"]:
        item["weight"] = item["max_deduction"] + 1
    store = open_store(data_dir)
    install_template(store, body)
    store.close()


def select(editor, code: str) -> None:
    editor.tree.setCurrentItem(editor._items[code])


def test_weights_and_the_category_cap_are_shown_and_scored(qtbot, launch, data_dir, tmp_path):
    install_capped_v2(data_dir)
    window = launch(data_dir)
    editor = new_inspection(qtbot, window)  # on the newest version: v2
    assert editor.template.version == 2
    panel = editor.panel

    select(editor, "DL-01")
    assert f"{number(4, 2)}" in panel.rule.text()  # DL-01: weight 4 (its cap 3 + 1)
    assert panel.category_cap.isVisible()
    assert panel.category_cap.text().endswith(category_cap_text(0, 10))

    editor.set_result("DL-01", "problem", cases=20)  # 3
    editor.set_result("DL-02", "problem", cases=20)  # 5
    assert panel.category_cap.text().endswith(category_cap_text(8, 10))
    road = editor.tree.topLevelItem(0).text(0)
    assert road.startswith("道路") and road.endswith(category_cap_text(8, 10))
    assert editor.header["score"] == 92.0

    editor.set_result("DL-03", "problem", cases=20)  # 3 more: 11, the cap takes 10
    assert panel.category_cap.text().endswith(category_cap_text(10, 10))
    assert editor.header["score"] == 90.0
    assert number(90) in editor.score_label.text()

    select(editor, "JZ-01")  # 建筑 has no cap: no cap line
    assert not panel.category_cap.isVisible()
    assert "（" in editor.tree.topLevelItem(1).text(0)
    assert category_cap_text(0, 10)[:2] not in editor.tree.topLevelItem(1).text(0)[6:]

    select(editor, "DL-02")  # fits 1366×768 less a taskbar, cap line and all
    editor.resize(1366, 728)
    hint = editor.minimumSizeHint()
    assert hint.width() <= 1366 and hint.height() <= 728, hint
    assert panel.category_cap.geometry().right() <= panel.width()
    editor.grab().save(str(tmp_path / "editor_caps.png"))
