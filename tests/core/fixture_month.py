"""A fixture month (November 2026) whose assessment is worked out by hand in test_assessment.py.

Template rules used (shipped template): DL-01 0.5/case cap 3; DL-02 1/case cap 5; DL-03 0.5/case
cap 3; JZ-01 2/case cap 10; JZ-02 2/case cap 10; JZ-03 2/case cap 8; JZ-04 0.2/case cap 2.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from domain.clock import office_zone, to_iso
from local_db.amendments import amend_inspection
from local_db.inspections import (
    findings,
    mark_unanswered_ok,
    record_finding,
    start_inspection,
    submit_inspection,
)
from local_db.notices import issue_notice, record_event
from local_db.reference import install_template
from local_db.reviews import record_review
from local_db.store import Store
from tests.core.conftest import attach_evidence, shipped_template_body

AS_OF = datetime(2026, 12, 5, 9, 0, tzinfo=office_zone())


def bj(day: str, hm: str = "10:00") -> str:
    """A Beijing wall-clock time ('11-05', '14:30') of 2026 as stored UTC text."""
    month, d = (int(p) for p in day.split("-"))
    hour, minute = (int(p) for p in hm.split(":"))
    return to_iso(datetime(2026, month, d, hour, minute, tzinfo=office_zone()))


@dataclass
class Month:
    store: Store
    units: dict[str, str] = field(default_factory=dict)  # letter → unit id
    notices: dict[str, str] = field(default_factory=dict)
    inspections: dict[str, str] = field(default_factory=dict)


def build(store: Store) -> Month:
    m = Month(store)
    template_id = install_template(store, shipped_template_body())
    inspector = store.save("person", {"name": "张督查", "role": "inspector"})["id"]
    reviewer = store.save("person", {"name": "李审核", "role": "reviewer"})["id"]
    zones = {}
    for letter, name in {
        "A": "城关镇人民政府",
        "B": "东城街道办事处",
        "C": "县交通运输局",
        "D": "县水利局",
        "E": "西城街道办事处",
        "F": "县市场监督管理局",
        "G": "青山环卫有限公司",
    }.items():
        unit = store.save("unit", {"name": name, "kind": "department"})["id"]
        m.units[letter] = unit
        zones[letter] = store.save(
            "zone", {"name": f"{name}责任区", "kind": "grid", "unit_id": unit}
        )["id"]

    def inspect(key: str, letter: str, started: str, problems: dict[str, int]) -> str:
        row = start_inspection(
            store,
            template_id=template_id,
            zone_id=zones[letter],
            mode="unannounced",
            person_ids=[inspector],
            started_at=started,
        )
        for code, cases in problems.items():
            f = record_finding(store, row["id"], code, "problem", cases=cases, description="问题")
            attach_evidence(store, row["id"], f["id"], seed=f"{key}-{code}")
        mark_unanswered_ok(store, row["id"])
        submit_inspection(store, row["id"], actor=inspector, accept_warnings=True)
        m.inspections[key] = row["id"]
        return row["id"]

    def review(key: str, decision: str, at: str) -> None:
        record_review(
            store, m.inspections[key], decision, reviewer=reviewer, comment="请更正", at=at
        )

    def notice(key: str, inspection: str, issued: str, due: str, steps: list[tuple]) -> None:
        letter = key[0].upper()
        problem_ids = [
            f["id"]
            for f in findings(store, m.inspections[inspection]).values()
            if f["result"] == "problem"
        ][:1]
        n = issue_notice(
            store,
            inspection_id=m.inspections[inspection],
            unit_id=m.units[letter],
            finding_ids=problem_ids,
            requirements="限期整改",
            due_at=due,
            issued_by=inspector,
            issued_at=issued,
        )
        m.notices[key] = n["id"]
        for kind, at, *extra in steps:
            record_event(
                store,
                n["id"],
                kind,
                actor=reviewer,
                at=at,
                signer="王签收" if kind == "acknowledged" else None,
                note="整改不到位" if kind in ("recheck_failed", "extension_refused") else None,
                new_due_at=extra[0] if extra else None,
            )

    # A: A1 caps DL-01 (8 cases × 0.5 = 4 → 3) + JZ-01 2 → 95; visited 1 Nov 00:10 Beijing
    # (still 31 Oct in UTC). A2 (DL-02 ×2 → 98) returned, its amendment A2' (DL-02 ×4 → 96)
    # accepted: A counts 95 and 96.
    inspect("A1", "A", bj("11-01", "00:10"), {"DL-01": 8, "JZ-01": 1})
    review("A1", "accepted", bj("11-02"))
    inspect("A2", "A", bj("11-03"), {"DL-02": 2})
    review("A2", "returned", bj("11-04"))
    draft = amend_inspection(store, m.inspections["A2"], actor=inspector)
    record_finding(store, draft["id"], "DL-02", "problem", cases=4, description="问题")
    submit_inspection(store, draft["id"], actor=inspector, accept_warnings=True)
    m.inspections["A2'"] = draft["id"]
    review("A2'", "accepted", bj("11-05"))
    # a1 closed on time; a2 extended out of November; a3 failed a recheck, closed late.
    full = [("acknowledged", bj("11-06")), ("rectified", bj("11-07"))]
    notice(
        "a1",
        "A1",
        bj("11-05"),
        bj("11-10"),
        [*full, ("recheck_passed", bj("11-08")), ("closed", bj("11-09"))],
    )
    notice(
        "a2",
        "A1",
        bj("11-05", "11:00"),
        bj("11-20"),
        [("extension_granted", bj("11-15"), bj("12-10"))],
    )
    notice(
        "a3",
        "A2'",
        bj("11-18"),
        bj("11-25"),
        [
            ("acknowledged", bj("11-19")),
            ("rectified", bj("11-20")),
            ("recheck_failed", bj("11-22")),
            ("rectified", bj("11-24")),
            ("recheck_passed", bj("11-27")),
            ("closed", bj("11-28")),
        ],
    )

    # B: B1 JZ-01 ×3 → 94 accepted; B2 never reviewed (does not count); B3 visited 1 Dec 00:30
    # Beijing (still 30 Nov in UTC): December's, accepted but not counted in November.
    inspect("B1", "B", bj("11-10"), {"JZ-01": 3})
    review("B1", "accepted", bj("11-11"))
    inspect("B2", "B", bj("11-12"), {"JZ-01": 10})
    inspect("B3", "B", bj("12-01", "00:30"), {"JZ-01": 5, "JZ-02": 5})
    review("B3", "accepted", bj("12-02"))

    # C: C1 caps JZ-01 (6 × 2 = 12 → 10) → 90; c1 due 15 Nov never closed (overdue).
    inspect("C1", "C", bj("11-13"), {"JZ-01": 6})
    review("C1", "accepted", bj("11-14"))
    notice("c1", "C1", bj("11-13", "15:00"), bj("11-15"), [("acknowledged", bj("11-14"))])

    # D: no inspection; d-notice overdue (counts in its figures, D stays 未检查).
    inspect("D0", "D", bj("10-20"), {"DL-02": 1})
    review("D0", "accepted", bj("10-21"))
    notice("d1", "D0", bj("10-21"), bj("11-03"), [])

    # E and F: JZ-01 ×3 (6) + DL-02 ×4 (4) → 90, one overdue notice each → 89, 2 problems.
    for letter in "EF":
        inspect(f"{letter}1", letter, bj("11-16"), {"JZ-01": 3, "DL-02": 4})
        review(f"{letter}1", "accepted", bj("11-17"))
        notice(
            f"{letter.lower()}1",
            f"{letter}1",
            bj("11-16", "16:00"),
            bj("11-18"),
            [("acknowledged", bj("11-17")), ("extension_refused", bj("11-17", "11:00"))],
        )

    # G: JZ-01 ×5 (10) + JZ-02 ×5 (10) + JZ-03 ×4 (8) + DL-02 ×5 (5) + DL-03 ×6 (3 → 3)
    # + JZ-04 ×20 (4 → 2) + JZ-08 ×4 (4) = 42 → 58; g1 failed its recheck and is overdue.
    inspect(
        "G1",
        "G",
        bj("11-20"),
        {"JZ-01": 5, "JZ-02": 5, "JZ-03": 4, "DL-02": 5, "DL-03": 6, "JZ-04": 20, "JZ-08": 4},
    )
    review("G1", "accepted", bj("11-21"))
    notice(
        "g1",
        "G1",
        bj("11-20", "15:00"),
        bj("11-24"),
        [
            ("acknowledged", bj("11-21")),
            ("rectified", bj("11-22")),
            ("recheck_failed", bj("11-23")),
        ],
    )
    return m


def stand_in_originals(store: Store) -> int:
    """Put a real photo in the blob store under the name of each photo row lacking its original
    (the fixture's hashes are of made-up bytes, so no file can really have them): a document
    drawn from this store has a photo to show. Returns how many were placed. For layout tests
    only; the originals' own tests use real imports."""
    from tests.testdata import PHOTOS

    data = (PHOTOS / "gps" / "DSCN0012.jpg").read_bytes()
    placed = 0
    for row in store.rows("SELECT DISTINCT sha256 FROM photo"):
        sha = row["sha256"]
        path = store.path.parent / "blobs" / sha[:2] / sha[2:4] / sha
        if not path.is_file():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            placed += 1
    return placed
