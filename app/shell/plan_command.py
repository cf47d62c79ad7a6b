"""`ducha verify-plan FILE.json` or `ducha verify-plan --period P --data-dir DIR`: recompute a
published visit plan's draw from its revealed seed and recorded inputs (domain/visit_plan.py),
without a server.

The file is what `ducha-server plan show --period P --out FILE.json` writes, or the office's
answer of `GET /api/v1/plans/{period}` saved as it is; `--period` checks the copy an office
laptop received at sync once the seed was revealed (local_db/plan_assignments.py). Exit 0: the
plan matches its seed (the visits were drawn, not chosen); 1: it does not (why, one line each);
2: the file is unreadable, or the store holds no revealed plan of that period.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from domain.visit_plan import commitment, verify_record


def verify_plan_command(
    path: Path | None, period: str | None = None, data_dir: Path | None = None
) -> int:
    if path is None:
        return _from_store(period, data_dir)
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        print(f"ducha verify-plan: cannot read {path}: {error}", file=sys.stderr)
        return 2
    if not isinstance(record, dict):
        print(f"ducha verify-plan: {path} is not a published plan", file=sys.stderr)
        return 2
    return _verify(path, record)


def _from_store(period: str | None, data_dir: Path | None) -> int:
    from local_db.plan_assignments import revealed_plan
    from local_db.store import STORE_FILE, Store

    if not period or data_dir is None:
        print("ducha verify-plan: give FILE.json, or --period P with --data-dir", file=sys.stderr)
        return 2
    if not (data_dir / STORE_FILE).exists():
        print(f"ducha verify-plan: no store in {data_dir}", file=sys.stderr)
        return 2
    store = Store.open(data_dir)
    try:
        record = revealed_plan(store, period)
    finally:
        store.close()
    if record is None:
        print(
            f"ducha verify-plan: this laptop holds no revealed plan of {period} (an office "
            "laptop receives each plan at the sync after its seed is revealed)",
            file=sys.stderr,
        )
        return 2
    return _verify(data_dir / STORE_FILE, record)


def _verify(path: Path, record: dict) -> int:
    verdict = verify_record(record)
    period = record.get("period", "?")
    print(f"{path}\nperiod {period}, seed commitment {record.get('seed_commitment', '?')}")
    if verdict.matches:
        seed = str(record["seed"])
        print(f"seed {seed} (SHA-256 {commitment(seed)})")
        print(f"VERIFIED: the plan of {period} is the draw from its revealed seed and inputs")
        return 0
    print(f"NOT VERIFIED: {len(verdict.reasons)} problem(s)")
    for reason in verdict.reasons:
        print(f"  {reason}")
    return 1
