"""Accounts for the auth, device and audit tests: fresh users of their own (the session's
server is shared, so these tests never disturb the fixture's users), logins from a chosen
loopback address, and the admin command line with its exit code."""

from __future__ import annotations

import itertools
import subprocess
from typing import Any

import requests
from requests.adapters import HTTPAdapter

from tests.server import conftest
from tests.server.conftest import PASSWORD

_names = itertools.count(1)
_addresses = itertools.count(10)


def fresh_name(stem: str) -> str:
    return f"{stem}{next(_names)}"


def fresh_user(server, stem: str = "u", role: str = "inspector", *units: str) -> str:
    """A new user of its own (unit A for inspectors unless told); returns the login name."""
    name = fresh_name(stem)
    if role == "inspector" and not units:
        units = ("A",)
    server.add_user(name, role, *units)
    return name


def fresh_address() -> str:
    """A loopback address no other test sends from (127.0.1.N, 127.0.2.N, …)."""
    n = next(_addresses)
    return f"127.0.{1 + n // 250}.{1 + n % 250}"


class _From(HTTPAdapter):
    def __init__(self, address: str) -> None:
        self.address = address
        super().__init__()

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, source_address=(self.address, 0), **kwargs)


def from_address(address: str) -> requests.Session:
    """A session whose connections leave from `address` (any 127.x.y.z works on loopback)."""
    s = requests.Session()
    s.mount("http://", _From(address))
    return s


def login(
    server,
    name: str,
    password: str = PASSWORD,
    device: str | None = None,
    address: str = "127.0.0.1",
    base: str | None = None,
) -> requests.Response:
    return from_address(address).post(
        f"{base or server.base}/auth/login",
        json={"username": name, "password": password, "device_id": device or f"dev-{name}"},
        timeout=60,
    )


def bearer(token: str) -> requests.Session:
    s = requests.Session()
    s.headers["Authorization"] = f"Bearer {token}"
    return s


def session(server, name: str, device: str | None = None) -> requests.Session:
    answer = login(server, name, device=device)
    assert answer.status_code == 200, answer.text
    return bearer(answer.json()["token"])


def run_cli(server, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    """`ducha-server ARGS --data-dir … [--database-url …]`, whatever its exit code (in this
    process: tests/server/conftest.py)."""
    return conftest.run_cli(*args, stdin=stdin, url=server.url, data_dir=server.data_dir)


def ok_cli(server, *args: str, stdin: str = "") -> str:
    done = run_cli(server, *args, stdin=stdin)
    assert done.returncode == 0, done.stderr
    return done.stdout
