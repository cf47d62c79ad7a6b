"""The conflict routes (server/conflicts.py): a laptop collects the versions it lost; the office
lists the conflicts of its units and resolves one by taking either version."""

from collections.abc import Callable
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request
from starlette.concurrency import run_in_threadpool

from domain.contract.api import ConflictEntry, ConflictPage, ResolveRequest
from domain.contract.fields import MAX_SIGNED_64
from server import conflicts
from server.auth import User
from server.errors import parse, read_json
from server.settings import Settings

SMALL_BODY = 64 * 1024
CONFLICT_ID = Path(max_length=200, description="the conflict's id")


def router(
    engine: Any,
    settings: Settings,
    current: Any,
    errors: Callable[..., dict],
    json_body: Callable[..., dict],
) -> APIRouter:
    """The routes, under /api/v1 (`current`: the authenticated user dependency)."""
    routes = APIRouter(prefix="/api/v1")

    @routes.get(
        "/sync/conflicts",
        response_model=ConflictPage,
        responses=errors(400, 401, 422),
    )
    def own_conflicts(
        user: Annotated[User, current],
        after: Annotated[int, Query(ge=0, le=MAX_SIGNED_64)] = 0,
        limit: Annotated[int, Query(ge=1, le=conflicts.MAX_PAGE)] = 100,
    ) -> dict:
        """The versions you lost on this device (the one your token was issued for), oldest
        first above `after` (the last seq seen): a laptop keeps each in its own `conflict`."""
        return conflicts.feed(engine, user, after, limit)

    @routes.get(
        "/conflicts",
        response_model=ConflictPage,
        responses=errors(400, 401, 403, 422, s403="only reviewers and admins"),
    )
    def office_conflicts(
        user: Annotated[User, current],
        state: Literal["open", "resolved", "all"] = "open",
        after: Annotated[int, Query(ge=0, le=MAX_SIGNED_64)] = 0,
        limit: Annotated[int, Query(ge=1, le=conflicts.MAX_PAGE)] = 100,
    ) -> dict:
        """Concurrent edits on rows of your units (reviewers, admins), oldest first."""
        return conflicts.listing(engine, user, state, after, limit)

    @routes.post(
        "/conflicts/{conflict_id}/resolve",
        response_model=ConflictEntry,
        responses=errors(
            400,
            401,
            403,
            404,
            409,
            413,
            422,
            s403="only reviewers and admins",
            s404="no such conflict in your units",
            s409="resolved already, or the losing version can no longer be written",
        ),
        openapi_extra=json_body(ResolveRequest, "which version to take"),
    )
    async def resolve_conflict(
        request: Request,
        user: Annotated[User, current],
        conflict_id: Annotated[str, CONFLICT_ID],
    ) -> dict:
        asked = parse(ResolveRequest, await read_json(request, SMALL_BODY))
        return await run_in_threadpool(
            conflicts.resolve, engine, settings, user, conflict_id, asked.take
        )

    return routes
