"""Bounded everything, enforced while reading (docs/architecture.md, "The server trusts nothing"):
bodies, lists, image pixels, slow and idle connections, partial uploads. Against a server of its own
(SQLite: the limits do not depend on the database) with short timeouts, so that its memory is
measured from /proc."""

from __future__ import annotations

import hashlib
import io
import json
import os
import threading
import time
from collections.abc import Iterator

import pytest
import requests
from PIL import Image, ImageDraw

from tests.server.conftest import Server, cli
from tests.server.raw import Raw, peak_rss_mb, reset_peak, token_of, wait_for

BODY_TIMEOUT = 2
PARTIAL_QUOTA = 3_000_000
MB = 1 << 20


@pytest.fixture(scope="module")
def limited(request, tmp_path_factory) -> Iterator[Server]:
    """The limited server, its blobs on disk, or (parametrized "s3") in a bucket of moto's S3
    server: the tests of what the store keeps run on both."""
    store = getattr(request, "param", "disk")
    data_dir = tmp_path_factory.mktemp(f"limited-{store}")
    srv = Server(
        data_dir=data_dir,
        url=None,
        backend="sqlite",
        env={
            "DUCHA_BODY_TIMEOUT": str(BODY_TIMEOUT),
            "DUCHA_HEADER_TIMEOUT": str(BODY_TIMEOUT),
            "DUCHA_MAX_PARTIAL_BYTES": str(PARTIAL_QUOTA),
        },
    )
    if store == "s3":
        s3 = request.getfixturevalue("moto_s3")
        srv.s3, srv.bucket = s3, s3.new_bucket()
    cli("init", data_dir=data_dir)
    srv.units["A"] = json.loads(cli("unit", "add", "单位A", data_dir=data_dir))["id"]
    srv.add_user("insp", "inspector", "A")
    srv.start()
    yield srv
    srv.stop()


def _pid(server: Server) -> int:
    return server.processes[-1].pid


def _health(server: Server) -> float:
    """Seconds /health took to answer."""
    began = time.monotonic()
    assert requests.get(f"{server.bases[-1]}/health", timeout=5).status_code == 200
    return time.monotonic() - began


def _send_until_refused(raw: Raw, chunk: bytes, most: int, chunked: bool) -> int:
    """Write up to `most` bytes in `chunk`s; stop when the server answers or closes."""
    sent = 0
    while sent < most:
        if raw.readable():
            break
        if not (raw.chunk(chunk) if chunked else raw.send(chunk)):
            break
        sent += len(chunk)
    return sent


def test_a_huge_chunked_body_to_login_is_cut_while_reading(limited):
    """No login needed: 500 MB of chunked body must be refused after about the route's limit,
    without the server ever holding it."""
    pid = _pid(limited)
    _health(limited)
    reset_peak(pid)
    before = peak_rss_mb(pid)
    raw = Raw(limited.base)
    raw.request(
        "POST",
        "/auth/login",
        {"Content-Type": "application/json", "Transfer-Encoding": "chunked"},
    )
    sent = _send_until_refused(raw, b" " * MB, 500 * MB, chunked=True)
    closed, answer = raw.closed_within(10)
    raw.close()
    grown = peak_rss_mb(pid) - before
    print(f"\nchunked 500 MB to /auth/login: sent {sent / MB:.0f} MB, peak RSS +{grown:.1f} MB")
    assert closed and sent < 64 * MB, sent
    assert grown < 50, grown
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    assert b'"too_large"' in answer and b"connection: close" in answer
    assert _health(limited) < 2


def test_a_body_announced_too_large_is_refused_before_it_is_sent(limited):
    session = limited.session("insp")
    for method, path, length in (
        ("POST", "/auth/login", 500 * MB),
        ("POST", "/blobs/missing", 500 * MB),
        ("POST", "/sync/push", 500 * MB),
        ("PUT", "/blobs/" + "a" * 64, 2049 * MB),  # the office's limit for a recording: 2 GB
        # more than one user's unfinished uploads may hold (3 MB here): it could never finish
        ("PUT", "/blobs/" + "b" * 64, 4 * MB),
    ):
        raw = Raw(limited.base)
        raw.request(
            method,
            path,
            {"Authorization": f"Bearer {token_of(session)}", "Content-Length": str(length)},
        )
        status, headers, answer = raw.answer()  # nothing of the body was sent
        raw.close()
        assert status == 413, (path, status, answer)
        assert answer["error"]["code"] == "too_large" and headers.get("connection") == "close"


def _bomb_png(side: int) -> bytes:
    """A 1-bit PNG of side² pixels: a few hundred KB on disk, gigabytes decoded in RGB."""
    image = Image.new("1", (side, side))
    draw = ImageDraw.Draw(image)
    for i in range(0, side, 1009):
        draw.line((0, i, side, side - i), fill=1)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


@pytest.mark.parametrize("limited", ["disk", "s3"], indirect=True)
def test_a_thumbnail_of_a_decompression_bomb_is_refused_with_bounded_memory(limited):
    session = limited.session("insp")
    data = _bomb_png(15_500)
    sha = hashlib.sha256(data).hexdigest()
    assert session.put(f"{limited.base}/blobs/{sha}", data=data).status_code == 201
    pid = _pid(limited)
    reset_peak(pid)
    before = peak_rss_mb(pid)
    got = session.get(f"{limited.base}/blobs/{sha}", params={"size": 100}, timeout=120)
    grown = peak_rss_mb(pid) - before
    print(f"\n15,500² PNG ({len(data) // 1024} KB) ?size=100: {got.status_code}, +{grown:.1f} MB")
    assert got.status_code == 422, got.text
    assert got.json()["error"]["code"] == "too_many_pixels"
    assert grown < 50, grown
    assert session.get(f"{limited.base}/blobs/{sha}").content == data  # the original is served


