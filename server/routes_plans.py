"""The visit-plan routes (server/plans.py): a laptop fetches its user's own assignments after each
pull; the office lists plans and reads one whole.

Confidentiality is decided here from the token's user, never from anything the client says: the
assignments route takes no parameter at all, and answers only that user's visits of days up to
tomorrow in the office's zone. Plans never travel through the change log, so no pull carries
them and units (which have no accounts) never see them.

Admins draw a plan (POST /plans: the inputs of `ducha-server plan draw`, the seed made here and
never sent) and reveal its seed after the period (POST /plans/{period}/reveal), through the same
functions as the command line (server/plans.py `draw_plan`, `reveal_now`), audited alike."""

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from starlette.concurrency import run_in_threadpool

from domain.contract.plans import (
    PERIOD_PATTERN,
    AccountList,
    AssignmentList,
    DrawRequest,
    PlanDetail,
    PlanDrawn,
    PlanList,
    PlanRevealed,
)
from domain.visit_plan import PlanError
from server import audit, plans
from server.auth import User
from server.errors import ApiError, parse, read_json
from server.settings import Settings

PERIOD = Path(pattern=PERIOD_PATTERN, description="a month YYYY-MM or an ISO week YYYY-Www")
SMALL_BODY = 64 * 1024
# the refusals of a draw or reveal: status by PlanError.code (the code is the client's key)
REFUSED = {"plan_exists": 409, "not_ended": 409, "not_found": 404}


def _admin(user: User) -> None:
    if user.role != "admin":
        raise ApiError(403, "forbidden", "only admins draw and reveal visit plans")


def _actor(user: User) -> dict[str, Any]:
    return {
        "user_id": user.id,
        "user_name": user.username,
        "device_id": user.device_id,
        "address": user.address,
    }


def _refused(error: PlanError) -> ApiError:
    return ApiError(REFUSED.get(error.code, 422), error.code, str(error)[:500])


def _office(user: User) -> None:
    if user.role not in plans.OFFICE_ROLES:
        raise ApiError(403, "forbidden", "only reviewers and admins see visit plans")


def _whole_office(user: User) -> None:
    """The whole plan: the office that sees every unit. A reviewer bound to some units would
    learn on which days their own zones are visited."""
    _office(user)
    if user.role != "admin" and not user.all_units:
        raise ApiError(403, "forbidden", "only the office that sees every unit reads a plan")


def router(
    engine: Any,
    settings: Settings,
    current: Any,
    errors: Callable[..., dict],
    json_body: Callable[..., dict],
) -> APIRouter:
    """The routes, under /api/v1 (`current`: the authenticated user dependency)."""
    routes = APIRouter(prefix="/api/v1")

    def draw(asked: DrawRequest, user: User) -> dict:
        request = plans.DrawRequest(
            period=asked.period,
            teams=[list(team) for team in asked.teams],
            visits=asked.visits,
            per=asked.per,
            units=tuple(asked.units),
            kind=asked.kind,
            template_id=asked.template_id,
            mode=asked.mode,
            all_days=asked.all_days,
        )
        try:
            with engine.begin() as conn:
                return plans.draw_plan(conn, settings, request, _actor(user))
        except PlanError as error:
            raise _refused(error) from None

    def reveal(period: str, user: User) -> dict:
        try:
            with engine.begin() as conn:
                seed = plans.reveal_now(conn, settings, period, _actor(user))
        except PlanError as error:
            raise _refused(error) from None
        return {"period": period, "seed": seed}

    @routes.post(
        "/plans",
        response_model=PlanDrawn,
        responses=errors(
            400,
            401,
            403,
            409,
            413,
            422,
            s403="only admins",
            s409="a plan for the period was drawn already (`plan_exists`)",
            s422="the inputs break the contract, or name no zone, an unknown or disabled account "
            "(`no_user`), unit (`no_unit`) or template (`no_template`), or no plan keeps every "
            "rule (`cannot_draw`)",
        ),
        openapi_extra=json_body(DrawRequest, "the plan's period, zones, teams and visits"),
    )
    async def draw_plan(request: Request, user: Annotated[User, current]) -> dict:
        """Draw a period's plan from a new secret seed made on the server (admins), as
        `ducha-server plan draw` does: the answer's `seed_commitment` is published before the
        period. One plan per period. Audited (`plan_draw`)."""
        _admin(user)
        asked = parse(DrawRequest, await read_json(request, SMALL_BODY))
        return await run_in_threadpool(draw, asked, user)

    @routes.post(
        "/plans/{period}/reveal",
        response_model=PlanRevealed,
        responses=errors(
            401,
            403,
            404,
            409,
            422,
            s403="only admins",
            s404="no plan for the period",
            s409="the period has not ended (`not_ended`): its seed is revealed after it",
        ),
    )
    async def reveal_plan(user: Annotated[User, current], period: Annotated[str, PERIOD]) -> dict:
        """Reveal the seed of a period's plan after its last day (admins), as `ducha-server plan
        reveal` does; anyone may then recompute the draw. Audited (`plan_reveal`)."""
        _admin(user)
        return await run_in_threadpool(reveal, period, user)

    @routes.get(
        "/plans/accounts",
        response_model=AccountList,
        responses=errors(401, 403, s403="only admins"),
    )
    async def plan_accounts(user: Annotated[User, current]) -> dict:
        """The enabled accounts a team may hold, with their units (a team never visits its
        members' units): the draw form's choices (admins)."""
        _admin(user)
        return await run_in_threadpool(plans.accounts, engine)

    @routes.get("/plans/assignments", response_model=AssignmentList, responses=errors(401))
    async def own_assignments(user: Annotated[User, current]) -> dict:
        """Your own assignments of the plans, of days from a week ago up to tomorrow (the
        office's calendar day): a visit appears on the laptop the day before it."""
        return await run_in_threadpool(plans.own_assignments, engine, settings, user)

    @routes.get(
        "/plans",
        response_model=PlanList,
        responses=errors(401, 403, s403="only reviewers and admins"),
    )
    async def plan_list(user: Annotated[User, current]) -> dict:
        """Every plan's commitment and digests, newest period first (the office)."""
        _office(user)
        return await run_in_threadpool(plans.listing, engine)

    @routes.get(
        "/plans/{period}",
        response_model=PlanDetail,
        responses=errors(401, 403, 404, 422, s403="only reviewers of every unit and admins"),
    )
    async def plan_detail(user: Annotated[User, current], period: Annotated[str, PERIOD]) -> dict:
        """The whole plan of a period (the office): inputs, assignments, and the seed once it
        is revealed. Each read is audited."""
        _whole_office(user)
        found = await run_in_threadpool(plans.detail, engine, period)
        if found is None:
            raise ApiError(404, "not_found", f"no plan for {period}")
        await run_in_threadpool(
            audit.record_now,
            engine,
            "plan_read",
            user=user,
            device_id=user.device_id,
            entity="visit_plan",
            entity_id=found["id"],
            detail={"period": period},
        )
        return found

    return routes
