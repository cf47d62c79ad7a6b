"""Bounded everything, enforced while reading (docs/architecture.md, "The server trusts nothing"):
request bodies, slow and idle connections, header sizes. Production sits behind nginx as well
(README, "Production"); these hold when it does not.

- `BodyLimit`, an ASGI middleware: a body (chunked included) is cut at its route's limit while it
  is read, never buffered whole: a Content-Length above the limit is refused before a byte of
  the body is read, a chunked body as soon as it passes it (413). A body that sends nothing for
  `body_timeout` seconds is dropped (408), and so is a client that reads nothing of the answer
  for as long. Refusals close the connection.
- `http_protocol()`: uvicorn's httptools protocol with a deadline for the request line and
  headers (a connection that never finishes them is closed) and a cap on their size (431).
"""

from __future__ import annotations

import asyncio
import json
import os
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from typing import Any

from starlette.exceptions import HTTPException

from server.errors import ApiError

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

MB = 1 << 20


def _env(name: str, default: int | float) -> Any:
    value = os.environ.get(name)
    return type(default)(value) if value else default


@dataclass(frozen=True)
class Limits:
    """What one request, connection, upload or thumbnail may cost. From the environment (tests
    shorten the timeouts); the body sizes of push and blobs are in Settings."""

    max_body_bytes: int = field(default_factory=lambda: _env("DUCHA_MAX_BODY_BYTES", MB))
    body_timeout: float = field(default_factory=lambda: _env("DUCHA_BODY_TIMEOUT", 30.0))
    header_timeout: float = field(default_factory=lambda: _env("DUCHA_HEADER_TIMEOUT", 30.0))
    max_header_bytes: int = field(default_factory=lambda: _env("DUCHA_MAX_HEADER_BYTES", 65536))
    keep_alive: int = field(default_factory=lambda: _env("DUCHA_KEEP_ALIVE", 5))
    max_connections: int = field(default_factory=lambda: _env("DUCHA_MAX_CONNECTIONS", 1000))
    max_missing: int = field(default_factory=lambda: _env("DUCHA_MAX_MISSING", 5000))
    # a USB-stick bundle relayed by an office laptop (POST /bundles), all its parts together
    max_bundle_bytes: int = field(
        default_factory=lambda: _env("DUCHA_MAX_BUNDLE_BYTES", 16 * 1024 * MB)
    )
    # What one user's unfinished uploads may hold, the one in progress included: at least two of
    # the office's largest recordings (org_settings.max_media_bytes, default 2 GB).
    max_partial_bytes: int = field(
        default_factory=lambda: _env("DUCHA_MAX_PARTIAL_BYTES", 4096 * MB)
    )
    max_partials: int = field(default_factory=lambda: _env("DUCHA_MAX_PARTIALS", 100))
    partial_ttl: float = field(default_factory=lambda: _env("DUCHA_PARTIAL_TTL", 48 * 3600.0))
    purge_every: float = field(default_factory=lambda: _env("DUCHA_PARTIAL_PURGE_SECONDS", 3600.0))
    max_image_pixels: int = field(
        default_factory=lambda: _env("DUCHA_MAX_IMAGE_PIXELS", 50_000_000)
    )
    thumbnail_workers: int = field(default_factory=lambda: _env("DUCHA_THUMBNAIL_WORKERS", 2))
    thumbnail_queue: int = field(default_factory=lambda: _env("DUCHA_THUMBNAIL_QUEUE", 32))


class Refused(ApiError, HTTPException):  # type: ignore[misc]  # headers: a dict in both
    """A body cut off by its limit or its timeout: the answer closes the connection. An ApiError
    (answered {error}); an HTTPException too, so that FastAPI's reading of a declared body lets it
    through instead of calling it a parse error."""

    def __init__(self, status: int, code: str, message: str) -> None:
        ApiError.__init__(self, status, code, message, {"Connection": "close"})
        self.status_code = status
        self.detail = message


def _answer(status: int, code: str, message: str) -> tuple[Message, Message]:
    body = json.dumps({"error": {"code": code, "message": message}}).encode()
    start = {
        "type": "http.response.start",
        "status": status,
        "headers": [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
            (b"connection", b"close"),
        ],
    }
    return start, {"type": "http.response.body", "body": body, "more_body": False}


