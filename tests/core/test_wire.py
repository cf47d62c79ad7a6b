"""The sync wire format: order, batch ids, who wins a concurrent edit (the checks of a change:
tests/core/test_contract.py)."""

from domain.wire import ENTITIES, batch_id, entity_order, wins
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


def test_higher_rev_then_later_time_then_device_wins():
    assert wins(row(rev=3), row(rev=2, updated_at="2030"))
    assert wins(row(updated_at="2026-11-21"), row(updated_at="2026-11-20"))
    assert wins(row(device_id="b"), row(device_id="a"))
    assert not wins(row(), row())
