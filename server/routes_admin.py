"""The administration routes (issue 16; /work ADMIN_API contract): units, zones, users and
their devices under /api/v1/admin/, for admins only (403 `forbidden` for other roles), and
POST /api/v1/auth/change-password for anyone signed in (the one call a one-time password
allows besides logout).

The bodies are domain/admin_wire.py's models; the work is server/admin_org.py and
server/admin_users.py, the same functions the `ducha-server` commands call. Each write is one
transaction: the rows through the server's writer and the audit entry naming the admin of the
token, their device and address."""

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from domain.admin_wire import (
    ChangePassword,
    DeviceList,
    NewUnit,
    NewUser,
    NewUserAnswer,
    NewZone,
    PasswordChanged,
    PasswordReset,
    Revoked,
    UnitChange,
    UnitInfo,
    UnitList,
    UserChange,
    UserInfo,
    UserList,
    ZoneChange,
    ZoneInfo,
    ZoneList,
)
from domain.contract.fields import UUID_PATTERN
from server import admin_org, admin_users, auth
from server.auth import User
from server.db import reading
from server.errors import ApiError, parse, read_json
from server.settings import Settings

SMALL_BODY = 64 * 1024
ZONE_BODY = 1024 * 1024  # an outline of up to 100,000 characters, escaped
IdPath = Annotated[str, Path(pattern=UUID_PATTERN, description="a UUID")]
DevicePath = Annotated[str, Path(min_length=1, max_length=200, description="a device id")]

# the request models the routes read themselves (added to /openapi.json by server/app.py)
REQUEST_MODELS = (NewUnit, UnitChange, NewZone, ZoneChange, NewUser, UserChange, ChangePassword)


def _admin(user: User) -> None:
    if user.role != "admin":
        raise ApiError(403, "forbidden", "only admins administer the organisation")


async def _body(request: Request, model: Any, limit: int = SMALL_BODY) -> Any:
    try:
        return parse(model, await read_json(request, limit))
    except ApiError as error:
        if "bad_geometry" in error.message:
            raise ApiError(422, "bad_geometry", error.message) from None
        raise


