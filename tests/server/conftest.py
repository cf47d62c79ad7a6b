"""The real server as a subprocess (python -m server.cli serve) over SQLite and PostgreSQL, its
blobs on local disk; `store_server` adds one whose blobs are in an S3 bucket (moto's S3 server,
tests/server/s3.py) for the tests of the blob store."""

from __future__ import annotations

import contextlib
import io
import json
import logging
import os
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import requests

from tests.leftovers import no_leftovers  # noqa: F401 (autouse: nothing left running)
from tests.server.s3 import CREDENTIALS, MotoS3, moto_server

ROOT = Path(__file__).resolve().parents[2]
PG_ADMIN = os.environ.get("DUCHA_TEST_PG", "host=127.0.0.1 port=5432 dbname=test user=postgres")
PASSWORD = "correct horse 1"
# short login delays (0.2 s, 0.4 s, … after 3 failures), 10 failures per address, and every
# API refusal audited (tests/server/test_auth.py, test_audit.py)
ENV = {
    "DUCHA_LOGIN_DELAY": "0.2",
    "DUCHA_LOGIN_DELAY_MAX": "1.6",
    "DUCHA_LOGIN_IP_FAILURES": "10",
    "DUCHA_AUDIT_REFUSAL_WINDOW": "0",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_cli(
    *args: str, stdin: str | None = None, url: str | None = None, data_dir: Path
) -> subprocess.CompletedProcess:
    """`ducha-server ARGS --data-dir DIR` run in this process (each subprocess would spend ~1.5 s
    importing FastAPI and SQLAlchemy); tests/server/test_cli.py runs the real executable."""
    from server import cli as server_cli

    argv = [*args, "--data-dir", str(data_dir)] + (["--database-url", url] if url else [])
    out, err = io.StringIO(), io.StringIO()
    saved_stdin = sys.stdin
    sys.stdin = io.StringIO(stdin or "")
    # main() starts logging into DIR's file: taken off again, or every later log line of this
    # process (laptops included) would go to that file once per command run, and rotate it
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = server_cli.main(argv)
            except SystemExit as exit_:  # argparse refusing the arguments
                code = exit_.code if isinstance(exit_.code, int) else 2
    finally:
        sys.stdin = saved_stdin
        for added in [h for h in root.handlers if h not in handlers]:
            root.removeHandler(added)
            added.close()
        root.setLevel(level)
    return subprocess.CompletedProcess(
        ["ducha-server", *argv], code, out.getvalue(), err.getvalue()
    )


def cli(*args: str, stdin: str | None = None, url: str | None = None, data_dir: Path) -> str:
    done = run_cli(*args, stdin=stdin, url=url, data_dir=data_dir)
    assert done.returncode == 0, done.stderr
    return done.stdout


@dataclass
class Server:
    data_dir: Path
    url: str | None
    backend: str
    processes: list[subprocess.Popen] = field(default_factory=list)
    bases: list[str] = field(default_factory=list)
    units: dict[str, str] = field(default_factory=dict)
    zones: dict[str, str] = field(default_factory=dict)
    users: dict[str, str] = field(default_factory=dict)
    template_id: str = ""
    template_version: int = 1
    env: dict[str, str] = field(default_factory=dict)  # beside ENV, for this server's processes
    s3: MotoS3 | None = None  # blobs in this S3 server's `bucket`, else on local disk
    bucket: str = ""

    @property
    def blob_store(self) -> str:
        return self.s3.spec(self.bucket) if self.s3 else "disk"

    def stored(self, sha: str) -> bytes | None:
        """The bytes the store holds as blob `sha` (None: none), read behind the server's back."""
        if self.s3 is None:
            path = self.data_dir / "blobs" / sha[:2] / sha[2:4] / sha
            return path.read_bytes() if path.is_file() else None
        client = self.s3.client()
        try:
            answer = client.get_object(Bucket=self.bucket, Key=f"blobs/{sha[:2]}/{sha[2:4]}/{sha}")
        except client.exceptions.NoSuchKey:
            return None
        return answer["Body"].read()

    def tamper(self, sha: str, data: bytes) -> None:
        """Overwrite a stored blob behind the server's back (a disk or a bucket gone bad)."""
        if self.s3 is None:
            path = self.data_dir / "blobs" / sha[:2] / sha[2:4] / sha
            path.chmod(0o600)
            path.write_bytes(data)
        else:
            key = f"blobs/{sha[:2]}/{sha[2:4]}/{sha}"
            self.s3.client().put_object(Bucket=self.bucket, Key=key, Body=data)

    def cli(self, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
        """A ducha-server command on this server's data, database and blob store."""
        extra = ("--blob-store", self.blob_store) if args and args[0] in ("verify",) else ()
        return run_cli(*args, *extra, stdin=stdin, url=self.url, data_dir=self.data_dir)

    @property
    def base(self) -> str:
        return self.bases[0]

    def start(self) -> str:
        port = free_port()
        command = [
            sys.executable,
            "-m",
            "server.cli",
            "serve",
            "--data-dir",
            str(self.data_dir),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ]
        if self.url:
            command += ["--database-url", self.url]
        if self.s3:
            command += ["--blob-store", self.blob_store]
        log = (self.data_dir / f"server-{port}.log").open("w")
        proc = subprocess.Popen(
            command,
            cwd=ROOT,
            env={**os.environ, **ENV, **(CREDENTIALS if self.s3 else {}), **self.env},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}/api/v1"
        deadline = time.monotonic() + 30
        while True:
            assert proc.poll() is None, (self.data_dir / f"server-{port}.log").read_text()
            try:
                if requests.get(f"{base}/health", timeout=1).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            assert time.monotonic() < deadline, "the server did not answer /health"
            time.sleep(0.1)
        self.processes.append(proc)
        self.bases.append(base)
        return base

    def stop(self) -> None:
        for proc in self.processes:
            proc.terminate()
        for proc in self.processes:
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()

    def add_user(self, name: str, role: str, *units: str) -> str:
        args = ["user", "add", name, "--role", role]
        args += [a for u in units for a in ("--unit", self.units[u])] or ["--all-units"]
        out = cli(*args, stdin=PASSWORD + "\n", url=self.url, data_dir=self.data_dir)
        self.users[name] = json.loads(out)["id"]
        return self.users[name]

    def session(
        self, name: str, base: str | None = None, device: str | None = None
    ) -> requests.Session:
        """Logged in as `name` from device `device` (default dev-NAME, which it binds)."""
        answer = requests.post(
            f"{base or self.base}/auth/login",
            json={"username": name, "password": PASSWORD, "device_id": device or f"dev-{name}"},
            timeout=10,
        )
        assert answer.status_code == 200, answer.text
        s = requests.Session()
        s.headers["Authorization"] = f"Bearer {answer.json()['token']}"
        return s

    def engine(self):
        from server.db import default_url, make_engine

        return make_engine(self.url or default_url(self.data_dir))


@contextmanager
def fresh_pg_database() -> Iterator[str]:
    """A new, empty PostgreSQL database (its URL), dropped afterwards; skips the test when
    PostgreSQL is unreachable."""
    try:
        import psycopg

        admin = psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=3)
    except Exception as exc:  # pragma: no cover - depends on the machine
        pytest.skip(f"PostgreSQL unreachable: {exc}")
    name = f"ducha_test_{secrets.token_hex(4)}"
    admin.execute(f"CREATE DATABASE {name}")
    params = dict(p.split("=", 1) for p in PG_ADMIN.split())
    try:
        yield (
            f"postgresql+psycopg://{params.get('user', 'postgres')}@{params['host']}:"
            f"{params.get('port', '5432')}/{name}"
        )
    finally:
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", [name]
        )
        admin.execute(f"DROP DATABASE IF EXISTS {name}")
        admin.close()


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    with fresh_pg_database() as url:
        yield url


