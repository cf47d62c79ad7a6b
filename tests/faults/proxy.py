"""A fault-injecting HTTP proxy for the sync tests: a real TCP listener on 127.0.0.1 between the
real client and the real server process, one thread per connection, no dependency.

Each request the client sends is read whole (head and Content-Length body), then `plan(method,
path)` picks what happens to it (a kind of FAULTS, or None to pass it on). The request goes to the
server on a connection of its own with `Connection: close`, so the answer is everything the server
sends until it closes; the proxy answers the client with `Connection: close` too, so one client
connection carries one request and a fault never leaks into the next one.

Faults (each counted in `seen`, by kind):
- drop_before: the connection is closed before the request reaches the server;
- drop_after: the server handles the request, its answer is lost (connection closed);
- reset_request: half the request body reaches the server, then both sides are reset (RST);
- cut_request: half the request body reaches the server and the line to it ends there (FIN:
  the server reads all of that half, as when a laptop's network drops mid-upload), then the
  client's connection is reset (not in FAULTS: asked for by name);
- reset_answer: the server handles it, the client gets half the answer, then a reset;
- truncate: the server handles it, the client gets the head and half the body, then FIN;
- hold: the server handles it, its answer is held until the client gives up (its timeout);
- status_502, status_503, status_503_retry, status_429: a gateway's answer instead of the
  server's (502 after the server handled the request; the others before it reached it).
And, with a `killer` (which kill -9s the server process): kill_mid_body (half the body sent),
kill_sent (the whole request sent, its answer not read yet), kill_answered (the server answered;
the answer is lost with it).
"""

from __future__ import annotations

import contextlib
import random
import socket
import struct
import threading
from collections import Counter
from collections.abc import Callable

FAULTS = (
    "drop_before",
    "drop_after",
    "reset_request",
    "reset_answer",
    "truncate",
    "hold",
    "status_502",
    "status_503",
    "status_503_retry",
    "status_429",
)
KILLS = ("kill_mid_body", "kill_sent", "kill_answered")
Plan = Callable[[str, str], str | None]
HOLD_MAX = 30.0  # a held answer is dropped after this, should the client never give up


def _reset(sock: socket.socket) -> None:
    """Close with RST rather than FIN (SO_LINGER 0)."""
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


