"""ducha-server plan draw | reveal | verify | show: confidential random visit plans
(server/plans.py, domain/visit_plan.py).

- draw --period P --team NAME[,NAME…] (repeatable) --visits N [--per day|week] [--unit U]…
  [--kind KIND] [--template ID] [--mode MODE] [--all-days]: draws the period's plan from a new
  secret seed and prints its summary as JSON, with `seed_commitment` (the SHA-256 of the seed,
  to publish before the period). One plan per period: a second draw is refused.
- reveal --period P [--before-end]: prints the seed and marks it revealed (after the period's
  last day; --before-end reveals it early, noted in the audit log).
- verify --period P: recomputes the draw from the revealed seed and the recorded inputs; exit 0
  when the stored plan matches, 1 when not (the reasons on stdout).
- show --period P [--out FILE]: the whole plan as JSON (seed once revealed), as the office's
  laptops receive it; `ducha verify-plan FILE` checks it on any machine.

Exit 2: refused (bad arguments, no such plan or user, a plan that cannot be drawn). Draw and
reveal are audited (`plan_draw`, `plan_reveal`) under `cli:<operating-system user>`.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from domain.visit_plan import PlanError
from server import audit, plans
from server.cli import _refuse, _settings, _url
from server.db import make_engine, reading


def cmd_plan_draw(args: argparse.Namespace) -> int:
    teams = [[n.strip() for n in t.split(",") if n.strip()] for t in args.team]
    asked = plans.DrawRequest(
        period=args.period,
        teams=teams,
        visits=args.visits,
        per=args.per,
        units=tuple(args.unit or ()),
        kind=args.kind,
        template_id=args.template,
        mode=args.mode,
        all_days=args.all_days,
    )
    engine = make_engine(_url(args))
    try:
        with engine.begin() as conn:
            summary = plans.draw_plan(conn, _settings(args), asked, audit.cli_actor())
    except PlanError as error:
        return _refuse(f"plan refused: {error}")
    finally:
        engine.dispose()
    print(json.dumps(summary, ensure_ascii=False))
    return 0


def cmd_plan_reveal(args: argparse.Namespace) -> int:
    engine = make_engine(_url(args))
    try:
        with engine.begin() as conn:
            seed = plans.reveal_now(
                conn, _settings(args), args.period, audit.cli_actor(), args.before_end
            )
    except PlanError as error:
        return _refuse(str(error))
    finally:
        engine.dispose()
    print(seed)
    return 0


def cmd_plan_verify(args: argparse.Namespace) -> int:
    engine = make_engine(_url(args))
    try:
        with reading(engine) as conn:
            verdict = plans.check(conn, args.period)
    except PlanError as error:
        return _refuse(str(error))
    finally:
        engine.dispose()
    if verdict.matches:
        print(f"{args.period}: the plan matches the draw from its revealed seed")
        return 0
    print(f"{args.period}: the plan does NOT match the draw from its revealed seed")
    for reason in verdict.reasons:
        print(f"- {reason}")
    return 1


def cmd_plan_show(args: argparse.Namespace) -> int:
    engine = make_engine(_url(args))
    try:
        found = plans.detail(engine, args.period)
    finally:
        engine.dispose()
    if found is None:
        return _refuse(f"no plan for {args.period}")
    text = json.dumps(found, ensure_ascii=False, indent=1)
    if args.out:
        Path(args.out).write_text(text + "\n", encoding="utf-8")
        print(f"wrote {args.out}")
    else:
        print(text)
    return 0


def add_plan_commands(sub: Any, common: Callable[[argparse.ArgumentParser], None]) -> None:
    plan = sub.add_parser(
        "plan",
        help="confidential random visit plans: draw, reveal, verify, show",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = plan.add_subparsers(dest="action", required=True)
    p = actions.add_parser("draw", help="draw a period's plan; prints the seed's commitment")
    p.add_argument("--period", required=True, help="a month YYYY-MM or an ISO week YYYY-Www")
    p.add_argument(
        "--team", action="append", required=True, help="login names, comma-separated (repeatable)"
    )
    p.add_argument("--visits", type=int, default=1, help="visits per team per day or week")
    p.add_argument("--per", choices=("day", "week"), default="day")
    p.add_argument("--unit", action="append", help="only zones of this unit (id or name)")
    p.add_argument("--kind", choices=("road_segment", "grid", "site"), help="only zones of a kind")
    p.add_argument("--template", help="the template id (default: the newest)")
    p.add_argument("--mode", choices=("unannounced", "open", "covert"), default="unannounced")
    p.add_argument("--all-days", action="store_true", help="every day, not only working days")
    common(p)
    p.set_defaults(func=cmd_plan_draw)
    p = actions.add_parser("reveal", help="print the seed after the period (and mark it revealed)")
    p.add_argument("--period", required=True)
    p.add_argument("--before-end", action="store_true", help="reveal before the period ends")
    common(p)
    p.set_defaults(func=cmd_plan_reveal)
    p = actions.add_parser("verify", help="recompute the draw: exit 0 it matches, 1 it does not")
    p.add_argument("--period", required=True)
    common(p)
    p.set_defaults(func=cmd_plan_verify)
    p = actions.add_parser("show", help="the whole plan as JSON (for `ducha verify-plan FILE`)")
    p.add_argument("--period", required=True)
    p.add_argument("--out", help="write it to this file")
    common(p)
    p.set_defaults(func=cmd_plan_show)
