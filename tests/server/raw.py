"""HTTP written by hand to a socket, for what no client library sends: a request written in pieces
and held open, a body larger than any limit, headers that never end. And the server process's
memory, read from /proc."""

from __future__ import annotations

import contextlib
import http.client
import json
import socket
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit


def wait_for(condition: Callable[[], Any], seconds: float = 20, what: str = "") -> Any:
    """Poll `condition` until it is true (returned), failing after `seconds`."""
    deadline = time.monotonic() + seconds
    while True:
        value = condition()
        if value:
            return value
        assert time.monotonic() < deadline, f"not within {seconds} s: {what}"
        time.sleep(0.02)


def token_of(session) -> str:
    return session.headers["Authorization"].removeprefix("Bearer ")


class Raw:
    """One connection to the server at `base` (http://host:port/api/v1)."""

    def __init__(self, base: str, timeout: float = 30) -> None:
        url = urlsplit(base)
        self.host = f"{url.hostname}:{url.port}"
        self.prefix = url.path
        self.sock = socket.create_connection((url.hostname, url.port), timeout=timeout)

    def request(self, method: str, path: str, headers: dict[str, str], body: bytes = b"") -> None:
        lines = [f"{method} {self.prefix}{path} HTTP/1.1", f"Host: {self.host}"]
        lines += [f"{k}: {v}" for k, v in headers.items()]
        self.sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode() + body)

    def send(self, data: bytes) -> bool:
        """Write `data`; False when the server has closed the connection."""
        try:
            self.sock.sendall(data)
        except (BrokenPipeError, ConnectionResetError):
            return False
        return True

    def chunk(self, data: bytes) -> bool:
        return self.send(b"%x\r\n" % len(data) + data + b"\r\n")

    def answer(self) -> tuple[int, dict[str, str], Any]:
        """(status, headers, JSON body or raw bytes) of the response."""
        response = http.client.HTTPResponse(self.sock)
        response.begin()
        raw = response.read()
        try:
            content: Any = json.loads(raw)
        except ValueError:
            content = raw
        return response.status, {k.lower(): v for k, v in response.getheaders()}, content

    def readable(self) -> bool:
        """Whether the server has answered or closed (without waiting)."""
        self.sock.setblocking(False)
        try:
            return bool(self.sock.recv(1, socket.MSG_PEEK)) or True
        except BlockingIOError:
            return False
        except OSError:
            return True
        finally:
            self.sock.setblocking(True)

    def closed_within(self, seconds: float) -> tuple[bool, bytes]:
        """(closed by the server within `seconds`, what it sent before closing)."""
        self.sock.settimeout(seconds)
        received = b""
        deadline = time.monotonic() + seconds
        try:
            while time.monotonic() < deadline:
                data = self.sock.recv(65536)
                if not data:
                    return True, received
                received += data
        except (ConnectionResetError, BrokenPipeError):
            return True, received
        except TimeoutError:
            return False, received
        return False, received

    def close(self) -> None:
        self.sock.close()


def _status_kb(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise AssertionError(f"{field} not in /proc/{pid}/status")


def peak_rss_mb(pid: int) -> float:
    """The process's peak resident memory (VmHWM) in MB."""
    return _status_kb(pid, "VmHWM") / 1024


def rss_mb(pid: int) -> float:
    return _status_kb(pid, "VmRSS") / 1024


def reset_peak(pid: int) -> None:
    """Set VmHWM back to the current RSS (Linux ≥ 4.0, clear_refs value 5); silently nothing
    where that is not allowed (the peak then counts from the process's start)."""
    with contextlib.suppress(OSError):
        Path(f"/proc/{pid}/clear_refs").write_text("5")
