"""Demo reviews: the office reviewed most of the month's submitted inspections a few hours after
they came in — most accepted, some returned with a comment; the latest still wait in the queue.
A corrected inspection's original was returned, its correction accepted."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from domain.clock import from_iso, to_iso
from local_db.reference import people_with_role
from local_db.reviews import record_review, submitted_with_corrections
from local_db.store import Store

RETURN_COMMENTS = (
    "问题照片未体现现场全貌，请补充远景照片",
    "案件数与描述不一致，请核实后更正",
    "问题位置描述不清，请补充门牌号或参照物",
    "扣分项目选择有误，请对照考核细则更正",
)
ACCEPT_SHARE, RETURN_SHARE = 0.86, 0.06  # the rest are not reviewed yet


def review_demo(store: Store, now: datetime, seed: int) -> int:
    """Review the demo's submitted inspections; returns how many reviews were written."""
    rng = random.Random(f"{seed}:reviews")
    reviewers = [r["id"] for r in people_with_role(store, "reviewer")]
    if not reviewers:
        return 0
    written = 0
    for row in submitted_with_corrections(store):
        at = from_iso(row["finished_at"]) + timedelta(hours=rng.uniform(1, 30))
        if at >= now:
            continue  # still in the queue
        reviewer = rng.choice(reviewers)
        if row["corrected_by"]:
            # History: the original was returned before the correction was made.
            store.save(
                "review",
                {
                    "inspection_id": row["id"],
                    "decision": "returned",
                    "comment": rng.choice(RETURN_COMMENTS),
                    "reviewer": reviewer,
                    "at": to_iso(from_iso(row["finished_at"]) + timedelta(minutes=30)),
                },
            )
            written += 1
            continue
        fate = rng.random()
        if fate < ACCEPT_SHARE:
            record_review(store, row["id"], "accepted", reviewer=reviewer, at=to_iso(at))
        elif fate < ACCEPT_SHARE + RETURN_SHARE:
            record_review(
                store,
                row["id"],
                "returned",
                reviewer=reviewer,
                comment=rng.choice(RETURN_COMMENTS),
                at=to_iso(at),
            )
        else:
            continue
        written += 1
    return written
