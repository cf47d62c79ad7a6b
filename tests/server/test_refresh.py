"""Refresh credentials (issue 12, finding 6): a laptop back from days offline renews its short
access token with its device's refresh credential, without the password; the credential rotates
at each use, a rotated-out copy coming back revokes the device's chain, it is bound to its
device, and every rule that revokes tokens revokes it too."""

from __future__ import annotations

import hashlib

import pytest
import requests
import sqlalchemy as sa

from tests.server.accounts import bearer, fresh_address, fresh_user, from_address, login, ok_cli


def _refresh(server, credential: str, device: str, address: str = "127.0.0.1"):
    return from_address(address).post(
        f"{server.base}/auth/refresh",
        json={"refresh_token": credential, "device_id": device},
        timeout=30,
    )


def _logged_in(server, stem: str) -> tuple[str, str, dict]:
    """(user name, device id, login answer) of a fresh user on a device of its own."""
    name = fresh_user(server, stem)
    device = f"laptop-{name}"
    answer = login(server, name, device=device)
    assert answer.status_code == 200, answer.text
    return name, device, answer.json()


def _expire_access(server, user_id: str) -> None:
    """Two days later: the access tokens issued (an hour long) have expired."""
    from server.db import token

    engine = server.engine()
    with engine.begin() as conn:
        conn.execute(
            sa.update(token)
            .where(token.c.user_id == user_id)
            .values(expires_at="2000-01-01T00:00:00.000000Z")
        )
    engine.dispose()


def _refused(answer: requests.Response, status: int, code: str, reason: str | None = None):
    assert answer.status_code == status, answer.text
    error = answer.json()["error"]
    assert error["code"] == code, error
    if reason is not None:
        assert error.get("reason") == reason, error


def _audit(server, action: str, user_id: str | None = None) -> list[dict]:
    from server.db import audit

    engine = server.engine()
    with engine.connect() as conn:
        query = sa.select(audit).where(audit.c.action == action)
        if user_id:
            query = query.where(audit.c.user_id == user_id)
        rows = [dict(r) for r in conn.execute(query).mappings()]
    engine.dispose()
    return rows


def test_login_answers_a_short_token_and_a_long_refresh_credential_stored_as_its_hash(server):
    from domain.clock import from_iso
    from server.db import refresh_token

    name, device, answer = _logged_in(server, "longlived")
    assert answer["refresh_token"] and answer["refresh_token"] != answer["token"]
    access = from_iso(answer["expires_at"])
    lasting = from_iso(answer["refresh_expires_at"])
    assert (lasting - access).days >= 80  # an hour against 90 days
    engine = server.engine()
    with engine.connect() as conn:
        stored = conn.execute(
            sa.select(refresh_token).where(refresh_token.c.device_id == device)
        ).all()
    engine.dispose()
    assert len(stored) == 1 and stored[0].user_id == server.users[name]
    assert stored[0].token_hash == hashlib.sha256(answer["refresh_token"].encode()).hexdigest()
    # a login without a device id gets no refresh credential (it would be bound to nothing)
    bare = requests.post(
        f"{server.base}/auth/login",
        json={"username": name, "password": "correct horse 1"},
        timeout=30,
    ).json()
    assert bare.get("refresh_token") is None


def test_two_days_offline_the_laptop_renews_without_the_password(server):
    name, device, answer = _logged_in(server, "traveller")
    _expire_access(server, server.users[name])
    expired = bearer(answer["token"]).get(f"{server.base}/sync/pull", timeout=10)
    _refused(expired, 401, "token_expired")
    renewed = _refresh(server, answer["refresh_token"], device)
    assert renewed.status_code == 200, renewed.text
    pair = renewed.json()
    assert pair["user"]["username"] == name
    assert pair["refresh_token"] != answer["refresh_token"]  # rotated
    assert bearer(pair["token"]).get(f"{server.base}/sync/pull", timeout=10).status_code == 200
    # and again with the successor, an hour later: the chain goes on
    again = _refresh(server, pair["refresh_token"], device)
    assert again.status_code == 200, again.text
    assert _audit(server, "refresh_ok", server.users[name])
    listed = ok_cli(server, "device", "list", "--user", name)
    assert device in listed and "live" in listed


def test_a_replayed_rotated_out_credential_revokes_the_devices_chain(server):
    name, device, answer = _logged_in(server, "stolen")
    first = _refresh(server, answer["refresh_token"], device).json()
    second = _refresh(server, first["refresh_token"], device).json()  # the laptop goes on
    # a copy of the first credential, taken before it was rotated, comes back
    replay = _refresh(server, answer["refresh_token"], device)
    _refused(replay, 401, "refresh_revoked", "reused")
    # the whole chain is dead: the laptop's current credential too
    _refused(_refresh(server, second["refresh_token"], device), 401, "refresh_revoked", "reused")
    assert _audit(server, "refresh_reuse", server.users[name])


