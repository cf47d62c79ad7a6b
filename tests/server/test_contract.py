"""A server that trusts nothing (issue 11): the typed contract (domain/contract) at the real server.

Every pushed change is held to the contract and its references, one by one (a bad change is
rejected alone, never stored); what the server stores every laptop can apply; no request makes
it fail (500); the log never holds what a client sent; /openapi.json is the wire format.
"""

from __future__ import annotations

import hashlib
import json
import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import requests
import sqlalchemy as sa

from app.sync.engine import sync_once
from domain.clock import now_iso, to_iso, utc_now
from domain.ids import new_id
from domain.numbering import provisional_number
from domain.wire import BOOKKEEPING, change
from tests.server import rows
from tests.server.laptops import laptop
from tests.server.rows import changes, pull_all, push

A_ZONE = "zone_id"


@pytest.fixture(scope="module")
def admin(server) -> requests.Session:
    """An admin (writes reference data: persons, units, zones, templates)."""
    if "admin_contract" not in server.users:
        server.add_user("admin_contract", "admin")
    return server.session("admin_contract")


def _post(session: requests.Session, url: str, body: Any) -> requests.Response:
    """POST JSON as Python writes it: NaN and Infinity included (requests refuses them)."""
    data = json.dumps(body).encode()
    return session.post(url, data=data, headers={"Content-Type": "application/json"}, timeout=60)


def _push(session: requests.Session, server, items: list[dict]) -> dict:
    body = {"batch_id": new_id(), "device_id": "dev-a", "changes": items}
    answer = _post(session, f"{server.base}/sync/push", body)
    assert answer.status_code == 200, answer.text[:500]
    return answer.json()


def _results(answer: dict) -> dict[str, dict]:
    return {r["id"]: r for r in answer["results"]}


def _cursor(server, session) -> int:
    return pull_all(session, server.base, limit=1000)[1]


def _fresh_laptop_syncs(server, folder: Path) -> None:
    """A laptop of unit A that was never synced pulls everything the server holds, whole."""
    store, client = laptop(server, "insp_a2", folder)  # raises when the pull cannot apply
    try:
        report = sync_once(store, folder, client)
        assert report.pulled >= 0 and store.meta("sync_last_error") is None
    finally:
        store.close()
        client.close()


# -- findings: one accepted row stopped every laptop of a unit ----------------------------------
def test_an_inspection_naming_no_zone_is_refused_and_laptops_keep_syncing(server, tmp_path):
    s = server.session("insp_a")
    start = _cursor(server, s)
    bundle = rows.inspection(server, "A", server.users["insp_a"], "dev-a")
    bundle["inspection"][A_ZONE] = new_id()  # names no zone
    answer = push(s, server.base, "dev-a", changes(bundle))
    by_id = _results(answer)
    first = by_id[bundle["inspection"]["id"]]
    assert first["status"] == "rejected" and first["code"] == "reference", first
    assert "zone_id" in first["reason"]
    assert {r["status"] for r in answer["results"]} == {"rejected"}  # its children too
    assert pull_all(s, server.base, start)[0] == []  # nothing stored
    _fresh_laptop_syncs(server, tmp_path / "fresh")


def test_a_finding_with_2_to_the_70_cases_is_refused_and_laptops_keep_syncing(server, tmp_path):
    s = server.session("insp_a")
    bundle = rows.inspection(server, "A", server.users["insp_a"], "dev-a", findings=2)
    bundle["findings"][0]["cases"] = 2**70
    answer = _results(push(s, server.base, "dev-a", changes(bundle)))
    bad = answer[bundle["findings"][0]["id"]]
    assert bad["status"] == "rejected" and bad["code"] == "invalid", bad
    assert "cases" in bad["reason"]
    assert answer[bundle["findings"][1]["id"]]["status"] == "accepted"  # the rest goes on
    assert answer[bundle["inspection"]["id"]]["status"] == "accepted"
    _fresh_laptop_syncs(server, tmp_path / "fresh")


# -- findings: values were not checked -----------------------------------------------------------
def _finding(bundle: dict, **fields: Any) -> dict:
    return dict(bundle["findings"][0], id=new_id(), **fields)


