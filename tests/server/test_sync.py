from __future__ import annotations

import hashlib
import os

import sqlalchemy as sa

from domain.clock import now_iso
from domain.ids import new_id
from domain.wire import change
from tests.server import rows
from tests.server.rows import changes, pull_all, push, statuses


def _cursor(server, session) -> int:
    return pull_all(session, server.base, limit=1000)[1]


def test_accepted_rows_appear_in_pull_exactly_once(server):
    s = server.session("insp_a")
    start = _cursor(server, s)
    bundle = rows.inspection(server, "A", server.users["insp_a"], "dev-a")
    answer = push(s, server.base, "dev-a", changes(bundle))
    assert set(statuses(answer).values()) == {"accepted"}, answer
    assert answer["server_time"] and "clock_skew_seconds" in answer
    pulled, _ = pull_all(s, server.base, start, limit=2)  # small pages
    ids = [c["id"] for c in pulled]
    assert sorted(ids) == sorted(c["id"] for c in changes(bundle))
    seqs = [c["seq"] for c in pulled]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)
    inspection = next(c for c in pulled if c["entity"] == "inspection")
    assert inspection["row"] == bundle["inspection"]


def test_same_batch_again_same_answer_no_new_changes(server):
    s = server.session("insp_a")
    bundle = rows.inspection(server, "A", server.users["insp_a"], "dev-a")
    batch = f"dev-a:{new_id()}"
    first = push(s, server.base, "dev-a", changes(bundle), batch)
    cursor = _cursor(server, s)
    again = push(s, server.base, "dev-a", changes(bundle), batch)
    assert again["results"] == first["results"]
    assert again["server_time"] == first["server_time"]
    assert _cursor(server, s) == cursor
    assert pull_all(s, server.base, cursor)[0] == []


def test_inspector_cannot_write_anothers_inspection(server):
    owner = server.session("insp_a")
    other = server.session("insp_a2")  # same unit, not on the inspection
    bundle = rows.inspection(server, "A", server.users["insp_a"], "dev-a")
    push(owner, server.base, "dev-a", changes(bundle))
    bundle["inspection"]["summary"] = "改写"
    bundle["inspection"]["rev"] = 2
    finding = rows.stamp(
        "dev-a2",
        inspection_id=bundle["inspection"]["id"],
        item_code="DL-09",
        result="ok",
        cases=0,
        deduction=0,
        description="",
        severity=None,
        location=None,
    )
    answer = push(
        other,
        server.base,
        "dev-a2",
        [change("inspection", bundle["inspection"]), change("finding", finding)],
    )
    for result in answer["results"]:
        assert result["status"] == "rejected" and result["code"] == "forbidden", result


def test_inspector_cannot_write_outside_their_units(server):
    s = server.session("insp_b")
    bundle = rows.inspection(server, "A", server.users["insp_b"], "dev-b")
    answer = push(s, server.base, "dev-b", changes(bundle))
    assert answer["results"][0]["status"] == "rejected"
    assert answer["results"][0]["code"] == "forbidden"


def test_submitted_inspection_never_changes(server):
    s = server.session("insp_a")
    bundle = rows.inspection(server, "A", server.users["insp_a"], "dev-a")
    rows.submit(bundle)
    answer = push(s, server.base, "dev-a", changes(bundle))
    assert set(statuses(answer).values()) == {"accepted"}, answer
    # the same rows again (e.g. under another batch id) are fine and change nothing
    assert set(statuses(push(s, server.base, "dev-a", changes(bundle))).values()) == {"accepted"}
    edited = dict(bundle["inspection"], summary="事后修改", rev=9)
    finding = dict(bundle["findings"][0], description="改", rev=9)
    extra = rows.stamp(
        "dev-a",
        inspection_id=edited["id"],
        item_code="DL-07",
        result="ok",
        cases=0,
        deduction=0,
        description="",
        severity=None,
        location=None,
    )
    answer = push(
        s,
        server.base,
        "dev-a",
        [change("inspection", edited), change("finding", finding), change("finding", extra)],
    )
    for result in answer["results"]:
        assert result["status"] == "rejected" and result["code"] == "locked", result
    answer = push(s, server.base, "dev-a", [change("finding", finding, op="delete")])
    assert answer["results"][0]["code"] == "locked"


def test_submitted_inspection_with_wrong_digest_is_rejected(server):
    s = server.session("insp_a")
    start = _cursor(server, s)
    bundle = rows.inspection(server, "A", server.users["insp_a"], "dev-a")
    rows.submit(bundle)
    bundle["findings"][0]["description"] = "digest no longer covers this"
    answer = push(s, server.base, "dev-a", changes(bundle))
    by_id = {r["id"]: r for r in answer["results"]}
    assert by_id[bundle["inspection"]["id"]]["code"] == "digest_mismatch"
    assert all(r["status"] == "rejected" for r in answer["results"])
    assert pull_all(s, server.base, start)[0] == []


def test_photo_needs_its_blob(server):
    s = server.session("insp_a")
    bundle = rows.inspection(server, "A", server.users["insp_a"], "dev-a")
    data = os.urandom(5000)
    bundle["photos"] = [
        rows.photo("dev-a", bundle["inspection"]["id"], data, bundle["findings"][0]["id"])
    ]
    answer = push(s, server.base, "dev-a", changes(bundle))
    photo = next(r for r in answer["results"] if r["id"] == bundle["photos"][0]["id"])
    assert photo["status"] == "rejected" and "blob missing" in photo["reason"]
    sha = hashlib.sha256(data).hexdigest()
    assert s.put(f"{server.base}/blobs/{sha}", data=data).status_code == 201
    rows.submit(bundle)
    answer = push(s, server.base, "dev-a", changes(bundle))
    assert set(statuses(answer).values()) == {"accepted"}, answer


