"""The administration API (issue 16) against the real server on SQLite and PostgreSQL: admins
only, every write audited under the admin of the token, bounds refused with a code, users'
tokens revoked when their rights change, one-time passwords that must be changed first."""

from __future__ import annotations

import json

import requests

from domain.ids import new_id
from tests.server.accounts import bearer, fresh_name, fresh_user, login, session
from tests.server.conftest import PASSWORD

ADMIN_DEVICE = "dev-admin-console"


def _admin(server) -> tuple[requests.Session, str]:
    """A fresh admin's session (from ADMIN_DEVICE-N) and their user id."""
    name = fresh_user(server, "admin", "admin")
    return session(server, name, device=f"{ADMIN_DEVICE}-{name}"), server.users[name]


def _ok(answer: requests.Response, status: int = 200) -> dict:
    assert answer.status_code == status, answer.text
    return answer.json()


def _refused(answer: requests.Response, status: int, code: str) -> None:
    assert answer.status_code == status, answer.text
    assert answer.json()["error"]["code"] == code, answer.text


def _audit(server, admin: requests.Session, entity_id: str) -> list[dict]:
    page = _ok(admin.get(f"{server.base}/audit", params={"entity_id": entity_id}, timeout=10))
    return page["entries"]


def _unit(server, admin: requests.Session, stem: str = "单位", **fields) -> dict:
    body = {"name": fresh_name(stem), "kind": "department", **fields}
    return _ok(admin.post(f"{server.base}/admin/units", json=body, timeout=10))


def _zone(server, admin: requests.Session, unit_id: str, **fields) -> dict:
    body = {"name": fresh_name("片区"), "kind": "grid", "unit_id": unit_id, **fields}
    return _ok(admin.post(f"{server.base}/admin/zones", json=body, timeout=10))


def _admin_routes(server) -> list[tuple[str, str]]:
    spec = requests.get(server.base.replace("/api/v1", "/openapi.json"), timeout=10).json()
    some = new_id()
    return [
        (
            method.upper(),
            path.replace("{unit_id}", some)
            .replace("{zone_id}", some)
            .replace("{user_id}", some)
            .replace("{template_id}", some)
            .replace("{device_id}", "dev-x"),
        )
        for path, operations in spec["paths"].items()
        if path.startswith("/api/v1/admin/")
        for method in operations
    ]


def test_only_admins_reach_the_admin_routes(server):
    routes = _admin_routes(server)
    paths = {p for _, p in routes}
    for wanted in ("units", "zones", "users"):
        assert any(p.endswith(f"/admin/{wanted}") for p in paths), paths
    root = server.base.removesuffix("/api/v1")
    for role in ("inspector", "reviewer"):
        s = session(server, fresh_user(server, role, role))
        for method, path in routes:
            answer = s.request(method, f"{root}{path}", json={}, timeout=10)
            _refused(answer, 403, "forbidden")
    for method, path in routes:
        answer = requests.request(method, f"{root}{path}", json={}, timeout=10)
        assert answer.status_code == 401, (method, path, answer.text)