OUT_OF_BOUNDS: dict[str, tuple[str, dict[str, Any]]] = {
    # case: (entity, fields)
    "mode not in its vocabulary": ("inspection", {"mode": "drive_by"}),
    "status not in its vocabulary": ("inspection", {"status": "approved"}),
    "result not in its vocabulary": ("finding", {"result": "so-so"}),
    "severity not in its vocabulary": ("finding", {"severity": "catastrophic"}),
    "NUL in a text": ("inspection", {"summary": "路面\x00垃圾"}),
    "1 MB text": ("inspection", {"summary": "垃" * 1_000_000}),
    "negative cases": ("finding", {"cases": -1}),
    "2**70 cases": ("finding", {"cases": 2**70}),
    "cases as text": ("finding", {"cases": "3"}),
    "deduction NaN": ("finding", {"deduction": float("nan")}),
    "deduction 1e300": ("finding", {"deduction": 1e300}),
    "rev -5": ("inspection", {"rev": -5}),
    "rev 0": ("finding", {"rev": 0}),
    "rev 2**31": ("finding", {"rev": 2**31}),
    "rev 1.5": ("finding", {"rev": 1.5}),
    "year 0001": ("inspection", {"started_at": "0001-01-01T00:00:00.000000Z"}),
    "year 9999": ("inspection", {"started_at": "9999-12-31T23:59:59.000000Z"}),
    "year 1999": ("inspection", {"started_at": "1999-12-31T23:59:59.000000Z"}),
    "a day ahead and more": ("inspection", {"started_at": "NEXT_WEEK"}),
    "yesterday": ("inspection", {"started_at": "yesterday"}),
    "no offset": ("inspection", {"started_at": "2026-11-21T02:00:00"}),
    "30 February": ("inspection", {"started_at": "2026-02-30T02:00:00Z"}),
    "id not a UUID": ("finding", {"id": "finding-1"}),
    "reference not a UUID": ("finding", {"inspection_id": "x"}),
    "unknown field": ("finding", {"points": 3}),
    "digest not 64 hex": ("inspection", {"digest": "ABC"}),
    "submitted without digest": ("inspection", {"status": "submitted"}),
}


def test_values_out_of_vocabulary_range_length_or_time_are_refused_alone(server):
    s = server.session("insp_a")
    start = _cursor(server, s)
    base = rows.inspection(server, "A", server.users["insp_a"], "dev-a", findings=1)
    push(s, server.base, "dev-a", changes(base))
    next_week = to_iso(utc_now() + timedelta(days=7))
    items, case_of = [], {}
    for case, (entity, fields) in OUT_OF_BOUNDS.items():
        fields = {k: next_week if v == "NEXT_WEEK" else v for k, v in fields.items()}
        if entity == "inspection":
            row = dict(rows.inspection(server, "A", server.users["insp_a"], "dev-a")["inspection"])
            row.update(fields)
        else:
            row = {**_finding(base), **fields}
        item = change(entity, row)
        item["id"] = row["id"] if case != "id not a UUID" else "finding-1"
        items.append(item)
        case_of[item["id"]] = case
    good = _finding(base, item_code="DL-02")
    answer = _push(s, server, [*items, change("finding", good)])
    for result in answer["results"]:
        if result["id"] == good["id"]:
            assert result["status"] == "accepted", result  # one bad change fails no other
            continue
        case = case_of[result["id"]]
        assert result["status"] == "rejected" and result["code"] == "invalid", (case, result)
    stored = {c["id"] for c in pull_all(s, server.base, start)[0]}
    assert not stored & set(case_of) and good["id"] in stored


def test_a_role_not_in_its_vocabulary_is_refused(server, admin):
    person = rows.stamp("dev-admin", name="王五", phone=None, role="boss")
    fine = rows.stamp("dev-admin", name="赵六", phone=None, role="inspector")
    answer = _results(
        push(admin, server.base, "dev-admin", [change("person", person), change("person", fine)])
    )
    assert answer[person["id"]]["code"] == "invalid" and "role" in answer[person["id"]]["reason"]
    assert answer[fine["id"]]["status"] == "accepted"


