"""综合考核 in 单位设置: an admin sets the composite assessment (a component left out, weights,
full marks, the 问题办理 rules, the doubled sources, 视频曝光 and 马路办公 points); the sum of
the weights is shown as it is typed and a sum other than 100 is refused in words; the saved
configuration is the office's record and is shown again when the dialog reopens; everyone else
reads it."""

from __future__ import annotations

from decimal import Decimal

from domain.composite_config import DEFAULT_CONFIG
from local_db.org_settings import org_settings
from tests.ui.test_settings import make_admin, save_org


def test_an_admin_edits_the_composite_assessment(qtbot, launch, data_dir):
    make_admin(data_dir)
    window = launch(data_dir, "en")
    dialog = window.open_org_settings()
    dialog.office.setText("青山县城市管理督查办公室")
    composite = dialog.composite
    dialog.tabs.setCurrentIndex(1)
    assert composite.isVisible() and composite.total.text() == "Weights add up to 100."

    composite.counted["survey"].setChecked(False)  # 民调 not counted: 10 points short
    assert not composite.weights["survey"].isEnabled()
    assert composite.total.text() == "Weights add up to 90: they must add up to 100."
    save_org(qtbot, dialog)
    assert dialog.isVisible()  # refused, in words
    assert dialog.message.text() == (
        "综合考核: the weights of the counted components add up to 90; they must add up to 100."
    )
    assert org_settings(window.context.store).composite == DEFAULT_CONFIG  # nothing saved

    composite.weights["inspection"].setValue(40)
    composite.full_marks["professional"].setValue(20)
    composite.handling["on_time_line"].setValue(80)
    composite.handling["per_refused_dispute"].setValue(2)
    composite.doubled["hotline"].setChecked(True)
    composite.per_absence.setValue(3)
    assert composite.total.text() == "Weights add up to 100."
    words = composite.words.text()
    assert "Inspections 40" in words and "Public survey" not in words
    assert "below 80%" in words and "2 per refused dispute" in words and "12345 hotline" in words
    assert "less 3 per check that found the road chief not on duty" in words
    save_org(qtbot, dialog)
    assert not dialog.isVisible()

    held = org_settings(window.context.store).composite
    assert held.component("survey") is None
    assert held.component("inspection").weight == Decimal(40)
    assert held.component("professional").full_marks == Decimal(20)
    assert held.handling.on_time_line == Decimal(80)
    assert held.handling.doubled_sources == ("hotline", "media", "leader")
    assert held.per_absence == Decimal(3)

    again = window.open_org_settings()  # shown as saved
    assert not again.composite.counted["survey"].isChecked()
    assert again.composite.weights["inspection"].value() == 40
    assert again.composite.full_marks["professional"].value() == 20
    assert again.composite.doubled["hotline"].isChecked()
    assert again.composite.config() == held
    again.reject()


def test_everyone_else_reads_it(qtbot, launch, data_dir):
    window = launch(data_dir, "en")  # an inspector
    dialog = window.open_org_settings()
    assert not dialog.editable
    assert not dialog.composite.counted["survey"].isEnabled()
    assert dialog.composite.weights["inspection"].isReadOnly()
    assert dialog.composite.words.text().startswith("Total = Σ weight × score ÷ full marks")
    dialog.reject()
