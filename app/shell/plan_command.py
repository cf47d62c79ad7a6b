"""`ducha verify-plan FILE.json`: recompute a published visit plan's draw from its revealed seed
and recorded inputs (domain/visit_plan.py), on any machine, without a server.

The file is what `ducha-server plan show --period P --out FILE.json` writes, or the office's
answer of `GET /api/v1/plans/{period}` saved as it is. Exit 0: the plan matches its seed (the
visits were drawn, not chosen); 1: it does not (why, one line each); 2: the file is unreadable.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from domain.visit_plan import commitment, verify_record


def verify_plan_command(path: Path) -> int:
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        print(f"ducha verify-plan: cannot read {path}: {error}", file=sys.stderr)
        return 2
    if not isinstance(record, dict):
        print(f"ducha verify-plan: {path} is not a published plan", file=sys.stderr)
        return 2
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