def _notice_of(server, s) -> tuple[dict, dict]:
    bundle = rows.inspection(server, "A", server.users["insp_a"], "dev-a")
    notice = rows.stamp(
        "dev-a",
        number=provisional_number("0190-abcdef", int.from_bytes(os.urandom(2), "big")),
        number_kind="provisional",
        unit_id=server.units["A"],
        zone_id=server.zones["A"],
        inspection_id=bundle["inspection"]["id"],
        findings="[]",
        requirements="限期清理",
        issued_by=server.users["insp_a"],
        issued_at=now_iso(),
        due_at="2099-01-01T02:00:00.000000Z",
        cc_units="[]",
    )
    return bundle, notice


def _event(notice_id: str, kind: str, at: str, **extra: Any) -> dict:
    fields = {"actor": None, "signer": None, "new_due_at": None, "note": None, **extra}
    return rows.stamp("dev-a", notice_id=notice_id, kind=kind, at=at, **fields)


def test_a_notice_event_from_the_future_is_refused_and_freezes_nothing(server):
    s = server.session("insp_a")
    bundle, notice = _notice_of(server, s)
    issued = _event(notice["id"], "issued", notice["issued_at"], new_due_at=notice["due_at"])
    far = _event(notice["id"], "acknowledged", "9999-12-31T00:00:00.000000Z", signer="张三")
    ahead = _event(notice["id"], "acknowledged", to_iso(utc_now() + timedelta(hours=25)))
    answer = _results(
        push(
            s,
            server.base,
            "dev-a",
            [
                *changes(bundle),
                change("notice", notice),
                change("notice_event", issued),
                change("notice_event", far),
                change("notice_event", ahead),
            ],
        )
    )
    assert answer[issued["id"]]["status"] == "accepted", answer
    assert answer[far["id"]]["code"] == "invalid" and answer[ahead["id"]]["code"] == "invalid"
    # the notice goes on: an acknowledgement now is no earlier than any stored event
    ack = _event(notice["id"], "acknowledged", now_iso(), signer="张三")
    result = push(s, server.base, "dev-a", [change("notice_event", ack)])["results"][0]
    assert result["status"] == "accepted", result


def test_a_row_without_its_optional_fields_is_taken_as_the_contract_defaults_them(server):
    """Fields the contract defaults (an inspection's status, summary …) may be left out."""
    s = server.session("insp_a")
    full = rows.inspection(server, "A", server.users["insp_a"], "dev-a", findings=0)
    required = ("template_id", "template_version", "zone_id", "unit_id", "mode", "started_at")
    kept = (*required, "id", *BOOKKEEPING)
    bare = {k: v for k, v in full["inspection"].items() if k in kept}
    answer = push(s, server.base, "dev-a", [change("inspection", bare), *changes(full)[1:]])
    assert {r["status"] for r in answer["results"]} == {"accepted"}, answer


# -- findings: requests that made the server fail (500) ------------------------------------------
def _bad_row(server, **fields: Any) -> list[dict]:
    bundle = rows.inspection(server, "A", server.users["insp_a"], "dev-a", findings=0)
    bundle["inspection"].update(fields)
    return changes(bundle)


def _notice_with(server, **fields: Any) -> list[dict]:
    bundle, notice = _notice_of(server, None)
    notice.update(fields)
    return [*changes(bundle), change("notice", notice)]


