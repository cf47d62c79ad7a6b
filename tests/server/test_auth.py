"""Login, tokens and the user commands against the real server (issue 11).

Throttling is keyed by (name, address) and by address: each test sends its failures from a
loopback address of its own (127.0.x.y), so nothing it does slows another test down. The
fixture shortens the delays (DUCHA_LOGIN_DELAY=0.2 s, the per-address limit to 10)."""

from __future__ import annotations

import statistics
import threading
import time

import pytest
import requests
import sqlalchemy as sa

from tests.server import rows
from tests.server.accounts import (
    fresh_address,
    fresh_name,
    fresh_user,
    from_address,
    login,
    ok_cli,
    run_cli,
    session,
)
from tests.server.conftest import PASSWORD
from tests.server.rows import changes, push


def test_health_needs_no_login(server):
    answer = requests.get(f"{server.base}/health", timeout=5)
    assert answer.status_code == 200
    assert answer.json()["status"] == "ok" and answer.json()["version"]


def test_openapi_is_published(server):
    spec = requests.get(server.base.replace("/api/v1", "/openapi.json"), timeout=5).json()
    assert "/api/v1/sync/push" in spec["paths"]
    assert "/api/v1/auth/logout" in spec["paths"]


def test_login_answers_token_and_user(server):
    answer = requests.post(
        f"{server.base}/auth/login",
        json={"username": "insp_a", "password": PASSWORD, "device_id": "d1"},
        timeout=10,
    )
    assert answer.status_code == 200
    data = answer.json()
    assert data["token"] and data["expires_at"]
    assert data["user"]["role"] == "inspector"
    assert data["user"]["units"] == [server.units["A"]]


def test_wrong_password_is_401(server):
    answer = requests.post(
        f"{server.base}/auth/login",
        json={"username": "insp_b", "password": "nope", "device_id": "d1"},
        timeout=10,
    )
    assert answer.status_code == 401
    assert answer.json()["error"]["code"] == "bad_credentials"


def test_anonymous_and_bad_tokens_are_401(server):
    for method, path in (
        ("get", "/sync/pull"),
        ("post", "/sync/push"),
        ("post", "/blobs/missing"),
        ("get", "/blobs/" + "0" * 64),
        ("post", "/auth/logout"),
    ):
        answer = requests.request(method, f"{server.base}{path}", json={}, timeout=5)
        assert answer.status_code == 401, path
        assert answer.json()["error"]["code"] == "unauthorized"
    answer = requests.get(
        f"{server.base}/sync/pull", headers={"Authorization": "Bearer forged"}, timeout=5
    )
    assert answer.status_code == 401


# -- throttling instead of lockout -------------------------------------------------------------
def test_wrong_tries_from_elsewhere_never_lock_the_real_user_out(server):
    name = fresh_user(server, "victim")
    attacker = fresh_address()
    codes = [login(server, name, "wrong", address=attacker).status_code for _ in range(10)]
    assert set(codes) <= {401, 429} and codes[:3] == [401, 401, 401]
    assert 429 in codes  # the attacker is slowed down…
    answer = login(server, name)  # …the real user, from 127.0.0.1, is not
    assert answer.status_code == 200, answer.text


def _until_not_throttled(server, name: str, password: str, address: str) -> tuple[float, object]:
    """Retry while the server answers 429; (when the first other answer was sent, it)."""
    deadline = time.monotonic() + 10
    while True:
        sent = time.monotonic()
        answer = login(server, name, password, address=address)
        if answer.status_code != 429:
            return sent, answer
        assert int(answer.headers["Retry-After"]) >= 1
        assert answer.json()["error"]["code"] == "throttled"
        assert sent < deadline, "still throttled after 10 s"
        time.sleep(0.02)  # polling for the condition "no longer throttled"


def test_failures_for_one_name_from_one_address_wait_longer_each_time(server):
    name = fresh_user(server, "slow")
    here = fresh_address()
    for _ in range(3):  # the first three failures answer at once
        assert login(server, name, "wrong", address=here).status_code == 401
    waits = []
    last = time.monotonic()
    for _ in range(3):
        sent, answer = _until_not_throttled(server, name, "wrong", here)
        assert answer.status_code == 401
        waits.append(sent - last)
        last = time.monotonic()
    # 0.2 s, 0.4 s, 0.8 s with the fixture's DUCHA_LOGIN_DELAY=0.2
    assert waits[0] >= 0.15, waits
    assert waits[1] > 1.5 * waits[0] and waits[2] > 1.5 * waits[1], waits
    # the right password from this address waits its turn too, then logs in and clears the slate
    assert login(server, name, address=here).status_code == 429
    _, answer = _until_not_throttled(server, name, PASSWORD, here)
    assert answer.status_code == 200, answer.text
    assert login(server, name, "wrong", address=here).status_code == 401


