"""Thumbnails for reviewers (GET /blobs/{sha256}?size=N) on the real server, and the rule that lets
the office draw markup (annotations) over the photos of a submitted inspection."""

from __future__ import annotations

import hashlib
import io
import os

import pytest
import requests
from PIL import Image, ImageOps

from domain.wire import change
from tests.server import rows
from tests.server.rows import changes, push, statuses
from tests.testdata import PHOTOS


@pytest.fixture
def server(store_server):
    """Every test here on the disk store (SQLite, PostgreSQL) and on the S3 store."""
    return store_server


ROTATED = PHOTOS / "orientation" / "landscape_6.jpg"  # stored 450×600, EXIF 6: upright 600×450
HEIC = PHOTOS / "formats" / "IMG_5195.HEIC"


def _put(session, base: str, data: bytes) -> str:
    sha = hashlib.sha256(data).hexdigest()
    assert session.put(f"{base}/blobs/{sha}", data=data).status_code in (200, 201)
    return sha


def test_thumbnail_is_a_small_upright_jpeg_cached_on_local_disk(server):
    s = server.session("insp_a")
    data = ROTATED.read_bytes()
    sha = _put(s, server.base, data)
    with Image.open(ROTATED) as original:
        upright = ImageOps.exif_transpose(original)
        want_ratio = upright.width / upright.height
    assert want_ratio > 1  # the stored pixels are portrait; upright it is landscape

    office = server.session("office")
    got = office.get(f"{server.base}/blobs/{sha}", params={"size": 128})
    assert got.status_code == 200
    assert got.headers["content-type"] == "image/jpeg"
    with Image.open(io.BytesIO(got.content)) as thumb:
        assert thumb.format == "JPEG"
        assert max(thumb.size) == 128
        assert abs(thumb.width / thumb.height - want_ratio) < 0.02  # orientation applied
        assert thumb.getexif().get(0x0112) in (None, 1)  # no orientation left to apply twice

    cached = server.data_dir / "thumbs" / sha[:2] / f"{sha}-128.jpg"
    assert cached.read_bytes() == got.content
    made = cached.stat().st_mtime_ns
    again = office.get(f"{server.base}/blobs/{sha}", params={"size": 128})
    assert again.content == got.content and cached.stat().st_mtime_ns == made  # from the cache

    # The original is served unchanged, and the original file is untouched.
    original = office.get(f"{server.base}/blobs/{sha}")
    assert original.status_code == 200 and original.content == data
    assert hashlib.sha256(original.content).hexdigest() == sha
    assert server.stored(sha) == data


def test_thumbnail_never_enlarges_and_reads_heic(server):
    s = server.session("insp_a")
    sha = _put(s, server.base, HEIC.read_bytes())
    got = s.get(f"{server.base}/blobs/{sha}", params={"size": 256})
    assert got.status_code == 200
    with Image.open(io.BytesIO(got.content)) as thumb:
        assert thumb.format == "JPEG" and max(thumb.size) == 256

    small = _put(s, server.base, (PHOTOS / "cameras" / "Canon_40D.jpg").read_bytes())  # 100×68
    got = s.get(f"{server.base}/blobs/{small}", params={"size": 512})
    with Image.open(io.BytesIO(got.content)) as thumb:
        assert thumb.size == (100, 68)


@pytest.mark.parametrize("size", ["10", "63", "2049", "99999", "-5", "abc", ""])
def test_size_out_of_bounds_is_refused(server, size):
    s = server.session("insp_a")
    sha = _put(s, server.base, ROTATED.read_bytes())
    got = s.get(f"{server.base}/blobs/{sha}", params={"size": size})
    assert got.status_code in (400, 422), got.text
    assert "error" in got.json()


def test_thumbnail_of_a_non_image_and_of_nothing(server):
    s = server.session("insp_a")
    data = os.urandom(5000)
    sha = _put(s, server.base, data)
    got = s.get(f"{server.base}/blobs/{sha}", params={"size": 256})
    assert got.status_code == 422 and got.json()["error"]["code"] == "not_image"
    assert not (server.data_dir / "thumbs" / sha[:2] / f"{sha}-256.jpg").exists()
    assert s.get(f"{server.base}/blobs/{sha}").content == data  # the original still is served

    absent = hashlib.sha256(b"never uploaded").hexdigest()
    assert s.get(f"{server.base}/blobs/{absent}", params={"size": 256}).status_code == 404


def test_thumbnail_needs_a_login_like_the_original(server):
    s = server.session("insp_a")
    sha = _put(s, server.base, ROTATED.read_bytes())
    for params in ({"size": 256}, {}):
        got = requests.get(f"{server.base}/blobs/{sha}", params=params, timeout=10)
        assert got.status_code == 401
        bad = requests.get(
            f"{server.base}/blobs/{sha}",
            params=params,
            headers={"Authorization": "Bearer nope"},
            timeout=10,
        )
        assert bad.status_code == 401


def test_the_office_marks_up_a_submitted_inspections_photo(server):
    inspector = server.session("insp_a")
    bundle = rows.inspection(server, "A", server.users["insp_a"], "dev-a")
    data = ROTATED.read_bytes()
    _put(inspector, server.base, data)
    photo = rows.photo("dev-a", bundle["inspection"]["id"], data, bundle["findings"][0]["id"])
    bundle["photos"] = [photo]
    rows.submit(bundle)
    assert set(statuses(push(inspector, server.base, "dev-a", changes(bundle))).values()) == {
        "accepted"
    }
    shapes = '[{"kind": "arrow", "x1": 10, "y1": 10, "x2": 300, "y2": 200}]'
    note = rows.stamp("dev-office", photo_id=photo["id"], author=server.users["office"])
    note["shapes"] = shapes
    answer = push(server.session("office"), server.base, "dev-office", [change("annotation", note)])
    assert statuses(answer) == {note["id"]: "accepted"}, answer
    # The photo itself stays locked: markup is not evidence, the evidence never changes.
    edited = dict(photo, caption="改", rev=photo["rev"] + 1)
    answer = push(server.session("office"), server.base, "dev-office", [change("photo", edited)])
    assert answer["results"][0]["code"] == "locked"
    # Someone outside the unit may not mark it up.
    other = rows.stamp("dev-b", photo_id=photo["id"], author=server.users["insp_b"], shapes="[]")
    answer = push(server.session("insp_b"), server.base, "dev-b", [change("annotation", other)])
    assert answer["results"][0]["status"] == "rejected"
