"""The server's append-only audit log: what is recorded, who may read it (API and CLI), and
that nothing updates or deletes it (issue 11)."""

from __future__ import annotations

import json

import pytest
import requests
import sqlalchemy as sa

from domain.clock import now_iso
from tests.server import rows
from tests.server.accounts import (
    fresh_address,
    fresh_name,
    fresh_user,
    login,
    ok_cli,
    session,
)
from tests.server.conftest import PASSWORD
from tests.server.rows import changes, push


def _entries(s: requests.Session, server, **params) -> list[dict]:
    out: list[dict] = []
    cursor = 0
    while True:
        page = s.get(f"{server.base}/audit", params={**params, "cursor": cursor}, timeout=30)
        assert page.status_code == 200, page.text
        data = page.json()
        out += data["entries"]
        cursor = data["cursor"]
        if not data["more"]:
            return out


@pytest.fixture(scope="module")
def story(server):
    """One of each kind of event, by users of their own; returns what the test looks for."""
    start = now_iso()
    admin = fresh_user(server, "auditor", "admin")
    insp = fresh_user(server, "audited")
    device = f"dev-{insp}"
    answer = login(server, insp, device=device)
    token = answer.json()["token"]
    s = requests.Session()
    s.headers["Authorization"] = f"Bearer {token}"
    ghost = fresh_name("ghost")
    where = fresh_address()
    assert login(server, ghost, "guess", address=where).status_code == 401
    here = fresh_address()
    for _ in range(3):
        login(server, insp, "wrong", address=here)
    assert login(server, insp, "wrong", address=here).status_code == 429
    good = rows.inspection(server, "A", server.users[insp], device)
    bad = rows.inspection(server, "B", server.users[insp], device)  # outside the user's units
    pushed = push(s, server.base, device, [*changes(good), changes(bad)[0]])
    assert [r["status"] for r in pushed["results"]][-1] == "rejected"
    block = s.post(
        f"{server.base}/numbers/reserve",
        json={"device_id": device, "year": 2026, "count": 5},
        timeout=10,
    )
    assert block.status_code == 200
    assert requests.get(f"{server.base}/sync/pull", timeout=10).status_code == 401
    assert s.get(f"{server.base}/audit", timeout=10).status_code == 403
    assert s.post(f"{server.base}/auth/logout", timeout=10).status_code == 200
    target = fresh_user(server, "target")
    ok_cli(server, "user", "disable", target)
    csv = server.data_dir / f"{fresh_name('units')}.csv"
    csv.write_text(f"name,kind\n{fresh_name('审计单位')},department\n", encoding="utf-8")
    ok_cli(server, "import", str(csv))
    return {
        "start": start,
        "admin": admin,
        "insp": insp,
        "device": device,
        "token": token,
        "ghost": ghost,
        "ghost_address": where,
        "throttled_address": here,
        "good": good,
        "bad": bad,
        "target": target,
        "csv": csv.name,
    }


def test_every_kind_of_event_is_recorded(server, story):
    admin = session(server, story["admin"])
    log = _entries(admin, server, since=story["start"])
    mine = [e for e in log if e["user_name"] == story["insp"]]
    kinds = {e["action"] for e in mine}
    assert {"login_ok", "login_failed", "login_throttled", "upsert", "rejected"} <= kinds, kinds
    assert {"numbers_reserved", "refused", "logout"} <= kinds, kinds
    ok = next(e for e in mine if e["action"] == "login_ok")
    assert ok["device_id"] == story["device"] and ok["address"] == "127.0.0.1"
    assert ok["user_id"] == server.users[story["insp"]]
    ghost = next(e for e in log if e["user_name"] == story["ghost"])
    assert ghost["action"] == "login_failed" and ghost["user_id"] is None
    assert ghost["address"] == story["ghost_address"]
    throttled = next(e for e in mine if e["action"] == "login_throttled")
    assert throttled["address"] == story["throttled_address"]
    # one row per accepted change, naming it; the rejected one with its reason's code
    accepted = {e["entity_id"]: e for e in mine if e["action"] == "upsert"}
    assert set(accepted) == {c["id"] for c in changes(story["good"])}
    assert accepted[story["good"]["inspection"]["id"]]["entity"] == "inspection"
    rejected = next(e for e in mine if e["action"] == "rejected")
    assert rejected["entity_id"] == story["bad"]["inspection"]["id"]
    assert rejected["detail"]["code"] == "forbidden"
    refused = [e for e in mine if e["action"] == "refused"]
    assert any(
        e["detail"]["status"] == 403 and e["detail"]["path"] == "/api/v1/audit" for e in refused
    ), refused
    anonymous = [e for e in log if e["action"] == "refused" and e["user_id"] is None]
    assert any(
        e["detail"]["status"] == 401 and e["detail"]["path"] == "/api/v1/sync/pull"
        for e in anonymous
    )
    # admin actions from the command line
    disabled = next(e for e in log if e["action"] == "user_disable")
    assert (
        disabled["entity"] == "app_user" and disabled["entity_id"] == server.users[story["target"]]
    )
    assert disabled["user_name"].startswith("cli:")
    added = [e for e in log if e["action"] == "user_add"]
    assert any(e["entity_id"] == server.users[story["target"]] for e in added)
    imported = next(e for e in log if e["action"] == "import")
    assert story["csv"] in json.dumps(imported["detail"], ensure_ascii=False)
    # never a password, a token or a row body
    text = json.dumps(log, ensure_ascii=False)
    for secret in (PASSWORD, "wrong", "guess", story["token"], "路面垃圾"):
        assert secret not in text, secret


