"""The wire shape of visit plans (domain/visit_plan.py; server/routes_plans.py).

- `GET /api/v1/plans/assignments` → `AssignmentList`: the caller's own assignments, only those of
  days up to tomorrow in the office's zone (the server decides, from the token's user).
- `GET /api/v1/plans` → `PlanList` and `GET /api/v1/plans/{period}` → `PlanDetail`: the office
  (reviewers, admins) only, the whole plan for those who see every unit;
  the seed is null until it is revealed after the period.
- `POST /api/v1/plans` (`DrawRequest` → `PlanDrawn`), `POST /api/v1/plans/{period}/reveal`
  (→ `PlanRevealed`) and `GET /api/v1/plans/accounts` (→ `AccountList`, whom a team may hold):
  admins only. The seed is made on the server; no request carries one.

A laptop checks what it receives with `invalid_assignments` and keeps only what passes.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from domain.contract.fields import Id, Mode, Name, Sha256, ZoneKind, text

STRICT = ConfigDict(strict=True, extra="ignore", allow_inf_nan=False)
REQUEST = ConfigDict(strict=True, extra="forbid", allow_inf_nan=False)
MAX_TEAMS = 50
MAX_MEMBERS = 10
MAX_UNITS = 200
MAX_VISITS = 50  # per team per day or week (domain/visit_plan.py PlanInputs.check)
PERIOD_PATTERN = r"^20[0-9]{2}-(0[1-9]|1[0-2]|W(0[1-9]|[1-4][0-9]|5[0-3]))$"
DAY_PATTERN = r"^20[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
MOMENT_TEXT = r"^20[0-9]{2}-[0-9]{2}-[0-9]{2}T[0-9:.]+(Z|[+-][0-9]{2}:[0-9]{2})$"

Period = Annotated[
    str,
    Field(pattern=PERIOD_PATTERN, description="a month YYYY-MM or an ISO week YYYY-Www"),
]
Day = Annotated[str, Field(pattern=DAY_PATTERN, description="a date YYYY-MM-DD (office zone)")]


class PlanAssignment(BaseModel):
    """One inspector's visit: the zone, its unit, the day, the template and mode to use."""

    model_config = STRICT

    id: Id
    plan_id: Id
    period: Period
    day: Day
    team: Annotated[int, Field(ge=0, le=1000)]
    seat: Annotated[int, Field(ge=0, le=1000, description="0: the team's lead")]
    inspector_id: Id
    zone_id: Id
    unit_id: Id
    template_id: Id | None = None
    mode: Mode


class AssignmentList(BaseModel):
    """The answer as the server declares it (its OpenAPI)."""

    model_config = ConfigDict(extra="allow")

    assignments: list[PlanAssignment] = Field(description="yours, of days up to `until`")
    today: Day
    until: Day


class ReceivedAssignments(BaseModel):
    """The same answer as a laptop checks it: the envelope strictly, each assignment alone
    (`invalid_assignments`), so one bad assignment is left out rather than failing the sync."""

    model_config = ConfigDict(extra="allow")

    assignments: list[dict[str, Any]]
    today: Day
    until: Day


class PlanSummary(BaseModel):
    model_config = ConfigDict(extra="allow")

    id: Id
    period: Period
    kind: str
    seed_commitment: Sha256
    inputs_digest: Sha256
    plan_digest: Sha256
    drawn_at: str
    revealed_at: str | None = None
    visits: int


class PlanList(BaseModel):
    model_config = ConfigDict(extra="allow")

    plans: list[PlanSummary]


class PlanDetail(PlanSummary):
    """The whole plan for the office: its recorded inputs, the seed once revealed, every
    assignment. Saved as a file, it is what `ducha verify-plan FILE` checks."""

    seed: Sha256 | None = None
    inputs: dict[str, Any]
    assignments: list[PlanAssignment]


Username = Annotated[str, text(200, 1)]


class DrawRequest(BaseModel):
    """Draw a period's plan (admins): the same inputs as `ducha-server plan draw`. Teams are
    login names; units are ids or names (none: every unit); the server makes the seed."""

    model_config = REQUEST

    period: Period
    teams: Annotated[
        list[Annotated[list[Username], Field(min_length=1, max_length=MAX_MEMBERS)]],
        Field(min_length=1, max_length=MAX_TEAMS, description="each team: its login names"),
    ]
    visits: Annotated[int, Field(ge=1, le=MAX_VISITS)] = 1
    per: Literal["day", "week"] = "day"
    units: Annotated[list[Name], Field(max_length=MAX_UNITS)] = Field(
        default_factory=list, description="only zones of these units (ids or names)"
    )
    kind: ZoneKind | None = Field(None, description="only zones of this kind")
    template_id: Id | None = Field(None, description="the template (none: the newest)")
    mode: Mode = "unannounced"
    all_days: bool = Field(False, description="every day, not only the working days")


class PlanDrawn(BaseModel):
    """The draw's summary: publish `seed_commitment` before the period."""

    model_config = ConfigDict(extra="allow")

    id: Id
    period: Period
    kind: str
    seed_commitment: Sha256
    inputs_digest: Sha256
    plan_digest: Sha256
    visits: int


class PlanRevealed(BaseModel):
    model_config = ConfigDict(extra="allow")

    period: Period
    seed: Sha256


class Account(BaseModel):
    model_config = ConfigDict(extra="allow")

    username: str
    name: str
    role: str
    units: list[Id] = Field(description="its units (none: all units; it belongs to none)")


class AccountList(BaseModel):
    model_config = ConfigDict(extra="allow")

    accounts: list[Account]


ASSIGNMENTS: TypeAdapter[list[Any]] = TypeAdapter(list[PlanAssignment])


def invalid_assignments(items: list[Any]) -> set[int]:
    """Indexes of the received assignments that break the contract (kept out of the store)."""
    try:
        ASSIGNMENTS.validate_python(items)
    except ValidationError as error:
        return {
            int(e["loc"][0])
            for e in error.errors(include_url=False, include_input=False)
            if e.get("loc") and isinstance(e["loc"][0], int)
        }
    return set()
