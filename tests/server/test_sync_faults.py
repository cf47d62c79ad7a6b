"""Sync under faults stays exact (issue 12): the real engine and client against the real server
process through a fault-injecting TCP proxy (tests/faults/proxy.py), and kill -9 of the laptop
and of the server, each ending with server and laptop compared row by row and blob by blob.
The long run is bench/sync_faults.py; this is its short version, plus the lost answer to a
number reservation."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from PIL import Image

from app.photos.importer import import_one
from app.sync.engine import sync_once
from app.sync.errors import SyncUnreachable
from local_db import inspections as ops
from local_db import number_blocks
from server.db import notice_number_block
from tests.faults import run
from tests.faults.proxy import FaultProxy
from tests.server.conftest import Server, prepared_server


@pytest.fixture(scope="module")
def own_server(tmp_path_factory) -> Iterator[Server]:
    """A server of these tests' own (SQLite): the kill rounds kill and restart it."""
    srv = prepared_server(tmp_path_factory.mktemp("faults-server"), None, "sqlite")
    yield srv
    srv.stop()


def _server_blocks(server: Server, device_id: str) -> list[tuple[int, int]]:
    engine = server.engine()
    try:
        with engine.connect() as conn:
            b = notice_number_block.c
            rows = conn.execute(
                sa.select(b.first, b.last).where(b.device_id == device_id).order_by(b.first)
            ).all()
    finally:
        engine.dispose()
    return [(first, last) for first, last in rows]


def test_a_lost_answer_to_a_number_reservation_wastes_no_block(own_server, tmp_path):
    """Issue 12, finding 2: the answer to `numbers/reserve` is lost on every try of a sync (the
    server handed out the block each time): the next sync gets that same block, so the server
    holds for the device exactly the blocks the laptop knows. Before: one block more each time."""
    folder = tmp_path / "laptop"
    lost = {"n": 0}

    def plan(method: str, path: str) -> str | None:
        if path.endswith("/numbers/reserve") and lost["n"] < run.FAST.attempts:
            lost["n"] += 1
            return "drop_after"
        return None

    with FaultProxy(run._port(own_server), plan) as proxy:
        store = run.login(own_server, folder, proxy.base, "insp_a2")
        client = run.client_for(store, proxy.base)
        with pytest.raises(SyncUnreachable) as failed:
            sync_once(store, folder, client)
        run.check_words(failed.value)
        assert number_blocks.blocks(store) == []
        assert len(_server_blocks(own_server, store.device_id)) == 1  # handed out, answer lost

        report = sync_once(store, folder, client)

        held = [(b["next"], b["last"]) for b in number_blocks.blocks(store)]
        assert _server_blocks(own_server, store.device_id) == held
        assert report.numbers_reserved == held[0][1] - held[0][0] + 1
        assert proxy.seen["drop_after"] == run.FAST.attempts
        client.close()
        store.close()


def test_sync_under_a_few_hundred_faults_stays_exact(own_server, tmp_path):
    """200 faults of every kind (drops before and after the server, resets both ways, cut
    answers, answers held past the timeout, 502/503/429) with edits and photos between the
    syncs: nothing missing, twice or different, and every failure told in words."""
    figures = run.faulty_syncs(
        own_server, tmp_path / "laptop", faults=200, seed=12, rate=0.5, read_timeout=0.5
    )
    print(figures.report())
    assert sum(figures.faults.values()) >= 200 and len(figures.faults) == len(run.FAULTS)
    assert figures.rows_compared > 0 and figures.blobs_compared > 0
    assert figures.edits["photo"] > 0


def test_kill_9_of_the_laptop_during_edits_and_syncs_loses_nothing(own_server, tmp_path):
    figures = run.kill_laptop_rounds(own_server, tmp_path / "laptop", kills=5, seed=7)
    print(figures.report())
    assert figures.client_kills == 5 and figures.rows_compared > 0


def test_kill_9_of_the_server_during_pushes_and_uploads_loses_nothing(own_server, tmp_path):
    figures = run.kill_server_rounds(own_server, tmp_path / "laptop", kills=3, seed=5)
    print(figures.report())
    assert figures.server_kills == 3 and figures.rows_compared > 0
    assert "0 problem" in run.verify_server(own_server)


def test_a_busy_server_during_a_photo_upload_does_not_stop_the_sync(own_server, tmp_path):
    """Issue 12, finding 2: a 502/503 on a photo upload stopped the whole sync. Now the upload
    waits and resumes from the server's offset, and the sync completes."""
    folder = tmp_path / "laptop"
    # 502 last: the server took that upload whole (the gateway failed after), HEAD says so
    busy = iter(["status_503", "status_503_retry", "status_502"])

    def plan(method: str, _path: str) -> str | None:
        return next(busy, None) if method == "PUT" else None

    with FaultProxy(run._port(own_server), plan) as proxy:
        store = run.login(own_server, folder, proxy.base, "insp_a2")
        client = run.client_for(store, proxy.base)
        sync_once(store, folder, client)
        photo = tmp_path / "DSC_0001.jpg"  # a photo the server has never seen
        Image.frombytes("RGB", (64, 48), os.urandom(64 * 48 * 3)).save(photo, "JPEG")
        row = ops.start_inspection(
            store,
            template_id=own_server.template_id,
            zone_id=own_server.zones["A"],
            mode="open",
            person_ids=[store.meta("local_person_id")],
        )
        finding = ops.record_finding(store, row["id"], "DL-09", "problem", cases=1)
        import_one(store, folder, photo, inspection_id=row["id"], finding_id=finding["id"])
        report = sync_once(store, folder, client)
        assert report.photos_uploaded == 1
        assert proxy.seen == {"status_503": 1, "status_503_retry": 1, "status_502": 1}
        assert report.status is not None and report.status.pending_photos == 0
        client.close()
        store.close()
