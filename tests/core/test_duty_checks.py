"""马路办公 in the store: the road chief's duty state on an inspection of a road segment, its
photo, the lock after submit (functions and the store's own triggers), the amendment's copy."""

from __future__ import annotations

import sqlite3

import pytest

from domain.clock import now_iso
from local_db import inspections
from local_db.amendments import amend_inspection
from local_db.duty_checks import (
    NotARoadSegment,
    NotThisInspectionsPhoto,
    cycle_duty,
    duty_check,
    record_duty,
    set_duty_photo,
)
from local_db.inspections import InspectionLocked
from local_db.photos import remove_photo
from local_db.store import Store
from tests.core.conftest import attach_evidence


def _outbox(store: Store) -> list[tuple[str, str]]:
    return [
        (r["op"], r["entity_id"])
        for r in store.rows("SELECT op, entity_id FROM outbox WHERE entity = 'duty_check'")
    ]


def test_the_key_cycles_on_duty_off_duty_unverified_in_one_row(store, basics, draft_inspection):
    iid = draft_inspection["id"]
    assert duty_check(store, iid) is None

    seen = [cycle_duty(store, iid, actor=basics.person_id)["status"] for _ in range(4)]

    assert seen == ["on_duty", "off_duty", "unverified", "on_duty"]
    row = duty_check(store, iid)
    assert row is not None
    assert (row["zone_id"], row["chief_name"], row["rev"]) == (basics.zone_id, "王路长", 4)
    assert store.count("duty_check") == 1
    assert _outbox(store) == [("upsert", row["id"])] * 4


def test_the_chief_is_recorded_as_the_zone_named_them_then(store, basics, draft_inspection):
    record_duty(store, draft_inspection["id"], "off_duty", note=" 岗亭无人 ")
    store.save("zone", {"id": basics.zone_id, "chief_name": "李新路长"})
    row = record_duty(store, draft_inspection["id"], "on_duty")
    assert (row["chief_name"], row["note"], row["status"]) == ("王路长", "岗亭无人", "on_duty")


def test_only_road_segments_have_duty_checks(store, basics):
    grid = store.save("zone", {"name": "一号网格", "kind": "grid", "unit_id": basics.unit_id})
    draft = inspections.start_inspection(
        store,
        template_id=basics.template_id,
        zone_id=grid["id"],
        mode="open",
        person_ids=[basics.person_id],
    )
    with pytest.raises(NotARoadSegment):
        cycle_duty(store, draft["id"])
    assert store.count("duty_check") == 0


def test_a_photo_of_the_same_inspection_only_and_removing_it_keeps_the_check(
    store, basics, draft_inspection
):
    iid = draft_inspection["id"]
    photo = attach_evidence(store, iid, None, "chief")
    row = set_duty_photo(store, iid, photo["id"])
    assert (row["status"], row["photo_id"]) == ("unverified", photo["id"])

    other = inspections.start_inspection(
        store,
        template_id=basics.template_id,
        zone_id=basics.zone_id,
        mode="open",
        person_ids=[basics.person_id],
    )
    elsewhere = attach_evidence(store, other["id"], None, "other")
    with pytest.raises(NotThisInspectionsPhoto):
        set_duty_photo(store, iid, elsewhere["id"])

    remove_photo(store, photo["id"])
    kept = duty_check(store, iid)
    assert kept is not None and (kept["status"], kept["photo_id"]) == ("unverified", None)


def _submitted(store, basics) -> str:
    draft = inspections.start_inspection(
        store,
        template_id=basics.template_id,
        zone_id=basics.zone_id,
        mode="unannounced",
        person_ids=[basics.person_id],
    )
    iid = draft["id"]
    record_duty(store, iid, "off_duty")
    inspections.mark_unanswered_ok(store, iid)
    inspections.submit_inspection(store, iid, actor=None)
    return iid


def test_not_required_to_submit_and_not_in_the_digest(store, basics, draft_inspection):
    iid = draft_inspection["id"]
    inspections.mark_unanswered_ok(store, iid)
    before = inspections.digest_of(store, iid)
    record_duty(store, iid, "on_duty")
    assert inspections.digest_of(store, iid) == before
    assert inspections.submission_check(store, iid) == []


def test_after_submit_the_functions_refuse(store, basics):
    iid = _submitted(store, basics)
    for write in (
        lambda: cycle_duty(store, iid),
        lambda: record_duty(store, iid, "on_duty"),
        lambda: set_duty_photo(store, iid, None),
    ):
        with pytest.raises(InspectionLocked):
            write()
    assert duty_check(store, iid)["status"] == "off_duty"


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE duty_check SET status = 'on_duty'",
        "DELETE FROM duty_check",
    ],
)
def test_the_store_itself_refuses_a_change_after_submit(store, basics, sql):
    _submitted(store, basics)
    with pytest.raises(sqlite3.IntegrityError, match="locked"):
        store.db.execute(sql)
    assert store.rows("SELECT status FROM duty_check") == [{"status": "off_duty"}]


