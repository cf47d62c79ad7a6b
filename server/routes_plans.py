"""The visit-plan routes (server/plans.py): a laptop fetches its user's own assignments after each
pull; the office lists plans and reads one whole.

Confidentiality is decided here from the token's user, never from anything the client says: the
assignments route takes no parameter at all, and answers only that user's visits of days up to
tomorrow in the office's zone. Plans never travel through the change log, so no pull carries
them and units (which have no accounts) never see them."""

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Path
from starlette.concurrency import run_in_threadpool

from domain.contract.plans import PERIOD_PATTERN, AssignmentList, PlanDetail, PlanList
from server import audit, plans
from server.auth import User
from server.errors import ApiError
from server.settings import Settings

PERIOD = Path(pattern=PERIOD_PATTERN, description="a month YYYY-MM or an ISO week YYYY-Www")


def _office(user: User) -> None:
    if user.role not in plans.OFFICE_ROLES:
        raise ApiError(403, "forbidden", "only reviewers and admins see visit plans")


def router(engine: Any, settings: Settings, current: Any, errors: Callable[..., dict]) -> APIRouter:
    """The routes, under /api/v1 (`current`: the authenticated user dependency)."""
    routes = APIRouter(prefix="/api/v1")

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
        responses=errors(401, 403, 404, 422, s403="only reviewers and admins"),
    )
    async def plan_detail(user: Annotated[User, current], period: Annotated[str, PERIOD]) -> dict:
        """The whole plan of a period (the office): inputs, assignments, and the seed once it
        is revealed. Each read is audited."""
        _office(user)
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
