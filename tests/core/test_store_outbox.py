"""The outbox: every local write appends its row's snapshot in the same transaction, or nothing."""

import json
import sqlite3

import pytest

from local_db import inspections
from local_db.store import STORE_FILE


def outbox(store, entity=None):
    where, params = ("WHERE entity = ?", [entity]) if entity else ("", [])
    rows = store.rows(
        f"SELECT seq, entity, entity_id, op, row, state FROM outbox {where} ORDER BY seq", params
    )
    for r in rows:
        r["row"] = json.loads(r["row"])
    return rows


def count(store, table):
    return store.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_save_appends_the_full_row_snapshot(store):
    unit = store.save("unit", {"name": "城关镇人民政府", "kind": "town"})

    (change,) = outbox(store)
    assert (change["entity"], change["entity_id"], change["op"], change["state"]) == (
        "unit",
        unit["id"],
        "upsert",
        "pending",
    )
    assert change["row"] == store.row("unit", unit["id"])
    assert change["row"]["rev"] == 1


def test_an_update_appends_a_new_snapshot_with_the_next_rev(store):
    unit = store.save("unit", {"name": "城关镇", "kind": "town"})
    store.save("unit", {"id": unit["id"], "name": "城关镇人民政府"})

    changes = outbox(store, "unit")
    assert [c["row"]["rev"] for c in changes] == [1, 2]
    assert [c["row"]["name"] for c in changes] == ["城关镇", "城关镇人民政府"]
    assert changes[-1]["row"] == store.row("unit", unit["id"])


def test_local_bookkeeping_is_not_synced(store):
    before = count(store, "outbox")
    with store.transaction():
        store.set_meta("last_sync", "never")
        store.audit(None, "unit", "u-1", "looked")

    assert count(store, "outbox") == before


def test_delete_appends_a_delete_with_the_last_row(store):
    unit = store.save("unit", {"name": "环卫所", "kind": "department"})
    store.delete("unit", unit["id"])

    last = outbox(store)[-1]
    assert (last["op"], last["entity_id"], last["row"]["name"]) == ("delete", unit["id"], "环卫所")
    assert store.row("unit", unit["id"]) is None


def test_start_inspection_snapshots_inspection_and_its_inspectors(store, basics):
    before = outbox(store)[-1]["seq"]

    inspection = inspections.start_inspection(
        store,
        template_id=basics.template_id,
        zone_id=basics.zone_id,
        mode="unannounced",
        person_ids=[basics.person_id],
    )

    new = [c for c in outbox(store) if c["seq"] > before]
    assert [c["entity"] for c in new] == ["inspection", "inspection_person"]
    assert new[0]["row"] == store.row("inspection", inspection["id"])
    assert new[1]["row"]["inspection_id"] == inspection["id"]
    assert new[1]["row"]["person_id"] == basics.person_id
    assert new[1]["row"]["lead"] == 1


def test_record_finding_snapshots_the_finding_and_the_rescored_inspection(store, basics):
    inspection = inspections.start_inspection(
        store,
        template_id=basics.template_id,
        zone_id=basics.zone_id,
        mode="open",
        person_ids=[basics.person_id],
    )
    before = outbox(store)[-1]["seq"]

    finding = inspections.record_finding(
        store, inspection["id"], "DL-09", "problem", cases=3, description="游商占道"
    )

    new = [c for c in outbox(store) if c["seq"] > before]
    assert [c["entity"] for c in new] == ["finding", "inspection"]
    assert new[0]["row"] == finding == store.row("finding", finding["id"])
    assert new[0]["row"]["deduction"] == 0.6
    assert new[1]["row"]["score"] == 99.4
    assert new[1]["row"] == store.row("inspection", inspection["id"])


def test_submit_snapshots_the_locked_inspection(store, basics):
    inspection = inspections.start_inspection(
        store,
        template_id=basics.template_id,
        zone_id=basics.zone_id,
        mode="open",
        person_ids=[basics.person_id],
    )
    inspections.mark_unanswered_ok(store, inspection["id"])
    before = outbox(store)[-1]["seq"]

    submitted = inspections.submit_inspection(store, inspection["id"], actor=basics.person_id)

    new = [c for c in outbox(store) if c["seq"] > before]
    assert {c["entity"] for c in new} == {"inspection"}
    assert new[-1]["row"] == submitted == store.row("inspection", inspection["id"])
    assert new[-1]["row"]["status"] == "submitted"
    assert new[-1]["row"]["digest"] == submitted["digest"] is not None


