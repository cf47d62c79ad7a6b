"""Demo cases from other sources (问题来源): the sample 12345 export (resources/demo/
hotline_12345.csv, also a file to try `ducha import cases` with), its rows placed in the demo
month before now, then triaged as an office would — two 交办 to a unit, a repeat report merged
into the first one's notice, one not accepted (a property-management matter), the rest pending."""

from __future__ import annotations

import csv
import hashlib
import io
import random
from datetime import datetime, timedelta

from app.resources import resource_path
from domain.cases import case_due
from domain.clock import from_iso, to_iso
from domain.workcalendar import WorkCalendar
from local_db.cases import NewCase, assign_case, close_case, merge_case, record_cases
from local_db.reference import zones
from local_db.store import Store

HOTLINE_FILE = ("demo", "hotline_12345.csv")


def demo_cases(store: Store, calendar: WorkCalendar, now: datetime, seed: int) -> int:
    """Record and triage the demo's hotline cases; returns how many."""
    rng = random.Random(f"{seed}:cases")
    path = resource_path(*HOTLINE_FILE)
    data = path.read_bytes()
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    local = now.astimezone(calendar.zone)
    start = local.replace(day=1, hour=8, minute=0, second=0, microsecond=0)
    if now - start < timedelta(days=1):  # the month's first hours: the week before instead
        start = now - timedelta(days=7)
    step = (now - start) / (len(rows) + 1)
    times = [start + step * (i + 0.5) for i in range(len(rows))]
    cases = [
        NewCase(
            source="hotline",
            ticket_no=f"GD{at:%Y%m%d}{i:04d}",
            received_at=to_iso(at),
            address=row["地址"],
            description=row["问题描述"],
        )
        for i, (row, at) in enumerate(zip(rows, times, strict=True), start=1)
    ]
    saved = record_cases(
        store, cases, file_name=path.name, file_sha256=hashlib.sha256(data).hexdigest(), by=None
    )
    places = zones(store)
    first, second = rng.sample(places, 2)
    for case, zone in ((saved[0], first), (saved[2], second)):
        issued = min(from_iso(case["received_at"]) + timedelta(hours=2), now)
        due = case_due(issued, "hotline", calendar).at
        assign_case(
            store, case["id"], unit_id=zone["unit_id"], zone_id=zone["id"], requirements="",
            due_at=to_iso(due), by=None, issued_at=to_iso(issued), zone=str(calendar.zone),
        )  # fmt: skip
    notice_id = store.row("problem_case", saved[0]["id"])["notice_id"]  # type: ignore[index]
    merge_case(store, saved[6]["id"], notice_id, by=None)  # the same stall reported again
    close_case(store, saved[5]["id"], "属小区物业管理范围，已告知来电人向物业反映", by=None)
    return len(saved)
