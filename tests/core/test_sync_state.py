"""The store's side of sync: batches from the outbox, the server's answers, pulled changes."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from domain.wire import ENTITIES
from local_db import inspections, sync_state
from local_db.notices import issue_notice
from local_db.store import Store
from tests.core.conftest import attach_evidence, install_basics


def pending(store):
    return store.rows(
        "SELECT seq, entity, entity_id, state, rejected FROM outbox WHERE state = 'pending' "
        "ORDER BY seq"
    )


def outbox_count(store):
    return store.db.execute("SELECT count(*) FROM outbox").fetchone()[0]


def accept_all(store, batch):
    return sync_state.mark_sent(
        store, batch.last_seq, [{"id": c["id"], "status": "accepted"} for c in batch.changes]
    )


def as_pulled(store, entities=ENTITIES):
    """Every row of `store` as the server would send it, in a plausible server order."""
    changes, seq = [], 0
    for entity in entities:
        for row in store.rows(f"SELECT * FROM {entity} ORDER BY rowid"):
            seq += 1
            changes.append(
                {"seq": seq, "entity": entity, "id": row["id"], "op": "upsert", "row": row}
            )
    return changes


@pytest.fixture
def other(tmp_path: Path):
    """Another device's store."""
    opened = Store.open(tmp_path / "other")
    yield opened
    opened.close()


# -- batches -------------------------------------------------------------------------------------
def test_a_batch_coalesces_snapshots_to_the_latest_and_sends_parents_first(store, draft_inspection):
    iid = draft_inspection["id"]
    for code in ("DL-01", "DL-02", "DL-09"):
        inspections.record_finding(store, iid, code, "problem", cases=1)
    inspections.update_inspection(store, iid, summary="人民路东段")

    batch = sync_state.next_batch(store)

    assert batch is not None
    seqs = [p["seq"] for p in pending(store)]
    assert (batch.first_seq, batch.last_seq) == (seqs[0], seqs[-1])
    keys = [(c["entity"], c["id"]) for c in batch.changes]
    assert len(keys) == len(set(keys))  # one change per row
    inspection = next(c for c in batch.changes if c["entity"] == "inspection")
    assert inspection["row"] == store.row("inspection", iid)  # the latest of ~5 snapshots
    assert inspection["row"]["summary"] == "人民路东段"
    order = [ENTITIES.index(c["entity"]) for c in batch.changes]
    assert order == sorted(order)
    assert batch.batch_id(store.device_id) == f"{store.device_id}:{seqs[0]}-{seqs[-1]}"


def test_a_batch_is_bounded_and_the_next_one_continues_after_it(store, basics):
    first = sync_state.next_batch(store, limit=3)
    assert first is not None and len(first.changes) == 3
    accept_all(store, first)

    second = sync_state.next_batch(store, limit=3)

    assert second is not None and second.first_seq > first.last_seq
    assert {c["id"] for c in first.changes}.isdisjoint(c["id"] for c in second.changes)


def test_deletes_travel_children_first(store, basics):
    unit = store.save("unit", {"name": "环卫所", "kind": "department"})
    zone = store.save("zone", {"name": "南街", "kind": "grid", "unit_id": unit["id"]})
    store.delete("zone", zone["id"])
    store.delete("unit", unit["id"])

    batch = sync_state.next_batch(store)

    deletes = [(c["entity"], c["op"]) for c in batch.changes if c["op"] == "delete"]
    assert deletes == [("zone", "delete"), ("unit", "delete")]


def test_the_batch_in_flight_is_resent_unchanged_after_new_writes(store, basics):
    batch = sync_state.next_batch(store)
    sync_state.begin_push(store, batch)
    store.save("unit", {"name": "市政所", "kind": "department"})  # written while the answer is lost

    again = sync_state.next_batch(store)

    assert again == batch
    assert again.batch_id(store.device_id) == batch.batch_id(store.device_id)
    accept_all(store, again)
    rest = sync_state.next_batch(store)
    assert [c["row"]["name"] for c in rest.changes] == ["市政所"]


# -- answers -------------------------------------------------------------------------------------
def test_only_accepted_changes_are_marked_sent_and_rejections_stay_visible(store, basics):
    batch = sync_state.next_batch(store)
    refused = next(c for c in batch.changes if c["entity"] == "zone")
    results = [{"id": c["id"], "status": "accepted"} for c in batch.changes if c is not refused] + [
        {
            "id": refused["id"],
            "status": "rejected",
            "code": "forbidden",
            "reason": "zone outside your jurisdiction",
        }
    ]

    marked = sync_state.mark_sent(store, batch.last_seq, results)

    assert (marked.accepted, marked.rejected) == (len(batch.changes) - 1, 1)
    left = pending(store)
    assert [(p["entity"], p["entity_id"], p["rejected"]) for p in left] == [
        ("zone", refused["id"], 1)
    ]
    (rejection,) = sync_state.rejections(store)
    assert (rejection["entity"], rejection["entity_id"], rejection["reason"]) == (
        "zone",
        refused["id"],
        "zone outside your jurisdiction",
    )
    assert rejection["code"] == "forbidden"  # kept beside the text: said in the user's words
    assert sync_state.next_batch(store) is None  # held back, not resent on every sync
    status = sync_state.sync_status(store)
    assert (status.pending_changes, status.rejected) == (0, 1)


