"""The HTTP client against a fake server at the network boundary, and that fake server itself.

FakeServer is a STAND-IN for the real server (server/, being built alongside) until it lands: a
ThreadingHTTPServer on 127.0.0.1 at a random port speaking the v1 contract (docs/architecture.md)
just enough for the client's tests. It counts requests and can cut an upload halfway, lose a push
answer, or refuse changes. The lead adds integration tests against the real server process."""

from __future__ import annotations

import hashlib
import json
import os
import socket
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

from app.sync.client import Retries, SyncClient
from app.sync.errors import (
    SyncCancelled,
    SyncRejected,
    SyncServerError,
    SyncUnauthorized,
    SyncUnreachable,
)

API = "/api/v1"
TOKEN = "fake-token-1"


class FakeServer:
    """Stand-in for the real server until it lands (see the module docstring)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.requests: list[tuple[str, str, dict[str, str]]] = []  # method, path, headers
        self.blobs: dict[str, bytes] = {}
        self.partial: dict[str, bytearray] = {}
        self.log: list[dict[str, Any]] = []  # {seq, entity, id, op, row}
        self.answers: dict[tuple[str, str], dict[str, Any]] = {}
        self.pushes: list[dict[str, Any]] = []  # every push body received
        self.applied = Counter()  # change id -> times applied
        self.reject: dict[str, str] = {}  # change id -> reason
        self.blobs_missing_at_push: list[str] = []
        self.cut_next_upload_at: int | None = None
        self.lose_next_push_answer: bool | int = False  # or how many answers to lose
        self.fail_pull_after: int | None = None  # answer 500 after this many pull pages
        self.pull_pages = 0
        self.next_number = 123
        self.next_block = 1000  # official numbers handed out in blocks
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.httpd.daemon_threads = (
            False  # server_close joins every request thread: none outlives a test
        )
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
        )

    def __enter__(self) -> FakeServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join()

    def count(self, method: str, prefix: str) -> int:
        return sum(1 for m, p, _ in self.requests if m == method and p.startswith(API + prefix))

    def add_change(self, entity: str, row: dict[str, Any], op: str = "upsert") -> None:
        """A change made elsewhere (another device, the office), visible to pulls."""
        with self.lock:
            self.log.append(
                {"seq": len(self.log) + 1, "entity": entity, "id": row["id"], "op": op, "row": row}
            )

    # -- the contract ----------------------------------------------------------------------------
    def push(self, body: dict[str, Any]) -> dict[str, Any]:
        with self.lock:
            key = (body["device_id"], body["batch_id"])
            if key in self.answers:  # the same batch again: the same answer, nothing changes
                return self.answers[key]
            results = []
            for change in body["changes"]:
                row = change["row"]
                if change["entity"] == "photo" and row["sha256"] not in self.blobs:
                    self.blobs_missing_at_push.append(row["sha256"])
                if change["id"] in self.reject:
                    results.append(
                        {
                            "id": change["id"],
                            "status": "rejected",
                            "reason": self.reject[change["id"]],
                        }
                    )
                    continue
                result = {"id": change["id"], "status": "accepted", "reason": None}
                if change["entity"] == "notice" and row.get("number_kind") == "provisional":
                    number = f"督改〔2026〕第{self.next_number:04d}号"
                    self.next_number += 1
                    row = {**row, "number": number, "number_kind": "official"}
                    result["number"] = number
                self.applied[change["id"]] += 1
                self.log.append({**change, "row": row, "seq": len(self.log) + 1})
                results.append(result)
            answer = {"batch_id": body["batch_id"], "results": results, "server_time": "now"}
            self.answers[key] = answer
            return answer

    def pull(self, cursor: int, limit: int) -> dict[str, Any]:
        with self.lock:
            after = [c for c in self.log if c["seq"] > cursor]
            page = after[:limit]
            return {
                "changes": page,
                "cursor": page[-1]["seq"] if page else cursor,
                "more": len(after) > limit,
            }

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # quiet
                pass

            def _answer(self, status: int, body: Any = None, headers: dict | None = None) -> None:
                data = b"" if body is None else json.dumps(body).encode()
                self.send_response(status)
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                if body is not None:
                    self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(data)

            def _error(self, status: int, code: str, message: str) -> None:
                self._answer(status, {"error": {"code": code, "message": message}})

            def _start(self) -> bool:
                fake.requests.append((self.command, self.path, dict(self.headers)))
                if self.path.startswith(API + "/auth/login") or self.path == API + "/health":
                    return True
                if self.headers.get("Authorization") != f"Bearer {TOKEN}":
                    self._error(401, "unauthorized", "no or bad token")
                    return False
                return True

            def _json(self) -> Any:
                return json.loads(self.rfile.read(int(self.headers["Content-Length"])))

            def _cut(self) -> None:
                """Drop the connection without an answer (unread bytes make it a reset)."""
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)

            def do_GET(self) -> None:
                if not self._start():
                    return
                url = urlparse(self.path)
                if url.path == API + "/health":
                    return self._answer(200, {"status": "ok", "version": "fake"})
                if url.path == API + "/sync/pull":
                    query = parse_qs(url.query)
                    fake.pull_pages += 1
                    if fake.fail_pull_after is not None and fake.pull_pages > fake.fail_pull_after:
                        return self._error(500, "internal", "database is on fire")
                    return self._answer(
                        200, fake.pull(int(query["cursor"][0]), int(query["limit"][0]))
                    )
                self._error(404, "not_found", self.path)

            def do_POST(self) -> None:
                if not self._start():
                    return
                body = self._json()
                if self.path == API + "/auth/login":
                    if (body["username"], body["password"]) != ("zhang", "secret"):
                        return self._error(401, "bad_login", "wrong user name or password")
                    return self._answer(
                        200,
                        {
                            "token": TOKEN,
                            "expires_at": "2099-01-01T00:00:00Z",
                            "user": {
                                "id": "0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b",
                                "username": "zhang",
                                "name": "张督查",
                                "role": "inspector",
                                "all_units": False,
                                "units": [],
                            },
                        },
                    )
                if self.path == API + "/blobs/missing":
                    with fake.lock:
                        lacking = [s for s in body["sha256"] if s not in fake.blobs]
                    return self._answer(200, {"missing": lacking})
                if self.path == API + "/numbers/reserve":
                    with fake.lock:
                        first = fake.next_block
                        fake.next_block += body["count"]
                    last = first + body["count"] - 1
                    year = body["year"]
                    return self._answer(
                        200,
                        {
                            "prefix": "督改",
                            "year": year,
                            "first": first,
                            "last": last,
                            "first_number": f"督改〔{year}〕第{first:04d}号",
                            "last_number": f"督改〔{year}〕第{last:04d}号",
                        },
                    )
                if self.path == API + "/sync/push":
                    fake.pushes.append(body)
                    answer = fake.push(body)
                    if fake.lose_next_push_answer:  # applied, but the answer never arrives
                        fake.lose_next_push_answer = int(fake.lose_next_push_answer) - 1
                        return self._cut()
                    return self._answer(200, answer)
                self._error(404, "not_found", self.path)

            def do_HEAD(self) -> None:
                if not self._start():
                    return
                sha = self.path.rsplit("/", 1)[1]
                with fake.lock:
                    if sha in fake.blobs:
                        return self._answer(200)
                    held = len(fake.partial.get(sha, b""))
                self._answer(404, headers={"Upload-Offset": str(held)})

            def do_PUT(self) -> None:
                if self.path == API + "/devices/key":  # the bundle key (app/bundle/keys.py):
                    self._json()  # answered as the server does, kept out of `requests`, whose
                    return self._answer(200, {"server_key": "A" * 43 + "="})  # order tests read
                if not self._start():
                    return
                sha = self.path.rsplit("/", 1)[1]
                length = int(self.headers["Content-Length"])
                start, total = 0, length
                if "Content-Range" in self.headers:
                    span, total_text = self.headers["Content-Range"].split(" ", 1)[1].split("/")
                    start, total = int(span.split("-")[0]), int(total_text)
                with fake.lock:
                    if sha in fake.blobs:
                        return self._answer(200, {"sha256": sha})
                    held = fake.partial.setdefault(sha, bytearray())
                    if start != len(held):
                        return self._error(409, "offset", f"holding {len(held)}, not {start}")
                cut = fake.cut_next_upload_at
                if cut is not None:
                    fake.cut_next_upload_at = None
                    held += self.rfile.read(cut)
                    return self._cut()
                held += self.rfile.read(length)
                if len(held) < total:
                    return self._answer(202, {"held": len(held)})
                with fake.lock:
                    del fake.partial[sha]
                    if hashlib.sha256(held).hexdigest() != sha:  # verified before it is kept
                        return self._error(422, "hash_mismatch", "the bytes do not match")
                    fake.blobs[sha] = bytes(held)
                self._answer(201, {"sha256": sha})

        return Handler


def closed_port_url() -> str:
    """A loopback address where nothing listens: the server is down."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@pytest.fixture