def test_a_retry_after_a_lost_answer_is_not_taken_for_a_theft(server):
    _name, device, answer = _logged_in(server, "lossy")
    lost = _refresh(server, answer["refresh_token"], device)  # its answer never arrives
    assert lost.status_code == 200
    retry = _refresh(server, answer["refresh_token"], device)
    assert retry.status_code == 200, retry.text
    pair = retry.json()
    assert bearer(pair["token"]).get(f"{server.base}/me", timeout=10).status_code == 200
    assert _refresh(server, pair["refresh_token"], device).status_code == 200
    # the successor whose answer was lost turns up later: a copy, the chain is revoked
    late = _refresh(server, lost.json()["refresh_token"], device)
    _refused(late, 401, "refresh_revoked", "reused")


def test_a_credential_only_works_for_the_device_it_was_issued_for(server):
    name, device, answer = _logged_in(server, "bound")
    other = f"other-{name}"
    _refused(_refresh(server, answer["refresh_token"], other), 401, "refresh_device_mismatch")
    refused = _audit(server, "refresh_refused", server.users[name])
    assert any('"device_mismatch"' in (r["detail"] or "") for r in refused)
    assert answer["refresh_token"] not in str(refused)  # never a credential in the audit
    assert _refresh(server, answer["refresh_token"], device).status_code == 200


def test_an_admin_revokes_a_lost_laptop(server):
    name, device, answer = _logged_in(server, "lostlaptop")
    out = ok_cli(server, "device", "revoke", device)
    assert "revoked device" in out
    _refused(
        _refresh(server, answer["refresh_token"], device), 401, "refresh_revoked", "device_revoked"
    )
    assert bearer(answer["token"]).get(f"{server.base}/me", timeout=10).status_code == 401
    assert "revoked (revoked by an admin)" in ok_cli(server, "device", "list", "--user", name)
    assert _audit(server, "device_revoke")
    # its owner logs in on it again with the password: a new chain
    again = login(server, name, device=device)
    assert again.status_code == 200
    assert _refresh(server, again.json()["refresh_token"], device).status_code == 200


def test_unbinding_a_device_revokes_its_refresh_credential(server):
    _name, device, answer = _logged_in(server, "handed")
    ok_cli(server, "device", "unbind", device)
    refused = _refresh(server, answer["refresh_token"], device)
    _refused(refused, 401, "refresh_revoked", "device_released")


COMMANDS = {
    "password_changed": (("user", "set-password"), (), "another password 2\n"),
    "role_changed": (("user", "set-role"), ("reviewer",), ""),
    "units_changed": (("user", "set-units"), ("--unit", "单位B"), ""),
    "account_disabled": (("user", "disable"), (), ""),
}


@pytest.mark.parametrize("reason", sorted(COMMANDS))
def test_admin_changes_revoke_refresh_credentials_as_they_revoke_tokens(server, reason):
    name, device, answer = _logged_in(server, "changed")
    head, tail, stdin = COMMANDS[reason]
    ok_cli(server, *head, name, *tail, stdin=stdin)
    _refused(_refresh(server, answer["refresh_token"], device), 401, "refresh_revoked", reason)


def test_a_disabled_user_is_refused_even_with_a_live_credential(server):
    """Disabling revokes the credential (above); a user disabled by other means (the database)
    is refused all the same."""
    from server.db import app_user

    name, device, answer = _logged_in(server, "disabledlive")
    engine = server.engine()
    with engine.begin() as conn:
        conn.execute(sa.update(app_user).where(app_user.c.username == name).values(enabled=False))
    engine.dispose()
    _refused(_refresh(server, answer["refresh_token"], device), 403, "account_disabled")


def test_logout_revokes_the_devices_refresh_credential(server):
    _name, device, answer = _logged_in(server, "leaving")
    out = bearer(answer["token"]).post(f"{server.base}/auth/logout", timeout=10)
    assert out.status_code == 200
    _refused(
        _refresh(server, answer["refresh_token"], device), 401, "refresh_revoked", "logged_out"
    )


def test_a_new_login_on_the_device_ends_the_chain_before_it(server):
    name, device, answer = _logged_in(server, "twice")
    assert login(server, name, device=device).status_code == 200
    _refused(
        _refresh(server, answer["refresh_token"], device), 401, "refresh_revoked", "logged_in_again"
    )


def test_an_expired_or_unknown_credential_is_refused(server):
    from server.db import refresh_token

    _name, device, answer = _logged_in(server, "expiredrefresh")
    engine = server.engine()
    with engine.begin() as conn:
        conn.execute(
            sa.update(refresh_token)
            .where(refresh_token.c.device_id == device)
            .values(expires_at="2000-01-01T00:00:00.000000Z")
        )
    engine.dispose()
    _refused(_refresh(server, answer["refresh_token"], device), 401, "refresh_expired")
    unknown = _refresh(server, "not-a-credential", device, fresh_address())
    _refused(unknown, 401, "refresh_unknown")


def test_guessed_refresh_credentials_are_throttled_like_logins(server):
    address = fresh_address()
    limit = 10  # DUCHA_LOGIN_IP_FAILURES of the test server
    for i in range(limit):
        answer = _refresh(server, f"guess-{i}", f"guessing-{i}", address)
        assert answer.status_code == 401, answer.text
    throttled = _refresh(server, "guess-x", "guessing-x", address)
    _refused(throttled, 429, "throttled")
    assert int(throttled.headers["Retry-After"]) >= 1
    # a login from that address waits too: one budget of failures per address
    assert login(server, "insp_a", address=address).status_code == 429
