"""The client engine's pipeline against the real server process (SQLite and PostgreSQL):
originals go up on their own connection while the records follow them batch by batch, an
upload that broke off resumes from the offset `blobs/missing` tells (no HEAD per blob), and
while a batch waits for its originals the engine pulls what has come back so far."""

from __future__ import annotations

import hashlib
import json
import os
import threading
from pathlib import Path

import pytest
import requests
from PIL import Image

from app.photos.blobstore import BlobStore
from app.photos.importer import import_one
from app.sync.client import SyncClient
from app.sync.engine import sync_once
from app.sync.errors import SyncRejected
from local_db import inspections as ops
from local_db import sync_state
from local_db.store import Store
from tests.server.conftest import PASSWORD
from tests.server.laptops import laptop

API = "/api/v1"


class Calls:
    """Every HTTP exchange a SyncClient makes, in the order the answers arrive (a requests
    response hook: it rides along on the upload thread's own session too)."""

    def __init__(self, client: SyncClient) -> None:
        self.lock = threading.Lock()
        self.seen: list[tuple[str, str, int, str | None]] = []  # method, path, status, range
        client.session.hooks["response"].append(self._record)

    def _record(self, response: requests.Response, *args: object, **kwargs: object) -> None:
        request = response.request
        path = (request.path_url or "").split("?")[0].split(API, 1)[-1]
        with self.lock:
            self.seen.append(
                (
                    request.method or "",
                    path,
                    response.status_code,
                    request.headers.get("Content-Range"),
                )
            )

    def of(self, method: str, prefix: str = "") -> list[tuple[str, str, int, str | None]]:
        with self.lock:
            return [c for c in self.seen if c[0] == method and c[1].startswith(prefix)]


