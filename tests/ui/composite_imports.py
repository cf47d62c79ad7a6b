"""Imported components in a test store, as `ducha import assessment` records them.

TODO(integration): issue 15's "composite" part adds the assessment_import table (its migration)
and `ducha import assessment`; until it is merged this writes the rows local_db/composite_data.py
reads into a table of that shape. After the merge, replace `add_import` by the real import.
"""

from __future__ import annotations

import json
from decimal import Decimal

from domain.clock import to_iso
from local_db.store import Store
from tests.core.fixture_month import AS_OF

COLUMNS = (
    "id TEXT PRIMARY KEY, component TEXT NOT NULL, period TEXT NOT NULL, scores TEXT NOT NULL, "
    "imported_by TEXT, imported_at TEXT, file_name TEXT, file_sha256 TEXT"
)


def add_import(
    store: Store,
    component: str,
    period: str,
    scores: dict[str, Decimal | int | str],
    *,
    file_name: str | None = None,
    imported_by: str = "王考核",
) -> None:
    """One component's import for a period (unit id → score)."""
    with store.transaction():
        store.db.execute(f"CREATE TABLE IF NOT EXISTS assessment_import ({COLUMNS})")
        store.db.execute(
            "INSERT INTO assessment_import VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                f"{component}-{period}",
                component,
                period,
                json.dumps({k: str(v) for k, v in scores.items()}),
                imported_by,
                to_iso(AS_OF),
                file_name or f"{component}-{period}.xlsx",
                "0" * 64,
            ],
        )


def import_all(store: Store, period: str, units: dict[str, str]) -> None:
    """Every imported component of DEFAULT_CONFIG for `period`, a score for each unit
    (letter → id): 第三方评估 90 − 2 per letter, 民调 80, 专项工作 100, 专业检查 85 + 1 per
    letter."""
    letters = sorted(units)
    add_import(store, "third_party", period, {units[x]: 90 - 2 * n for n, x in enumerate(letters)})
    add_import(store, "survey", period, dict.fromkeys(units.values(), 80))
    add_import(store, "special", period, dict.fromkeys(units.values(), 100))
    add_import(store, "professional", period, {units[x]: 85 + n for n, x in enumerate(letters)})
