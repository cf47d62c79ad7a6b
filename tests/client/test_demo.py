"""The demo fill: a county's reference data and a month of inspections, through the real APIs."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from app.demo.fill import DemoError, DemoSummary, fill_demo
from domain.clock import from_iso
from domain.workcalendar import default_calendar_path, load_calendar
from local_db.inspections import digest_of, findings
from local_db.org_settings import org_settings
from local_db.reference import load_template
from local_db.store import Store

SH = ZoneInfo("Asia/Shanghai")
TODAY = date(2026, 11, 20)


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, DemoSummary]:
    data_dir = tmp_path_factory.mktemp("demo")
    return data_dir, fill_demo(data_dir, today=TODAY)


@pytest.fixture
def store(filled: tuple[Path, DemoSummary]):
    opened = Store.open(filled[0])
    yield opened
    opened.close()


def local(iso: str):
    return from_iso(iso).astimezone(SH)


def test_summary_matches_the_store(filled, store):
    _, summary = filled
    count = lambda sql: store.db.execute(sql).fetchone()[0]  # noqa: E731
    assert summary.units == count("SELECT count(*) FROM unit")
    assert summary.zones == count("SELECT count(*) FROM zone")
    assert summary.people == count("SELECT count(*) FROM person")
    assert summary.inspections == summary.submitted + summary.drafts
    assert summary.inspections == count("SELECT count(*) FROM inspection")
    assert summary.findings == count("SELECT count(*) FROM finding")
    assert summary.problems == count("SELECT count(*) FROM finding WHERE result = 'problem'")


def test_reference_data(store):
    assert len(store.rows("SELECT * FROM unit")) >= 5
    zones = store.rows("SELECT * FROM zone")
    assert len(zones) >= 20
    assert all(z["chief_name"] and z["chief_phone"] for z in zones)
    assert {z["kind"] for z in zones} == {"road_segment", "grid", "site"}
    assert store.rows("SELECT * FROM unit WHERE parent_id IS NOT NULL")
    local_person = store.row("person", store.meta("local_person_id") or "")
    assert local_person is not None and local_person["role"] == "inspector"
    office = org_settings(store)  # the office's record, as the demo server seeds it too
    assert office.held and office.office_name == "青山县城市管理督查办公室"
    assert office.notice_prefix == "督改" and office.office_phone
    queued = store.rows("SELECT seq FROM outbox WHERE entity = 'org_settings'")
    assert queued == []  # the demo server seeds the same office: nothing to push


def test_inspections_fall_in_the_month_up_to_today_in_office_hours(store):
    rows = store.rows("SELECT started_at FROM inspection")
    starts = [local(r["started_at"]) for r in rows]
    assert all(s.year == 2026 and s.month == 11 and s.day <= TODAY.day for s in starts)
    assert all(time(8, 30) <= s.time() < time(17, 0) for s in starts)
    calendar = load_calendar(default_calendar_path())
    working = [s for s in starts if calendar.is_working_day(s.date())]
    days = {s.date() for s in working}
    assert 3 <= len(working) / len(days) <= 5  # about 3–4 per working day
    assert len(starts) - len(working) <= len(starts) // 10  # weekends mostly quiet


def test_inspections_are_made_through_the_real_api(store):
    template_id = store.rows("SELECT id FROM template")[0]["id"]
    item_count = load_template(store, template_id).item_count
    for row in store.rows("SELECT * FROM inspection"):
        persons = store.rows("SELECT * FROM inspection_person WHERE inspection_id = ?", [row["id"]])
        assert 1 <= len(persons) <= 3
        assert sum(p["lead"] for p in persons) == 1
        done = findings(store, row["id"])
        problems = [f for f in done.values() if f["result"] == "problem"]
        assert sum(f["deduction"] for f in problems) == pytest.approx(row["deducted"])
        assert row["score"] == pytest.approx(100 - row["deducted"])
        assert all(1 <= f["cases"] <= 5 and f["description"] for f in problems)
        if row["status"] == "submitted":
            assert len(done) == item_count
            assert 2 <= len(problems) <= 8
            assert row["summary"] and row["finished_at"]
    modes = {r["mode"] for r in store.rows("SELECT mode FROM inspection")}
    assert modes == {"unannounced", "open", "covert"}
    pending = store.db.execute(
        "SELECT count(*) FROM outbox WHERE entity = 'finding' AND state = 'pending'"
    ).fetchone()[0]
    assert pending >= store.db.execute("SELECT count(*) FROM finding").fetchone()[0]


def test_descriptions_name_a_place_in_the_zone(store):
    rows = store.rows(
        "SELECT f.description, z.name FROM finding f "
        "JOIN inspection i ON i.id = f.inspection_id JOIN zone z ON z.id = i.zone_id "
        "WHERE f.result = 'problem'"
    )
    assert rows
    for row in rows:
        assert row["description"].startswith(row["name"].split("（")[0]), row


def test_drafts_and_submitted(store):
    template_id = store.rows("SELECT id FROM template")[0]["id"]
    item_count = load_template(store, template_id).item_count
    drafts = store.rows("SELECT * FROM inspection WHERE status = 'draft'")
    assert drafts
    assert store.rows("SELECT * FROM inspection WHERE status = 'submitted'")
    assert all((TODAY - local(d["started_at"]).date()).days <= 2 for d in drafts)
    assert all(d["digest"] is None and d["finished_at"] is None for d in drafts)
    sizes = [len(findings(store, d["id"])) for d in drafts]
    assert any(n < item_count for n in sizes), "some draft is part-way through the checklist"


def test_every_submitted_digest_is_recomputable(store):
    submitted = store.rows("SELECT id, digest FROM inspection WHERE status = 'submitted'")
    assert submitted
    for row in submitted:
        assert row["digest"] == digest_of(store, row["id"])


def test_units_score_differently(store):
    averages = store.rows(
        "SELECT unit_id, avg(score) AS score FROM inspection WHERE status = 'submitted' "
        "GROUP BY unit_id"
    )
    distinct = {round(r["score"], 2) for r in averages}
    assert len(distinct) >= 3
    assert max(distinct) - min(distinct) >= 3  # clearly, not by rounding noise


def test_one_submitted_inspection_is_amended(store):
    amendments = store.rows("SELECT * FROM inspection WHERE amends_id IS NOT NULL")
    assert len(amendments) == 1
    amendment = amendments[0]
    original = store.row("inspection", amendment["amends_id"])
    assert original is not None
    assert original["status"] == amendment["status"] == "submitted"
    assert amendment["started_at"] == original["started_at"]
    assert amendment["digest"] != original["digest"]
    before = {c: (f["result"], f["cases"]) for c, f in findings(store, original["id"]).items()}
    after = {c: (f["result"], f["cases"]) for c, f in findings(store, amendment["id"]).items()}
    assert before.keys() == after.keys()
    assert sum(before[c] != after[c] for c in before) == 1
    assert "更正" in amendment["summary"]


def test_a_second_fill_is_refused(filled, store):
    data_dir, summary = filled
    with pytest.raises(DemoError, match="already holds"):
        fill_demo(data_dir, today=TODAY)
    assert store.db.execute("SELECT count(*) FROM inspection").fetchone()[0] == summary.inspections


def test_the_same_seed_gives_the_same_month(tmp_path, store):
    fill_demo(tmp_path, today=TODAY)
    again = Store.open(tmp_path)
    try:
        shape = (
            "SELECT i.started_at, z.name, i.mode, i.status, i.score, i.problem_count, i.summary "
            "FROM inspection i JOIN zone z ON z.id = i.zone_id ORDER BY i.started_at, i.amends_id"
        )
        assert again.rows(shape) == store.rows(shape)
    finally:
        again.close()


def test_duty_checks_on_road_segments_only_with_every_state(store):
    """马路办公: the quarter's component has data — checks on road segments' inspections, each
    seen during its visit, no check on a grid or a site."""
    rows = store.rows(
        "SELECT d.status, d.checked_at, d.chief_name, i.started_at, z.kind, z.chief_name AS chief "
        "FROM duty_check d JOIN inspection i ON i.id = d.inspection_id "
        "JOIN zone z ON z.id = d.zone_id"
    )
    assert len(rows) > 20
    assert {r["kind"] for r in rows} == {"road_segment"}
    assert {r["status"] for r in rows} == {"on_duty", "off_duty", "unverified"}
    assert all(r["checked_at"] > r["started_at"] and r["chief_name"] == r["chief"] for r in rows)
    phones = store.rows("SELECT chief_phone FROM zone WHERE kind = 'road_segment'")
    assert all(p["chief_phone"] for p in phones)
