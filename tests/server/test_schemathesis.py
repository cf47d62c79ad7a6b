"""Schemathesis against the running server's /openapi.json, as an admin and as an inspector.

The published contract (domain/contract, declared on every route) is what the fuzzer generates
from and holds the answers to: no server error, every answer's status documented and its body
conforming, schema-valid requests accepted and schema-violating ones refused. Then whatever the
fuzzer got the server to store, a fresh laptop pulls and applies: every stored row keeps the
contract.

Two expectations are adjusted, each for a reason of the contract itself:
- POST /sync/push answers 200 to a batch whose changes break the contract: each change is
  rejected alone in `results` (one bad row must not hold back a laptop's whole outbox), so the
  "schema-violating request refused" check does not apply to it.
- PUT /blobs/{sha256}: schema-valid bytes whose SHA-256 is not the name are refused with 422
  (documented); a schema cannot say "hashes to its name".
- POST /bundles: schema-valid bytes are rarely a signed bundle (422 `bundle_refused`), nor
  sizes that add up to them (400); the inspector gets 403. A schema cannot say "a bundle".
- POST /plans: a schema-valid draw names accounts the fuzzer cannot guess (422 `no_user`) or a
  period drawn already (409); POST /plans/{period}/reveal: no plan (404), or a period not ended
  (409), or an ISO week the year lacks (422). A schema cannot say "an account that exists".
- POST /admin/templates: a schema-valid {body: {…}} is rarely a valid template (422
  `template_invalid`) or repeats a version (409); POST /admin/templates/{id}/retire: an id the
  fuzzer made up names no template (404). A schema cannot say "a valid checklist".
- /admin/…: ids the fuzzer cannot guess (404, 422 `unknown_unit`, `unknown_parent`), a name
  taken (409), GeoJSON that is not an outline (422 `bad_geometry`); the inspector gets 403.
  POST /auth/change-password: the old password the fuzzer cannot guess (403), and after a few
  wrong guesses from one address the login throttle (429).
413 (too large) is a refusal like 400 and 422.

A server of its own (fresh data directory, fresh PostgreSQL database): the fuzzer writes what
it pleases. Bounded: MAX_EXAMPLES cases per operation and phase, one worker, a fixed seed.

The fuzzer cannot guess the ids of rows the server holds, so its pushes stop at the reference
checks. A second test takes schemathesis' generated push bodies and makes them name real rows
(test_batches_that_reach_the_rules_never_make_the_server_fail): found a 500 the first did not
(an inspection sent without its optional `status`).
"""

from __future__ import annotations

import hashlib
import json
import random
import secrets
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, given, seed, settings

from app.store_setup import open_store
from app.sync.client import SyncClient
from app.sync.engine import sync_once
from domain.clock import now_iso
from domain.contract import invalid_pulled
from domain.ids import new_id
from server.push_checks import LISTED_REFERENCES, REFERENCES
from tests.server.accounts import fresh_address, from_address
from tests.server.conftest import PASSWORD, PG_ADMIN, Server, cli
from tests.server.rows import pull_all

MAX_EXAMPLES = 25  # per operation and phase, for the CLI
DEEP_EXAMPLES = 60  # batches made to reach the rules
SEED = 20261121
CONFIG = """
[checks]
not_a_server_error.enabled = true
status_code_conformance.enabled = true
content_type_conformance.enabled = true
response_headers_conformance.enabled = true
response_schema_conformance.enabled = true
positive_data_acceptance.enabled = true
negative_data_rejection.enabled = true
negative_data_rejection.expected-statuses = [
  "400", "401", "403", "404", "405", "409", "413", "415", "416", "422", "429"]
missing_required_header.enabled = true
unsupported_method.enabled = true
allow_header_conformance.enabled = true
use_after_free.enabled = true
ensure_resource_availability.enabled = true
ignored_auth.enabled = true

[[operations]]
include-name = "POST /api/v1/sync/push"
checks.negative_data_rejection.enabled = false

[[operations]]
include-name = "PUT /api/v1/blobs/{sha256}"
checks.positive_data_acceptance.expected-statuses = ["2xx", "401", "409", "416", "422"]

[[operations]]
include-name = "POST /api/v1/bundles"
checks.positive_data_acceptance.expected-statuses = ["2xx", "400", "403", "422"]

[[operations]]
include-name = "POST /api/v1/plans"
checks.positive_data_acceptance.expected-statuses = ["2xx", "403", "409", "422"]

[[operations]]
include-name = "POST /api/v1/plans/{period}/reveal"
checks.positive_data_acceptance.expected-statuses = ["2xx", "403", "404", "409", "422"]

[[operations]]
include-path-regex = "^/api/v1/admin/"
checks.positive_data_acceptance.expected-statuses = ["2xx", "403", "404", "409", "422"]

[[operations]]
include-name = "POST /api/v1/auth/change-password"
checks.positive_data_acceptance.expected-statuses = ["2xx", "403", "422", "429"]
"""
# the inspector is fuzzed first: the admin's run may then reset, disable or move any account it
# reads an id of (GET /admin/users, /plans/accounts), the inspector's too
ROLES = {"inspector": "fz_insp", "admin": "fz_admin"}


