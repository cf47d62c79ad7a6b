"""Change-password hashes under the same bound as logins (`hash_concurrency`): argon2 twice per
call, so a burst of changes must wait its turn rather than take every core from the logins.

The wait is seen inside the server's own event loop, so this one test drives the server's ASGI
application in this process (over the real database the `server` fixture set up): a process
outside cannot see that a call waits on the semaphore rather than just being slow."""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

import requests

from server.app import create_app
from tests.server.accounts import fresh_user
from tests.server.conftest import PASSWORD


async def _call(app: Any, path: str, token: str, body: dict[str, Any]) -> tuple[int, bytes]:
    """One POST through the ASGI application; (status, body)."""
    raw = json.dumps(body).encode()
    sent: list[dict[str, Any]] = []
    received = False

    async def receive() -> dict[str, Any]:
        nonlocal received
        if received:
            await asyncio.Event().wait()  # the client never disconnects
        received = True
        return {"type": "http.request", "body": raw, "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [
            (b"host", b"127.0.0.1"),
            (b"content-type", b"application/json"),
            (b"content-length", str(len(raw)).encode()),
            (b"authorization", f"Bearer {token}".encode()),
        ],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 80),
    }
    await app(scope, receive, send)
    status = next(m["status"] for m in sent if m["type"] == "http.response.start")
    body_out = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return status, body_out


def test_change_password_waits_for_the_hashing_bound(server):
    name = fresh_user(server, "hasher")  # its password changes: not a shared account
    token = server.session(name).headers["Authorization"].removeprefix("Bearer ")
    handlers = list(logging.getLogger().handlers)
    app = create_app(server.data_dir, server.url)
    # create_app logs into the session server's file: this process must not write (or rotate) it
    for added in set(logging.getLogger().handlers) - set(handlers):
        logging.getLogger().removeHandler(added)
        added.close()
    hashing: asyncio.Semaphore = app.state.hashing

    async def story() -> None:
        taken = 0
        while not hashing.locked():  # every lane busy, as under a burst of logins
            await hashing.acquire()
            taken += 1
        change = asyncio.create_task(
            _call(
                app,
                "/api/v1/auth/change-password",
                token,
                {"old_password": PASSWORD, "new_password": "a new password 2"},
            )
        )

        async def waiting() -> None:
            while not getattr(hashing, "_waiters", None):
                await asyncio.sleep(0.01)

        await asyncio.wait_for(waiting(), timeout=30)  # it queued behind the logins' hashing
        assert not change.done()
        for _ in range(taken):
            hashing.release()
        status, body = await asyncio.wait_for(change, timeout=60)
        assert status == 200, body

    asyncio.run(story())
    new_login = requests.post(
        f"{server.base}/auth/login",
        json={"username": name, "password": "a new password 2", "device_id": f"dev-{name}"},
        timeout=10,
    )
    assert new_login.status_code == 200, new_login.text
