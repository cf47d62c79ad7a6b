"""Opening the store: migrations with a backup first, refusing a newer store, pragmas, device."""

import sqlite3
import uuid

import pytest
from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from local_db.migrations import known_names, migrations
from local_db.queries import InspectionFilter, list_query
from local_db.store import STORE_FILE, NewerStoreError, Store, StoreError
from local_db.sync_status import sync_status

TABLES = {
    "meta",
    "person",
    "unit",
    "zone",
    "template",
    "inspection",
    "inspection_person",
    "finding",
    "outbox",
    "audit",
    "notice",
    "notice_event",
    "rectification",
    "recheck",
    "review",
    "conflict",
    "receipt",
}


def applied_names(path) -> list[str]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = 'ducha' ORDER BY rowid"
        ).fetchall()
    conn.close()
    return [r[0] for r in rows]


def build_previous_version(tmp_path):
    """A store file migrated up to (not including) the last step, with a unit in it."""
    db = Database(tmp_path / STORE_FILE)
    migrations.apply(db, stop_before=known_names()[-1])
    db.execute(
        "INSERT INTO unit(id, name, kind, created_at, updated_at, device_id) "
        "VALUES ('u-1', '城关镇人民政府', 'town', '2026-01-05T00:00:00.000000Z', "
        "'2026-01-05T00:00:00.000000Z', 'dev-old')"
    )
    db.conn.close()


def test_there_are_steps_to_apply():
    assert len(known_names()) >= 2
    assert len(set(known_names())) == len(known_names())


def test_steps_are_registered_in_the_order_of_their_names():
    names = known_names()
    assert names == sorted(set(names))  # strictly increasing


# Until 0006_follow_up_photos came before 0005_receipts in the code: stores made then applied them
# in that order, and stores of the version before receipts had 0006 without 0005.
OLD_ORDER = [
    "0001_core",
    "0002_follow_up",
    "0003_photos",
    "0004_sync",
    "0006_follow_up_photos",
    "0005_receipts",
]
LATER = [name for name in known_names() if name not in OLD_ORDER]  # steps added since


def migrate_in_order(tmp_path, names: list[str]) -> None:
    """A store file migrated by the same steps in the order given, with a unit in it."""
    steps = {m.name: m.fn for m in migrations.pending(Database(memory=True))}
    old = Migrations(migrations.name)
    for name in names:
        old(name=name)(steps[name])
    db = Database(tmp_path / STORE_FILE)
    old.apply(db)
    db.execute(
        "INSERT INTO unit(id, name, kind, created_at, updated_at, device_id) "
        "VALUES ('u-1', '城关镇人民政府', 'town', '2026-01-05T00:00:00.000000Z', "
        "'2026-01-05T00:00:00.000000Z', 'dev-old')"
    )
    db.conn.close()


def columns(store: Store, table: str) -> set[str]:
    return {r[1] for r in store.db.execute(f"PRAGMA table_info({table})")}


def test_a_store_migrated_in_the_old_order_opens_as_it_is(tmp_path):
    migrate_in_order(tmp_path, OLD_ORDER)

    store = Store.open(tmp_path)
    try:
        assert [m.name for m in migrations.applied(store.db)] == OLD_ORDER + LATER
        assert migrations.pending(store.db) == []
        assert "about_finding_id" in columns(store, "photo")
        assert {"entity", "entity_id", "received_at"} <= columns(store, "receipt")
        assert store.rows("SELECT id FROM unit") == [{"id": "u-1"}]
    finally:
        store.close()
    # nothing of the old steps done again; a copy only before the steps that came later
    expected = [f"{STORE_FILE}.before-{LATER[0]}.bak"] if LATER else []
    assert [p.name for p in tmp_path.glob("*.bak")] == expected


def test_a_store_from_before_receipts_gets_just_that_step(tmp_path):
    migrate_in_order(tmp_path, OLD_ORDER[:-1])

    store = Store.open(tmp_path)
    try:
        assert [m.name for m in migrations.applied(store.db)] == OLD_ORDER + LATER
        assert {"entity", "entity_id", "received_at"} <= columns(store, "receipt")
        assert store.rows("SELECT id FROM unit") == [{"id": "u-1"}]
    finally:
        store.close()
    assert [p.name for p in tmp_path.glob("*.bak")] == [f"{STORE_FILE}.before-0005_receipts.bak"]


def test_empty_store_applies_every_step(store):
    assert [m.name for m in migrations.applied(store.db)] == known_names()
    assert migrations.pending(store.db) == []
    assert set(store.db.table_names()) >= TABLES


