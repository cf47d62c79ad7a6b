"""`ducha-server unit add|rename|retire`, `zone add|edit|retire`, `user reset-password` and
`user add --one-time-password` (issue 16) on SQLite and PostgreSQL: the same functions as the
admin routes, so what they write is what the API lists, each command audited under
`cli:<os user>`, refusals exit 2 with words naming what is wrong."""

from __future__ import annotations

import json

import requests
import sqlalchemy as sa

from domain.contract.rows import OrgSettingsRow
from server import audit
from server.db import change_log, default_url, make_engine
from tests.server import conftest
from tests.server.accounts import fresh_name, fresh_user, login, ok_cli, run_cli, session
from tests.server.conftest import cli


def _listed(server, admin: requests.Session, what: str, ident: str) -> dict:
    answer = admin.get(f"{server.base}/admin/{what}", timeout=10)
    assert answer.status_code == 200, answer.text
    return next(x for x in answer.json()[what] if x["id"] == ident)


def test_unit_and_zone_commands(server, tmp_path):
    admin = session(server, fresh_user(server, "admin", "admin"))
    top = fresh_name("市局")
    name = fresh_name("街道")
    top_id = json.loads(ok_cli(server, "unit", "add", top))["id"]
    made = json.loads(
        ok_cli(server, "unit", "add", name, "--kind", "street_office", "--parent", top)
    )
    assert json.loads(ok_cli(server, "unit", "add", name))["id"] == made["id"]  # twice: reused
    unit = _listed(server, admin, "units", made["id"])
    assert unit["parent_id"] == top_id and unit["kind"] == "street_office"
    renamed = f"新{name}"
    ok_cli(server, "unit", "rename", name, renamed)
    assert _listed(server, admin, "units", made["id"])["name"] == renamed
    outline = tmp_path / "road.geojson"
    geometry = {"type": "LineString", "coordinates": [[116.1, 39.9], [116.2, 39.95]]}
    outline.write_text(json.dumps(geometry), encoding="utf-8")
    road = fresh_name("解放路")
    zone = json.loads(
        ok_cli(
            server,
            "zone",
            "add",
            road,
            "--unit",
            renamed,
            "--kind",
            "road_segment",
            "--chief-name",
            "李路长",
            "--chief-phone",
            "13900000000",
            "--geometry",
            str(outline),
        )
    )
    listed = _listed(server, admin, "zones", zone["id"])
    assert listed["unit_id"] == made["id"] and listed["chief_name"] == "李路长"
    assert json.loads(listed["geometry"]) == geometry
    ok_cli(server, "zone", "edit", road, "--chief-name", "赵路长", "--geometry", "")
    listed = _listed(server, admin, "zones", zone["id"])
    assert listed["chief_name"] == "赵路长" and listed["geometry"] is None
    # refusals: exit 2, words naming what is wrong, nothing written
    bad = tmp_path / "bad.geojson"
    bad.write_text('{"type": "Point", "coordinates": [116.1, 39.9]}', encoding="utf-8")
    for args, words in (
        (("zone", "edit", road, "--geometry", str(bad)), "geometry"),
        (("zone", "edit", road, "--geometry", str(tmp_path / "missing.geojson")), "missing"),
        (("zone", "add", fresh_name("z"), "--unit", "没有这个单位"), "没有这个单位"),
        (("zone", "retire", "没有这个片区"), "没有这个片区"),
        (("unit", "rename", renamed, top), "exists"),
        (("unit", "retire", renamed), "active zone"),
        (("unit", "add", "x" * 201), "name"),
        (("unit", "add", fresh_name("u"), "--parent", "没有"), "没有"),
    ):
        done = run_cli(server, *args)
        assert done.returncode == 2, (args, done.stdout, done.stderr)
        assert words in done.stderr, (args, done.stderr)
        assert "Traceback" not in done.stderr
    assert _listed(server, admin, "zones", zone["id"])["active"] is True
    ok_cli(server, "zone", "retire", road)
    assert _listed(server, admin, "zones", zone["id"])["active"] is False
    ok_cli(server, "unit", "retire", renamed)
    assert _listed(server, admin, "units", made["id"])["active"] is False
    ok_cli(server, "unit", "retire", renamed, "--undo")
    assert _listed(server, admin, "units", made["id"])["active"] is True
    log = admin.get(f"{server.base}/audit", params={"entity_id": made["id"]}, timeout=10)
    actions = [e["action"] for e in log.json()["entries"]]
    assert actions[:3] == ["unit_add", "unit_change", "unit_retire"], actions
    assert all(e["user_name"].startswith("cli:") for e in log.json()["entries"])
    log = admin.get(f"{server.base}/audit", params={"entity_id": zone["id"]}, timeout=10)
    assert [e["action"] for e in log.json()["entries"]] == [
        "zone_add",
        "zone_change",
        "zone_retire",
    ]


