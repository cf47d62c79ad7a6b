"""A county without a server, then with one: a laptop set up by `ducha org import` works alone
(inspection, photo, notice, review), its organisation is exported and adopted by a new server
with the same ids, the laptop logs in and its outbox is accepted whole, and a second laptop
pulls everything exactly once. The real server process, SQLite and PostgreSQL."""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from app.admin.api import change_password
from app.photos.importer import import_one
from app.standalone.org_export import export_org
from app.standalone.org_import import import_org, org_id
from app.store_setup import open_store
from app.sync.client import SyncClient
from app.sync.engine import sync_once
from domain.clock import to_iso, utc_now
from local_db import inspections as ops
from local_db.notices import issue_notice
from local_db.org_settings import org_settings, save_org_settings
from local_db.reference import local_person_id, templates
from local_db.reviews import record_review
from local_db.store import Store
from local_db.sync_state import rejections, sync_status
from server.db import ENTITY_TABLES, app_user, conflict
from tests.client.standalone_org import workbook
from tests.server.conftest import Server, cli, fresh_pg_database, run_cli
from tests.testdata import PHOTOS

COUNTED: tuple[str, ...] = ("unit", "zone", "person", "inspection", "inspection_person")
COUNTED += ("finding", "photo", "notice", "notice_event", "review")


@pytest.fixture(params=["sqlite", "postgresql"])
def new_server(request, tmp_path) -> Iterator[Server]:
    """A server's data folder, initialised (`ducha-server init`), not started."""
    if request.param == "sqlite":
        srv = Server(tmp_path / "server", None, "sqlite")
        cli("init", data_dir=srv.data_dir)
        yield srv
        srv.stop()
        return
    with fresh_pg_database() as url:
        srv = Server(tmp_path / "server", url, "postgresql")
        cli("init", url=url, data_dir=srv.data_dir)
        yield srv
        srv.stop()


def _work_alone(store: Store) -> dict[str, str]:
    """What the county office does on its one laptop before any server exists."""
    me = local_person_id(store)
    assert me is not None
    zone = store.rows("SELECT id, unit_id FROM zone WHERE name = '人民路（解放路—中山路）'")[0]
    row = ops.start_inspection(
        store,
        template_id=templates(store)[0]["id"],
        zone_id=zone["id"],
        mode="unannounced",
        person_ids=[me, org_id("person", "wangwu")],  # a colleague of the sheet on the team
        lead_id=me,
    )
    finding = ops.record_finding(
        store, row["id"], "DL-09", "problem", cases=2, description="人行道占道经营"
    )
    folder = store.path.parent
    import_one(
        store,
        folder,
        PHOTOS / "gps" / "DSCN0010.jpg",
        inspection_id=row["id"],
        finding_id=finding["id"],
    )
    ops.mark_unanswered_ok(store, row["id"])
    ops.submit_inspection(store, row["id"], actor=me)
    notice = issue_notice(
        store,
        inspection_id=row["id"],
        unit_id=zone["unit_id"],
        finding_ids=[finding["id"]],
        requirements="立即清理占道摊点",
        due_at=to_iso(utc_now() + timedelta(days=3)),
        issued_by=me,
    )
    record_review(store, row["id"], "accepted", reviewer=me, comment="证据完整")
    # the admin names the office (单位设置), as the settings dialog saves it: into the outbox
    office = replace(org_settings(store), office_name="青山县城市管理督查办公室")
    save_org_settings(store, office, me)
    return {"inspection": row["id"], "notice": notice["id"]}


def _server_counts(srv: Server) -> dict[str, int]:
    engine = srv.engine()
    try:
        with engine.connect() as conn:
            counts = {
                e: conn.execute(sa.select(sa.func.count()).select_from(ENTITY_TABLES[e])).scalar()
                for e in COUNTED
            }
            for table in (app_user, conflict):
                counts[table.name] = conn.execute(
                    sa.select(sa.func.count()).select_from(table)
                ).scalar()
    finally:
        engine.dispose()
    return {k: int(v or 0) for k, v in counts.items()}


def _local_counts(store: Store) -> dict[str, int]:
    return {e: store.count(e) for e in COUNTED}


def _adopt(srv: Server, path: Path) -> subprocess.CompletedProcess:
    return run_cli("org", "adopt", str(path), url=srv.url, data_dir=srv.data_dir)


def _login(client: SyncClient, passwords: dict[str, str], username: str, device_id: str) -> dict:
    """Log in with the password `passwords` holds; an adopted account's one-time password is
    changed at once (every other call is refused until then) and the new one kept there."""
    answer = client.login(username, passwords[username], device_id)
    if answer.get("must_change_password"):
        new = passwords[username] + "-chosen"
        change_password(client, passwords[username], new)
        passwords[username] = new
    return answer


