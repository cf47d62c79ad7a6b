"""`ducha org import` and `ducha org export`: a laptop without a server set up from the
organisation workbook (real .xlsx files, real stores, the real command line)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.standalone.org_export import export_org
from app.standalone.org_import import OrgImportRefused, accounts, import_org, org_id
from app.store_setup import open_store
from local_db.org_settings import org_settings
from local_db.reference import local_person_id, local_role, set_local_person, templates
from local_db.sync_state import CURSOR
from tests.client.standalone_org import UNITS, USERS, ZONES, workbook


def test_a_fresh_laptop_is_set_up_from_the_workbook(tmp_path: Path) -> None:
    book = workbook(tmp_path / "组织.xlsx")
    store = open_store(tmp_path / "laptop")
    report = import_org(store, [book], "boss")
    assert (report.units, report.zones, report.people) == (3, 3, 3)
    assert (report.user, report.role) == ("钱七", "admin")
    names = {r["name"]: r for r in store.rows("SELECT * FROM unit")}
    assert names["城关镇人民政府"]["parent_id"] == names["青山县城市管理局"]["id"]
    assert names["青山县城市管理局"]["id"] == org_id("unit", "青山县城市管理局")  # stable ids
    zone = store.rows("SELECT * FROM zone WHERE name = '人民路（解放路—中山路）'")[0]
    assert (zone["kind"], zone["chief_name"], zone["chief_phone"]) == (
        "road_segment",
        "张建国",
        "13800000001",
    )
    assert zone["unit_id"] == names["城关镇人民政府"]["id"]
    people = {r["name"]: r["role"] for r in store.rows("SELECT * FROM person")}
    assert people == {"王五": "inspector", "赵六": "reviewer", "钱七": "admin"}
    # this laptop's user is the admin of the sheet (the office screens follow local_role)
    assert local_person_id(store) == org_id("person", "boss")
    assert local_role(store) == "admin"
    assert [t["name"] for t in templates(store)] == ["城市精细化管理督查考核细则"]
    assert org_settings(store).held
    held = accounts(store)
    assert held["wangwu"]["unit_ids"] == [names["城关镇人民政府"]["id"]]
    assert held["zhaoliu"]["all_units"] is True
    assert "password" not in json.dumps(held)  # the sheet's passwords are not kept
    # reference data, as if pulled: nothing waits to be sent
    assert store.pending_changes() == 0
    assert store.count("outbox") == 0
    store.close()


def test_the_name_asked_at_the_first_start_gives_way_to_the_workbooks_person(
    tmp_path: Path,
) -> None:
    store = open_store(tmp_path / "laptop")
    first = set_local_person(store, "督查员")  # the app's first start on the empty store
    assert store.pending_changes() == 1
    import_org(store, [workbook(tmp_path / "org.xlsx")], "wangwu")
    assert store.row("person", first) is None
    assert store.pending_changes() == 0  # no stray person for the server
    assert local_person_id(store) == org_id("person", "wangwu")
    store.close()


def test_the_same_workbook_gives_the_same_ids_on_another_laptop(tmp_path: Path) -> None:
    book = workbook(tmp_path / "org.xlsx")
    ids = []
    for name in ("one", "two"):
        store = open_store(tmp_path / name)
        import_org(store, [book], "wangwu")
        ids.append(
            {
                e: sorted(r["id"] for r in store.rows(f"SELECT id FROM {e}"))
                for e in ("unit", "zone", "person")
            }
        )
        store.close()
    assert ids[0] == ids[1]


def test_importing_again_changes_nothing_twice(tmp_path: Path) -> None:
    book = workbook(tmp_path / "org.xlsx")
    store = open_store(tmp_path / "laptop")
    import_org(store, [book], "boss")
    again = import_org(store, [book], "boss")
    assert again.people == 0  # the accounts are kept as they are, with a note each
    assert any("已存在" in note for note in again.notes)
    assert store.count("unit") == 3 and store.count("zone") == 3 and store.count("person") == 3
    assert store.count("outbox") == 0
    store.close()


def test_a_bad_workbook_names_every_problem_and_writes_nothing(tmp_path: Path) -> None:
    units = [*UNITS, ["县环卫所", "科室", "不存在的局"]]
    zones = [*ZONES, ["农贸市场", "点位", "城关镇人民政府", None, None]]
    users = [*USERS, ["sun", "孙八", "督查员", "某某镇", "password-8"]]
    book = workbook(tmp_path / "bad.xlsx", {"单位": units, "区域": zones, "用户": users})
    store = open_store(tmp_path / "laptop")
    with pytest.raises(OrgImportRefused) as refused:
        import_org(store, [book], "boss")
    problems = [str(p) for p in refused.value.problems]
    assert any("工作表「单位」第 5 行，列「类型」" in p and "科室" in p for p in problems)
    assert any("工作表「单位」第 5 行，列「上级单位」" in p and "不存在的局" in p for p in problems)
    assert any("工作表「区域」第 5 行，列「名称」" in p and "重复" in p for p in problems)
    assert any("工作表「用户」第 5 行，列「单位」" in p and "某某镇" in p for p in problems)
    assert len(problems) == 4
    for entity in ("unit", "zone", "person", "outbox"):
        assert store.count(entity) == 0
    assert local_person_id(store) is None and store.meta("org_accounts") is None
    store.close()


def test_refusals_of_the_user_the_template_and_a_synced_store(tmp_path: Path) -> None:
    book = workbook(tmp_path / "org.xlsx")
    store = open_store(tmp_path / "laptop")
    with pytest.raises(OrgImportRefused) as refused:
        import_org(store, [book], "nobody")
    assert "wangwu、zhaoliu、boss" in str(refused.value)
    bad = tmp_path / "t.json"
    bad.write_text(json.dumps({"name": "x", "version": 1, "categories": "no"}), encoding="utf-8")
    with pytest.raises(OrgImportRefused) as refused:
        import_org(store, [book], "boss", template=bad)
    assert "t.json: not a usable template" in str(refused.value.problems[0])
    assert len(refused.value.problems) > 1  # then each problem of the template
    assert store.count("unit") == 0
    with store.transaction():
        store.set_meta(CURSOR, "12")  # this store has pulled from a server
    with pytest.raises(OrgImportRefused) as refused:
        import_org(store, [book], "boss")
    assert "server" in str(refused.value)
    store.close()


def test_export_holds_the_rows_whole(tmp_path: Path) -> None:
    store = open_store(tmp_path / "laptop")
    import_org(store, [workbook(tmp_path / "org.xlsx")], "boss")
    counts = export_org(store, tmp_path / "org.json")
    assert counts == {
        "unit": 3,
        "zone": 3,
        "person": 3,
        "template": 1,
        "org_settings": 1,
        "accounts": 3,
    }
    document = json.loads((tmp_path / "org.json").read_text(encoding="utf-8"))
    unit = document["rows"]["unit"][0]
    assert set(unit) >= {"id", "rev", "created_at", "updated_at", "device_id", "name", "kind"}
    store.close()
