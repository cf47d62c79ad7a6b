"""The sync wire format, shared by the client and the server (docs/architecture.md, "Sync").

A change is {entity, id, op: "upsert"|"delete", row}; `row` carries the data model's field names.
Entities travel in dependency order so a batch never references a row it has not sent yet.
What a change and each entity's row may hold is the typed contract: domain/contract.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

# Parents before children: a server applying a batch in this order meets no dangling reference.
ENTITIES = (
    "person",
    "unit",
    "zone",
    "template",
    "inspection",
    "inspection_person",
    "finding",
    # a case (问题来源) before the notice it becomes: the notice names it (case_id); the case
    # names its notice (notice_id) when the notice is held or follows in the same push
    "problem_case",
    "notice",
    "notice_event",
    "rectification",
    "recheck",
    # a photo belongs to an inspection, a rectification, a recheck or a case: after all of them
    "photo",
    "duty_check",  # 马路办公 during an inspection: names the inspection, its zone and a photo
    "annotation",
    "review",
    "org_settings",  # the office's settings (domain/org_settings.py): names no other row
    "assessment_import",  # an imported component's scores (domain/assessment_import.py)
)
OPS = ("upsert", "delete")
BATCH_LIMIT = 250  # changes per push, like Anki's chunks
BOOKKEEPING = ("created_at", "updated_at", "device_id", "rev")


def entity_order(entity: str) -> int:
    return ENTITIES.index(entity)


def batch_id(device_id: str, first_seq: int, last_seq: int) -> str:
    """Derived from the outbox range, so a retry after a lost answer reuses it (idempotent)."""
    return f"{device_id}:{first_seq}-{last_seq}"


def change(entity: str, row: Mapping[str, Any], op: str = "upsert") -> dict[str, Any]:
    if entity not in ENTITIES:
        raise ValueError(f"unknown entity {entity!r}")
    if op not in OPS:
        raise ValueError(f"unknown op {op!r}")
    return {"entity": entity, "id": row["id"], "op": op, "row": dict(row)}


def wins(mine: Mapping[str, Any], theirs: Mapping[str, Any]) -> bool:
    """Does `mine` win a concurrent edit against `theirs`? Higher rev, then later updated_at,
    then the larger device id (docs/architecture.md, "Sync", 4). The loser is kept as a conflict."""
    key_mine = (int(mine["rev"]), str(mine["updated_at"]), str(mine["device_id"]))
    key_theirs = (int(theirs["rev"]), str(theirs["updated_at"]), str(theirs["device_id"]))
    return key_mine > key_theirs


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
