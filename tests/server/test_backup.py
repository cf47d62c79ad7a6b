"""`ducha-server backup` taken while a laptop syncs against the real server process, restored
onto a new data directory and database (SQLite and PostgreSQL): verify passes, every row up to
the manifest's seq is there, and the laptop syncs on (pull and push) without pulling from 0. A
tampered backup, and a target that is not new, are refused."""

from __future__ import annotations

import dataclasses
import io
import json
import shutil
import tarfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests
import sqlalchemy as sa

from app.store_setup import open_store
from app.sync.client import SyncClient
from app.sync.engine import sync_once
from app.sync.errors import SyncError
from app.sync.transport import Retries
from local_db import sync_state
from server.db import (
    ENTITY_TABLES,
    change_log,
    default_url,
    device,
    make_engine,
    push_batch,
    reading,
)
from tests.faults.proxy import FaultProxy
from tests.server.conftest import (
    Server,
    fresh_pg_database,
    prepared_server,
    run_cli,
)
from tests.server.laptops import laptop, submitted_with_photos
from tests.server.offline_office import unique_photos


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request) -> str:
    return request.param


@contextmanager
def database(backend: str) -> Iterator[str | None]:
    """None for SQLite (in the data directory), else a new PostgreSQL database."""
    if backend == "sqlite":
        yield None
        return
    with fresh_pg_database() as url:
        yield url


def manifest_of(backup: Path) -> dict:
    with tarfile.open(backup) as tar:
        member = tar.extractfile("manifest.json")
        assert member is not None
        return json.loads(member.read())


def engine_of(data_dir: Path, url: str | None) -> sa.Engine:
    return make_engine(url or default_url(data_dir))


class Syncing:
    """insp_a's laptop in a thread of its own: it submits an inspection with a photo and syncs,
    again and again, until stopped; each sync's (start, end) is kept."""

    def __init__(self, server: Server, folder: Path, client: SyncClient) -> None:
        self.server, self.folder, self.client = server, folder, client
        self.syncs: list[tuple[float, float]] = []
        self.errors: list[BaseException] = []
        self.stop = threading.Event()
        self.changed = threading.Condition()
        self.thread = threading.Thread(target=self._run, name="laptop-syncing")

    def _run(self) -> None:
        store = open_store(self.folder)
        n = 0
        try:
            while not self.stop.is_set():
                n += 1
                photos = unique_photos(self.folder.parent / f"photos-{n}", 1)
                submitted_with_photos(store, self.folder, self.server, photos)
                began = time.monotonic()
                sync_once(store, self.folder, self.client)
                with self.changed:
                    self.syncs.append((began, time.monotonic()))
                    self.changed.notify_all()
        except BaseException as exc:  # reported by the test
            self.errors.append(exc)
            with self.changed:
                self.changed.notify_all()
        finally:
            store.close()

    def wait_for_sync(self, began_after: float) -> None:
        """Until a sync that began after `began_after` has finished."""
        with self.changed:
            assert self.changed.wait_for(
                lambda: self.errors or any(b > began_after for b, _ in self.syncs), timeout=120
            ), "the laptop never finished a sync"
        assert not self.errors, self.errors

    def overlapping(self, start: float, end: float) -> bool:
        with self.changed:
            return any(b < end and e > start for b, e in self.syncs)

    def finish(self) -> None:
        self.stop.set()
        self.thread.join(120)
        assert not self.thread.is_alive()
        assert not self.errors, self.errors


def _changes(engine: sa.Engine, up_to: int | None = None) -> list[tuple]:
    c = change_log.c
    query = sa.select(c.seq, c.entity, c.entity_id, c.op, c.row).order_by(c.seq)
    if up_to is not None:
        query = query.where(c.seq <= up_to)
    with reading(engine) as conn:
        return [tuple(r) for r in conn.execute(query)]


