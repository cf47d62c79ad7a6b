"""Benchmark: the month's assessment and the review queue on a year's store.

A store with 100,000 submitted inspections and 1,000,000 findings over the 12 months ending with
the assessed month (default 2026-11, assessed as of 5 December 09:00 Beijing): 11 units, 29 zones,
~8,300 inspections a month, 10 findings each of which 2–4 are problems of 1–5 cases against item
codes of the shipped template (deductions by its rules: per case, capped per item); one or two
inspectors each; reviews for ~90 % (mostly accepted, ~3 % returned, most of those corrected by
an amendment that is reviewed in turn, a few returned again); notices for ~1/4 of the
inspections, each with its lifecycle events (签收, 整改回执, 复查 passed/failed, 延期 granted/
refused, 销号, a few reopened) up to the as-of time, so in every state and with assorted due
times.

The reference rows (units, zones, people, the template) go through the store's API; the bulk is
written with raw `executemany` in one transaction per month and skips the outbox (no outbox rows
for it: neither timed path reads the outbox) and the digests. No ANALYZE is run: the app never
runs it, so the planner sees what it sees on a user's laptop. The store is built once into
.bench-cache/assessment/ and reused on later runs (--rebuild to make it again).

Times, medians of --runs, each beside a baseline measured in the same run (interleaved). Each
run opens the store afresh (a new connection, SQLite's cache empty); the file itself stays in
the OS page cache, as on a laptop where the app ran a moment before:
  (1) a reviewer asks for the month's assessment: a fresh Store.open + assess_period (which also
      assesses the previous month, for 'improved') — target < 1 s — beside a plain SQL aggregate
      of the same deductions (sum and count of the problem findings of the month's submitted
      inspections, by unit) on a fresh connection, for the month and for the two months;
  (2) the review queue's first screen: a fresh Store.open, a ReviewQueueModel reloaded with the
      queue's pending filter (as app/inspections/filter_bar.py gives it) and the first
      screen's cells read —
      target < 300 ms — beside a bare `SELECT … LIMIT 200` of the newest submitted inspections
      on a fresh connection (and the queue's own SQL run bare, to split SQL from the model);
  (3) the 整改通知 list, as its job reads it: a fresh Store.open + list_notices (every notice
      replayed from its events) — target < 1 s — beside a bare read of the same notice rows
      and events on a fresh connection, as a ratio; and the 逾期提醒 check at start-up
      (attention_in: the SQL prefilter, then the replay of those picked), printed for the record.

    ./dev bench assessment [--runs N] [--inspections N] [--month YYYY-MM] [--rebuild]
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from assessment_store import (
    CACHE,
    ROOT,
    as_of_for,
    cached,
    prepare_store,
)
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication

from app.i18n import install_translator
from app.inspections.list_model import ReviewQueueModel
from app.notices.overdue_view import attention_in
from domain.assessment import Period
from domain.clock import to_iso
from domain.workcalendar import default_calendar_path, load_calendar
from local_db.assessment_data import assess_period, inspection_facts
from local_db.notices import list_notices
from local_db.queries import LIST_COLUMNS, InspectionFilter, where_clause
from local_db.store import STORE_FILE, Store

FIRST_SCREEN_ROWS = 30  # rows a review tab shows without scrolling
ASSESS_TARGET = 1.0
QUEUE_TARGET = 0.3
NOTICES_TARGET = 1.0
# The queue as the review tab opens it
# (app/inspections/filter_bar.py, FilterBar.current with review=True).
QUEUE_FILTER = InspectionFilter(status="submitted", review_state="pending", latest_only=True)


# -- timing ------------------------------------------------------------------------------------
def timed(fn: Callable[[], object]) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def median(xs: list[float]) -> float:
    return statistics.median(xs)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def runs_text(xs: list[float]) -> str:
    return ", ".join(f"{x * 1000:.0f}" for x in xs)


def verdict(value: float, target: float) -> str:
    return "PASS" if value < target else "MISS"


AGGREGATE = (
    "SELECT i.unit_id, sum(f.deduction), count(*) FROM inspection i "
    "JOIN finding f ON f.inspection_id = i.id "
    "WHERE i.status = 'submitted' AND i.started_at >= ? AND i.started_at < ? "
    "AND f.result = 'problem' GROUP BY i.unit_id"
)


def aggregate(path: Path, periods: list[Period]) -> list[tuple[Any, ...]]:
    """The plain SQL baseline: the deductions' sum and count by unit, on a fresh connection."""
    conn = sqlite3.connect(path)
    try:
        return [
            row
            for p in periods
            for row in conn.execute(AGGREGATE, [to_iso(p.start), to_iso(p.end)]).fetchall()
        ]
    finally:
        conn.close()


