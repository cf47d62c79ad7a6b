"""Starting an inspection from a planned visit (visit plans, issue 14): the assignments the last
sync brought fill in the zone, the checklist and the mode."""

from __future__ import annotations

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QDialogButtonBox

from app.inspections.new_dialog import NewInspectionDialog
from app.labels import display_zone
from app.store_setup import open_store
from domain.ids import new_id
from local_db import plan_assignments
from local_db.reference import local_person_id, templates
from tests.ui.conftest import UNIT, close_window

OTHER_ZONE = "建设路（人民路—北环路）"


def _plan(data_dir) -> dict[str, str]:
    """A second zone, and the server's answer for this user: a covert visit there today and an
    open visit of the first zone tomorrow (the data folder is seeded already)."""
    store = open_store(data_dir)
    try:
        with store.transaction():
            unit = store.rows("SELECT id FROM unit")[0]["id"]
            zone = store.save("zone", {"name": OTHER_ZONE, "kind": "road_segment", "unit_id": unit})
        first = store.rows("SELECT id FROM zone WHERE id != ?", [zone["id"]])[0]["id"]
        me = local_person_id(store)
        template = templates(store)[0]["id"]
        today = QDateTime.currentDateTime().toTimeZone(display_zone()).date()
        plan = new_id()

        def visit(day: str, zone_id: str, mode: str) -> dict:
            return {
                "id": new_id(), "plan_id": plan, "period": day[:7], "day": day, "team": 0,
                "seat": 0, "inspector_id": me, "zone_id": zone_id, "unit_id": unit,
                "template_id": template, "mode": mode,
            }  # fmt: skip

        kept = plan_assignments.replace(
            store,
            {
                "assignments": [
                    visit(today.toString("yyyy-MM-dd"), zone["id"], "covert"),
                    visit(today.addDays(1).toString("yyyy-MM-dd"), first, "open"),
                    {"id": "not a uuid"},  # breaks the contract: left out
                ]
            },
        )
        assert kept == (2, 1)
        return {
            "zone": zone["id"],
            "template": template,
            "tomorrow": today.addDays(1).toString("yyyy-MM-dd"),
        }
    finally:
        store.close()


def test_a_planned_visit_fills_in_zone_checklist_and_mode(qtbot, launch, data_dir):
    planned = _plan(data_dir)
    window = launch(data_dir)
    window.new_action.trigger()
    dialog = window.findChild(NewInspectionDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.assignment.isVisible()
    assert dialog.assignment.count() == 3
    assert dialog.assignment.itemText(1) == f"今天：{OTHER_ZONE}（{UNIT}）"
    assert dialog.assignment.itemText(2).startswith(planned["tomorrow"])
    assert dialog.selected_zone() is None  # nothing chosen until the user picks

    dialog.select_assignment(0)
    assert dialog.selected_zone()["id"] == planned["zone"]
    assert dialog.zone.currentText().startswith(OTHER_ZONE)
    assert dialog.template.currentData() == planned["template"]
    assert dialog.modes.checkedButton().property("mode") == "covert"
    dialog.select_assignment(1)
    assert dialog.modes.checkedButton().property("mode") == "open"
    dialog.select_assignment(0)

    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    with qtbot.waitSignal(dialog.started) as started:
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    row = window.context.store.row("inspection", started.args[0])
    assert (row["zone_id"], row["template_id"], row["mode"]) == (
        planned["zone"],
        planned["template"],
        "covert",
    )
    close_window(window)


def test_without_a_plan_the_dialog_shows_no_planned_visit(qtbot, launch, data_dir):
    window = launch(data_dir)
    window.new_action.trigger()
    dialog = window.findChild(NewInspectionDialog)
    assert dialog is not None and not dialog.assignment.isVisible()
    dialog.reject()
    close_window(window)
