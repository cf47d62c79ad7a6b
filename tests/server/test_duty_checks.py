"""马路办公 duty checks on the real server (SQLite and PostgreSQL): recorded on a laptop during
an inspection of a road segment, pushed, pulled by another laptop; and what the server refuses —
a zone not the inspection's, a photo of another inspection, a second check, a change after
submit, a push by someone not on the inspection."""

from __future__ import annotations

import hashlib
import os

import pytest

from app.sync.engine import sync_once
from domain.clock import now_iso
from domain.wire import change
from local_db import inspections as ops
from local_db.duty_checks import cycle_duty, duty_check
from tests.server import rows
from tests.server.laptops import laptop


def _answer(session, server, device: str, *items: dict) -> list[tuple[str, str | None]]:
    answer = rows.push(session, server.base, device, list(items))
    return [(r["status"], r.get("code")) for r in answer["results"]]


def _duty(device: str, inspection: dict, **fields) -> dict:
    row = {
        "inspection_id": inspection["id"],
        "zone_id": inspection["zone_id"],
        "status": "off_duty",
        "chief_name": "王路长",
        "checked_at": now_iso(),
        "photo_id": None,
        "note": "",
    }
    return rows.stamp(device, **{**row, **fields})


@pytest.fixture(scope="module")
def road(server) -> str:
    """A road segment of unit A with its chief, written by an admin (reference data)."""
    if "duty_admin" not in server.users:
        server.add_user("duty_admin", "admin")
    zone = rows.stamp(
        "dev-duty_admin",
        name=f"人民路{os.urandom(3).hex()}",
        kind="road_segment",
        unit_id=server.units["A"],
        chief_name="王路长",
        chief_phone="13800000001",
        geometry=None,
        active=1,
    )
    session = server.session("duty_admin")
    assert _answer(session, server, "dev-duty_admin", change("zone", zone)) == [("accepted", None)]
    return zone["id"]


def _draft(server, session, user: str = "insp_a", photos: int = 0) -> dict:
    bundle = rows.inspection(server, "A", server.users[user], f"dev-{user}", findings=1)
    for n in range(photos):
        data = os.urandom(64) + bytes([n])
        blob = hashlib.sha256(data).hexdigest()
        assert session.put(f"{server.base}/blobs/{blob}", data=data).status_code in (200, 201)
        bundle["photos"].append(rows.photo(f"dev-{user}", bundle["inspection"]["id"], data))
    got = _answer(session, server, f"dev-{user}", *rows.changes(bundle))
    assert {s for s, _ in got} == {"accepted"}, got
    return bundle


def test_a_duty_check_goes_from_one_laptop_to_another(server, road, tmp_path):
    store, client = laptop(server, "insp_a", tmp_path / "a")
    me = store.meta("local_person_id")
    draft = ops.start_inspection(
        store, template_id=server.template_id, zone_id=road, mode="open", person_ids=[me]
    )
    cycle_duty(store, draft["id"], actor=me)
    cycle_duty(store, draft["id"], actor=me)  # 不在岗
    ops.mark_unanswered_ok(store, draft["id"])
    ops.submit_inspection(store, draft["id"], actor=me)
    sync_once(store, tmp_path / "a", client)
    assert store.rows("SELECT count(*) AS n FROM outbox WHERE state = 'pending'") == [{"n": 0}]

    other, _ = laptop(server, "insp_a2", tmp_path / "b")
    got = duty_check(other, draft["id"])

    assert got is not None
    assert (got["status"], got["chief_name"], got["zone_id"]) == ("off_duty", "王路长", road)
    assert other.row("inspection", draft["id"])["status"] == "submitted"
    store.close()
    other.close()


def test_the_server_refuses_what_a_duty_check_may_not_name(server):
    s = server.session("insp_a")
    mine = _draft(server, s, photos=1)
    elsewhere = _draft(server, s, photos=1)
    insp = mine["inspection"]
    wrong_zone = _duty("dev-insp_a", insp, zone_id=server.zones["B"])
    foreign_photo = _duty("dev-insp_a", insp, photo_id=elsewhere["photos"][0]["id"])
    good = _duty("dev-insp_a", insp, photo_id=mine["photos"][0]["id"])
    second = _duty("dev-insp_a", insp, status="on_duty")

    assert _answer(s, server, "dev-insp_a", change("duty_check", wrong_zone)) == [
        ("rejected", "reference")
    ]
    assert _answer(s, server, "dev-insp_a", change("duty_check", foreign_photo)) == [
        ("rejected", "reference")
    ]
    assert _answer(s, server, "dev-insp_a", change("duty_check", good)) == [("accepted", None)]
    assert _answer(s, server, "dev-insp_a", change("duty_check", second)) == [
        ("rejected", "invalid")
    ]


def test_a_zone_of_the_same_unit_that_is_not_the_inspections_is_refused(server, road):
    s = server.session("insp_a")
    insp = _draft(server, s)["inspection"]
    answer = rows.push(
        s,
        server.base,
        "dev-insp_a",
        [change("duty_check", _duty("dev-insp_a", insp, zone_id=road))],
    )
    (result,) = answer["results"]
    assert (result["status"], result["code"]) == ("rejected", "reference")
    assert "not the zone of its inspection" in result["reason"]


def test_after_submit_a_duty_check_is_locked(server):
    s = server.session("insp_a")
    bundle = rows.inspection(server, "A", server.users["insp_a"], "dev-insp_a", findings=1)
    rows.submit(bundle)
    held = _duty("dev-insp_a", bundle["inspection"])
    # submitted in this very push: its own rows still go with it
    got = _answer(s, server, "dev-insp_a", *rows.changes(bundle), change("duty_check", held))
    assert {g for g in got} == {("accepted", None)}

    edited = {**held, "status": "on_duty", "rev": 2, "updated_at": now_iso()}
    assert _answer(s, server, "dev-insp_a", change("duty_check", edited)) == [
        ("rejected", "locked")
    ]
    assert _answer(s, server, "dev-insp_a", change("duty_check", held, op="delete")) == [
        ("rejected", "locked")
    ]
    without = rows.inspection(server, "A", server.users["insp_a"], "dev-insp_a", findings=1)
    rows.submit(without)
    assert {g for g in _answer(s, server, "dev-insp_a", *rows.changes(without))} == {
        ("accepted", None)
    }
    late = _duty("dev-insp_a", without["inspection"])
    assert _answer(s, server, "dev-insp_a", change("duty_check", late)) == [("rejected", "locked")]
    pulled, _ = rows.pull_all(server.session("office"), server.base)
    kept = [c["row"] for c in pulled if c["entity"] == "duty_check" and c["id"] == held["id"]]
    assert [r["status"] for r in kept][-1:] == ["off_duty"]


def test_someone_not_on_the_draft_may_not_record_its_duty_check(server):
    s = server.session("insp_a")
    insp = _draft(server, s)["inspection"]
    colleague = server.session("insp_a2")  # same unit, not on this inspection
    office = server.session("office")  # a reviewer, not on it either
    theirs = _duty("dev-insp_a2", insp)
    assert _answer(colleague, server, "dev-insp_a2", change("duty_check", theirs)) == [
        ("rejected", "forbidden")
    ]
    assert _answer(office, server, "dev-office", change("duty_check", theirs)) == [
        ("rejected", "forbidden")
    ]
    other_unit = server.session("insp_b")  # cannot even see unit A's inspection
    assert _answer(other_unit, server, "dev-insp_b", change("duty_check", theirs)) == [
        ("rejected", "reference")
    ]
