"""Benchmark: the year's composite assessment (domain/composite.py) on the 1M-finding store.

The store is bench/assessment_store.py's (built once into .bench-cache/assessment/, reused):
100,000 submitted inspections and 1,000,000 findings over the 12 months ending with --month
(default 2026-11), notices with their lifecycle events. The year assessed is that month's year
(2026: its 11 months of data, and December empty), with the default configuration; the imported
components are missing (no import in the store), which costs nothing.

Times, medians of --runs, each beside a baseline measured in the same run (interleaved), each run
on a fresh connection (SQLite's cache empty, the file in the OS page cache):
  (1) a fresh Store.open + assess_composite_period for the year (the facts read once for the
      whole year, then the 12 months, the year's own figures and the components in memory),
      with its two parts timed apart (composite_facts: SQL and notice replay; assess_composite:
      in memory);
  (2) a plain SQL aggregate of the same deductions: the sum and count of the problem findings of
      the year's submitted inspections, by unit and by unit × month (what the 督查 component
      averages), on a fresh connection; printed as the ratio.

    ./dev bench composite [--runs N] [--inspections N] [--month YYYY-MM] [--rebuild]
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from assessment_store import CACHE, ROOT, as_of_for, cached, prepare_store

from domain.assessment import Period
from domain.clock import to_iso
from domain.composite import assess_composite
from local_db.composite_data import assess_composite_period, composite_facts
from local_db.store import STORE_FILE, Store

BY_UNIT = (
    "SELECT i.unit_id, sum(f.deduction), count(*) FROM inspection i "
    "JOIN finding f ON f.inspection_id = i.id "
    "WHERE i.status = 'submitted' AND i.started_at >= ? AND i.started_at < ? "
    "AND f.result = 'problem' GROUP BY i.unit_id"
)
# by unit and month of the visit (the stored times are UTC; Beijing's month starts 8 h earlier)
BY_UNIT_MONTH = (
    "SELECT i.unit_id, substr(datetime(i.started_at, '+8 hours'), 1, 7), sum(f.deduction), "
    "count(*) FROM inspection i JOIN finding f ON f.inspection_id = i.id "
    "WHERE i.status = 'submitted' AND i.started_at >= ? AND i.started_at < ? "
    "AND f.result = 'problem' GROUP BY 1, 2"
)


def timed(fn: Callable[[], object]) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f} ms"


def runs_text(xs: list[float]) -> str:
    return ", ".join(f"{x * 1000:.0f}" for x in xs)


def aggregate(path: Path, sql: str, period: Period) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, [to_iso(period.start), to_iso(period.end)]).fetchall()
    finally:
        conn.close()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--inspections", type=int, default=100_000)
    parser.add_argument("--month", default="2026-11", help="the store's last month (YYYY-MM)")
    parser.add_argument("--rebuild", action="store_true", help="make the cached store again")
    args = parser.parse_args()
    month = Period.parse_month(args.month)
    as_of = as_of_for(month)
    manifest = cached(args, month, as_of)
    c = manifest["counts"]
    how = "reused the cached store, generated" if manifest["reused"] else "generated"
    print(
        f"{how} in {manifest['seconds']:.1f} s: {c['inspection']:,} inspections, "
        f"{c['finding']:,} findings, {c['notice']:,} notices with {c['notice_event']:,} events; "
        f"{(CACHE / STORE_FILE).stat().st_size / 2**20:.0f} MiB in {CACHE.relative_to(ROOT)}/"
    )
    prepare_store()
    year = Period.year_of(month.year, month.tz)
    path = CACHE / STORE_FILE
    result = None

    def whole() -> None:
        nonlocal result
        store = Store.open(CACHE)
        try:
            result = assess_composite_period(store, year, as_of=as_of)
        finally:
            store.close()

    facts_runs: list[float] = []
    memory_runs: list[float] = []

    def parts() -> None:
        store = Store.open(CACHE)
        try:
            t = time.perf_counter()
            facts = composite_facts(store, year)
            facts_runs.append(time.perf_counter() - t)
            t = time.perf_counter()
            assess_composite(year, facts, as_of=as_of)
            memory_runs.append(time.perf_counter() - t)
        finally:
            store.close()

    whole_runs, unit_runs, month_runs = [], [], []
    for _ in range(args.runs):
        whole_runs.append(timed(whole))
        unit_runs.append(timed(lambda: aggregate(path, BY_UNIT, year)))
        month_runs.append(timed(lambda: aggregate(path, BY_UNIT_MONTH, year)))
        parts()
    assert result is not None
    rows = aggregate(path, BY_UNIT, year)
    problems = sum(r[2] for r in rows)
    deducted = sum((Decimal(str(r[1])) for r in rows), Decimal(0))
    w, u, m = (statistics.median(x) for x in (whole_runs, unit_runs, month_runs))
    f, a = statistics.median(facts_runs), statistics.median(memory_runs)
    print(f"as of {as_of:%Y-%m-%d %H:%M} Beijing; the year {year.year}; medians of {args.runs}")
    print(
        f"year's composite assessment (Store.open + assess_composite_period): {ms(w)}  "
        f"runs {runs_text(whole_runs)}"
    )
    print(f"  of which the facts (SQL, notice replay) {ms(f)}, the assessment in memory {ms(a)}")
    print(
        f"plain SQL aggregate of the same deductions over the year: by unit {ms(u)}, by unit "
        f"and month {ms(m)}  ratio {w / u:5.1f} (to by unit), {w / m:5.1f} (to by unit × month)"
    )
    ranked = result.ranked
    print(
        f"  {problems:,} problems, {deducted:.1f} points deducted in the year; {len(ranked)} units "
        f"ranked, totals {ranked[0].score:.2f} … {ranked[-1].score:.2f} (imported components "
        f"missing: {', '.join(result.missing) or 'none'})"
        if ranked
        else "  no unit ranked"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
