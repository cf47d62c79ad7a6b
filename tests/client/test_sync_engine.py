"""One sync end to end against the fake server (a stand-in for the real server until it lands;
see tests/client/test_sync_client.py): blobs first, batches, pulls, and every way it can fail."""

from __future__ import annotations

import hashlib
import json
import threading
from pathlib import Path

import pytest

from app.photos.blobstore import BlobStore
from app.sync.client import Retries, SyncClient
from app.sync.engine import UPLOAD_LANES, sync_once
from app.sync.errors import SyncCancelled, SyncRejected, SyncServerError, SyncUnreachable
from domain.wire import batch_id
from local_db import inspections, sync_state
from local_db.notices import issue_notice
from local_db.photos import attach_photo
from local_db.store import Store
from tests.client.test_sync_client import TOKEN, FakeServer, closed_port_url
from tests.core.conftest import install_basics


@pytest.fixture
def server():
    with FakeServer() as fake:
        yield fake


@pytest.fixture
def store(tmp_path: Path):
    opened = Store.open(tmp_path / "data")
    yield opened
    opened.close()


@pytest.fixture
def data_dir(store: Store) -> Path:
    return store.path.parent


@pytest.fixture
def inspection(store: Store) -> dict:
    basics = install_basics(store)
    return inspections.start_inspection(
        store,
        template_id=basics.template_id,
        zone_id=basics.zone_id,
        mode="unannounced",
        person_ids=[basics.person_id],
    )


