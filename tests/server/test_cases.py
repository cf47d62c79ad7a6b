"""Cases from other sources (问题来源) on the real server, SQLite and PostgreSQL
(server/case_checks.py): the office records a hotline case and 交办 it as a notice; the unit
pulls the case, its notice and its photo, and nothing of a case still unassigned; an inspector
may record no case; a 工单号 already held is refused; merging and closing follow the rules."""

from __future__ import annotations

import hashlib
import os
import shutil
from datetime import timedelta

from app.cases.importer import import_cases
from app.sync.engine import sync_once
from domain.clock import now_iso, to_iso, utc_now
from domain.ids import new_id
from domain.numbering import provisional_number
from domain.wire import change
from local_db.cases import assign_case, list_cases
from local_db.notices import list_notices
from tests.server import rows
from tests.server.laptops import laptop
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


def test_an_office_laptop_imports_and_assigns_and_the_units_laptop_pulls_it(server, tmp_path):
    """The whole way, through the real sync engine: the office imports a hotline export with a
    photo on its laptop and 交办 one case (offline, then one sync); the unit's inspector's
    laptop pulls the case, its notice (with its official number) and the photo's row."""
    office, office_client = laptop(server, OFFICE, tmp_path / "office")
    export = tmp_path / "export"
    export.mkdir()
    shutil.copy(PHOTOS / "gps" / "DSCN0021.jpg", export / "p1.jpg")
    ticket = _ticket()
    (export / "12345.csv").write_text(
        "工单号,受理时间,地址,问题描述,照片\n"
        f"{ticket},2026-11-20 09:30,人民路12号,店外占道经营,p1.jpg\n"
        f"{ticket}b,2026-11-20 09:40,人民路14号,垃圾满溢,\n",
        encoding="utf-8",
    )
    assert import_cases(tmp_path / "office", export / "12345.csv").ok
    case = next(c for c in list_cases(office) if c["ticket_no"] == ticket)
    notice = assign_case(
        office, case["id"], unit_id=server.units["A"], zone_id=server.zones["A"],
        requirements="", by=office.meta("local_person_id"),
        due_at=to_iso(utc_now() + timedelta(days=3)),
    )  # fmt: skip
    sync_once(office, tmp_path / "office", office_client)
    assert office.pending_changes() == 0
    assert office.rows("SELECT * FROM sync_rejection") == []

    unit, _client = laptop(server, "insp_a", tmp_path / "unit")
    pulled = {c["ticket_no"]: c for c in list_cases(unit)}
    assert ticket in pulled and f"{ticket}b" not in pulled  # that one is the office's still
    assert pulled[ticket]["triage"] == "assigned" and pulled[ticket]["photo_count"] == 1
    [listed] = [n for n in list_notices(unit) if n["id"] == notice["id"]]
    assert listed["source"] == "hotline" and listed["case_id"] == case["id"]
    assert listed["number_kind"] == "official"
    office.close()
    unit.close()
