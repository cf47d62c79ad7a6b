"""Retired zones (issue 16: an admin retires a zone or a unit on the server, laptops learn it at
their pull): the new-inspection dialog no longer offers them, while the inspection list's zone
filter (records made before) still names them."""

from __future__ import annotations

from app.inspections.filter_bar import FilterBar
from app.inspections.new_dialog import NewInspectionDialog
from app.store_setup import open_store

RETIRED = "旧城路（已撤销）"
OF_RETIRED_UNIT = "老街片区"
KEPT = "建设路（人民路—北环路）"


def _zones(data_dir) -> None:
    store = open_store(data_dir)
    try:
        with store.transaction():
            unit = store.rows("SELECT id FROM unit")[0]["id"]
            gone = store.save("unit", {"name": "已撤销单位", "kind": "town", "active": 0})
            store.save("zone", {"name": RETIRED, "kind": "road_segment", "unit_id": unit,
                                "active": 0})  # fmt: skip
            store.save("zone", {"name": OF_RETIRED_UNIT, "kind": "grid", "unit_id": gone["id"]})
            store.save("zone", {"name": KEPT, "kind": "road_segment", "unit_id": unit})
    finally:
        store.close()


def test_new_inspection_offers_no_retired_zone(qtbot, launch, data_dir):
    _zones(data_dir)
    window = launch(data_dir)
    window.new_action.trigger()
    dialog = window.findChild(NewInspectionDialog)
    assert dialog is not None and dialog.isVisible()
    offered = [dialog.zone.itemText(i) for i in range(dialog.zone.count())]
    assert any(KEPT in text for text in offered), offered
    assert not any(RETIRED in text or OF_RETIRED_UNIT in text for text in offered), offered
    dialog.reject()
    bar = window.findChild(FilterBar)
    assert bar is not None
    named = [bar.zone.itemText(i) for i in range(bar.zone.count())]
    assert RETIRED in named and OF_RETIRED_UNIT in named  # old records still find theirs
