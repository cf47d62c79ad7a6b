"""An admin's /sync/push is the organisation's second door: what the admin routes refuse of
units, zones and template versions (server/org_rules.py) it refuses with the same codes —
retiring a unit with active zones, bringing back a zone of a retired unit, un-retiring a
template version."""

from __future__ import annotations

from typing import Any

from domain.wire import change
from tests.core.conftest import shipped_template_body
from tests.server.accounts import fresh_name, fresh_user, session
from tests.server.rows import push


def _ok(answer, status: int = 200) -> dict:
    assert answer.status_code == status, answer.text
    return answer.json()


def _held(server, s, entity: str, ident: str) -> dict[str, Any]:
    """The latest version of a row the admin's laptop would pull."""
    held, cursor, more = None, 0, True
    while more:
        page = _ok(s.get(f"{server.base}/sync/pull?limit=1000&cursor={cursor}", timeout=10))
        for c in page["changes"]:
            if c["entity"] == entity and c["id"] == ident:
                held = c["row"]
        cursor, more = page["cursor"], page["more"]
    assert held is not None
    return held


def _pushed(server, s, device: str, entity: str, held: dict, **changed: Any) -> dict:
    row = {**held, **changed, "rev": held["rev"] + 1, "device_id": device}
    answer = push(s, server.base, device, [{**change(entity, row), "base_rev": held["rev"]}])
    return answer["results"][0]


def test_an_admins_push_is_refused_what_the_admin_routes_refuse(server):
    name = fresh_user(server, "admin", "admin")
    device = f"dev-{name}"
    admin = session(server, name)
    base = server.base
    key = fresh_name("R")
    unit = _ok(admin.post(f"{base}/admin/units", json={"name": f"单位{key}", "kind": "town"}))
    zone = _ok(
        admin.post(
            f"{base}/admin/zones",
            json={"name": f"片区{key}", "kind": "grid", "unit_id": unit["id"]},
            timeout=10,
        )
    )
    # retiring a unit with an active zone: the route says 409, the push rejects it alike
    route = admin.patch(f"{base}/admin/units/{unit['id']}", json={"active": False}, timeout=10)
    assert route.status_code == 409
    assert route.json()["error"]["code"] == "unit_has_active_zones"
    result = _pushed(
        server, admin, device, "unit", _held(server, admin, "unit", unit["id"]), active=0
    )
    assert result["status"] == "rejected" and result["code"] == "unit_has_active_zones", result

    # the zone retired, then the unit: the zone cannot come back while its unit is retired
    _ok(admin.patch(f"{base}/admin/zones/{zone['id']}", json={"active": False}, timeout=10))
    _ok(admin.patch(f"{base}/admin/units/{unit['id']}", json={"active": False}, timeout=10))
    route = admin.patch(f"{base}/admin/zones/{zone['id']}", json={"active": True}, timeout=10)
    assert route.status_code == 409 and route.json()["error"]["code"] == "unit_retired"
    result = _pushed(
        server, admin, device, "zone", _held(server, admin, "zone", zone["id"]), active=1
    )
    assert result["status"] == "rejected" and result["code"] == "unit_retired", result
    assert _held(server, admin, "zone", zone["id"])["active"] == 0

    # a retired template version stays retired
    body = shipped_template_body()
    body["name"] = f"模板{key}"
    published = _ok(admin.post(f"{base}/admin/templates", json={"body": body}, timeout=10))
    _ok(admin.post(f"{base}/admin/templates/{published['id']}/retire", timeout=10))
    held = _held(server, admin, "template", published["id"])
    assert held["retired_at"]
    result = _pushed(server, admin, device, "template", held, retired_at=None)
    assert result["status"] == "rejected" and result["code"] == "template_retired", result
    assert _held(server, admin, "template", published["id"])["retired_at"] == held["retired_at"]
