"""What an admin's change of units and zones does on real laptops (the client's store and sync
engine) against the real server on SQLite and PostgreSQL: a rename reaches them at their next
pull; a retired zone is no longer offered for a new inspection and is refused for one a laptop
pushes anyway (`zone_retired`), while an inspection made in it before syncs on and keeps it."""

from __future__ import annotations

import json

import sqlalchemy as sa

from app.sync.engine import sync_once
from local_db import inspections as ops
from local_db import reference
from server.db import ENTITY_TABLES
from tests.server.accounts import fresh_name, fresh_user, session
from tests.server.laptops import laptop
from tests.server.rows import changes, inspection, push, submit


def _ok(answer, status: int = 200) -> dict:
    assert answer.status_code == status, answer.text
    return answer.json()


def _held_zone(server, inspection_id: str) -> str | None:
    engine = server.engine()
    try:
        with engine.connect() as conn:
            table = ENTITY_TABLES["inspection"]
            found = conn.execute(
                sa.select(table.c.row).where(table.c.id == inspection_id)
            ).scalar_one_or_none()
    finally:
        engine.dispose()
    return None if found is None else json.loads(found)["zone_id"]


def test_retired_zone_and_renamed_unit_reach_laptops(server, tmp_path):
    admin = session(server, fresh_user(server, "admin", "admin"))
    base = server.base
    key = fresh_name("U")
    unit = _ok(
        admin.post(f"{base}/admin/units", json={"name": f"单位{key}", "kind": "town"}, timeout=10)
    )
    zones = {
        label: _ok(
            admin.post(
                f"{base}/admin/zones",
                json={"name": f"{label}{key}", "kind": "road_segment", "unit_id": unit["id"]},
                timeout=10,
            )
        )
        for label in ("老路", "新路")
    }
    server.units[key] = unit["id"]
    server.zones[key] = zones["老路"]["id"]
    name = fresh_user(server, "field", "inspector", key)
    first, client = laptop(server, name, tmp_path / "one")
    offered = {z["id"] for z in reference.zones(first)}
    assert {zones["老路"]["id"], zones["新路"]["id"]} <= offered
    # an inspection made in the zone before it is retired (on the laptop, synced)
    me_local = first.meta("local_person_id")
    assert me_local is not None
    old = ops.start_inspection(
        first,
        template_id=server.template_id,
        zone_id=zones["老路"]["id"],
        mode="unannounced",
        person_ids=[me_local],
    )
    sync_once(first, tmp_path / "one", client)
    assert _held_zone(server, old["id"]) == zones["老路"]["id"]
    # the admin retires the zone and renames the unit
    _ok(
        admin.patch(f"{base}/admin/zones/{zones['老路']['id']}", json={"active": False}, timeout=10)
    )
    _ok(admin.patch(f"{base}/admin/units/{unit['id']}", json={"name": f"改名{key}"}, timeout=10))
    # the laptop made a new inspection in it meanwhile (offline, before it learned)
    late = ops.start_inspection(
        first,
        template_id=server.template_id,
        zone_id=zones["老路"]["id"],
        mode="unannounced",
        person_ids=[me_local],
    )
    ops.mark_unanswered_ok(first, old["id"])
    ops.submit_inspection(first, old["id"], actor=me_local)
    report = sync_once(first, tmp_path / "one", client)
    assert report.rejected >= 1
    assert _held_zone(server, late["id"]) is None  # refused: zone_retired
    assert _held_zone(server, old["id"]) == zones["老路"]["id"]  # submitted, keeps its zone
    # the picker of a new inspection no longer offers it; the old record still shows it
    picker = {z["id"]: z for z in reference.zones(first)}
    assert zones["老路"]["id"] not in picker and zones["新路"]["id"] in picker
    assert picker[zones["新路"]["id"]]["unit_name"] == f"改名{key}"
    every = {z["id"] for z in reference.zones(first, active_only=False)}
    assert zones["老路"]["id"] in every
    held = first.db.execute(
        "SELECT z.name, i.status FROM inspection i JOIN zone z ON z.id = i.zone_id WHERE i.id = ?",
        (old["id"],),
    ).fetchone()
    assert tuple(held) == (f"老路{key}", "submitted")
    # a second laptop, new, learns the renamed unit and the retired zone at its first pull
    second_name = fresh_user(server, "field", "inspector", key)
    second, _ = laptop(server, second_name, tmp_path / "two")
    units = {u["id"]: u["name"] for u in reference.units(second)}
    assert units[unit["id"]] == f"改名{key}"
    assert zones["老路"]["id"] not in {z["id"] for z in reference.zones(second)}
    # retiring the unit (its last zone retired first) hides the rest too
    _ok(
        admin.patch(f"{base}/admin/zones/{zones['新路']['id']}", json={"active": False}, timeout=10)
    )
    _ok(admin.patch(f"{base}/admin/units/{unit['id']}", json={"active": False}, timeout=10))
    sync_once(first, tmp_path / "one", client)
    assert (
        first.db.execute("SELECT active FROM unit WHERE id = ?", (unit["id"],)).fetchone()[0] == 0
    )
    assert not [z for z in reference.zones(first) if z["unit_id"] == unit["id"]]


def test_push_refuses_a_new_inspection_in_a_retired_zone(server):
    admin = session(server, fresh_user(server, "admin", "admin"))
    key = fresh_name("R")
    unit = _ok(
        admin.post(
            f"{server.base}/admin/units", json={"name": f"单位{key}", "kind": "town"}, timeout=10
        )
    )
    zone = _ok(
        admin.post(
            f"{server.base}/admin/zones",
            json={"name": f"片区{key}", "kind": "grid", "unit_id": unit["id"]},
            timeout=10,
        )
    )
    server.units[key], server.zones[key] = unit["id"], zone["id"]
    name = fresh_user(server, "pusher", "inspector", key)
    device = f"dev-{name}"
    s = session(server, name)
    before = inspection(server, key, server.users[name], device)
    answer = push(s, server.base, device, changes(before))
    assert {r["status"] for r in answer["results"]} == {"accepted"}, answer
    other = _ok(
        admin.post(
            f"{server.base}/admin/units", json={"name": f"别的{key}", "kind": "town"}, timeout=10
        )
    )
    moved = admin.patch(
        f"{server.base}/admin/zones/{zone['id']}", json={"unit_id": other["id"]}, timeout=10
    )
    assert moved.status_code == 409 and moved.json()["error"]["code"] == "zone_in_use"
    _ok(admin.patch(f"{server.base}/admin/zones/{zone['id']}", json={"active": False}, timeout=10))
    after = inspection(server, key, server.users[name], device)
    answer = push(s, server.base, device, changes(after))
    first = answer["results"][0]
    assert first["status"] == "rejected" and first["code"] == "zone_retired", first
    submit(before)  # the inspection made before is edited and submitted: accepted
    answer = push(s, server.base, device, changes(before))
    assert {r["status"] for r in answer["results"]} == {"accepted"}, answer
    assert _held_zone(server, before["inspection"]["id"]) == zone["id"]