def prepared_server(
    data_dir: Path, url: str | None, backend: str, s3: MotoS3 | None = None
) -> Server:
    """A server's data folder (and database) with two units, their zones, the test users and
    the template, its process started (its blobs in a new bucket of `s3` when given)."""
    srv = Server(data_dir=data_dir, url=url, backend=backend)
    if s3 is not None:
        srv.s3, srv.bucket = s3, s3.new_bucket()
    cli("init", url=url, data_dir=data_dir)
    for unit in ("A", "B"):
        out = json.loads(
            cli("unit", "add", f"单位{unit}", "--zone", f"片区{unit}", url=url, data_dir=data_dir)
        )
        srv.units[unit] = out["id"]
        srv.zones[unit] = out["zones"][f"片区{unit}"]
    srv.add_user("insp_a", "inspector", "A")
    srv.add_user("insp_a2", "inspector", "A")
    srv.add_user("insp_b", "inspector", "B")
    srv.add_user("office", "reviewer")
    srv.add_user("locky", "inspector", "A")
    srv.add_user("expiring", "inspector", "A")
    srv.start()
    pulled = srv.session("office").get(f"{srv.base}/sync/pull?limit=1000", timeout=10).json()
    template = next(c for c in pulled["changes"] if c["entity"] == "template")
    srv.template_id = template["id"]
    srv.template_version = template["row"]["version"]
    return srv


@pytest.fixture(scope="session")
def moto_s3(tmp_path_factory) -> Iterator[MotoS3]:
    """moto's S3 server on 127.0.0.1, a process of its own, for the whole session. The AWS
    variables of this process are the test's own meanwhile (the in-process CLI reads them)."""
    saved = {k: os.environ.get(k) for k in CREDENTIALS}
    os.environ.update(CREDENTIALS)
    try:
        with moto_server(free_port(), tmp_path_factory.mktemp("moto") / "moto.log") as s3:
            yield s3
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@pytest.fixture(scope="session")
def sqlite_server(tmp_path_factory) -> Iterator[Server]:
    srv = prepared_server(tmp_path_factory.mktemp("server-sqlite"), None, "sqlite")
    yield srv
    srv.stop()


@pytest.fixture(scope="session")
def postgresql_server(pg_url, tmp_path_factory) -> Iterator[Server]:
    srv = prepared_server(tmp_path_factory.mktemp("server-postgresql"), pg_url, "postgresql")
    yield srv
    srv.stop()


@pytest.fixture(scope="session")
def s3_server(moto_s3, tmp_path_factory) -> Iterator[Server]:
    """SQLite, and the blobs in a bucket of moto's S3 server."""
    srv = prepared_server(tmp_path_factory.mktemp("server-s3"), None, "sqlite", moto_s3)
    yield srv
    srv.stop()


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def server(request) -> Server:
    return request.getfixturevalue(f"{request.param}_server")


@pytest.fixture(scope="session", params=["sqlite", "postgresql", "s3"])
def store_server(request) -> Server:
    """The blob tests' server: disk blobs over both databases, and S3 blobs (test modules that
    exercise the store name it as their `server`)."""
    return request.getfixturevalue(f"{request.param}_server")