def test_fresh_store_makes_no_backup(store, tmp_path):
    store.close()
    Store.open(tmp_path).close()

    assert list(tmp_path.glob("*.bak")) == []


def test_previous_version_gets_the_last_step_and_keeps_its_data(tmp_path):
    build_previous_version(tmp_path)
    assert applied_names(tmp_path / STORE_FILE) == known_names()[:-1]

    store = Store.open(tmp_path)
    try:
        assert [m.name for m in migrations.applied(store.db)] == known_names()
        assert set(store.db.table_names()) >= TABLES
        assert store.rows("SELECT id, name, kind FROM unit") == [
            {"id": "u-1", "name": "城关镇人民政府", "kind": "town"}
        ]
    finally:
        store.close()


def test_migrating_leaves_a_backup_of_the_old_store(tmp_path):
    build_previous_version(tmp_path)
    Store.open(tmp_path).close()

    backup = tmp_path / f"{STORE_FILE}.before-{known_names()[-1]}.bak"
    assert sorted(p.name for p in tmp_path.glob("*.bak")) == [backup.name]
    conn = sqlite3.connect(backup)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT id, name, kind FROM unit").fetchall() == [
            ("u-1", "城关镇人民政府", "town")
        ]
    finally:
        conn.close()
    assert applied_names(backup) == known_names()[:-1]


def test_reopening_a_migrated_store_makes_no_new_backup(tmp_path):
    build_previous_version(tmp_path)
    Store.open(tmp_path).close()
    before = {p.name: p.stat().st_mtime_ns for p in tmp_path.glob("*.bak")}

    Store.open(tmp_path).close()

    assert {p.name: p.stat().st_mtime_ns for p in tmp_path.glob("*.bak")} == before


def test_newer_store_is_refused_and_left_unchanged(tmp_path):
    store = Store.open(tmp_path)
    store.save("unit", {"name": "城关镇人民政府", "kind": "town"})
    store.db.execute(
        "INSERT INTO _sqlite_migrations(migration_set, name, applied_at) VALUES (?, ?, ?)",
        ["ducha", "9999_from_the_future", "2030-01-01 00:00:00+00:00"],
    )
    store.close()
    path = tmp_path / STORE_FILE
    files_before = sorted(p.name for p in tmp_path.iterdir())
    bytes_before = path.read_bytes()
    mtime_before = path.stat().st_mtime_ns

    with pytest.raises(NewerStoreError, match="9999_from_the_future"):
        Store.open(tmp_path)

    assert path.read_bytes() == bytes_before
    assert path.stat().st_mtime_ns == mtime_before
    # nothing left open or made beside it: no backup, no -wal/-shm of a leaked connection
    assert sorted(p.name for p in tmp_path.iterdir()) == files_before
    assert applied_names(path) == [*known_names(), "9999_from_the_future"]


def test_a_file_that_is_not_a_store_is_refused_and_left_alone(tmp_path):
    path = tmp_path / STORE_FILE
    path.write_bytes(b"this is not a database, it is a photo " * 100)

    with pytest.raises(StoreError, match=STORE_FILE):
        Store.open(tmp_path)

    assert path.read_bytes() == b"this is not a database, it is a photo " * 100
    assert sorted(p.name for p in tmp_path.iterdir()) == [STORE_FILE]


def test_other_migration_sets_do_not_count_as_newer(tmp_path):
    Store.open(tmp_path).close()
    with sqlite3.connect(tmp_path / STORE_FILE) as conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations(migration_set, name, applied_at) VALUES (?, ?, ?)",
            ["some_plugin", "0001_extra", "2030-01-01 00:00:00+00:00"],
        )
    conn.close()

    Store.open(tmp_path).close()


def test_wal_mode_and_foreign_keys_are_on(store):
    assert store.db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert store.db.execute("PRAGMA foreign_keys").fetchone() == (1,)
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        store.save("zone", {"name": "无主路段", "kind": "grid", "unit_id": "no-such-unit"})


def test_wal_mode_is_in_the_file(store, tmp_path):
    store.close()
    conn = sqlite3.connect(tmp_path / STORE_FILE)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    finally:
        conn.close()


def test_device_id_is_a_uuid7_that_persists_across_reopen(store, tmp_path):
    device_id = store.device_id
    assert uuid.UUID(device_id).version == 7
    store.close()

    again = Store.open(tmp_path)
    try:
        assert again.device_id == device_id
        assert again.meta("device_id") == device_id
    finally:
        again.close()