def test_one_address_spraying_many_names_is_stopped(server):
    real = fresh_user(server, "sprayed")
    here = fresh_address()
    for i in range(10):  # DUCHA_LOGIN_IP_FAILURES=10 in the fixture
        # a claimed X-Forwarded-For changes nothing: the server trusts no proxy unless told
        spoofed = {"X-Forwarded-For": f"10.9.8.{i}"}
        answer = from_address(here).post(
            f"{server.base}/auth/login",
            json={"username": fresh_name("nobody"), "password": "guess", "device_id": "d"},
            headers=spoofed,
            timeout=60,
        )
        assert answer.status_code == 401
    refused = login(server, real, address=here)  # even the right password, from there
    assert refused.status_code == 429, refused.text
    assert int(refused.headers["Retry-After"]) > 1
    assert refused.json()["error"]["code"] == "throttled"
    assert login(server, real).status_code == 200  # the user, from elsewhere, logs in


def test_unknown_and_known_names_take_the_same_time(server):
    known = fresh_user(server, "timed")
    login(server, fresh_name("warm"), "x", address=fresh_address())  # the dummy hash is ready

    def timed(name: str) -> float:
        start = time.perf_counter()
        answer = login(server, name, "a wrong guess", address=fresh_address())
        assert answer.status_code == 401
        assert answer.json()["error"]["code"] == "bad_credentials"
        return time.perf_counter() - start

    known_s, unknown_s = [], []
    for _ in range(7):
        known_s.append(timed(known))
        unknown_s.append(timed(fresh_name("ghost")))
    k, u = statistics.median(known_s), statistics.median(unknown_s)
    print(
        f"\n[{server.backend}] wrong password, median of 7: known {k * 1000:.0f} ms, "
        f"unknown {u * 1000:.0f} ms"
    )
    assert abs(k - u) <= 0.3 * max(k, u), (known_s, unknown_s)


