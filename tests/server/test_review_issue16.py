"""Review of issue 16's server additions: defects found by trying them against the real server
(SQLite and PostgreSQL), each kept as a test."""

from __future__ import annotations

from domain.ids import new_id
from tests.core.conftest import shipped_template_body
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


def test_a_retired_template_is_not_reopened_by_naming_any_inspection_as_amended(server):
    """A new inspection on a retired template is refused; a correction keeps its original's
    version — but only a correction of an inspection MADE WITH that template: naming any other
    inspection as `amends_id` must not let a new inspection use the retired version."""
    admin = session(server, fresh_user(server, "admin", "admin"))
    body = shipped_template_body()
    body["name"] = f"复核模板{fresh_name('T')}"
    body["version"] = 1
    published = _ok(admin.post(f"{server.base}/admin/templates", json={"body": body}, timeout=10))
    name = fresh_user(server, "tmpl", "inspector", "A")
    device = f"dev-{name}"
    s = session(server, name)
    # an inspection on the shipped (current) template, submitted
    other = inspection(server, "A", server.users[name], device)
    submit(other)
    answer = push(s, server.base, device, changes(other))
    assert {r["status"] for r in answer["results"]} == {"accepted"}, answer
    _ok(admin.post(f"{server.base}/admin/templates/{published['id']}/retire", timeout=10))

    sneaky = inspection(server, "A", server.users[name], device)
    sneaky["inspection"].update(
        template_id=published["id"], template_version=1, amends_id=other["inspection"]["id"]
    )
    answer = push(s, server.base, device, changes(sneaky))
    first = answer["results"][0]
    assert first["status"] == "rejected" and first["code"] == "template_retired", first
