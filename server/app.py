"""The HTTP API (docs/architecture.md, "HTTP contract (v1)"): create_app(data_dir, database_url).

Every route declares its body and its answers with the models of domain/contract, so
/openapi.json is the wire format. JSON bodies are read here (bounded: server/errors.read_json)
and checked against the contract (400 malformed, 422 invalid); a push checks each change on its
own (server/sync.py). Errors answer {error: {code, message}} with the statuses each route lists.

Nothing a client sent is ever logged: an unexpected failure is logged as its route, user id and
exception type with the code locations of its traceback, no message (a database error's message
holds the row) and answers 500 {error: {code: "server_error"}}.

Beside the contract table: `POST /blobs/missing` also answers `offsets` (see MissingAnswer), so a
client resumes uploads without asking `HEAD` for each blob; HEAD stays for resuming after a PUT
that broke off.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import traceback
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta
from importlib import metadata
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import FileResponse, JSONResponse, Response, StreamingResponse
from fastapi.routing import APIRoute
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from domain.clock import from_iso
from domain.contract import (
    MAX_PULL,
    BlobStored,
    ErrorBody,
    Health,
    LoginRequest,
    MissingAnswer,
    MissingRequest,
    NumberBlock,
    NumbersRequest,
    PullAnswer,
    PushAnswer,
    PushRequest,
    RefreshRequest,
    UserInfo,
)
from domain.contract.api import MAX_HELD, AuditPage, HeldAnswer, HeldRequest, ResolveRequest
from domain.contract.fields import MAX_SIGNED_64, SHA256_PATTERN, TIME_PATTERN
from domain.contract.plans import DrawRequest
from server import (
    audit,
    auth,
    epoch,
    numbers,
    org,
    routes_admin,
    routes_bundles,
    routes_conflicts,
    routes_plans,
    routes_releases,
    routes_templates,
    sync,
)
from server.at_rest import tighten
from server.auth import User, authenticate
from server.blobs import CHUNK, CLOSE, check_sha, open_store, readable
from server.db import default_url, make_engine, reading, write_lock
from server.errors import ApiError, body, invalid, parse, read_json
from server.health import Health as HealthChecks
from server.limits import BodyLimit, Limits
from server.routes_auth import add_auth_routes
from server.settings import Settings
from server.thumbs import MAX_SIZE, MIN_SIZE, Thumbnails

API = "/api/v1"
PASSWORD_PATHS = (f"{API}/auth/change-password", f"{API}/auth/logout")  # a one-time password's
SMALL_BODY = 64 * 1024
log = logging.getLogger("ducha.server")

bearer = HTTPBearer(
    auto_error=False,
    description="the token a login answered: `Authorization: Bearer <token>`",
)


def current_user(
    request: Request,
    _credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> User:
    user = authenticate(request.app.state.engine, request)
    request.state.user = user  # who a later refusal (403) is audited under
    request.state.user_id = user.id  # for the log of a failure (ServerErrors)
    if user.must_change_password and request.url.path not in PASSWORD_PATHS:
        raise ApiError(
            403,
            "must_change_password",
            "the password is a one-time password: change it first (POST /auth/change-password)",
        )
    return user


Current = Annotated[User, Depends(current_user)]

# -- the answers each route declares -------------------------------------------------------------
_ERRORS = {
    400: "malformed: not JSON, or a field missing or of the wrong type",
    401: "no token, or a token that is unknown or expired",
    403: "the role or the jurisdiction does not allow it",
    404: "no such thing",
    409: "conflicts with what the server holds",
    413: "too large",
    416: "a Content-Range that is not 'bytes N-M/TOTAL' within the total",
    422: "invalid: well formed, but a value is out of its range, vocabulary or pattern",
    429: "too many failed logins from this name or address: wait (Retry-After)",
    503: "busy, or the blob store (an object store) did not answer: try again (Retry-After)",
}


def errors(*statuses: int, **described: str) -> dict[int | str, dict[str, Any]]:
    """OpenAPI answers of these error statuses, each with the error body."""
    out: dict[int | str, dict[str, Any]] = {}
    for status in statuses:
        text = described.get(f"s{status}", _ERRORS[status])
        out[status] = {"model": ErrorBody, "description": text}
    return out


def json_body(model: type[BaseModel], description: str) -> dict[str, Any]:
    """openapi_extra declaring a JSON request body of `model` (its schema is added to the
    components by `openapi`). The route reads and checks the body itself: bounded, and a push
    rejects a bad change alone rather than the batch."""
    return {
        "requestBody": {
            "required": True,
            "description": description,
            "content": {
                "application/json": {"schema": {"$ref": f"#/components/schemas/{model.__name__}"}}
            },
        }
    }


REQUEST_MODELS: tuple[type[BaseModel], ...] = (
    LoginRequest,
    MissingRequest,
    PushRequest,
    NumbersRequest,
    RefreshRequest,
    ResolveRequest,
    DrawRequest,
    *routes_admin.REQUEST_MODELS,
    *routes_templates.REQUEST_MODELS,
    HeldRequest,
)
SHA_PATH = PathParam(
    description="SHA-256 of the original: 64 lowercase hex digits (otherwise 400)",
    json_schema_extra={"pattern": SHA256_PATTERN},
)
UPLOAD_OFFSET = {
    "Upload-Offset": {
        "description": "bytes of this blob the server holds",
        "schema": {"type": "integer", "minimum": 0},
    }
}
BINARY = {"schema": {"type": "string", "format": "binary"}}


def blob_name(sha256: str) -> str:
    """The {sha256} of /blobs/{sha256}: 400 unless a SHA-256; /blobs/missing answers POST only
    (another method there is not a blob named "missing")."""
    if sha256 == "missing":
        raise ApiError(405, "method_not_allowed", "Method Not Allowed", {"Allow": "POST"})
    return check_sha(sha256)


def _since(text: str) -> datetime:
    """The audit filter's lower bound. Its pattern holds but a day may not exist (30 February):
    that day rolls over into the next month, as a bound may; a time that cannot be is 422."""
    try:
        return from_iso(text)
    except ValueError:
        pass
    try:
        first = from_iso(f"{text[:8]}01{text[10:]}")
        return first + timedelta(days=int(text[8:10]) - 1)
    except ValueError:
        raise ApiError(422, "invalid", "since is not a date and time") from None


def version() -> str:
    try:
        return metadata.version("ducha")
    except metadata.PackageNotFoundError:
        return "0.1.0"


# -- failures ------------------------------------------------------------------------------------
def _where(exc: BaseException) -> str:
    """Code locations of a traceback (file:line function), innermost first: this project's
    last frames, then the innermost one. No message, no values: those may hold a row."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "site-packages" not in f.filename][-4:]
    shown = [frames[-1], *reversed(ours)] if frames and frames[-1] not in ours else ours[::-1]
    return " < ".join(f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in shown)


