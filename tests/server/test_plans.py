"""Visit plans on the real server (server/plans.py, routes_plans.py, cli_plans.py), on SQLite and
PostgreSQL: drawn from the command line with a published commitment, confidential (an inspector
gets only their own assignments, and only up to tomorrow; the office the whole plan), revealed
after the period, and verified — and verification fails on a plan edited after the draw."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from app.shell.cli import main as client_cli
from domain.contract.plans import invalid_assignments
from server.db import audit, plan_assignment
from tests.server.conftest import Server, cli, fresh_pg_database, prepared_server, run_cli


def _month(day: date) -> str:
    return f"{day.year}-{day.month:02d}"


def _today() -> date:
    return datetime.now(ZoneInfo("Asia/Shanghai")).date()  # the server's office zone


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def planned(request, tmp_path_factory) -> Iterator[Server]:
    """A server with 18 zones in four units, and plans for this month and the next drawn for two
    teams: insp_a with insp_a2 (unit A), and insp_b (unit B), one visit a day, every day."""
    with fresh_pg_database() if request.param == "postgresql" else _no_pg() as url:
        srv = prepared_server(tmp_path_factory.mktemp(f"plans-{request.param}"), url, request.param)
        try:
            for unit in ("C", "D"):
                zones = [a for k in range(8) for a in ("--zone", f"片区{unit}{k}")]
                out = json.loads(
                    cli("unit", "add", f"单位{unit}", *zones, url=url, data_dir=srv.data_dir)
                )
                srv.units[unit] = out["id"]
            yield srv
        finally:
            srv.stop()


class _no_pg:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


def _draw(srv: Server, period: str, *extra: str):
    return run_cli(
        "plan", "draw", "--period", period, "--team", "insp_a,insp_a2", "--team", "insp_b",
        "--visits", "1", "--per", "day", "--all-days", *extra,
        url=srv.url, data_dir=srv.data_dir,
    )  # fmt: skip


def _periods() -> tuple[str, str]:
    today = _today()
    return _month(today), _month(today.replace(day=28) + timedelta(days=7))


@pytest.fixture(scope="module")
def drawn(planned: Server) -> dict[str, dict]:
    """This month's and next month's plans: their summaries as `plan draw` printed them."""
    summaries = {}
    for period in _periods():
        done = _draw(planned, period)
        assert done.returncode == 0, done.stderr
        summaries[period] = json.loads(done.stdout)
        assert len(summaries[period]["seed_commitment"]) == 64
    return summaries


def test_an_inspector_gets_only_their_own_assignments_up_to_tomorrow(
    planned: Server, drawn: dict[str, dict]
) -> None:
    srv = planned
    today = _today()
    this, following = _periods()
    again = _draw(srv, this)
    assert again.returncode == 2 and "drawn already" in again.stderr  # one draw per period

    tomorrow = (today + timedelta(days=1)).isoformat()
    own: dict[str, list[dict]] = {}
    for name in ("insp_a", "insp_a2", "insp_b"):
        answer = srv.session(name).get(f"{srv.base}/plans/assignments", timeout=10)
        assert answer.status_code == 200, answer.text
        body = answer.json()
        assert body["today"] == today.isoformat() and body["until"] == tomorrow
        own[name] = body["assignments"]
        assert own[name], name  # today's visit is there (one a day, every day)
        assert invalid_assignments(own[name]) == set()  # the typed contract
        assert {a["inspector_id"] for a in own[name]} == {srv.users[name]}
        assert max(a["day"] for a in own[name]) <= tomorrow
        assert today.isoformat() in {a["day"] for a in own[name]}
    # the same team's visits reach both its members; the other team's never
    assert [(a["day"], a["zone_id"]) for a in own["insp_a"]] == [
        (a["day"], a["zone_id"]) for a in own["insp_a2"]
    ]
    # no inspector visits a zone of their own unit
    assert all(a["unit_id"] != srv.units["A"] for a in own["insp_a"])
    assert all(a["unit_id"] != srv.units["B"] for a in own["insp_b"])

    # the office sees the whole plan, later days and every inspector included
    office = srv.session("office")
    whole = office.get(f"{srv.base}/plans/{this}", timeout=10).json()
    assert whole["seed"] is None  # not revealed
    assert whole["seed_commitment"] == drawn[this]["seed_commitment"]
    later = office.get(f"{srv.base}/plans/{following}", timeout=10).json()
    inspectors = {a["inspector_id"] for a in whole["assignments"] + later["assignments"]}
    assert inspectors == {srv.users[n] for n in ("insp_a", "insp_a2", "insp_b")}
    assert any(a["day"] > tomorrow for a in whole["assignments"] + later["assignments"])
    listed = office.get(f"{srv.base}/plans", timeout=10).json()["plans"]
    assert {p["period"] for p in listed} >= {this, following}
    # inspectors may not read plans
    for path in ("/plans", f"/plans/{this}"):
        assert srv.session("insp_a").get(f"{srv.base}{path}", timeout=10).status_code == 403
    # and the ordinary pull carries no plan to anyone
    pulled = srv.session("insp_a").get(f"{srv.base}/sync/pull?limit=1000", timeout=10).json()
    assert not {c["entity"] for c in pulled["changes"]} & {"visit_plan", "plan_assignment"}

    # the commitment is in the audit log
    with srv.engine().connect() as conn:
        details = [
            json.loads(d)
            for d in conn.execute(
                sa.select(audit.c.detail).where(audit.c.action == "plan_draw")
            ).scalars()
        ]
    assert drawn[this]["seed_commitment"] in {d["seed_commitment"] for d in details}


def test_reveal_and_verify_and_an_edited_plan_fails(planned: Server, drawn: dict, tmp_path) -> None:
    srv = planned
    period = "2026-02"  # a past month: revealed once drawn
    done = run_cli(
        "plan", "draw", "--period", period, "--team", "insp_a", "--team", "insp_b",
        "--visits", "3", "--per", "week", url=srv.url, data_dir=srv.data_dir,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    commitment = json.loads(done.stdout)["seed_commitment"]
    not_yet = run_cli("plan", "verify", "--period", period, url=srv.url, data_dir=srv.data_dir)
    assert not_yet.returncode == 2 and "not revealed" in not_yet.stderr
    current = _month(_today())
    early = run_cli("plan", "reveal", "--period", current, url=srv.url, data_dir=srv.data_dir)
    assert early.returncode == 2 and "has not ended" in early.stderr
    seed = cli("plan", "reveal", "--period", period, url=srv.url, data_dir=srv.data_dir).strip()
    assert hashlib.sha256(bytes.fromhex(seed)).hexdigest() == commitment
    ok = run_cli("plan", "verify", "--period", period, url=srv.url, data_dir=srv.data_dir)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "matches" in ok.stdout
    shown = srv.session("office").get(f"{srv.base}/plans/{period}", timeout=10).json()
    assert shown["seed"] == seed and shown["revealed_at"]

    # the client checks the same on any machine: the office's answer saved, or `plan show`
    published = tmp_path / "plan.json"
    published.write_text(json.dumps(shown, ensure_ascii=False), encoding="utf-8")
    assert client_cli(["verify-plan", str(published)]) == 0
    cli("plan", "show", "--period", period, "--out", str(tmp_path / "shown.json"),
        url=srv.url, data_dir=srv.data_dir)  # fmt: skip
    assert client_cli(["verify-plan", str(tmp_path / "shown.json")]) == 0
    edited = json.loads(published.read_text(encoding="utf-8"))
    edited["assignments"][0]["day"] = edited["assignments"][-1]["day"]  # a visit moved
    published.write_text(json.dumps(edited), encoding="utf-8")
    assert client_cli(["verify-plan", str(published)]) == 1
    published.write_text("{not json", encoding="utf-8")
    assert client_cli(["verify-plan", str(published)]) == 2

    # the office's laptop receives the revealed plan at its next sync, and checks it offline
    from tests.server.laptops import laptop

    office_dir = tmp_path / "office-laptop"
    store, client = laptop(srv, "office", office_dir)
    client.close()
    store.close()
    assert client_cli(["verify-plan", "--period", period, "--data-dir", str(office_dir)]) == 0
    assert client_cli(["verify-plan", "--period", "2026-01", "--data-dir", str(office_dir)]) == 2

    # someone moves one visit to another zone in the database: verification says so
    engine = srv.engine()
    with engine.begin() as conn:
        first = conn.execute(
            sa.select(plan_assignment.c.id, plan_assignment.c.zone_id)
            .where(plan_assignment.c.plan_id == shown["id"])
            .order_by(plan_assignment.c.day)
            .limit(1)
        ).one()
        other = next(a["zone_id"] for a in shown["assignments"] if a["zone_id"] != first.zone_id)
        conn.execute(
            sa.update(plan_assignment).where(plan_assignment.c.id == first.id).values(zone_id=other)
        )
    engine.dispose()
    bad = run_cli("plan", "verify", "--period", period, url=srv.url, data_dir=srv.data_dir)
    assert bad.returncode == 1
    assert "does NOT match" in bad.stdout and "differs from the draw" in bad.stdout
    cli("plan", "show", "--period", period, "--out", str(tmp_path / "edited.json"),
        url=srv.url, data_dir=srv.data_dir)  # fmt: skip
    assert client_cli(["verify-plan", str(tmp_path / "edited.json")]) == 1
    # the laptop kept the plan as it was published: still the draw
    assert client_cli(["verify-plan", "--period", period, "--data-dir", str(office_dir)]) == 0


def test_a_laptop_keeps_only_its_users_visits_up_to_tomorrow(
    planned: Server, drawn: dict, tmp_path
) -> None:
    """After a sync, each inspector's laptop holds their own assignments up to tomorrow, and
    nothing of another inspector's; a visit starts from one with its zone, template and mode."""
    from local_db import plan_assignments
    from tests.server.laptops import laptop

    srv = planned
    today = _today()
    tomorrow = (today + timedelta(days=1)).isoformat()
    held = {}
    for name in ("insp_a", "insp_b"):
        store, client = laptop(srv, name, tmp_path / name)
        try:
            held[name] = store.rows("SELECT * FROM plan_assignment")
            shown = plan_assignments.upcoming(store, today.isoformat())
        finally:
            client.close()
            store.close()
        assert held[name], name
        assert {a["inspector_id"] for a in held[name]} == {srv.users[name]}
        assert max(a["day"] for a in held[name]) <= tomorrow
        assert shown and all(a["zone_name"] and a["template_name"] for a in shown)
        assert {a["mode"] for a in held[name]} == {"unannounced"}
    ids = {name: {a["id"] for a in rows} for name, rows in held.items()}
    assert not ids["insp_a"] & ids["insp_b"]