class BodyLimit:
    """See the module's docstring. `limit_of(method, path)`: the largest body a route takes."""

    def __init__(
        self, app: ASGIApp, limit_of: Callable[[str, str], int], body_timeout: float
    ) -> None:
        self.app = app
        self.limit_of = limit_of
        self.body_timeout = body_timeout

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_of(scope["method"], scope["path"])
        length = _content_length(scope)
        if length is not None and length > limit:
            start, body = _answer(413, "too_large", f"the body exceeds {limit} bytes")
            await send(start)
            await send(body)
            return
        state = {"read": 0, "more": True, "refused": False, "started": False}
        timeout = self.body_timeout

        async def limited_receive() -> Message:
            if not state["more"]:  # the body is in: waiting for a disconnect has no deadline
                return await receive()
            try:
                async with asyncio.timeout(timeout):
                    message = await receive()
            except TimeoutError:
                state["refused"] = True
                raise Refused(
                    408, "timeout", f"no part of the body arrived for {timeout:g} s"
                ) from None
            if message["type"] == "http.request":
                state["read"] += len(message.get("body", b""))
                state["more"] = message.get("more_body", False)
                if state["read"] > limit:
                    state["refused"] = True
                    raise Refused(413, "too_large", f"the body exceeds {limit} bytes")
            else:
                state["more"] = False
            return message

        async def guarded_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                state["started"] = True
                if state["refused"]:
                    headers = [(k, v) for k, v in message.get("headers", []) if k != b"connection"]
                    message = {**message, "headers": [*headers, (b"connection", b"close")]}
            try:
                async with asyncio.timeout(timeout):
                    await send(message)
            except TimeoutError:
                # the client reads nothing of the answer: give up on it (uvicorn closes)
                raise Refused(408, "timeout", "the client stopped reading") from None

        try:
            await self.app(scope, limited_receive, guarded_send)
        except Refused as refused:
            if state["started"]:
                return  # uvicorn closes a connection whose answer was not completed
            start, body = _answer(refused.status, refused.code, refused.message)
            await send(start)
            await send(body)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def http_protocol(limits: Limits) -> type:
    """uvicorn's httptools protocol with a deadline for a request's line and headers (armed when
    the connection opens and when a request begins, cleared when its headers are complete) and a
    cap on their size. Idle keep-alive connections are closed by uvicorn's timeout_keep_alive."""
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

    class GuardedHttpToolsProtocol(HttpToolsProtocol):
        _deadline: asyncio.TimerHandle | None = None
        _header_bytes = 0
        _too_large = False

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            self._arm()

        def connection_lost(self, exc: Exception | None) -> None:
            self._disarm()
            super().connection_lost(exc)

        def _arm(self) -> None:
            self._disarm()
            self._header_bytes = 0
            self._deadline = self.loop.call_later(limits.header_timeout, self._expired)

        def _disarm(self) -> None:
            if self._deadline is not None:
                self._deadline.cancel()
                self._deadline = None

        def _expired(self) -> None:
            self._deadline = None
            if not self.transport.is_closing():
                self.transport.close()

        def _count(self, size: int) -> None:
            self._header_bytes += size
            if self._header_bytes > limits.max_header_bytes:
                self._too_large = True
                raise ValueError("request headers too large")  # the parser stops: 431, close

        def on_message_begin(self) -> None:
            super().on_message_begin()
            if self._deadline is None:
                self._arm()

        def on_url(self, url: bytes) -> None:
            self._count(len(url))
            super().on_url(url)

        def on_header(self, name: bytes, value: bytes) -> None:
            self._count(len(name) + len(value) + 4)
            super().on_header(name, value)

        def on_headers_complete(self) -> None:
            self._disarm()
            super().on_headers_complete()

        def send_400_response(self, msg: str) -> None:
            if not self._too_large:
                super().send_400_response(msg)
                return
            body = b"request headers too large"
            self.transport.write(
                b"HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-type: text/plain\r\n"
                b"content-length: %d\r\nconnection: close\r\n\r\n%s" % (len(body), body)
            )
            self.transport.close()

    return GuardedHttpToolsProtocol
