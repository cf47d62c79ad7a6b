"""The real client engine against the real server process: an inspector's laptop pushes an
inspection with a photo; the office's client pulls it and sees it exactly once, with the
photo's original bytes; syncing again changes nothing."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import requests

from app.photos.importer import import_one
from app.sync.engine import sync_once
from local_db import inspections as ops
from local_db.store import Store
from local_db.sync_state import sync_status
from tests.server.laptops import laptop
from tests.testdata import PHOTOS

PHOTO = PHOTOS / "gps" / "DSCN0010.jpg"


def test_an_inspection_with_a_photo_reaches_the_office_once(server, tmp_path):
    # a camera file no other test sends (bytes after the JPEG's end): the session's server may
    # hold DSCN0010 already, and a laptop that pulled it never sends it again
    source = tmp_path / "DSCN0010.jpg"
    source.write_bytes(PHOTO.read_bytes() + b"end-to-end " + tmp_path.name.encode())
    inspector, i_client = laptop(server, "insp_a", tmp_path / "inspector")
    assert inspector.row("zone", server.zones["A"]) is not None  # pulled from the server
    me = inspector.meta("local_person_id")
    row = ops.start_inspection(
        inspector,
        template_id=server.template_id,
        zone_id=server.zones["A"],
        mode="unannounced",
        person_ids=[me],
    )
    finding = ops.record_finding(
        inspector, row["id"], "DL-09", "problem", cases=2, description="游商占道经营两处"
    )
    photo = import_one(
        inspector, tmp_path / "inspector", source, inspection_id=row["id"], finding_id=finding["id"]
    )
    ops.mark_unanswered_ok(inspector, row["id"])
    submitted = ops.submit_inspection(inspector, row["id"], actor=me)

    report = sync_once(inspector, tmp_path / "inspector", i_client)
    assert report.rejected == 0 and report.photos_uploaded == 1
    status = sync_status(inspector)
    assert (status.pending_changes, status.pending_photos, status.rejected) == (0, 0, 0)

    office, o_client = laptop(server, "office", tmp_path / "office")
    got = office.rows("SELECT * FROM inspection WHERE id = ?", [row["id"]])
    assert len(got) == 1
    assert (got[0]["status"], got[0]["digest"]) == ("submitted", submitted["digest"])
    assert len(office.rows("SELECT id FROM finding WHERE inspection_id = ?", [row["id"]])) == 66
    [pulled_photo] = office.rows("SELECT * FROM photo WHERE inspection_id = ?", [row["id"]])
    assert (
        pulled_photo["sha256"] == photo["sha256"] == hashlib.sha256(source.read_bytes()).hexdigest()
    )
    token = o_client.token
    blob = requests.get(
        f"{server.base}/blobs/{photo['sha256']}",
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
    )
    assert blob.status_code == 200 and blob.content == source.read_bytes()

    # Syncing again on both sides sends and receives nothing new, duplicates nothing.
    again = sync_once(inspector, tmp_path / "inspector", i_client)
    assert (again.accepted, again.photos_uploaded) == (0, 0)
    sync_once(office, tmp_path / "office", o_client)
    assert len(office.rows("SELECT id FROM inspection WHERE id = ?", [row["id"]])) == 1
    assert len(office.rows("SELECT id FROM photo WHERE inspection_id = ?", [row["id"]])) == 1
    for store, client in ((inspector, i_client), (office, o_client)):
        client.close()
        store.close()


def _notice_offline(store: Store, folder: Path, server) -> dict:
    """A submitted inspection with one problem and its photo, and a notice for it — no network."""
    from local_db.notices import issue_notice

    me = store.meta("local_person_id")
    row = ops.start_inspection(
        store,
        template_id=server.template_id,
        zone_id=server.zones["A"],
        mode="covert",
        person_ids=[me],
    )
    finding = ops.record_finding(store, row["id"], "DL-09", "problem", description="游商占道")
    import_one(store, folder, PHOTO, inspection_id=row["id"], finding_id=finding["id"])
    ops.mark_unanswered_ok(store, row["id"])
    ops.submit_inspection(store, row["id"], actor=me)
    return issue_notice(
        store,
        inspection_id=row["id"],
        unit_id=server.units["A"],
        finding_ids=[finding["id"]],
        requirements="立即清理",
        due_at="2099-01-01T09:00:00.000000Z",
        issued_by=me,
    )


def test_notice_numbers_from_device_blocks_stay_and_provisional_ones_are_replaced(
    server,
    tmp_path,
):
    one, c1 = laptop(server, "insp_a", tmp_path / "one")
    two, c2 = laptop(server, "insp_a2", tmp_path / "two")
    first = _notice_offline(one, tmp_path / "one", server)
    second = _notice_offline(two, tmp_path / "two", server)
    assert first["number_kind"] == second["number_kind"] == "official"
    assert first["number"] != second["number"]
    with two.transaction():  # the pad of device two is used up
        two.set_meta("notice_number_blocks", "[]")
    third = _notice_offline(two, tmp_path / "two", server)
    assert third["number_kind"] == "provisional" and third["number"].startswith("临")

    sync_once(one, tmp_path / "one", c1)
    report = sync_once(two, tmp_path / "two", c2)
    assert report.rejected == 0

    assert one.row("notice", first["id"])["number"] == first["number"]  # kept
    assert two.row("notice", second["id"])["number"] == second["number"]  # kept
    replaced = two.row("notice", third["id"])
    assert replaced["number"].startswith("督改〔") and replaced["number"] != third["number"]
    office, c3 = laptop(server, "office", tmp_path / "office")
    numbers = [r["number"] for r in office.rows("SELECT number FROM notice")]
    assert len(numbers) == len(set(numbers)) >= 3
    assert {first["number"], second["number"], replaced["number"]} <= set(numbers)
    for store, client in ((one, c1), (two, c2), (office, c3)):
        client.close()
        store.close()


def _draft(store, server) -> dict:
    return ops.start_inspection(
        store,
        template_id=server.template_id,
        zone_id=server.zones["A"],
        mode="open",
        person_ids=[store.meta("local_person_id")],
    )


def test_a_laptop_clock_ahead_of_the_server_is_flagged_and_kept(server, tmp_path):
    """The server compares the laptop's clock, sent with the push, with its own at receipt; the
    sync report names it, signed: +1200 s for a clock 20 minutes fast."""
    from datetime import timedelta

    from domain.clock import utc_now

    folder = tmp_path / "laptop"
    store, client = laptop(server, "insp_a", folder)
    _draft(store, server)
    report = sync_once(store, folder, client, clock=lambda: utc_now() + timedelta(minutes=20))
    assert report.rejected == 0
    assert report.clock_skew_seconds == pytest.approx(1200, abs=5)
    client.close()
    store.close()


def test_hours_of_offline_work_with_a_right_clock_raise_no_clock_flag(server, tmp_path):
    """Issue 12, finding 3: three hours of offline edits synced by a laptop whose clock is right
    gave "本机时钟与服务器相差 180 分钟" (the skew came from the rows' age). Now: no flag."""
    from datetime import UTC, datetime, timedelta

    from domain.clock import to_iso
    from local_db.receipts import receipt_of

    folder = tmp_path / "laptop"
    store, client = laptop(server, "insp_a", folder)
    row = _draft(store, server)
    earlier = to_iso(datetime.now(UTC) - timedelta(hours=3))  # edited offline this morning
    store.db.execute(
        "UPDATE outbox SET row = json_set(row, '$.updated_at', ?) WHERE state = 'pending'",
        [earlier],
    )
    report = sync_once(store, folder, client)
    assert report.rejected == 0
    assert report.clock_skew_seconds is None
    kept = receipt_of(store, "inspection", row["id"])
    assert kept is not None and not kept.clock_ahead
    client.close()
    store.close()