def test_units_and_zones_written_audited_and_bounded(server):
    admin, admin_id = _admin(server)
    base = server.base
    top = _unit(server, admin, "县局")
    child = _unit(server, admin, "街道", parent_id=top["id"])
    assert child["parent_id"] == top["id"] and child["active"] is True and child["zones"] == 0
    outline = json.dumps(
        {
            "type": "Polygon",
            "coordinates": [[[116.1, 39.9], [116.2, 39.9], [116.2, 40.0], [116.1, 39.9]]],
        }
    )
    zone = _zone(
        server, admin, child["id"], chief_name="王路长", chief_phone="13800000000", geometry=outline
    )
    assert zone["geometry"] == outline and zone["active"] is True
    renamed = _ok(
        admin.patch(
            f"{base}/admin/units/{child['id']}", json={"name": "新名" + child["name"]}, timeout=10
        )
    )
    assert renamed["name"].startswith("新名") and renamed["zones"] == 1
    listed = _ok(admin.get(f"{base}/admin/units", timeout=10))["units"]
    assert {u["id"]: u["name"] for u in listed}[child["id"]] == renamed["name"]
    zones = _ok(admin.get(f"{base}/admin/zones", timeout=10))["zones"]
    assert next(z for z in zones if z["id"] == zone["id"])["chief_name"] == "王路长"
    # bounds, each refused with its code and nothing written
    units = f"{base}/admin/units"
    for body, status, code in (
        ({"name": "x" * 201, "kind": "department"}, 422, "invalid"),
        ({"name": "名", "kind": "ministry"}, 422, "invalid"),
        ({"name": "名", "kind": "department", "extra": 1}, 400, "malformed"),
        ({"name": "名", "kind": "department", "parent_id": new_id()}, 422, "unknown_parent"),
        ({"name": top["name"], "kind": "department"}, 409, "name_taken"),
    ):
        _refused(admin.post(units, json=body, timeout=10), status, code)
    _refused(
        admin.patch(f"{units}/{top['id']}", json={"parent_id": child["id"]}, timeout=10),
        422,
        "parent_cycle",
    )
    _refused(
        admin.patch(f"{units}/{top['id']}", json={"parent_id": top["id"]}, timeout=10),
        422,
        "parent_cycle",
    )
    _refused(
        admin.patch(f"{units}/{child['id']}", json={"active": False}, timeout=10),
        409,
        "unit_has_active_zones",
    )
    _refused(admin.patch(f"{units}/{new_id()}", json={"name": "无"}, timeout=10), 404, "not_found")
    for geometry in (
        json.dumps({"type": "Point", "coordinates": [116.1, 39.9]}),
        json.dumps({"type": "LineString", "coordinates": [[200.0, 39.9], [116.2, 39.9]]}),
        json.dumps({"type": "Polygon", "coordinates": [[[116.1, 39.9], [116.2, 39.9]]]}),
        "not json",
    ):
        answer = admin.patch(
            f"{base}/admin/zones/{zone['id']}", json={"geometry": geometry}, timeout=10
        )
        _refused(answer, 422, "bad_geometry")
    _refused(
        admin.post(
            f"{base}/admin/zones",
            json={"name": "z", "kind": "grid", "unit_id": new_id()},
            timeout=10,
        ),
        422,
        "unknown_unit",
    )
    zones = _ok(admin.get(f"{base}/admin/zones", timeout=10))["zones"]
    assert next(z for z in zones if z["id"] == zone["id"])["geometry"] == outline
    # a zone no record names moves to another unit
    zone_url = f"{base}/admin/zones/{zone['id']}"
    moved = _ok(admin.patch(zone_url, json={"unit_id": top["id"]}, timeout=10))
    assert moved["unit_id"] == top["id"]
    _ok(admin.patch(zone_url, json={"unit_id": child["id"]}, timeout=10))
    # retire: the zone, then its unit
    retired = _ok(
        admin.patch(f"{base}/admin/zones/{zone['id']}", json={"active": False}, timeout=10)
    )
    assert retired["active"] is False
    gone = _ok(admin.patch(f"{units}/{child['id']}", json={"active": False}, timeout=10))
    assert gone["active"] is False and gone["zones"] == 0
    _refused(_unit_zone_on(server, admin, child["id"]), 409, "unit_retired")
    # every write audited under the admin of the token, from their device
    for ident, actions in (
        (child["id"], {"unit_add", "unit_change", "unit_retire"}),
        (zone["id"], {"zone_add", "zone_retire"}),
    ):
        entries = _audit(server, admin, ident)
        assert actions <= {e["action"] for e in entries}, entries
        for entry in entries:
            assert entry["user_id"] == admin_id
            assert entry["device_id"].startswith(ADMIN_DEVICE)
            assert entry["address"]


def _unit_zone_on(server, admin: requests.Session, unit_id: str) -> requests.Response:
    body = {"name": fresh_name("片区"), "kind": "grid", "unit_id": unit_id}
    return admin.post(f"{server.base}/admin/zones", json=body, timeout=10)