def test_each_store_has_its_own_device_id(tmp_path):
    first = Store.open(tmp_path / "a")
    second = Store.open(tmp_path / "b")
    try:
        assert first.device_id != second.device_id
    finally:
        first.close()
        second.close()


def test_rows_written_carry_the_device_id(store):
    unit = store.save("unit", {"name": "环卫所", "kind": "department"})

    assert unit["device_id"] == store.device_id


def test_rows_are_counted_whole_or_by_column_values(store, basics):
    store.save("unit", {"name": "环境卫生管理所", "kind": "department"})
    store.save("unit", {"name": "青山街道办事处", "kind": "town"})

    assert store.count("unit") == 3
    assert store.count("unit", kind="town") == 2
    assert store.count("unit", kind="town", name="青山街道办事处") == 1
    assert store.count("unit", kind="company") == 0


def _queue_plan(store: Store) -> str:
    """The query plan of the review queue's first page (what the 审核 tab shows first)."""
    flt = InspectionFilter(status="submitted", review_state="pending", latest_only=True)
    sql, params = list_query(store, flt, limit=201)
    return "\n".join(r[3] for r in store.db.execute(f"EXPLAIN QUERY PLAN {sql}", params))


def _many_inspections(store: Store, basics, count: int) -> None:
    """`count` submitted inspections, none amending another, a few reviewed; then ANALYZE, as a
    year's store might have been (the planner's statistics then count NULL amends_id as one
    value shared by every row)."""
    common = ("2026-11-01T00:00:00.000000Z", "2026-11-01T00:00:00.000000Z", "dev", 1)
    with store.transaction():
        store.db.conn.executemany(
            "INSERT INTO inspection (id, template_id, template_version, zone_id, unit_id, mode, "
            "started_at, status, created_at, updated_at, device_id, rev) "
            "VALUES (?,?,1,?,?,'open',?,'submitted',?,?,?,?)",
            [
                (
                    f"i-{n:05d}",
                    basics.template_id,
                    basics.zone_id,
                    basics.unit_id,
                    f"2026-11-{1 + n % 28:02d}T08:00:00.{n:06d}Z",
                    *common,
                )
                for n in range(count)
            ],
        )
        store.db.conn.executemany(
            "INSERT INTO review (id, inspection_id, decision, at, created_at, updated_at, "
            "device_id, rev) VALUES (?,?,'accepted',?,?,?,?,?)",
            [(f"r-{n:05d}", f"i-{n:05d}", common[0], *common) for n in range(0, count, 50)],
        )
    store.db.execute("ANALYZE")


def test_the_review_queue_reads_indexes_on_an_analysed_store(store, basics):
    _many_inspections(store, basics, 3000)

    plan = _queue_plan(store)

    # Whether a correction supersedes a row, and its latest review: one index search per row,
    # never a scan of the inspections per row shown.
    assert "SEARCH a USING COVERING INDEX inspection_amends" in plan, plan
    assert "SCAN a" not in plan, plan
    assert plan.count("SEARCH r USING COVERING INDEX review_latest") == 2, plan
    assert "TEMP B-TREE FOR RIGHT PART OF ORDER BY" not in plan, plan
    # The page itself comes in order from the status index, not sorted afterwards.
    assert plan.splitlines()[0] == "SEARCH i USING INDEX inspection_status (status=?)", plan


def test_the_sync_status_counts_waiting_changes_without_walking_those_sent(store, basics):
    """The status bar asks at start-up; the outbox keeps every change ever sent."""
    for n in range(300):
        store.save("person", {"name": f"督查员{n:03d}", "role": "inspector"})
    with store.transaction():
        store.db.execute("UPDATE outbox SET state = 'sent'")
    store.save("person", {"name": "新督查员", "role": "inspector"})  # one change waiting
    store.db.execute("ANALYZE")
    asked: list[str] = []
    store.db.conn.set_trace_callback(asked.append)
    try:
        status = sync_status(store)
    finally:
        store.db.conn.set_trace_callback(None)

    assert status.pending_changes == 1
    plans = {
        sql: [r[3] for r in store.db.execute(f"EXPLAIN QUERY PLAN {sql}")]
        for sql in asked
        if "outbox" in sql
    }
    assert plans, asked
    for sql, plan in plans.items():
        walks = [s for s in plan if s.startswith("SCAN outbox") and "outbox_waiting" not in s]
        assert not walks, (sql, plan)