def _fresh_pg_database() -> Iterator[str]:
    try:
        import psycopg

        admin = psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=3)
    except Exception as exc:  # pragma: no cover - depends on the machine
        pytest.skip(f"PostgreSQL unreachable: {exc}")
    name = f"ducha_fuzz_{secrets.token_hex(4)}"
    admin.execute(f"CREATE DATABASE {name}")
    params = dict(p.split("=", 1) for p in PG_ADMIN.split())
    try:
        yield (
            f"postgresql+psycopg://{params.get('user', 'postgres')}@{params['host']}:"
            f"{params.get('port', '5432')}/{name}"
        )
    finally:
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", [name]
        )
        admin.execute(f"DROP DATABASE IF EXISTS {name}")
        admin.close()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def fuzzed(request, tmp_path_factory) -> Iterator[tuple[Server, dict[str, str]]]:
    """A server of its own with one unit, an admin and an inspector of that unit, and a token of
    each (logged in before any fuzzing: the fuzzer may lock an account out by guessing)."""
    databases = _fresh_pg_database() if request.param == "postgresql" else iter([None])
    url = next(databases)
    data_dir = tmp_path_factory.mktemp(f"fuzz-{request.param}")
    srv = Server(data_dir=data_dir, url=url, backend=request.param)
    cli("init", url=url, data_dir=data_dir)
    unit = json.loads(cli("unit", "add", "单位甲", "--zone", "片区甲", url=url, data_dir=data_dir))
    srv.units["A"] = unit["id"]
    srv.add_user(ROLES["admin"], "admin")
    srv.add_user(ROLES["inspector"], "inspector", "A")
    srv.start()
    tokens = {}
    for role, name in ROLES.items():
        answer = requests.post(
            f"{srv.base}/auth/login",
            json={"username": name, "password": PASSWORD, "device_id": f"fuzz-{role}"},
            timeout=10,
        )
        assert answer.status_code == 200, answer.text
        tokens[role] = answer.json()["token"]
    try:
        yield srv, tokens
    finally:
        srv.stop()
        next(databases, None)  # drops the database