# case -> (method, path, body or params); a push body is built from its changes
FAILED: dict[str, Any] = {
    "cursor 2**63": ("GET", "/sync/pull", {"cursor": 2**63}),
    "cursor -1": ("GET", "/sync/pull", {"cursor": -1}),
    "cursor not a number": ("GET", "/sync/pull", {"cursor": "abc"}),
    "limit 0": ("GET", "/sync/pull", {"limit": 0}),
    "lone surrogate in a text": ("PUSH", lambda srv: _bad_row(srv, summary="垃圾\ud800")),
    "lone surrogate in a name": ("PUSH", lambda srv: _bad_row(srv, location="\udfff")),
    "lone surrogate in a change id": (
        "PUSH",
        lambda srv: [{"entity": "bogus", "id": "\ud800", "op": "upsert", "row": {}}],
    ),
    "NUL in a text": ("PUSH", lambda srv: _bad_row(srv, summary="a\x00b")),
    "rev 2**63": ("PUSH", lambda srv: _bad_row(srv, rev=2**63)),
    "rev 1e300": ("PUSH", lambda srv: _bad_row(srv, rev=1e300)),
    "rev Infinity": ("PUSH", lambda srv: _bad_row(srv, rev=float("inf"))),
    "year 0001 with an offset": (
        "PUSH",
        lambda srv: _bad_row(srv, started_at="0001-01-01T00:00:00+01:00"),
    ),
    "year 9999 with an offset": (
        "PUSH",
        lambda srv: _bad_row(srv, updated_at="9999-12-31T23:59:59-01:00"),
    ),
    "zone_id {}": ("PUSH", lambda srv: _bad_row(srv, zone_id={})),
    "issued_at not a date": ("PUSH", lambda srv: _notice_with(srv, issued_at="not a date")),
    "a change that is not an object": ("PUSH", lambda srv: ["x", None, 5]),
    "login name with a lone surrogate": (
        "POST",
        "/auth/login",
        {"username": "insp_a\ud800", "password": "x", "device_id": "d"},
    ),
    "login name with NUL": ("POST", "/auth/login", {"username": "a\x00", "password": "x"}),
    "password with a lone surrogate": (
        "POST",
        "/auth/login",
        {"username": "insp_a", "password": "\ud800", "device_id": "d"},
    ),
    "login name not a string": ("POST", "/auth/login", {"username": 5, "password": "x"}),
    "batch id with a lone surrogate": (
        "RAW",
        "/sync/push",
        {"batch_id": "b\ud800", "device_id": "dev-a", "changes": []},
    ),
    "numbers for year 2**64": (
        "RAW",
        "/numbers/reserve",
        {"device_id": "dev-a", "year": 2**64, "count": 1},
    ),
    "missing with a NUL hash": ("RAW", "/blobs/missing", {"sha256": ["\x00"]}),
    "nested too deep": ("DEEP", "/sync/push", None),
}


@pytest.mark.parametrize("case", FAILED)
def test_no_request_makes_the_server_fail(server, case):
    s = server.session("insp_a")
    kind, *rest = FAILED[case]
    if kind == "GET":
        answer = s.get(f"{server.base}{rest[0]}", params=rest[1], timeout=30)
    elif kind == "PUSH":
        items = rest[0](server)
        body = {"batch_id": new_id(), "device_id": "dev-a", "changes": items}
        answer = _post(s, f"{server.base}/sync/push", body)
    elif kind == "POST":
        answer = requests.post(f"{server.base}{rest[0]}", json=rest[1], timeout=30)
    elif kind == "DEEP":
        deep = b"[" * 100_000 + b"]" * 100_000
        answer = s.post(f"{server.base}{rest[0]}", data=deep, timeout=30)
    else:
        answer = s.post(f"{server.base}{rest[0]}", json=rest[1], timeout=30)
    assert answer.status_code < 500, (case, answer.status_code, answer.text[:300])
    if kind == "PUSH":
        assert answer.status_code == 200
        refused = [r for r in answer.json()["results"] if r["status"] == "rejected"]
        assert refused and refused[0]["code"] in ("invalid", "reference"), answer.json()
    else:
        assert answer.status_code in (400, 401, 413, 422), (case, answer.status_code)
        error = answer.json()["error"]
        assert set(error) == {"code", "message"} and error["code"] in (
            "malformed",
            "invalid",
            "bad_credentials",
        )
    if case == "cursor 2**63":
        assert answer.status_code == 422 and answer.json()["error"]["code"] == "invalid"


REFUSE_FINDINGS = {
    "sqlite": (
        "CREATE TRIGGER finding_refused BEFORE INSERT ON finding "
        "BEGIN SELECT RAISE(ABORT, 'refused'); END",
    ),
    "postgresql": (
        "CREATE FUNCTION finding_refused() RETURNS trigger AS $$ "
        "BEGIN RAISE EXCEPTION 'refused'; END $$ LANGUAGE plpgsql",
        "CREATE TRIGGER finding_refused BEFORE INSERT ON finding "
        "FOR EACH ROW EXECUTE FUNCTION finding_refused()",
    ),
}
ALLOW_FINDINGS = {
    "sqlite": ("DROP TRIGGER finding_refused",),
    "postgresql": (
        "DROP TRIGGER finding_refused ON finding",
        "DROP FUNCTION finding_refused()",
    ),
}


