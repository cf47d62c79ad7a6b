"""Running the server for real: the health endpoint reports the database and the blob store
(503 when either fails), and `serve --workers N` runs N processes on PostgreSQL (requests
served by more than one pid) and refuses N > 1 on SQLite."""

from __future__ import annotations

import http.client
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
import requests

from tests.server.conftest import (
    ENV,
    PG_ADMIN,
    ROOT,
    Server,
    free_port,
    fresh_pg_database,
    run_cli,
)


@pytest.fixture
def pg_server(tmp_path) -> Iterator[Server]:
    with fresh_pg_database() as url:
        srv = Server(data_dir=tmp_path / "server", url=url, backend="postgresql")
        assert run_cli("init", url=url, data_dir=srv.data_dir).returncode == 0
        srv.start()
        try:
            yield srv
        finally:
            srv.stop()


def _health(srv: Server) -> tuple[int, dict]:
    answer = requests.get(f"{srv.base}/health", timeout=10)
    return answer.status_code, answer.json()


def _until(srv: Server, status: int) -> dict:
    deadline = time.monotonic() + 30
    while True:
        code, body = _health(srv)
        if code == status:
            return body
        assert time.monotonic() < deadline, (code, body)
        time.sleep(0.2)


def test_health_reports_the_database_and_the_blob_store(pg_server):
    srv = pg_server
    code, body = _health(srv)
    assert code == 200
    assert body["status"] == "ok" and body["version"]
    assert (body["database"], body["blobs"]) == ("ok", "ok")

    # the database stops taking connections (as when PostgreSQL is down for this server)
    name = str(srv.url).rsplit("/", 1)[1]
    with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
        admin.execute(f"ALTER DATABASE {name} ALLOW_CONNECTIONS false")
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", [name]
        )
        try:
            started = time.monotonic()
            body = _until(srv, 503)
            assert time.monotonic() - started < 15  # bounded, not hanging on the database
            assert (body["status"], body["database"], body["blobs"]) == ("error", "error", "ok")
            assert set(body) == {"status", "version", "database", "blobs"}
            assert name not in str(body) and str(srv.data_dir) not in str(body)
        finally:
            admin.execute(f"ALTER DATABASE {name} ALLOW_CONNECTIONS true")
    body = _until(srv, 200)
    assert body["database"] == "ok"

    # the blob store's folder is gone (a disk unmounted)
    blobs = srv.data_dir / "blobs"
    blobs.rename(srv.data_dir / "blobs-away")
    try:
        body = _until(srv, 503)
        assert (body["database"], body["blobs"]) == ("ok", "error")
        assert str(srv.data_dir) not in str(body)
    finally:
        (srv.data_dir / "blobs-away").rename(blobs)
    assert _until(srv, 200)["blobs"] == "ok"


def test_workers_on_sqlite_are_refused(tmp_path):
    assert run_cli("init", data_dir=tmp_path).returncode == 0
    done = run_cli("serve", "--workers", "2", "--port", str(free_port()), data_dir=tmp_path)
    assert done.returncode == 2
    assert "SQLite: one process; use PostgreSQL for --workers N" in done.stderr


def _workers(pid: int) -> set[int]:
    """The worker processes uvicorn spawned (not multiprocessing's resource tracker)."""
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            try:
                command = Path(f"/proc/{child}/cmdline").read_bytes()
            except FileNotFoundError:
                continue
            if b"spawn_main" in command:
                found.add(int(child))
    return found


def _socket_inodes(pid: int) -> set[str]:
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except FileNotFoundError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    return inodes


def _server_side_inode(server_port: int, client_port: int) -> str | None:
    """The inode of the server's end of the connection from `client_port` (IPv4 loopback)."""
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        local, remote, inode = fields[1], fields[2], fields[9]
        if int(local.split(":")[1], 16) == server_port and int(remote.split(":")[1], 16) == (
            client_port
        ):
            return inode
    return None


def test_workers_serve_from_several_processes_on_postgresql(tmp_path):
    if not Path("/proc/net/tcp").exists():
        pytest.skip("needs Linux /proc to see which process holds a connection")
    with fresh_pg_database() as url:
        data_dir = tmp_path / "server"
        assert run_cli("init", url=url, data_dir=data_dir).returncode == 0
        port = free_port()
        log = (tmp_path / "serve.log").open("w")
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "server.cli",
                "serve",
                "--data-dir",
                str(data_dir),
                "--database-url",
                url,
                "--port",
                str(port),
                "--workers",
                "2",
            ],
            cwd=ROOT,
            env={**os.environ, **ENV},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 60
            while True:  # both workers up: two children, and an answer
                assert proc.poll() is None, (tmp_path / "serve.log").read_text()
                try:
                    ready = requests.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=2)
                    if ready.status_code == 200 and len(_workers(proc.pid)) >= 2:
                        break
                except requests.ConnectionError:
                    pass
                assert time.monotonic() < deadline, "the workers did not start"
                time.sleep(0.2)
            workers = _workers(proc.pid)
            assert len(workers) == 2
            served: set[int] = set()
            for _round in range(20):
                connections = [http.client.HTTPConnection("127.0.0.1", port) for _ in range(8)]
                for c in connections:
                    c.request("GET", "/api/v1/health")
                for c in connections:
                    answer = c.getresponse()
                    assert answer.status == 200
                    answer.read()
                    inode = _server_side_inode(port, c.sock.getsockname()[1])
                    served |= {w for w in workers if inode and inode in _socket_inodes(w)}
                for c in connections:
                    c.close()
                if len(served) == 2:
                    break
            assert served == workers, f"requests served by {served} of {workers}"
        finally:
            proc.terminate()
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            log.close()
