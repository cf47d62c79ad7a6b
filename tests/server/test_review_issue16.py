"""Review of issue 16's server additions: defects found by trying them against the real server
(SQLite and PostgreSQL), each kept as a test."""

from __future__ import annotations

import json

from domain.ids import new_id
from domain.wire import change
from server.seed import new_row
from tests.core.conftest import shipped_template_body
from tests.server.accounts import (
    fresh_address,
    fresh_name,
    fresh_user,
    from_address,
    login,
    run_cli,
    session,
)
from tests.server.conftest import PASSWORD
from tests.server.raw import wait_for
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


def test_adopt_takes_a_zone_whose_name_another_unit_has(server, tmp_path):
    """Zone names are unique within their unit (server/admin_org.py): a laptop's organisation
    with a zone named like a zone of ANOTHER unit on the server is no disagreement, and `org
    adopt` must take it (it refused the whole file: 'the server holds it under another id')."""
    admin = session(server, fresh_user(server, "admin", "admin"))
    key = _unit_with_zone(server, admin)
    zone_name = f"片区{key}"  # held by the server in unit 单位{key}
    unit = new_row(name=f"独立{key}", kind="town", parent_id=None, active=1)
    zone = new_row(
        name=zone_name,
        kind="grid",
        unit_id=unit["id"],
        chief_name=None,
        chief_phone=None,
        geometry=None,
        active=1,
    )
    for row in (unit, zone):
        row["device_id"] = "laptop-1"
    document = {
        "format": "ducha-org",
        "version": 1,
        "device_id": "laptop-1",
        "rows": {"unit": [unit], "zone": [zone]},
        "accounts": [],
    }
    path = tmp_path / "org.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    done = run_cli(server, "org", "adopt", str(path))
    assert done.returncode == 0, done.stderr
    zones = _ok(admin.get(f"{server.base}/admin/zones", timeout=10))["zones"]
    assert {z["unit_id"] for z in zones if z["name"] == zone_name} == {
        server.units[key],
        unit["id"],
    }


def test_publish_refuses_a_template_its_row_contract_refuses(server):
    """A published template is a synced `template` row: every laptop checks it against the
    contract (TemplateRow: version ≤ 1,000,000, a name of at most 200 characters). The server
    stored such a row whatever the contract said, so laptops would refuse what it sends."""
    admin = session(server, fresh_user(server, "admin", "admin"))
    too_high = shipped_template_body()
    too_high["name"] = f"复核模板{fresh_name('H')}"
    too_high["version"] = 5_000_000
    long_name = shipped_template_body()
    long_name["name"] = "长" * 300
    for body in (too_high, long_name):
        answer = admin.post(f"{server.base}/admin/templates", json={"body": body}, timeout=10)
        assert answer.status_code == 422, answer.text
        assert answer.json()["error"]["code"] == "template_invalid"
    listed = _ok(admin.get(f"{server.base}/admin/templates", timeout=10))["templates"]
    assert not [t for t in listed if t["name"] in (too_high["name"], long_name["name"])]


def test_a_draft_cannot_be_moved_into_a_retired_zone_or_template(server):
    """A retired zone or template version is refused for a new inspection; an update that
    MOVES a draft made elsewhere into one is the same thing by another door (the checks ran
    only when the inspection was new)."""
    admin = session(server, fresh_user(server, "admin", "admin"))
    key = _unit_with_zone(server, admin)
    retired_zone = _ok(
        admin.post(
            f"{server.base}/admin/zones",
            json={"name": f"旧片区{key}", "kind": "grid", "unit_id": server.units[key]},
            timeout=10,
        )
    )
    _ok(
        admin.patch(
            f"{server.base}/admin/zones/{retired_zone['id']}", json={"active": False}, timeout=10
        )
    )
    body = shipped_template_body()
    body["name"] = f"复核模板{fresh_name('M')}"
    old_template = _ok(
        admin.post(f"{server.base}/admin/templates", json={"body": body}, timeout=10)
    )
    _ok(admin.post(f"{server.base}/admin/templates/{old_template['id']}/retire", timeout=10))
    name = fresh_user(server, "mover", "inspector", key)
    device = f"dev-{name}"
    s = session(server, name)
    draft = inspection(server, key, server.users[name], device)
    answer = push(s, server.base, device, changes(draft))
    assert {r["status"] for r in answer["results"]} == {"accepted"}, answer["results"]

    moved = {**draft["inspection"], "zone_id": retired_zone["id"], "rev": 2}
    answer = push(s, server.base, device, [{**change("inspection", moved), "base_rev": 1}])
    first = answer["results"][0]
    assert first["status"] == "rejected" and first["code"] == "zone_retired", first

    switched = {**draft["inspection"], "template_id": old_template["id"], "rev": 2}
    answer = push(s, server.base, device, [{**change("inspection", switched), "base_rev": 1}])
    first = answer["results"][0]
    assert first["status"] == "rejected" and first["code"] == "template_retired", first