def test_one_time_passwords_from_the_command_line(server):
    name = fresh_name("cliotp")
    added = json.loads(
        ok_cli(
            server,
            "user",
            "add",
            name,
            "--role",
            "inspector",
            "--unit",
            server.units["A"],
            "--one-time-password",
        )
    )
    otp = added["one_time_password"]
    answer = login(server, name, otp)
    assert answer.status_code == 200 and answer.json()["must_change_password"] is True
    out = ok_cli(server, "user", "reset-password", name)
    fresh = out.strip().rsplit(" ", 1)[-1]
    assert fresh != otp and len(fresh) >= 12
    assert login(server, name, otp).status_code == 401
    answer = login(server, name, fresh)
    assert answer.status_code == 200 and answer.json()["must_change_password"] is True
    token = answer.json()["token"]
    me = requests.get(f"{server.base}/me", headers={"Authorization": f"Bearer {token}"}, timeout=10)
    assert me.status_code == 403 and me.json()["error"]["code"] == "must_change_password"
    assert run_cli(server, "user", "reset-password", fresh_name("ghost")).returncode == 2
    log = ok_cli(server, "audit", "--entity-id", added["id"])
    assert "user_reset_password" in log and fresh not in log and otp not in log


def test_org_settings_from_the_command_line(tmp_path):
    """On a server of its own (the session's server numbers notices with its prefix)."""
    data = tmp_path / "server"
    cli("init", data_dir=data)
    shown = json.loads(cli("org", "show", data_dir=data))
    assert shown["held"] is False and shown["notice_prefix"] == "督改"
    changes = tmp_path / "org.json"
    changes.write_text(json.dumps({"office_name": "青山县督查办", "notice_prefix": "青督"}))
    done = json.loads(cli("org", "set", str(changes), data_dir=data))
    assert done["held"] is True and done["office_name"] == "青山县督查办"
    assert json.loads(cli("org", "show", data_dir=data))["notice_prefix"] == "青督"
    for body, words in (
        ({"notice_prefix": "1号"}, "notice_prefix"),
        ({"bogus": 1}, "bogus"),
        ({"full_score": "many"}, "full_score"),
    ):
        changes.write_text(json.dumps(body))
        refused = conftest.run_cli("org", "set", str(changes), data_dir=data)
        assert refused.returncode == 2 and words in refused.stderr, refused.stderr
    changes.write_text("{not json")
    refused = conftest.run_cli("org", "set", str(changes), data_dir=data)
    assert refused.returncode == 2 and "org.json" in refused.stderr
    assert json.loads(cli("org", "show", data_dir=data))["notice_prefix"] == "青督"
    engine = make_engine(default_url(data))
    try:
        with engine.connect() as conn:
            logged = conn.execute(
                sa.select(change_log.c.row).where(change_log.c.entity == "org_settings")
            ).scalars()
            rows = [json.loads(r) for r in logged]
            entries = audit.read(conn, action="org_set")["entries"]
    finally:
        engine.dispose()
    assert rows and rows[-1]["office_name"] == "青山县督查办"  # laptops pull it
    OrgSettingsRow.model_validate(rows[-1])
    assert len(entries) == 1 and entries[0]["user_name"].startswith("cli:")