def _read_request(sock: socket.socket) -> tuple[bytes, bytes] | None:
    """(head including the blank line, body), or None when the client closed first."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            return None
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    head += b"\r\n\r\n"
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
        if name.strip().lower() == b"transfer-encoding":
            raise ValueError("the proxy reads Content-Length bodies only")
    received = bytearray(body)  # grown in place: a 1 GB upload is not copied per chunk
    while len(received) < length:
        chunk = sock.recv(min(1 << 20, length - len(received)))
        if not chunk:
            return None
        received += chunk
    return head, bytes(received)


def _closing(head: bytes) -> bytes:
    """The request head with `Connection: close` in place of any Connection header."""
    lines = [
        line
        for line in head.rstrip(b"\r\n").split(b"\r\n")
        if not line.lower().startswith(b"connection:")
    ]
    return b"\r\n".join([*lines, b"Connection: close"]) + b"\r\n\r\n"


def _status(code: int, reason: str, retry_after: str | None = None) -> bytes:
    body = b'{"error":{"code":"gateway","message":"' + reason.encode() + b'"}}'
    lines = [
        f"HTTP/1.1 {code} {reason}",
        "Content-Type: application/json",
        f"Content-Length: {len(body)}",
        "Connection: close",
    ]
    if retry_after is not None:
        lines.append(f"Retry-After: {retry_after}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


class FaultProxy:
    def __init__(self, target_port: int, plan: Plan | None = None) -> None:
        self.target = ("127.0.0.1", target_port)
        self.plan: Plan = plan or (lambda _method, _path: None)
        self.killer: Callable[[], None] | None = None  # kill -9 of the server, for KILLS
        self.seen: Counter[str] = Counter()
        self.requests = 0
        self._lock = threading.Lock()
        self._listener = socket.socket()
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(64)
        self.port = self._listener.getsockname()[1]
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._accepter = threading.Thread(target=self._accept, name="fault-proxy", daemon=True)
        self._accepter.start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def retarget(self, target_port: int) -> None:
        """Forward to another port from now on (a restarted server)."""
        self.target = ("127.0.0.1", target_port)

    def close(self) -> None:
        self._stop.set()
        with contextlib.suppress(OSError):
            socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
        self._accepter.join(5)
        self._listener.close()
        for thread in self._threads:
            thread.join(HOLD_MAX + 5)

    def __enter__(self) -> FaultProxy:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- the work --------------------------------------------------------------------------------
    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            if self._stop.is_set():
                client.close()
                return
            thread = threading.Thread(target=self._serve, args=(client,), daemon=True)
            self._threads = [t for t in self._threads if t.is_alive()]
            self._threads.append(thread)
            thread.start()

    def _serve(self, client: socket.socket) -> None:
        try:
            self._serve_one(client)
        except OSError:
            pass  # the client went away: nothing to tell it
        finally:
            with contextlib.suppress(OSError):
                client.close()

    def _serve_one(self, client: socket.socket) -> None:
        got = _read_request(client)
        if got is None:
            return
        head, body = got
        method, path = head.split(b" ", 2)[:2]
        fault = self.plan(method.decode(), path.decode().split("?", 1)[0])
        with self._lock:
            self.requests += 1
            if fault is not None:
                self.seen[fault] += 1
        if fault == "drop_before":
            client.close()
            return
        if fault == "status_503":
            client.sendall(_status(503, "Service Unavailable"))
            return
        if fault == "status_503_retry":
            client.sendall(_status(503, "Service Unavailable", retry_after="1"))
            return
        if fault == "status_429":
            client.sendall(_status(429, "Too Many Requests", retry_after="0"))
            return
        if fault == "reset_request":
            self._forward(head, body[: len(body) // 2], cut=True)
            _reset(client)
            return
        if fault == "cut_request":
            self._forward(head, body[: len(body) // 2], half_close=True)
            _reset(client)
            return
        if fault in KILLS and self.killer is not None:
            if fault == "kill_mid_body":
                self._forward(head, body[: len(body) // 2], then=self.killer)
            elif fault == "kill_sent":
                self._forward(head, body, then=self.killer)
            else:
                self._forward(head, body)
                self.killer()
            _reset(client)
            return
        answer = self._forward(head, body)
        if answer is None:  # the server went away (killed): the client sees the connection drop
            _reset(client)
            return
        if fault == "drop_after":
            client.close()
        elif fault == "status_502":
            client.sendall(_status(502, "Bad Gateway"))
        elif fault == "reset_answer":
            client.sendall(answer[: max(1, len(answer) // 2)])
            _reset(client)
        elif fault == "truncate":
            top, _, rest = answer.partition(b"\r\n\r\n")
            client.sendall(top + b"\r\n\r\n" + rest[: len(rest) // 2])
            client.shutdown(socket.SHUT_WR)
        elif fault == "hold":
            client.settimeout(HOLD_MAX)
            try:
                while client.recv(65536):  # until the client gives up and closes
                    pass
            except (TimeoutError, OSError):
                pass
        else:
            client.sendall(answer)

    def _forward(
        self,
        head: bytes,
        body: bytes,
        *,
        cut: bool = False,
        half_close: bool = False,
        then: Callable[[], None] | None = None,
    ) -> bytes | None:
        """Send the request to the server; its whole answer (None when it could not be had).
        `cut`: send this part of the body, then reset the connection; `then`: call it once the
        request (or this part of it) is sent, before reading the answer."""
        try:
            upstream = socket.create_connection(self.target, timeout=60)
        except OSError:
            return None
        try:
            upstream.sendall(_closing(head) + body)
            if cut:
                _reset(upstream)
                return None
            if half_close:  # the server reads what was sent, then finds the body cut short
                upstream.shutdown(socket.SHUT_WR)
                while upstream.recv(65536):
                    pass
                return None
            if then is not None:
                then()
            parts = []
            while True:
                chunk = upstream.recv(1 << 20)
                if not chunk:
                    break
                parts.append(chunk)
            return b"".join(parts) or None
        except OSError:
            return None
        finally:
            upstream.close()


def random_plan(rng: random.Random, rate: float, kinds: tuple[str, ...] = FAULTS) -> Plan:
    """A plan that picks a fault for a share `rate` of the requests, the kind at random."""

    def plan(_method: str, _path: str) -> str | None:
        return rng.choice(kinds) if rng.random() < rate else None

    return plan
