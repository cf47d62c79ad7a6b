"""The office reads its flag and 红黑榜 rules, and what overdue means, in words in 单位设置; an
admin moves a line, the words follow, and the month is ranked by the saved line."""

from __future__ import annotations

from decimal import Decimal

from domain.assessment import Period
from local_db.assessment_data import assess_period
from local_db.org_settings import org_settings
from local_db.store import Store
from tests.core.fixture_month import AS_OF
from tests.ui.test_assessment_view import _month_store
from tests.ui.test_settings import make_admin, save_org


def test_everyone_reads_the_rules_in_words(qtbot, launch, data_dir):
    window = launch(data_dir)  # an inspector: the dialog is read-only
    dialog = window.open_org_settings()
    assert not dialog.editable
    words = dialog.rules_words.text().splitlines()
    assert words == [
        "逾期：已过整改期限且尚未复查通过（复查已通过、只待销号的整改通知不算逾期）。"
        "逾期未整改或超期整改的整改通知每件扣 1 分。",
        "流动红旗：无逾期整改通知、按期整改率不低于 80%、返工率不高于 20% 的单位中排名最前者；"
        "无单位符合条件时当月不授予。",
        "黄旗：排名最后的单位，且仅当其得分低于 80 分。",
        "红榜：排名前三的单位（参与排名的单位少于六个时为前一半）。",
        "黑榜：排名后三位（参与排名的单位少于六个时为后一半）中得分低于 80 分的单位。",
    ]
    assert dialog.rules["shame_below"].isReadOnly()


def test_an_admin_moves_the_black_list_line_and_the_month_follows(qtbot, launch, tmp_path):
    names = _month_store(tmp_path)
    make_admin(tmp_path)
    window = launch(tmp_path)
    dialog = window.open_org_settings()
    dialog.office.setText("青山县城市管理督查办公室")
    dialog.rules["shame_below"].setValue(90)
    dialog.rules["red_rework_up_to"].setValue(50)
    assert "黄旗：排名最后的单位，且仅当其得分低于 90 分。" in dialog.rules_words.text()
    assert "返工率不高于 50% 的单位" in dialog.rules_words.text()
    dialog.rules["shame_below"].setValue(101)  # above the full score
    save_org(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.message.text() == "黄旗、黑榜的分数线不能高于满分。"
    dialog.rules["shame_below"].setValue(90)
    save_org(qtbot, dialog)
    assert not dialog.isVisible()
    store: Store = window.context.store
    rules = org_settings(store).rules
    assert (rules.shame_below, rules.red_rework_up_to) == (Decimal(90), Decimal(50))
    # The hand-worked month (tests/core/test_assessment.py) under these lines: A's 返工率 33.3 %
    # is now allowed, so A (first) holds the 流动红旗; E and F (89) fall below 90: 黑榜.
    month = assess_period(store, Period.month(2026, 11), rules=rules, as_of=AS_OF)
    by_name = {u.unit_name: u for u in month.units}
    assert {n for n, u in by_name.items() if u.flag == "red"} == {names["A"]}
    assert {n for n, u in by_name.items() if u.flag == "yellow"} == {names["G"]}
    assert {n for n, u in by_name.items() if u.board == "shame"} == {
        names["E"],
        names["F"],
        names["G"],
    }
