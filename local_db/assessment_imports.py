"""The imported components of the composite assessment on this laptop (domain/assessment_import.py):
written by an office user's import (app/assessment/import_scores.py), pushed like any synced row,
replaced by what the server sends. A later import of the same (component, period) updates the
period's one row and appends the import it replaces to the row's history."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from domain.assessment_import import ENTITY, history_after, import_id, parse_history, scores_text
from domain.clock import now_iso
from local_db.store import Store


def held_import(store: Store, component: str, period: str) -> dict[str, Any] | None:
    """The period's import of the component this laptop holds, or None."""
    return store.row(ENTITY, import_id(component, period))


def save_import(
    store: Store,
    component: str,
    period: str,
    scores: dict[str, Decimal],
    *,
    file_name: str,
    file_sha256: str,
    imported_by: str | None,
    imported_at: str | None = None,
) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """Keep an import of `component` for `period` (queued for the server): the row written and
    the one it replaced (None for the period's first)."""
    with store.transaction():
        held = held_import(store, component, period)
        row = {
            "id": import_id(component, period),
            "component": component,
            "period": period,
            "scores": scores_text(scores),
            "file_name": file_name[:255],
            "file_sha256": file_sha256,
            "imported_by": imported_by,
            "imported_at": imported_at or now_iso(),
            "history": history_after(held),
        }
        return store.save(ENTITY, row), held


def imports(store: Store) -> list[dict[str, Any]]:
    """Every import held, by period then component, with its `scores` and `history` parsed."""
    found = []
    for r in store.rows(f"SELECT * FROM {ENTITY} ORDER BY period, component"):
        r["scores"] = {k: Decimal(str(v)) for k, v in json.loads(r["scores"]).items()}
        r["history"] = parse_history(r["history"])
        found.append(r)
    return found
