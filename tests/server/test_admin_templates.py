"""Templates administered on the real server (SQLite and PostgreSQL): publish a new version that a
second laptop receives at its next sync while an old inspection keeps version 1, retire a version
so that a new inspection on it is refused, every problem of an invalid body named, the version
checked, admins only, every write audited; and the `ducha-server template` commands."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
import sqlalchemy as sa
from openpyxl import Workbook

from app.sync.engine import sync_once
from domain.scoring import FindingScore, score_inspection
from local_db import inspections as ops
from local_db.reference import load_template, templates
from local_db.store import Store
from server.db import audit
from tests.core.conftest import shipped_template_body
from tests.server.conftest import Server, fresh_pg_database, prepared_server, run_cli
from tests.server.laptops import laptop

NAME = "城市精细化管理督查考核细则"


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def srv(request, tmp_path_factory) -> Iterator[Server]:
    data_dir = tmp_path_factory.mktemp(f"templates-{request.param}")
    if request.param == "postgresql":
        with fresh_pg_database() as url:
            server = prepared_server(data_dir, url, request.param)
            server.add_user("boss", "admin")
            yield server
            server.stop()
    else:
        server = prepared_server(data_dir, None, request.param)
        server.add_user("boss", "admin")
        yield server
        server.stop()


def weighted_v2() -> dict:
    """The shipped template as version 2: 道路 carries weights and a cap of 10."""
    body = shipped_template_body()
    body["version"] = 2
    road = body["categories"][0]
    road["max_deduction"] = 10
    for item in road["items"]:
        item["weight"] = item["max_deduction"]
    return body


def local_versions(store: Store) -> dict[int, str | None]:
    return {
        r["version"]: r["retired_at"]
        for r in store.rows("SELECT version, retired_at FROM template WHERE name = ?", [NAME])
    }


def start(store: Store, srv: Server, template_id: str) -> dict:
    return ops.start_inspection(
        store,
        template_id=template_id,
        zone_id=srv.zones["A"],
        mode="unannounced",
        person_ids=[store.meta("local_person_id")],
    )


def test_templates_are_for_admins_only(srv):
    base = f"{srv.base}/admin/templates"
    office = srv.session("office")

    assert requests.get(base, timeout=10).status_code == 401
    for answer in (
        office.get(base, timeout=10),
        office.post(base, json={"body": weighted_v2()}, timeout=10),
        office.post(f"{base}/{srv.template_id}/retire", timeout=10),
    ):
        assert answer.status_code == 403
        assert answer.json()["error"]["code"] == "forbidden"
    listed = srv.session("boss").get(base, timeout=10).json()["templates"]
    assert [(t["name"], t["version"], t["retired_at"]) for t in listed] == [(NAME, 1, None)]


def test_an_invalid_body_is_refused_naming_every_problem(srv):
    body = weighted_v2()
    body["categories"][0]["items"][0]["weight"] = 0
    body["categories"][1]["items"][2]["severity"] = "fatal"
    body["categories"][2]["max_deduction"] = -5

    answer = srv.session("boss").post(f"{srv.base}/admin/templates", json={"body": body})

    assert answer.status_code == 422
    assert answer.json()["error"]["code"] == "template_invalid"
    problems = answer.json()["problems"]
    assert [p["item"] for p in problems] == ["DL-01", "JZ-03", "车辆"]
    assert "DL-01: the weight (分值) must be a number above 0" in problems[0]["message"]
    extra = srv.session("boss").post(
        f"{srv.base}/admin/templates", json={"body": weighted_v2(), "sneaky": 1}
    )
    assert extra.status_code in (400, 422)


def test_publish_reaches_a_second_laptop_and_old_inspections_keep_their_version(srv, tmp_path):
    first, first_client = laptop(srv, "insp_a", tmp_path / "first")
    second, second_client = laptop(srv, "insp_a2", tmp_path / "second")
    old = start(first, srv, srv.template_id)
    ops.record_finding(first, old["id"], "DL-01", "problem", cases=20)  # 10 → its cap 3
    ops.record_finding(first, old["id"], "DL-02", "problem", cases=20)  # 20 → its cap 5
    ops.record_finding(first, old["id"], "DL-03", "problem", cases=20)  # 3
    ops.record_finding(first, old["id"], "DL-04", "problem", cases=20)  # 3: 14 in all
    sync_once(first, tmp_path / "first", first_client)

    published = srv.session("boss").post(
        f"{srv.base}/admin/templates", json={"body": weighted_v2()}, timeout=30
    )
    assert published.status_code == 200, published.text
    info = published.json()
    assert (info["name"], info["version"], info["retired_at"], info["inspections"]) == (
        NAME,
        2,
        None,
        0,
    )

    assert 2 not in local_versions(second)
    sync_once(second, tmp_path / "second", second_client)
    assert local_versions(second) == {1: None, 2: None}
    assert templates(second)[0]["version"] == 2  # a new inspection gets the newest by default
    v2 = load_template(second, info["id"])
    assert v2.categories[0].max_deduction == 10

    sync_once(first, tmp_path / "first", first_client)
    held = second.row("inspection", old["id"])
    assert held is not None and held["template_version"] == 1
    assert held["score"] == 86.0  # v1 has no category cap: 14 taken off
    found = [FindingScore(c, "problem", 20) for c in ("DL-01", "DL-02", "DL-03", "DL-04")]
    assert score_inspection(v2, found).deducted == 10.0  # v2 would have capped it at 10

    again = srv.session("boss").post(f"{srv.base}/admin/templates", json={"body": weighted_v2()})
    assert again.status_code == 409 and again.json()["error"]["code"] == "version_exists"
    lower = weighted_v2()
    lower["version"] = 1
    lower["categories"][1]["items"][0]["text"] = "另一版"
    older = srv.session("boss").post(f"{srv.base}/admin/templates", json={"body": lower})
    assert older.status_code == 409

    with srv.engine().connect() as conn:
        logged = conn.execute(
            sa.select(audit.c.user_name, audit.c.entity_id, audit.c.detail).where(
                audit.c.action == "template_publish"
            )
        ).all()
    assert [(r.user_name, r.entity_id) for r in logged] == [("boss", info["id"])]
    assert json.loads(logged[0].detail)["version"] == 2


def test_retire_refuses_new_inspections_and_keeps_old_ones(srv, tmp_path):
    boss = srv.session("boss")
    laptop_a, client_a = laptop(srv, "insp_a", tmp_path / "a")
    kept = start(laptop_a, srv, srv.template_id)  # made with v1 and synced before the retire
    sync_once(laptop_a, tmp_path / "a", client_a)
    late = start(laptop_a, srv, srv.template_id)  # made offline on v1, pushed after it

    answer = boss.post(f"{srv.base}/admin/templates/{srv.template_id}/retire", timeout=10)
    assert answer.status_code == 200, answer.text
    assert answer.json()["retired_at"]
    again = boss.post(f"{srv.base}/admin/templates/{srv.template_id}/retire", timeout=10)
    assert again.json()["retired_at"] == answer.json()["retired_at"]
    missing = boss.post(
        f"{srv.base}/admin/templates/00000000-0000-4000-8000-000000000000/retire", timeout=10
    )
    assert missing.status_code == 404

    ops.mark_unanswered_ok(laptop_a, kept["id"])
    ops.submit_inspection(laptop_a, kept["id"], actor=laptop_a.meta("local_person_id"))
    report = sync_once(laptop_a, tmp_path / "a", client_a)

    assert report.rejected >= 1
    refused = laptop_a.rows("SELECT entity_id, reason FROM sync_rejection")
    assert [r["entity_id"] for r in refused if r["entity_id"] == late["id"]] == [late["id"]]
    assert [r["reason"] for r in refused if r["entity_id"] == late["id"]] == [
        f"template {NAME} v1 is retired: a new inspection uses a current one"
    ]
    assert kept["id"] not in [r["entity_id"] for r in refused]
    with srv.engine().connect() as conn:
        stored = conn.execute(
            sa.text("SELECT row FROM inspection WHERE id = :i"), {"i": kept["id"]}
        ).scalar_one()
        rejections = conn.execute(
            sa.select(audit.c.detail).where(
                audit.c.action == "rejected", audit.c.entity_id == late["id"]
            )
        ).all()
    assert json.loads(stored)["status"] == "submitted"  # the old one went through
    assert [json.loads(r.detail)["code"] for r in rejections] == ["template_retired"]

    assert local_versions(laptop_a)[1]  # the laptop holds v1 as retired
    assert [t["version"] for t in templates(laptop_a)] == [2]
    with pytest.raises(Exception, match="retired"):
        start(laptop_a, srv, srv.template_id)
    listed = boss.get(f"{srv.base}/admin/templates", timeout=10).json()["templates"]
    v1 = next(t for t in listed if t["version"] == 1)
    assert v1["retired_at"] and v1["inspections"] >= 2


def sheet(path: Path, version: int, *, bad: bool = False) -> Path:
    book = Workbook()
    items = book.active
    items.title = "细则"
    items.append(
        [
            "分类",
            "编码",
            "国标编码",
            "问题",
            "分值",
            "每处扣分",
            "严重程度",
            "整改时限",
            "时限单位",
            "须拍照",
        ]
    )
    items.append(
        ["市容", "SR-01", "06012", "乱张贴", 5, "一处" if bad else 1, "一般", 4, "工作时", "是"]
    )
    items.append(
        ["市容", "SR-02", "0601" if bad else "06013", "乱堆放", 5, 1, "较重", 1, "工作日", "否"]
    )
    info = book.create_sheet("模板")
    info.append(["名称", "市容专项"])
    info.append(["版本", version])
    book.save(path)
    return path


def test_template_commands(srv, tmp_path):
    def run(*args: str):
        return run_cli("template", *args, url=srv.url, data_dir=srv.data_dir)

    bad = run("import", str(sheet(tmp_path / "bad.xlsx", 1, bad=True)))
    assert bad.returncode == 1
    assert bad.stdout.splitlines() == [
        "Item SR-01 (row 2), column 每处扣分/deduction_per_case: '一处' is not a number",
        "Item SR-02: GB/T 47678.5 code '0601' is not 5 digits",
    ]
    good = sheet(tmp_path / "good.xlsx", 1)
    checked = run("import", str(good))
    assert checked.returncode == 0, checked.stdout
    assert checked.stdout.startswith("市容专项 v1: 1 categories (0 capped), 2 items")
    assert "市容专项" not in run("list").stdout  # import only checks

    published = run("publish", str(good))
    assert published.returncode == 0, published.stderr
    assert run("publish", str(good)).returncode == 2  # version_exists
    assert run("import", str(good)).returncode == 1
    assert run("retire", "市容专项", "1").returncode == 0
    assert run("retire", "市容专项", "9").returncode == 2
    listing = run("list").stdout
    assert any(
        line.split()[:4] == ["市容专项", "1", "retired", "2"] for line in listing.splitlines()
    ), listing
    with srv.engine().connect() as conn:
        actions = conn.execute(
            sa.select(audit.c.action, audit.c.user_name).where(
                audit.c.action.in_(["template_publish", "template_retire"]),
                audit.c.user_name.like("cli:%"),
            )
        ).all()
    assert sorted(a.action for a in actions) == ["template_publish", "template_retire"]
    assert run("import", str(tmp_path / "none.xlsx")).stdout.startswith("File none.xlsx: cannot")
