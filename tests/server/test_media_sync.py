"""Video and audio evidence through sync (issue 14): a large recording's upload cut halfway
resumes from the server's offset (not from zero) through the fault proxy (tests/faults/proxy.py),
arrives bit-exact and comes back bit-exact to a reviewer's laptop; the office's size limit for a
recording (its synced record) is enforced by the server while reading and by the laptops.

The large file here is 64 MB of WAV, to keep the test short; the 1 GB run is bench/video_import.py
(import speed) with a cut upload done by hand (docs in the bench's header)."""

from __future__ import annotations

import hashlib
import os
import threading
import time
import wave
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from app.photos.blobstore import BlobStore
from app.photos.fetch import fetch_original
from app.photos.importer import import_photos
from app.sync.engine import sync_once
from domain.org_settings import DEFAULTS
from local_db import inspections as ops
from local_db.org_settings import org_settings, save_org_settings
from tests.faults import run
from tests.faults.proxy import FaultProxy
from tests.media_clips import make_video
from tests.server.conftest import Server, prepared_server

BIG_BYTES = 64 << 20


@pytest.fixture(scope="module", params=["disk", "s3"])
def media_server(request, tmp_path_factory) -> Iterator[Server]:
    """Blobs on disk, then in a bucket of moto's S3 server (the 64 MB recording goes up in
    parts there)."""
    s3 = request.getfixturevalue("moto_s3") if request.param == "s3" else None
    srv = prepared_server(tmp_path_factory.mktemp(f"media-{request.param}"), None, "sqlite", s3)
    srv.add_user("boss", "admin")
    yield srv
    srv.stop()


