"""A quarter worked out by hand, recorded the way the office records it: three months of
inspections with 马路办公 duty checks, notices followed up, a hotline export imported and triaged
(交办, 不予受理), a dispute refused (推诿), another settled by 改派, the imported components read
from a file — then the quarter's composite totals, ranks, grades, flags and boards asserted
exactly (domain/composite.py, default configuration and rules).

Shipped template rules used: JZ-01 2/case cap 10; JZ-02 2/case cap 10; JZ-03 2/case cap 8;
DL-02 1/case cap 5.

甲镇 (A): July JZ-01 ×5 → 90; August JZ-01 ×2 → 96. Notice a1 (due 20 July) is disputed on
  5 July, the dispute refused on 6 July (推诿), then rectified and closed on time.
  督查 (90 + 96) / 2 = 93 → 27.9; 问题办理 100 − 1 (推诿) = 99 → 19.8; 视频曝光 10;
  马路办公 在岗, 不在岗 → 98 → 9.8; imports 85/80/100/90 → 8.5 + 8 + 5 + 4.5.  Total 93.5.
乙街道 (B): July JZ-01 ×5, JZ-02 ×4, DL-02 ×1 → 81; August JZ-01 ×5, JZ-02 ×5, JZ-03 ×4 →
  72, less 1 for hotline notice h1 (交办 3 August, due 10 August, never rectified: overdue) →
  71; September JZ-01 ×5 → 90, less 0.5 for c1's failed recheck → 89.5. c1 came to B by 改派
  from 丙局, due 5 September, rectified on time after one failed recheck, closed.
  督查 (81 + 71 + 89.5) / 3 = 80.5 → 24.15; 问题办理: 按期 1/2 = 50 % (−20), 销号 1/2 = 50 %
  (−40), 返工 −0.2, overdue −0.5 → 39.3 → 7.86; 视频曝光 10; 马路办公 未核实, 不在岗, 不在岗 →
  96 → 9.6; imports 90/70/95/60 → 9 + 7 + 4.75 + 3.  Total 75.36.
丙局 (C): July DL-02 ×3 → 97; its notice c1 went to B (its dispute was founded: no 推诿).
  督查 97 → 29.1; 问题办理 nothing due → 20; 视频曝光 10; 马路办公 在岗 → 10;
  imports 70/75/80/85 → 7 + 7.5 + 4 + 4.25.  Total 91.85.
Ranks 甲 1, 丙 2, 乙 3; 甲 and 丙 优秀, 乙 合格; 流动红旗 甲 (no overdue, 按期 100 %, 返工 0 %);
黄旗 乙 (last, below 80); 红榜 甲, 黑榜 乙 (three ranked units: one each).
"""

from __future__ import annotations

import shutil
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from app.assessment.score_import import apply_scores, read_scores
from app.cases.importer import import_cases
from domain.assessment import Period
from domain.clock import office_zone, to_iso
from domain.composite_config import DEFAULT_CONFIG
from local_db.assessment_data import units
from local_db.cases import assign_case, close_case, list_cases
from local_db.composite_data import assess_composite_period
from local_db.duty_checks import record_duty
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
from local_db.unit_events import record_dispute, refuse_dispute, transfer_notice
from tests.core.conftest import attach_evidence, shipped_template_body
from tests.testdata import PHOTOS

AS_OF = datetime(2026, 10, 5, 9, 0, tzinfo=office_zone())


def bj(day: str, hm: str = "10:00") -> str:
    """A Beijing wall-clock time ('07-05', '14:30') of 2026 as stored UTC text."""
    month, d = (int(p) for p in day.split("-"))
    hour, minute = (int(p) for p in hm.split(":"))
    return to_iso(datetime(2026, month, d, hour, minute, tzinfo=office_zone()))


