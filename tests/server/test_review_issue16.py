"""Review of issue 16's server additions: defects found by trying them against the real server
(SQLite and PostgreSQL), each kept as a test."""

from __future__ import annotations

from domain.ids import new_id
from tests.server.accounts import fresh_name, fresh_user, session
from tests.server.rows import changes, inspection, push, submit


def _ok(answer, status: int = 200) -> dict:
    assert answer.status_code == status, answer.text
    return answer.json()


def _unit_with_zone(server, admin) -> str:
    """A fresh unit with one zone, known to `server` under a fresh key (returned)."""
    key = fresh_name("V")
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
    return key


def _correction(original: dict, device: str) -> dict:
    """A new draft amending the submitted `original` (as local_db/amendments.py makes one:
    the same zone, template and team)."""
    insp = {
        **original["inspection"],
        "id": new_id(),
        "status": "draft",
        "digest": None,
        "finished_at": None,
        "amends_id": original["inspection"]["id"],
        "device_id": device,
        "rev": 1,
    }
    persons = [
        {**p, "id": new_id(), "inspection_id": insp["id"], "rev": 1} for p in original["persons"]
    ]
    found = [
        {**f, "id": new_id(), "inspection_id": insp["id"], "rev": 1} for f in original["findings"]
    ]
    return {"inspection": insp, "persons": persons, "findings": found, "photos": []}


def test_a_correction_of_an_inspection_in_a_retired_zone_is_accepted(server):
    """A zone retired after an inspection was submitted in it: correcting that inspection (a
    new draft amending it, in its zone, as the laptop makes it) must still sync — only a NEW
    inspection is refused in a retired zone."""
    admin = session(server, fresh_user(server, "admin", "admin"))
    key = _unit_with_zone(server, admin)
    name = fresh_user(server, "corr", "inspector", key)
    device = f"dev-{name}"
    s = session(server, name)
    original = inspection(server, key, server.users[name], device)
    submit(original)
    answer = push(s, server.base, device, changes(original))
    assert {r["status"] for r in answer["results"]} == {"accepted"}, answer
    zone = server.zones[key]
    _ok(admin.patch(f"{server.base}/admin/zones/{zone}", json={"active": False}, timeout=10))

    correction = _correction(original, device)
    answer = push(s, server.base, device, changes(correction))
    assert {r["status"] for r in answer["results"]} == {"accepted"}, answer["results"]
