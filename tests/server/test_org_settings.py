"""The office's settings record (domain/org_settings.py) on the real server: read by everyone,
written by admins only, every field checked, its author from the token, its prefix the one the
server numbers with. A server of its own: changing the office's prefix must not disturb the
shared server's other tests (tests/server/office.py)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace

import pytest

from domain.clock import now_iso
from domain.org_settings import DEFAULTS, ORG_SETTINGS_ID, to_fields
from domain.wire import change
from server import permissions as p
from tests.server import rows
from tests.server.conftest import Server
from tests.server.office import office_server

ROLE_USER = {"inspector": "insp", "reviewer": "clerk", "admin": "boss"}


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def office(request, tmp_path_factory) -> Iterator[Server]:
    with office_server(tmp_path_factory.mktemp(f"org-{request.param}"), request.param) as srv:
        yield srv


def record(device: str, rev: int = 1, **fields) -> dict:
    now = now_iso()
    return {
        "id": ORG_SETTINGS_ID,
        **to_fields(DEFAULTS),
        "office_name": "青山县城市管理督查办公室",
        "updated_by": None,
        **fields,
        "created_at": now,
        "updated_at": now,
        "device_id": device,
        "rev": rev,
    }


def push_one(server: Server, user: str, item: dict) -> dict:
    session = server.session(user)
    answer = rows.push(session, server.base, f"dev-{user}", [item])
    return answer["results"][0]


def held(server: Server, user: str = "insp") -> dict | None:
    pulled, _ = rows.pull_all(server.session(user), server.base, limit=1000)
    found = [c for c in pulled if c["entity"] == "org_settings"]
    return found[-1]["row"] if found else None


def test_every_cell_of_the_records_permissions(office):
    """create, update and delete by each role, as server/permissions.py says (the auth matrix
    leaves these cells here: one record, one id)."""
    cells = sorted(k for k in p.TABLE if k[1] == p.ORG)
    assert len(cells) == 9
    by_op: dict[str, list] = {}
    for cell in cells:
        by_op.setdefault(cell[2], []).append(cell)
    rev = 1
    for op in ("create", "update", "delete"):
        # refused roles first, so that an admin's create comes after every refused create
        for role, subject, _, state in sorted(by_op[op], key=lambda c: p.TABLE[c].grant == p.YES):
            user = ROLE_USER[role]
            expected = p.TABLE[(role, subject, op, state)]
            if op == "delete":
                item = change("org_settings", record(f"dev-{user}", rev), op="delete")
            else:
                rev += op == "update"
                item = change("org_settings", record(f"dev-{user}", rev, office_phone=str(rev)))
            result = push_one(office, user, item)
            got = "accepted" if result["status"] == "accepted" else result.get("code")
            want = "accepted" if expected.grant == p.YES else expected.code
            assert got == want, (role, op, result)
    assert held(office) is not None  # never deleted, read by an inspector


def test_an_inspector_may_not_change_the_office_and_nonsense_is_refused(office):
    before = held(office)
    insp = push_one(office, "insp", change("org_settings", record("dev-insp", 50)))
    assert insp["status"] == "rejected" and insp["code"] == "forbidden"
    for bad in (
        {"time_zone": "Mars/Olympus_Mons"},
        {"office_hours": "17:00-08:00"},
        {"good_from": 95.0},  # above excellent_from
        {"overdue_penalty": -1.0},
        {"notice_prefix": "临督"},  # 临 marks provisional numbers
        {"extra_holidays": '["2026-02-30"]'},
        {"extra_holidays": '["2027-01-02"]', "extra_workdays": '["2027-01-02"]'},
        {"office_name": ""},
        {"office_name": "办" * 201},
        {"bulletin_title": "{boss}月通报"},
        {"id": "0190a1b2-0000-7000-8000-000000000002"},  # a second record
    ):
        result = push_one(office, "boss", change("org_settings", record("dev-boss", 50, **bad)))
        assert result["status"] == "rejected" and result["code"] == "invalid", (bad, result)
    assert held(office) == before  # nothing of it was kept


def test_the_author_comes_from_the_token(office):
    ids = office.users
    named_other = record("dev-boss", 60, updated_by=ids["clerk"])
    result = push_one(office, "boss", change("org_settings", named_other))
    assert result["status"] == "rejected" and result["code"] == "identity_mismatch"
    result = push_one(office, "boss", change("org_settings", record("dev-boss", 61)))
    assert result["status"] == "accepted"
    assert held(office)["updated_by"] == ids["boss"]  # stamped: it named nobody


def notice(server: Server, bundle: dict, number: str, kind: str) -> dict:
    insp = bundle["inspection"]
    return rows.stamp(
        "dev-insp",
        number=number,
        number_kind=kind,
        unit_id=insp["unit_id"],
        zone_id=insp["zone_id"],
        inspection_id=insp["id"],
        findings=json.dumps([bundle["findings"][0]["id"]]),
        requirements="立即清理",
        issued_by=server.users["insp"],
        issued_at=now_iso(),
        due_at="2026-12-31T10:00:00.000000Z",
        cc_units="[]",
    )


def test_the_server_numbers_with_the_records_prefix(office):
    insp = office.session("insp")
    url = f"{office.base}/numbers/reserve"
    ask = {"device_id": "dev-insp", "year": 2026, "count": 2}
    old_block = insp.post(url, json=ask, timeout=10).json()
    assert old_block["prefix"] != "青督"

    renamed = replace(DEFAULTS, notice_prefix="青督", office_name="青山县城市管理督查办公室")
    item = change("org_settings", record("dev-boss", 70, **to_fields(renamed)))
    assert push_one(office, "boss", item)["status"] == "accepted"
    block = insp.post(url, json=ask, timeout=10).json()
    assert block["prefix"] == "青督" and block["first_number"].startswith("青督〔2026〕第")

    # A notice issued offline from the block reserved before the change keeps its number; one
    # with a provisional number gets the new prefix.
    bundle = rows.inspection(office, "A", office.users["insp"], "dev-insp", findings=1)
    rows.submit(bundle)
    early = notice(office, bundle, old_block["first_number"], "official")
    offline = notice(office, bundle, "临ABCDEF-0001", "provisional")
    changes = [*rows.changes(bundle), change("notice", early), change("notice", offline)]
    answer = {r["id"]: r for r in rows.push(insp, office.base, "dev-insp", changes)["results"]}
    assert all(r["status"] == "accepted" for r in answer.values()), answer
    assert answer[offline["id"]]["number"].startswith("青督〔2026〕第")
