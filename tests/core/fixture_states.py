"""One notice in each lifecycle state, with its due time before and after `now`, each of its own
unit (so a unit's overdue count in the assessment names its notice). Built relative to a given
moment, so that a test may use the real clock (the 逾期提醒 dialog reads it).

EXPECTED_OVERDUE is worked out by hand from the rule in domain/overdue.py."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from domain.assessment import Period
from domain.clock import office_zone, to_iso
from local_db.inspections import (
    mark_unanswered_ok,
    record_finding,
    start_inspection,
    submit_inspection,
)
from local_db.notices import issue_notice, record_event
from local_db.reference import install_template
from local_db.store import Store
from tests.core.conftest import attach_evidence, shipped_template_body

DAY, HOUR = timedelta(days=1), timedelta(hours=1)

# name → (steps as (kind, moment relative to now, new due time relative to now or None); which
# due times it is built with). The steps' moments are all in the past.
STORIES: dict[str, tuple[list[tuple[str, timedelta, timedelta | None]], tuple[str, ...]]] = {
    "issued": ([], ("past", "future")),
    "acknowledged": ([("acknowledged", -9 * DAY, None)], ("past", "future")),
    "refused_extension": (
        [("acknowledged", -9 * DAY, None), ("extension_refused", -8 * DAY, None)],
        ("past", "future"),
    ),
    "extended_past_now": (
        [("acknowledged", -9 * DAY, None), ("extension_granted", -8 * DAY, 5 * DAY)],
        ("past",),
    ),
    "extended_but_passed": (
        [("acknowledged", -9 * DAY, None), ("extension_granted", -8 * DAY, -DAY)],
        ("past",),
    ),
    "reported_in_time": (
        [("acknowledged", -9 * DAY, None), ("rectified", -3 * DAY, None)],
        ("past", "future"),
    ),
    "reported_late": ([("acknowledged", -9 * DAY, None), ("rectified", -DAY, None)], ("past",)),
    "rework": (
        [
            ("acknowledged", -9 * DAY, None),
            ("rectified", -8 * DAY, None),
            ("recheck_failed", -7 * DAY, None),
        ],
        ("past", "future"),
    ),
    "passed_in_time": (
        [
            ("acknowledged", -9 * DAY, None),
            ("rectified", -8 * DAY, None),
            ("recheck_passed", -DAY, None),
        ],
        ("past", "future"),
    ),
    "passed_late": (
        [
            ("acknowledged", -9 * DAY, None),
            ("rectified", -DAY, None),
            ("recheck_passed", -12 * HOUR, None),
        ],
        ("past",),
    ),
    "closed_in_time": (
        [
            ("acknowledged", -9 * DAY, None),
            ("rectified", -8 * DAY, None),
            ("recheck_passed", -DAY, None),
            ("closed", -HOUR, None),
        ],
        ("past", "future"),
    ),
    "closed_late": (
        [
            ("acknowledged", -9 * DAY, None),
            ("rectified", -DAY, None),
            ("recheck_passed", -12 * HOUR, None),
            ("closed", -HOUR, None),
        ],
        ("past",),
    ),
    "reopened": (
        [
            ("acknowledged", -9 * DAY, None),
            ("rectified", -8 * DAY, None),
            ("recheck_passed", -7 * DAY, None),
            ("closed", -6 * DAY, None),
            ("reopened", -5 * DAY, None),
        ],
        ("past", "future"),
    ),
}
DUE = {"past": -2 * DAY, "future": 3 * DAY}  # the due time as issued, relative to now
# By hand (domain/overdue.py): due before now and the unit's part not done.
EXPECTED_OVERDUE = {
    "issued/past",
    "acknowledged/past",
    "refused_extension/past",
    "extended_but_passed/past",
    "reported_late/past",
    "rework/past",
    "reopened/past",
}


@dataclass
class States:
    now: datetime
    notices: dict[str, str] = field(default_factory=dict)  # "state/past" → notice id
    units: dict[str, str] = field(default_factory=dict)  # "state/past" → unit id

    @property
    def period(self) -> Period:
        """A span holding every due time (its kind only names it)."""
        zone = office_zone()
        start = (self.now - 30 * DAY).astimezone(zone).date()
        end = (self.now + 30 * DAY).astimezone(zone).date()
        return Period(start, end, "month", str(zone))

    def keys_of(self, notice_ids) -> set[str]:
        by_id = {v: k for k, v in self.notices.items()}
        return {by_id[i] for i in notice_ids if i in by_id}


def build(store: Store, now: datetime) -> States:
    states = States(now)
    template_id = install_template(store, shipped_template_body())
    inspector = store.save("person", {"name": "张督查", "role": "inspector"})["id"]
    home = store.save("unit", {"name": "受检单位", "kind": "department"})["id"]
    zone = store.save("zone", {"name": "受检区域", "kind": "grid", "unit_id": home})["id"]
    inspection = start_inspection(
        store,
        template_id=template_id,
        zone_id=zone,
        mode="unannounced",
        person_ids=[inspector],
        started_at=to_iso(now - 11 * DAY),
    )["id"]
    finding = record_finding(store, inspection, "DL-02", "problem", cases=1, description="问题")
    attach_evidence(store, inspection, finding["id"])
    mark_unanswered_ok(store, inspection)
    submit_inspection(store, inspection, actor=inspector, accept_warnings=True)
    for name, (steps, dues) in STORIES.items():
        for due in dues:
            key = f"{name}/{due}"
            unit = store.save("unit", {"name": key, "kind": "department"})["id"]
            notice = issue_notice(
                store,
                inspection_id=inspection,
                unit_id=unit,
                finding_ids=[finding["id"]],
                requirements="限期整改",
                due_at=to_iso(now + DUE[due]),
                issued_by=inspector,
                issued_at=to_iso(now - 10 * DAY),
            )
            for kind, at, new_due in steps:
                record_event(
                    store,
                    notice["id"],
                    kind,
                    actor=inspector,
                    at=to_iso(now + at),
                    signer="王签收" if kind == "acknowledged" else None,
                    note="理由"
                    if kind in ("recheck_failed", "extension_refused", "reopened")
                    else None,
                    new_due_at=to_iso(now + new_due) if new_due is not None else None,
                )
            states.notices[key], states.units[key] = notice["id"], unit
    return states
