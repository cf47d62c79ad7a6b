"""The Qt-free fetcher of a replica (app/photos/fetch.py) against the real server: thumbnails are
cached, originals enter the blob store only verified, and a failed or refused download leaves
nothing partial behind."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from app.photos.blobstore import BlobStore
from app.photos.fetch import (
    PREVIEW_SIZE,
    OriginalMismatch,
    cached_thumb,
    fetch_original,
    fetch_thumbnail,
    thumb_path,
)
from app.photos.thumbnails import THUMB_SIZE
from app.sync.client import SyncClient
from app.sync.errors import SyncRejected, SyncUnreachable
from tests.server.conftest import PASSWORD, free_port
from tests.testdata import PHOTOS


@pytest.fixture
def server(store_server):
    """Every test here on the disk store (SQLite, PostgreSQL) and on the S3 store."""
    return store_server


PHOTO = PHOTOS / "gps" / "DSCN0012.jpg"


def unique_photo() -> bytes:
    """A real photo with a tail of its own: a JPEG no other test uploads."""
    return PHOTO.read_bytes() + b"fetch-" + os.urandom(8).hex().encode()


def upload(server, data: bytes) -> str:
    sha = hashlib.sha256(data).hexdigest()
    answer = server.session("insp_a").put(f"{server.base}/blobs/{sha}", data=data)
    assert answer.status_code == 201
    return sha


@pytest.fixture
def reviewer(server):
    client = SyncClient(server.base.removesuffix("/api/v1"))
    client.login("office", PASSWORD, "dev-fetch")
    yield client
    client.close()


def leftovers(blobs: BlobStore) -> list[Path]:
    return list(blobs.tmp.glob("*")) if blobs.tmp.exists() else []


def test_the_original_arrives_verified_and_read_only(server, reviewer, tmp_path):
    data = unique_photo()
    sha = upload(server, data)
    blobs = BlobStore(tmp_path / "blobs")

    path = fetch_original(reviewer, blobs, sha, byte_size=len(data), name="DSCN0012.jpg")

    assert path == blobs.path(sha) and path.read_bytes() == data and blobs.verify(sha)
    assert path.stat().st_mode & 0o222 == 0  # placed read-only
    assert leftovers(blobs) == []
    dead = SyncClient(f"http://127.0.0.1:{free_port()}", "token")
    assert fetch_original(dead, blobs, sha) == path  # already here: no network at all


def test_thumbnails_are_fetched_once_and_cached(server, reviewer, tmp_path):
    sha = upload(server, unique_photo())
    assert cached_thumb(tmp_path, sha, (PREVIEW_SIZE, THUMB_SIZE)) is None

    strip = fetch_thumbnail(reviewer, tmp_path, sha, THUMB_SIZE)
    preview = fetch_thumbnail(reviewer, tmp_path, sha, PREVIEW_SIZE)

    assert (
        strip
        == thumb_path(tmp_path, sha, THUMB_SIZE)
        == tmp_path / "thumbs" / sha[:2] / f"{sha}.jpg"
    )
    assert preview.name == f"{sha}-{PREVIEW_SIZE}.jpg" and preview.read_bytes()[:2] == b"\xff\xd8"
    assert cached_thumb(tmp_path, sha, (PREVIEW_SIZE, THUMB_SIZE)) == preview
    dead = SyncClient(f"http://127.0.0.1:{free_port()}", "token")
    assert fetch_thumbnail(dead, tmp_path, sha, THUMB_SIZE) == strip  # from the cache
    assert not list((tmp_path / "thumbs").rglob("*.tmp"))


def test_bytes_that_are_not_the_original_are_refused_and_not_kept(server, reviewer, tmp_path):
    data = unique_photo()
    sha = upload(server, data)
    server.tamper(sha, data[:-1] + b"?")  # the server's disk (or bucket) went bad
    blobs = BlobStore(tmp_path / "blobs")

    with pytest.raises(OriginalMismatch, match=sha[:12]):
        fetch_original(reviewer, blobs, sha, byte_size=len(data))

    assert not blobs.has(sha) and leftovers(blobs) == []


def test_failed_downloads_leave_nothing_behind(server, reviewer, tmp_path):
    data = unique_photo()
    sha = upload(server, data)
    blobs = BlobStore(tmp_path / "blobs")

    with pytest.raises(SyncRejected) as larger:  # more bytes than the photo row says
        fetch_original(reviewer, blobs, sha, byte_size=len(data) - 100)
    assert larger.value.status == 413

    absent = hashlib.sha256(b"nobody uploaded this").hexdigest()
    with pytest.raises(SyncRejected) as missing:
        fetch_original(reviewer, blobs, absent)
    assert missing.value.status == 404
    with pytest.raises(SyncRejected):
        fetch_thumbnail(reviewer, tmp_path, absent, THUMB_SIZE)

    dead = SyncClient(f"http://127.0.0.1:{free_port()}", reviewer.token)
    with pytest.raises(SyncUnreachable):
        fetch_original(dead, blobs, sha)
    with pytest.raises(SyncUnreachable):
        fetch_thumbnail(dead, tmp_path, sha, PREVIEW_SIZE)

    assert not blobs.has(sha) and not blobs.has(absent) and leftovers(blobs) == []
    assert [p for p in (tmp_path / "thumbs").rglob("*") if p.is_file()] == []