def record_quarter(data: Path, files: Path) -> dict[str, str]:
    store = Store.open(data)
    try:
        template = install_template(store, shipped_template_body())
        inspector = store.save("person", {"name": "张督查", "role": "inspector"})["id"]
        office = store.save("person", {"name": "李科长", "role": "reviewer"})["id"]
        unit, zone = {}, {}
        for letter, name in (("A", "甲镇"), ("B", "乙街道"), ("C", "丙局")):
            unit[letter] = store.save("unit", {"name": name, "kind": "town"})["id"]
            zone[letter] = store.save(
                "zone",
                {
                    "name": f"{name}人民路",
                    "kind": "road_segment",
                    "unit_id": unit[letter],
                    "chief_name": f"{name}路长",
                },
            )["id"]

        def inspect(letter: str, day: str, duty: str, problems: dict[str, int]) -> str:
            row = start_inspection(
                store,
                template_id=template,
                zone_id=zone[letter],
                mode="unannounced",
                person_ids=[inspector],
                started_at=bj(day),
            )
            for code, cases in problems.items():
                f = record_finding(
                    store, row["id"], code, "problem", cases=cases, description="问题"
                )
                attach_evidence(store, row["id"], f["id"], seed=f"{letter}{day}{code}")
            record_duty(store, row["id"], duty, actor=inspector, at=bj(day, "10:05"))
            mark_unanswered_ok(store, row["id"])
            submit_inspection(store, row["id"], actor=inspector, accept_warnings=True)
            record_review(store, row["id"], "accepted", reviewer=office, at=bj(day, "17:00"))
            return row["id"]

        def notice(letter: str, inspection: str, issued: str, due: str) -> str:
            problem = next(
                f["id"] for f in findings(store, inspection).values() if f["result"] == "problem"
            )
            return issue_notice(
                store,
                inspection_id=inspection,
                unit_id=unit[letter],
                finding_ids=[problem],
                requirements="限期整改",
                due_at=due,
                issued_by=inspector,
                issued_at=issued,
            )["id"]

        def steps(notice_id: str, *kinds: tuple[str, str]) -> None:
            for kind, at in kinds:
                record_event(
                    store,
                    notice_id,
                    kind,
                    actor=office,
                    at=at,
                    signer="王签收" if kind == "acknowledged" else None,
                    note="整改不到位" if kind == "recheck_failed" else None,
                )

        a7 = inspect("A", "07-03", "on_duty", {"JZ-01": 5})
        inspect("A", "08-04", "off_duty", {"JZ-01": 2})
        inspect("B", "07-06", "unverified", {"JZ-01": 5, "JZ-02": 4, "DL-02": 1})
        inspect("B", "08-06", "off_duty", {"JZ-01": 5, "JZ-02": 5, "JZ-03": 4})
        inspect("B", "09-02", "off_duty", {"JZ-01": 5})
        c7 = inspect("C", "07-08", "on_duty", {"DL-02": 3})

        a1 = notice("A", a7, bj("07-03", "16:00"), bj("07-20", "18:00"))
        record_dispute(store, a1, signer="甲镇刘", reason="不属本镇", actor=office, at=bj("07-05"))
        refuse_dispute(store, a1, reason="经核实属甲镇责任路段", actor=office, at=bj("07-06"))
        steps(
            a1,
            ("acknowledged", bj("07-07")),
            ("rectified", bj("07-18")),
            ("recheck_passed", bj("07-19")),
            ("closed", bj("07-19", "15:00")),
        )

        c1 = notice("C", c7, bj("07-08", "16:00"), bj("07-20", "18:00"))
        record_dispute(store, c1, signer="丙局赵", reason="该路段已移交乙街道", actor=office,
                       at=bj("07-09"))  # fmt: skip
        transfer_notice(
            store,
            c1,
            to_unit_id=unit["B"],
            reason="路段已移交乙街道管理",
            new_due_at=bj("09-05", "18:00"),
            actor=office,
            at=bj("07-10"),
        )
        steps(
            c1,
            ("acknowledged", bj("07-11")),
            ("rectified", bj("09-01")),
            ("recheck_failed", bj("09-02", "15:00")),
            ("rectified", bj("09-03")),
            ("recheck_passed", bj("09-04")),
            ("closed", bj("09-04", "15:00")),
        )
    finally:
        store.close()

    # The 12345 hotline's export: one case 交办 to 乙街道 and never rectified, one not ours.
    shutil.copy(PHOTOS / "gps" / "DSCN0012.jpg", files / "GD1.jpg")
    hotline = files / "12345.csv"
    hotline.write_text(
        "工单号,受理时间,地址,问题描述,照片\n"
        "GD20260803001,2026-08-03 08:30,乙街道人民路12号,垃圾满溢,GD1.jpg\n"
        "GD20260803002,2026-08-03 09:10,城外高速服务区,噪音扰民,\n",
        encoding="utf-8",
    )
    outcome = import_cases(data, hotline, source="hotline")
    assert outcome.ok, [str(p.message) for p in outcome.problems]
    store = Store.open(data)
    try:
        office = store.rows("SELECT id FROM person WHERE name = '李科长'")[0]["id"]
        cases = {c["ticket_no"]: c for c in list_cases(store)}
        assign_case(
            store,
            cases["GD20260803001"]["id"],
            unit_id=unit["B"],
            zone_id=zone["B"],
            requirements="当日清运",
            due_at=bj("08-10", "18:00"),
            by=office,
            issued_at=bj("08-03", "11:00"),
        )
        close_case(store, cases["GD20260803002"]["id"], "不属城市管理范围", by=office)

        scores = files / "季度考核分项.csv"
        scores.write_text(
            "单位,第三方评估,民调,专项工作,专业检查\n"
            "甲镇,85,80,100,90\n"
            "乙街道,90,70,95,60\n"
            "丙局,70,75,80,85\n",
            encoding="utf-8",
        )
        plan = read_scores(
            scores,
            period="2026-Q3",
            component=None,
            units=units(store),
            config=DEFAULT_CONFIG,
            tz="Asia/Shanghai",
        )
        assert plan.ok, [str(p) for p in plan.problems]
        apply_scores(store, plan, imported_by=office)
    finally:
        store.close()
    return unit