def test_a_huge_missing_list_is_refused_at_once_while_health_answers(limited):
    session = limited.session("insp")
    hashes = [hashlib.sha256(str(i).encode()).hexdigest() for i in range(480_000)]
    body = ('{"sha256": ["' + '", "'.join(hashes) + '"]}').encode()
    raw = Raw(limited.base)
    raw.request(
        "POST",
        "/blobs/missing",
        {
            "Authorization": f"Bearer {token_of(session)}",
            "Content-Type": "application/json",
            "Content-Length": str(len(body)),
        },
    )
    began = time.monotonic()
    sender = threading.Thread(target=raw.send, args=(body,), daemon=True)
    sender.start()
    slowest = max(_health(limited) for _ in range(5))
    status, _, answer = raw.answer()
    took = time.monotonic() - began
    raw.close()
    sender.join(10)
    assert slowest < 1 and status == 413 and took < 3, (slowest, status, took)
    assert answer["error"]["code"] == "too_large"
    # a list within the body limit but beyond the list limit is refused too, and fast
    many = session.post(f"{limited.base}/blobs/missing", json={"sha256": hashes[:5001]})
    assert many.status_code == 413 and many.json()["error"]["code"] == "too_many"
    assert session.post(f"{limited.base}/blobs/missing", json={"sha256": hashes[:5000]}).ok


@pytest.mark.parametrize("limited", ["disk", "s3"], indirect=True)
def test_a_stalled_body_is_dropped_and_what_arrived_is_kept_for_a_resume(limited):
    session = limited.session("insp")
    data = os.urandom(100_000)
    sha = hashlib.sha256(data).hexdigest()
    raw = Raw(limited.base)
    raw.request(
        "PUT",
        f"/blobs/{sha}",
        {"Authorization": f"Bearer {token_of(session)}", "Content-Length": str(len(data))},
        data[:10_000],
    )
    began = time.monotonic()
    closed, answer = raw.closed_within(BODY_TIMEOUT + 8)
    raw.close()
    assert closed and time.monotonic() - began >= BODY_TIMEOUT - 0.5, answer
    assert answer.startswith(b"HTTP/1.1 408") and b'"timeout"' in answer, answer[:200]
    head = session.head(f"{limited.base}/blobs/{sha}")
    assert head.status_code == 404 and head.headers["Upload-Offset"] == "10000"
    rest = session.put(
        f"{limited.base}/blobs/{sha}",
        data=data[10_000:],
        headers={"Content-Range": f"bytes 10000-{len(data) - 1}/{len(data)}"},
    )
    assert rest.status_code == 201


def test_idle_connections_and_endless_headers_are_dropped(limited):
    idle = Raw(limited.base)  # connects, never sends a byte
    slow = Raw(limited.base)  # starts a request, never finishes its headers
    slow.send(b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Slow: ")
    huge = Raw(limited.base)  # headers without end
    huge.send(b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\n")
    for _ in range(64):
        if not huge.send(b"X-Pad: " + b"p" * 16_000 + b"\r\n"):
            break
    for raw, what in ((idle, "idle"), (slow, "slow headers"), (huge, "huge headers")):
        closed, answer = raw.closed_within(BODY_TIMEOUT + 8)
        raw.close()
        assert closed, what
        assert answer == b"" or answer.split(b" ")[1] in (b"400", b"408", b"431"), (what, answer)
    assert _health(limited) < 2


@pytest.mark.parametrize("limited", ["disk", "s3"], indirect=True)
def test_partial_uploads_are_bounded_per_user_and_expire(limited):
    session = limited.session("insp")

    def cut(size: int) -> tuple[str, requests.Response]:
        data = os.urandom(size)
        sha = hashlib.sha256(data).hexdigest()
        half = size * 2 // 3
        answer = session.put(
            f"{limited.base}/blobs/{sha}",
            data=data[:half],
            headers={"Content-Range": f"bytes 0-{half - 1}/{size}"},
        )
        return sha, answer

    first, answer = cut(3_000_000)  # 2 MB held
    assert answer.status_code == 202
    second, answer = cut(3_000_000)  # 2 MB more would exceed the user's 3 MB
    assert answer.status_code == 413 and answer.json()["error"]["code"] == "too_many_partials"
    assert session.head(f"{limited.base}/blobs/{second}").headers["Upload-Offset"] == "0"
    # partials older than 48 h are purged when the server starts
    partials = [p for p in (limited.data_dir / "blobs" / "partial").rglob(f"{first}*")]
    assert partials and all(p.is_file() for p in partials)
    old = time.time() - 49 * 3600
    for p in partials:
        os.utime(p, (old, old))
    limited.stop()
    limited.processes.clear()
    limited.bases.clear()
    limited.start()
    session = limited.session("insp")
    assert session.head(f"{limited.base}/blobs/{first}").headers["Upload-Offset"] == "0"
    assert not any(p.exists() for p in partials)
    third, answer = cut(3_000_000)
    assert answer.status_code == 202
    # and while it runs, at the latest when a later upload would hit the quota
    for p in (limited.data_dir / "blobs" / "partial").rglob(f"{third}*"):
        os.utime(p, (old, old))
    _, answer = cut(3_000_000)
    assert answer.status_code == 202
    wait_for(lambda: session.head(f"{limited.base}/blobs/{third}").headers["Upload-Offset"] == "0")
    # verify tells the partials apart from the blobs
    report = limited.cli("verify").stdout
    assert "partial uploads (they expire): 1 file(s)" in report and " 0 problem(s)" in report