def assessment_phase(period: Period, as_of: datetime, runs: int) -> float:
    path = CACHE / STORE_FILE
    both = [period, period.previous()]
    result = None

    def assess() -> None:
        nonlocal result
        store = Store.open(CACHE)
        try:
            result = assess_period(store, period, as_of=as_of)
        finally:
            store.close()

    assess_runs: list[float] = []
    month_runs: list[float] = []
    both_runs: list[float] = []
    for _ in range(runs):
        assess_runs.append(timed(assess))
        month_runs.append(timed(lambda: aggregate(path, [period])))
        both_runs.append(timed(lambda: aggregate(path, both)))
    assert result is not None

    # Untimed check that the assessment read the deductions the SQL sums (the same rows).
    store = Store.open(CACHE)
    try:
        facts = inspection_facts(store, period)
    finally:
        store.close()
    sql_rows = aggregate(path, [period])
    sql_sum = sum(Decimal(str(r[1])) for r in sql_rows)
    facts_sum = sum((f.deducted for f in facts), Decimal(0))
    same = abs(sql_sum - facts_sum) < Decimal("0.001") and sum(r[2] for r in sql_rows) == sum(
        f.problems for f in facts
    )

    a, m, b = median(assess_runs), median(month_runs), median(both_runs)
    ranked = result.ranked
    print(
        f"assessment of {period.year}-{period.number:02d} (Store.open + assess_period, with the "
        f"previous month): {ms(a)}  target < {ASSESS_TARGET * 1000:.0f} ms  "
        f"{verdict(a, ASSESS_TARGET)}  runs {runs_text(assess_runs)}"
    )
    print(
        f"  plain SQL aggregate of the deductions: the month {ms(m)}, with the previous month "
        f"{ms(b)}  ratio {a / b:5.1f} (to the two months), {a / m:5.1f} (to the month)"
    )
    print(
        f"  {len(facts):,} submitted versions in the month, {sum(r[2] for r in sql_rows):,} "
        f"problems, {facts_sum} points deducted: "
        f"{'the same as' if same else 'DIFFERENT FROM'} the SQL aggregate; {len(ranked)} units "
        f"ranked, scores {ranked[0].score:.2f} … {ranked[-1].score:.2f}"
        if ranked
        else "  no unit ranked"
    )
    if not same:
        raise SystemExit("the assessment's deductions differ from the SQL aggregate")
    return a


def queue_phase(runs: int) -> float:
    app = QApplication.instance() or QApplication([])
    install_translator(app, "zh_CN")
    path = CACHE / STORE_FILE
    shown: list[int] = []

    def first_screen() -> None:
        store = Store.open(CACHE)
        try:
            model = ReviewQueueModel(store)
            model.set_filter(QUEUE_FILTER)
            rows = min(FIRST_SCREEN_ROWS, model.rowCount())
            for r in range(rows):
                for c in range(model.columnCount()):
                    model.data(model.index(r, c, QModelIndex()), Qt.ItemDataRole.DisplayRole)
            shown[:] = [model.rowCount(), rows]
        finally:
            store.close()

    bare_sql = (
        "SELECT i.id, i.started_at, i.status, i.mode, i.score, i.problem_count, i.zone_id, "
        "i.unit_id FROM inspection i WHERE i.status = 'submitted' "
        "ORDER BY i.started_at DESC, i.id DESC LIMIT 200"
    )
    store = Store.open(CACHE)
    try:
        clauses, params = where_clause(store, QUEUE_FILTER)
    finally:
        store.close()
    queue_sql = (
        f"SELECT {LIST_COLUMNS} FROM inspection i WHERE {' AND '.join(clauses)} "
        "ORDER BY i.started_at DESC, i.id DESC LIMIT ?"
    )

    def bare(sql: str, values: list[Any]) -> None:
        conn = sqlite3.connect(path)
        try:
            conn.execute(sql, values).fetchall()
        finally:
            conn.close()

    ui_runs: list[float] = []
    bare_runs: list[float] = []
    queue_runs: list[float] = []
    for _ in range(runs):
        ui_runs.append(timed(first_screen))
        bare_runs.append(timed(lambda: bare(bare_sql, [])))
        queue_runs.append(timed(lambda: bare(queue_sql, [*params, 201])))
    ui, b, q = median(ui_runs), median(bare_runs), median(queue_runs)
    print(
        f"review queue, first screen (Store.open + ReviewQueueModel reload, pending, "
        f"{shown[1]} rows read): {ms(ui)}  target < {QUEUE_TARGET * 1000:.0f} ms  "
        f"{verdict(ui, QUEUE_TARGET)}  runs {runs_text(ui_runs)}"
    )
    print(
        f"  bare SELECT … LIMIT 200 (newest submitted): {ms(b)}  ratio {ui / b:5.1f}; "
        f"the queue's own SQL run bare: {ms(q)}  ({shown[0]} rows in the first page)"
    )
    return ui


