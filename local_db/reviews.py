"""The office's review of submitted inspections: accept, or return (退回) with a comment.

An inspection's review state is its latest review. A returned inspection is corrected by an
amendment (local_db/amendments.py), which is reviewed in its turn; the chain stays readable.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from domain.clock import from_iso, now_iso
from domain.i18n import QT_TRANSLATE_NOOP, Message, Refusal
from local_db.store import Store, StoreError

DECISIONS = ("accepted", "returned")


class ReviewError(Refusal, StoreError):
    """A review the rules do not allow (not submitted, superseded, no comment on a return)."""


def _refuse(text: str) -> ReviewError:
    return ReviewError(Message("reviews", text))


def latest_review(store: Store, inspection_id: str) -> dict[str, Any] | None:
    found = store.rows(
        "SELECT r.*, p.name AS reviewer_name FROM review r "
        "LEFT JOIN person p ON p.id = r.reviewer "
        "WHERE r.inspection_id = ? ORDER BY r.at DESC, r.id DESC LIMIT 1",
        [inspection_id],
    )
    return found[0] if found else None


def review_state(store: Store, inspection_id: str) -> str:
    """'pending' (not reviewed yet), 'accepted' or 'returned'."""
    latest = latest_review(store, inspection_id)
    return latest["decision"] if latest else "pending"


def superseded_by(store: Store, inspection_id: str) -> dict[str, Any] | None:
    """The submitted amendment that corrects this inspection, if any (the newest)."""
    found = store.rows(
        "SELECT * FROM inspection WHERE amends_id = ? AND status = 'submitted' "
        "ORDER BY created_at DESC, id DESC LIMIT 1",
        [inspection_id],
    )
    return found[0] if found else None


def submitted_with_corrections(store: Store) -> list[dict[str, Any]]:
    """Every submitted inspection, the earliest finished first, each with `corrected_by`: the
    id of a submitted amendment that corrects it, or None."""
    return store.rows(
        "SELECT i.*, (SELECT a.id FROM inspection a WHERE a.amends_id = i.id "
        "AND a.status = 'submitted') AS corrected_by FROM inspection i "
        "WHERE i.status = 'submitted' ORDER BY i.finished_at, i.id"
    )


def record_review(
    store: Store,
    inspection_id: str,
    decision: str,
    *,
    reviewer: str | None,
    comment: str = "",
    at: str | None = None,
) -> dict[str, Any]:
    """Accept or return a submitted inspection (ReviewError when the rules refuse)."""
    if decision not in DECISIONS:
        raise _refuse(QT_TRANSLATE_NOOP("reviews", "Unknown review decision."))
    comment = (comment or "").strip()
    if decision == "returned" and not comment:
        raise _refuse(
            QT_TRANSLATE_NOOP(
                "reviews", "A returned inspection needs a comment saying what to correct."
            )
        )
    with store.transaction():
        inspection = store.row("inspection", inspection_id)
        if inspection is None:
            raise _refuse(
                QT_TRANSLATE_NOOP("reviews", "The inspection is no longer in this store.")
            )
        if inspection["status"] != "submitted":
            raise _refuse(
                QT_TRANSLATE_NOOP("reviews", "Only a submitted inspection can be reviewed.")
            )
        if superseded_by(store, inspection_id) is not None:
            raise _refuse(
                QT_TRANSLATE_NOOP(
                    "reviews", "This version has been corrected: review the newest version."
                )
            )
        at = at or now_iso()
        latest = latest_review(store, inspection_id)
        if latest and from_iso(at) < from_iso(latest["at"]):
            raise _refuse(
                QT_TRANSLATE_NOOP(
                    "reviews", "A review cannot be dated before the inspection's last review."
                )
            )
        row = store.save(
            "review",
            {
                "inspection_id": inspection_id,
                "decision": decision,
                "comment": comment or None,
                "reviewer": reviewer,
                "at": at,
            },
        )
        store.audit(reviewer, "inspection", inspection_id, f"review:{decision}")
    return row


@dataclass(frozen=True)
class ChainStep:
    """One version of an inspection and the reviews it received, oldest first."""

    inspection: dict[str, Any]
    reviews: list[dict[str, Any]]


def version_chain(store: Store, inspection_id: str) -> list[ChainStep]:
    """Every version of the inspection's correction chain, the original first."""
    root = store.row("inspection", inspection_id)
    if root is None:
        raise KeyError(inspection_id)
    seen = {root["id"]}
    while root["amends_id"] and root["amends_id"] not in seen:
        parent = store.row("inspection", root["amends_id"])
        if parent is None:
            break
        seen.add(parent["id"])
        root = parent
    chain = [root]
    while True:
        nxt = store.rows(
            "SELECT * FROM inspection WHERE amends_id = ? ORDER BY created_at, id",
            [chain[-1]["id"]],
        )
        nxt = [r for r in nxt if r["id"] not in {c["id"] for c in chain}]
        if not nxt:
            break
        chain.append(nxt[-1])
    return [
        ChainStep(
            inspection,
            store.rows(
                "SELECT r.*, p.name AS reviewer_name FROM review r "
                "LEFT JOIN person p ON p.id = r.reviewer WHERE r.inspection_id = ? "
                "ORDER BY r.at, r.id",
                [inspection["id"]],
            ),
        )
        for inspection in chain
    ]
