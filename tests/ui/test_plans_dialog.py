"""督查计划 on an office laptop: the plans it knows, newest first, with their commitments; the
revealed ones checked against the draw from their seeds (an edited one does not match), and a
plan's visits by day, zone, unit and inspectors."""

from __future__ import annotations

import hashlib
from pathlib import Path

from app.store_setup import open_store
from domain.ids import new_id
from domain.visit_plan import PlanInputs, PlanZone, Team, commitment, draw, period_days
from local_db.plan_assignments import keep_commitments, keep_revealed
from tests.ui.conftest import close_window


def _record(period: str, zones: list[dict], people: list[str], seed: str) -> dict:
    """A revealed plan as the server publishes it (server/plans.py detail)."""
    inputs = PlanInputs(
        period,
        tuple(d.isoformat() for d in period_days(period) if d.weekday() < 5),
        tuple(PlanZone(z["id"], z["unit_id"]) for z in zones),
        (Team((people[0],), ()), Team((people[1],), ())),
        1,
        "week",
    )
    plan_id = new_id()
    rows = [
        {"id": new_id(), "plan_id": plan_id, "period": period, "day": a.day, "team": a.team,
         "seat": seat, "inspector_id": m, "zone_id": a.zone_id, "unit_id": a.unit_id,
         "template_id": None, "mode": "unannounced"}
        for a in draw(seed, inputs)
        for seat, m in enumerate(a.members)
    ]  # fmt: skip
    return {
        "id": plan_id, "period": period, "seed": seed, "seed_commitment": commitment(seed),
        "inputs": inputs.to_json(), "inputs_digest": inputs.digest(), "assignments": rows,
    }  # fmt: skip


def _office(folder: Path) -> dict[str, dict]:
    store = open_store(folder)
    try:
        with store.transaction():
            unit = store.save("unit", {"name": "城关镇人民政府", "kind": "town"})
            zones = [
                store.save(
                    "zone", {"name": f"{n}路", "kind": "road_segment", "unit_id": unit["id"]}
                )
                for n in ("东", "西", "南", "北")
            ]
            people = [
                store.save("person", {"name": name, "role": "inspector"})["id"]
                for name in ("王磊", "李娜")
            ]
            me = store.save("person", {"name": "赵主任", "role": "reviewer"})
            store.set_meta("local_person_id", me["id"])
        seeds = [hashlib.sha256(p.encode()).hexdigest() for p in ("10", "11")]
        good = _record("2026-10", zones, people, seeds[0])
        bad = _record("2026-11", zones, people, seeds[1])
        bad["assignments"][0]["day"] = bad["assignments"][-1]["day"]  # edited after the draw
        keep_commitments(
            store,
            [
                {"period": "2026-12", "seed_commitment": "ab" * 32},
                {"period": "2026-11", "seed_commitment": bad["seed_commitment"]},
                {"period": "2026-10", "seed_commitment": good["seed_commitment"]},
            ],
        )
        keep_revealed(store, good)
        keep_revealed(store, bad)
        return {"good": good, "bad": bad}
    finally:
        store.close()


def test_the_office_sees_its_plans_checked(qtbot, launch, tmp_path):
    records = _office(tmp_path)
    window = launch(tmp_path)
    assert window.plans_action.isVisible() or window.plans_action.isVisibleTo(window)
    dialog = window.open_plans()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 3)
    table = dialog.table
    cells = [[table.item(r, c).text() for c in range(3)] for r in range(3)]
    assert [c[0] for c in cells] == ["2026-12", "2026-11", "2026-10"]
    assert cells[0][1:] == ["ab" * 32, "尚未公布种子"]
    assert cells[1][1] == records["bad"]["seed_commitment"]
    assert cells[1][2] == "不一致：督查安排与抽取结果不同"
    assert cells[2][2] == "与公布的种子抽取结果一致"
    table.selectRow(2)
    visits = dialog.visits
    assert visits.rowCount() == len(records["good"]["assignments"]) > 0
    first = [visits.item(0, c).text() for c in range(4)]
    assert first[0] == records["good"]["assignments"][0]["day"]
    assert first[2] == "城关镇人民政府" and first[1].endswith("路") and first[3] in ("王磊", "李娜")
    table.selectRow(0)
    assert visits.rowCount() == 0  # not revealed: its visits are not on this laptop
    dialog.close()
    close_window(window)


def test_the_plan_chosen_stays_chosen_when_the_list_is_read_again(qtbot, launch, tmp_path):
    """A reveal (or a new draw) reads the plans again: the plan the user was looking at stays
    selected, its visits beside it, rather than the list jumping back to the newest plan."""
    records = _office(tmp_path)
    window = launch(tmp_path)
    dialog = window.open_plans()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 3)
    dialog.table.selectRow(2)  # 2026-10
    job = dialog.reload()  # what a reveal's end does
    qtbot.waitUntil(lambda: not job.running())
    assert dialog.selected() is not None and dialog.selected().period == "2026-10"
    assert dialog.visits.rowCount() == len(records["good"]["assignments"])
    dialog.close()
    close_window(window)
