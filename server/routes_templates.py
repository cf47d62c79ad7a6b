"""The admin routes of checklist templates (ADMIN_API.md "Templates"): list every version,
publish a new one, retire one. Admins only (403 `forbidden`); the same functions as
`ducha-server template …` (server/templates.py), audited alike."""

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from domain.admin_wire import PublishTemplate, TemplateInfo, TemplateList
from domain.contract.fields import UUID_PATTERN
from server import templates
from server.auth import User
from server.db import reading
from server.errors import ApiError, body, parse, read_json
from server.settings import Settings

BODY_LIMIT = 2 << 20  # a template body is at most 1,000,000 characters (TemplateRow)
REQUEST_MODELS = (PublishTemplate,)  # bodies the routes read themselves (server/app.py openapi)
STATUS = {"template_invalid": 422, "version_exists": 409, "not_found": 404}


def _admin(user: User) -> None:
    if user.role != "admin":
        raise ApiError(403, "forbidden", "only admins manage templates")


def _actor(user: User) -> dict[str, Any]:
    return {
        "user_id": user.id,
        "user_name": user.username,
        "device_id": user.device_id,
        "address": user.address,
    }


def _refused(error: templates.TemplateRefused) -> JSONResponse:
    answer = body(error.code, error.message[:500])
    if error.code == "template_invalid":
        answer["problems"] = error.problem_list()
    return JSONResponse(answer, STATUS.get(error.code, 422))


def router(
    engine: Any,
    settings: Settings,
    current: Any,
    errors: Callable[..., dict],
    json_body: Callable[..., dict],
) -> APIRouter:
    """The routes, under /api/v1/admin (`current`: the authenticated user dependency)."""
    routes = APIRouter(prefix="/api/v1/admin")

    def listing() -> dict:
        with reading(engine) as conn:
            return {"templates": templates.listing(conn)}

    def publish(asked: PublishTemplate, user: User) -> dict | JSONResponse:
        try:
            with engine.begin() as conn:
                return templates.publish(conn, settings, asked.body, _actor(user))
        except templates.TemplateRefused as error:
            return _refused(error)

    def retire(ident: str, user: User) -> dict | JSONResponse:
        try:
            with engine.begin() as conn:
                return templates.retire(conn, settings, ident, _actor(user))
        except templates.TemplateRefused as error:
            return _refused(error)

    @routes.get(
        "/templates",
        response_model=TemplateList,
        responses=errors(401, 403, s403="only admins"),
    )
    async def template_list(user: Annotated[User, current]) -> dict:
        """Every template version, by name and newest first: published, retired, its items and
        the inspections made with it (admins)."""
        _admin(user)
        return await run_in_threadpool(listing)

    @routes.post(
        "/templates",
        response_model=TemplateInfo,
        responses=errors(
            400,
            401,
            403,
            409,
            413,
            422,
            s403="only admins",
            s409="the name has this version or a later one (`version_exists`)",
            s422="the body is not a valid template (`template_invalid`): beside `error`, "
            "`problems` [{item, message}] names every problem by item or category "
            "(domain/admin_wire.py TemplateInvalid)",
        ),
        openapi_extra=json_body(PublishTemplate, "{body: the template JSON object}"),
    )
    async def template_publish(request: Request, user: Annotated[User, current]) -> Any:
        """Publish a new template version (admins): laptops receive it at their next sync;
        inspections keep the version they were made with. Audited (`template_publish`)."""
        _admin(user)
        asked = parse(PublishTemplate, await read_json(request, BODY_LIMIT))
        return await run_in_threadpool(publish, asked, user)

    @routes.post(
        "/templates/{template_id}/retire",
        response_model=TemplateInfo,
        responses=errors(401, 403, 404, 422, s403="only admins", s404="no such template"),
    )
    async def template_retire(
        user: Annotated[User, current],
        template_id: Annotated[str, Path(pattern=UUID_PATTERN)],
    ) -> Any:
        """Retire a version (admins): no new inspection may use it; the ones made with it keep
        it. Retiring a retired version changes nothing. Audited (`template_retire`)."""
        _admin(user)
        return await run_in_threadpool(retire, template_id, user)

    return routes
