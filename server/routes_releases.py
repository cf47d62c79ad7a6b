"""The installers the server offers (issue 17; server/releases.py), for any authenticated user:

- GET /api/v1/releases/latest?platform=P&current=V: the newest release of the platform that is
  not withdrawn and is newer than V, or null (LatestRelease, domain/release.py). The sync
  engine asks once per sync.
- GET /api/v1/releases/{id}/file: its bytes, with `Range: bytes=N-` to resume (206). A release
  is not evidence: it is no unit's, so every user may read it (the blob routes keep their
  jurisdiction rules); a withdrawn release is 404.
"""

import contextlib
import re
from collections.abc import Callable, Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import FileResponse, Response, StreamingResponse
from starlette.concurrency import run_in_threadpool

from domain.release import PLATFORMS, VERSION_PATTERN, LatestRelease
from server import releases
from server.auth import User
from server.blobs import CHUNK, BlobStorage
from server.db import reading
from server.errors import ApiError

_RANGE = re.compile(r"bytes=([0-9]{1,15})-")
BINARY = {"schema": {"type": "string", "format": "binary"}}


def _streamed(blobs: BlobStorage, sha: str, size: int, start: int) -> Response:
    """A blob of an object store, from byte `start` (the bytes before it are read and dropped:
    the store answers a stream)."""
    stored = blobs.open_blob(sha)

    def chunks() -> Iterator[bytes]:
        with contextlib.closing(stored):
            skip = start
            while skip:
                dropped = stored.read(min(CHUNK, skip))
                if not dropped:
                    return
                skip -= len(dropped)
            while chunk := stored.read(CHUNK):
                yield chunk

    headers = {"Content-Length": str(size - start), "Accept-Ranges": "bytes"}
    if start:
        headers["Content-Range"] = f"bytes {start}-{size - 1}/{size}"
    return StreamingResponse(
        chunks(),
        status_code=206 if start else 200,
        media_type="application/octet-stream",
        headers=headers,
    )


def router(engine: Any, blobs: BlobStorage, current: Any, errors: Callable[..., dict]) -> APIRouter:
    routes = APIRouter(prefix="/api/v1/releases")

    @routes.get("/latest", response_model=LatestRelease, responses=errors(400, 401, 422))
    def release_latest(
        user: Annotated[User, current],
        platform: Annotated[str, Query(pattern="^(" + "|".join(PLATFORMS) + ")$")],
        current_version: Annotated[
            str | None, Query(alias="current", pattern=VERSION_PATTERN, max_length=27)
        ] = None,
    ) -> dict:
        """The newest release of `platform` newer than `current` (the version the laptop runs),
        or null."""
        with reading(engine) as conn:
            return {"release": releases.latest(conn, platform, current_version)}

    @routes.get(
        "/{release_id}/file",
        response_class=Response,
        responses={
            200: {"description": "the installer", "content": {"application/octet-stream": BINARY}},
            206: {
                "description": "from the Range's start",
                "content": {"application/octet-stream": BINARY},
            },
            **errors(400, 401, 404, 416, 422),
        },
    )
    async def release_file(
        request: Request,
        user: Annotated[User, current],
        release_id: Annotated[str, Path(max_length=64, pattern=r"^[0-9A-Za-z-]+$")],
    ) -> Response:
        """The installer's bytes (`Range: bytes=N-` resumes: 206)."""

        def find() -> dict | None:
            with reading(engine) as conn:
                return releases.held(conn, release_id)

        row = await run_in_threadpool(find)
        if row is None or not await run_in_threadpool(blobs.has, row["sha256"]):
            raise ApiError(404, "not_found", "no such release")
        path = blobs.local_path(row["sha256"])
        if path is not None:  # Starlette answers Range itself (206, 416)
            return FileResponse(path, media_type="application/octet-stream")
        size = int(row["size"])
        asked = _RANGE.match(request.headers.get("range") or "")
        start = int(asked.group(1)) if asked else 0
        if start >= size:
            raise ApiError(416, "bad_range", "the range starts beyond the end")
        return await run_in_threadpool(_streamed, blobs, row["sha256"], size, start)

    return routes