def test_the_offices_laptop_keeps_the_plans_commitments(
    planned: Server, drawn: dict, tmp_path
) -> None:
    """For the bulletin, which prints its month's commitment; an inspector's laptop keeps none."""
    from domain.assessment import Period
    from local_db.plan_assignments import COMMITMENTS, plan_commitment
    from tests.server.laptops import laptop

    this, _ = _periods()
    year, month = (int(p) for p in this.split("-"))
    for name, expected in (("office", drawn[this]["seed_commitment"]), ("insp_b", None)):
        store, client = laptop(planned, name, tmp_path / name)
        try:
            assert plan_commitment(store, Period.month(year, month)) == expected
            assert (store.meta(COMMITMENTS) is None) == (expected is None)
            assert store.rows("SELECT * FROM plan_assignment") == [] or name != "office"
        finally:
            client.close()
            store.close()


def test_weights_and_coverage_come_from_the_inspections_held(tmp_path) -> None:
    """The inputs of a draw (server/plans.py gather): each zone's weight from its mean score in
    the previous period; a week plan's `covered` from the month's inspections before it; the
    teams' units from their members' accounts; working days from the office calendar."""
    from domain.visit_plan import PlanError
    from server import plans
    from server.db import ENTITY_TABLES, make_engine, reading
    from server.seed import Seeder, new_row
    from server.settings import Settings
    from tests.server.conftest import PASSWORD

    cli("init", data_dir=tmp_path)
    zones, units = {}, {}
    for unit, names in (("A", ("A1", "A2")), ("B", ("B1", "B2", "B3"))):
        args = [a for name in names for a in ("--zone", name)]
        out = json.loads(cli("unit", "add", f"单位{unit}", *args, data_dir=tmp_path))
        units[unit] = out["id"]
        zones.update({name: (out["zones"][name], out["id"]) for name in names})
    for name, scope in (("wang", ["--unit", "单位A"]), ("li", ["--all-units"])):
        cli("user", "add", name, "--role", "inspector", *scope,
            stdin=PASSWORD + "\n", data_dir=tmp_path)  # fmt: skip
    settings = Settings(data_dir=tmp_path, database_url=f"sqlite:///{tmp_path / 'ducha.sqlite3'}")
    engine = make_engine(settings.database_url)
    with reading(engine) as conn:
        template = json.loads(
            conn.execute(sa.select(ENTITY_TABLES["template"].c.row)).scalars().first()
        )
    with engine.begin() as conn:
        seeder = Seeder(conn, settings)
        for zone, started, score, status in (
            ("A1", "2026-10-10T02:00:00.000000Z", 40.0, "submitted"),  # October: mean 50
            ("A1", "2026-10-20T02:00:00.000000Z", 60.0, "submitted"),  # → weight 1 + 5 = 6
            ("B1", "2026-10-12T02:00:00.000000Z", 95.0, "submitted"),  # → weight 1
            ("B2", "2026-10-12T02:00:00.000000Z", 10.0, "draft"),  # a draft counts for nothing
            ("B3", "2026-11-02T02:00:00.000000Z", 70.0, "submitted"),  # November: covered
        ):
            zone_id, unit_id = zones[zone]
            seeder.add(
                "inspection",
                new_row(
                    template_id=template["id"], template_version=template["version"],
                    zone_id=zone_id, unit_id=unit_id, mode="unannounced", started_at=started,
                    status=status, score=score, digest="0" * 64,
                ),
                scope=unit_id,
            )  # fmt: skip
        month = plans.gather(conn, settings, plans.DrawRequest("2026-11", [["wang"], ["li"]], 1))
        week = plans.gather(
            conn, settings, plans.DrawRequest("2026-W46", [["wang"], ["li"]], 2, "week")
        )
        with pytest.raises(PlanError, match="no enabled user"):
            plans.gather(conn, settings, plans.DrawRequest("2026-11", [["nobody"]], 1))
        with pytest.raises(PlanError, match="no template"):
            plans.gather(
                conn,
                settings,
                plans.DrawRequest("2026-11", [["li"]], 1, template_id=zones["A1"][0]),
            )
    engine.dispose()
    weight = {z.id: z.weight for z in month.zones}
    assert weight == {
        zones["A1"][0]: 6,
        zones["A2"][0]: 1,
        zones["B1"][0]: 1,
        zones["B2"][0]: 1,
        zones["B3"][0]: 1,
    }
    assert month.covered == () and week.covered == (zones["B3"][0],)  # 9–15 Nov: B3 on 2 Nov
    assert month.teams[0].units == (units["A"],)  # wang belongs to 单位A
    assert month.teams[1].units == ()  # li: all units, belongs to none
    assert month.template_id == template["id"]
    # November 2026's working days in the office calendar: 21, no weekend
    assert len(month.days) == 21 and "2026-11-07" not in month.days