def _jpeg(folder: Path, name: str, size: tuple[int, int] = (640, 480)) -> Path:
    """A photo no other test has sent (the server is shared): random pixels."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.jpg"
    Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3)).save(path, quality=90)
    return path


def _inspection(store: Store, folder: Path, server, photo: Path | None) -> dict:
    """A submitted inspection of 66 findings, with `photo` on its one problem."""
    me = store.meta("local_person_id")
    row = ops.start_inspection(
        store,
        template_id=server.template_id,
        zone_id=server.zones["A"],
        mode="unannounced",
        person_ids=[me],
    )
    if photo is not None:
        finding = ops.record_finding(store, row["id"], "DL-09", "problem", description="占道")
        import_one(store, folder, photo, inspection_id=row["id"], finding_id=finding["id"])
    ops.mark_unanswered_ok(store, row["id"])
    return ops.submit_inspection(store, row["id"], actor=me)


def _sha(store: Store, inspection_id: str) -> str:
    return store.rows("SELECT sha256 FROM photo WHERE inspection_id = ?", [inspection_id])[0][
        "sha256"
    ]


def test_a_broken_upload_resumes_from_the_offset_blobs_missing_tells(server, tmp_path):
    folder = tmp_path / "laptop"
    store, client = laptop(server, "insp_a", folder)
    submitted = _inspection(store, folder, server, _jpeg(tmp_path / "card", "IMG_0001"))
    sha = _sha(store, submitted["id"])
    data = BlobStore(folder / "blobs").path(sha).read_bytes()
    half = len(data) // 2
    cut = server.session(
        "insp_a"
    ).put(  # what a connection lost halfway leaves on the server
        f"{server.base}/blobs/{sha}",
        data=data[:half],
        headers={"Content-Range": f"bytes 0-{half - 1}/{len(data)}"},
    )
    assert cut.status_code == 202
    calls = Calls(client)

    report = sync_once(store, folder, client)

    assert calls.of("HEAD") == []  # the offset came with blobs/missing
    assert calls.of("PUT") == [
        ("PUT", f"/blobs/{sha}", 201, f"bytes {half}-{len(data) - 1}/{len(data)}")
    ]
    assert (report.photos_uploaded, report.bytes_uploaded, report.rejected) == (
        1,
        len(data) - half,
        0,
    )
    got = server.session("office").get(f"{server.base}/blobs/{sha}")
    assert got.status_code == 200 and got.content == data
    assert sync_state.sync_status(store).pending_changes == 0
    client.close()
    store.close()


def test_an_offset_that_moved_on_is_asked_again_with_head(server, tmp_path):
    data = os.urandom(1_000_003)
    sha = hashlib.sha256(data).hexdigest()
    path = tmp_path / "blob"
    path.write_bytes(data)
    half = len(data) // 2
    server.session("insp_a").put(
        f"{server.base}/blobs/{sha}",
        data=data[:half],
        headers={"Content-Range": f"bytes 0-{half - 1}/{len(data)}"},
    )
    client = SyncClient(server.base.removesuffix(API))
    client.login("insp_a", PASSWORD, "dev-stale")
    calls = Calls(client)

    sent = client.upload_blob(path, sha, offset=1000)  # what a stale blobs/missing said

    assert [(m, s, r) for m, _, s, r in calls.seen] == [
        ("PUT", 409, f"bytes 1000-{len(data) - 1}/{len(data)}"),
        ("HEAD", 404, None),
        ("PUT", 201, f"bytes {half}-{len(data) - 1}/{len(data)}"),
    ]
    assert sent >= len(data) - half  # and what went out with the refused PUT
    assert server.session("office").get(f"{server.base}/blobs/{sha}").content == data
    client.close()


def _five_inspections(store: Store, folder: Path, server, card: Path) -> tuple[str, str]:
    """Five submitted inspections (over 250 changes: two batches); the first and the last have
    a photo, so the first batch needs one original and the second batch the other."""
    first = _inspection(store, folder, server, _jpeg(card, "IMG_0001"))
    for _ in range(3):
        _inspection(store, folder, server, None)
    last = _inspection(store, folder, server, _jpeg(card, "IMG_0002"))
    return _sha(store, first["id"]), _sha(store, last["id"])


class Gate:
    """Holds the answer to one original's PUT on its upload connection (a requests response
    hook, run before the engine hears the answer) until the engine has pulled; and checks, as
    each push is answered, that every original its photo rows name had been answered stored
    before it (the server never sees a photo row before its blob)."""

    def __init__(self, client: SyncClient, held_sha: str) -> None:
        self.held_sha = held_sha
        self.pulled = threading.Event()
        self.lock = threading.Lock()
        self.stored: set[str] = set()
        self.early: list[str] = []  # photo rows pushed before their original was stored
        self.held_until_pull = False
        client.session.hooks["response"].insert(0, self._hook)

    def _hook(self, response: requests.Response, *args: object, **kwargs: object) -> None:
        request = response.request
        path = (request.path_url or "").split("?")[0].split(API, 1)[-1]
        if request.method == "GET" and path == "/sync/pull":
            self.pulled.set()
        elif request.method == "PUT" and response.status_code in (200, 201):
            sha = path.rsplit("/", 1)[-1]
            if sha == self.held_sha:
                # the engine's next batch waits for this original: it pulls meanwhile
                self.held_until_pull = self.pulled.wait(timeout=60)
            with self.lock:
                self.stored.add(sha)
        elif request.method == "POST" and path == "/sync/push":
            body = json.loads(request.body or b"{}")
            named = {
                c["row"]["sha256"]
                for c in body["changes"]
                if c["entity"] == "photo" and c["op"] == "upsert"
            }
            with self.lock:
                self.early += sorted(named - self.stored)


def test_records_follow_their_originals_and_pulls_fill_the_wait(server, tmp_path):
    folder = tmp_path / "laptop"
    store, client = laptop(server, "insp_a", folder)
    first, last = _five_inspections(store, folder, server, tmp_path / "card")
    gate = Gate(client, last)  # the second batch's original is answered only after a pull
    calls = Calls(client)

    report = sync_once(store, folder, client, pull_limit=100)

    assert gate.held_until_pull  # the engine pulled while the second batch waited
    assert gate.early == []  # no photo row went up before its original was stored
    order = [(m, p) for m, p, _, _ in calls.seen if m in ("PUT", "POST", "GET")]
    pushes = [i for i, c in enumerate(order) if c == ("POST", "/sync/push")]
    pulls = [i for i, c in enumerate(order) if c == ("GET", "/sync/pull")]
    assert len(pushes) == 2 == report.batches
    assert order.index(("PUT", f"/blobs/{first}")) < pushes[0] < pulls[0] < pushes[1]
    assert pulls[0] < order.index(("PUT", f"/blobs/{last}")) < pushes[1]
    # the server refuses a photo row whose original it lacks: none was refused
    assert (report.rejected, report.photos_uploaded, report.conflicts) == (0, 2, 0)
    status = sync_state.sync_status(store)
    assert (status.pending_changes, status.pending_photos) == (0, 0)

    again = sync_once(store, folder, client)  # everything came back exactly once already
    assert (again.accepted, again.pulled, again.photos_uploaded) == (0, 0, 0)
    office, o_client = laptop(server, "office", tmp_path / "office")
    for sha in (first, last):
        assert len(office.rows("SELECT id FROM photo WHERE sha256 = ?", [sha])) == 1
    for s, c in ((store, client), (office, o_client)):
        c.close()
        s.close()


def test_a_damaged_original_stops_the_push_at_the_batch_that_needs_it(server, tmp_path):
    folder = tmp_path / "laptop"
    store, client = laptop(server, "insp_a", folder)
    first, last = _five_inspections(store, folder, server, tmp_path / "card")
    damaged = BlobStore(folder / "blobs").path(last)
    damaged.chmod(0o600)
    damaged.write_bytes(b"bit rot")
    calls = Calls(client)

    with pytest.raises(SyncRejected, match="may be damaged"):
        sync_once(store, folder, client)

    assert len(calls.of("POST", "/sync/push")) == 1  # the batch that needs `first` only
    assert calls.of("PUT", f"/blobs/{last}")[0][2] == 422
    status = sync_state.sync_status(store)
    assert status.pending_photos == 1 and status.pending_changes > 0
    assert "may be damaged" in (status.last_error or "")
    missing = server.session("insp_a").post(
        f"{server.base}/blobs/missing", json={"sha256": [first, last]}
    )
    assert missing.json()["missing"] == [last]
    client.close()
    store.close()
