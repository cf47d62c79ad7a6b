"""A bare ASGI upload endpoint for bench/sync.py: the floor of "receive a blob over HTTP".

Any PUT or POST streams its body into a temporary file in $BARE_UPLOAD_DIR while hashing it
(SHA-256), fsyncs it and renames it to its hash, as the server's blob store does; the answer is
one JSON line {"sha256": …, "size": …}. GET answers "ok" (a health check). No framework, no auth,
no checks.

    BARE_UPLOAD_DIR=/tmp/x python -m uvicorn bench.bare_upload_app:app --http httptools
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

DIR = Path(os.environ.get("BARE_UPLOAD_DIR") or tempfile.gettempdir())


async def _answer(send, status: int, body: bytes) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


async def app(scope, receive, send) -> None:
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return
    if scope["type"] != "http":
        return
    if scope["method"] not in ("PUT", "POST"):
        await _answer(send, 200, b'"ok"\n')
        return
    digest = hashlib.sha256()
    size = 0
    fd, temp = tempfile.mkstemp(dir=DIR, suffix=".part")
    with os.fdopen(fd, "wb") as out:
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                out.close()
                os.unlink(temp)
                return
            chunk = message.get("body", b"")
            if chunk:
                size += len(chunk)
                digest.update(chunk)
                out.write(chunk)
            more = message.get("more_body", False)
        out.flush()
        os.fsync(out.fileno())
    sha = digest.hexdigest()
    os.replace(temp, DIR / sha)
    await _answer(send, 201, json.dumps({"sha256": sha, "size": size}).encode() + b"\n")
