"""Coverage on a hand-worked month (domain/coverage.py, local_db/coverage_data.py): November 2026
in Asia/Shanghai, two units, five active zones and one inactive.

    城关镇人民政府: 人民路 visited 11-03 and 11-20 (and a correction of the 11-20 visit started
                   11-21: the same visit); 解放街 visited 10-28 only; 东环路 visited 11-30 at
                   23:30 local (15:30 UTC: still November here).
    城市管理局:     广场 visited 12-01 at 00:30 local (11-30 16:30 UTC: December here); 公园
                   never; 旧路 inactive (not counted).

As of 2026-12-05 (after the month: counted to its last day, 11-30): visited 人民路 (2 visits,
last 11-20, 10 days), 东环路 (1, 11-30, 0 days); not visited 解放街 (last 10-28, 33 days), 公园
and 广场 (never: the 12-01 visit is after the month). 城关镇 2 of 3, 城市管理局 0 of 2, 2 of 5.
"""

from __future__ import annotations

from datetime import date

from domain.assessment import Period
from domain.coverage import month_end_warning
from local_db.coverage_data import period_coverage
from local_db.inspections import start_inspection
from tests.core.conftest import install_basics

NOVEMBER = Period.month(2026, 11, "Asia/Shanghai")


def _month(store) -> None:
    with store.transaction():
        b = install_basics(store)  # 城关镇人民政府 and its zone 人民路（解放街—东环路）
        store.db.execute("UPDATE zone SET name = '人民路' WHERE id = ?", [b.zone_id])
        office = store.save("unit", {"name": "城市管理局", "kind": "department"})
        zones = {"人民路": b.zone_id}
        for name, unit, active in (
            ("解放街", b.unit_id, 1),
            ("东环路", b.unit_id, 1),
            ("广场", office["id"], 1),
            ("公园", office["id"], 1),
            ("旧路", office["id"], 0),
        ):
            zones[name] = store.save(
                "zone", {"name": name, "kind": "site", "unit_id": unit, "active": active}
            )["id"]

    def visit(zone: str, started_at: str, amends: str | None = None) -> str:
        return start_inspection(
            store, template_id=b.template_id, zone_id=zones[zone], mode="unannounced",
            person_ids=[b.person_id], started_at=started_at, amends_id=amends,
        )["id"]  # fmt: skip

    visit("人民路", "2026-11-03T01:00:00.000000Z")
    second = visit("人民路", "2026-11-20T02:00:00.000000Z")
    visit("人民路", "2026-11-21T02:00:00.000000Z", amends=second)  # a correction: no new visit
    visit("解放街", "2026-10-28T02:00:00.000000Z")
    visit("东环路", "2026-11-30T15:30:00.000000Z")  # 23:30 on 11-30 in Shanghai
    visit("广场", "2026-11-30T16:30:00.000000Z")  # 00:30 on 12-01 in Shanghai
    visit("旧路", "2026-11-05T02:00:00.000000Z")  # inactive zone


def test_a_hand_worked_month(store) -> None:
    _month(store)
    report = period_coverage(store, NOVEMBER, today=date(2026, 12, 5))
    assert (report.first_day, report.last_day, report.as_of) == (
        date(2026, 11, 1),
        date(2026, 11, 30),
        date(2026, 11, 30),
    )
    rows = [(z.unit_name, z.zone_name, z.visits, z.last_visit, z.days_since) for z in report.zones]
    assert rows == [
        ("城关镇人民政府", "东环路", 1, date(2026, 11, 30), 0),
        ("城关镇人民政府", "人民路", 2, date(2026, 11, 20), 10),
        ("城关镇人民政府", "解放街", 0, date(2026, 10, 28), 33),
        ("城市管理局", "公园", 0, None, None),
        ("城市管理局", "广场", 0, None, None),
    ]
    assert [z.zone_name for z in report.unvisited] == ["解放街", "公园", "广场"]
    assert report.rate == 2 / 5
    assert [(u.unit_name, u.visited, u.total) for u in report.by_unit()] == [
        ("城关镇人民政府", 2, 3),
        ("城市管理局", 0, 2),
    ]


def test_days_since_are_counted_to_today_while_the_month_runs(store) -> None:
    _month(store)
    report = period_coverage(store, NOVEMBER, today=date(2026, 11, 24))
    days = {z.zone_name: z.days_since for z in report.zones}
    assert days == {"东环路": None, "人民路": 4, "解放街": 27, "公园": None, "广场": None}


def test_the_office_is_warned_a_week_before_the_month_ends(store) -> None:
    _month(store)
    for today, warned in (
        (date(2026, 11, 23), []),  # 7 days left: not yet
        (date(2026, 11, 24), ["解放街", "公园", "广场"]),
        (date(2026, 11, 30), ["解放街", "公园", "广场"]),
        (date(2026, 12, 1), []),  # the month is over
    ):
        report = period_coverage(store, NOVEMBER, today=today)
        assert [z.zone_name for z in month_end_warning(report, today)] == warned, today