def test_backup_during_sync_restores_and_the_laptop_syncs_on(backend, tmp_path):
    with database(backend) as url, database(backend) as new_url:
        srv = prepared_server(tmp_path / "server", url, backend)
        restored: Server | None = None
        try:
            folder = tmp_path / "laptop" / "data"
            folder.parent.mkdir()
            store, client = laptop(srv, "insp_a", folder)
            submitted_with_photos(store, folder, srv, unique_photos(tmp_path / "first", 2))
            sync_once(store, folder, client)
            store.close()

            syncing = Syncing(srv, folder, client)
            syncing.thread.start()
            syncing.wait_for_sync(0)
            backup = tmp_path / "ducha.tar"
            for _attempt in range(10):  # until a backup ran while a sync was under way
                started = time.monotonic()
                done = run_cli("backup", "--out", str(backup), url=url, data_dir=srv.data_dir)
                ended = time.monotonic()
                assert done.returncode == 0, done.stderr
                syncing.wait_for_sync(ended)  # the laptop synced on after it too
                if syncing.overlapping(started, ended):
                    break
            else:
                pytest.fail("no backup overlapped a sync in 10 tries")
            syncing.finish()
            assert not backup.with_name("ducha.tar.part").exists()
            manifest = manifest_of(backup)
            last = manifest["change_log_max_seq"]
            original = engine_of(srv.data_dir, url)
            assert _changes(original)[-1][0] > last, "the laptop pushed after the backup"
            srv.stop()

            target = tmp_path / "restored"
            done = run_cli("restore", str(backup), url=new_url, data_dir=target)
            assert done.returncode == 0, done.stdout + done.stderr
            assert "verified at" in done.stdout and ": 0 problem(s)" in done.stdout

            # every change up to the manifest's seq, and the rows they wrote
            fresh = engine_of(target, new_url)
            assert _changes(fresh) == _changes(original, last)
            with reading(fresh) as conn, reading(original) as old:
                for entity, table in ENTITY_TABLES.items():
                    count = conn.execute(sa.select(sa.func.count()).select_from(table)).scalar()
                    assert count == manifest["rows"][entity], entity
                ids = {(e, i) for _, e, i, op, _ in _changes(fresh) if op == "upsert"}
                for entity, entity_id in ids:
                    table = ENTITY_TABLES[entity]
                    assert conn.execute(
                        sa.select(table.c.id).where(table.c.id == entity_id)
                    ).first(), (entity, entity_id)
                for kept in (device, push_batch):  # bookkeeping the laptops rely on
                    assert conn.execute(sa.select(sa.func.count()).select_from(kept)).scalar()
                photo = ENTITY_TABLES["photo"]
                shas = set(conn.execute(sa.select(photo.c.sha256)).scalars())
                assert shas and all((target / "blobs" / s[:2] / s[2:4] / s).is_file() for s in shas)
                photos = sa.select(sa.func.count()).select_from(photo)
                # the photos the laptop sent after the snapshot are not in it
                assert (old.execute(photos).scalar() or 0) > (conn.execute(photos).scalar() or 0)
            original.dispose()
            fresh.dispose()

            restored = dataclasses.replace(
                srv, data_dir=target, url=new_url, processes=[], bases=[]
            )
            restored.start()
            # the same laptop, with its token of before, to the restored server
            store = open_store(folder)
            before = sync_state.cursor(store)
            assert before > last
            # its first sync notices the restore but is cut off before it asks what the
            # server lacks (a proxy drops that call); the next one finishes the job
            port = int(restored.base.rsplit(":", 1)[1].split("/")[0])
            blocked = threading.Event()
            blocked.set()

            def plan(_method: str, path: str) -> str | None:
                return "drop_before" if blocked.is_set() and path.endswith("/sync/held") else None

            with FaultProxy(port, plan) as proxy:
                client.base_url = proxy.base
                client.retries = Retries(attempts=2, first=0.05, cap=0.1)
                with pytest.raises(SyncError) as stopped:
                    sync_once(store, folder, client)
                noticed = stopped.value.report  # type: ignore[attr-defined]
                assert noticed.server_restored_seq == last  # it noticed the restore
                assert sync_state.cursor(store) == last  # and pulled from there, not from 0
                blocked.clear()
                report = sync_once(store, folder, client)
            client.base_url = restored.base.removesuffix("/api/v1")
            client.retries = Retries()
            assert report.sent_again and not report.rejected
            with reading(restored.engine()) as conn:
                top = conn.execute(sa.select(sa.func.max(change_log.c.seq))).scalar()
            assert top and top > last and sync_state.cursor(store) == top
            assert report.pulled <= top - last  # from the restored seq, not from 0
            # what the laptop sent after the backup is on the server again: nothing lost
            fresh, original = engine_of(target, new_url), engine_of(srv.data_dir, url)
            for entity in ("inspection", "inspection_person", "finding", "photo"):
                table = ENTITY_TABLES[entity]
                with reading(fresh) as conn, reading(original) as old:
                    now = set(conn.execute(sa.select(table.c.id, table.c.row)))
                    assert set(old.execute(sa.select(table.c.id, table.c.row))) <= now, entity
            fresh.dispose()
            original.dispose()
            # and on: it pushes, another laptop pulls what it pushed, and it pulls theirs
            submitted = submitted_with_photos(
                store, folder, restored, unique_photos(tmp_path / "after", 1)
            )
            report = sync_once(store, folder, client)
            assert report.accepted and not report.rejected and report.server_restored_seq is None
            other, other_client = laptop(restored, "insp_a2", tmp_path / "other")
            mine = other.db.execute(
                "SELECT count(*) FROM inspection WHERE id = ?", [submitted["id"]]
            ).fetchone()[0]
            assert mine == 1
            theirs = submitted_with_photos(
                other, tmp_path / "other", restored, unique_photos(tmp_path / "theirs", 1)
            )
            sync_once(other, tmp_path / "other", other_client)
            report = sync_once(store, folder, client)
            assert 0 < report.pulled < last
            assert store.db.execute(
                "SELECT count(*) FROM inspection WHERE id = ?", [theirs["id"]]
            ).fetchone()[0]
            other.close()
            store.close()
            done = run_cli("verify", url=new_url, data_dir=target)
            assert done.returncode == 0 and ": 0 problem(s)" in done.stdout, done.stdout
        finally:
            srv.stop()
            if restored is not None:
                restored.stop()


