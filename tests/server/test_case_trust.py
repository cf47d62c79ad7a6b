"""Cases from other sources against the server that trusts nothing (SQLite and PostgreSQL):
a case's photo stays the case's (never moved into a submitted inspection, its file never
swapped), and a case's notice can be transferred (改派) like an inspection's, staying under the
case's unit so the office's laptops of that unit learn of the transfer."""

from __future__ import annotations

import hashlib
import os
from datetime import timedelta

from domain.clock import now_iso, to_iso, utc_now
from domain.wire import change
from tests.server import rows
from tests.server.rows import changes, pull_all, push, statuses
from tests.server.test_cases import DEV, OFFICE, _case, _edited, _notice, _photo
from tests.server.test_transfer import _reviewer_of_a
from tests.testdata import PHOTOS


def _blob(server, session) -> bytes:
    data = PHOTOS.joinpath("gps", "DSCN0012.jpg").read_bytes() + os.urandom(8)
    sha = hashlib.sha256(data).hexdigest()
    assert session.put(f"{server.base}/blobs/{sha}", data=data).status_code == 201
    return data


def test_a_case_photo_never_moves_into_a_submitted_inspection_nor_changes_its_file(server):
    inspector = server.session("insp_a")
    bundle = rows.inspection(server, "A", server.users["insp_a"], "dev-insp_a")
    rows.submit(bundle)
    answer = push(inspector, server.base, "dev-insp_a", changes(bundle))
    assert set(statuses(answer).values()) == {"accepted"}, answer

    office = server.session(OFFICE)
    case = _case()
    photo = _photo(case["id"], _blob(server, office))
    answer = push(office, server.base, DEV, [change("problem_case", case), change("photo", photo)])
    assert set(statuses(answer).values()) == {"accepted"}, answer

    # the case's photo made evidence of the submitted (locked) inspection: refused
    moved = _edited(
        photo,
        case_id=None,
        inspection_id=bundle["inspection"]["id"],
        finding_id=bundle["findings"][0]["id"],
    )
    answer = push(office, server.base, DEV, [change("photo", moved)])
    assert answer["results"][0]["status"] == "rejected", answer
    # another file under the case's photo row: refused
    other = _blob(server, office)
    swapped = _edited(photo, sha256=hashlib.sha256(other).hexdigest(), byte_size=len(other))
    answer = push(office, server.base, DEV, [change("photo", swapped)])
    assert answer["results"][0]["status"] == "rejected", answer
    # its caption still changes
    captioned = _edited(photo, caption="店外占道")
    answer = push(office, server.base, DEV, [change("photo", captioned)])
    assert answer["results"][0]["status"] == "accepted", answer

    pulled, _ = pull_all(inspector, server.base, limit=1000)
    assert photo["id"] not in {c["id"] for c in pulled}  # nothing of it reached unit A


