"""The composite assessment on the real server (SQLite and PostgreSQL): the office's configuration
rides on its settings record (an admin edits it, a reviewer may not, a nonsense one is refused,
every laptop pulls it), and an imported component (assessment_import) is pushed by the office,
pulled by everyone, refused to an inspector, refused above the component's full marks or naming
no unit, replaced by a later import that keeps the earlier one in its history, and audited.
A server of its own: the office's record changes here (tests/server/office.py)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal

import pytest
import sqlalchemy as sa

from domain.assessment_import import history_after, import_id
from domain.clock import now_iso
from domain.composite_config import DEFAULT_CONFIG, parse_config
from domain.ids import new_id
from domain.org_settings import DEFAULTS, ORG_SETTINGS_ID, from_row, to_fields
from domain.wire import change
from tests.server import rows
from tests.server.conftest import Server
from tests.server.office import office_server

SHA_A, SHA_B = "a" * 64, "b" * 64


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def office(request, tmp_path_factory) -> Iterator[Server]:
    with office_server(tmp_path_factory.mktemp(f"comp-{request.param}"), request.param) as srv:
        yield srv


def record(device: str, rev: int, **fields) -> dict:
    now = now_iso()
    return {
        "id": ORG_SETTINGS_ID,
        **to_fields(DEFAULTS),
        "updated_by": None,
        **fields,
        "created_at": now,
        "updated_at": now,
        "device_id": device,
        "rev": rev,
    }


def push_one(server: Server, user: str, item: dict) -> dict:
    answer = rows.push(server.session(user), server.base, f"dev-{user}", [item])
    return answer["results"][0]


def pulled(server: Server, user: str, entity: str) -> list[dict]:
    found, _ = rows.pull_all(server.session(user), server.base, limit=1000)
    latest = {c["id"]: c["row"] for c in found if c["entity"] == entity}
    return list(latest.values())


def an_import(
    device: str, component: str, period: str, scores: dict, rev: int = 1, **fields
) -> dict:
    now = now_iso()
    return {
        "id": import_id(component, period),
        "component": component,
        "period": period,
        "scores": json.dumps(scores),
        "file_name": "民调.xlsx",
        "file_sha256": SHA_A,
        "imported_by": None,
        "imported_at": now,
        "history": "[]",
        **fields,
        "created_at": now,
        "updated_at": now,
        "device_id": device,
        "rev": rev,
    }


def test_the_configuration_round_trips_through_the_server(office):
    survey_out = tuple(c for c in DEFAULT_CONFIG.components if c.key != "survey")
    inspection = survey_out[0]
    config = replace(
        DEFAULT_CONFIG,
        components=(replace(inspection, weight=inspection.weight + 10), *survey_out[1:]),
        per_absence=Decimal("1.5"),
    )
    fields = to_fields(replace(DEFAULTS, composite=config))
    assert fields["composite"]  # not the default: written out

    clerk = push_one(office, "clerk", change("org_settings", record("dev-clerk", 1, **fields)))
    assert clerk["status"] == "rejected" and clerk["code"] == "forbidden"
    nonsense = dict(fields, composite=fields["composite"].replace('"weight": 40', '"weight": 35'))
    refused = push_one(office, "boss", change("org_settings", record("dev-boss", 1, **nonsense)))
    assert refused["status"] == "rejected" and refused["code"] == "invalid", refused
    assert "100" in refused["reason"]  # the weights add up to 100

    saved = push_one(office, "boss", change("org_settings", record("dev-boss", 1, **fields)))
    assert saved["status"] == "accepted", saved
    (held,) = pulled(office, "insp", "org_settings")
    assert from_row(held).composite == config
    assert parse_config(held["composite"]).component("survey") is None


def test_an_older_laptops_record_without_the_field_is_the_default(office):
    fields = to_fields(DEFAULTS)
    del fields["composite"]
    answer = push_one(office, "boss", change("org_settings", record("dev-boss", 5, **fields)))
    assert answer["status"] == "accepted", answer
    (held,) = pulled(office, "clerk", "org_settings")
    assert from_row(held).composite == DEFAULT_CONFIG


def test_an_import_is_pushed_pulled_refused_and_replaced(office):
    unit = office.units["A"]
    # an inspector may not import
    insp = push_one(
        office, "insp", change("assessment_import", an_import("d", "survey", "2026-Q3", {unit: 90}))
    )
    assert insp["status"] == "rejected" and insp["code"] == "forbidden", insp
    # above the component's full marks (100 in the default configuration)
    above = an_import("dev-clerk", "survey", "2026-Q3", {unit: 100.5})
    answer = push_one(office, "clerk", change("assessment_import", above))
    assert answer["status"] == "rejected" and answer["code"] == "invalid", answer
    assert "full marks" in answer["reason"]
    # a key naming no unit
    stranger = an_import("dev-clerk", "survey", "2026-Q3", {new_id(): 80})
    answer = push_one(office, "clerk", change("assessment_import", stranger))
    assert answer["status"] == "rejected" and answer["code"] == "reference", answer
    # an id not derived from the component and period: a second row of the period
    second = an_import("dev-clerk", "survey", "2026-Q3", {unit: 80}, id=new_id())
    answer = push_one(office, "clerk", change("assessment_import", second))
    assert answer["status"] == "rejected" and answer["code"] == "invalid", answer
    # someone else named as the importer
    posing = an_import(
        "dev-clerk", "survey", "2026-Q3", {unit: 80}, imported_by=office.users["boss"]
    )
    answer = push_one(office, "clerk", change("assessment_import", posing))
    assert answer["status"] == "rejected" and answer["code"] == "identity_mismatch", answer
    assert pulled(office, "insp", "assessment_import") == []  # nothing of it was kept

    first = an_import("dev-clerk", "survey", "2026-Q3", {unit: 88.5})
    answer = push_one(office, "clerk", change("assessment_import", first))
    assert answer["status"] == "accepted", answer
    (held,) = pulled(office, "insp", "assessment_import")  # office-wide: an inspector pulls it
    assert held["imported_by"] == office.users["clerk"]  # stamped from the token
    assert json.loads(held["scores"]) == {unit: 88.5}

    # the admin imports the period again: an update of the same row, by its own author
    later = an_import(
        "dev-boss", "survey", "2026-Q3", {unit: 91}, rev=2, file_sha256=SHA_B,
        file_name="民调（更正）.xlsx", history=history_after(held),
    )  # fmt: skip
    answer = push_one(office, "boss", change("assessment_import", later))
    assert answer["status"] == "accepted", answer
    (held,) = pulled(office, "clerk", "assessment_import")
    assert held["imported_by"] == office.users["boss"]
    assert json.loads(held["scores"]) == {unit: 91}
    (earlier,) = json.loads(held["history"])
    assert earlier["imported_by"] == office.users["clerk"] and earlier["file_sha256"] == SHA_A

    # a laptop that sends no history cannot drop the record: the server keeps it
    bare = an_import("dev-boss", "survey", "2026-Q3", {unit: 92}, rev=3, history="[]")
    answer = push_one(office, "boss", change("assessment_import", bare))
    assert answer["status"] == "accepted", answer
    (held,) = pulled(office, "clerk", "assessment_import")
    assert [e["file_sha256"] for e in json.loads(held["history"])] == [SHA_A, SHA_B]

    # never deleted, not even by an admin
    gone = push_one(office, "boss", change("assessment_import", held, op="delete"))
    assert gone["status"] == "rejected" and gone["code"] == "forbidden"

    # the audit log records each import: what, for when, which file
    entries = (
        office.session("boss")
        .get(f"{office.base}/audit", params={"entity": "assessment_import"}, timeout=10)
        .json()["entries"]
    )
    accepted = [e for e in entries if e["action"] == "upsert"]
    details = [
        e["detail"] if isinstance(e["detail"], dict) else json.loads(e["detail"]) for e in accepted
    ]
    assert {(d["period"], d["component"], d["file_sha256"]) for d in details} >= {
        ("2026-Q3", "survey", SHA_A),
        ("2026-Q3", "survey", SHA_B),
    }


def test_a_component_the_office_does_not_count_is_refused(office):
    kept = [c for c in DEFAULT_CONFIG.components if c.key != "special"]
    kept[0] = replace(kept[0], weight=kept[0].weight + 5)  # 专项工作's 5 points to 督查
    config = replace(DEFAULT_CONFIG, components=tuple(kept))
    fields = to_fields(replace(DEFAULTS, composite=config))
    saved = push_one(office, "boss", change("org_settings", record("dev-boss", 9, **fields)))
    assert saved["status"] == "accepted", saved
    item = an_import("dev-clerk", "special", "2026", {office.units["A"]: 60})
    answer = push_one(office, "clerk", change("assessment_import", item))
    assert answer["status"] == "rejected" and answer["code"] == "invalid", answer
    assert "does not count special" in answer["reason"]


def test_two_laptops_one_imports_the_other_assesses_with_it(office, tmp_path):
    """The office's laptop imports a file and syncs; an inspector's laptop syncs and its
    quarter's composite assessment shows the imported component, by the office's
    configuration (the record's, synced too)."""
    from app.assessment.score_import import apply_scores, read_scores
    from app.sync.engine import sync_once
    from domain.assessment import Period
    from local_db.assessment_data import units
    from local_db.composite_data import assess_composite_period
    from local_db.org_settings import org_settings
    from tests.server.laptops import laptop

    clerk, clerk_client = laptop(office, "clerk", tmp_path / "clerk", office.base)
    insp, insp_client = laptop(office, "insp", tmp_path / "insp", office.base)
    try:
        path = tmp_path / "第三方评估.csv"
        path.write_text("单位,第三方评估\n单位A,87.5\n", encoding="utf-8")
        org = org_settings(clerk)
        plan = read_scores(
            path,
            period="2026-Q2",
            component=None,
            units=units(clerk),
            config=org.composite,
            tz=org.time_zone,
        )
        assert plan.ok, plan.problems
        apply_scores(clerk, plan, clerk.meta("local_person_id"))
        report = sync_once(clerk, tmp_path / "clerk", clerk_client)
        assert (report.accepted, report.rejected) == (1, 0), report

        sync_once(insp, tmp_path / "insp", insp_client)
        result = assess_composite_period(insp, Period.quarter(2026, 2, org.time_zone))
        unit = next(u for u in result.units if u.unit_id == office.units["A"])
        assert unit.parts["third_party"].score == Decimal("87.5")
        # the other laptop names who imported it by the person's name, not their id
        assert result.imports["third_party"].imported_by == "clerk"
    finally:
        clerk.close()
        insp.close()


def test_two_offices_importing_the_same_period_offline_meet_as_a_conflict(office, tmp_path):
    """The id comes from (component, period): the second laptop's import is a concurrent edit
    of the same row, kept as a conflict for the office to see, never a second row."""
    from app.assessment.score_import import apply_scores, read_scores
    from app.sync.engine import sync_once
    from local_db.assessment_data import units
    from local_db.assessment_imports import imports
    from local_db.org_settings import org_settings
    from tests.server.laptops import laptop

    stores = {}
    try:
        for name, score in (("clerk", "70"), ("boss", "75")):
            store, client = laptop(office, name, tmp_path / name, office.base)
            stores[name] = (store, client)
            path = tmp_path / f"{name}.csv"
            path.write_text(f"单位,专业检查\n单位A,{score}\n", encoding="utf-8")
            org = org_settings(store)
            plan = read_scores(
                path, period="2025-Q4", component=None, units=units(store),
                config=org.composite, tz=org.time_zone,
            )  # fmt: skip
            assert plan.ok, plan.problems
            apply_scores(store, plan, store.meta("local_person_id"))
        first = sync_once(stores["clerk"][0], tmp_path / "clerk", stores["clerk"][1])
        second = sync_once(stores["boss"][0], tmp_path / "boss", stores["boss"][1])
        assert first.accepted == 1 and second.accepted == 1
        engine = office.engine()  # the server keeps the losing import as a conflict
        with engine.connect() as conn:
            kept = conn.execute(
                sa.text("SELECT losing_row, winning_row FROM conflict WHERE entity_id = :i"),
                {"i": import_id("professional", "2025-Q4")},
            ).all()
        engine.dispose()
        assert len(kept) == 1
        scores = {json.loads(json.loads(r)["scores"])[office.units["A"]] for r in kept[0]}
        assert scores == {70, 75}
        held = [r for r in pulled(office, "insp", "assessment_import") if r["period"] == "2025-Q4"]
        assert len(held) == 1  # one row of the period, whichever import won
        sync_once(stores["clerk"][0], tmp_path / "clerk", stores["clerk"][1])
        mine = [r for r in imports(stores["clerk"][0]) if r["period"] == "2025-Q4"]
        assert len(mine) == 1 and mine[0]["scores"] == {
            office.units["A"]: Decimal(json.loads(held[0]["scores"])[office.units["A"]])
        }
    finally:
        for store, _ in stores.values():
            store.close()


def test_an_import_names_no_one_else_in_the_history_it_adds(office):
    """The history a push adds is the pusher's own earlier imports (a laptop that imported
    twice offline): an entry naming someone else as its importer is refused, on a first
    import as on a replacement (who acted comes from the token)."""
    unit = office.units["A"]
    forged = json.dumps(
        [
            {
                "imported_by": office.users["boss"],
                "imported_at": now_iso(),
                "file_name": "局长导入.xlsx",
                "file_sha256": SHA_B,
            }
        ]
    )
    first = an_import("dev-clerk", "survey", "2025", {unit: 4}, history=forged)
    answer = push_one(office, "clerk", change("assessment_import", first))
    assert answer["status"] == "rejected" and answer["code"] == "identity_mismatch", answer
    mine = json.loads(forged)
    mine[0]["imported_by"] = office.users["clerk"]
    first = an_import("dev-clerk", "survey", "2025", {unit: 4}, history=json.dumps(mine))
    answer = push_one(office, "clerk", change("assessment_import", first))
    assert answer["status"] == "accepted", answer
    later = an_import(
        "dev-clerk", "survey", "2025", {unit: 5}, rev=2, file_sha256="c" * 64,
        history=json.dumps([*mine, {**json.loads(forged)[0], "file_sha256": "d" * 64}]),
    )  # fmt: skip
    answer = push_one(office, "clerk", change("assessment_import", later))
    assert answer["status"] == "rejected" and answer["code"] == "identity_mismatch", answer