def router(
    engine: Any,
    settings: Settings,
    current: Any,
    errors: Callable[..., dict],
    json_body: Callable[..., dict],
) -> APIRouter:
    """The routes, under /api/v1 (`current`: the authenticated user dependency)."""
    routes = APIRouter(prefix="/api/v1")
    Admin = Annotated[User, current]

    def write(work: Callable[..., Any], *args: Any) -> Any:
        with engine.begin() as conn:
            return work(conn, *args)

    def read(work: Callable[..., Any], *args: Any) -> Any:
        with reading(engine) as conn:
            return work(conn, *args)

    def org_routes(
        entity: str,
        models: tuple[type[BaseModel], ...],  # the answer, the list, the new one, the change
        work: tuple[Callable[..., Any], ...],  # list, add, change (server/admin_org.py)
        docs: tuple[str, str, str, str],  # list, add, change, the change's body
        add_errors: dict,
        change_errors: dict,
        limit: int = SMALL_BODY,
    ) -> None:
        """GET and POST /admin/{entity}s, PATCH /admin/{entity}s/{entity_id}: one shape for
        units and zones (route names, paths and texts as before: /openapi.json unchanged)."""
        plural, (info, listing, new, change), (list_all, add, edit) = f"{entity}s", models, work
        RowId = Annotated[
            str, Path(alias=f"{entity}_id", pattern=UUID_PATTERN, description="a UUID")
        ]

        async def listed(user: Admin) -> dict:
            _admin(user)
            return {plural: await run_in_threadpool(read, list_all)}

        async def added(request: Request, user: Admin) -> dict:
            _admin(user)
            asked = await _body(request, new, limit)
            return await run_in_threadpool(write, add, settings, asked, admin_users.actor_of(user))

        async def changed(request: Request, user: Admin, row_id: RowId) -> dict:
            _admin(user)
            asked = await _body(request, change, limit)
            actor = admin_users.actor_of(user)
            return await run_in_threadpool(write, edit, settings, row_id, asked, actor)

        path = f"/admin/{plural}"
        add_route = routes.add_api_route
        add_route(
            path,
            listed,
            methods=["GET"],
            name=f"{entity}_list",
            description=docs[0],
            response_model=listing,
            responses=errors(401, 403),
        )
        add_route(
            path,
            added,
            methods=["POST"],
            name=f"{entity}_add",
            description=docs[1],
            response_model=info,
            responses=add_errors,
            openapi_extra=json_body(new, f"the new {entity}"),
        )
        add_route(
            f"{path}/{{{entity}_id}}",
            changed,
            methods=["PATCH"],
            name=f"{entity}_change",
            description=docs[2],
            response_model=info,
            responses=change_errors,
            openapi_extra=json_body(change, docs[3]),
        )

    org_routes(
        "unit",
        (UnitInfo, UnitList, NewUnit, UnitChange),
        (admin_org.units, admin_org.add_unit, admin_org.change_unit),
        (
            "Every unit, retired ones too, with its count of active zones.",
            "A new unit; laptops receive it at their next pull. Audited (`unit_add`).",
            "Rename, re-parent, retire (active: false) or bring back a unit. Audited.",
            "the fields that change",
        ),
        errors(
            400,
            401,
            403,
            409,
            413,
            422,
            s409="a unit of that name exists (`name_taken`)",
            s422="invalid, or no such parent (`unknown_parent`)",
        ),
        errors(
            400,
            401,
            403,
            404,
            409,
            413,
            422,
            s409="`name_taken`, or retiring a unit with active zones (`unit_has_active_zones`)",
            s422="invalid, `unknown_parent`, or a parent below the unit (`parent_cycle`)",
        ),
    )
    zone_errors = errors(
        400,
        401,
        403,
        404,
        409,
        413,
        422,
        s409="a zone of that name in the unit exists (`name_taken`), the unit is retired "
        "(`unit_retired`), or records made in the zone keep it in its unit (`zone_in_use`)",
        s422="invalid, an outline that is not GeoJSON of a line or polygon in WGS84 ranges "
        "(`bad_geometry`), or no such unit (`unknown_unit`)",
    )
    org_routes(
        "zone",
        (ZoneInfo, ZoneList, NewZone, ZoneChange),
        (admin_org.zones, admin_org.add_zone, admin_org.change_zone),
        (
            "Every zone, retired ones too, with its outline.",
            "A new zone of an active unit. Audited (`zone_add`).",
            "Edit, retire (active: false) or bring back a zone. A retired zone is refused for a\n"
            "new inspection; inspections made in it keep it. Audited.",
            "the fields that change (null clears)",
        ),
        zone_errors,
        zone_errors,
        ZONE_BODY,
    )

    # -- users -------------------------------------------------------------------------------
    @routes.get("/admin/users", response_model=UserList, responses=errors(401, 403))
    async def user_list(user: Admin) -> dict:
        _admin(user)
        return {"users": await run_in_threadpool(read, admin_users.users)}

    @routes.post(
        "/admin/users",
        response_model=NewUserAnswer,
        responses=errors(
            400,
            401,
            403,
            409,
            413,
            422,
            s409="the username exists (`username_taken`)",
            s422="invalid, or no such unit (`unknown_unit`)",
        ),
        openapi_extra=json_body(NewUser, "the new account"),
    )
    async def user_add(request: Request, user: Admin) -> dict:
        """A new account with a one-time password, answered once: the user changes it at the
        first login. Audited (`user_add`)."""
        _admin(user)
        asked = await _body(request, NewUser)
        actor = admin_users.actor_of(user)
        return await run_in_threadpool(write, admin_users.add_user, settings, asked, actor)

    @routes.patch(
        "/admin/users/{user_id}",
        response_model=UserInfo,
        responses=errors(
            400,
            401,
            403,
            404,
            409,
            413,
            422,
            s409="an admin disabling, demoting or changing the units of themselves (`self`)",
        ),
        openapi_extra=json_body(UserChange, "the fields that change"),
    )
    async def user_change(request: Request, user: Admin, user_id: IdPath) -> dict:
        """A change of role, units, all_units, or disabling revokes the user's tokens.
        Audited (`user_change`)."""
        _admin(user)
        asked = await _body(request, UserChange)
        actor = admin_users.actor_of(user)
        return await run_in_threadpool(write, admin_users.change_user, user_id, asked, actor)

    @routes.post(
        "/admin/users/{user_id}/reset-password",
        response_model=PasswordReset,
        responses=errors(401, 403, 404, 409, 422, s409="one's own (`self`): change it instead"),
    )
    async def user_reset(user: Admin, user_id: IdPath) -> dict:
        """A new one-time password, answered once; the user's tokens are revoked and every
        call but change-password refused until it is changed. Audited."""
        _admin(user)
        actor = admin_users.actor_of(user)
        otp = await run_in_threadpool(write, admin_users.reset_password, user_id, actor)
        return {"one_time_password": otp}

    @routes.get(
        "/admin/users/{user_id}/devices",
        response_model=DeviceList,
        responses=errors(401, 403, 404, 422),
    )
    async def user_devices(user: Admin, user_id: IdPath) -> dict:
        _admin(user)
        return {"devices": await run_in_threadpool(read, admin_users.devices, user_id)}

    @routes.post(
        "/admin/users/{user_id}/devices/{device_id}/revoke",
        response_model=Revoked,
        responses=errors(
            401, 403, 404, 409, 422, s409="the device of this call (`self`): log out instead"
        ),
    )
    async def device_revoke(user: Admin, user_id: IdPath, device_id: DevicePath) -> dict:
        """A lost laptop: its tokens and refresh credential stop working. Audited."""
        _admin(user)
        actor = admin_users.actor_of(user)
        count = await run_in_threadpool(write, admin_users.revoke_device, user_id, device_id, actor)
        return {"revoked": count}

    # -- one's own password ------------------------------------------------------------------
    @routes.post(
        "/auth/change-password",
        response_model=PasswordChanged,
        responses=errors(
            400,
            401,
            403,
            413,
            422,
            429,
            s403="the old password is wrong (`bad_credentials`)",
            s422="the new password is shorter than 8 characters (`password_too_short`) or is "
            "the old one (`password_unchanged`)",
        ),
        openapi_extra=json_body(ChangePassword, "the old and the new password"),
    )
    async def change_password(request: Request, user: Annotated[User, current]) -> dict:
        """Change one's own password (also the one-time password an admin gave). The other
        tokens and devices are signed out; this call's token keeps working. Audited. A wrong
        old password counts as a failed login of the name from the address (429 beyond)."""
        asked = await _body(request, ChangePassword)
        presented = auth.token_hash(auth.presented_token(request))
        # the old password is checked under the login's throttle (429 `throttled`)
        attempt = await run_in_threadpool(
            auth.begin_login, engine, settings, user.username, user.address or "", ""
        )
        failed = False
        try:
            async with request.app.state.hashing:  # argon2 twice: as many at once as logins
                await run_in_threadpool(
                    admin_users.change_own_password,
                    engine,
                    user.id,
                    asked.old_password,
                    asked.new_password,
                    presented,
                    user.device_id,
                )
        except ApiError as error:
            failed = error.code == "bad_credentials"
            raise
        finally:
            await run_in_threadpool(auth.end_attempt, engine, attempt, failed)
        return {"changed": True}

    return routes
