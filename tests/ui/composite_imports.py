"""Imported components in a test store, written as `ducha import assessment` writes them
(local_db/assessment_imports.py save_import)."""

from __future__ import annotations

from decimal import Decimal

from domain.clock import to_iso
from local_db.assessment_imports import save_import
from local_db.store import Store
from tests.core.fixture_month import AS_OF


def add_import(
    store: Store,
    component: str,
    period: str,
    scores: dict[str, Decimal | int | str],
    *,
    file_name: str | None = None,
    imported_by: str | None = None,
) -> None:
    """One component's import for a period (unit id → score)."""
    save_import(
        store,
        component,
        period,
        {k: Decimal(str(v)) for k, v in scores.items()},
        file_name=file_name or f"{component}-{period}.xlsx",
        file_sha256="0" * 64,
        imported_by=imported_by,
        imported_at=to_iso(AS_OF),
    )


def import_all(store: Store, period: str, units: dict[str, str]) -> None:
    """Every imported component of DEFAULT_CONFIG for `period`, a score for each unit
    (letter → id): 第三方评估 90 − 2 per letter, 民调 80, 专项工作 100, 专业检查 85 + 1 per
    letter; imported by the reviewer 王考核 (the row keeps the person's id)."""
    by = store.save("person", {"name": "王考核", "role": "reviewer"})["id"]
    letters = sorted(units)
    scores = {units[x]: 90 - 2 * n for n, x in enumerate(letters)}
    add_import(store, "third_party", period, scores, imported_by=by)
    add_import(store, "survey", period, dict.fromkeys(units.values(), 80), imported_by=by)
    add_import(store, "special", period, dict.fromkeys(units.values(), 100), imported_by=by)
    scores = {units[x]: 85 + n for n, x in enumerate(letters)}
    add_import(store, "professional", period, scores, imported_by=by)
