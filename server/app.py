"""The HTTP API (DESIGN.md, "HTTP contract (v1)"): create_app(data_dir, database_url).

Beside the contract table: `POST /blobs/missing` also answers `offsets` {sha256: bytes held of a
partial upload} for the hashes in `missing` (see MISSING_ANSWER), so a client resumes uploads
without asking `HEAD` for each blob; HEAD stays for resuming after a PUT that broke off.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from importlib import metadata
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect

from domain.clock import from_iso
from server import audit, auth, numbers, sync
from server.at_rest import tighten
from server.auth import User, authenticate
from server.blobs import BlobStore, check_sha, is_sha, readable
from server.db import default_url, make_engine, reading, write_lock
from server.errors import ApiError, body, need_object, read_json
from server.limits import BodyLimit, Limits
from server.settings import Settings
from server.thumbs import Thumbnails

API = "/api/v1"
log = logging.getLogger("ducha.server")
MISSING_ANSWER = (
    "`missing`: the hashes asked whose blob the server does not hold whole, or that are not "
    "yours to read (v1; at most 5,000 hashes a call). `offsets` "
    "(added beside it, backwards compatible): for each missing hash, how many bytes of your "
    "partial upload the server holds, 0 when none; the same figure `HEAD /blobs/{sha256}` "
    "answers in Upload-Offset. A client resumes with `PUT` and `Content-Range` from there "
    "without a HEAD per blob; a 409 answer (the upload moved on meanwhile) says where to resume."
)


def current_user(request: Request) -> User:
    user = authenticate(request.app.state.engine, request)
    request.state.user = user  # who a later refusal (403) is audited under
    return user


Current = Annotated[User, Depends(current_user)]


def version() -> str:
    try:
        return metadata.version("ducha")
    except metadata.PackageNotFoundError:
        return "0.1.0"


def _json_body(description: str, example: dict[str, Any]) -> dict:
    return {
        "requestBody": {
            "required": True,
            "description": description,
            "content": {"application/json": {"schema": {"type": "object"}, "example": example}},
        }
    }


def create_app(data_dir: str | Path, database_url: str | None = None) -> FastAPI:
    data_dir = Path(data_dir)
    settings = Settings(data_dir=data_dir, database_url=database_url or default_url(data_dir))
    limits = Limits()
    tighten(data_dir)
    engine = make_engine(settings.database_url)
    blobs = BlobStore(data_dir / "blobs", limits)
    blobs.prepare()  # folders private, expired partial uploads purged
    thumbnails = Thumbnails(data_dir / "thumbs", limits)
    app = FastAPI(title="Ducha server", version=version(), openapi_url="/openapi.json")
    app.state.engine = engine
    app.state.settings = settings
    auth.purge(engine, settings)  # expired tokens, stale login failures
    auth.dummy_hash()  # ready before the first login with an unknown name
    hashing = asyncio.Semaphore(max(1, settings.hash_concurrency))
    refusals = audit.Refusals(settings.audit_refusal_window)
    app.state.limits = limits

    def body_limit(method: str, path: str) -> int:
        """The largest body a route takes, enforced while it is read (server/limits.py)."""
        if method == "PUT" and path.startswith(f"{API}/blobs/"):
            return settings.max_blob_bytes
        if path == f"{API}/sync/push":
            return settings.max_json_bytes
        return limits.max_body_bytes

    app.add_middleware(BodyLimit, limit_of=body_limit, body_timeout=limits.body_timeout)

    def may_read(user: User, shas: list[str]) -> set[str]:
        """Which of these held blobs `user` may read (blobs.readable); the rest are 404."""
        with reading(engine) as conn:
            return readable(conn, blobs, user, shas)

    async def visible(user: User, sha: str) -> bool:
        """Whether the blob is held whole and `user` may read it (in worker threads)."""
        if not await run_in_threadpool(blobs.has, sha):
            return False
        return sha in await run_in_threadpool(may_read, user, [sha])

    # Refusals are logged by method, path (ids, never a body), status and code; an exception
    # nothing caught is logged by uvicorn, its text redacted (domain/log_policy.py) and free of
    # row values (the engine hides SQL parameters).
    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
        log.info("%s %s → %s %s", request.method, request.url.path, exc.status, exc.code)
        if exc.status in (401, 403, 429) and not getattr(request.state, "audited", False):
            await run_in_threadpool(
                functools.partial(
                    refusals.record,
                    engine,
                    status=exc.status,
                    code=exc.code,
                    method=request.method,
                    path=request.url.path,
                    address=auth.client_address(request, settings),
                    user=getattr(request.state, "user", None),
                )
            )
        return JSONResponse(body(exc.code, exc.message), exc.status, headers=exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        log.info("%s %s → %s %s", request.method, request.url.path, exc.status_code, code)
        return JSONResponse(body(code, str(exc.detail)), exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        where = ", ".join(
            f"{'.'.join(map(str, e.get('loc', ())))}: {e.get('type')}" for e in exc.errors()
        )  # where and what kind, never the input itself
        log.info("%s %s → 400 malformed (%s)", request.method, request.url.path, where)
        return JSONResponse(body("malformed", str(exc.errors())[:500]), 400)

    @app.get(f"{API}/health")
    def health() -> dict:
        return {"status": "ok", "version": version()}

    @app.post(
        f"{API}/auth/login",
        openapi_extra=_json_body("credentials", {"username": "", "password": "", "device_id": ""}),
    )
    async def do_login(request: Request) -> dict:
        """Throttled per (name, address) and per address (429 with Retry-After), never a
        lockout; argon2 runs in the threadpool, outside any transaction, `hash_concurrency`
        at a time (server/auth.py)."""
        data = need_object(await read_json(request, 64 * 1024), "username", "password")
        if not all(isinstance(data.get(k), str) for k in ("username", "password")):
            raise ApiError(400, "malformed", "username and password are strings")
        username, password = data["username"], data["password"]
        device_id = str(data.get("device_id") or "")
        address = auth.client_address(request, settings)
        try:
            attempt = await run_in_threadpool(
                auth.begin_login, engine, settings, username, address, device_id
            )
            async with hashing:
                verified = await run_in_threadpool(auth.verify, attempt, password)
            answer = await run_in_threadpool(auth.finish_login, engine, settings, attempt, verified)
        except auth.Throttled as exc:  # audited here, folded like other refusals
            log.warning("login refused: %s (%s)", username, exc.code)
            request.state.audited = True
            await run_in_threadpool(
                functools.partial(
                    refusals.throttled,
                    engine,
                    user_name=username,
                    user_id=exc.user_id,
                    device_id=device_id or None,
                    address=address,
                    retry_after=exc.seconds,
                    by=exc.by,
                )
            )
            raise
        except ApiError as refused:
            log.warning("login refused: %s (%s)", username, refused.code)
            request.state.audited = True  # the login steps audit their own outcomes
            raise
        log.info("login: %s (user %s), device %s", username, answer["user"]["id"], device_id or "-")
        return answer

    @app.post(f"{API}/auth/logout")
    def do_logout(request: Request, current: Current) -> dict:
        """Revokes the token presented with this call (other devices stay logged in)."""
        auth.logout(engine, request, current)
        return {"status": "logged_out"}

    @app.post(
        f"{API}/blobs/missing",
        openapi_extra={
            **_json_body("hashes", {"sha256": []}),
            "responses": {
                "200": {
                    "description": MISSING_ANSWER,
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "required": ["missing", "offsets"],
                                "properties": {
                                    "missing": {"type": "array", "items": {"type": "string"}},
                                    "offsets": {
                                        "type": "object",
                                        "additionalProperties": {"type": "integer"},
                                    },
                                },
                            },
                            "example": {"missing": ["ab…"], "offsets": {"ab…": 1048576}},
                        }
                    },
                }
            },
        },
    )
    async def blobs_missing(request: Request, current: Current) -> dict:
        data = need_object(await read_json(request, limits.max_body_bytes), "sha256")
        hashes = data["sha256"]
        if not isinstance(hashes, list) or not all(isinstance(h, str) for h in hashes):
            raise ApiError(400, "malformed", "sha256 is a list of hex strings")
        if len(hashes) > limits.max_missing:
            raise ApiError(413, "too_many", f"at most {limits.max_missing} hashes per call")
        if not all(is_sha(h) for h in hashes):
            raise ApiError(400, "malformed", "a blob is named by a lowercase hex SHA-256")

        def lacking() -> dict[str, int]:
            held = [h for h in dict.fromkeys(hashes) if blobs.has(h)]
            return blobs.missing_offsets(hashes, may_read(current, held), current.id)

        await blobs.purge_if_due()
        offsets = await run_in_threadpool(lacking)
        return {"missing": list(offsets), "offsets": offsets}

    @app.put(f"{API}/blobs/{{sha256}}")
    async def blob_put(sha256: str, request: Request, current: Current) -> Response:
        check_sha(sha256)
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > settings.max_blob_bytes:
            raise ApiError(413, "too_large", f"a blob may not exceed {settings.max_blob_bytes}")
        try:
            status, held = await blobs.put(
                sha256,
                current,
                request.stream(),
                request.headers.get("content-range"),
                settings.max_blob_bytes,
                may_read=await visible(current, sha256),
            )
        except ClientDisconnect:  # what arrived is kept for a resume; nobody hears this answer
            raise ApiError(400, "disconnected", "the upload broke off") from None
        return JSONResponse(
            {"sha256": sha256, "size": held, "complete": status != 202},
            status,
            headers={"Upload-Offset": str(held)},
        )

    @app.head(f"{API}/blobs/{{sha256}}")
    async def blob_head(sha256: str, current: Current) -> Response:
        """200 when held whole and yours to read; else 404 with the bytes of your own partial
        upload in Upload-Offset (another user's partial is not yours to see)."""
        check_sha(sha256)
        if await visible(current, sha256):
            size = await run_in_threadpool(blobs.size, sha256)
            return Response(status_code=200, headers={"Upload-Offset": str(size)})
        held = await run_in_threadpool(blobs.offset, sha256, current.id)
        return Response(status_code=404, headers={"Upload-Offset": str(held)})

    @app.get(f"{API}/blobs/{{sha256}}")
    async def blob_get(sha256: str, current: Current, size: int | None = None) -> Response:
        """The original bytes; with `size` a JPEG thumbnail (long side ≤ size, upright). Only
        for those who may see a photo row naming it (or uploaded it); else 404, as if absent."""
        check_sha(sha256)
        if not await visible(current, sha256):
            raise ApiError(404, "not_found", "no such blob")
        if size is not None:
            thumb = await thumbnails.get(blobs.path(sha256), sha256, size)
            return FileResponse(thumb, media_type="image/jpeg")
        return FileResponse(blobs.path(sha256), media_type="application/octet-stream")

    @app.post(
        f"{API}/sync/push",
        openapi_extra=_json_body(
            "a batch of changes (domain/wire.py)",
            {
                "batch_id": "",
                "device_id": "",
                "changes": [{"entity": "", "id": "", "op": "upsert", "row": {}}],
            },
        ),
    )
    async def sync_push(request: Request, current: Current) -> dict:
        data = await read_json(request, settings.max_json_bytes)
        return await run_in_threadpool(sync.push, engine, settings, blobs, current, data)

    @app.get(
        f"{API}/sync/pull",
        responses={
            200: {
                "description": "{changes: [{seq, entity, id, op, row, received_at}], cursor, more}",
                "content": {"application/json": {"schema": {"type": "object"}}},
            }
        },
    )
    def sync_pull(current: Current, cursor: int = 0, limit: int = 500) -> Response:
        """The answer is written as JSON text by server/sync.py (rows as the log holds them)."""
        if cursor < 0 or limit < 1:
            raise ApiError(400, "malformed", "cursor ≥ 0 and limit ≥ 1")
        text = sync.pull(engine, current, cursor, min(limit, 1000))
        return Response(text.encode(), media_type="application/json")

    @app.post(
        f"{API}/numbers/reserve",
        openapi_extra=_json_body(
            "a block of notice numbers", {"device_id": "", "year": 2026, "count": 50}
        ),
    )
    async def numbers_reserve(request: Request, current: Current) -> dict:
        data = need_object(await read_json(request, 64 * 1024), "device_id", "year", "count")
        device, year, count = data["device_id"], data["year"], data["count"]
        if not isinstance(device, str) or not device:
            raise ApiError(400, "malformed", "device_id is a non-empty string")
        if not isinstance(year, int) or not 2000 <= year <= 2100:
            raise ApiError(422, "invalid", "year is a four-digit year")
        if not isinstance(count, int) or not 1 <= count <= numbers.MAX_BLOCK:
            raise ApiError(422, "invalid", f"count is between 1 and {numbers.MAX_BLOCK}")

        def reserve() -> dict:
            with engine.begin() as conn:
                write_lock(conn)
                auth.own_device(conn, current, device)
                block = numbers.reserve(
                    conn,
                    device,
                    settings.office_prefix,
                    year,
                    count,
                    settings.max_outstanding_numbers,
                )
                audit.record(
                    conn,
                    "numbers_reserved",
                    user=current,
                    device_id=device,
                    detail={"year": year, "first": block["first"], "last": block["last"]},
                )
                return block

        return await run_in_threadpool(reserve)

    @app.get(f"{API}/me")
    def me(current: Current) -> dict:
        return current.public()

    @app.get(
        f"{API}/audit",
        responses={
            200: {
                "description": "{entries: [{seq, at, user_id, user_name, device_id, address, "
                "entity, entity_id, action, detail}], cursor, more}: oldest first, seq > cursor",
                "content": {"application/json": {"schema": {"type": "object"}}},
            }
        },
    )
    def audit_read(
        current: Current,
        user: str | None = None,
        entity: str | None = None,
        entity_id: str | None = None,
        action: str | None = None,
        since: str | None = None,
        cursor: int = 0,
        limit: int = 100,
    ) -> dict:
        """The append-only audit log (server/audit.py), for admins and reviewers (all of it).
        `user`: an id or a login name; `since`: an ISO-8601 time; pages by `cursor` (the last
        seq seen), `limit` ≤ 1000. Read only: there is no route that writes it."""
        if current.role not in ("admin", "reviewer"):
            raise ApiError(403, "forbidden", "only admins and reviewers read the audit log")
        if cursor < 0 or limit < 1:
            raise ApiError(400, "malformed", "cursor ≥ 0 and limit ≥ 1")
        try:
            moment = from_iso(since) if since else None
        except ValueError:
            raise ApiError(400, "malformed", "since is an ISO-8601 time with a zone") from None
        with reading(engine) as conn:
            return audit.read(
                conn,
                user=user,
                entity=entity,
                entity_id=entity_id,
                action=action,
                since=moment,
                cursor=cursor,
                limit=limit,
            )

    return app
