"""Cases from other sources (问题来源) on the real server, SQLite and PostgreSQL
(server/case_checks.py): the office records a hotline case and 交办 it as a notice; the unit
pulls the case, its notice and its photo, and nothing of a case still unassigned; an inspector
may record no case; a 工单号 already held is refused; merging and closing follow the rules."""

from __future__ import annotations

import hashlib
import os
from datetime import timedelta

from domain.clock import now_iso, to_iso, utc_now
from domain.ids import new_id
from domain.numbering import provisional_number
from domain.wire import change
from tests.server import rows
from tests.server.rows import pull_all, push, statuses
from tests.testdata import PHOTOS

OFFICE = "office"  # a reviewer who sees all units
DEV = "dev-office"


def _ticket() -> str:
    return f"GD{os.urandom(4).hex()}"


def _case(**fields) -> dict:
    row = rows.stamp(
        DEV,
        source="hotline",
        ticket_no=_ticket(),
        received_at="2026-11-20T01:30:00Z",
        address="人民路12号",
        description="店外占道经营",
        unit_id=None,
        zone_id=None,
        triage="pending",
        notice_id=None,
        triage_note=None,
        triaged_by=None,
        triaged_at=None,
        file_name="12345.xlsx",
        file_sha256="a" * 64,
    )
    row.update(fields)
    return row


def _edited(row: dict, **fields) -> dict:
    return {**row, **fields, "rev": row["rev"] + 1, "updated_at": now_iso()}


def _notice(server, case: dict, unit: str = "A") -> dict:
    return rows.stamp(
        DEV,
        number=provisional_number("0190-abcdef", int.from_bytes(os.urandom(2)) + 1),
        number_kind="provisional",
        unit_id=server.units[unit],
        zone_id=server.zones[unit],
        inspection_id=None,
        findings="[]",
        requirements="限期清理占道经营",
        issued_by=None,
        issued_at=now_iso(),
        due_at=to_iso(utc_now() + timedelta(days=3)),
        cc_units="[]",
        source=case["source"],
        case_id=case["id"],
    )


def _photo(case_id: str, data: bytes) -> dict:
    row = rows.photo(DEV, "", data)
    row.update(inspection_id=None, case_id=case_id, original_name="GD1.jpg")
    return row


def test_a_case_is_assigned_as_a_notice_and_the_unit_pulls_it(server):
    office = server.session(OFFICE)
    data = PHOTOS.joinpath("gps", "DSCN0012.jpg").read_bytes() + os.urandom(8)
    sha = hashlib.sha256(data).hexdigest()
    assert office.put(f"{server.base}/blobs/{sha}", data=data).status_code == 201
    case = _case()
    photo = _photo(case["id"], data)
    answer = push(office, server.base, DEV, [change("problem_case", case), change("photo", photo)])
    assert set(statuses(answer).values()) == {"accepted"}, answer

    unit_a = server.session("insp_a")
    _, cursor = pull_all(unit_a, server.base)  # nothing of the unassigned case reaches unit A
    assert unit_a.get(f"{server.base}/blobs/{sha}").status_code == 404

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

    pulled, _ = pull_all(unit_a, server.base, cursor)
    by_id = {c["id"]: c for c in pulled}
    assert by_id[case["id"]]["row"]["triage"] == "assigned"
    assert by_id[case["id"]]["row"]["triaged_by"] == server.users[OFFICE]  # from the token
    got = by_id[notice["id"]]["row"]
    assert (got["source"], got["case_id"], got["inspection_id"]) == ("hotline", case["id"], None)
    assert got["number_kind"] == "official"
    assert by_id[photo["id"]]["row"]["case_id"] == case["id"]
    assert unit_a.get(f"{server.base}/blobs/{sha}").content == data
    pulled_b, _ = pull_all(server.session("insp_b"), server.base)
    assert not {case["id"], notice["id"], photo["id"]} & {c["id"] for c in pulled_b}

    # triaged once: the case keeps its unit and notice
    moved = _edited(assigned, unit_id=server.units["B"], zone_id=None)
    answer = push(office, server.base, DEV, [change("problem_case", moved)])
    assert answer["results"][0]["code"] == "lifecycle", answer