def test_an_admins_push_cannot_move_a_zone_that_records_were_made_in(server):
    """The admin routes refuse to move a zone that records were made in to another unit
    (`zone_in_use`: the inspections made there lie in its unit). An admin's /sync/push of the
    zone row is another door to the same write: it moved the zone, and the draft made there
    could no longer be edited ('the zone belongs to another unit')."""
    admin_name = fresh_user(server, "admin", "admin")
    admin = session(server, admin_name)
    key = _unit_with_zone(server, admin)
    other = _ok(
        admin.post(
            f"{server.base}/admin/units", json={"name": f"别处{key}", "kind": "town"}, timeout=10
        )
    )
    name = fresh_user(server, "zoner", "inspector", key)
    device = f"dev-{name}"
    s = session(server, name)
    draft = inspection(server, key, server.users[name], device)
    answer = push(s, server.base, device, changes(draft))
    assert {r["status"] for r in answer["results"]} == {"accepted"}, answer["results"]

    zone = next(
        z
        for z in _ok(admin.get(f"{server.base}/admin/zones", timeout=10))["zones"]
        if z["id"] == server.zones[key]
    )
    pulled = admin.get(f"{server.base}/sync/pull?limit=1000", timeout=10).json()
    rows = [c["row"] for c in pulled["changes"] if c["entity"] == "zone" and c["id"] == zone["id"]]
    while pulled["more"]:
        pulled = admin.get(
            f"{server.base}/sync/pull?limit=1000&cursor={pulled['cursor']}", timeout=10
        ).json()
        rows += [
            c["row"] for c in pulled["changes"] if c["entity"] == "zone" and c["id"] == zone["id"]
        ]
    held = rows[-1]
    moved = {
        **held,
        "unit_id": other["id"],
        "rev": held["rev"] + 1,
        "device_id": f"dev-{admin_name}",
    }
    answer = push(
        admin,
        server.base,
        f"dev-{admin_name}",
        [{**change("zone", moved), "base_rev": held["rev"]}],
    )
    first = answer["results"][0]
    assert first["status"] == "rejected" and first["code"] == "zone_in_use", first

    submit(draft)  # the draft made in the zone is still submitted in its unit
    answer = push(s, server.base, device, changes(draft))
    assert {r["status"] for r in answer["results"]} == {"accepted"}, answer["results"]


def test_an_admins_push_cannot_rewrite_a_published_template_version(server):
    """Inspections keep the version they were made with: a published version's items never
    change (a new version is published instead, `version_exists` otherwise). An admin's
    /sync/push of the template row rewrote its body under the inspections made with it."""
    admin_name = fresh_user(server, "admin", "admin")
    admin = session(server, admin_name)
    body = shipped_template_body()
    body["name"] = f"复核模板{fresh_name('W')}"
    published = _ok(admin.post(f"{server.base}/admin/templates", json={"body": body}, timeout=10))
    held, cursor, more = None, 0, True
    while more:
        page = admin.get(f"{server.base}/sync/pull?limit=1000&cursor={cursor}", timeout=10).json()
        for c in page["changes"]:
            if c["entity"] == "template" and c["id"] == published["id"]:
                held = c["row"]
        cursor, more = page["cursor"], page["more"]
    assert held is not None
    changed = json.loads(held["body"])
    item = changed["categories"][0]["items"][0]
    item["max_deduction"] = item["max_deduction"] + 5
    rewritten = {
        **held,
        "body": json.dumps(changed, ensure_ascii=False),
        "rev": held["rev"] + 1,
        "device_id": f"dev-{admin_name}",
    }
    answer = push(
        admin,
        server.base,
        f"dev-{admin_name}",
        [{**change("template", rewritten), "base_rev": held["rev"]}],
    )
    first = answer["results"][0]
    assert first["status"] == "rejected", first


def test_change_password_guesses_of_the_old_password_are_throttled_like_logins(server):
    """POST /auth/change-password checks the old password: with a token (a laptop left open,
    a token copied) it was an unthrottled oracle of the password, beside the login's throttle
    (429 after a few failures of a name from an address). Its failures now count as failed
    logins of the name from the address."""
    name = fresh_user(server, "guess", "inspector", "A")
    address = fresh_address()
    token = login(server, name, address=address).json()["token"]
    s = from_address(address)
    s.headers["Authorization"] = f"Bearer {token}"
    codes = []
    for n in range(6):
        answer = s.post(
            f"{server.base}/auth/change-password",
            json={"old_password": f"guess number {n}", "new_password": "a new password 1"},
            timeout=30,
        )
        codes.append(answer.status_code)
    assert codes[:3] == [403, 403, 403], codes
    assert 429 in codes[3:], codes


