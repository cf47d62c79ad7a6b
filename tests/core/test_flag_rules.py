"""Flags and 红黑榜 follow the office's lines (domain/assessment.py Rules), on months worked by
hand. The cases seen in the field: 黄旗 and 黑榜 went to units graded 优秀 (90.25, 92.45), and
the 流动红旗 to a unit with 0 % 按期整改率 and 100 % 返工率."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

import pytest

from domain.assessment import (
    DEFAULT_RULES,
    InspectionFact,
    NoticeFact,
    Period,
    Unit,
    assess,
    points,
)
from domain.org_settings import DEFAULTS, from_row, rules_problem, to_fields

NOV = Period.month(2026, 11)
DAY = NOV.start + timedelta(days=9)  # 10 Nov
AS_OF = NOV.end + timedelta(days=4)


def inspection(unit: str, deducted: str, n: int = 0) -> InspectionFact:
    return InspectionFact(f"{unit}-{n}", unit, "z", DAY, None, DAY, True, Decimal(deducted), 1)


def notice(unit: str, n: int, state: str, reported_days: int | None, failed: int = 0):
    """A notice of `unit` due 20 Nov; `reported_days`: its last report, days after the due
    time (negative: before)."""
    due = NOV.start + timedelta(days=19)
    reported = None if reported_days is None else due + timedelta(days=reported_days)
    rechecks = failed + (state in ("passed", "closed"))
    return NoticeFact(f"{unit}-n{n}", unit, due, state, reported, rechecks, failed)


def flags(result):
    return {
        r.unit_id: (points(r.score), r.rank, r.grade, r.flag or "", r.board or "")
        for r in result.units
    }


def test_units_graded_excellent_never_get_the_yellow_flag_or_the_black_list():
    """Four units, all 优秀: the last-ranked still gets no 黄旗 and nobody is on the 黑榜."""
    units = [Unit(u, u) for u in "abcd"]
    facts = [
        inspection("a", "4"),
        inspection("b", "5.5"),
        inspection("c", "7.55"),
        inspection("d", "9.75"),
    ]
    result = assess(NOV, units, facts, [], as_of=AS_OF)
    assert flags(result) == {
        "a": ("96.00", 1, "excellent", "red", "honor"),
        "b": ("94.50", 2, "excellent", "", "honor"),
        "c": ("92.45", 3, "excellent", "", ""),
        "d": ("90.25", 4, "excellent", "", ""),
    }


def test_the_red_flag_never_goes_to_a_unit_that_rectified_nothing_on_time():
    """a ranks first (97) but both its notices were rectified late after failed rechecks
    (按期整改率 0 %, 返工率 2/4 = 50 %): b, second (95), with one notice rectified on time,
    gets the 流动红旗. c has an overdue notice. d (70) is last and below 80: 黄旗 and 黑榜.
    Scores: a 100 − 2 late × 1 − 2 failed rechecks × 0.5 = 97; b 95; c 92 − 1 overdue = 91."""
    units = [Unit(u, u) for u in "abcd"]
    facts = [
        inspection("a", "0"),
        inspection("b", "5"),
        inspection("c", "8"),
        inspection("d", "30"),
    ]
    notices = [
        notice("a", 1, "closed", 2, failed=1),
        notice("a", 2, "passed", 1, failed=1),
        notice("b", 1, "closed", -1),
        notice("c", 1, "acknowledged", None),
    ]
    result = assess(NOV, units, facts, notices, as_of=AS_OF)
    a = next(r for r in result.units if r.unit_id == "a")
    assert (a.on_time, a.late, a.overdue, a.on_time_rate, a.rework_rate) == (
        0,
        2,
        0,
        Decimal(0),
        Decimal("0.5"),
    )
    assert flags(result) == {
        "a": ("97.00", 1, "excellent", "", "honor"),
        "b": ("95.00", 2, "excellent", "red", "honor"),
        "c": ("91.00", 3, "excellent", "", ""),
        "d": ("70.00", 4, "pass", "yellow", "shame"),
    }


def test_a_unit_with_an_overdue_notice_never_gets_the_red_flag_nor_does_anyone_when_none_may():
    units = [Unit(u, u) for u in "ab"]
    facts = [inspection("a", "0"), inspection("b", "10")]
    notices = [notice("a", 1, "rework", None, failed=1), notice("b", 1, "acknowledged", None)]
    result = assess(NOV, units, facts, notices, as_of=AS_OF)
    # a: 100 − 1 overdue − 0.5 failed recheck = 98.5; b: 90 − 1 = 89.
    assert flags(result) == {
        "a": ("98.50", 1, "excellent", "", "honor"),
        "b": ("89.00", 2, "good", "", ""),
    }


def test_the_lines_are_the_office_s():
    """With the 黄旗/黑榜 line at 90 and 返工率 allowed up to 50 %, the same month as above gives
    a the 流动红旗 (its 按期整改率 line lowered to 0) and c, at 92, escapes the 黄旗 — until
    the line is 92.01."""
    rules = replace(
        DEFAULT_RULES,
        shame_below=Decimal(92),
        red_on_time_from=Decimal(0),
        red_rework_up_to=Decimal(50),
    )
    units = [Unit(u, u) for u in "abc"]
    facts = [inspection("a", "0"), inspection("b", "5"), inspection("c", "8")]
    notices = [notice("a", 1, "closed", 2, failed=1), notice("a", 2, "passed", 1, failed=1)]
    result = assess(NOV, units, facts, notices, rules=rules, as_of=AS_OF)
    assert flags(result) == {
        "a": ("97.00", 1, "excellent", "red", "honor"),
        "b": ("95.00", 2, "excellent", "", ""),
        "c": ("92.00", 3, "excellent", "", ""),
    }
    lower = replace(rules, shame_below=Decimal("92.01"))
    result = assess(NOV, units, facts, notices, rules=lower, as_of=AS_OF)
    assert flags(result)["c"] == ("92.00", 3, "excellent", "yellow", "shame")


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"shame_below": Decimal(101)}, "flags"),
        ({"shame_below": Decimal(-1)}, "flags"),
        ({"red_on_time_from": Decimal("100.5")}, "flags"),
        ({"red_rework_up_to": Decimal(-1)}, "flags"),
        ({"shame_below": Decimal(100), "red_rework_up_to": Decimal(0)}, None),
    ],
)
def test_the_lines_are_checked(changes, problem):
    assert rules_problem(replace(DEFAULT_RULES, **changes)) == problem


def test_a_record_from_a_laptop_older_than_the_lines_gets_the_defaults():
    row = {"id": "x", **to_fields(DEFAULTS)}
    for name in ("shame_below", "red_on_time_from", "red_rework_up_to"):
        del row[name]
    rules = from_row(row).rules
    assert (rules.shame_below, rules.red_on_time_from, rules.red_rework_up_to) == (80, 80, 20)
    kept = from_row({**to_fields(DEFAULTS), "shame_below": 75.5}).rules
    assert kept.shame_below == Decimal("75.5")