def test_a_server_failure_logs_neither_the_body_nor_a_row(server):
    """A failure nothing foresaw (here the database refuses to store a finding): 500 with the
    error body, and the log names the route, the user and the error type, never the rows (a
    database error's text holds the statement's parameters: the rows)."""
    s = server.session("insp_a")
    marker = f"泄露标记-{new_id()}"
    bundle = rows.inspection(server, "A", server.users["insp_a"], "dev-a", findings=1)
    bundle["findings"][0]["description"] = marker
    engine = server.engine()
    try:
        with engine.begin() as conn:
            for statement in REFUSE_FINDINGS[server.backend]:
                conn.execute(sa.text(statement))
        answer = s.post(
            f"{server.base}/sync/push",
            json={"batch_id": new_id(), "device_id": "dev-a", "changes": changes(bundle)},
            timeout=30,
        )
    finally:
        with engine.begin() as conn:
            for statement in ALLOW_FINDINGS[server.backend]:
                conn.execute(sa.text(statement))
        engine.dispose()
    log = "".join(p.read_text(errors="replace") for p in server.data_dir.glob("server-*.log"))
    assert marker not in log
    assert answer.status_code == 500
    assert answer.json()["error"]["code"] == "server_error"
    assert "500 POST /api/v1/sync/push user=" + server.users["insp_a"] in log


# -- references ----------------------------------------------------------------------------------
def test_references_must_exist_be_visible_and_lie_in_one_unit(server):
    s, b = server.session("insp_a"), server.session("insp_b")
    office = server.session("office")
    a_bundle = rows.inspection(server, "A", server.users["insp_a"], "dev-a", findings=1)
    other = rows.inspection(server, "A", server.users["insp_a"], "dev-a", findings=1)
    b_bundle = rows.inspection(server, "B", server.users["insp_b"], "dev-b", findings=1)
    push(s, server.base, "dev-a", changes(a_bundle) + changes(other))
    push(b, server.base, "dev-b", changes(b_bundle))
    a_id = a_bundle["inspection"]["id"]

    # unit B's inspector names unit A's inspection: as if it did not exist
    intruder = rows.stamp(
        "dev-b",
        inspection_id=a_id,
        item_code="DL-03",
        result="ok",
        cases=0,
        deduction=0,
        description="",
        severity=None,
        location=None,
    )
    refused = push(b, server.base, "dev-b", [change("finding", intruder)])["results"][0]
    assert refused["code"] == "reference" and "inspection_id" in refused["reason"]

    # a correction of unit A's inspection that lies in unit B (the office sees both)
    amends = rows.inspection(server, "B", server.users["insp_b"], "dev-o", findings=0)
    amends["inspection"]["amends_id"] = a_id
    result = push(office, server.base, "dev-o", [change("inspection", amends["inspection"])])
    assert result["results"][0]["code"] == "reference", result

    # an inspection whose template version is not its template's, a template that is not one
    wrong = rows.inspection(server, "A", server.users["insp_a"], "dev-a", findings=0)
    wrong["inspection"]["template_version"] = server.template_version + 7
    nothing = rows.inspection(server, "A", server.users["insp_a"], "dev-a", findings=0)
    nothing["inspection"]["template_id"] = new_id()
    answer = push(
        s,
        server.base,
        "dev-a",
        [change("inspection", wrong["inspection"]), change("inspection", nothing["inspection"])],
    )
    assert [r["code"] for r in answer["results"]] == ["reference", "reference"], answer

    # a photo on a finding of another inspection
    data = os.urandom(2000)
    assert s.put(f"{server.base}/blobs/{hashlib.sha256(data).hexdigest()}", data=data).ok
    photo = rows.photo("dev-a", a_id, data, other["findings"][0]["id"])
    result = push(s, server.base, "dev-a", [change("photo", photo)])["results"][0]
    assert result["code"] == "reference" and "another inspection" in result["reason"], result

    # a notice for a unit that does not exist, copied to one that does not, listing a finding
    # of another inspection
    _, notice = _notice_of(server, s)
    notice["inspection_id"] = a_id
    bad_unit = dict(notice, id=new_id(), unit_id=new_id())
    bad_cc = dict(notice, id=new_id(), cc_units=f'["{new_id()}"]')
    bad_finding = dict(notice, id=new_id(), findings=f'["{other["findings"][0]["id"]}"]')
    good = dict(notice, id=new_id(), findings=f'["{a_bundle["findings"][0]["id"]}"]')
    answer = push(
        s,
        server.base,
        "dev-a",
        [change("notice", n) for n in (bad_unit, bad_cc, bad_finding, good)],
    )
    assert [r["code"] if r["status"] == "rejected" else "ok" for r in answer["results"]] == [
        "reference",
        "reference",
        "reference",
        "ok",
    ], answer


