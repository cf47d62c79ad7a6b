"""A revoked bundle key stays revoked until the device logs in again (review of issue 17): an
access token from before the revocation (a thief's, whose stolen refresh credential revoked the
device's chain) cannot lift it by registering a key of its own, which would sign the victim's
bundles for months; the laptop's next login can."""

from __future__ import annotations

import sqlalchemy as sa

from domain import bundle_format
from tests.server.accounts import bearer, fresh_user, from_address, login


def _key_row(server, device: str):
    from server.db import device_key

    engine = server.engine()
    try:
        with engine.connect() as conn:
            return conn.execute(
                sa.select(device_key).where(device_key.c.device_id == device)
            ).first()
    finally:
        engine.dispose()


def _register(server, token: str, key: bytes):
    public = bundle_format.b64(bundle_format.public_key(key))
    return bearer(token).put(f"{server.base}/devices/key", json={"public_key": public}, timeout=30)


def _refresh(server, credential: str, device: str):
    return from_address("127.0.0.1").post(
        f"{server.base}/auth/refresh",
        json={"refresh_token": credential, "device_id": device},
        timeout=30,
    )


def test_a_token_from_before_the_revocation_cannot_lift_it(server):
    name = fresh_user(server, "keyrev")
    device = f"laptop-{name}"
    answer = login(server, name, device=device).json()
    laptop_key = bundle_format.new_private_key()
    assert _register(server, answer["token"], laptop_key).status_code == 200

    # a thief renews with a copy of the refresh credential, then the laptop's own comes back
    stolen = _refresh(server, answer["refresh_token"], device).json()
    _refresh(server, stolen["refresh_token"], device)
    assert _refresh(server, answer["refresh_token"], device).status_code == 401  # reused
    revoked = _key_row(server, device)
    assert revoked.revoked_at is not None and revoked.revoked_reason == "refresh credential reused"

    thief_key = bundle_format.new_private_key()
    lifted = _register(server, stolen["token"], thief_key)
    assert lifted.status_code == 403, lifted.text
    assert lifted.json()["error"]["code"] == "key_revoked"
    row = _key_row(server, device)
    assert row.revoked_at == revoked.revoked_at and row.public_key == revoked.public_key

    # the laptop logs in again (the password): its key is taken again
    again = login(server, name, device=device).json()
    assert _register(server, again["token"], laptop_key).status_code == 200
    row = _key_row(server, device)
    assert row.revoked_at is None
    assert row.public_key == bundle_format.b64(bundle_format.public_key(laptop_key))
