"""This user's visit-plan assignments (domain/visit_plan.py; server/routes_plans.py): what the
server last answered, kept so a visit can be started offline with its zone, template and mode.

The server decides what a laptop may hold (its own visits, up to tomorrow); the laptop keeps
exactly that: each answer replaces the table whole, so a visit withdrawn from the plan leaves the
laptop at the next sync. Assignments that break the contract are left out (and counted).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import timedelta
from typing import Any

from domain.assessment import Period
from domain.clock import now_iso
from domain.contract.plans import PlanAssignment, invalid_assignments
from domain.visit_plan import week_of
from local_db.store import Store

COLUMNS = tuple(PlanAssignment.model_fields)


def replace(store: Store, answer: Mapping[str, Any]) -> tuple[int, int]:
    """Keep the assignments of the server's answer in place of those held: (kept, left out)."""
    items: Sequence[Any] = answer.get("assignments") or []
    bad = invalid_assignments(list(items))
    at = now_iso()
    kept = [
        {**{c: item.get(c) for c in COLUMNS}, "received_at": at}
        for i, item in enumerate(items)
        if i not in bad
    ]
    held = store.rows(f"SELECT {', '.join(COLUMNS)} FROM plan_assignment ORDER BY id")
    wanted = sorted(({c: row[c] for c in COLUMNS} for row in kept), key=lambda r: str(r["id"]))
    if held == wanted:  # the usual sync: nothing to write
        return len(kept), len(bad)
    with store.transaction():
        store.db.execute("DELETE FROM plan_assignment")
        if kept:
            names = [*COLUMNS, "received_at"]
            store.db.conn.executemany(
                f"INSERT OR REPLACE INTO plan_assignment ({', '.join(names)}) "
                f"VALUES ({', '.join('?' for _ in names)})",
                [[row[n] for n in names] for row in kept],
            )
    return len(kept), len(bad)


def upcoming(store: Store, since: str) -> list[dict[str, Any]]:
    """The visits of `since` (a date YYYY-MM-DD) and later, with their zone's, unit's and
    template's names, by day and zone."""
    return store.rows(
        """
        SELECT a.id, a.day, a.zone_id, a.unit_id, a.template_id, a.mode, a.period, a.seat,
               z.name AS zone_name, u.name AS unit_name, t.name AS template_name
        FROM plan_assignment a
        LEFT JOIN zone z ON z.id = a.zone_id
        LEFT JOIN unit u ON u.id = a.unit_id
        LEFT JOIN template t ON t.id = a.template_id
        WHERE a.day >= ?
        ORDER BY a.day, z.name, a.id
        """,
        [since],
    )


# -- the plans' commitments (the office's laptops) -------------------------------------------------
COMMITMENTS = "plan_commitments"  # meta: JSON {period: SHA-256 of the plan's seed}


def keep_commitments(store: Store, plans: Sequence[Mapping[str, Any]]) -> None:
    """The commitments of the plans the server lists (GET /plans: the office only), kept for
    the bulletin, which prints its period's."""
    held = {
        str(p["period"]): str(p["seed_commitment"])
        for p in plans
        if isinstance(p.get("period"), str) and isinstance(p.get("seed_commitment"), str)
    }
    text = json.dumps(held, sort_keys=True)
    if store.meta(COMMITMENTS) == text:
        return
    with store.transaction():
        store.set_meta(COMMITMENTS, text)


def plan_commitment(store: Store, period: Period) -> str | None:
    """The commitments of the plans of a month: the month's own and those of the ISO weeks
    that start in it, joined with 、; None when this laptop knows none."""
    try:
        held = json.loads(store.meta(COMMITMENTS) or "{}")
    except ValueError:
        return None
    if period.kind != "month" or not isinstance(held, dict):
        return None
    month = f"{period.first_day.year}-{period.first_day.month:02d}"
    weeks = {
        week_of(day)
        for day in (period.first_day + timedelta(days=i) for i in range(31))
        if day < period.end_day and day.weekday() == 0
    }
    found = [held[key] for key in [month, *sorted(weeks)] if key in held]
    return "、".join(found) or None


# -- revealed plans (the office's laptops) ---------------------------------------------------------
def revealed_periods(store: Store) -> set[str]:
    return {r["period"] for r in store.rows("SELECT period FROM revealed_plan")}


def keep_revealed(store: Store, record: Mapping[str, Any]) -> None:
    """A revealed plan as the server published it (GET /plans/{period}), kept as received: what
    this laptop verifies offline, and the evidence of what the server showed at the time."""
    with store.transaction():
        store.db.execute(
            "INSERT OR REPLACE INTO revealed_plan (period, seed_commitment, record, received_at) "
            "VALUES (?, ?, ?, ?)",
            [
                str(record["period"]),
                str(record["seed_commitment"]),
                json.dumps(record, ensure_ascii=False, sort_keys=True),
                now_iso(),
            ],
        )


def revealed_plan(store: Store, period: str) -> dict[str, Any] | None:
    found = store.rows("SELECT record FROM revealed_plan WHERE period = ?", [period])
    return json.loads(found[0]["record"]) if found else None


def known_plans(store: Store) -> list[dict[str, Any]]:
    """Every plan this laptop knows of, newest period first: {period, seed_commitment, record}
    (record: the whole plan once its seed was revealed, else None)."""
    try:
        held = json.loads(store.meta(COMMITMENTS) or "{}")
    except ValueError:
        held = {}
    plans = {p: {"period": p, "seed_commitment": c, "record": None} for p, c in held.items()}
    for row in store.rows("SELECT period, seed_commitment, record FROM revealed_plan"):
        plans[row["period"]] = {
            "period": row["period"],
            "seed_commitment": row["seed_commitment"],
            "record": json.loads(row["record"]),
        }
    return sorted(plans.values(), key=lambda p: p["period"], reverse=True)


def visit_rows(store: Store, record: Mapping[str, Any]) -> list[dict[str, Any]]:
    """A revealed plan's visits with names: {day, zone, unit, inspectors} (the lead first)."""
    names = {r["id"]: r["name"] for r in store.rows("SELECT id, name FROM person")}
    zones = {
        r["id"]: (r["name"], r["unit_name"])
        for r in store.rows(
            "SELECT z.id, z.name, u.name AS unit_name "
            "FROM zone z LEFT JOIN unit u ON u.id = z.unit_id"
        )
    }
    visits: dict[tuple[str, int, str], list[tuple[int, str]]] = {}
    for a in record.get("assignments") or []:
        key = (str(a["day"]), int(a["team"]), str(a["zone_id"]))
        visits.setdefault(key, []).append((int(a["seat"]), str(a["inspector_id"])))
    rows = []
    for (day, _team, zone_id), members in sorted(visits.items()):
        zone, unit = zones.get(zone_id, (zone_id, ""))
        people = "、".join(names.get(m, m) for _, m in sorted(members))
        rows.append({"day": day, "zone": zone, "unit": unit or "", "inspectors": people})
    return rows