def test_user_outside_the_unit_sees_nothing_of_it(server):
    a = server.session("insp_a")
    b = server.session("insp_b")
    start = _cursor(server, b)
    bundle = rows.inspection(server, "A", server.users["insp_a"], "dev-a")
    push(a, server.base, "dev-a", changes(bundle))
    seen, _ = pull_all(b, server.base, start)
    assert seen == []
    office, _ = pull_all(server.session("office"), server.base, start)
    assert bundle["inspection"]["id"] in {c["id"] for c in office}


def test_concurrent_draft_edit_keeps_the_loser(server):
    a = server.session("insp_a")
    bundle = rows.inspection(server, "A", server.users["insp_a"], "dev-a")
    push(a, server.base, "dev-a", changes(bundle))
    start = _cursor(server, a)
    mine = dict(bundle["inspection"], summary="A版", rev=2, updated_at=now_iso(), device_id="dev-a")
    theirs = dict(
        bundle["inspection"],
        summary="B版",
        rev=2,
        updated_at="2000-01-01T00:00:00.000000Z",
        device_id="dev-z",
    )
    assert (
        push(a, server.base, "dev-a", [change("inspection", mine)])["results"][0]["status"]
        == "accepted"
    )
    late = push(a, server.base, "dev-z", [change("inspection", theirs)])["results"][0]
    assert late["status"] == "accepted" and late["conflict"] is True and late["kept"] == "server"
    pulled, _ = pull_all(a, server.base, start)
    assert pulled[-1]["row"]["summary"] == "A版"  # everyone converges on the winner
    from server.db import conflict

    engine = server.engine()
    with engine.connect() as conn:
        losing = (
            conn.execute(sa.select(conflict.c.losing_row).where(conflict.c.entity_id == mine["id"]))
            .scalars()
            .all()
        )
    engine.dispose()
    assert any("B版" in text for text in losing)


def test_malformed_push_is_400(server):
    s = server.session("insp_a")
    assert s.post(f"{server.base}/sync/push", data=b"{not json").status_code == 400
    answer = s.post(f"{server.base}/sync/push", json={"changes": []})
    assert answer.status_code == 400 and answer.json()["error"]["code"] == "malformed"
    answer = push(
        s, server.base, "dev-a", [{"entity": "bogus", "id": "x", "op": "upsert", "row": {}}]
    )
    assert answer["results"][0]["status"] == "rejected"


def test_one_batch_reads_its_own_writes(server):
    """A batch's reads and writes go in bulk (server/batch_rows.py); every rule still sees what
    the batch wrote before it: parents, a row written twice, a delete; and the tables end up
    holding the last version of each row."""
    s = server.session("insp_a")
    me = server.users["insp_a"]
    old = rows.inspection(server, "A", me, "dev-a", findings=2)
    push(s, server.base, "dev-a", changes(old))
    start = _cursor(server, s)
    new = rows.inspection(server, "A", me, "dev-a", findings=1)  # parent and children at once
    fresh = dict(new["findings"][0], description="刚写又改", rev=2)  # inserted, then updated
    kept, gone = old["findings"]
    twice = [dict(kept, description=f"第{n}次", rev=n) for n in (2, 3)]  # updated twice
    answer = push(
        s,
        server.base,
        "dev-a",
        [
            *changes(new),
            change("finding", fresh),
            *(change("finding", r) for r in twice),
            change("finding", gone, op="delete"),
        ],
    )
    assert set(statuses(answer).values()) == {"accepted"}, answer
    again = push(s, server.base, "dev-a", [change("finding", fresh), change("finding", twice[1])])
    assert [r.get("unchanged") for r in again["results"]] == [True, True]  # what the tables hold

    other = server.session("insp_a2")  # not on `old`: joins it when a member adds them
    join = rows.stamp(
        "dev-a2", inspection_id=old["inspection"]["id"], person_id=server.users["insp_a2"], lead=0
    )
    refused = push(other, server.base, "dev-a2", [change("inspection_person", join)])
    assert refused["results"][0]["code"] == "forbidden"
    assert set(
        statuses(push(s, server.base, "dev-a", [change("inspection_person", join)])).values()
    ) == {"accepted"}
    finding = rows.stamp(
        "dev-a2",
        inspection_id=old["inspection"]["id"],
        item_code="DL-05",
        result="ok",
        cases=0,
        deduction=0,
        description="",
        severity=None,
        location=None,
    )
    by_the_new_member = push(other, server.base, "dev-a2", [change("finding", finding)])
    assert set(statuses(by_the_new_member).values()) == {"accepted"}, by_the_new_member

    pulled, _ = pull_all(s, server.base, start)
    latest = {c["id"]: c for c in pulled}
    assert [c["row"]["rev"] for c in pulled if c["id"] == kept["id"]] == [2, 3]
    assert latest[kept["id"]]["row"]["description"] == "第3次"
    assert latest[fresh["id"]]["row"] == fresh
    assert latest[gone["id"]]["op"] == "delete"
    assert latest[finding["id"]]["op"] == "upsert"
    seqs = [c["seq"] for c in pulled]
    assert seqs == sorted(set(seqs))
    office, _ = pull_all(server.session("office"), server.base, start)
    assert {c["id"] for c in office} >= set(latest)
    outside, _ = pull_all(server.session("insp_b"), server.base, start)
    assert not {c["id"] for c in outside} & set(latest)  # unit A's rows stay in unit A
