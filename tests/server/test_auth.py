from __future__ import annotations

import requests
import sqlalchemy as sa

from tests.server.conftest import PASSWORD


def test_health_needs_no_login(server):
    answer = requests.get(f"{server.base}/health", timeout=5)
    assert answer.status_code == 200
    assert answer.json()["status"] == "ok" and answer.json()["version"]


def test_openapi_is_published(server):
    spec = requests.get(server.base.replace("/api/v1", "/openapi.json"), timeout=5).json()
    assert "/api/v1/sync/push" in spec["paths"]


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


def test_lockout_after_repeated_failures(server):
    def attempt(password: str) -> requests.Response:
        return requests.post(
            f"{server.base}/auth/login",
            json={"username": "locky", "password": password, "device_id": "d1"},
            timeout=10,
        )

    for _ in range(3):  # DUCHA_MAX_FAILED_LOGINS=3 in the fixture
        assert attempt("wrong").status_code == 401
    locked = attempt(PASSWORD)  # even the right password waits out the lock
    assert locked.status_code == 429
    assert "locked" in locked.json()["error"]["message"]


def test_anonymous_and_bad_tokens_are_401(server):
    for method, path in (
        ("get", "/sync/pull"),
        ("post", "/sync/push"),
        ("post", "/blobs/missing"),
        ("get", "/blobs/" + "0" * 64),
    ):
        answer = requests.request(method, f"{server.base}{path}", json={}, timeout=5)
        assert answer.status_code == 401, path
        assert answer.json()["error"]["code"] == "unauthorized"
    answer = requests.get(
        f"{server.base}/sync/pull", headers={"Authorization": "Bearer forged"}, timeout=5
    )
    assert answer.status_code == 401


def test_expired_token_is_401(server):
    session = server.session("expiring")
    assert session.get(f"{server.base}/sync/pull", timeout=5).status_code == 200
    from server.db import token

    engine = server.engine()
    with engine.begin() as conn:
        conn.execute(
            sa.update(token)
            .where(token.c.user_id == server.users["expiring"])
            .values(expires_at="2000-01-01T00:00:00.000000Z")
        )
    engine.dispose()
    answer = session.get(f"{server.base}/sync/pull", timeout=5)
    assert answer.status_code == 401
    assert answer.json()["error"]["code"] == "token_expired"