def test_the_audit_filters_and_pages(server, story):
    admin = session(server, story["admin"])
    everything = _entries(admin, server, since=story["start"])
    paged = _entries(admin, server, since=story["start"], limit=2)
    assert paged == everything
    seqs = [e["seq"] for e in everything]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)
    by_user = _entries(admin, server, user=story["insp"], since=story["start"])
    assert by_user and all(e["user_name"] == story["insp"] for e in by_user)
    by_id = _entries(admin, server, user=server.users[story["insp"]], since=story["start"])
    assert [e["seq"] for e in by_id] == [e["seq"] for e in by_user]
    by_entity = _entries(admin, server, entity="finding", since=story["start"])
    assert by_entity and all(e["entity"] == "finding" for e in by_entity)
    assert _entries(admin, server, since="2099-01-01T00:00:00Z") == []
    bad = admin.get(f"{server.base}/audit", params={"since": "yesterday"}, timeout=10)
    assert bad.status_code in (400, 422) and bad.json()["error"]["code"] in ("malformed", "invalid")


def test_reviewers_and_admins_read_the_audit_inspectors_do_not(server, story):
    reviewer = session(server, fresh_user(server, "reviewing", "reviewer", "B"))
    assert _entries(reviewer, server, since=story["start"])  # reviewers see it all (documented)
    inspector = session(server, fresh_user(server, "curious"))
    refused = inspector.get(f"{server.base}/audit", timeout=10)
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "forbidden"


def test_the_audit_command_prints_a_table(server, story):
    out = ok_cli(server, "audit", "--user", story["insp"], "--since", story["start"])
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["seq", "at", "user"]
    assert any("login_ok" in line and story["device"] in line for line in lines)
    assert all(story["ghost"] not in line for line in lines)
    only = ok_cli(server, "audit", "--entity", "inspection", "--since", story["start"])
    body = only.splitlines()[1:]
    assert body and all(" inspection " in f" {line} " for line in body if line.strip())


def test_the_audit_is_append_only(server, story):
    spec = requests.get(server.base.replace("/api/v1", "/openapi.json"), timeout=5).json()
    audit_paths = {p: set(ops) for p, ops in spec["paths"].items() if "audit" in p}
    assert audit_paths == {"/api/v1/audit": {"get"}}
    admin = session(server, story["admin"])
    for method in ("post", "put", "patch", "delete"):
        answer = admin.request(method, f"{server.base}/audit", json={}, timeout=10)
        assert answer.status_code == 405, (method, answer.text)
    from server.db import audit

    engine = server.engine()
    try:
        for statement in (
            sa.update(audit).values(action="tampered"),
            sa.delete(audit),
        ):
            with pytest.raises(sa.exc.DBAPIError), engine.begin() as conn:
                conn.execute(statement)
        with engine.connect() as conn:
            assert (
                conn.execute(
                    sa.select(sa.func.count()).where(audit.c.action == "tampered")
                ).scalar_one()
                == 0
            )
    finally:
        engine.dispose()