# What list_notices reads, run bare: the notices with their names, and the events it replays.
NOTICE_ROWS = (
    "SELECT n.*, u.name AS unit_name, z.name AS zone_name, p.name AS issued_by_name "
    "FROM notice n JOIN unit u ON u.id = n.unit_id LEFT JOIN zone z ON z.id = n.zone_id "
    "LEFT JOIN person p ON p.id = n.issued_by ORDER BY n.issued_at DESC, n.id DESC"
)
NOTICE_EVENTS = (
    "SELECT notice_id, kind, at, new_due_at, signer, note FROM notice_event "
    "ORDER BY notice_id, created_at, id"
)


def notices_phase(as_of: datetime, runs: int) -> float:
    path = CACHE / STORE_FILE
    listed: list[int] = []
    calendar = load_calendar(default_calendar_path())

    def full_list() -> None:
        store = Store.open(CACHE)
        try:
            listed[:] = [len(list_notices(store, now=as_of))]
        finally:
            store.close()

    def bare() -> None:
        conn = sqlite3.connect(path)
        try:
            conn.execute(NOTICE_ROWS).fetchall()
            conn.execute(NOTICE_EVENTS).fetchall()
        finally:
            conn.close()

    def overdue_check() -> None:
        store = Store.open(CACHE)
        try:
            attention_in(store, calendar)
        finally:
            store.close()

    list_runs: list[float] = []
    bare_runs: list[float] = []
    check_runs: list[float] = []
    for _ in range(runs):
        list_runs.append(timed(full_list))
        bare_runs.append(timed(bare))
        check_runs.append(timed(overdue_check))
    n, b, c = median(list_runs), median(bare_runs), median(check_runs)
    print(
        f"notices list, all {listed[0]:,} (Store.open + list_notices, each replayed): {ms(n)}  "
        f"target < {NOTICES_TARGET * 1000:.0f} ms  {verdict(n, NOTICES_TARGET)}  "
        f"runs {runs_text(list_runs)}"
    )
    print(f"  bare read of the same notice rows and events: {ms(b)}  ratio {n / b:5.1f}")
    print(f"overdue check at start-up (attention_in): {ms(c)}  runs {runs_text(check_runs)}")
    return n


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--inspections", type=int, default=100_000)
    parser.add_argument("--month", default="2026-11", help="the month assessed (YYYY-MM)")
    parser.add_argument("--rebuild", action="store_true", help="make the cached store again")
    args = parser.parse_args()
    period = Period.parse_month(args.month)
    as_of = as_of_for(period)

    manifest = cached(args, period, as_of)
    c = manifest["counts"]
    how = "reused the cached store, generated" if manifest["reused"] else "generated"
    print(
        f"{how} in {manifest['seconds']:.1f} s ({manifest['built_at']}; --rebuild to make it "
        f"again): {c['inspection']:,} inspections ({c['amendments']:,} amendments), "
        f"{c['finding']:,} findings, {c['review']:,} reviews ({c['returned']:,} returned), "
        f"{c['notice']:,} notices with {c['notice_event']:,} events; "
        f"{(CACHE / STORE_FILE).stat().st_size / 2**20:.0f} MiB in {CACHE.relative_to(ROOT)}/"
    )
    prepare_store()
    print(f"as of {as_of:%Y-%m-%d %H:%M} Beijing; medians of {args.runs} runs")
    assessed = assessment_phase(period, as_of, args.runs)
    queue = queue_phase(args.runs)
    notices = notices_phase(as_of, args.runs)
    met = assessed < ASSESS_TARGET and queue < QUEUE_TARGET and notices < NOTICES_TARGET
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