def _small_backup(tmp_path: Path, url: str | None) -> tuple[Path, Path]:
    """A server folder with the template and one blob, and its backup."""
    data_dir = tmp_path / "server"
    assert run_cli("init", url=url, data_dir=data_dir).returncode == 0
    from server.blobs import BlobStore

    photo = unique_photos(tmp_path / "photo", 1)[0]
    import hashlib

    BlobStore(data_dir / "blobs").add_verified(
        photo, hashlib.sha256(photo.read_bytes()).hexdigest()
    )
    backup = tmp_path / "ducha.tar"
    done = run_cli("backup", "--out", str(backup), url=url, data_dir=data_dir)
    assert done.returncode == 0, done.stderr
    return data_dir, backup


def _tampered(backup: Path, out: Path, member: str) -> Path:
    """A copy of the backup whose `member` has one byte changed (same size, same manifest)."""
    with tarfile.open(backup) as source, tarfile.open(out, "w") as target:
        for info in source.getmembers():
            data = source.extractfile(info).read()  # type: ignore[union-attr]
            if info.name == member:
                data = data[:-1] + bytes([data[-1] ^ 1])
            target.addfile(info, io.BytesIO(data))
    return out


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != "logs") if folder.exists() else []


def test_a_tampered_backup_is_refused_naming_the_file(backend, tmp_path):
    with database(backend) as url, database(backend) as new_url:
        _, backup = _small_backup(tmp_path, url)
        manifest = manifest_of(backup)
        blob = next(n for n in manifest["files"] if n.startswith("blobs/"))
        for member in ("db/template.jsonl", blob):
            bad = _tampered(backup, tmp_path / "bad.tar", member)
            target = tmp_path / "target"
            done = run_cli("restore", str(bad), url=new_url, data_dir=target)
            assert done.returncode == 1
            assert "restore refused" in done.stderr and member in done.stderr
            assert "corrupted" in done.stderr
            assert _leftovers(target) == []  # nothing of it kept
            shutil.rmtree(target)
        # cut short: the manifest (the last member) never arrives
        cut = tmp_path / "cut.tar"
        cut.write_bytes(backup.read_bytes()[: backup.stat().st_size // 2])
        done = run_cli("restore", str(cut), url=new_url, data_dir=tmp_path / "target")
        assert done.returncode == 1 and "restore refused" in done.stderr
        # the database was never touched: the good backup restores into it
        done = run_cli("restore", str(backup), url=new_url, data_dir=tmp_path / "target")
        assert done.returncode == 0, done.stderr
        assert ": 0 problem(s)" in done.stdout
        # the restore is audited: by whom (the operator's account), from which backup, to what seq
        restored_url = new_url or default_url(tmp_path / "target")
        engine = make_engine(restored_url)
        try:
            with engine.connect() as conn:
                entries = conn.execute(
                    sa.text("SELECT user_name, address, detail FROM audit WHERE action = 'restore'")
                ).all()
        finally:
            engine.dispose()
        assert len(entries) == 1
        user_name, address, detail = entries[0]
        assert user_name.startswith("cli:") and address == "local"
        detail = json.loads(detail) if isinstance(detail, str) else detail
        assert detail["backup"] == "ducha.tar"
        assert detail["restored_seq"] == manifest["change_log_max_seq"]


def test_restore_into_a_target_in_use_is_refused(backend, tmp_path):
    with database(backend) as url, database(backend) as new_url:
        data_dir, backup = _small_backup(tmp_path, url)
        used = tmp_path / "used"
        used.mkdir()
        (used / "notes.txt").write_text("mine")
        done = run_cli("restore", str(backup), url=new_url, data_dir=used)
        assert done.returncode == 1 and "is not empty" in done.stderr
        assert (used / "notes.txt").read_text() == "mine"
        # a database that holds tables already (the original's own)
        done = run_cli(
            "restore", str(backup), url=url or default_url(data_dir), data_dir=tmp_path / "new"
        )
        assert done.returncode == 1 and "already holds" in done.stderr, done.stderr


def test_held_answers_revs_only_of_rows_the_user_sees(server):
    """POST /sync/held: the rev held of each row asked, null for a row not held or not the
    asker's to see (the same answer: existence is not revealed); bounded per call."""
    from tests.server.rows import changes, inspection, push, statuses

    a = server.session("insp_a")
    bundle = inspection(server, "A", server.users["insp_a"], "dev-insp_a", findings=1)
    answer = push(a, server.base, "dev-insp_a", changes(bundle))
    assert set(statuses(answer).values()) == {"accepted"}
    row = bundle["inspection"]
    asked = {
        "rows": [
            {"entity": "inspection", "id": row["id"]},
            {"entity": "inspection", "id": "01a00000-0000-7000-8000-000000000000"},
            {"entity": "finding", "id": bundle["findings"][0]["id"]},
        ]
    }
    held = a.post(f"{server.base}/sync/held", json=asked, timeout=10)
    assert held.status_code == 200 and held.json()["revs"] == [1, None, 1]
    # who wrote the version held, and when (two devices' concurrent edits share a rev)
    written = held.json()["written"]
    assert written[1] is None and written[0] == [row["updated_at"], "dev-insp_a"]
    other = server.session("insp_b").post(f"{server.base}/sync/held", json=asked, timeout=10)
    assert other.json() == {"revs": [None, None, None], "written": [None, None, None]}
    office = server.session("office").post(f"{server.base}/sync/held", json=asked, timeout=10)
    assert office.json()["revs"] == [1, None, 1]
    bad = a.post(
        f"{server.base}/sync/held", json={"rows": [{"entity": "nope", "id": "x"}]}, timeout=10
    )
    assert bad.status_code == 422
    many = {"rows": [{"entity": "inspection", "id": row["id"]}] * 5001}
    assert a.post(f"{server.base}/sync/held", json=many, timeout=10).status_code == 413
    assert requests.post(f"{server.base}/sync/held", json=asked, timeout=10).status_code == 401


def test_a_backup_of_either_database_restores_to_the_other(tmp_path):
    with fresh_pg_database() as pg, fresh_pg_database() as pg_target:
        _, from_sqlite = _small_backup(tmp_path / "s", None)
        done = run_cli("restore", str(from_sqlite), url=pg_target, data_dir=tmp_path / "on-pg")
        assert done.returncode == 0 and ": 0 problem(s)" in done.stdout, done.stderr
        _, from_pg = _small_backup(tmp_path / "p", pg)
        done = run_cli("restore", str(from_pg), data_dir=tmp_path / "on-sqlite")
        assert done.returncode == 0 and ": 0 problem(s)" in done.stdout, done.stderr
        for backup, target, url in (
            (from_sqlite, tmp_path / "on-pg", pg_target),
            (from_pg, tmp_path / "on-sqlite", None),
        ):
            manifest = manifest_of(backup)
            engine = engine_of(target, url)
            with reading(engine) as conn:
                for table, count in manifest["rows"].items():
                    # the epoch is renewed; the counters move past the restore's gap; the
                    # restore itself is audited (one entry more)
                    if table not in ("server_epoch", "notice_number_counter"):
                        held = conn.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar()
                        assert held == count + (table == "audit"), table
                restored = conn.execute(
                    sa.text("SELECT count(*) FROM audit WHERE action = 'restore'")
                ).scalar()
                assert restored == 1
            engine.dispose()


def test_a_corrupt_blob_is_left_out_of_the_backup_and_named(tmp_path):
    data_dir, _ = _small_backup(tmp_path, None)
    from server.blobs import BlobStore

    store = BlobStore(data_dir / "blobs")
    sha = next(store.shas())
    path = store.path(sha)
    path.write_bytes(path.read_bytes()[:-1] + b"!")  # a disk that flipped a byte
    backup = tmp_path / "again.tar"
    done = run_cli("backup", "--out", str(backup), data_dir=data_dir)
    assert done.returncode == 1 and f"blob {sha}: content differs" in done.stderr
    manifest = manifest_of(backup)
    assert manifest["blobs_corrupt_left_out"] == [sha] and manifest["blobs"] == 0
    assert f"blobs/{sha}" not in manifest["files"]


def test_the_database_url_may_come_from_the_environment(tmp_path, monkeypatch):
    with fresh_pg_database() as url:
        monkeypatch.setenv("DUCHA_DATABASE_URL", url)
        assert run_cli("init", data_dir=tmp_path).returncode == 0
        assert not (tmp_path / "ducha.sqlite3").exists()  # PostgreSQL's, not a SQLite file
        engine = make_engine(url)
        with reading(engine) as conn:
            assert conn.execute(sa.text("SELECT count(*) FROM template")).scalar()
        engine.dispose()


def test_numbers_reserved_after_the_backup_stay_the_laptops(tmp_path):
    """A block a laptop reserved after the backup is not handed out again by the restored
    server (the counters move past a gap), and a notice numbered from it is accepted."""
    from datetime import datetime

    from domain.clock import OFFICE_TZ_DEFAULT, now_iso, office_zone
    from domain.numbering import official_number
    from domain.wire import change
    from tests.server import rows

    year = datetime.now(office_zone(OFFICE_TZ_DEFAULT)).year
    srv = prepared_server(tmp_path / "server", None, "sqlite")
    restored: Server | None = None
    try:
        backup = tmp_path / "ducha.tar"
        assert run_cli("backup", "--out", str(backup), data_dir=srv.data_dir).returncode == 0
        s = srv.session("insp_a", device="dev-a")
        block = s.post(
            f"{srv.base}/numbers/reserve", json={"device_id": "dev-a", "year": year, "count": 5}
        ).json()
        srv.stop()
        target = tmp_path / "restored"
        done = run_cli("restore", str(backup), data_dir=target)
        assert done.returncode == 0, done.stderr
        restored = dataclasses.replace(srv, data_dir=target, processes=[], bases=[])
        restored.start()
        s = restored.session("insp_a", device="dev-a")
        other = restored.session("insp_a", device="dev-x").post(
            f"{restored.base}/numbers/reserve",
            json={"device_id": "dev-x", "year": year, "count": 5},
        )
        assert other.status_code == 200 and other.json()["first"] > block["last"]
        bundle = rows.inspection(restored, "A", restored.users["insp_a"], "dev-a")
        rows.push(s, restored.base, "dev-a", rows.changes(bundle))

        def notice(seq: int) -> dict:
            return rows.stamp(
                "dev-a",
                number=official_number(block["prefix"], year, seq),
                number_kind="official",
                unit_id=restored.units["A"],
                zone_id=restored.zones["A"],
                inspection_id=bundle["inspection"]["id"],
                findings="[]",
                requirements="限期清理",
                issued_by=restored.users["insp_a"],
                issued_at=now_iso(),
                due_at="2099-01-01T00:00:00.000000Z",
                cc_units="[]",
            )

        answer = rows.push(
            s,
            restored.base,
            "dev-a",
            [
                change("notice", notice(block["first"])),
                change("notice", notice(other.json()["first"])),
            ],
        )
        assert [r["status"] for r in answer["results"]] == ["accepted", "rejected"], answer
        assert answer["results"][1]["code"] == "number"  # dev-x's block is not dev-a's
    finally:
        srv.stop()
        if restored is not None:
            restored.stop()