def test_new_user_gets_a_one_time_password_to_change_first(server):
    admin, admin_id = _admin(server)
    base = server.base
    name = fresh_name("otp")
    made = _ok(
        admin.post(
            f"{base}/admin/users",
            json={
                "username": name,
                "name": "新同事",
                "role": "inspector",
                "units": [server.units["A"]],
                "all_units": False,
            },
            timeout=10,
        )
    )
    otp = made["one_time_password"]
    assert len(otp) >= 12 and not set(otp) & set("0O1lI")
    assert made["user"]["enabled"] is True and made["user"]["units"] == [server.units["A"]]
    user_id = made["user"]["id"]
    answer = _ok(login(server, name, otp))
    assert answer["must_change_password"] is True
    s = bearer(answer["token"])
    _refused(s.get(f"{base}/me", timeout=10), 403, "must_change_password")
    _refused(s.get(f"{base}/sync/pull", timeout=10), 403, "must_change_password")
    change = f"{base}/auth/change-password"
    _refused(
        s.post(change, json={"old_password": "wrong one!", "new_password": PASSWORD}, timeout=10),
        403,
        "bad_credentials",
    )
    _refused(
        s.post(change, json={"old_password": otp, "new_password": "short"}, timeout=10),
        422,
        "password_too_short",
    )
    _ok(s.post(change, json={"old_password": otp, "new_password": PASSWORD}, timeout=10))
    assert _ok(s.get(f"{base}/me", timeout=10))["id"] == user_id  # the same token works on
    assert _ok(login(server, name))["must_change_password"] is False
    assert login(server, name, otp).status_code == 401
    # the list shows them; a taken username is refused
    users = _ok(admin.get(f"{base}/admin/users", timeout=10))["users"]
    assert any(u["username"] == name and u["role"] == "inspector" for u in users)
    _refused(
        admin.post(
            f"{base}/admin/users",
            json={"username": name, "name": "x", "role": "inspector", "all_units": True},
            timeout=10,
        ),
        409,
        "username_taken",
    )
    _refused(
        admin.post(
            f"{base}/admin/users",
            json={"username": "has space", "name": "x", "role": "inspector", "all_units": True},
            timeout=10,
        ),
        422,
        "invalid",
    )
    _refused(
        admin.post(
            f"{base}/admin/users",
            json={
                "username": fresh_name("u"),
                "name": "x",
                "role": "inspector",
                "units": [new_id()],
            },
            timeout=10,
        ),
        422,
        "unknown_unit",
    )
    actions = {e["action"]: e for e in _audit(server, admin, user_id)}
    assert actions["user_add"]["user_id"] == admin_id
    assert otp not in json.dumps(actions, ensure_ascii=False)


def test_reset_password(server):
    admin, admin_id = _admin(server)
    name = fresh_user(server, "forgot")
    user_id = server.users[name]
    before = session(server, name)
    otp = _ok(admin.post(f"{server.base}/admin/users/{user_id}/reset-password", timeout=10))[
        "one_time_password"
    ]
    _refused(before.get(f"{server.base}/me", timeout=10), 401, "token_revoked")
    assert login(server, name).status_code == 401  # the old password no longer
    answer = _ok(login(server, name, otp))
    assert answer["must_change_password"] is True
    s = bearer(answer["token"])
    _refused(s.get(f"{server.base}/me", timeout=10), 403, "must_change_password")
    _ok(
        s.post(
            f"{server.base}/auth/change-password",
            json={"old_password": otp, "new_password": "mine again 7"},
            timeout=10,
        )
    )
    assert _ok(s.get(f"{server.base}/me", timeout=10))["id"] == user_id
    entry = next(e for e in _audit(server, admin, user_id) if e["action"] == "user_reset_password")
    assert entry["user_id"] == admin_id


