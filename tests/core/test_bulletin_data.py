"""What the bulletin and the workbook read beyond the assessment, on the hand-worked November 2026
(tests/core/fixture_month.py): the month's problems and whether each counts, the month's notices
with their derived state, and the inspections still awaiting review."""

from __future__ import annotations

from decimal import Decimal

import pytest

from domain.assessment import Period
from local_db import bulletin_data
from local_db.assessment_data import assess_period
from local_db.store import Store
from tests.core.fixture_month import AS_OF, Month, build

NOVEMBER = Period.month(2026, 11)


@pytest.fixture
def month(store: Store) -> Month:
    return build(store)


def test_problems_of_the_month_and_which_count(store: Store, month: Month) -> None:
    found = bulletin_data.problems(store, NOVEMBER)
    by_inspection: dict[str, list[bulletin_data.Problem]] = {}
    for p in found:
        by_inspection.setdefault(p.inspection_id, []).append(p)
    ids = month.inspections
    # B3 was visited 1 Dec 00:30 Beijing (30 Nov in UTC): December's, not here; D0 is October's.
    assert ids["B3"] not in by_inspection and ids["D0"] not in by_inspection
    counted = {key for key, i in ids.items() if i in by_inspection and by_inspection[i][0].counted}
    # A2 was returned and amended (A2' counts); B2 was never reviewed.
    assert counted == {"A1", "A2'", "B1", "C1", "E1", "F1", "G1"}
    assert by_inspection[ids["A2"]][0].review == "returned"
    assert by_inspection[ids["B2"]][0].review is None
    # The counted problems are the assessment's.
    assessment = assess_period(store, NOVEMBER, as_of=AS_OF)
    assert sum(p.counted for p in found) == assessment.total("problems")
    # Deductions per case, capped per item: A1's DL-01 (8 × 0.5 = 4 → 3).
    dl01 = next(p for p in by_inspection[ids["A1"]] if p.item_code == "DL-01")
    assert dl01.deduction == Decimal(3) and dl01.cases == 8
    assert dl01.item_text and dl01.gb_code and dl01.zone_name == "城关镇人民政府责任区"
    assert dl01.inspectors == "张督查" and len(dl01.photos) == 1
    # a1 and a2 were issued for A1's first problem: both numbers are named on it.
    numbers = {store.row("notice", month.notices[k])["number"] for k in ("a1", "a2")}
    assert set(dl01.notices) == numbers


def test_notices_issued_or_due_in_the_month(store: Store, month: Month) -> None:
    rows = {n.id: n for n in bulletin_data.notices(store, NOVEMBER, as_of=AS_OF)}
    key_of = {v: k for k, v in month.notices.items()}
    assert {key_of[i] for i in rows} == {"a1", "a2", "a3", "c1", "d1", "e1", "f1", "g1"}
    d1 = rows[month.notices["d1"]]  # issued in October, due 3 November: counts in November
    assert not d1.issued_in_period and d1.due_in_period and d1.overdue
    a2 = rows[month.notices["a2"]]  # issued in November, extended into December
    assert a2.issued_in_period and not a2.due_in_period and not a2.overdue
    assert a2.due_at > a2.first_due_at
    a1 = rows[month.notices["a1"]]
    assert a1.state == "closed" and a1.on_time and a1.signer == "王签收"
    assert a1.acknowledged_at is not None and a1.rechecks == 1
    # a3 failed a recheck; reported again before its due time, passed and closed after it: the
    # report the recheck confirmed was in time.
    a3 = rows[month.notices["a3"]]
    assert a3.state == "closed" and not a3.overdue and a3.on_time and not a3.late
    assert (a3.rechecks, a3.failed_rechecks) == (2, 1)
    assert rows[month.notices["g1"]].state == "rework"
    # Counted like the assessment counts them.
    assessment = assess_period(store, NOVEMBER, as_of=AS_OF)
    due = [n for n in rows.values() if n.due_in_period]
    assert len(due) == assessment.total("due")
    assert sum(n.overdue for n in due) == assessment.total("overdue")
    assert sum(n.on_time for n in due) == assessment.total("on_time")
    assert sum(n.late for n in due) == assessment.total("late")


def test_awaiting_review_and_counted_inspections(store: Store, month: Month) -> None:
    assert bulletin_data.pending_review(store, NOVEMBER) == 1  # B2 (A2 is amended by A2')
    counted = bulletin_data.counted_inspections(store, NOVEMBER)
    assert {c["id"] for c in counted} == bulletin_data.counted_inspection_ids(store, NOVEMBER)
    assert {c["mode"] for c in counted} == {"unannounced"}
    assert {c["template_name"] for c in counted} == {"城市精细化管理督查考核细则"}
    assert bulletin_data.problems(store, Period.month(2026, 9)) == []