def test_the_store_refuses_a_new_check_after_submit_but_takes_one_recorded_before(store, basics):
    iid = _submitted(store, basics)
    held = duty_check(store, iid)
    finished = store.row("inspection", iid)["finished_at"]
    columns = "id, inspection_id, zone_id, status, checked_at, created_at, updated_at, device_id"
    insert = f"INSERT INTO duty_check ({columns}) VALUES (?, ?, ?, 'on_duty', ?, ?, ?, 'x')"
    # a second inspection of the same zone, submitted without a check
    other = inspections.start_inspection(
        store,
        template_id=basics.template_id,
        zone_id=basics.zone_id,
        mode="open",
        person_ids=[basics.person_id],
    )
    inspections.mark_unanswered_ok(store, other["id"])
    inspections.submit_inspection(store, other["id"], actor=None)
    other_finished = store.row("inspection", other["id"])["finished_at"]
    late = now_iso()
    with pytest.raises(sqlite3.IntegrityError, match="locked"):
        store.db.execute(insert, ["late-one", other["id"], basics.zone_id, late, late, late])
    # recorded while it was a draft (a colleague's, pulled after the lock): taken
    store.db.execute(
        insert,
        ["early-one", other["id"], basics.zone_id, other_finished, other_finished, other_finished],
    )
    assert duty_check(store, other["id"])["id"] == "early-one"
    assert held["checked_at"] <= finished


def test_an_amendment_keeps_the_check_with_its_copied_photo(store, basics, draft_inspection):
    iid = draft_inspection["id"]
    photo = attach_evidence(store, iid, None, "post")
    record_duty(store, iid, "off_duty", note="岗亭无人")
    set_duty_photo(store, iid, photo["id"])
    inspections.mark_unanswered_ok(store, iid)
    inspections.submit_inspection(store, iid, actor=None)
    original = duty_check(store, iid)

    draft = amend_inspection(store, iid, actor=None)

    copy = duty_check(store, draft["id"])
    assert copy is not None and copy["id"] != original["id"]
    assert (copy["status"], copy["note"], copy["checked_at"]) == (
        "off_duty",
        "岗亭无人",
        original["checked_at"],
    )
    copied_photo = store.row("photo", copy["photo_id"])
    assert copied_photo["inspection_id"] == draft["id"]
    assert copied_photo["sha256"] == photo["sha256"]


# -- pulled after the lock -----------------------------------------------------------------------
def _pulled(store: Store, entities: tuple[str, ...]) -> list[dict]:
    from tests.core.test_sync_state import as_pulled

    return as_pulled(store, entities)


def test_a_check_pulled_on_a_page_after_its_submitted_inspection_is_kept(store, tmp_path):
    """Not in the digest, a duty check may arrive on a later page than its inspection, which
    is locked by then: recorded during the draft, the store takes it."""
    from local_db import sync_state
    from tests.core.conftest import install_basics

    laptop = Store.open(tmp_path / "laptop")
    basics = install_basics(laptop)
    iid = _submitted(laptop, basics)
    first = ("person", "unit", "zone", "template", "inspection", "inspection_person", "finding")
    page_one = _pulled(laptop, first)
    page_two = [{**c, "seq": c["seq"] + 10_000} for c in _pulled(laptop, ("duty_check",))]

    sync_state.apply_pulled(store, page_one, new_cursor=1, final=False)
    assert store.row("inspection", iid)["status"] == "submitted"
    applied = sync_state.apply_pulled(store, page_two, new_cursor=2, final=True)

    assert (applied.applied, applied.conflicts, applied.quarantined) == (1, 0, 0)
    assert duty_check(store, iid)["status"] == "off_duty"
    laptop.close()


def test_the_lock_refuses_a_raw_delete_of_a_pulled_check(store, tmp_path):
    from local_db import sync_state
    from tests.core.conftest import install_basics

    laptop = Store.open(tmp_path / "laptop")
    basics = install_basics(laptop)
    iid = _submitted(laptop, basics)
    sync_state.apply_pulled(store, _pulled(laptop, tuple(ENTITIES_OF_STORY)), new_cursor=1)
    with pytest.raises(sqlite3.IntegrityError, match="locked"):
        store.db.execute("DELETE FROM duty_check WHERE inspection_id = ?", [iid])
    laptop.close()


ENTITIES_OF_STORY = (
    "person",
    "unit",
    "zone",
    "template",
    "inspection",
    "inspection_person",
    "finding",
    "duty_check",
)
