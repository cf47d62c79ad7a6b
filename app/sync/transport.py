"""How the sync client's requests travel (app/sync/client.py): which answers and broken
connections are tried again and how long to wait (Retries), an original's bytes streamed in
chunks with progress and cancel (_Body, _Adapter), and how an access token is renewed without
the password (Renewal). No Qt."""

from __future__ import annotations

import random
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, BinaryIO

import requests
from requests.adapters import HTTPAdapter

from app.sync import errors as words
from app.sync.errors import SyncCancelled

CHUNK = 1 << 20  # bytes read from a blob and handed to the socket at a time
# A busy or restarting server (502/503/504 from the proxy in front, 429) and a connection that
# broke are tried again, with a growing wait, before a sync gives up.
RETRY_STATUSES = frozenset({429, 502, 503, 504})
RETRY_ERRORS = (
    requests.exceptions.ConnectionError,
    requests.exceptions.Timeout,
    requests.exceptions.ChunkedEncodingError,
)


@dataclass(frozen=True)
class Retries:
    """How often and how long a call is tried again: `attempts` tries in all, waiting
    `first` seconds, then twice as long each time (with jitter) up to `cap`; a Retry-After the
    server sends is honoured up to `cap` too."""

    attempts: int = 5
    first: float = 0.5
    cap: float = 10.0

    def delay(self, attempt: int, retry_after: str | None = None) -> float:
        if retry_after is not None:
            try:
                return min(self.cap, max(0.0, float(retry_after)))
            except ValueError:
                pass  # an HTTP date: the usual backoff instead
        return min(self.cap, self.first * 2**attempt * (0.5 + random.random() / 2))


class _Body:
    """A file object body read by requests in chunks: counts bytes, polls cancel, never holds
    the file in memory. `len()` lets requests send a Content-Length (no chunked encoding)."""

    def __init__(
        self,
        file: BinaryIO,
        length: int,
        on_bytes: Callable[[int], None] | None,
        cancel: threading.Event | None,
    ) -> None:
        self.file = file
        self.start = file.tell()
        self.length = self.remaining = length
        self.on_bytes = on_bytes
        self.cancel = cancel

    def rewind(self) -> None:
        """From the start again (the request is repeated after a renewed login)."""
        self.file.seek(self.start)
        read = self.length - self.remaining
        self.remaining = self.length
        if read and self.on_bytes is not None:
            self.on_bytes(-read)

    def __len__(self) -> int:
        return self.remaining

    def read(self, size: int = -1) -> bytes:
        if self.cancel is not None and self.cancel.is_set():
            raise SyncCancelled(words.CANCELLED, detail="the upload was cancelled between chunks")
        if size is None or size < 0:
            size = CHUNK
        data = self.file.read(min(size, self.remaining))
        self.remaining -= len(data)
        if data and self.on_bytes is not None:
            self.on_bytes(len(data))
        return data


class _Adapter(HTTPAdapter):
    """Sends a file body in CHUNK blocks rather than urllib3's 16 KiB: 64× fewer reads, sends
    and progress calls per original (client CPU on a 2-core laptop that also runs the push)."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, blocksize=CHUNK, **kwargs)


@dataclass
class Renewal:
    """How a client renews its access token without the password: the device's refresh
    credential, the device id it was issued for, `keep` (saves each new pair: the credential
    sent is spent), `latest` (the pair kept now: another client of this laptop may have renewed
    it first), and a lock shared by the clients of one login (app/sync/session.py)."""

    refresh_token: str
    device_id: str
    keep: Callable[[dict[str, Any]], None] = lambda _answer: None
    latest: Callable[[], tuple[str, str] | None] = lambda: None
    lock: threading.Lock = field(default_factory=threading.Lock)