class ServerErrors:
    """Answers 500 {error} for any exception a route lets escape, and logs it without the
    request or the exception's message (Starlette's own handler logs the full traceback text,
    and a database error's text holds the parameters: rows)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def sending(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, sending)
        except Exception as exc:
            user = (scope.get("state") or {}).get("user_id")
            log.error(
                "500 %s %s user=%s error=%s at %s",
                scope.get("method"),
                scope.get("path"),
                user,
                type(exc).__name__,
                _where(exc),
            )
            if started:  # the answer has begun: nothing better than to end the connection
                return
            answer = JSONResponse(
                body("server_error", "the server failed; the failure is logged"), 500
            )
            await answer(scope, receive, send)


METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"})


def refuse_other_methods(app: FastAPI) -> None:
    """405 with an Allow header naming every method of the path (Starlette names only those
    of the first route matching the path: PUT alone for /blobs/{sha256})."""
    methods: dict[str, set[str]] = {}
    routes = list(app.routes)
    for included in app.routes:  # included routers (FastAPI ≥ 0.165 keeps them whole)
        inner = getattr(included, "original_router", None)
        routes += list(getattr(inner, "routes", ()))
    for route in routes:
        if isinstance(route, APIRoute):
            methods.setdefault(route.path, set()).update(route.methods or ())
    for path, allowed in methods.items():
        allow = ", ".join(sorted(allowed))

        async def refuse(allow: str = allow) -> Response:
            raise ApiError(405, "method_not_allowed", "Method Not Allowed", {"Allow": allow})

        app.add_api_route(path, refuse, methods=sorted(METHODS - allowed), include_in_schema=False)


def create_app(
    data_dir: str | Path, database_url: str | None = None, blob_store: str | None = None
) -> FastAPI:
    data_dir = Path(data_dir)
    settings = Settings(data_dir=data_dir, database_url=database_url or default_url(data_dir))
    if blob_store is not None:
        settings = replace(settings, blob_store=blob_store)
    limits = Limits()
    tighten(data_dir)
    blobs = open_store(data_dir, settings.blob_store, limits)  # StoreUnavailable: named why
    blobs.prepare()  # folders private, expired partial uploads purged, the bucket reachable
    engine = make_engine(settings.database_url)
    log.info("blob store: %s", blobs.describe())
    thumbnails = Thumbnails(data_dir / "thumbs", limits)
    health_checks = HealthChecks(engine, blobs)
    app = FastAPI(title="Ducha server", version=version(), openapi_url="/openapi.json")
    app.state.engine = engine
    app.state.settings = settings
    app.state.limits = limits
    auth.purge(engine, settings)  # expired tokens, stale login failures
    with reading(engine) as conn:  # a restore happens with the server stopped: read once
        lineage = epoch.read(conn)
    auth.dummy_hash()  # ready before the first login with an unknown name
    hashing = asyncio.Semaphore(max(1, settings.hash_concurrency))
    app.state.hashing = hashing  # login and change-password hash under it
    refusals = audit.Refusals(settings.audit_refusal_window)

    def body_limit(method: str, path: str) -> int:
        """The largest body a route takes, enforced while it is read (server/limits.py)."""
        if method == "PUT" and path.startswith(f"{API}/blobs/"):
            return settings.max_blob_bytes
        if path == f"{API}/sync/push":
            return settings.max_json_bytes
        if method == "POST" and path == f"{API}/bundles":
            return limits.max_bundle_bytes
        return limits.max_body_bytes

    app.add_middleware(BodyLimit, limit_of=body_limit, body_timeout=limits.body_timeout)
    app.add_middleware(ServerErrors)  # outermost: nothing escapes unanswered or logged whole

    def may_read(user: User, shas: list[str]) -> set[str]:
        """Which of these held blobs `user` may read (blobs.readable); the rest are 404."""
        with reading(engine) as conn:
            return readable(conn, blobs, user, shas)

    def office_blob_limit() -> int:
        """The office's limit, never above what one user's unfinished uploads may hold: an upload
        that could never finish is refused at once by its announced size, not after 4 GB."""
        with reading(engine) as conn:
            return min(org.blob_limit(conn, settings), limits.max_partial_bytes)

    async def visible(user: User, sha: str) -> bool:
        """Whether the blob is held whole and `user` may read it (in worker threads)."""
        if not await run_in_threadpool(blobs.has, sha):
            return False
        return sha in await run_in_threadpool(may_read, user, [sha])

    # Refusals are logged by method, path (ids, never a body), status and code; 401, 403 and
    # 429 are audited too (folded per address, server/audit.py).
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
        return JSONResponse(
            body(exc.code, exc.message, exc.reason), exc.status, headers=exc.headers
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        log.info("%s %s → %s %s", request.method, request.url.path, exc.status_code, code)
        return JSONResponse(body(code, str(exc.detail)), exc.status_code, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        error = invalid([{k: v for k, v in e.items() if k != "input"} for e in exc.errors()])
        log.info("%s %s → %s %s", request.method, request.url.path, error.status, error.code)
        return JSONResponse(body(error.code, error.message), error.status)

    @app.get(
        f"{API}/health",
        response_model=Health,
        responses={503: {"model": Health, "description": "the database or the blob store fails"}},
    )
    async def health() -> JSONResponse:
        """No login. `database` and `blobs` each ok or error (server/health.py); 503 when
        either is error."""
        status, answer = await health_checks.report(version())
        return JSONResponse(answer, status)

    @app.post(
        f"{API}/blobs/missing",
        response_model=MissingAnswer,
        responses=errors(400, 401, 413, 422, 503),
        openapi_extra=json_body(MissingRequest, "hashes"),
    )
    async def blobs_missing(request: Request, current: Current) -> dict:
        data = await read_json(request, limits.max_body_bytes)
        asked = data.get("sha256") if isinstance(data, dict) else None
        if isinstance(asked, list) and len(asked) > limits.max_missing:
            raise ApiError(413, "too_many", f"at most {limits.max_missing} hashes per call")
        hashes = parse(MissingRequest, data).sha256

        def lacking() -> dict[str, int]:
            held = list(blobs.held(hashes))
            return blobs.missing_offsets(hashes, may_read(current, held), current.id)

        await blobs.purge_if_due()
        offsets = await run_in_threadpool(lacking)
        return {"missing": list(offsets), "offsets": offsets}

    @app.put(
        f"{API}/blobs/{{sha256}}",
        status_code=201,
        response_model=BlobStored,
        responses={
            200: {
                "model": BlobStored,
                "description": "already held whole",
                "headers": UPLOAD_OFFSET,
            },
            201: {"model": BlobStored, "description": "stored", "headers": UPLOAD_OFFSET},
            202: {"model": BlobStored, "description": "part held", "headers": UPLOAD_OFFSET},
            **errors(
                400,
                401,
                409,
                413,
                416,
                422,
                503,
                s400="the name is not a SHA-256",
                s409="the range does not start where the held part ends (Upload-Offset)",
                s422="the content's SHA-256 differs from its name: nothing is kept",
            ),
        },
        openapi_extra={
            "requestBody": {
                "required": True,
                "description": "the original's bytes (from a Content-Range start to resume)",
                "content": {"application/octet-stream": BINARY},
            },
            "parameters": [
                {
                    "name": "Content-Range",
                    "in": "header",
                    "required": False,
                    "description": "bytes N-M/TOTAL: resume an upload from byte N",
                    "schema": {"type": "string"},
                }
            ],
        },
    )
    async def blob_put(
        request: Request, current: Current, sha256: Annotated[str, SHA_PATH]
    ) -> Response:
        blob_name(sha256)
        limit = await run_in_threadpool(office_blob_limit)  # the office's, bounded while read
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > limit:
            raise ApiError(413, "too_large", f"a blob may not exceed {limit} bytes", CLOSE)
        try:
            status, held = await blobs.put(
                sha256,
                current,
                request.stream(),
                request.headers.get("content-range"),
                limit,
                may_read=await visible(current, sha256),
            )
        except ClientDisconnect:  # what arrived is kept for a resume; nobody hears this answer
            raise ApiError(400, "disconnected", "the upload broke off") from None
        return JSONResponse(
            {"sha256": sha256, "size": held, "complete": status != 202},
            status,
            headers={"Upload-Offset": str(held)},
        )

    @app.head(
        f"{API}/blobs/{{sha256}}",
        response_class=Response,
        responses={
            200: {"description": "held whole", "headers": UPLOAD_OFFSET, "content": {}},
            404: {"description": "not held whole", "headers": UPLOAD_OFFSET, "content": {}},
            400: {"description": _ERRORS[400], "content": {}},
            401: {"description": _ERRORS[401], "content": {}},
            503: {"description": _ERRORS[503], "content": {}},
        },
    )
    async def blob_head(current: Current, sha256: Annotated[str, SHA_PATH]) -> Response:
        """200 when held whole and yours to read; else 404 with the bytes of your own partial
        upload in Upload-Offset (another user's partial is not yours to see)."""
        blob_name(sha256)
        if await visible(current, sha256):
            size = await run_in_threadpool(blobs.size, sha256)
            return Response(status_code=200, headers={"Upload-Offset": str(size)})
        held = await run_in_threadpool(blobs.offset, sha256, current.id)
        return Response(status_code=404, headers={"Upload-Offset": str(held)})

    @app.get(
        f"{API}/blobs/{{sha256}}",
        response_class=Response,
        responses={
            200: {
                "description": "the original bytes; with `size` a JPEG thumbnail",
                "content": {"application/octet-stream": BINARY, "image/jpeg": BINARY},
            },
            **errors(
                400,
                401,
                404,
                422,
                503,
                s400="the name is not a SHA-256, or size is not a number",
                s422="size out of range, or the blob is not an image",
            ),
        },
    )
    async def blob_get(
        current: Current,
        sha256: Annotated[str, SHA_PATH],
        size: Annotated[
            int | None,
            Query(ge=MIN_SIZE, le=MAX_SIZE, description="a thumbnail: its long side in pixels"),
        ] = None,
    ) -> Response:
        """The original bytes; with `size` a JPEG thumbnail (long side ≤ size, upright). Only
        for those who may see a photo row naming it (or uploaded it); else 404, as if absent."""
        blob_name(sha256)
        if not await visible(current, sha256):
            raise ApiError(404, "not_found", "no such blob")
        if size is not None:
            thumb = await thumbnails.get(blobs, sha256, size)
            return FileResponse(thumb, media_type="image/jpeg")
        path = blobs.local_path(sha256)
        if path is not None:
            return FileResponse(path, media_type="application/octet-stream")
        try:  # from the object store, streamed (read in worker threads)
            stored = await run_in_threadpool(blobs.open_blob, sha256)
            length = await run_in_threadpool(blobs.size, sha256)
        except FileNotFoundError:
            raise ApiError(404, "not_found", "no such blob") from None

        def chunks() -> Iterator[bytes]:
            with contextlib.closing(stored):
                while chunk := stored.read(CHUNK):
                    yield chunk

        return StreamingResponse(
            chunks(),
            media_type="application/octet-stream",
            headers={"Content-Length": str(length)},
        )

    @app.post(
        f"{API}/sync/push",
        responses={
            200: {
                "model": PushAnswer,
                "description": "a result per change (a change breaking the contract is rejected "
                "alone, with code `invalid`); the same batch again: the same answer",
            },
            **errors(
                400,
                401,
                403,
                413,
                422,
                503,
                s400="the envelope is malformed (batch_id, device_id, changes)",
                s403="the device belongs to another user",
                s413=f"the body, or more than {settings.max_changes} changes",
                s503="the blob store (an object store) did not answer about a photo's original",
                s422="batch_id or device_id out of bounds",
            ),
        },
        openapi_extra=json_body(PushRequest, "a batch of changes (domain/contract)"),
    )
    async def sync_push(request: Request, current: Current) -> dict:
        data = await read_json(request, settings.max_json_bytes)
        return await run_in_threadpool(sync.push, engine, settings, blobs, current, data)

    @app.get(
        f"{API}/sync/pull",
        response_class=Response,
        responses={
            200: {"model": PullAnswer, "description": "the changes visible to you above cursor"},
            **errors(400, 401, 422),
        },
    )
    def sync_pull(
        current: Current,
        cursor: Annotated[int, Query(ge=0, le=MAX_SIGNED_64)] = 0,
        limit: Annotated[int, Query(ge=1, le=MAX_PULL)] = 500,
    ) -> Response:
        """The answer is written as JSON text by server/sync.py (rows as the log holds them),
        with this database's `epoch` (and `restored_seq` once restored: server/epoch.py)."""
        text = sync.pull(engine, current, cursor, limit)
        if cursor and text.startswith('{"changes":[]'):
            with reading(engine) as conn:
                epoch.warn_if_ahead(conn, cursor, current.id)
        return Response(epoch.stamp(text, lineage).encode(), media_type="application/json")

    @app.post(
        f"{API}/sync/held",
        response_model=HeldAnswer,
        responses=errors(400, 401, 413, 422),
        openapi_extra=json_body(HeldRequest, "rows this laptop sent"),
    )
    async def sync_held(request: Request, current: Current) -> dict:
        """Which rev the server holds of each row (null: none, or not yours to see), and who
        wrote that version when (`written`: two devices' concurrent edits share a rev). After a
        restore from a backup a laptop asks about the rows it sent, to send again what the
        server lost (server/epoch.py)."""
        data = await read_json(request, limits.max_body_bytes)
        asked = data.get("rows") if isinstance(data, dict) else None
        if isinstance(asked, list) and len(asked) > MAX_HELD:
            raise ApiError(413, "too_many", f"at most {MAX_HELD} rows per call")
        keys: list[tuple[str, str]] = [(k.entity, k.id) for k in parse(HeldRequest, data).rows]

        def revs() -> dict:
            with reading(engine) as conn:
                held = epoch.held_versions(conn, current, keys)
            return {
                "revs": [None if v is None else v[0] for v in held],
                "written": [None if v is None else [v[1], v[2]] for v in held],
            }

        return await run_in_threadpool(revs)

    @app.post(
        f"{API}/numbers/reserve",
        response_model=NumberBlock,
        responses=errors(
            400,
            401,
            403,
            409,
            413,
            422,
            s403="the device is not bound to you (log in with it first)",
            s409="the device still holds too many unused numbers this year",
        ),
        openapi_extra=json_body(NumbersRequest, "a block of notice numbers"),
    )
    async def numbers_reserve(request: Request, current: Current) -> dict:
        asked = parse(NumbersRequest, await read_json(request, SMALL_BODY))

        def reserve() -> dict:
            with engine.begin() as conn:
                write_lock(conn)
                auth.own_device(conn, current, asked.device_id)
                block = numbers.reserve(
                    conn,
                    asked.device_id,
                    org.office(conn, settings).prefix,  # the office's record (server/org.py)
                    asked.year,
                    asked.count,
                    settings.max_outstanding_numbers,
                    asked.request_id,
                )
                audit.record(
                    conn,
                    "numbers_reserved",
                    user=current,
                    device_id=asked.device_id,
                    detail={"year": asked.year, "first": block["first"], "last": block["last"]},
                )
                return block

        return await run_in_threadpool(reserve)

    @app.get(f"{API}/me", response_model=UserInfo, responses=errors(401))
    def me(current: Current) -> dict:
        return current.public()

    @app.get(f"{API}/audit", response_model=AuditPage, responses=errors(400, 401, 403, 422))
    def audit_read(
        current: Current,
        user: Annotated[str | None, Query(max_length=200)] = None,
        entity: Annotated[str | None, Query(max_length=64)] = None,
        entity_id: Annotated[str | None, Query(max_length=200)] = None,
        action: Annotated[str | None, Query(max_length=64)] = None,
        since: Annotated[
            str | None, Query(pattern=TIME_PATTERN, description="ISO-8601 with an offset")
        ] = None,
        cursor: Annotated[int, Query(ge=0, le=MAX_SIGNED_64)] = 0,
        limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    ) -> dict:
        """The append-only audit log (server/audit.py), for admins and reviewers (all of it),
        oldest first above `cursor` (the last seq seen). `user`: an id or a login name;
        `since`: an ISO-8601 time. Read only: there is no route that writes it."""
        if current.role not in ("admin", "reviewer"):
            raise ApiError(403, "forbidden", "only admins and reviewers read the audit log")
        moment = _since(since) if since else None
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

    add_auth_routes(app, settings, refusals, hashing)
    app.include_router(
        routes_bundles.router(
            engine, settings, blobs, limits, Depends(current_user), errors, json_body
        )
    )
    app.include_router(
        routes_conflicts.router(engine, settings, Depends(current_user), errors, json_body)
    )
    app.include_router(
        routes_plans.router(engine, settings, Depends(current_user), errors, json_body)
    )
    app.include_router(
        routes_admin.router(engine, settings, Depends(current_user), errors, json_body)
    )
    app.include_router(
        routes_templates.router(engine, settings, Depends(current_user), errors, json_body)
    )
    app.include_router(routes_releases.router(engine, blobs, Depends(current_user), errors))
    refuse_other_methods(app)

    def openapi() -> dict[str, Any]:
        """FastAPI's schema, plus the request models the routes read themselves."""
        if app.openapi_schema:
            return app.openapi_schema
        schema = get_openapi(title=app.title, version=app.version, routes=app.routes)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        for operations in schema["paths"].values():  # FastAPI's own 422 (never answered here)
            for operation in operations.values():
                auto = operation["responses"].get("422", {})
                if "HTTPValidationError" in str(auto.get("content")):
                    del operation["responses"]["422"]
        components.pop("HTTPValidationError", None)
        components.pop("ValidationError", None)
        for model in REQUEST_MODELS:
            found = model.model_json_schema(ref_template="#/components/schemas/{model}")
            for name, definition in found.pop("$defs", {}).items():
                components.setdefault(name, definition)
            components[model.__name__] = found
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
    return app