def test_a_case_notice_is_transferred_and_the_case_units_office_pulls_the_transfer(server):
    office = server.session(OFFICE)
    a, b = server.units["A"], server.units["B"]
    case = _case()
    notice = _notice(server, case)
    issued = utc_now() - timedelta(hours=2)
    notice.update(issued_at=to_iso(issued), due_at=to_iso(issued + timedelta(days=3)))
    assigned = _edited(
        case, unit_id=a, zone_id=server.zones["A"], triage="assigned",
        notice_id=notice["id"], triaged_at=now_iso(),
    )  # fmt: skip
    first = rows.stamp(
        DEV, notice_id=notice["id"], kind="issued", at=notice["issued_at"], actor=None,
        new_due_at=notice["due_at"],
    )  # fmt: skip
    answer = push(
        office,
        server.base,
        DEV,
        [
            change("problem_case", case),
            change("problem_case", assigned),
            change("notice", notice),
            change("notice_event", first),
        ],
    )
    assert set(statuses(answer).values()) == {"accepted"}, answer
    number = next(r["number"] for r in answer["results"] if r.get("number"))
    narrow = server.session(_reviewer_of_a(server), device="dev-rev_lc_a")
    _, cursor = pull_all(narrow, server.base, limit=1000)

    at = to_iso(utc_now() - timedelta(minutes=5))
    transfer = rows.stamp(
        DEV, notice_id=notice["id"], kind="transferred", at=at, actor=None, note="路段移交",
        new_due_at=to_iso(utc_now() + timedelta(days=3)), from_unit_id=a, to_unit_id=b,
    )  # fmt: skip
    moved = _edited(notice, unit_id=b, zone_id=None, number=number, number_kind="official")
    answer = push(
        office, server.base, DEV, [change("notice_event", transfer), change("notice", moved)]
    )
    assert [r["status"] for r in answer["results"]] == ["accepted", "accepted"], answer

    # unit A's office laptop learns the notice went to B (it is not left with a stale copy)
    pulled, _ = pull_all(narrow, server.base, cursor, limit=1000)
    held = [c["row"] for c in pulled if c["entity"] == "notice" and c["id"] == notice["id"]]
    assert held and held[-1]["unit_id"] == b, pulled


def test_a_case_merges_into_no_closed_notice(server):
    """合并 joins an open notice (local_db/cases.py merge_case says so on the laptop); the
    server refuses a case merged into a notice closed out (销号) as well."""
    from tests.server.test_trust import _event, _issued

    office = server.session(OFFICE)
    _, notice = _issued(server, server.session("insp_a"), "insp_a")
    start = utc_now() - timedelta(minutes=30)
    steps = [
        _event(notice, kind, server.users[OFFICE], at=to_iso(start + timedelta(minutes=i)))
        for i, kind in enumerate(("acknowledged", "rectified", "recheck_passed", "closed"))
    ]
    answer = push(office, server.base, DEV, [change("notice_event", e) for e in steps])
    assert set(statuses(answer).values()) == {"accepted"}, answer
    case = _case()
    answer = push(office, server.base, DEV, [change("problem_case", case)])
    assert set(statuses(answer).values()) == {"accepted"}, answer
    merged = _edited(
        case, unit_id=server.units["A"], triage="merged", notice_id=notice["id"],
        triaged_at=now_iso(),
    )  # fmt: skip
    answer = push(office, server.base, DEV, [change("problem_case", merged)])
    assert answer["results"][0]["status"] == "rejected", answer
    assert answer["results"][0]["code"] == "lifecycle", answer


def test_a_case_is_not_assigned_to_a_notice_the_push_breaks(server):
    """交办 names the case's notice in the same push: a notice the contract refuses does not
    count, or the case would be frozen as assigned to a notice the server never holds."""
    office = server.session(OFFICE)
    case = _case()
    answer = push(office, server.base, DEV, [change("problem_case", case)])
    assert set(statuses(answer).values()) == {"accepted"}, answer
    notice = _notice(server, case)
    notice["number_kind"] = "made-up"  # the contract refuses it
    assigned = _edited(
        case, unit_id=server.units["A"], triage="assigned", notice_id=notice["id"],
        triaged_at=now_iso(),
    )  # fmt: skip
    answer = push(
        office, server.base, DEV, [change("problem_case", assigned), change("notice", notice)]
    )
    assert statuses(answer) == {case["id"]: "rejected", notice["id"]: "rejected"}, answer


