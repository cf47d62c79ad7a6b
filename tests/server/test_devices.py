"""Devices belong to the user who first logged in with them; batch ids and notice number
blocks are per (user, device) (issue 11: the batch hijack and the burnt numbers)."""

from __future__ import annotations

from tests.server import rows
from tests.server.accounts import fresh_user, login, ok_cli, session
from tests.server.rows import changes, pull_all, push


def test_a_device_belongs_to_its_first_user(server):
    owner, other = fresh_user(server, "owner"), fresh_user(server, "borrower")
    device = f"laptop-{owner}"
    assert login(server, owner, device=device).status_code == 200
    refused = login(server, other, device=device)
    assert refused.status_code == 403, refused.text
    assert refused.json()["error"]["code"] == "device_bound"
    assert login(server, other, "wrong", device=device).status_code == 401  # told nothing
    assert login(server, owner, device=device).status_code == 200  # the owner again: fine
    listed = ok_cli(server, "device", "list")
    assert device in listed and owner in listed


def test_another_users_batch_never_shadows_the_devices(server):
    owner, thief = fresh_user(server, "victim"), fresh_user(server, "thief")
    device = f"DEV-{owner}"
    batch = f"{device}:1-3"
    t = session(server, thief)
    # the thief pushes the device's next batch id first, before the device ever logged in
    first = push(t, server.base, device, [], batch)
    assert first["results"] == []
    o = session(server, owner, device=device)
    bundle = rows.inspection(server, "A", server.users[owner], device)
    answer = push(o, server.base, device, changes(bundle), batch)
    assert not answer.get("replayed"), answer
    assert [r["status"] for r in answer["results"]] == ["accepted"] * len(changes(bundle))
    stored = {c["id"] for c in pull_all(o, server.base, limit=1000)[0]}
    assert {c["id"] for c in changes(bundle)} <= stored
    # the owner's retry of the same batch gets its own answer back
    again = push(o, server.base, device, changes(bundle), batch)
    assert again["replayed"] and again["results"] == answer["results"]
    # once the device is bound, another user's push for it is refused outright
    later = t.post(
        f"{server.base}/sync/push",
        json={"batch_id": f"{device}:4-6", "device_id": device, "changes": []},
        timeout=10,
    )
    assert later.status_code == 403, later.text
    assert later.json()["error"]["code"] == "device_bound"


def test_numbers_only_for_a_device_bound_to_the_caller(server):
    name, other = fresh_user(server, "pad"), fresh_user(server, "otherpad")
    device = f"pad-{name}"
    s = session(server, name, device=device)
    session(server, other, device=f"pad-{other}")
    url = f"{server.base}/numbers/reserve"
    for foreign in ("an-invented-device", f"pad-{other}"):
        refused = s.post(url, json={"device_id": foreign, "year": 2026, "count": 5}, timeout=10)
        assert refused.status_code == 403, refused.text
        assert refused.json()["error"]["code"] == "device_not_yours"
    # a cap on the numbers a device holds unused (200 by default): no burning thousands
    block = s.post(url, json={"device_id": device, "year": 2026, "count": 150}, timeout=10)
    assert block.status_code == 200, block.text
    more = s.post(url, json={"device_id": device, "year": 2026, "count": 50}, timeout=10)
    assert more.status_code == 200, more.text
    capped = s.post(url, json={"device_id": device, "year": 2026, "count": 1}, timeout=10)
    assert capped.status_code == 409, capped.text
    assert capped.json()["error"]["code"] == "numbers_outstanding"
    assert s.post(url, json={"device_id": device, "year": 2027, "count": 5}).status_code == 200