def _passwords(stdout: str) -> dict[str, str]:
    return dict(re.findall(r"^  (\S+)\t(\S+)$", stdout, flags=re.MULTILINE))


def test_a_laptop_without_a_server_joins_one_and_nothing_is_lost_or_doubled(
    tmp_path: Path, new_server: Server
) -> None:
    srv = new_server
    folder = tmp_path / "laptop"
    store = open_store(folder)
    import_org(store, [workbook(tmp_path / "org.xlsx")], "boss")
    done = _work_alone(store)
    alone = _local_counts(store)
    assert alone["inspection"] == 1 and alone["notice"] == 1 and alone["photo"] == 1
    assert store.pending_changes() > 0  # the laptop's own work waits for a server
    export_org(store, tmp_path / "org.json")

    adopted = _adopt(srv, tmp_path / "org.json")
    assert adopted.returncode == 0, adopted.stderr
    passwords = _passwords(adopted.stdout)
    assert set(passwords) == {"wangwu", "zhaoliu", "boss"}
    again = _adopt(srv, tmp_path / "org.json")
    assert again.returncode == 0, again.stderr
    assert "created: 0 unit, 0 zone, 0 person, 0 template, 0 org_settings, 0 account" in (
        again.stdout
    )
    assert _passwords(again.stdout) == {}  # no account made twice, no password shown twice
    before_join = _server_counts(srv)
    assert before_join["unit"] == 3 and before_join["zone"] == 3 and before_join["person"] == 3
    assert before_join["app_user"] == 3 and before_join["inspection"] == 0
    audit = run_cli("audit", "--action", "org_adopt", url=srv.url, data_dir=srv.data_dir)
    assert audit.stdout.count("org_adopt") == 2

    srv.start()
    client = SyncClient(srv.base.removesuffix("/api/v1"))
    try:
        user = _login(client, passwords, "boss", store.device_id)["user"]
        assert user["id"] == local_person_id(store)  # the laptop's person is the server's user
        sync_once(store, folder, client)
    finally:
        client.close()
    assert rejections(store) == []
    assert store.pending_changes() == 0
    assert sync_status(store).pending_photos == 0
    joined = _server_counts(srv)
    for entity in COUNTED:  # every record accepted, none doubled
        assert joined[entity] == alone[entity], entity
    assert joined["conflict"] == 0  # the office's record edited alone: taken, no clash
    assert _local_counts(store) == alone  # the pull brought the same rows back, not copies
    notice = store.row("notice", done["notice"])
    assert notice is not None and notice["number_kind"] == "official"  # numbered at the join

    second = open_store(tmp_path / "second")
    client = SyncClient(srv.base.removesuffix("/api/v1"))
    try:
        _login(client, passwords, "zhaoliu", second.device_id)
        sync_once(second, tmp_path / "second", client)
        sync_once(second, tmp_path / "second", client)  # again: nothing new, nothing doubled
    finally:
        client.close()
    assert _local_counts(second) == alone
    inspection = second.row("inspection", done["inspection"])
    assert inspection is not None and inspection["status"] == "submitted"
    assert org_settings(second).office_name == "青山县城市管理督查办公室"
    assert store.count("conflict") == 0
    assert _server_counts(srv) == joined
    second.close()
    store.close()


def test_adopt_refuses_a_file_that_disagrees_with_the_server(
    tmp_path: Path, new_server: Server
) -> None:
    srv = new_server
    store = open_store(tmp_path / "laptop")
    import_org(store, [workbook(tmp_path / "org.xlsx")], "boss")
    export_org(store, tmp_path / "org.json")
    store.close()
    # the server already has a unit of that name under another id
    cli("unit", "add", "东城街道办事处", url=srv.url, data_dir=srv.data_dir)
    refused = _adopt(srv, tmp_path / "org.json")
    assert refused.returncode == 1
    assert "unit 东城街道办事处: the server holds it under another id" in refused.stderr
    assert _server_counts(srv)["zone"] == 0 and _server_counts(srv)["app_user"] == 0

    document = json.loads((tmp_path / "org.json").read_text(encoding="utf-8"))
    document["rows"]["zone"][0]["kind"] = "highway"
    document["accounts"][0]["role"] = "root"
    (tmp_path / "bad.json").write_text(json.dumps(document), encoding="utf-8")
    bad = _adopt(srv, tmp_path / "bad.json")
    assert bad.returncode == 1
    assert "rows.zone[0]" in bad.stderr and "accounts[0].role" in bad.stderr
    (tmp_path / "not.json").write_text("{", encoding="utf-8")
    broken = _adopt(srv, tmp_path / "not.json")
    assert broken.returncode == 2 and "not JSON" in broken.stderr
    assert _server_counts(srv)["app_user"] == 0