def test_taking_a_cases_losing_triage_meets_the_triage_rules(server):
    """Two office laptops edit a pending case at once: one triages it (交办) and loses against
    the other's edit, its notice refused with it. Taking the losing triage (conflict
    resolution) writes it only if it still keeps the rules: its notice does not exist."""
    office = server.session(OFFICE)
    case = _case()
    answer = push(office, server.base, DEV, [change("problem_case", case)])
    assert set(statuses(answer).values()) == {"accepted"}, answer
    notice = _notice(server, case)
    early = to_iso(utc_now() - timedelta(minutes=1))
    assigned = {
        **_edited(
            case,
            unit_id=server.units["A"],
            zone_id=server.zones["A"],
            triage="assigned",
            notice_id=notice["id"],
            triaged_at=early,
        ),
        "updated_at": early,
    }
    other = server.session(OFFICE, device="dev-office-2")
    edited = {**_edited(case, description="店外占道经营（补充）"), "device_id": "dev-office-2"}
    answer = push(
        other, server.base, "dev-office-2", [{**change("problem_case", edited), "base_rev": 1}]
    )
    assert set(statuses(answer).values()) == {"accepted"}, answer
    answer = push(
        office,
        server.base,
        DEV,
        [
            {**change("problem_case", assigned), "base_rev": 1},
            {**change("notice", notice), "base_rev": None},
        ],
    )
    by_id = {r["id"]: r for r in answer["results"]}
    assert by_id[notice["id"]]["status"] == "rejected", answer  # the case is not triaged
    listed = office.get(
        f"{server.base}/conflicts", params={"state": "open", "limit": 500}, timeout=30
    )
    (kept,) = [c for c in listed.json()["conflicts"] if c["entity_id"] == case["id"]]
    assert kept["losing"]["row"]["triage"] == "assigned"

    taken = office.post(
        f"{server.base}/conflicts/{kept['id']}/resolve", json={"take": "losing"}, timeout=30
    )
    assert taken.status_code == 409, taken.text  # its notice was never held
    pulled, _ = pull_all(office, server.base, limit=1000)
    held = [c["row"] for c in pulled if c["id"] == case["id"]][-1]
    assert held["triage"] == "pending"


def test_a_case_and_its_notice_name_a_zone_of_their_unit(server):
    """交办 to unit A in unit B's zone (the laptop's assign_case refuses it: "The zone belongs
    to another unit"): the server refuses it as well, case and notice."""
    office = server.session(OFFICE)
    case = _case()
    notice = _notice(server, case)
    notice["zone_id"] = server.zones["B"]
    assigned = _edited(
        case,
        unit_id=server.units["A"],
        zone_id=server.zones["B"],
        triage="assigned",
        notice_id=notice["id"],
        triaged_at=now_iso(),
    )
    answer = push(
        office,
        server.base,
        DEV,
        [change("problem_case", case), change("problem_case", assigned), change("notice", notice)],
    )
    got = statuses(answer)
    assert got[notice["id"]] == "rejected", answer
    assert [r["code"] for r in answer["results"] if r["status"] == "rejected"] == [
        "reference",
        "reference",
    ], answer


def test_a_case_photos_markup_goes_to_the_unit_with_the_photo(server):
    """The office marks up a pending case's photo, then gives the case to unit A (交办): the
    unit's laptop pulls the photo and its markup (never a photo whose annotation it lacks)."""
    office = server.session(OFFICE)
    case = _case()
    photo = _photo(case["id"], _blob(server, office))
    markup = rows.stamp(DEV, photo_id=photo["id"], author=None, shapes="[]")
    answer = push(
        office,
        server.base,
        DEV,
        [change("problem_case", case), change("photo", photo), change("annotation", markup)],
    )
    assert set(statuses(answer).values()) == {"accepted"}, answer
    notice = _notice(server, case)
    assigned = _edited(
        case,
        unit_id=server.units["A"],
        zone_id=server.zones["A"],
        triage="assigned",
        notice_id=notice["id"],
        triaged_at=now_iso(),
    )
    answer = push(
        office, server.base, DEV, [change("problem_case", assigned), change("notice", notice)]
    )
    assert set(statuses(answer).values()) == {"accepted"}, answer
    pulled, _ = pull_all(server.session("insp_a"), server.base, limit=1000)
    got = {c["id"] for c in pulled}
    assert photo["id"] in got
    assert markup["id"] in got