def big_wav(path: Path, size: int) -> Path:
    """A valid 16-bit mono WAV of about `size` bytes (noise: nothing compresses it)."""
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16000)
        chunk = 4 << 20
        for _ in range(size // chunk):
            out.writeframes(os.urandom(chunk))
    return path


def _root(server: Server) -> str:
    """The server's address as a laptop is given it (the client adds /api/v1)."""
    return f"http://127.0.0.1:{run._port(server)}"


def _draft(store, server: Server) -> dict:
    return ops.start_inspection(
        store,
        template_id=server.template_id,
        zone_id=server.zones["A"],
        mode="unannounced",
        person_ids=[store.meta("local_person_id")],
    )


def test_a_cut_upload_of_a_large_recording_resumes_and_arrives_bit_exact(media_server, tmp_path):
    folder = tmp_path / "laptop"
    cuts = {"n": 0}

    partials = media_server.data_dir / "blobs" / "partial"

    def plan(method: str, path: str) -> str | None:
        if method == "PUT" and "/blobs/" in path and cuts["n"] == 0:
            cuts["n"] += 1
            return "cut_request"  # half the body reaches the server, then the line breaks
        if method == "HEAD" and cuts["n"] == 1:
            # The laptop asks how far the server got. A real laptop reconnects after its
            # network came back; here the question waits until the server has filed the part
            # it received (it does so just after the line broke).
            cuts["n"] += 1
            sha = path.rsplit("/", 1)[-1]
            deadline = time.monotonic() + 10
            while not any(partials.rglob(sha)) and time.monotonic() < deadline:
                threading.Event().wait(0.01)
        return None

    big = big_wav(tmp_path / "REC_0001.wav", BIG_BYTES)
    clip = make_video(tmp_path / "VID_0001.mp4", seconds=2.0, sound=True)
    with FaultProxy(run._port(media_server), plan) as proxy:
        store = run.login(media_server, folder, proxy.base, "insp_a2")
        client = run.client_for(store, proxy.base, read_timeout=30)
        sync_once(store, folder, client)  # the zones and the template
        draft = _draft(store, media_server)
        report = import_photos(folder, [big, clip], inspection_id=draft["id"], finding_id=None)
        assert len(report.imported) == 2, report.refused

        synced = sync_once(store, folder, client)

        assert proxy.seen == {"cut_request": 1}
        assert synced.photos_uploaded == 2
        size = big.stat().st_size + clip.stat().st_size
        # Resumed from the server's offset: the cut half is not sent again.
        assert size < synced.bytes_uploaded < size + big.stat().st_size * 0.6
        assert synced.status is not None and synced.status.pending_photos == 0
        run.settle(store, folder, client)
        rows, blobs = run.compare(media_server, store, folder)
        assert blobs == 2 and rows > 0
        if media_server.s3:  # the 64 MB recording went into the bucket in parts
            sha = hashlib.sha256(big.read_bytes()).hexdigest()
            key = f"blobs/{sha[:2]}/{sha[2:4]}/{sha}"
            head = media_server.s3.client().head_object(Bucket=media_server.bucket, Key=key)
            assert head["ETag"].endswith('-5"'), head["ETag"]  # 4 parts of 16 MB and the rest
        client.close()
        store.close()

    # A reviewer's laptop gets the rows by sync and the recording's bytes when it opens it.
    office_dir = tmp_path / "office"
    office = run.login(media_server, office_dir, _root(media_server), "office")
    office_client = run.client_for(office, _root(media_server), read_timeout=30)
    sync_once(office, office_dir, office_client)
    row = office.rows("SELECT * FROM photo WHERE original_name = ?", [clip.name])[0]
    assert (row["media_type"], row["codec"]) == ("video", "h264")
    assert abs(row["duration_ms"] - 2000) <= 50
    got = fetch_original(
        office_client, BlobStore(office_dir / "blobs"), row["sha256"], byte_size=row["byte_size"]
    )
    assert got.read_bytes() == clip.read_bytes()
    wav_row = office.rows("SELECT * FROM photo WHERE original_name = ?", [big.name])[0]
    got = fetch_original(
        office_client,
        BlobStore(office_dir / "blobs"),
        wav_row["sha256"],
        byte_size=wav_row["byte_size"],
    )
    assert (
        hashlib.sha256(got.read_bytes()).hexdigest() == hashlib.sha256(big.read_bytes()).hexdigest()
    )
    office_client.close()
    office.close()


def test_the_offices_limit_is_enforced_by_the_server_while_reading_and_by_laptops(
    media_server, tmp_path
):
    # The admin lowers the limit for one recording to 2 MB; it reaches the server by sync.
    admin_dir = tmp_path / "admin"
    admin = run.login(media_server, admin_dir, _root(media_server), "boss")
    admin_client = run.client_for(admin, _root(media_server))
    sync_once(admin, admin_dir, admin_client)
    limited = replace(org_settings(admin) if org_settings(admin).held else DEFAULTS)
    save_org_settings(
        admin, replace(limited, max_media_bytes=2 << 20), admin.meta("local_person_id")
    )
    done = sync_once(admin, admin_dir, admin_client)
    assert done.rejected == 0
    admin_client.close()
    admin.close()
    try:
        # The server refuses a larger original while reading it (announced or not).
        session = media_server.session("insp_a")
        data = os.urandom(3 << 20)
        sha = hashlib.sha256(data).hexdigest()
        answer = session.put(f"{media_server.base}/blobs/{sha}", data=data)
        assert answer.status_code == 413 and answer.json()["error"]["code"] == "too_large"
        answer = session.put(
            f"{media_server.base}/blobs/{sha}", data=iter([data[i : i + 65536] for i in
                                                          range(0, len(data), 65536)])
        )  # fmt: skip
        assert answer.status_code == 413
        assert session.head(f"{media_server.base}/blobs/{sha}").status_code == 404
        small = os.urandom(1 << 20)
        ok = session.put(f"{media_server.base}/blobs/{hashlib.sha256(small).hexdigest()}",
                         data=small)  # fmt: skip
        assert ok.status_code == 201

        # A laptop that synced the record refuses the recording at import, in words.
        folder = tmp_path / "laptop"
        store = run.login(media_server, folder, _root(media_server), "insp_a")
        client = run.client_for(store, _root(media_server))
        sync_once(store, folder, client)
        assert org_settings(store).max_media_bytes == 2 << 20
        big = big_wav(tmp_path / "long.wav", 4 << 20)
        report = import_photos(
            folder, [big], inspection_id=_draft(store, media_server)["id"], finding_id=None
        )
        [(_path, reason)] = report.refused
        assert "larger than the office's limit of 2 MB" in str(reason)
        client.close()
        store.close()
    finally:  # the default again, for the other tests of this server
        admin = run.login(media_server, admin_dir, _root(media_server), "boss")
        admin_client = run.client_for(admin, _root(media_server))
        sync_once(admin, admin_dir, admin_client)
        save_org_settings(
            admin,
            replace(org_settings(admin), max_media_bytes=DEFAULTS.max_media_bytes),
            admin.meta("local_person_id"),
        )
        sync_once(admin, admin_dir, admin_client)
        admin_client.close()
        admin.close()
