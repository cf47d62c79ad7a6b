"""The monthly assessment against a fixture month worked out by hand (tests/core/fixture_month.py).

By hand, November 2026 (as of 5 Dec), with the default rules (黄旗/黑榜 below 80; 流动红旗 needs
no overdue notice, 按期整改率 ≥ 80 %, 返工率 ≤ 20 %):
  A: counts A1 95 and A2' 96 (A2 returned, corrected) → mean 95.5; notices due in November:
     a1 (reported 7 Nov, due 10 Nov: on time), a3 (failed its first recheck, reported again
     24 Nov, due 25 Nov, the recheck passed 27 Nov: on time — judged by the report the recheck
     confirmed) — a2 was extended into December. overdue 0, late 0, failed rechecks 1 →
     95.5 − 0.5 = 95.0; 按期 2/2, 销号 2/2, 返工 1/3 (33.3 %); problems 2 + 1 = 3.
  B: B1 94 (B2 not reviewed, B3 is December's) → 94.0; nothing due (按期 counts as 100 %).
  C: C1 90 (JZ-01 capped at 10); c1 overdue → 89.0; 按期 0/1; 1 problem.
  D: no inspection → 未检查; d1 due 3 Nov, never rectified → overdue 1.
  E, F: 90 − 1 = 89.0 each; 按期 0/1; 2 problems each.
  G: 58 − 1 − 0.5 = 56.5 (g1 failed its recheck: rework, overdue); 7 problems; 返工 1/1.
Ranking: A (95.0) 1, B (94.0) 2, C (89.0, 0 %, 1 problem) 3, E and F (89.0, 0 %, 2 problems)
share 4, G 6. Grades: A, B 优秀; C, E, F 良好; G 不合格.
流动红旗: A is first but its 返工率 33.3 % is above 20 % → B (nothing due, nothing rechecked).
黄旗: G (last, 56.5 < 80). 红榜 A, B, C (the top three ranks); 黑榜: of the bottom three ranks
(E, F, G) only G scores below 80.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from domain.assessment import Period, Rules, assess, last_months, percent
from local_db.assessment_data import assess_period
from tests.core.fixture_month import AS_OF, build

NOV = Period.month(2026, 11)


@pytest.fixture
def month(store):
    return build(store)


def by_letter(month, result):
    names = {u.unit_id: u for u in result.units}
    return {letter: names[unit_id] for letter, unit_id in month.units.items()}


def test_scores_penalties_and_indicators_match_the_hand_worked_month(store, month):
    result = assess_period(store, NOV, as_of=AS_OF)
    u = by_letter(month, result)
    expected = {  # score, inspections, problems, due, closed, on time, late, overdue, rechecks,
        # failed
        "A": (Decimal("95.0"), 2, 3, 2, 2, 2, 0, 0, 3, 1),
        "B": (Decimal("94"), 1, 1, 0, 0, 0, 0, 0, 0, 0),
        "C": (Decimal("89"), 1, 1, 1, 0, 0, 0, 1, 0, 0),
        "D": (None, 0, 0, 1, 0, 0, 0, 1, 0, 0),
        "E": (Decimal("89"), 1, 2, 1, 0, 0, 0, 1, 0, 0),
        "F": (Decimal("89"), 1, 2, 1, 0, 0, 0, 1, 0, 0),
        "G": (Decimal("56.5"), 1, 7, 1, 0, 0, 0, 1, 1, 1),
    }
    for letter, figures in expected.items():
        r = u[letter]
        got = (
            r.score,
            r.inspections,
            r.problems,
            r.due,
            r.closed,
            r.on_time,
            r.late,
            r.overdue,
            r.rechecks,
            r.failed_rechecks,
        )
        assert got == figures, letter
    assert u["A"].mean_score == Decimal("95.5")
    assert (u["A"].on_time_rate, u["A"].close_rate) == (Decimal(1), Decimal(1))
    assert u["A"].rework_rate == Decimal(1) / Decimal(3)
    assert percent(u["A"].rework_rate) == "33.3%"
    assert u["B"].on_time_rate is None and percent(u["B"].on_time_rate) == "—"
    assert u["G"].rework_rate == Decimal(1)


def test_ranking_ties_grades_flags_and_boards(store, month):
    result = assess_period(store, NOV, as_of=AS_OF)
    u = by_letter(month, result)
    assert [(r.unit_id, r.rank) for r in result.ranked] == [
        (month.units["A"], 1),
        (month.units["B"], 2),
        (month.units["C"], 3),
        *sorted(
            [(month.units["E"], 4), (month.units["F"], 4)],
            key=lambda p: u["E" if p[0] == month.units["E"] else "F"].unit_name,
        ),
        (month.units["G"], 6),
    ]
    assert [r.unit_id for r in result.unchecked] == [month.units["D"]]
    assert u["D"].rank is None and u["D"].grade is None and u["D"].flag is None
    grades = {k: r.grade for k, r in u.items()}
    assert grades == {
        "A": "excellent",
        "B": "excellent",
        "C": "good",
        "D": None,
        "E": "good",
        "F": "good",
        "G": "fail",
    }
    assert {k for k, r in u.items() if r.flag == "red"} == {"B"}
    assert {k for k, r in u.items() if r.flag == "yellow"} == {"G"}
    assert {k for k, r in u.items() if r.board == "honor"} == {"B", "A", "C"}
    assert {k for k, r in u.items() if r.board == "shame"} == {"G"}


def test_overall_figures(store, month):
    result = assess_period(store, NOV, as_of=AS_OF)
    assert result.total("inspections") == 7
    assert result.total("problems") == 3 + 1 + 1 + 2 + 2 + 7
    assert (result.total("due"), result.total("closed"), result.total("overdue")) == (7, 2, 5)
    assert result.on_time_rate == Decimal(2) / Decimal(7)


def test_the_extension_moves_a_notice_into_the_month_it_is_now_due(store, month):
    december = assess_period(store, Period.month(2026, 12), as_of=AS_OF)
    a = by_letter(month, december)["A"]
    assert (a.due, a.closed, a.overdue) == (1, 0, 0)  # a2 due 10 Dec, not yet overdue on 5 Dec
    b = by_letter(month, december)["B"]
    assert b.score == Decimal(100) - 20  # B3: JZ-01 ×5 (10) + JZ-02 ×5 (10)


def test_the_quarter_spans_its_three_months(store, month):
    q4 = assess_period(store, Period.quarter(2026, 4), as_of=AS_OF)
    u = by_letter(month, q4)
    assert u["A"].due == 3 and u["D"].inspections == 1  # D0 was in October
    assert u["B"].inspections == 2 and u["B"].score == Decimal(87)  # (94 + 80) / 2


def test_rules_are_configurable(store, month):
    strict = Rules(
        overdue_penalty=Decimal(5), failed_recheck_penalty=Decimal(2), excellent_from=Decimal(95)
    )
    result = assess_period(store, NOV, rules=strict, as_of=AS_OF)
    u = by_letter(month, result)
    assert u["A"].score == Decimal("95.5") - 0 * 5 - 2
    assert u["B"].grade == "good"


def test_a_returned_inspection_whose_correction_is_unreviewed_does_not_count(store, month):
    from local_db.reviews import record_review

    record_review(store, month.inspections["A2'"], "returned", reviewer=None, comment="照片不清")
    u = by_letter(month, assess_period(store, NOV, as_of=AS_OF))
    assert (u["A"].inspections, u["A"].mean_score) == (1, Decimal(95))


def test_improved_units_compare_with_the_previous_month(store, month):
    december = assess_period(store, Period.month(2026, 12), as_of=AS_OF)
    assert december.improved == []  # only B inspected in December, and it fell 94 → 80
    assert by_letter(month, december)["B"].change == Decimal(-14)


def test_months_and_parsing():
    assert Period.parse_month("2026-02").end_day.isoformat() == "2026-03-01"
    assert Period.month(2026, 12).end_day.isoformat() == "2027-01-01"
    assert Period.quarter(2026, 1).previous() == Period.quarter(2025, 4)
    assert [p.number for p in last_months(NOV, 12)][:2] == [12, 1]
    with pytest.raises(ValueError, match="2026/11"):
        Period.parse_month("2026/11")


def test_no_units_no_ranking():
    empty = assess(NOV, [], [], [], as_of=AS_OF)
    assert empty.units == [] and empty.on_time_rate is None


def test_units_tied_at_the_edge_of_a_board_are_all_on_it():
    from datetime import timedelta

    from domain.assessment import InspectionFact, Unit

    def fact(n: int, unit: str, deducted: int) -> InspectionFact:
        start = NOV.start + timedelta(days=2)
        return InspectionFact(
            f"i{n}", unit, "z", start, None, start, True, Decimal(deducted), deducted
        )

    units = [Unit(u, u) for u in "abcdefgh"]
    # a and b tie at the top; e, f, g and h tie at the bottom, below the 黑榜 line (80).
    deductions = {"a": 0, "b": 0, "c": 2, "d": 3, "e": 30, "f": 30, "g": 30, "h": 30}
    facts = [fact(n, u, d) for n, (u, d) in enumerate(deductions.items())]
    result = assess(NOV, units, facts, [], as_of=AS_OF)
    boards = {r.unit_id: (r.rank, r.board, r.flag) for r in result.units}
    assert boards["a"] == boards["b"] == (1, "honor", "red")
    assert boards["c"] == (3, "honor", None) and boards["d"] == (4, None, None)
    assert {u for u, v in boards.items() if v[1] == "shame"} == {"e", "f", "g", "h"}
    assert all(v[0] == 5 and v[2] == "yellow" for u, v in boards.items() if u in "efgh")


def test_a_notice_history_the_lifecycle_refuses_does_not_stop_the_assessment(store, month):
    """A replica can hold a step the server refused (two 签收 recorded offline): the notice is
    replayed without it and the month is still assessed."""
    notice_id = month.notices["c1"]
    store.save(
        "notice_event",
        {
            "notice_id": notice_id,
            "at": "2026-11-14T03:00:00.000000Z",
            "actor": None,
            "kind": "acknowledged",
            "signer": "又一人",
        },
    )
    u = by_letter(month, assess_period(store, NOV, as_of=AS_OF))
    assert (u["C"].score, u["C"].overdue) == (Decimal(89), 1)
    from local_db.notices import list_notices, status

    assert status(store, notice_id).skipped == 1
    assert any(n["id"] == notice_id for n in list_notices(store))