def test_disabled_user_cannot_log_in_sync_or_refresh(server):
    admin, admin_id = _admin(server)
    name = fresh_user(server, "leaver")
    user_id = server.users[name]
    answer = _ok(login(server, name))
    s = bearer(answer["token"])
    assert s.get(f"{server.base}/sync/pull", timeout=10).status_code == 200
    changed = _ok(
        admin.patch(f"{server.base}/admin/users/{user_id}", json={"enabled": False}, timeout=10)
    )
    assert changed["enabled"] is False and changed["live_tokens"] == 0
    assert s.get(f"{server.base}/sync/pull", timeout=10).status_code == 401
    push = s.post(
        f"{server.base}/sync/push",
        json={"batch_id": new_id(), "device_id": f"dev-{name}", "changes": []},
        timeout=10,
    )
    assert push.status_code == 401
    _refused(login(server, name), 403, "account_disabled")
    refreshed = requests.post(
        f"{server.base}/auth/refresh",
        json={"refresh_token": answer["refresh_token"], "device_id": f"dev-{name}"},
        timeout=10,
    )
    assert refreshed.status_code in (401, 403), refreshed.text
    entry = next(e for e in _audit(server, admin, user_id) if e["action"] == "user_change")
    assert entry["user_id"] == admin_id and entry["detail"]["enabled"] is False
    _ok(admin.patch(f"{server.base}/admin/users/{user_id}", json={"enabled": True}, timeout=10))
    assert login(server, name).status_code == 200


def test_role_and_units_changes_revoke_tokens_and_admins_keep_themselves(server):
    admin, admin_id = _admin(server)
    base = server.base
    for change in ({"role": "reviewer"}, {"units": [server.units["B"]]}, {"all_units": True}):
        name = fresh_user(server, "moved")
        s = session(server, name)
        info = _ok(admin.patch(f"{base}/admin/users/{server.users[name]}", json=change, timeout=10))
        assert all(info[k] == v for k, v in change.items()), info
        _refused(s.get(f"{base}/me", timeout=10), 401, "token_revoked")
    for change in ({"enabled": False}, {"role": "reviewer"}, {"units": [server.units["A"]]}):
        _refused(
            admin.patch(f"{base}/admin/users/{admin_id}", json=change, timeout=10), 409, "self"
        )
    own = f"{base}/admin/users/{admin_id}"
    _refused(admin.post(f"{own}/reset-password", timeout=10), 409, "self")
    device = _ok(admin.get(f"{own}/devices", timeout=10))["devices"][0]["device_id"]
    _refused(admin.post(f"{own}/devices/{device}/revoke", timeout=10), 409, "self")
    renamed = _ok(admin.patch(own, json={"name": "管理员本人"}, timeout=10))
    assert renamed["name"] == "管理员本人" and renamed["role"] == "admin"
    assert admin.get(f"{base}/admin/users", timeout=10).status_code == 200
    _refused(
        admin.patch(f"{base}/admin/users/{new_id()}", json={"name": "x"}, timeout=10),
        404,
        "not_found",
    )


def test_devices_listed_and_revoked(server):
    admin, admin_id = _admin(server)
    name = fresh_user(server, "lost")
    user_id = server.users[name]
    laptop = session(server, name, device=f"lost-{name}")
    devices = _ok(admin.get(f"{server.base}/admin/users/{user_id}/devices", timeout=10))["devices"]
    assert [d["device_id"] for d in devices] == [f"lost-{name}"]
    assert devices[0]["state"] == "active" and devices[0]["live_tokens"] == 1
    revoked = _ok(
        admin.post(f"{server.base}/admin/users/{user_id}/devices/lost-{name}/revoke", timeout=10)
    )
    assert revoked["revoked"] == 1
    _refused(laptop.get(f"{server.base}/me", timeout=10), 401, "token_revoked")
    devices = _ok(admin.get(f"{server.base}/admin/users/{user_id}/devices", timeout=10))["devices"]
    assert devices[0]["state"] == "revoked" and devices[0]["live_tokens"] == 0
    _refused(
        admin.post(f"{server.base}/admin/users/{user_id}/devices/nope/revoke", timeout=10),
        404,
        "not_found",
    )
    entry = next(e for e in _audit(server, admin, f"lost-{name}") if e["action"] == "device_revoke")
    assert entry["user_id"] == admin_id