def test_an_inspector_records_no_case_and_issues_no_case_notice(server):
    inspector = server.session("insp_a")
    case = _case(unit_id=server.units["A"])
    answer = push(inspector, server.base, "dev-insp_a", [change("problem_case", case)])
    assert answer["results"][0]["code"] == "forbidden", answer
    office = server.session(OFFICE)
    notice = _notice(server, case)
    held = _edited(case, triage="assigned", notice_id=notice["id"], triaged_at=now_iso())
    answer = push(office, server.base, DEV, [change("problem_case", held)])
    assert answer["results"][0]["code"] == "reference", answer  # its notice is not in the push
    answer = push(office, server.base, DEV, [change("problem_case", case)])
    assert set(statuses(answer).values()) == {"accepted"}, answer
    notice["issued_by"] = server.users["insp_a"]
    answer = push(inspector, server.base, "dev-insp_a", [change("notice", notice)])
    assert answer["results"][0]["code"] == "forbidden", answer  # a case's notice: office only


def test_a_ticket_already_held_is_refused(server):
    office = server.session(OFFICE)
    first = _case()
    answer = push(office, server.base, DEV, [change("problem_case", first)])
    assert set(statuses(answer).values()) == {"accepted"}, answer
    again = _case(ticket_no=first["ticket_no"])
    answer = push(office, server.base, DEV, [change("problem_case", again)])
    assert answer["results"][0]["code"] == "duplicate", answer
    assert first["ticket_no"] in answer["results"][0]["reason"]
    other_source = _case(ticket_no=first["ticket_no"], source="snapshot")
    answer = push(office, server.base, DEV, [change("problem_case", other_source)])
    assert set(statuses(answer).values()) == {"accepted"}, answer  # unique per source


def test_merged_and_closed_cases(server):
    office = server.session(OFFICE)
    first, second, third = _case(), _case(), _case()
    notice = _notice(server, first)
    assigned = _edited(
        first,
        unit_id=server.units["A"],
        triage="assigned",
        notice_id=notice["id"],
        triaged_at=now_iso(),
    )
    answer = push(
        office,
        server.base,
        DEV,
        [*(change("problem_case", c) for c in (assigned, second, third)), change("notice", notice)],
    )
    assert set(statuses(answer).values()) == {"accepted"}, answer
    wrong_unit = _edited(
        second,
        unit_id=server.units["B"],
        triage="merged",
        notice_id=notice["id"],
        triaged_at=now_iso(),
    )
    answer = push(office, server.base, DEV, [change("problem_case", wrong_unit)])
    assert answer["results"][0]["code"] == "reference", answer
    merged = _edited(
        second,
        unit_id=server.units["A"],
        triage="merged",
        notice_id=notice["id"],
        triaged_at=now_iso(),
    )
    closed = _edited(third, triage="closed", triage_note="属物业管理范围", triaged_at=now_iso())
    answer = push(
        office, server.base, DEV, [change("problem_case", merged), change("problem_case", closed)]
    )
    assert set(statuses(answer).values()) == {"accepted"}, answer
    unnamed = _edited(closed, triage_note=None, rev=closed["rev"] + 1)
    answer = push(office, server.base, DEV, [change("problem_case", unnamed)])
    assert answer["results"][0]["status"] == "rejected", answer  # the contract: no reason
    someone_else = _case()
    answer = push(
        office,
        server.base,
        DEV,
        [
            change(
                "problem_case",
                _edited(
                    someone_else,
                    triage="closed",
                    triage_note="重复",
                    triaged_at=now_iso(),
                    triaged_by=new_id(),
                ),
            )
        ],
    )
    assert answer["results"][0]["code"] == "identity_mismatch", answer
