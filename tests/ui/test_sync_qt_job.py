"""The sync job for the window: runs on its own thread, reports on the GUI thread."""

from __future__ import annotations

from pathlib import Path

from app.sync.client import SyncClient
from app.sync.engine import SyncReport
from app.sync.qt_job import sync_job
from local_db.store import Store
from tests.client.test_sync_client import TOKEN, FakeServer, closed_port_url
from tests.core.conftest import install_basics


def seeded(tmp_path: Path) -> Path:
    store = Store.open(tmp_path)
    install_basics(store)
    store.close()
    return tmp_path


def test_the_job_syncs_in_the_background_and_reports_the_outcome(qtbot, tmp_path):
    data_dir = seeded(tmp_path)
    progress = []
    with FakeServer() as server:
        job = sync_job(data_dir, lambda: SyncClient(server.url, token=TOKEN))
        job.progress.connect(progress.append)  # (phase, done, total)
        with qtbot.waitSignal(job.done, timeout=10_000) as finished:
            job.start()
        assert job.wait(5)

    report = finished.args[0]
    assert isinstance(report, SyncReport)
    assert report.accepted == 4 and report.status.pending_changes == 0
    assert [p[0] for p in progress][:1] == ["push"]


def test_the_job_reports_why_it_failed(qtbot, tmp_path):
    data_dir = seeded(tmp_path)
    url = closed_port_url()
    job = sync_job(data_dir, lambda: SyncClient(url, token=TOKEN))

    # (a server that is away is tried again a few times, with short waits, before it fails)
    with qtbot.waitSignal(job.failed, timeout=30_000) as failed:
        job.start()
    assert job.wait(5)

    from app.labels import message_text
    from app.sync.errors import UNREACHABLE, sync_message

    # in words, in the user's language; the library's text stays in the log
    assert failed.args[0] == message_text(sync_message(UNREACHABLE))
    assert "Errno" not in failed.args[0] and url not in failed.args[0]
    store = Store.open(data_dir)
    try:
        assert store.pending_changes() == 4
    finally:
        store.close()
