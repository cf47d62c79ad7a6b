"""The composite assessment's rules (domain/composite.py) on a quarter worked out by hand.

Quarter 2026-Q3, default configuration (督查 30, 问题办理 20, 视频曝光 10, 马路办公 10, 第三方评估
10, 民调 10, 专项工作 5, 专业检查 5; all on 100 marks), default rules.

甲 (A): inspected July (−10 → 90) and August (−4 → 96, one problem on video); notice n1 due
  20 July, rectified 18 July and closed. Months 90, 96, — → mean 93 → 27.9 points.
  问题办理 100 → 20; 视频曝光 1 × −1 → 99 → 9.9; 马路办公 在岗, 在岗, 不在岗 → 98 → 9.8;
  imports 85, 80, 100, 90 → 8.5 + 8 + 5 + 4.5. Total 93.6: rank 1, 优秀, 流动红旗, 红榜.
乙 (B): July −20 → 80; August −30 → 70, n2 (领导交办) due 10 August still open → overdue −1 → 69;
  September −10 → 90, n3 due 5 September rectified on time after one failed recheck −0.5 → 89.5.
  Mean 79.5 → 23.85. 问题办理: 按期 1/2 = 50 % (20 below 70: −20), 销号 1/2 = 50 % (40 below
  90: −40), 返工 1 × 0.2, n2 overdue and doubled: 2 × 0.5, one refused dispute −1 → 37.8 → 7.56;
  视频 10; 马路办公 未核实, 不在岗, 不在岗 → 96 → 9.6; imports 90, 70, 95, 60 → 9 + 7 + 4.75 + 3.
  Total 74.76: rank 2, 合格, 黄旗, 黑榜.
丙 (C): never inspected: 未检查, not ranked.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from domain.assessment import InspectionFact, NoticeFact, Period, Unit
from domain.composite import (
    CompositeFacts,
    DutyFact,
    ImportedScores,
    RefusedDispute,
    assess_composite,
    parse_period,
    period_key,
)
from domain.composite_config import DEFAULT_CONFIG, config_text, parse_config

TZ = "Asia/Shanghai"
Z = ZoneInfo(TZ)
A, B, C = Unit("a", "甲镇"), Unit("b", "乙街道"), Unit("c", "丙公司")
AS_OF = datetime(2026, 10, 5, 9, tzinfo=Z)
Q3 = Period.quarter(2026, 3, TZ)


def at(month: int, day: int, hour: int = 10) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=Z)


def visit(ident: str, unit: Unit, when: datetime, deducted: str, video: int = 0):
    return InspectionFact(
        id=ident,
        unit_id=unit.id,
        zone_id=f"z-{unit.id}",
        started_at=when,
        amends_id=None,
        submitted_at=when,
        accepted=True,
        deducted=Decimal(deducted),
        problems=1,
        video_exposures=video,
    )


def notice(ident, unit, due, state, reported=None, rechecks=0, failed=0, source="inspection"):
    return NoticeFact(ident, unit.id, due, state, reported, rechecks, failed, source)


def imported(component: str, a: str, b: str, period: str = "2026-Q3") -> ImportedScores:
    return ImportedScores(
        component, period, {"a": Decimal(a), "b": Decimal(b)}, file_name=f"{component}.xlsx"
    )


def quarter_facts(imports: tuple[ImportedScores, ...] | None = None) -> CompositeFacts:
    return CompositeFacts(
        units=[A, B, C],
        inspections=[
            visit("a7", A, at(7, 3), "10"),
            visit("a8", A, at(8, 4), "4", video=1),
            visit("b7", B, at(7, 6), "20"),
            visit("b8", B, at(8, 6), "30"),
            visit("b9", B, at(9, 2), "10"),
            visit("b6", B, at(6, 20), "50"),  # June: another quarter
        ],
        notices=[
            notice("n1", A, at(7, 20, 18), "closed", at(7, 18), rechecks=1),
            notice("n2", B, at(8, 10, 18), "acknowledged", source="leader"),
            notice("n3", B, at(9, 5, 18), "closed", at(9, 1), rechecks=2, failed=1),
        ],
        duty=[
            DutyFact("a", "z-a", at(7, 3), "on_duty"),
            DutyFact("a", "z-a", at(8, 4), "on_duty"),
            DutyFact("a", "z-a", at(9, 9), "off_duty"),
            DutyFact("b", "z-b", at(7, 6), "unverified"),
            DutyFact("b", "z-b", at(8, 6), "off_duty"),
            DutyFact("b", "z-b", at(9, 2), "off_duty"),
            DutyFact("b", "z-b", at(6, 2), "off_duty"),  # June
        ],
        disputes=[RefusedDispute("b", at(8, 20)), RefusedDispute("a", at(6, 30))],
        imports=imports
        if imports is not None
        else (
            imported("third_party", "85", "90"),
            imported("survey", "80", "70"),
            imported("special", "100", "95"),
            imported("professional", "90", "60"),
        ),
    )


def test_the_hand_worked_quarter() -> None:
    result = assess_composite(Q3, quarter_facts(), config=DEFAULT_CONFIG, as_of=AS_OF)
    a, b, c = result.units
    assert [u.unit_name for u in result.units] == ["甲镇", "乙街道", "丙公司"]
    assert a.month_scores == [Decimal(90), Decimal(96), None]
    assert b.month_scores == [Decimal(80), Decimal(69), Decimal("89.5")]
    points = {k: p.points for k, p in a.parts.items()}
    assert points == {
        "inspection": Decimal("27.9"),
        "handling": Decimal(20),
        "video": Decimal("9.9"),
        "road_duty": Decimal("9.8"),
        "third_party": Decimal("8.5"),
        "survey": Decimal(8),
        "special": Decimal(5),
        "professional": Decimal("4.5"),
    }
    assert b.parts["handling"].score == Decimal("37.8")
    assert [s.points for s in b.parts["handling"].steps] == [
        Decimal(-20),
        Decimal(-40),
        Decimal("-0.2"),
        Decimal("-1.0"),
        Decimal(-1),
    ]
    assert b.parts["road_duty"].score == Decimal(96)
    assert (a.score, b.score, c.score) == (Decimal("93.6"), Decimal("74.76"), None)
    assert (a.rank, b.rank, c.rank) == (1, 2, None)
    assert (a.grade, b.grade) == ("excellent", "pass")
    assert (a.flag, b.flag) == ("red", "yellow")
    assert (a.board, b.board) == ("honor", "shame")
    assert a.refused_disputes == 0 and b.refused_disputes == 1
    assert result.complete


def test_a_missing_import_leaves_the_total_incomplete() -> None:
    partial = (imported("third_party", "85", "90"),)
    result = assess_composite(Q3, quarter_facts(partial), as_of=AS_OF)
    assert result.missing == ["survey", "special", "professional"]
    assert not result.complete
    a = result.units[0]
    assert a.parts["survey"].score is None and a.missing == ["survey", "special", "professional"]


def test_the_year_takes_the_mean_of_its_quarters_imports() -> None:
    year = parse_period("2026", TZ)
    assert period_key(year) == "2026" and year.kind == "year"
    facts = quarter_facts(
        (
            imported("third_party", "80", "90", "2026-Q2"),
            imported("third_party", "90", "70", "2026-Q3"),
            imported("survey", "60", "60", "2026"),  # the year's own import wins
            imported("survey", "100", "100", "2026-Q3"),
            imported("special", "100", "100", "2026"),
            imported("professional", "100", "100", "2026"),
        )
    )
    result = assess_composite(year, facts, as_of=AS_OF)
    a = next(u for u in result.units if u.unit_id == "a")
    assert a.parts["third_party"].score == Decimal(85)
    assert a.parts["survey"].score == Decimal(60)
    assert len(result.months) == 12
    b = next(u for u in result.units if u.unit_id == "b")
    assert b.month_scores[5] == Decimal(50)  # June counts in the year


def test_the_configuration_round_trips_and_refuses_nonsense() -> None:
    assert parse_config(config_text(DEFAULT_CONFIG)) == DEFAULT_CONFIG
    assert parse_config("") == DEFAULT_CONFIG
    with pytest.raises(ValueError, match="add up to 100"):
        parse_config('{"components": [{"key": "inspection", "weight": 90, "full_marks": 100}]}')
    with pytest.raises(ValueError, match="unknown component"):
        parse_config('{"components": [{"key": "lunch", "weight": 100, "full_marks": 100}]}')
    with pytest.raises(ValueError, match="always a component"):
        parse_config('{"components": [{"key": "survey", "weight": 100, "full_marks": 100}]}')
    with pytest.raises(ValueError, match="not a number"):
        parse_config('{"components": [{"key": "inspection", "weight": "x", "full_marks": 100}]}')
    with pytest.raises(ValueError, match="quarter"):
        parse_period("2026-Q5", TZ)
