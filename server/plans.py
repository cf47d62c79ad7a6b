"""Visit plans on the server (domain/visit_plan.py): inputs gathered from the database, the draw
stored with its seed's commitment, the reveal, the verification, and who sees what.

- The zones: active zones, all or of some units or of one kind. A team's units (never visited by
  it) are the units its members' accounts are bound to; an account bound to all units belongs
  to none (the office's own inspectors).
- The days: the office calendar's working days of the period (resources/calendar), every
  weekday where the calendar does not cover the year, or every day when asked.
- The weights: each zone's mean score over the submitted inspections of the previous period
  (`weight_for`, against the office's full score); no inspection: weight 1.
- A week plan's `covered`: zones with a submitted inspection earlier in the same month.
- Who sees what: an inspector (any user) asks for their own assignments and gets only those of
  days up to tomorrow in the office's zone; the office (reviewers of every unit, admins)
  reads whole plans, the seed only once revealed. Units have no accounts and plans never
  enter the change log.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from domain.clock import from_iso, now_iso, office_zone, utc_now
from domain.ids import new_id
from domain.org_settings import ORG_SETTINGS_ID
from domain.visit_plan import (
    PlanError,
    PlanInputs,
    PlanZone,
    Team,
    Verdict,
    commitment,
    draw,
    new_seed,
    period_days,
    period_kind,
    plan_digest,
    verify_record,
    week_of,
    weight_for,
)
from domain.workcalendar import default_calendar_path, load_calendar
from server import audit
from server.auth import User
from server.db import (
    ENTITY_TABLES,
    app_user,
    plan_assignment,
    reading,
    user_unit,
    visit_plan,
    write_lock,
)
from server.org import office
from server.seed import Seeder
from server.settings import Settings

OFFICE_ROLES = ("reviewer", "admin")
LOOK_BACK_DAYS = 7  # an inspector still sees the visits of the last week


@dataclass(frozen=True)
class DrawRequest:
    period: str
    teams: list[list[str]]  # usernames
    visits: int
    per: str = "day"
    units: tuple[str, ...] = ()  # unit ids or names (empty: all)
    kind: str | None = None
    template_id: str | None = None
    mode: str = "unannounced"
    all_days: bool = False


def _rows(conn: sa.Connection, entity: str) -> list[dict[str, Any]]:
    table = ENTITY_TABLES[entity]
    return [json.loads(text) for (text,) in conn.execute(sa.select(table.c.row))]


def _previous(period: str) -> list[date]:
    first = period_days(period)[0]
    if period_kind(period) == "week":
        return period_days(week_of(first - timedelta(days=7)))
    last = first - timedelta(days=1)
    return period_days(f"{last.year}-{last.month:02d}")


def _local_day(text: str, zone: str) -> date:
    return from_iso(text).astimezone(office_zone(zone)).date()


def working_days(period: str, zone: str, all_days: bool) -> tuple[str, ...]:
    days = period_days(period)
    if all_days:
        return tuple(d.isoformat() for d in days)
    calendar = load_calendar(default_calendar_path(), tz=zone)
    return tuple(
        d.isoformat()
        for d in days
        if (calendar.is_working_day(d) if calendar.covers(d) else d.weekday() < 5)
    )


def gather(conn: sa.Connection, settings: Settings, asked: DrawRequest) -> PlanInputs:
    """The inputs of a draw from what the database holds (PlanError: what is wrong)."""
    tz = office(conn, settings).zone
    zones = [z for z in _rows(conn, "zone") if z.get("active", 1)]
    scope = "all"
    if asked.units:
        zones = [z for z in zones if z["unit_id"] in asked.units]
        scope = "unit:" + ",".join(sorted(asked.units))
    if asked.kind:
        zones = [z for z in zones if z["kind"] == asked.kind]
        scope = f"kind:{asked.kind}" if scope == "all" else f"{scope};kind:{asked.kind}"
    if not zones:
        raise PlanError("no active zone matches", "no_zone")
    full = 100.0
    org = {r["id"]: r for r in _rows(conn, "org_settings")}.get(ORG_SETTINGS_ID)
    if org:
        full = float(org["full_score"])
    previous = set(_previous(asked.period))
    first = period_days(asked.period)[0]
    month_start = first.replace(day=1)
    scores: dict[str, list[float]] = defaultdict(list)
    covered: set[str] = set()
    for row in _rows(conn, "inspection"):
        if row.get("status") != "submitted":
            continue
        day = _local_day(row["started_at"], tz)
        if day in previous and row.get("score") is not None:
            scores[row["zone_id"]].append(float(row["score"]))
        if month_start <= day < first:
            covered.add(row["zone_id"])
    plan_zones = tuple(
        PlanZone(
            z["id"],
            z["unit_id"],
            weight_for(
                sum(scores[z["id"]]) / len(scores[z["id"]]) if scores[z["id"]] else None, full
            ),
        )
        for z in zones
    )
    teams = tuple(_team(conn, names) for names in asked.teams)
    template_id = asked.template_id or _newest_template(conn)
    templates = ENTITY_TABLES["template"]
    if (
        asked.template_id
        and not conn.execute(
            sa.select(templates.c.id).where(templates.c.id == asked.template_id)
        ).first()
    ):
        raise PlanError(f"no template {asked.template_id!r}", "no_template")
    week = period_kind(asked.period) == "week"
    return PlanInputs(
        period=asked.period,
        days=working_days(asked.period, tz, asked.all_days),
        zones=plan_zones,
        teams=teams,
        visits=asked.visits,
        per=asked.per,  # type: ignore[arg-type]
        covered=tuple(sorted(covered & {z.id for z in plan_zones})) if week else (),
        template_id=template_id,
        mode=asked.mode,
        scope=scope,
    )


def _team(conn: sa.Connection, names: list[str]) -> Team:
    members: list[str] = []
    units: set[str] = set()
    for name in names:
        user = conn.execute(
            sa.select(app_user.c.id, app_user.c.all_units, app_user.c.enabled).where(
                app_user.c.username == name
            )
        ).first()
        if user is None or not user.enabled:
            raise PlanError(f"no enabled user {name!r}", "no_user")
        members.append(user.id)
        if not user.all_units:
            units.update(
                conn.execute(
                    sa.select(user_unit.c.unit_id).where(user_unit.c.user_id == user.id)
                ).scalars()
            )
    return Team(tuple(members), tuple(sorted(units)))


def _newest_template(conn: sa.Connection) -> str | None:
    table = ENTITY_TABLES["template"]
    found = conn.execute(
        sa.select(table.c.id).order_by(table.c.version.desc(), table.c.id).limit(1)
    ).first()
    return found.id if found else None


# -- draw, reveal, verify ------------------------------------------------------------------------
def draw_plan(
    conn: sa.Connection, settings: Settings, asked: DrawRequest, actor: dict[str, Any]
) -> dict[str, Any]:
    """Draw a period's plan as asked, from a new secret seed made here, and store it with its
    commitment: what `ducha-server plan draw` and POST /plans both do (PlanError: refused)."""
    write_lock(conn)  # two draws of one period at once: the second finds the first
    units = []
    for key in asked.units:
        unit = Seeder(conn, settings).unit_id(key)
        if unit is None:
            raise PlanError(f"no unit {key!r}", "no_unit")
        units.append(unit)
    inputs = gather(conn, settings, replace(asked, units=tuple(units)))
    return store_draw(conn, inputs, actor)


def reveal_now(
    conn: sa.Connection, settings: Settings, period: str, actor: dict[str, Any], early: bool = False
) -> str:
    """Reveal the seed on the office's calendar day (after the period's last day unless
    `early`): what `ducha-server plan reveal` and POST /plans/{period}/reveal both do."""
    return reveal(conn, period, actor, office_today(conn, settings), early)


def store_draw(
    conn: sa.Connection, inputs: PlanInputs, actor: dict[str, Any], seed: str | None = None
) -> dict[str, Any]:
    """Draw the plan and store it with its commitment (PlanError: refused, e.g. a plan for
    the period exists already: a second draw would make the commitment worthless)."""
    if conn.execute(sa.select(visit_plan.c.id).where(visit_plan.c.period == inputs.period)).first():
        raise PlanError(f"a plan for {inputs.period} was drawn already", "plan_exists")
    seed = seed or new_seed()
    drawn = draw(seed, inputs)
    plan_id, at = new_id(), now_iso()
    summary = {
        "id": plan_id,
        "period": inputs.period,
        "kind": period_kind(inputs.period),
        "seed_commitment": commitment(seed),
        "inputs_digest": inputs.digest(),
        "plan_digest": plan_digest(drawn),
    }
    conn.execute(
        sa.insert(visit_plan).values(
            **summary,
            inputs=inputs.canonical().decode(),
            seed=seed,
            drawn_at=at,
            drawn_by=actor.get("user_id") or actor.get("user_name") or "-",
        )
    )
    rows = [
        {
            "id": new_id(),
            "plan_id": plan_id,
            "day": a.day,
            "team": a.team,
            "seat": seat,
            "inspector_id": member,
            "zone_id": a.zone_id,
            "unit_id": a.unit_id,
            "template_id": inputs.template_id,
            "mode": inputs.mode,
        }
        for a in drawn
        for seat, member in enumerate(a.members)
    ]
    if rows:
        conn.execute(sa.insert(plan_assignment), rows)
    audit.record(
        conn,
        "plan_draw",
        entity="visit_plan",
        entity_id=plan_id,
        detail={
            "period": inputs.period,
            "seed_commitment": summary["seed_commitment"],
            "inputs_digest": summary["inputs_digest"],
            "plan_digest": summary["plan_digest"],
            "visits": len(drawn),
        },
        **actor,
    )
    return {**summary, "visits": len(drawn)}


def plan_row(conn: sa.Connection, period: str) -> sa.Row | None:
    return conn.execute(sa.select(visit_plan).where(visit_plan.c.period == period)).first()


def reveal(
    conn: sa.Connection, period: str, actor: dict[str, Any], now: date, early: bool = False
) -> str:
    """The seed, marked revealed (PlanError: no plan, or the period has not ended)."""
    row = plan_row(conn, period)
    if row is None:
        raise PlanError(f"no plan for {period}", "not_found")
    if row.revealed_at is not None:
        return str(row.seed)
    if period_days(period)[-1] >= now and not early:
        raise PlanError(f"{period} has not ended: its seed is revealed after it", "not_ended")
    conn.execute(
        sa.update(visit_plan)
        .where(visit_plan.c.id == row.id)
        .values(revealed_at=now_iso(), revealed_by=actor.get("user_id") or actor.get("user_name"))
    )
    audit.record(
        conn,
        "plan_reveal",
        entity="visit_plan",
        entity_id=row.id,
        detail={"period": period, "seed": row.seed, "before_end": early or None},
        **actor,
    )
    return str(row.seed)


def check(conn: sa.Connection, period: str) -> Verdict:
    """Recompute the draw from the revealed seed and recorded inputs (PlanError: no plan, or
    its seed not revealed yet)."""
    row = plan_row(conn, period)
    if row is None:
        raise PlanError(f"no plan for {period}", "not_found")
    if row.revealed_at is None:
        raise PlanError(f"the seed of {period} is not revealed yet", "not_revealed")
    rows = [dict(r._mapping) for r in conn.execute(_assignment_query(row.id))]
    return verify_record(
        {
            "seed": row.seed,
            "seed_commitment": row.seed_commitment,
            "inputs": json.loads(row.inputs),
            "inputs_digest": row.inputs_digest,
            "assignments": rows,
        }
    )


def _assignment_query(plan_id: str) -> sa.Select:
    a = plan_assignment.c
    return sa.select(plan_assignment).where(a.plan_id == plan_id).order_by(a.day, a.team, a.seat)


# -- who sees what -------------------------------------------------------------------------------
def office_today(conn: sa.Connection, settings: Settings, now: datetime | None = None) -> date:
    return (now or utc_now()).astimezone(office_zone(office(conn, settings).zone)).date()


def own_assignments(
    engine: sa.Engine, settings: Settings, user: User, now: datetime | None = None
) -> dict[str, Any]:
    """The user's own assignments of days up to tomorrow (office zone), from a week back."""
    a, p = plan_assignment.c, visit_plan.c
    with reading(engine) as conn:
        today = office_today(conn, settings, now)
        until = today + timedelta(days=1)
        since = today - timedelta(days=LOOK_BACK_DAYS)
        rows = conn.execute(
            sa.select(plan_assignment, p.period)
            .join(visit_plan, p.id == a.plan_id)
            .where(
                a.inspector_id == user.id,
                a.day <= until.isoformat(),
                a.day >= since.isoformat(),
            )
            .order_by(a.day, a.team)
        ).all()
    return {
        "assignments": [dict(r._mapping) for r in rows],
        "today": today.isoformat(),
        "until": until.isoformat(),
    }


