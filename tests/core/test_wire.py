"""The sync wire format: order, batch ids, change checks, who wins a concurrent edit."""

from domain.wire import ENTITIES, batch_id, change, check_change, entity_order, wins
from local_db.store import SYNCED


def row(**changes):
    base = {
        "id": "x",
        "created_at": "t",
        "updated_at": "2026-11-20T01:00:00.000000Z",
        "device_id": "a",
        "rev": 1,
    }
    base.update(changes)
    return base


def test_every_synced_table_travels_and_parents_come_first():
    assert set(ENTITIES) == set(SYNCED)
    assert entity_order("inspection") < entity_order("finding") < entity_order("photo")
    assert entity_order("notice") < entity_order("notice_event")


def test_the_batch_id_is_derived_from_the_outbox_range():
    assert batch_id("dev", 11, 260) == "dev:11-260"
    assert batch_id("dev", 11, 260) == batch_id("dev", 11, 260)


def test_changes_are_checked():
    assert check_change(change("finding", row())) is None
    assert "entity" in check_change({"entity": "nope", "id": "x", "op": "upsert", "row": row()})
    assert "op" in check_change({"entity": "finding", "id": "x", "op": "merge", "row": row()})
    assert "id" in check_change({"entity": "finding", "id": "y", "op": "upsert", "row": row()})
    assert "rev" in check_change(
        {
            "entity": "finding",
            "id": "x",
            "op": "upsert",
            "row": {"id": "x", "created_at": "t", "updated_at": "t", "device_id": "a"},
        }
    )


def test_higher_rev_then_later_time_then_device_wins():
    assert wins(row(rev=3), row(rev=2, updated_at="2030"))
    assert wins(row(updated_at="2026-11-21"), row(updated_at="2026-11-20"))
    assert wins(row(device_id="b"), row(device_id="a"))
    assert not wins(row(), row())