def test_tomorrow_is_the_offices_tomorrow(planned: Server, drawn: dict) -> None:
    """At 00:30 on the 11th in the office's zone (16:30 UTC on the 10th), an inspector's visits
    reach up to the 12th, never the 13th: the server's clock in the office's calendar decides."""
    from datetime import UTC

    from server import plans
    from server.auth import User
    from server.settings import Settings

    this, _ = _periods()
    year, month = (int(p) for p in this.split("-"))
    now = datetime(year, month, 10, 16, 30, tzinfo=UTC)
    user = User(planned.users["insp_b"], "insp_b", "insp_b", "inspector", False, frozenset())
    settings = Settings(data_dir=planned.data_dir, database_url=planned.url or "")
    engine = planned.engine()
    try:
        answer = plans.own_assignments(engine, settings, user, now=now)
    finally:
        engine.dispose()
    days = sorted(a["day"] for a in answer["assignments"])
    assert answer["today"] == f"{this}-11" and answer["until"] == f"{this}-12"
    assert days[-1] == f"{this}-12"  # one visit a day, every day: tomorrow's is there
    assert days[0] == f"{this}-04"  # and a week back
    assert {a["inspector_id"] for a in answer["assignments"]} == {planned.users["insp_b"]}


def test_the_office_draws_and_reveals_through_the_routes(planned: Server, drawn: dict) -> None:
    """POST /plans and POST /plans/{period}/reveal (admins only): the same draw as the command
    line (server/plans.py draw_plan), the seed made on the server, audited; refusals in words."""
    srv = planned
    if "chief" not in srv.users:
        srv.add_user("chief", "admin")
    chief = srv.session("chief")
    period = "2026-03"  # a past month: its seed may be revealed at once
    asked = {
        "period": period,
        "teams": [["insp_a", "insp_a2"], ["insp_b"]],
        "visits": 2,
        "per": "week",
        "units": ["单位C", srv.units["D"]],  # by name or by id
    }
    for name in ("insp_a", "office"):  # an inspector or a reviewer may not draw nor reveal
        s = srv.session(name)
        refused = s.post(f"{srv.base}/plans", json=asked, timeout=10)
        assert refused.status_code == 403, refused.text
        assert s.post(f"{srv.base}/plans/{period}/reveal", timeout=10).status_code == 403
        assert s.get(f"{srv.base}/plans/accounts", timeout=10).status_code == 403
    assert srv.session("office").get(f"{srv.base}/plans/{period}", timeout=10).status_code == 404

    # other methods are refused naming both of /plans (schemathesis found `Allow: POST`)
    for method in ("DELETE", "PUT", "OPTIONS"):
        answer = chief.request(method, f"{srv.base}/plans", timeout=10)
        assert answer.status_code == 405 and answer.headers["Allow"] == "GET, POST"

    # the form's choices: the enabled accounts and their units
    accounts = chief.get(f"{srv.base}/plans/accounts", timeout=10).json()["accounts"]
    by_name = {a["username"]: a for a in accounts}
    assert by_name["insp_b"]["units"] == [srv.units["B"]] and by_name["chief"]["units"] == []

    # the request is checked field by field; no seed is accepted from the client
    for bad in (
        {**asked, "seed": "0" * 64},
        {**asked, "visits": 0},
        {**asked, "visits": 51},
        {**asked, "teams": []},
        {**asked, "teams": [[]]},
        {**asked, "teams": [["x"]] * 51},
        {**asked, "period": "2026-13"},
        {**asked, "per": "month"},
        {**asked, "kind": "house"},
        {**asked, "units": ["a" * 201]},
    ):
        answer = chief.post(f"{srv.base}/plans", json=bad, timeout=10)
        assert answer.status_code in (400, 422), (bad, answer.text)
        assert answer.json()["error"]["code"] in ("malformed", "invalid"), answer.text
    big = chief.post(f"{srv.base}/plans", json={**asked, "units": ["u" * 199] * 400}, timeout=10)
    assert big.status_code == 413
    unknown = chief.post(f"{srv.base}/plans", json={**asked, "teams": [["nobody"]]}, timeout=10)
    assert unknown.status_code == 422 and unknown.json()["error"]["code"] == "no_user"

    done = chief.post(f"{srv.base}/plans", json=asked, timeout=30)
    assert done.status_code == 200, done.text
    summary = done.json()
    assert summary["period"] == period and len(summary["seed_commitment"]) == 64
    again = chief.post(f"{srv.base}/plans", json=asked, timeout=30)
    assert again.status_code == 409 and again.json()["error"]["code"] == "plan_exists"
    assert "drawn already" in again.json()["error"]["message"]
    whole = srv.session("office").get(f"{srv.base}/plans/{period}", timeout=10).json()
    assert whole["seed"] is None and whole["seed_commitment"] == summary["seed_commitment"]
    assert {a["unit_id"] for a in whole["assignments"]} <= {srv.units["C"], srv.units["D"]}
    assert whole["inputs"]["scope"].startswith("unit:")

    this, _ = _periods()  # drawn by the command line; it has not ended
    early = chief.post(f"{srv.base}/plans/{this}/reveal", timeout=10)
    assert early.status_code == 409 and early.json()["error"]["code"] == "not_ended"
    missing = chief.post(f"{srv.base}/plans/2026-04/reveal", timeout=10)
    assert missing.status_code == 404

    revealed = chief.post(f"{srv.base}/plans/{period}/reveal", timeout=10)
    assert revealed.status_code == 200, revealed.text
    seed = revealed.json()["seed"]
    assert hashlib.sha256(bytes.fromhex(seed)).hexdigest() == summary["seed_commitment"]
    ok = run_cli("plan", "verify", "--period", period, url=srv.url, data_dir=srv.data_dir)
    assert ok.returncode == 0 and "matches" in ok.stdout, ok.stdout + ok.stderr

    with srv.engine().connect() as conn:
        entries = conn.execute(
            sa.select(audit.c.action, audit.c.user_name, audit.c.detail).where(
                audit.c.entity_id == summary["id"]
            )
        ).all()
    actions = {(e.action, e.user_name) for e in entries}
    assert {("plan_draw", "chief"), ("plan_reveal", "chief")} <= actions
    drawn_entry = next(json.loads(e.detail) for e in entries if e.action == "plan_draw")
    assert drawn_entry["seed_commitment"] == summary["seed_commitment"]


def test_a_reviewer_of_some_units_does_not_read_the_plans(planned: Server, drawn: dict) -> None:
    """A reviewer bound to unit C would learn on which days its own zones are visited: the
    whole plan is for the office that sees every unit (the commitments stay listed)."""
    srv = planned
    if "clerk_c" not in srv.users:
        srv.add_user("clerk_c", "reviewer", "C")
    clerk = srv.session("clerk_c")
    this, following = _periods()
    for period in (this, following):
        answer = clerk.get(f"{srv.base}/plans/{period}", timeout=10)
        assert answer.status_code == 403, answer.text[:300]
        assert answer.json()["error"]["code"] == "forbidden"
    listed = clerk.get(f"{srv.base}/plans", timeout=10)
    assert listed.status_code == 200 and "assignments" not in listed.text
    assert srv.session("office").get(f"{srv.base}/plans/{this}", timeout=10).status_code == 200