def test_an_accepted_later_push_of_the_row_clears_its_rejection(store, basics):
    batch = sync_state.next_batch(store)
    sync_state.mark_sent(
        store,
        batch.last_seq,
        [
            {"id": c["id"], "status": "rejected" if c["entity"] == "zone" else "accepted"}
            for c in batch.changes
        ],
    )
    assert sync_state.rejections(store)[0]["reason"]  # a reason even when the server gave none
    assert sync_state.rejections(store)[0]["code"] is None  # and no code
    store.save("zone", {"id": basics.zone_id, "chief_name": "李路长"})

    fixed = sync_state.next_batch(store)
    assert [(c["entity"], c["row"]["chief_name"]) for c in fixed.changes] == [("zone", "李路长")]
    accept_all(store, fixed)

    assert sync_state.rejections(store) == []
    assert pending(store) == []


def test_retry_queues_a_refused_row_again_under_a_new_batch_id(store, basics):
    batch = sync_state.next_batch(store)
    sync_state.mark_sent(
        store,
        batch.last_seq,
        [{"id": c["id"], "status": "rejected", "reason": "server busy"} for c in batch.changes],
    )
    assert sync_state.next_batch(store) is None

    assert sync_state.retry_rejected(store) == len(batch.changes)
    again = sync_state.next_batch(store)

    assert again.batch_id(store.device_id) != batch.batch_id(store.device_id)
    assert [c["row"] for c in again.changes] == [c["row"] for c in batch.changes]
    accept_all(store, again)
    assert pending(store) == [] and sync_state.rejections(store) == []


def test_an_official_number_in_the_answer_is_written_without_entering_the_outbox(
    store, basics, draft_inspection
):
    iid = draft_inspection["id"]
    finding = inspections.record_finding(
        store, iid, "DL-09", "problem", cases=2, description="游商占道"
    )
    attach_evidence(store, iid, finding["id"])
    inspections.mark_unanswered_ok(store, iid)
    inspections.submit_inspection(store, iid, actor=None, accept_warnings=True)
    notice = issue_notice(
        store,
        inspection_id=iid,
        unit_id=basics.unit_id,
        finding_ids=[finding["id"]],
        requirements="立即整改",
        due_at="2099-01-01T00:00:00.000000Z",
        issued_by=basics.person_id,
    )
    assert notice["number_kind"] == "provisional"
    batch = sync_state.next_batch(store)
    before = outbox_count(store)
    results = [{"id": c["id"], "status": "accepted"} for c in batch.changes]
    official = "督改〔2026〕第0123号"
    next(r for r in results if r["id"] == notice["id"])["number"] = official

    marked = sync_state.mark_sent(store, batch.last_seq, results)

    assert marked.numbers == {notice["id"]: official}
    row = store.row("notice", notice["id"])
    assert (row["number"], row["number_kind"], row["rev"]) == (official, "official", notice["rev"])
    assert outbox_count(store) == before
    assert pending(store) == []


# -- pulling -------------------------------------------------------------------------------------
def test_pulled_changes_never_enter_the_outbox_and_the_cursor_moves_with_them(store, other):
    install_basics(other)
    before = outbox_count(store)

    applied = sync_state.apply_pulled(store, as_pulled(other), new_cursor=42)

    assert applied.applied == len(as_pulled(other))
    assert outbox_count(store) == before
    assert sync_state.cursor(store) == 42
    for change in as_pulled(other):
        assert store.row(change["entity"], change["id"]) == change["row"]
    again = sync_state.apply_pulled(store, as_pulled(other), new_cursor=43)
    assert (again.applied, again.unchanged) == (0, len(as_pulled(other)))


