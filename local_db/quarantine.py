"""Pulled changes this laptop cannot apply at all, set aside in `quarantine` (docs/architecture.md,
"A pull a bad row cannot stop"): kept with why, shown in the status bar, logged without their
rows, tried again at each later pull (local_db/sync_state.py apply_pulled)."""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from typing import Any

from domain.clock import now_iso
from domain.wire import ENTITIES
from local_db.store import Store

log = logging.getLogger("local_db.sync_state")


def set_aside(store: Store, change: Mapping[str, Any], reason: str) -> None:
    """Keep a pulled change that cannot be applied in `quarantine` (the latest per row), and log
    which one and why — never its row, which may hold personal data."""
    entity, entity_id = str(change.get("entity")), str(change.get("id"))
    row = change.get("row")
    store.db.execute(
        "INSERT INTO quarantine(entity, entity_id, seq, op, row, reason, at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(entity, entity_id) DO UPDATE SET "
        "seq = excluded.seq, op = excluded.op, row = excluded.row, reason = excluded.reason, "
        "at = excluded.at",
        [
            entity,
            entity_id,
            change.get("seq") if isinstance(change.get("seq"), int) else None,
            str(change.get("op")),
            json.dumps(row, ensure_ascii=False, default=str),
            reason[:1000],
            now_iso(),
        ],
    )
    log.warning("pulled %s %s (seq %s) set aside: %s", entity, entity_id, change.get("seq"), reason)


def set_aside_earlier(store: Store) -> list[dict[str, Any]]:
    """The changes in quarantine, as pulled (a newer pulled version of the row wins over one)."""
    found = []
    for q in store.rows("SELECT * FROM quarantine WHERE op IN ('upsert', 'delete') ORDER BY seq"):
        if q["entity"] in ENTITIES:
            row = json.loads(q["row"])
            item = {"entity": q["entity"], "id": q["entity_id"], "op": q["op"], "row": row}
            found.append({**item, "seq": q["seq"] if q["seq"] is not None else 1})
    return found


def quarantined(store: Store) -> list[dict[str, Any]]:
    """Pulled changes set aside, newest first: entity, entity_id, seq, op, row (JSON text),
    reason, at."""
    return store.rows("SELECT * FROM quarantine ORDER BY at DESC, entity, entity_id")


def naming_set_aside(
    ordered: list[dict[str, Any]], malformed: list[tuple[dict[str, Any], str]]
) -> dict[tuple[str, str], str]:
    """The changes whose rows name a row set aside here (parents first, so a grandchild too):
    they would dangle, or trip the store's triggers, so they are set aside with it."""
    gone = {str(c.get("id")): f"{c.get('entity')} {c.get('id')}" for c, _ in malformed}
    aside: dict[tuple[str, str], str] = {}
    for c in ordered:
        if c["op"] != "upsert":
            continue
        named = [v for k, v in c["row"].items() if k != "id" and isinstance(v, str) and v in gone]
        if named:
            aside[(c["entity"], c["id"])] = f"its {gone[named[0]]} was set aside"
            gone[c["id"]] = f"{c['entity']} {c['id']}"
    return aside
