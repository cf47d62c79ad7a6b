"""Following a notice to close-out (docs/architecture.md, glossary:
notice_event, rectification, recheck).

Units have no accounts: office staff or inspectors record the unit's 整改回执 and after-photos on
its behalf. Each step is a notice event (who and when) checked against the lifecycle; the
rectification and recheck rows carry the text and own the photos.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from domain.clock import now_iso
from domain.i18n import QT_TRANSLATE_NOOP, Message
from domain.overdue import OPEN_STATES
from local_db.notices import NoticeError, record_event
from local_db.photos import META_FIELDS, ROLES
from local_db.store import Store


def record_rectification(
    store: Store, notice_id: str, text: str, *, actor: str | None, at: str | None = None
) -> dict[str, Any]:
    """整改回执: what the unit reports it fixed; moves the notice to 'rectified'."""
    text = (text or "").strip()
    if not text:
        raise NoticeError(
            Message(
                "notices",
                QT_TRANSLATE_NOOP(
                    "notices", "A rectification report needs the unit's description of the fix."
                ),
            )
        )
    at = at or now_iso()
    with store.transaction():
        record_event(store, notice_id, "rectified", actor=actor, at=at, note=text)
        row = store.save("rectification", {"notice_id": notice_id, "reported_at": at, "text": text})
    return row


def record_recheck(
    store: Store,
    notice_id: str,
    passed: bool,
    note: str = "",
    *,
    actor: str | None,
    at: str | None = None,
) -> dict[str, Any]:
    """复查 on site: passed (then 销号 may follow) or failed (返工: back to rectifying)."""
    at = at or now_iso()
    with store.transaction():
        kind = "recheck_passed" if passed else "recheck_failed"
        record_event(store, notice_id, kind, actor=actor, at=at, note=note)
        row = store.save(
            "recheck",
            {"notice_id": notice_id, "at": at, "passed": int(passed), "note": note.strip() or None},
        )
    return row


def attach_follow_up_photo(
    store: Store,
    meta: dict[str, Any],
    *,
    rectification_id: str | None = None,
    recheck_id: str | None = None,
    about_finding_id: str | None = None,
) -> tuple[dict[str, Any], bool]:
    """An after-photo of a rectification, or a photo taken at a recheck, optionally naming the
    notice's problem it shows. Returns (row, created); the same original twice is one row."""
    if (rectification_id is None) == (recheck_id is None):
        raise ValueError("a follow-up photo belongs to one rectification or one recheck")
    owner_table, owner_id = (
        ("rectification", rectification_id)
        if rectification_id is not None
        else ("recheck", str(recheck_id))
    )
    owner = store.row(owner_table, owner_id)
    if owner is None:
        raise KeyError(owner_id)
    if about_finding_id is not None:
        notice = store.row("notice", owner["notice_id"])
        if notice is None or about_finding_id not in json.loads(notice["findings"]):
            raise ValueError(f"finding {about_finding_id} is not on this notice")
    row = {k: v for k, v in meta.items() if k in META_FIELDS}
    role = "after"
    assert role in ROLES
    row.update(
        rectification_id=rectification_id,
        recheck_id=recheck_id,
        about_finding_id=about_finding_id,
        role=role,
    )
    row.setdefault("imported_at", now_iso())
    existing = store.rows(
        f"SELECT * FROM photo WHERE {owner_table}_id = ? AND sha256 = ? AND about_finding_id IS ?",
        [owner_id, row["sha256"], about_finding_id],
    )
    if existing:
        return existing[0], False
    try:
        with store.transaction():
            saved = store.save("photo", row)
            store.audit(None, "photo", saved["id"], "attached", saved["sha256"])
    except sqlite3.IntegrityError:
        found = store.rows(
            f"SELECT * FROM photo WHERE {owner_table}_id = ? AND sha256 = ?",
            [owner_id, row["sha256"]],
        )
        if not found:
            raise
        return found[0], False
    return saved, True


def rectifications(store: Store, notice_id: str) -> list[dict[str, Any]]:
    return store.rows(
        "SELECT * FROM rectification WHERE notice_id = ? ORDER BY reported_at, id", [notice_id]
    )


def rechecks(store: Store, notice_id: str) -> list[dict[str, Any]]:
    return store.rows("SELECT * FROM recheck WHERE notice_id = ? ORDER BY at, id", [notice_id])


def before_and_after(store: Store, notice_id: str) -> list[dict[str, Any]]:
    """For each problem on the notice: the finding, its evidence (before) photos and the after
    photos of the notice's rectifications and rechecks that name it or name no problem (those
    show the notice as a whole, so they stand beside every problem); then each case on the
    notice (问题来源) as a problem (its 工单号 as the code), its photos before."""
    notice = store.row("notice", notice_id)
    if notice is None:
        raise KeyError(notice_id)
    finding_ids: list[str] = json.loads(notice["findings"])
    after = store.rows(
        "SELECT p.* FROM photo p WHERE p.rectification_id IN "
        "(SELECT id FROM rectification WHERE notice_id = ?) OR p.recheck_id IN "
        "(SELECT id FROM recheck WHERE notice_id = ?) "
        "ORDER BY p.taken_at IS NULL, p.taken_at, p.imported_at, p.id",
        [notice_id, notice_id],
    )
    problems = []
    for finding_id in finding_ids:
        finding = store.row("finding", finding_id)
        if finding is None:
            continue
        before = store.rows(
            "SELECT * FROM photo WHERE finding_id = ? "
            "ORDER BY taken_at IS NULL, taken_at, imported_at, id",
            [finding_id],
        )
        mine = [p for p in after if p["about_finding_id"] in (finding_id, None)]
        problems.append({"finding": finding, "before": before, "after": mine})
    # its case and the cases merged into it (问题来源): the case's photos are its "before"
    for case in store.rows(
        "SELECT * FROM problem_case WHERE notice_id = ? ORDER BY received_at, id", [notice_id]
    ):
        before = store.rows(
            "SELECT * FROM photo WHERE case_id = ? "
            "ORDER BY taken_at IS NULL, taken_at, imported_at, id",
            [case["id"]],
        )
        whole = [p for p in after if p["about_finding_id"] is None]
        shown = {"id": case["id"], "item_code": case["ticket_no"],
                 "description": case["description"]}  # fmt: skip
        problems.append({"finding": shown, "before": before, "after": whole})
    return problems


def needing_attention(
    notices: list[dict[str, Any]], now_iso_text: str, soon_until_iso: str
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """From list_notices rows: (notices needing attention — overdue (domain/overdue.py), or
    still with the unit (not rectified) and due between now and `soon_until` — overdue first
    then by due time; per unit {unit_id, unit_name, overdue, soon}, most overdue first)."""
    chosen = [
        n
        for n in notices
        if n["overdue"]
        or (n["state"] in OPEN_STATES and now_iso_text <= n["current_due_at"] < soon_until_iso)
    ]
    chosen.sort(key=lambda n: (not n["overdue"], n["current_due_at"], n["number"]))
    units: dict[str, dict[str, Any]] = {}
    for n in chosen:
        unit = units.setdefault(
            n["unit_id"],
            {"unit_id": n["unit_id"], "unit_name": n["unit_name"], "overdue": 0, "soon": 0},
        )
        unit["overdue" if n["overdue"] else "soon"] += 1
    by_unit = sorted(units.values(), key=lambda u: (-u["overdue"], -u["soon"], u["unit_name"]))
    return chosen, by_unit