def _schemathesis(base: str, token: str, folder: Path) -> dict:
    """One run of the schemathesis CLI against the server; its JSON report."""
    config = folder / "schemathesis.toml"
    config.write_text(CONFIG)
    report = folder / "report.json"
    command = [
        str(Path(sys.executable).parent / "schemathesis"),
        "--config-file",
        str(config),
        "run",
        base.removesuffix("/api/v1") + "/openapi.json",
        "-H",
        f"Authorization: Bearer {token}",
        # logout would revoke the very token the run is made with (tests/server/test_auth.py
        # covers it)
        "--exclude-path",
        "/api/v1/auth/logout",
        "--max-examples",
        str(MAX_EXAMPLES),
        "--seed",
        str(SEED),
        "--workers",
        "1",
        "--generation-database",
        "none",
        "--no-color",
        "--report",
        "json",
        "--report-json-path",
        str(report),
    ]
    done = subprocess.run(
        command,
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert report.is_file(), done.stdout[-3000:] + done.stderr[-3000:]
    result = json.loads(report.read_text())
    result["output"] = done.stdout
    return result


@pytest.mark.parametrize("role", list(ROLES))
def test_the_server_keeps_its_published_contract(fuzzed, role, tmp_path):
    srv, tokens = fuzzed
    result = _schemathesis(srv.base, tokens[role], tmp_path)
    cases = result["test_cases"]
    failures = [(f["code"], f["title"], f["operations"]) for f in result["failures"]]
    print(
        f"schemathesis {srv.backend} as {role}: {cases['generated']} cases generated, "
        f"{cases['with_failures']} with failures {failures}, {len(result['errors'])} errors, "
        f"{result['operations']['tested']} operations, {result['running_time']:.0f} s"
    )
    summary = result["output"][-4000:]
    assert result["operations"]["tested"] == result["operations"]["selected"] == 42, (
        summary
    )  # 15 + the six plan routes (server/routes_plans.py) + 12 admin routes (routes_admin.py)
    # + the two of USB-stick sync (server/routes_bundles.py)
    # + the three of routes_templates.py + POST /auth/change-password + sync/held (server/epoch.py)
    # + the two of routes_releases.py
    assert cases["generated"] > 100, summary
    # the token was used: only a route that refuses the role by design answers nothing but 403
    # (inspectors never list visit plans; only admins draw, reveal and list the accounts:
    # server/routes_plans.py)
    admins_only = {
        "GET /api/v1/plans",
        "POST /api/v1/plans",
        "POST /api/v1/plans/{period}/reveal",
        "GET /api/v1/plans/accounts",
        "GET /api/v1/admin/templates",
        "POST /api/v1/admin/templates",
        "POST /api/v1/admin/templates/{template_id}/retire",
    }
    admins_only |= {
        f"{method} /api/v1/admin/{path}"
        for method, path in (
            ("GET", "units"),
            ("POST", "units"),
            ("PATCH", "units/{unit_id}"),
            ("GET", "zones"),
            ("POST", "zones"),
            ("PATCH", "zones/{zone_id}"),
            ("GET", "users"),
            ("POST", "users"),
            ("PATCH", "users/{user_id}"),
            ("POST", "users/{user_id}/reset-password"),
            ("GET", "users/{user_id}/devices"),
            ("POST", "users/{user_id}/devices/{device_id}/revoke"),
        )
    }
    # only the office relays a field laptop's USB-stick bundle (server/routes_bundles.py)
    office_only = admins_only | {"POST /api/v1/bundles"} if role == "inspector" else set()
    assert set(result["warnings"]["missing_auth"]) <= office_only, summary
    assert failures == [] and not result["errors"], summary
    assert result["exit_code"] == 0, summary


TIMES = frozenset(
    {
        "created_at",
        "updated_at",
        "started_at",
        "finished_at",
        "at",
        "issued_at",
        "reported_at",
        "imported_at",
        "published_at",
    }
)


def _deep(body: dict, known: dict[str, dict[str, dict]], sha: str, rng: random.Random) -> dict:
    """A generated batch made to reach the server's rules: a batch id of its own, row ids that
    agree, times of now, and references that mostly name rows the server holds, consistent
    with them (a zone's unit, a template's version, a finding's inspection): the fuzzer cannot
    guess those."""

    def pick(entity: str) -> dict | None:
        rows = list(known.get(entity, {}).values())
        return rng.choice(rows) if rows and rng.random() < 0.9 else None

    body["batch_id"] = new_id()
    for item in body.get("changes", []):
        row = item["row"]
        row["id"] = item["id"]
        if item["op"] == "delete":
            target = pick(item["entity"])
            if target is not None:
                item["id"] = row["id"] = target["id"]
            continue
        for name in TIMES & set(row):
            if row[name] is not None or name in ("created_at", "updated_at"):
                row[name] = now_iso()
        for name, entity in REFERENCES.get(item["entity"], ()):
            target = pick(entity) if row.get(name) is not None else None
            if target is not None:
                row[name] = target["id"]
        for name, entity in LISTED_REFERENCES.get(item["entity"], ()):
            if name in row and known.get(entity):
                row[name] = json.dumps(rng.sample(sorted(known[entity]), 1))
        zone = known.get("zone", {}).get(row.get("zone_id"))
        template = known.get("template", {}).get(row.get("template_id"))
        finding = known.get("finding", {}).get(row.get("finding_id"))
        if item["entity"] == "inspection" and zone and template:
            row["unit_id"] = zone["unit_id"]
            row["template_version"] = template["version"]
        if item["entity"] == "photo":
            row["sha256"] = sha
            if finding:
                row.update(inspection_id=finding["inspection_id"], rectification_id=None)
                row["recheck_id"] = None
    return body


@pytest.mark.parametrize("role", list(ROLES))
def test_batches_that_reach_the_rules_never_make_the_server_fail(fuzzed, role):
    """Generated from the published PushRequest schema (schemathesis' own strategy), then made to
    name rows the server holds: the batches get past the contract into references, permissions,
    lifecycle, numbering and digests. None fails the server; what it accepts grows the rows the
    next batches name."""
    srv, _ = fuzzed
    # an account of its own, logged in from an address of its own: the admin's fuzzing may
    # have changed the fixture's accounts, and the fuzzed logins throttle 127.0.0.1
    name = f"fz_deep_{role}_{secrets.token_hex(3)}"
    srv.add_user(name, role, *(["A"] if role == "inspector" else []))
    answer = from_address(fresh_address()).post(
        f"{srv.base}/auth/login",
        json={"username": name, "password": PASSWORD, "device_id": f"deep-{name}"},
        timeout=10,
    )
    assert answer.status_code == 200, answer.text
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {answer.json()['token']}"
    known: dict[str, dict[str, dict]] = {}  # entity -> id -> row, of the rows the server holds
    for item in pull_all(session, srv.base, limit=1000)[0]:
        known.setdefault(item["entity"], {})[item["id"]] = item["row"]
    data = secrets.token_bytes(64)
    sha = hashlib.sha256(data).hexdigest()
    assert session.put(f"{srv.base}/blobs/{sha}", data=data, timeout=10).status_code in (200, 201)
    schema = schemathesis.openapi.from_url(srv.base.removesuffix("/api/v1") + "/openapi.json")
    rng = random.Random(SEED)
    seen = {"batches": 0, "changes": 0, "accepted": 0}

    @settings(
        max_examples=DEEP_EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @seed(SEED)
    @given(case=schema["/api/v1/sync/push"]["POST"].as_strategy())
    def push_one(case) -> None:
        body = _deep(case.body, known, sha, rng)
        answer = session.post(f"{srv.base}/sync/push", json=body, timeout=60)
        assert answer.status_code in (200, 400, 413, 422), (answer.status_code, answer.text[:500])
        seen["batches"] += 1
        if answer.status_code == 200:
            for item, result in zip(body["changes"], answer.json()["results"], strict=True):
                seen["changes"] += 1
                if result["status"] == "accepted":
                    seen["accepted"] += 1
                    rows = known.setdefault(item["entity"], {})
                    if item["op"] == "upsert":
                        rows[item["id"]] = item["row"]
                    else:
                        rows.pop(item["id"], None)

    push_one()
    print(f"deep fuzz {srv.backend} as {role}: {seen}")
    assert seen["batches"] >= DEEP_EXAMPLES // 2


def test_a_fresh_laptop_applies_whatever_the_fuzzers_left(fuzzed, tmp_path):
    """Every row the server took keeps the contract, and a laptop that never synced pulls and
    applies them all."""
    srv, tokens = fuzzed
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {tokens['admin']}"
    changes, _ = pull_all(session, srv.base, limit=1000)
    assert invalid_pulled(changes) == {}
    # the admin's token, no new login (the fuzzer's failed logins throttle this address), on the
    # device that token was issued for: numbers are reserved only for a device logged in with
    store = open_store(tmp_path / "laptop")
    with store.transaction():
        store.set_meta("device_id", "fuzz-admin")
    store.close()
    store = open_store(tmp_path / "laptop")
    assert store.device_id == "fuzz-admin"
    client = SyncClient(srv.base.removesuffix("/api/v1"), token=tokens["admin"])
    try:
        with store.transaction():
            store.set_meta("local_person_id", srv.users[ROLES["admin"]])
        report = sync_once(store, tmp_path / "laptop", client)
        assert store.meta("sync_last_error") is None
        assert report.pulled == len(changes)
        print(f"fresh laptop {srv.backend}: {report.pulled} changes applied")
    finally:
        store.close()
        client.close()