def test_a_page_that_cannot_stand_alone_is_not_applied_and_keeps_the_cursor(store, other):
    install_basics(other)
    changes = as_pulled(other)
    children = [c for c in changes if c["entity"] == "zone"]  # its unit is on a later page
    sync_state.apply_pulled(store, [], new_cursor=5)

    with pytest.raises(sync_state.PullIncomplete, match="zone"):
        sync_state.apply_pulled(store, children, new_cursor=6, final=False)
    assert sync_state.cursor(store) == 5
    assert store.rows("SELECT id FROM zone") == []

    # On the last page a row whose parent never came is set aside; the rest goes on.
    applied = sync_state.apply_pulled(store, children, new_cursor=6, final=True)
    assert applied.quarantined == len(children) and applied.applied == 0
    assert sync_state.cursor(store) == 6
    assert store.rows("SELECT id FROM zone") == []
    held = sync_state.quarantined(store)
    assert {q["entity_id"] for q in held} == {c["id"] for c in children}
    assert all("unit that was not sent" in q["reason"] for q in held)
    assert sync_state.sync_status(store).quarantined == len(children)

    sync_state.apply_pulled(store, changes, new_cursor=7)  # with its parent it stands
    assert sync_state.cursor(store) == 7
    assert sync_state.quarantined(store) == []  # a version that applies clears it


def test_a_pulled_row_that_breaks_the_contract_is_set_aside_not_raised(store, other):
    """A row the server should never have taken (issue 11: cases 2**70, an unknown entity) does
    not stop the sync: it is set aside in quarantine with why, with every row that names it (they
    would dangle here); the rest of the page is applied and the cursor moves on."""
    basics = install_basics(other)
    draft = inspections.start_inspection(
        other,
        template_id=basics.template_id,
        zone_id=basics.zone_id,
        mode="open",
        person_ids=[basics.person_id],
    )
    huge = inspections.record_finding(other, draft["id"], "DL-01", "problem", cases=1)
    fine = inspections.record_finding(other, draft["id"], "DL-02", "problem", cases=1)
    photo = attach_evidence(other, draft["id"], huge["id"])
    changes = as_pulled(other)
    for c in changes:
        if c["id"] == huge["id"]:
            c["row"] = {**c["row"], "cases": 2**70}
    changes.append({"seq": 999, "entity": "bogus", "id": "x", "op": "upsert", "row": {}})

    applied = sync_state.apply_pulled(store, changes, new_cursor=9)

    assert applied.quarantined == 3  # the finding, the bogus change, the photo naming the finding
    held = {q["entity_id"]: q["reason"] for q in sync_state.quarantined(store)}
    assert set(held) == {huge["id"], "x", photo["id"]}
    assert "cases" in held[huge["id"]] and huge["id"] in held[photo["id"]]
    assert store.row("finding", huge["id"]) is None and store.row("photo", photo["id"]) is None
    assert store.row("finding", fine["id"]) is not None
    assert store.row("inspection", draft["id"]) is not None
    assert sync_state.cursor(store) == 9


def test_a_pulled_submitted_inspection_is_applied_despite_the_lock_triggers(store, other):
    basics = install_basics(other)
    inspection = inspections.start_inspection(
        other,
        template_id=basics.template_id,
        zone_id=basics.zone_id,
        mode="unannounced",
        person_ids=[basics.person_id],
    )
    iid = inspection["id"]
    finding = inspections.record_finding(
        other, iid, "DL-09", "problem", cases=2, description="游商占道"
    )
    attach_evidence(other, iid, finding["id"], seed="a")
    attach_evidence(other, iid, None, seed="b")
    inspections.mark_unanswered_ok(other, iid)
    submitted = inspections.submit_inspection(other, iid, actor=None, accept_warnings=True)
    changes = as_pulled(other)
    # a server that applied the device's batch parents first: the submitted inspection comes
    # before its findings and photos, and the page ends among them
    cut = next(i for i, c in enumerate(changes) if c["entity"] == "inspection") + 3
    first_page, second_page = changes[:cut], changes[cut:]

    with pytest.raises(sync_state.PullIncomplete, match="has not all arrived"):
        sync_state.apply_pulled(store, first_page, new_cursor=1, final=False)
    applied = sync_state.apply_pulled(store, first_page + second_page, new_cursor=2)

    assert applied.digest_mismatch == []
    assert store.row("inspection", iid) == submitted
    assert inspections.digest_of(store, iid) == submitted["digest"]
    assert len(inspections.findings(store, iid)) == len(inspections.findings(other, iid))
    assert store.db.execute("SELECT count(*) FROM photo").fetchone()[0] == 2
    assert sync_state.sync_status(store).pending_photos == 0  # the server holds their originals
    with pytest.raises(sqlite3.IntegrityError, match="locked"):  # and it is locked here too
        store.db.execute("UPDATE finding SET cases = 9 WHERE id = ?", [finding["id"]])