def test_nothing_is_visible_to_another_reader_before_commit(store, tmp_path):
    other = sqlite3.connect(tmp_path / STORE_FILE)
    try:
        with store.transaction():
            unit = store.save("unit", {"name": "市政所", "kind": "department"})
            assert other.execute("SELECT count(*) FROM unit").fetchone() == (0,)
            assert other.execute("SELECT count(*) FROM outbox").fetchone() == (0,)

        assert other.execute("SELECT id FROM unit").fetchall() == [(unit["id"],)]
        assert other.execute("SELECT entity_id FROM outbox WHERE entity = 'unit'").fetchall() == [
            (unit["id"],)
        ]
    finally:
        other.close()


def test_a_foreign_key_violation_leaves_no_row_and_no_change(store):
    before = count(store, "outbox")

    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        store.save("zone", {"name": "无主路段", "kind": "grid", "unit_id": "no-such-unit"})

    assert count(store, "zone") == 0
    assert count(store, "outbox") == before


def test_a_check_violation_leaves_no_row_and_no_change(store, basics):
    before = count(store, "outbox")

    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        store.save("zone", {"name": "河道", "kind": "river", "unit_id": basics.unit_id})

    assert count(store, "zone") == 1
    assert count(store, "outbox") == before


def test_updating_a_submitted_finding_leaves_it_and_the_outbox_alone(store, basics):
    inspection = inspections.start_inspection(
        store,
        template_id=basics.template_id,
        zone_id=basics.zone_id,
        mode="open",
        person_ids=[basics.person_id],
    )
    inspections.mark_unanswered_ok(store, inspection["id"])
    inspections.submit_inspection(store, inspection["id"], actor=None)
    finding = inspections.findings(store, inspection["id"])["DL-01"]
    before = count(store, "outbox")

    with pytest.raises(sqlite3.IntegrityError, match="submitted inspection is locked"):
        store.save("finding", {"id": finding["id"], "result": "problem", "cases": 2})

    assert store.row("finding", finding["id"]) == finding
    assert count(store, "outbox") == before


def test_an_error_after_saves_in_a_transaction_rolls_everything_back(store):
    before = count(store, "outbox")

    with pytest.raises(RuntimeError, match="power cut"), store.transaction():
        unit = store.save("unit", {"name": "城管局", "kind": "department"})
        store.save("zone", {"name": "人民路", "kind": "road_segment", "unit_id": unit["id"]})
        raise RuntimeError("power cut")

    assert count(store, "unit") == 0
    assert count(store, "zone") == 0
    assert count(store, "outbox") == before


def test_a_failed_save_inside_a_transaction_keeps_the_earlier_ones(store):
    with store.transaction():
        unit = store.save("unit", {"name": "城管局", "kind": "department"})
        with pytest.raises(sqlite3.IntegrityError):
            store.save("zone", {"name": "X", "kind": "grid", "unit_id": "no-such-unit"})

    assert store.row("unit", unit["id"]) is not None
    assert [c["entity_id"] for c in outbox(store)] == [unit["id"]]


def test_a_refused_finding_leaves_nothing_behind(store, basics):
    inspection = inspections.start_inspection(
        store,
        template_id=basics.template_id,
        zone_id=basics.zone_id,
        mode="open",
        person_ids=[basics.person_id],
    )
    before = count(store, "outbox")

    with pytest.raises(KeyError):
        inspections.record_finding(store, inspection["id"], "NO-SUCH-ITEM", "ok")

    assert count(store, "finding") == 0
    assert count(store, "outbox") == before


def test_pending_changes_counts_unsent_outbox_rows(store):
    assert store.pending_changes() == 0
    unit = store.save("unit", {"name": "城管局", "kind": "department"})
    store.save("unit", {"id": unit["id"], "name": "城市管理局"})
    store.save("person", {"name": "张督查", "role": "inspector"})
    assert store.pending_changes() == 3

    store.db.execute("UPDATE outbox SET state = 'sent' WHERE seq <= 2")

    assert store.pending_changes() == 1


def test_pending_changes_of_a_whole_inspection(store, basics):
    start = store.pending_changes()
    inspection = inspections.start_inspection(
        store,
        template_id=basics.template_id,
        zone_id=basics.zone_id,
        mode="open",
        person_ids=[basics.person_id],
    )
    assert store.pending_changes() == start + 2  # inspection, inspection_person

    inspections.record_finding(store, inspection["id"], "DL-01", "ok")
    # the finding; the score did not change, so the inspection has no new snapshot (a no-op
    # rescore would clash with another laptop's edit of the same draft)
    assert store.pending_changes() == start + 3

    inspections.record_finding(store, inspection["id"], "DL-02", "problem", cases=1)
    assert store.pending_changes() == start + 5  # the finding, the rescored inspection
