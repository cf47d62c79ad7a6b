"""A sync cancelled while its two upload lanes run (app/sync/engine.py _Uploads): both lanes
are joined before sync_once returns, nothing is marked that the server does not hold, and the
next sync sends the rest exactly once."""

from __future__ import annotations

import threading

import pytest
import requests

from app.sync.engine import UPLOAD_LANES, sync_once
from app.sync.errors import SyncCancelled
from local_db import sync_state
from tests.server.laptops import laptop
from tests.server.test_sync_pipeline import API, _inspection, _jpeg, _sha


def test_a_sync_cancelled_mid_upload_joins_its_lanes_and_marks_only_what_is_held(server, tmp_path):
    assert UPLOAD_LANES == 2
    folder = tmp_path / "laptop"
    store, client = laptop(server, "insp_a", folder)
    ids = [
        _inspection(store, folder, server, _jpeg(tmp_path / "card", f"IMG_{n:04d}"))["id"]
        for n in range(4)
    ]
    shas = {_sha(store, i) for i in ids}
    cancel = threading.Event()

    def on_answer(response: requests.Response, *args: object, **kwargs: object) -> None:
        path = (response.request.path_url or "").split("?")[0].split(API, 1)[-1]
        if response.request.method == "PUT" and path.startswith("/blobs/"):
            cancel.set()  # the first original stored: the user presses 取消

    client.session.hooks["response"].append(on_answer)
    with pytest.raises(SyncCancelled):
        sync_once(store, folder, client, cancel=cancel)

    assert not [t for t in threading.enumerate() if t.name.startswith("sync-uploads")]
    unconfirmed = {sha for sha, _, _ in sync_state.unconfirmed_blobs(store)}
    for sha in shas - unconfirmed:  # marked held: the server holds it, byte for byte
        assert server.stored(sha) is not None
    assert unconfirmed  # it stopped: not everything went
    pending = sum(len(b.changes) for b in sync_state.outbox_batches(store))
    assert pending > 0

    client.session.hooks["response"].remove(on_answer)
    again = sync_once(store, folder, client)
    assert again.accepted == pending and again.rejected == 0
    assert sync_state.sync_status(store).pending_photos == 0
    office, o_client = laptop(server, "office", tmp_path / "office")
    for sha in shas:
        assert len(office.rows("SELECT id FROM photo WHERE sha256 = ?", [sha])) == 1
        assert server.stored(sha) is not None
    for s, c in ((store, client), (office, o_client)):
        c.close()
        s.close()