def test_concurrent_logins_do_not_stall_anothers_push(server):
    crowd = fresh_user(server, "crowd")
    pusher = fresh_user(server, "pusher")
    device = f"dev-{pusher}"
    s = session(server, pusher, device=device)
    bundle = rows.inspection(server, "A", server.users[pusher], device, findings=5)
    n = 16
    barrier = threading.Barrier(n + 1)
    codes: list[int] = []
    ends: list[float] = []

    def one(i: int) -> None:
        barrier.wait()
        # from addresses of their own: one name from one address in parallel is throttled
        answer = login(server, crowd, device=f"dev-{crowd}-{i}", address=fresh_address())
        codes.append(answer.status_code)
        ends.append(time.monotonic())

    threads = [threading.Thread(target=one, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    barrier.wait()
    start = time.monotonic()
    answer = push(s, server.base, device, changes(bundle))
    took = time.monotonic() - start
    for t in threads:
        t.join(120)
    print(
        f"\n[{server.backend}] push during {n} logins: {took * 1000:.0f} ms; logins done after "
        f"{(max(ends) - start) * 1000:.0f} ms"
    )
    assert sorted(codes) == [200] * n, codes  # no 500, no 429
    assert {r["status"] for r in answer["results"]} == {"accepted"}
    assert max(ends) > start + took  # the logins were still running when the push was answered
    assert took < 2.0, took


def test_forwarded_for_is_read_only_behind_a_trusted_proxy(tmp_path):
    from starlette.requests import Request

    from server.auth import client_address
    from server.settings import Settings

    request = Request(
        {
            "type": "http",
            "headers": [(b"x-forwarded-for", b"6.6.6.6, 10.0.0.7")],
            "client": ("127.0.0.1", 5555),
        }
    )
    plain = Settings(data_dir=tmp_path, database_url="sqlite://", trust_proxy=False)
    proxied = Settings(data_dir=tmp_path, database_url="sqlite://", trust_proxy=True)
    assert client_address(request, plain) == "127.0.0.1"
    assert client_address(request, proxied) == "10.0.0.7"  # what the proxy saw, not the claim


# -- tokens ----------------------------------------------------------------------------------
def test_logout_revokes_the_presented_token_only(server):
    name = fresh_user(server, "leaving")
    one, two = session(server, name), session(server, name)  # the same device twice is fine
    answer = one.post(f"{server.base}/auth/logout", timeout=10)
    assert answer.status_code == 200, answer.text
    gone = one.get(f"{server.base}/me", timeout=10)
    assert gone.status_code == 401 and gone.json()["error"]["code"] == "token_revoked"
    assert two.get(f"{server.base}/me", timeout=10).status_code == 200


def _tokens(server, user_id: str) -> int:
    from server.db import token

    engine = server.engine()
    with engine.connect() as conn:
        count = conn.execute(
            sa.select(sa.func.count()).where(token.c.user_id == user_id)
        ).scalar_one()
    engine.dispose()
    return count


def _expire(server, user_id: str) -> None:
    from server.db import token

    engine = server.engine()
    with engine.begin() as conn:
        conn.execute(
            sa.update(token)
            .where(token.c.user_id == user_id)
            .values(expires_at="2000-01-01T00:00:00.000000Z")
        )
    engine.dispose()


def test_expired_tokens_are_refused_and_purged(server):
    name = fresh_user(server, "expiring")
    s = session(server, name)
    assert s.get(f"{server.base}/sync/pull", timeout=5).status_code == 200
    _expire(server, server.users[name])
    answer = s.get(f"{server.base}/sync/pull", timeout=5)
    assert answer.status_code == 401
    assert answer.json()["error"]["code"] == "token_expired"
    assert _tokens(server, server.users[name]) == 1
    assert login(server, "insp_a").status_code == 200  # anyone's login purges expired tokens
    assert _tokens(server, server.users[name]) == 0
    # and so does a server process starting
    session(server, name)
    _expire(server, server.users[name])
    server.start()
    assert _tokens(server, server.users[name]) == 0


COMMANDS = {
    "set-password": (("user", "set-password"), (), "another password 2\n"),
    "set-role": (("user", "set-role"), ("reviewer",), ""),
    "set-units": (("user", "set-units"), ("--unit", "单位B"), ""),
    "disable": (("user", "disable"), (), ""),
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_admin_changes_revoke_the_users_tokens(server, command):
    name = fresh_user(server, "changed")
    s = session(server, name)
    assert s.get(f"{server.base}/me", timeout=10).status_code == 200
    head, tail, stdin = COMMANDS[command]
    ok_cli(server, *head, name, *tail, stdin=stdin)
    answer = s.get(f"{server.base}/me", timeout=10)
    assert answer.status_code == 401, answer.text
    assert answer.json()["error"]["code"] == "token_revoked"


def test_user_commands_take_effect(server):
    name = fresh_user(server, "managed")
    listed = ok_cli(server, "user", "list")
    assert name in listed and "inspector" in listed
    ok_cli(server, "user", "set-password", name, stdin="a brand new one 3\n")
    assert login(server, name).status_code == 401
    assert login(server, name, "a brand new one 3").status_code == 200
    ok_cli(server, "user", "set-role", name, "reviewer")
    ok_cli(server, "user", "set-units", name, "--unit", server.units["B"], "--unit", "单位A")
    user = login(server, name, "a brand new one 3").json()["user"]
    assert user["role"] == "reviewer"
    assert user["units"] == sorted([server.units["A"], server.units["B"]])
    ok_cli(server, "user", "set-units", name, "--all-units")
    assert login(server, name, "a brand new one 3").json()["user"]["all_units"] is True
    ok_cli(server, "user", "disable", name)
    assert "disabled" in ok_cli(server, "user", "list")
    refused = login(server, name, "a brand new one 3")
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "account_disabled"
    assert login(server, name, "wrong one").status_code == 401  # nothing told without it
    ok_cli(server, "user", "enable", name)
    assert login(server, name, "a brand new one 3").status_code == 200


def test_user_commands_refuse_bad_input_with_a_clear_message(server):
    name = fresh_user(server, "careful")
    ghost = fresh_name("ghost")
    for args, stdin, words in (
        (("user", "disable", ghost), "", ghost),
        (("user", "set-password", ghost), "long enough 1\n", ghost),
        (("user", "set-password", name), "short\n", "8 characters"),
        (("user", "set-role", name, "boss"), "", "invalid choice"),
        (("user", "set-units", name, "--unit", "不存在的单位"), "", "不存在的单位"),
        (("user", "set-units", name), "", "--unit"),
    ):
        done = run_cli(server, *args, stdin=stdin)
        assert done.returncode == 2, (args, done.stdout, done.stderr)
        assert words in done.stderr, (args, done.stderr)
    assert login(server, name).status_code == 200  # nothing changed