def test_the_hand_worked_quarter_from_a_real_store(tmp_path: Path) -> None:
    files = tmp_path / "files"
    files.mkdir()
    unit = record_quarter(tmp_path / "data", files)
    store = Store.open(tmp_path / "data")
    try:
        result = assess_composite_period(
            store, Period.quarter(2026, 3, "Asia/Shanghai"), as_of=AS_OF
        )
        notices = store.rows("SELECT unit_id, source, number FROM notice ORDER BY issued_at")
    finally:
        store.close()
    # the transferred notice kept its number and is 乙街道's; the hotline's is a 12345 notice
    assert [(n["unit_id"], n["source"]) for n in notices] == [
        (unit["A"], "inspection"),
        (unit["B"], "inspection"),
        (unit["B"], "hotline"),
    ]
    by_name = {u.unit_name: u for u in result.units}
    a, b, c = by_name["甲镇"], by_name["乙街道"], by_name["丙局"]
    assert a.month_scores == [Decimal(90), Decimal(96), None]
    assert b.month_scores == [Decimal(81), Decimal(71), Decimal("89.5")]
    assert c.month_scores == [Decimal(97), None, None]
    assert {k: p.points for k, p in b.parts.items()} == {
        "inspection": Decimal("24.15"),
        "handling": Decimal("7.86"),
        "video": Decimal(10),
        "road_duty": Decimal("9.6"),
        "third_party": Decimal(9),
        "survey": Decimal(7),
        "special": Decimal("4.75"),
        "professional": Decimal(3),
    }
    assert (a.refused_disputes, b.refused_disputes, c.refused_disputes) == (1, 0, 0)
    assert a.parts["handling"].score == Decimal(99)
    assert c.parts["handling"].score == Decimal(100)
    assert a.duty_checks == {"on_duty": 1, "off_duty": 1, "unverified": 0}
    assert (a.score, c.score, b.score) == (Decimal("93.5"), Decimal("91.85"), Decimal("75.36"))
    assert [u.unit_name for u in result.ranked] == ["甲镇", "丙局", "乙街道"]
    assert (a.rank, c.rank, b.rank) == (1, 2, 3)
    assert (a.grade, c.grade, b.grade) == ("excellent", "excellent", "pass")
    assert (a.flag, c.flag, b.flag) == ("red", None, "yellow")
    assert (a.board, c.board, b.board) == ("honor", None, "shame")
    assert result.complete