def _summary(row: sa.Row, visits: int) -> dict[str, Any]:
    return {
        "id": row.id,
        "period": row.period,
        "kind": row.kind,
        "seed_commitment": row.seed_commitment,
        "inputs_digest": row.inputs_digest,
        "plan_digest": row.plan_digest,
        "drawn_at": row.drawn_at,
        "revealed_at": row.revealed_at,
        "visits": visits,
    }


def listing(engine: sa.Engine) -> dict[str, Any]:
    a = plan_assignment.c
    with reading(engine) as conn:
        counts: dict[str, int] = dict(
            conn.execute(
                sa.select(a.plan_id, sa.func.count()).where(a.seat == 0).group_by(a.plan_id)
            ).all()
        )
        plans = conn.execute(sa.select(visit_plan).order_by(visit_plan.c.period.desc())).all()
    return {"plans": [_summary(p, int(counts.get(p.id, 0))) for p in plans]}


def detail(engine: sa.Engine, period: str) -> dict[str, Any] | None:
    """The whole plan (the office's): inputs, assignments, the seed once revealed."""
    with reading(engine) as conn:
        row = plan_row(conn, period)
        if row is None:
            return None
        rows = [dict(r._mapping) for r in conn.execute(_assignment_query(row.id))]
    return {
        **_summary(row, sum(1 for r in rows if r["seat"] == 0)),
        "seed": row.seed if row.revealed_at else None,
        "inputs": json.loads(row.inputs),
        "assignments": [{**r, "period": period} for r in rows],
    }


def accounts(engine: sa.Engine) -> dict[str, Any]:
    """The enabled accounts a team may hold (the office's draw form), with their units."""
    u = app_user.c
    with reading(engine) as conn:
        users = conn.execute(
            sa.select(u.id, u.username, u.name, u.role, u.all_units)
            .where(u.enabled == sa.true())
            .order_by(u.role, u.username)
        ).all()
        bound: dict[str, list[str]] = defaultdict(list)
        for user_id, unit_id in conn.execute(
            sa.select(user_unit.c.user_id, user_unit.c.unit_id).order_by(user_unit.c.unit_id)
        ):
            bound[user_id].append(unit_id)
    return {
        "accounts": [
            {
                "username": r.username,
                "name": r.name,
                "role": r.role,
                "units": [] if r.all_units else bound[r.id],
            }
            for r in users
        ]
    }