@pytest.mark.parametrize("new_server", ["sqlite"], indirect=True)  # jurisdiction: test_auth_matrix
def test_an_inspectors_laptop_joins_and_the_server_keeps_its_jurisdiction(
    tmp_path: Path, new_server: Server
) -> None:
    """The laptop's user is an inspector of one unit (城关镇人民政府): the inspection of a zone
    of theirs is accepted at the join; one of another unit's zone is refused and said so
    (README: a county without a server)."""
    srv = new_server
    folder = tmp_path / "laptop"
    store = open_store(folder)
    import_org(store, [workbook(tmp_path / "org.xlsx")], "wangwu")
    me = local_person_id(store)
    assert me is not None
    made = {}
    for name in ("人民路（解放路—中山路）", "东城第1网格"):
        zone = store.rows("SELECT id FROM zone WHERE name = ?", [name])[0]
        row = ops.start_inspection(
            store,
            template_id=templates(store)[0]["id"],
            zone_id=zone["id"],
            mode="unannounced",
            person_ids=[me],
        )
        ops.mark_unanswered_ok(store, row["id"])
        ops.submit_inspection(store, row["id"], actor=me)
        made[name] = row["id"]
    export_org(store, tmp_path / "org.json")
    adopted = _adopt(srv, tmp_path / "org.json")
    assert adopted.returncode == 0, adopted.stderr
    srv.start()
    client = SyncClient(srv.base.removesuffix("/api/v1"))
    try:
        _login(client, _passwords(adopted.stdout), "wangwu", store.device_id)
        sync_once(store, folder, client)
    finally:
        client.close()
    refused = {r["entity_id"] for r in rejections(store) if r["entity"] == "inspection"}
    assert refused == {made["东城第1网格"]}
    engine = srv.engine()
    try:
        with engine.connect() as conn:
            table = ENTITY_TABLES["inspection"]
            held = set(conn.execute(sa.select(table.c.id)).scalars())
    finally:
        engine.dispose()
    assert held == {made["人民路（解放路—中山路）"]}
    store.close()


@pytest.mark.parametrize("new_server", ["sqlite"], indirect=True)
def test_two_laptops_set_up_from_one_workbook_join_the_same_server(
    tmp_path: Path, new_server: Server
) -> None:
    """The same workbook gives the same ids on every laptop: the second laptop's export adds
    nothing to the server, its user logs in with the account the first adoption made, and both
    laptops' work arrives once."""
    srv = new_server
    book = workbook(tmp_path / "org.xlsx")
    laptops: dict[str, tuple[Store, Path, str]] = {}
    for user in ("boss", "wangwu"):
        folder = tmp_path / user
        store = open_store(folder)
        import_org(store, [book], user)
        me = local_person_id(store)
        assert me is not None
        row = ops.start_inspection(
            store,
            template_id=templates(store)[0]["id"],
            zone_id=org_id("zone", "人民路（解放路—中山路）"),
            mode="unannounced",
            person_ids=[me],
        )
        ops.mark_unanswered_ok(store, row["id"])
        ops.submit_inspection(store, row["id"], actor=me)
        export_org(store, tmp_path / f"{user}.json")
        laptops[user] = (store, folder, row["id"])
    first = _adopt(srv, tmp_path / "boss.json")
    passwords = _passwords(first.stdout)
    second = _adopt(srv, tmp_path / "wangwu.json")
    assert second.returncode == 0, second.stderr
    assert "created: 0 unit, 0 zone, 0 person, 0 template, 0 org_settings, 0 account" in (
        second.stdout
    )
    srv.start()
    for _round in range(2):  # each sends its own, then receives the other's
        for user, (store, folder, _id) in laptops.items():
            client = SyncClient(srv.base.removesuffix("/api/v1"))
            try:
                _login(client, passwords, user, store.device_id)
                sync_once(store, folder, client)
            finally:
                client.close()
            assert rejections(store) == []
    both = {inspection for _s, _f, inspection in laptops.values()}
    for store, _folder, _id in laptops.values():
        assert {r["id"] for r in store.rows("SELECT id FROM inspection")} == both
        assert store.count("unit") == 3 and store.count("person") == 3
        store.close()
    assert _server_counts(srv)["inspection"] == 2
