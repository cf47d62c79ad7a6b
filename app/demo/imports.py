"""Demo imported components (第三方评估, 民调, 专项工作, 专业检查) for the quarter the demo month
lies in, as an office would import them from its evaluators' files (local_db/assessment_imports.py),
so the demo's 统计通报 shows a complete quarter."""

from __future__ import annotations

import hashlib
import random
from datetime import date
from decimal import Decimal

from domain.assessment import Period
from domain.composite import period_key
from domain.composite_config import IMPORTED, NAMES_ZH
from local_db.assessment_data import units
from local_db.assessment_imports import save_import
from local_db.reference import people_with_role
from local_db.store import Store

# the range each component's scores are drawn from (on 100 marks)
_RANGE = {
    "third_party": (72, 96),
    "survey": (68, 94),
    "special": (80, 100),
    "professional": (70, 98),
}


def demo_imports(store: Store, today: date, seed: int, tz: str) -> int:
    """Import every imported component for today's quarter; returns how many imports."""
    rng = random.Random(f"{seed}:imports")
    quarter = Period.quarter(today.year, (today.month - 1) // 3 + 1, tz)
    period = period_key(quarter)
    office = [r["id"] for r in people_with_role(store, "reviewer")]
    by = office[0] if office else None
    held = units(store)
    for key in IMPORTED:
        low, high = _RANGE[key]
        scores = {u.id: Decimal(rng.randint(low * 10, high * 10)) / 10 for u in held}
        name = f"{today.year}年第{quarter.number}季度{NAMES_ZH[key]}得分（示例）.xlsx"
        digest = hashlib.sha256(f"{name}:{sorted(scores.items())}".encode()).hexdigest()
        save_import(store, key, period, scores, file_name=name, file_sha256=digest, imported_by=by)
    return len(IMPORTED)
