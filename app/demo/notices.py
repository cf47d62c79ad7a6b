"""Demo notices: issued from the demo's submitted inspections, then taken along the lifecycle to
every state — received on the spot, rectified, rechecked (some failed once), closed on time or
late, extended, and some left overdue — with times that never pass 'now'."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime, timedelta

from domain.clock import from_iso, to_iso
from domain.notice_due import notice_due
from domain.notice_text import requirements_text
from domain.workcalendar import WorkCalendar
from local_db.amendments import never_amended_with_problems
from local_db.follow_up import record_rectification
from local_db.inspections import findings, inspection_persons
from local_db.notices import issue_notice, record_event
from local_db.reference import load_template, units
from local_db.store import Store

SIGNERS = ("李建华", "王海燕", "张志强", "刘晓东", "陈丽娟", "杨光明", "赵春生", "周秀英")
NOTICE_SHARE = 0.7  # of the submitted inspections with problems


# Takes an after-photo for a rectification: (rectification id, its time) → None.
AfterPhoto = Callable[[str, datetime], None]


def issue_demo_notices(
    store: Store,
    calendar: WorkCalendar,
    now: datetime,
    seed: int,
    after_photo: AfterPhoto | None = None,
) -> int:
    rng = random.Random(f"{seed}:notices")
    inspections = never_amended_with_problems(store)
    chosen = [i for i in inspections if rng.random() <= NOTICE_SHARE]
    # The latest few are left in each open state, so the demo shows every one of them.
    targets = dict(zip((i["id"] for i in reversed(chosen)), OPEN_STATES, strict=False))
    for inspection in chosen:
        _one(store, calendar, inspection, now, rng, targets.get(inspection["id"]), after_photo)
    return len(chosen)


OPEN_STATES = ("issued", "acknowledged", "rectified", "rework", "passed")
WALKS = {
    "issued": (),
    "acknowledged": ("acknowledged", "extension_refused"),
    "rectified": ("acknowledged", "rectified"),
    "rework": ("acknowledged", "rectified", "recheck_failed"),
    "passed": ("acknowledged", "rectified", "recheck_passed"),
}
NOTES = {
    "extension_refused": "整改难度不大，不同意延期",
    "rectified": "已按要求整改完毕，附整改后照片",
    "recheck_failed": "复查发现仍有问题未整改到位，返工",
    "recheck_passed": "复查合格",
}


def _step(
    store: Store,
    notice_id: str,
    kind: str,
    at: datetime,
    actor: str,
    after_photo: AfterPhoto | None,
    **extra: str,
) -> None:
    """One event; a 整改回执 also gets its rectification row and an after-photo."""
    if kind == "rectified":
        row = record_rectification(store, notice_id, extra["note"], actor=actor, at=to_iso(at))
        if after_photo is not None:
            after_photo(row["id"], at)
        return
    record_event(store, notice_id, kind, actor=actor, at=to_iso(at), **extra)


def _walk(
    store: Store,
    notice: dict,
    issued_at: datetime,
    now: datetime,
    target: str,
    actor: str,
    after_photo: AfterPhoto | None = None,
) -> None:
    """Take a notice to `target`, its steps spread evenly between its issue and now."""
    steps = WALKS[target]
    for n, kind in enumerate(steps, start=1):
        at = issued_at + (now - issued_at) * n / (len(steps) + 1)
        extra = {"signer": SIGNERS[n % len(SIGNERS)]} if kind == "acknowledged" else {}
        if kind in NOTES:
            extra["note"] = NOTES[kind]
        _step(store, notice["id"], kind, at, actor, after_photo, **extra)


def _one(
    store: Store,
    calendar: WorkCalendar,
    inspection: dict,
    now: datetime,
    rng: random.Random,
    target: str | None = None,
    after_photo: AfterPhoto | None = None,
) -> None:
    template = load_template(store, inspection["template_id"])
    by_code = sorted(findings(store, inspection["id"]).items())
    problems = [finding for _code, finding in by_code if finding["result"] == "problem"]
    issued_at = from_iso(inspection["finished_at"]) + timedelta(minutes=rng.randint(3, 15))
    if issued_at >= now:
        return
    codes = [p["item_code"] for p in problems]
    due = notice_due(issued_at, [template.item(c) for c in codes], calendar).at
    lead = next(p["person_id"] for p in inspection_persons(store, inspection["id"]) if p["lead"])
    cc = []
    if rng.random() < 0.3:
        cc = [u["id"] for u in units(store)[:1]]
    notice = issue_notice(
        store,
        inspection_id=inspection["id"],
        unit_id=inspection["unit_id"],
        finding_ids=[p["id"] for p in problems],
        requirements=requirements_text(template, codes),
        due_at=to_iso(due),
        issued_by=lead,
        cc_unit_ids=cc,
        issued_at=to_iso(issued_at),
        zone=calendar.tz,
    )
    if target is not None:
        _walk(store, notice, issued_at, now, target, lead, after_photo)
    else:
        _follow(store, notice, issued_at, due, now, rng, lead, after_photo)


def _follow(
    store: Store,
    notice: dict,
    issued_at: datetime,
    due: datetime,
    now: datetime,
    rng: random.Random,
    actor: str,
    after_photo: AfterPhoto | None = None,
) -> None:
    """Walk the notice along its lifecycle as far as 'now' allows."""
    nid = notice["id"]

    def event(kind: str, at: datetime, **extra: str) -> bool:
        if at >= now:
            return False
        _step(store, nid, kind, at, actor, after_photo, **extra)
        return True

    if rng.random() < 0.05:  # the unit has not signed yet
        return
    ack = issued_at + timedelta(minutes=rng.randint(1, 30))
    if not event("acknowledged", ack, signer=rng.choice(SIGNERS)):
        return
    span = max(due - ack, timedelta(minutes=30))
    if rng.random() < 0.1:
        new_due = due + timedelta(days=rng.randint(2, 5))
        if event(
            "extension_granted",
            ack + span / 3,
            new_due_at=to_iso(new_due),
            note="整改工程量较大，申请延期",
        ):
            due = new_due
            span = due - ack
    fate = rng.random()
    if fate < 0.1:
        return  # still working on it; overdue once its due time passes
    late = fate > 0.85
    reported = ack + (span * rng.uniform(1.1, 1.6) if late else span * rng.uniform(0.3, 0.8))
    if not event("rectified", reported, note="已按要求整改完毕，附整改后照片"):
        return
    # The office rechecks soon after the report; a unit that reported early is closed in time.
    check = reported + (
        timedelta(hours=rng.randint(1, 20)) if late else span * rng.uniform(0.1, 0.25)
    )
    if rng.random() < 0.3:
        if not event("recheck_failed", check, note="复查发现仍有问题未整改到位，返工"):
            return
        if now - check < timedelta(days=2) and rng.random() < 0.7:
            return  # reworking now
        reported = check + timedelta(hours=rng.randint(2, 24))
        if not event("rectified", reported, note="返工整改完毕"):
            return
        check = reported + timedelta(hours=rng.randint(1, 12))
    if not event("recheck_passed", check, note="复查合格"):
        return
    if now - check < timedelta(hours=2):
        return  # passed just now, waiting to be closed (销号)
    closing = timedelta(minutes=rng.randint(10, 120))
    if not late:
        closing = min(closing, span * rng.uniform(0.02, 0.1))
    event("closed", check + closing)
