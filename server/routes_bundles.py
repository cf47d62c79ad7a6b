"""USB-stick sync routes (issue 17): PUT /devices/key (a laptop registers its bundle signing key,
server/bundle_keys.py) and POST /bundles (an office laptop relays a field laptop's bundle:
server/bundle_import.py, answering the answer file).

The relay's body is the bundle's files one after the other (FILE, then FILE.part1 …), their sizes
in `X-Bundle-Sizes` (comma separated); it is streamed to disk, bounded while read
(Limits.max_bundle_bytes), by an office user (reviewer or admin) only, who sees every unit of the
bundle's user (its answer holds all that user may see): the bundle's own signature decides whose
changes they are. Refused whole: 422 `bundle_refused` with the reason (its code).
"""

import re
import secrets
import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect

from domain import bundle_format
from domain.bundle_format import BundleRefused, b64, public_key
from domain.contract.bundles import DeviceKeyAnswer, DeviceKeyRequest
from server import bundle_keys
from server.auth import User
from server.blobs import CLOSE, BlobStorage
from server.bundle_import import import_bundle
from server.errors import ApiError, parse, read_json
from server.limits import Limits
from server.settings import Settings

SMALL_BODY = 4 * 1024
MAX_PARTS = 999
_SIZES = re.compile(r"[0-9]{1,15}(,[0-9]{1,15}){0,998}")
OFFICE = ("reviewer", "admin")


def router(
    engine: Any,
    settings: Settings,
    blobs: BlobStorage,
    limits: Limits,
    current: Any,
    errors: Any,
    json_body: Any,
) -> APIRouter:
    routes = APIRouter(prefix="/api/v1")
    data_dir = Path(settings.data_dir)
    server_key = bundle_keys.server_private_key(data_dir)

    @routes.put(
        "/devices/key",
        response_model=DeviceKeyAnswer,
        responses=errors(400, 401, 403, 422),
        openapi_extra=json_body(DeviceKeyRequest, "this device's public key"),
    )
    async def device_key(request: Request, user: Annotated[User, current]) -> dict:
        """Keep the public half of the token's device's bundle signing key; answer the server's
        (which signs the answers to its bundles)."""
        asked = parse(DeviceKeyRequest, await read_json(request, SMALL_BODY))

        def keep() -> None:
            with engine.begin() as conn:
                bundle_keys.register(conn, user, asked.public_key)

        await run_in_threadpool(keep)
        return {"server_key": b64(public_key(server_key))}

    @routes.post(
        "/bundles",
        response_class=Response,
        responses={
            200: {
                "description": "the answer file for the field laptop (application/zip)",
                "content": {"application/zip": {"schema": {"type": "string", "format": "binary"}}},
            },
            **errors(
                400,
                401,
                403,
                413,
                422,
                s400="X-Bundle-Sizes missing or not matching the body",
                s403="only reviewers and admins relay bundles, of users within their units",
                s422="the bundle is refused whole (its reason: damaged, missing_part, tampered, "
                "bad_signature, unknown_device, revoked, other_server, too_large)",
            ),
        },
        openapi_extra={
            "requestBody": {
                "required": True,
                "description": "the bundle's files one after the other",
                "content": {"application/octet-stream": {"schema": {"type": "string"}}},
            },
            "parameters": [
                {
                    "name": "X-Bundle-Sizes",
                    "in": "header",
                    "required": True,
                    "description": "the byte size of each file: FILE, FILE.part1, …",
                    "schema": {"type": "string"},
                }
            ],
        },
    )
    async def relay(request: Request, user: Annotated[User, current]) -> Response:
        """A field laptop's bundle relayed by an office laptop: applied as by `ducha-server
        bundle import`; answers the answer file (again, for a bundle imported before)."""
        if user.role not in OFFICE:
            raise ApiError(403, "forbidden", "only reviewers and admins relay bundles")
        header = request.headers.get("x-bundle-sizes", "").strip()
        if not _SIZES.fullmatch(header):
            raise ApiError(400, "malformed", "X-Bundle-Sizes: the size of each file, e.g. 123,456")
        sizes = [int(n) for n in header.split(",")]
        if sum(sizes) > limits.max_bundle_bytes:
            raise ApiError(413, "too_large", "the bundle is larger than this server takes", CLOSE)
        with tempfile.TemporaryDirectory(prefix="relay-", dir=data_dir) as work:
            head = Path(work) / f"relayed-{secrets.token_hex(4)}.bundle"
            files = [head] + [bundle_format.part_path(head, i) for i in range(1, len(sizes))]
            try:
                await _receive(request, files, sizes)
            except ClientDisconnect:
                raise ApiError(400, "disconnected", "the bundle broke off") from None

            def run() -> bytes:
                try:
                    done = import_bundle(engine, settings, blobs, head, relayed_by=user)
                except BundleRefused as refused:
                    if refused.code != "replayed":
                        raise ApiError(
                            422, "bundle_refused", refused.message, reason=refused.code
                        ) from None
                    done = import_bundle(
                        engine, settings, blobs, head, reissue=True, relayed_by=user
                    )
                answer = Path(work) / "answer.zip"
                bundle_format.write_answer(answer, done.answer, server_key)
                return answer.read_bytes()

            body = await run_in_threadpool(run)
        return Response(body, media_type="application/zip")

    return routes


async def _receive(request: Request, files: list[Path], sizes: list[int]) -> None:
    """Write the body into `files` by `sizes`, refusing it the moment it exceeds them."""
    index, written = 0, 0
    out = files[0].open("wb")
    try:
        async for chunk in request.stream():
            view = memoryview(chunk)
            while view:
                while index < len(sizes) and written == sizes[index]:
                    out.close()
                    index, written = index + 1, 0
                    if index < len(sizes):
                        out = files[index].open("wb")
                if index >= len(sizes):
                    raise ApiError(
                        400, "malformed", "the body is longer than X-Bundle-Sizes", CLOSE
                    )
                take = min(len(view), sizes[index] - written)
                await run_in_threadpool(out.write, bytes(view[:take]))
                written += take
                view = view[take:]
    finally:
        out.close()
    while index < len(sizes) and written == sizes[index]:
        index, written = index + 1, 0
        if index < len(sizes):
            files[index].touch()
    if index != len(sizes):
        raise ApiError(400, "malformed", "the body is shorter than X-Bundle-Sizes")