def test_a_pulled_change_to_a_locked_inspection_is_kept_as_a_conflict(store, draft_inspection):
    iid = draft_inspection["id"]
    inspections.mark_unanswered_ok(store, iid)
    inspections.submit_inspection(store, iid, actor=None, accept_warnings=True)
    finding = inspections.findings(store, iid)["DL-01"]
    accept_all(store, sync_state.next_batch(store))
    changed = {**finding, "cases": 5, "rev": finding["rev"] + 1}

    applied = sync_state.apply_pulled(
        store,
        [{"seq": 1, "entity": "finding", "id": finding["id"], "op": "upsert", "row": changed}],
    )

    assert applied.conflicts == 1
    assert store.row("finding", finding["id"]) == finding
    (kept,) = store.rows("SELECT * FROM conflict")
    assert json.loads(kept["losing_row"])["cases"] == 5
    assert "locked" in json.loads(kept["losing_row"])["_refused"]


def _concurrent_edit(store, other, basics, *, theirs_rev_bump: int):
    """The zone is synced to both; then edited here (pending) and on the other device."""
    accept_all(store, sync_state.next_batch(store))
    zone = store.row("zone", basics.zone_id)
    store.save("zone", {"id": zone["id"], "chief_name": "本机"})
    theirs = {
        **zone,
        "chief_name": "他机",
        "rev": zone["rev"] + theirs_rev_bump,
        "updated_at": "2026-11-21T00:00:00.000000Z",
        "device_id": other.device_id,
    }
    return {"seq": 9, "entity": "zone", "id": zone["id"], "op": "upsert", "row": theirs}


def test_a_conflict_the_pulled_row_wins_keeps_the_local_loser(store, other, basics):
    pulled = _concurrent_edit(store, other, basics, theirs_rev_bump=5)
    mine = store.row("zone", basics.zone_id)

    applied = sync_state.apply_pulled(store, [pulled])

    assert applied.conflicts == 1
    assert store.row("zone", basics.zone_id)["chief_name"] == "他机"
    (kept,) = store.rows("SELECT * FROM conflict")
    assert (kept["entity"], kept["entity_id"]) == ("zone", basics.zone_id)
    assert json.loads(kept["losing_row"])["chief_name"] == mine["chief_name"] == "本机"


def test_a_conflict_the_local_row_wins_keeps_the_pulled_loser(store, other, basics):
    pulled = _concurrent_edit(store, other, basics, theirs_rev_bump=0)

    applied = sync_state.apply_pulled(store, [pulled])

    assert applied.conflicts == 1
    assert store.row("zone", basics.zone_id)["chief_name"] == "本机"
    (kept,) = store.rows("SELECT * FROM conflict")
    assert json.loads(kept["losing_row"])["chief_name"] == "他机"
    assert [p["entity"] for p in pending(store)] == ["zone"]  # the winner still goes up


def test_our_own_older_snapshot_coming_back_is_not_a_conflict(store, basics):
    batch = sync_state.next_batch(store)
    accept_all(store, batch)
    echo = next(c for c in batch.changes if c["entity"] == "zone")
    store.save("zone", {"id": basics.zone_id, "chief_name": "新路长"})

    applied = sync_state.apply_pulled(store, [{**echo, "seq": 3}])

    assert applied.conflicts == 0
    assert store.row("zone", basics.zone_id)["chief_name"] == "新路长"
    assert store.rows("SELECT * FROM conflict") == []


def test_an_older_snapshot_of_a_row_already_submitted_here_is_skipped(store, draft_inspection):
    """The server's log still holds the draft this laptop sent in an earlier batch; pulling it
    after the inspection was submitted here is no conflict and changes nothing."""
    iid = draft_inspection["id"]
    old_draft = store.row("inspection", iid)
    inspections.mark_unanswered_ok(store, iid)
    inspections.submit_inspection(store, iid, actor=None, accept_warnings=True)
    while (batch := sync_state.next_batch(store)) is not None:
        accept_all(store, batch)
    submitted = store.row("inspection", iid)

    applied = sync_state.apply_pulled(
        store, [{"seq": 4, "entity": "inspection", "id": iid, "op": "upsert", "row": old_draft}]
    )

    assert (applied.conflicts, applied.unchanged) == (0, 1)
    assert store.row("inspection", iid) == submitted
    assert store.rows("SELECT * FROM conflict") == []


def test_status_counts_pending_changes_and_photos(store, draft_inspection):
    iid = draft_inspection["id"]
    attach_evidence(store, iid, None, seed="x")
    attach_evidence(store, iid, None, seed="y")

    status = sync_state.sync_status(store)

    assert status.pending_photos == 2
    assert status.pending_changes == len({(p["entity"], p["entity_id"]) for p in pending(store)})
    assert (status.last_sync, status.last_error) == (None, None)
    sync_state.confirm_blobs(store, [r["sha256"] for r in store.rows("SELECT sha256 FROM photo")])
    sync_state.record_error(store, "server down")
    assert sync_state.sync_status(store).pending_photos == 0
    assert sync_state.sync_status(store).last_error == "server down"
    sync_state.record_success(store)
    assert sync_state.sync_status(store).last_error is None
    assert sync_state.sync_status(store).last_sync is not None
