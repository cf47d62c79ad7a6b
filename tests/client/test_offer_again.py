"""local_db.sync_state.offer_again: after a restore, which of the snapshots a laptop sent go
again, given the rev the restored server holds of each row (a real store; no server)."""

from __future__ import annotations

import json

from app.store_setup import open_store
from local_db import sync_state


def _sent(store) -> None:
    store.db.execute("UPDATE outbox SET state = 'sent'")


def _pending(store) -> list[tuple[str, str, int | None]]:
    return [
        (op, entity_id, json.loads(row).get("rev"))
        for op, entity_id, row in store.db.execute(
            "SELECT op, entity_id, row FROM outbox WHERE state = 'pending' ORDER BY seq"
        )
    ]


def test_only_what_the_server_lacks_goes_again_in_first_order(tmp_path):
    store = open_store(tmp_path)
    with store.transaction():
        lost = store.save("person", {"name": "甲", "role": "inspector"})["id"]  # never arrived
        older = store.save("person", {"name": "乙", "role": "inspector"})["id"]
        store.save("person", {"id": older, "name": "乙二", "role": "inspector"})  # rev 2 lost
        kept = store.save("person", {"name": "丙", "role": "inspector"})["id"]  # held as sent
        gone = store.save("person", {"name": "丁", "role": "inspector"})["id"]
        store.delete("person", gone)  # the delete was lost: the server still holds it
        never = store.save("person", {"name": "戊", "role": "inspector"})["id"]
        store.delete("person", never)  # created and deleted, neither held: nothing to send
        store.db.execute("INSERT INTO sync_blob(sha256, confirmed_at) VALUES ('a', 'b')")
        # an original this laptop sent (its photo's snapshot), and one of a photo only pulled
        store.db.execute(
            "INSERT INTO outbox(entity, entity_id, op, row, at) "
            "VALUES ('photo', 'p1', 'upsert', '{\"sha256\": \"a\"}', 'now')"
        )
        store.db.execute("INSERT INTO sync_blob(sha256, confirmed_at) VALUES ('pulled', 'b')")
        _sent(store)
        waiting = store.save("person", {"name": "己", "role": "inspector"})["id"]  # pending
    rows = sync_state.sent_rows(store)
    assert (("person", waiting)) not in rows and ("person", lost) in rows
    held = {("person", lost): None, ("person", older): 1, ("person", kept): 1}
    held |= {("person", gone): 1, ("person", never): None}
    queued = sync_state.offer_again(store, held)
    assert _pending(store) == [
        ("upsert", waiting, 1),  # already waiting: untouched, and first
        ("upsert", lost, 1),
        ("upsert", older, 2),
        ("delete", gone, 1),
    ]
    assert queued == 3
    # its own original is asked about again; the pulled one's confirmation stays
    assert [r[0] for r in store.db.execute("SELECT sha256 FROM sync_blob")] == ["pulled"]
    store.close()