def server():
    with FakeServer() as fake:
        yield fake


def blob_file(tmp_path: Path, size: int, seed: int = 0) -> tuple[Path, str]:
    data = (hashlib.sha256(str(seed).encode()).digest() * (size // 32 + 1))[:size]
    data = os.urandom(16) + data[16:]
    path = tmp_path / f"blob{seed}"
    path.write_bytes(data)
    return path, hashlib.sha256(data).hexdigest()


# -- tests -------------------------------------------------------------------------------------
def test_login_keeps_the_token_and_a_wrong_password_says_so(server):
    client = SyncClient(server.url)

    with pytest.raises(SyncUnauthorized, match="Wrong user name or password") as wrong:
        client.login("zhang", "wrong", "dev-1")
    assert "zhang" in wrong.value.detail
    answer = client.login("zhang", "secret", "dev-1")

    assert client.token == TOKEN == answer["token"]
    assert answer["user"]["role"] == "inspector"
    assert client.missing([]) == []


def test_calls_without_a_valid_token_are_unauthorized(server):
    with pytest.raises(SyncUnauthorized, match="log in again"):
        SyncClient(server.url, token="stale").pull(0, 10)
    with pytest.raises(SyncUnauthorized, match="Not logged in"):
        SyncClient(server.url).pull(0, 10)


def test_a_server_that_is_down_is_unreachable_with_its_address_named():
    url = closed_port_url()
    with pytest.raises(SyncUnreachable, match="cannot be reached") as down:
        SyncClient(url, token=TOKEN).push({"batch_id": "b", "device_id": "d", "changes": []})
    assert url in down.value.detail


def test_server_errors_and_refusals_are_told_apart(server):
    server.fail_pull_after = 0
    client = SyncClient(server.url, token=TOKEN)
    with pytest.raises(SyncServerError, match="had a problem") as failed:
        client.pull(0, 10)
    assert "500 (database is on fire)" in failed.value.detail
    with pytest.raises(SyncRejected, match="refused") as refused:
        client._request("GET", "/nowhere", "asking nowhere")
    assert refused.value.status == 404


def test_an_upload_cut_halfway_resumes_from_the_servers_offset(server, tmp_path):
    path, sha = blob_file(tmp_path, 3 << 20)
    server.cut_next_upload_at = 1 << 20
    positions: list[int] = []
    client = SyncClient(server.url, token=TOKEN)

    sent = client.upload_blob(path, sha, on_position=positions.append)

    assert server.blobs[sha] == path.read_bytes()  # complete, and its hash checked
    puts = [h for m, _, h in server.requests if m == "PUT"]
    assert len(puts) == 2
    assert "Content-Range" not in puts[0]
    assert puts[1]["Content-Range"] == f"bytes {1 << 20}-{(3 << 20) - 1}/{3 << 20}"
    assert server.count("HEAD", "/blobs/") == 2  # before the upload, and after the cut
    assert positions[-1] == 3 << 20
    assert sent >= 2 << 20


def test_a_blob_the_server_already_holds_is_not_sent_again(server, tmp_path):
    path, sha = blob_file(tmp_path, 1000)
    client = SyncClient(server.url, token=TOKEN)
    client.upload_blob(path, sha)

    assert client.upload_blob(path, sha) == 0
    assert server.count("PUT", "/blobs/") == 1
    assert client.missing([sha, "0" * 64]) == ["0" * 64]


def test_a_damaged_original_is_refused_with_a_clear_message(server, tmp_path):
    path, _ = blob_file(tmp_path, 1000)
    wrong = "ab" * 32
    with pytest.raises(SyncRejected, match=r"Photo IMG_1\.jpg: the server found its bytes differ"):
        SyncClient(server.url, token=TOKEN).upload_blob(path, wrong, name="IMG_1.jpg")
    assert wrong not in server.blobs


def test_a_busy_server_is_waited_for_as_its_retry_after_says(server):
    """502/503/429 are tried again: after the Retry-After the answer names (1 s here), and the
    third try gets through; the pull's answer is the server's."""
    from tests.faults.proxy import FaultProxy

    answers = iter(["status_503_retry", "status_429"])
    port = int(server.url.rsplit(":", 1)[1])
    with FaultProxy(port, lambda _m, _p: next(answers, None)) as proxy:
        client = SyncClient(proxy.base, token=TOKEN, retries=Retries(first=0.01, cap=5))
        started = time.monotonic()
        assert client.pull(0, 10)["changes"] == []
        assert time.monotonic() - started >= 0.9  # Retry-After: 1 was honoured
        assert proxy.seen == {"status_503_retry": 1, "status_429": 1} and proxy.requests == 3


def test_waiting_for_a_busy_server_ends_at_once_when_the_sync_is_cancelled(server):
    from tests.faults.proxy import FaultProxy

    cancel = threading.Event()

    def plan(_method: str, _path: str) -> str:
        cancel.set()  # the user presses Cancel while the server says "come back in 30 s"
        return "status_503_retry"

    port = int(server.url.rsplit(":", 1)[1])
    with FaultProxy(port, plan) as proxy:
        client = SyncClient(proxy.base, token=TOKEN, retries=Retries(first=30, cap=30))
        client.cancel = cancel
        started = time.monotonic()
        with pytest.raises(SyncCancelled):
            client.pull(0, 10)
        assert time.monotonic() - started < 5 and proxy.requests == 1