def test_a_row_still_named_is_not_deleted_and_children_go_first_in_a_batch(server, admin):
    unit = rows.stamp("dev-admin", name=f"单位{new_id()[-6:]}", kind="department", parent_id=None)
    zone = rows.stamp(
        "dev-admin",
        name=f"片区{new_id()[-6:]}",
        kind="grid",
        unit_id=unit["id"],
        chief_name=None,
        chief_phone=None,
        geometry=None,
        active=1,
    )
    orphan = dict(zone, id=new_id(), unit_id=new_id())
    answer = push(
        admin,
        server.base,
        "dev-admin",
        [change("unit", unit), change("zone", zone), change("zone", orphan)],
    )
    assert [r["status"] for r in answer["results"]] == ["accepted", "accepted", "rejected"]
    assert answer["results"][2]["code"] == "reference"
    # the unit is still named by its zone: not deleted, alone
    refused = push(admin, server.base, "dev-admin", [change("unit", unit, op="delete")])
    assert refused["results"][0]["code"] == "reference", refused
    # both in one batch, parent first as sent: the zone goes first, then the unit
    both = push(
        admin,
        server.base,
        "dev-admin",
        [change("unit", unit, op="delete"), change("zone", zone, op="delete")],
    )
    assert [r["status"] for r in both["results"]] == ["accepted", "accepted"], both


# -- the published contract ----------------------------------------------------------------------
def test_openapi_is_the_wire_format(server):
    schema = requests.get(server.base.removesuffix("/api/v1") + "/openapi.json", timeout=10).json()
    parts = schema["components"]["schemas"]

    def resolve(node: dict) -> dict:
        while "$ref" in node:
            node = parts[node["$ref"].rsplit("/", 1)[1]]
        return node

    push_op = schema["paths"]["/api/v1/sync/push"]["post"]
    body = resolve(push_op["requestBody"]["content"]["application/json"]["schema"])
    assert set(body["required"]) == {"batch_id", "device_id", "changes"}
    assert body["properties"]["changes"]["maxItems"] == 1000
    finding = parts["FindingRow"]["properties"]
    assert (finding["cases"]["minimum"], finding["cases"]["maximum"]) == (0, 9999)
    assert finding["result"]["enum"] == ["ok", "problem", "not_applicable"]
    assert parts["FindingRow"]["additionalProperties"] is False
    assert parts["InspectionRow"]["properties"]["mode"]["enum"] == ["unannounced", "open", "covert"]
    assert parts["PhotoRow"]["properties"]["sha256"]["pattern"] == "^[0-9a-f]{64}$"
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            for status, answer in operation["responses"].items():
                if status.startswith("4") and method != "head":
                    ref = answer["content"]["application/json"]["schema"]["$ref"]
                    assert ref.endswith("/ErrorBody"), (method, path, status)
    login = schema["paths"]["/api/v1/auth/login"]["post"]
    assert {"400", "401", "422", "429"} <= set(login["responses"])
    assert (
        resolve(login["requestBody"]["content"]["application/json"]["schema"])["properties"][
            "username"
        ]["maxLength"]
        == 200
    )