def test_adopt_refuses_an_account_whose_person_the_server_holds_as_someone_else(server, tmp_path):
    """An account of the file is created under its person's id. When the server holds a person
    of that id who is someone else (another name), the person row is 'kept as held' and the
    new account became that other person: the organisations disagree, the file is refused."""
    admin_name = fresh_user(server, "admin", "admin")
    admin = session(server, admin_name)
    held = new_row(name=f"张三{fresh_name('P')}", phone=None, role="inspector")
    held["device_id"] = f"dev-{admin_name}"
    answer = push(admin, server.base, f"dev-{admin_name}", [change("person", held)])
    assert answer["results"][0]["status"] == "accepted", answer["results"]
    theirs = {**held, "name": f"李四{fresh_name('P')}", "device_id": "laptop-2"}
    username = fresh_name("li")
    document = {
        "format": "ducha-org",
        "version": 1,
        "device_id": "laptop-2",
        "rows": {"person": [theirs]},
        "accounts": [
            {
                "username": username,
                "person_id": theirs["id"],
                "name": theirs["name"],
                "role": "inspector",
                "all_units": True,
                "unit_ids": [],
            }
        ],
    }
    path = tmp_path / "org.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    done = run_cli(server, "org", "adopt", str(path))
    assert done.returncode == 1, done.stdout
    assert theirs["name"] in done.stderr
    users = _ok(admin.get(f"{server.base}/admin/users", timeout=10))["users"]
    assert username not in [u["username"] for u in users]


def test_change_password_says_so_when_the_password_changed_meanwhile(postgresql_server):
    """The old password is checked, then the new one stored `WHERE password_hash = the one
    checked`. When an admin's reset lands in between, that update changes nothing — and the
    call still answered 200 `changed`, revoked the other tokens and audited a change that never
    happened. Reproduced on PostgreSQL: the reset's transaction holds the user's row while the
    change waits on it, then commits."""
    import threading

    import sqlalchemy as sa

    from server.auth import hash_password
    from server.db import app_user

    server = postgresql_server
    name = fresh_user(server, "race", "inspector", "A")
    s = session(server, name)
    user_id = server.users[name]
    engine = server.engine()
    answers: list = []
    try:
        with engine.connect() as conn:
            tx = conn.begin()
            conn.execute(  # an admin's reset, not yet committed
                sa.update(app_user)
                .where(app_user.c.id == user_id)
                .values(password_hash=hash_password("one time pass 9"), must_change_password=True)
            )
            call = threading.Thread(
                target=lambda: answers.append(
                    s.post(
                        f"{server.base}/auth/change-password",
                        json={"old_password": PASSWORD, "new_password": "my new password 7"},
                        timeout=60,
                    )
                )
            )
            call.start()

            def waiting() -> bool:
                with engine.connect() as probe:
                    return bool(
                        probe.execute(
                            sa.text(
                                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = "
                                "'Lock' AND query ILIKE 'UPDATE app_user%'"
                            )
                        ).scalar()
                    )

            wait_for(waiting, 30, "the change waiting on the user's row")
            tx.commit()
            call.join(60)
    finally:
        engine.dispose()
    answer = answers[0]
    assert answer.status_code != 200, answer.text  # it did not change the password
    assert login(server, name, password="my new password 7").status_code == 401


def test_publish_refuses_a_template_with_a_number_that_is_not_finite(server):
    """JSON as Python reads it takes NaN; a template whose cap or weight is NaN passed the
    template's checks (NaN compares false with every bound) and was published: every score
    made with it would be NaN."""
    admin = session(server, fresh_user(server, "admin", "admin"))
    for where in ("item_cap", "category_cap", "weight", "huge"):
        body = shipped_template_body()
        body["name"] = f"复核模板{fresh_name('N')}"
        category = body["categories"][0]
        if where == "item_cap":
            category["items"][0]["max_deduction"] = float("nan")
        elif where == "category_cap":
            category["max_deduction"] = float("nan")
        elif where == "weight":
            category["items"][0]["weight"] = float("nan")
        else:  # an integer beyond any float: it was a server error (500)
            category["items"][0]["max_deduction"] = 10**400
        answer = admin.post(
            f"{server.base}/admin/templates",
            data=json.dumps({"body": body}, ensure_ascii=False).encode(),  # NaN written as such
            headers={"Content-Type": "application/json"},
            timeout=10,
        )
        assert answer.status_code == 422, (where, answer.text)
        assert answer.json()["error"]["code"] == "template_invalid", where