def add_photo(
    store: Store, data_dir: Path, inspection_id: str, size: int, seed: str, finding_id=None
) -> dict:
    """An original in the blob store (as the importer leaves it) and its photo row."""
    source = data_dir / f"IMG_{seed}.jpg"
    source.write_bytes((hashlib.sha256(seed.encode()).digest() * (size // 32 + 1))[:size])
    stored = BlobStore(data_dir / "blobs").ingest(source)
    meta = {"sha256": stored.sha256, "byte_size": stored.byte_size, "original_name": source.name}
    row, _ = attach_photo(store, meta, inspection_id=inspection_id, finding_id=finding_id)
    return row


def client(server: FakeServer) -> SyncClient:
    return SyncClient(server.url, token=TOKEN, retries=Retries(first=0.01, cap=0.05))


def pending(store: Store) -> int:
    return store.pending_changes()


def all_rows_sent(store: Store) -> set[str]:
    return {r["entity_id"] for r in store.rows("SELECT entity_id FROM outbox")}


def test_a_sync_sends_everything_once_then_has_nothing_to_send(store, data_dir, inspection, server):
    photo = add_photo(store, data_dir, inspection["id"], 5000, "a")
    progress: list[tuple[str, int, int]] = []

    report = sync_once(store, data_dir, client(server), on_progress=lambda *p: progress.append(p))

    assert (
        server.blobs[photo["sha256"]]
        == BlobStore(data_dir / "blobs").path(photo["sha256"]).read_bytes()
    )
    assert set(server.applied) == all_rows_sent(store)
    assert set(server.applied.values()) == {1}
    assert pending(store) == 0
    assert (report.photos_uploaded, report.rejected, report.conflicts) == (1, 0, 0)
    status = sync_state.sync_status(store)
    assert (status.pending_changes, status.pending_photos, status.last_error) == (0, 0, None)
    assert status.last_sync is not None
    assert ("photos", 1, 1) in progress
    assert progress[-1][0] == "pull"
    pushes = server.count("POST", "/sync/push")

    again = sync_once(store, data_dir, client(server))

    assert server.count("POST", "/sync/push") == pushes  # nothing left to send
    assert server.count("PUT", "/blobs/") == 1
    assert again.conflicts == 0 and store.rows("SELECT * FROM conflict") == []
    assert set(server.applied.values()) == {1}


def test_blobs_go_before_the_push_that_needs_them(store, data_dir, inspection, server):
    add_photo(store, data_dir, inspection["id"], 3000, "a")
    add_photo(store, data_dir, inspection["id"], 3000, "b")

    sync_once(store, data_dir, client(server))

    order = [m for m, p, _ in server.requests if m in ("PUT", "POST") and "missing" not in p]
    assert order[:2] == ["PUT", "PUT"] and set(order[2:]) == {"POST"}
    assert server.blobs_missing_at_push == []


def test_a_failed_upload_stops_before_any_push(store, data_dir, inspection, server):
    photo = add_photo(store, data_dir, inspection["id"], 3000, "a")
    BlobStore(data_dir / "blobs").path(photo["sha256"]).chmod(0o600)
    BlobStore(data_dir / "blobs").path(photo["sha256"]).write_bytes(b"bit rot")  # damaged

    with pytest.raises(SyncRejected, match="may be damaged"):
        sync_once(store, data_dir, client(server))

    assert server.count("POST", "/sync/push") == 0
    assert pending(store) == len(all_rows_sent(store))
    assert "may be damaged" in sync_state.sync_status(store).last_error


def test_an_upload_cut_halfway_resumes_and_completes(store, data_dir, inspection, server):
    photo = add_photo(store, data_dir, inspection["id"], 2 << 20, "big")
    server.cut_next_upload_at = 700_000

    report = sync_once(store, data_dir, client(server))

    assert hashlib.sha256(server.blobs[photo["sha256"]]).hexdigest() == photo["sha256"]
    puts = [h for m, _, h in server.requests if m == "PUT"]
    assert puts[-1]["Content-Range"].startswith("bytes 700000-")
    assert report.photos_uploaded == 1 and pending(store) == 0


def test_server_down_marks_nothing_and_a_later_sync_sends_it_all_once(
    store, data_dir, inspection, server
):
    add_photo(store, data_dir, inspection["id"], 3000, "a")
    before = pending(store)

    with pytest.raises(SyncUnreachable, match="cannot be reached"):
        sync_once(store, data_dir, SyncClient(closed_port_url(), token=TOKEN))

    assert pending(store) == before
    status = sync_state.sync_status(store)
    assert (status.pending_photos, status.last_sync) == (1, None)
    assert "cannot be reached" in status.last_error

    sync_once(store, data_dir, client(server))

    assert pending(store) == 0
    assert set(server.applied) == all_rows_sent(store)
    assert set(server.applied.values()) == {1}
    assert sync_state.sync_status(store).last_error is None


def test_a_lost_push_answer_is_retried_under_the_same_batch_id(store, data_dir, inspection, server):
    """The answer is lost: the same sync sends the batch again (after a short wait) under the
    same id, and the server answers it from memory; nothing is applied twice."""
    server.lose_next_push_answer = True

    sync_once(store, data_dir, client(server))
    lost = server.pushes[0]["batch_id"]
    assert pending(store) == 0
    store.save("unit", {"name": "市政所", "kind": "department"})  # written afterwards

    sync_once(store, data_dir, client(server))

    assert [p["batch_id"] for p in server.pushes[:2]] == [lost, lost]
    assert len(server.pushes) == 3  # the lost one, its retry, then the new write
    assert set(server.applied.values()) == {1}  # nothing applied twice
    assert pending(store) == 0


def test_a_push_answer_lost_every_time_leaves_the_work_pending(store, data_dir, inspection, server):
    server.lose_next_push_answer = 99  # every try

    with pytest.raises(SyncUnreachable) as failed:
        sync_once(store, data_dir, client(server))
    assert pending(store) > 0  # the server applied it, but we never heard so
    assert len({p["batch_id"] for p in server.pushes}) == 1
    assert len(server.pushes) == Retries().attempts  # tried again, then given up
    assert "RemoteDisconnected" not in str(failed.value)  # the library's text: the log's
    assert failed.value.detail and sync_state.sync_status(store).last_error == str(failed.value)


def test_refused_changes_stay_pending_and_visible_with_the_reason(
    store, data_dir, inspection, server
):
    server.reject[inspection["id"]] = "zone outside your jurisdiction"

    report = sync_once(store, data_dir, client(server))

    assert report.rejected == 1
    (rejection,) = sync_state.rejections(store)
    assert (rejection["entity_id"], rejection["reason"]) == (
        inspection["id"],
        "zone outside your jurisdiction",
    )
    assert sync_state.sync_status(store).rejected == 1
    assert pending(store) == 1  # not sent, not lost
    del server.reject[inspection["id"]]
    sync_state.retry_rejected(store)

    sync_once(store, data_dir, client(server))

    assert sync_state.rejections(store) == [] and pending(store) == 0


def test_an_official_number_from_the_server_replaces_the_provisional_one(
    store, data_dir, inspection, server
):
    iid = inspection["id"]
    finding = inspections.record_finding(store, iid, "DL-09", "problem", cases=1, description="x")
    add_photo(store, data_dir, iid, 1000, "a", finding_id=finding["id"])
    inspections.mark_unanswered_ok(store, iid)
    inspections.submit_inspection(store, iid, actor=None, accept_warnings=True)
    notice = issue_notice(
        store,
        inspection_id=iid,
        unit_id=inspection["unit_id"],
        finding_ids=[finding["id"]],
        requirements="立即整改",
        due_at="2099-01-01T00:00:00.000000Z",
        issued_by=None,
    )
    outbox_before = store.db.execute("SELECT count(*) FROM outbox").fetchone()[0]

    report = sync_once(store, data_dir, client(server))

    number = report.official_numbers[notice["id"]]
    row = store.row("notice", notice["id"])
    assert (row["number"], row["number_kind"]) == (number, "official")
    assert store.db.execute("SELECT count(*) FROM outbox").fetchone()[0] == outbox_before
    assert pending(store) == 0 and report.conflicts == 0


def test_cancel_between_files_keeps_what_was_confirmed(store, data_dir, inspection, server):
    # more originals than upload lanes: a cancel starts no new file; the files already on a
    # lane finish (or not) and are marked only if the server confirmed them
    photos = [
        add_photo(store, data_dir, inspection["id"], 3000, f"p{i}") for i in range(UPLOAD_LANES + 2)
    ]
    cancel = threading.Event()

    def on_progress(phase: str, done: int, total: int) -> None:
        if phase == "photos" and done == 1:
            cancel.set()

    with pytest.raises(SyncCancelled):
        sync_once(store, data_dir, client(server), on_progress=on_progress, cancel=cancel)

    uploaded = set(server.blobs)
    assert 1 <= len(uploaded) <= UPLOAD_LANES
    assert uploaded < {p["sha256"] for p in photos}
    assert sync_state.sync_status(store).pending_photos == len(photos) - len(uploaded)
    assert server.count("POST", "/sync/push") == 0
    puts = server.count("PUT", "/blobs/")

    sync_once(store, data_dir, client(server))  # the rest go up once; none goes up again
    assert set(server.blobs) == {p["sha256"] for p in photos}
    assert server.count("PUT", "/blobs/") - puts == len(photos) - len(uploaded)
    assert sync_state.sync_status(store).pending_photos == 0


def test_cancel_between_chunks_resumes_at_the_next_sync(store, data_dir, inspection, server):
    photo = add_photo(store, data_dir, inspection["id"], 3 << 20, "big")
    cancel = threading.Event()

    def on_progress(phase: str, done: int, total: int) -> None:
        if phase == "upload_kib" and done >= 1024:
            cancel.set()

    with pytest.raises(SyncCancelled):
        sync_once(store, data_dir, client(server), on_progress=on_progress, cancel=cancel)
    assert photo["sha256"] not in server.blobs

    sync_once(store, data_dir, client(server))

    assert hashlib.sha256(server.blobs[photo["sha256"]]).hexdigest() == photo["sha256"]


def test_pull_applies_page_by_page_and_the_cursor_follows(store, data_dir, server, tmp_path):
    other = Store.open(tmp_path / "other")
    install_basics(other)
    for entity in ("person", "unit", "zone", "template"):
        for row in other.rows(f"SELECT * FROM {entity}"):
            server.add_change(entity, row)
    other.close()
    server.fail_pull_after = 2

    with pytest.raises(SyncServerError) as failed:
        sync_once(store, data_dir, client(server), pull_limit=1)
    assert "500" in failed.value.detail and "500" not in str(failed.value)

    assert sync_state.cursor(store) == 2  # two pages applied, the third never came
    assert store.db.execute("SELECT count(*) FROM outbox").fetchone()[0] == 0
    server.fail_pull_after = None

    report = sync_once(store, data_dir, client(server), pull_limit=1)

    assert sync_state.cursor(store) == len(server.log) == 4
    assert report.pulled == 2
    assert store.db.execute("SELECT count(*) FROM outbox").fetchone()[0] == 0
    zone = next(c for c in server.log if c["entity"] == "zone")
    assert store.row("zone", zone["id"]) == zone["row"]


def test_a_page_whose_parents_come_later_is_applied_with_the_next_page(
    store, data_dir, server, tmp_path
):
    other = Store.open(tmp_path / "other")
    install_basics(other)
    unit = other.rows("SELECT * FROM unit")[0]
    zone = other.rows("SELECT * FROM zone")[0]
    other.close()
    server.add_change("zone", zone)  # the child first, its parent on the next page
    server.add_change("unit", unit)

    report = sync_once(store, data_dir, client(server), pull_limit=1)

    assert store.row("zone", zone["id"]) == zone
    assert sync_state.cursor(store) == 2 and report.pages == 2


def test_the_push_body_follows_the_contract(store, data_dir, inspection, server):
    sync_once(store, data_dir, client(server))

    (body,) = server.pushes
    assert body["device_id"] == store.device_id
    seqs = [r["seq"] for r in store.rows("SELECT seq FROM outbox ORDER BY seq")]
    assert body["batch_id"] == batch_id(store.device_id, seqs[0], seqs[-1])
    for change in body["changes"]:
        assert set(change) == {"entity", "id", "op", "row", "base_rev"}
        assert change["row"]["id"] == change["id"]
        assert change["base_rev"] == 0  # new rows: made on nothing the server holds
    json.dumps(body)  # plain JSON
