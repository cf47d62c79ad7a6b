"""The blob store on both kinds (disk, S3 through moto's S3 server run as a real process): what
`verify` finds, that nothing stored is ever replaced, the race of two placements of the same blob
(the conditional put, and the HEAD-then-put fallback), large files in parts, and a store that is
misnamed or unreachable refused in words. The HTTP behaviour shared by both kinds (uploads, resume,
concurrent uploads, thumbnails) is tested by test_blobs.py, test_blob_fetch.py,
test_blob_thumbnails.py, test_blob_limits.py and test_media_sync.py on both."""

from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path

import pytest

from server.blobs import BlobStorage, StoreUnavailable, open_store
from tests.server.conftest import free_port, run_cli
from tests.server.s3 import CREDENTIALS, MotoS3, moto_server


@pytest.fixture
def server(store_server):
    return store_server


def _blob(size: int = 100_000) -> tuple[bytes, str]:
    data = os.urandom(size)
    return data, hashlib.sha256(data).hexdigest()


def _put(server, name: str, data: bytes) -> int:
    sha = hashlib.sha256(data).hexdigest()
    return server.session(name).put(f"{server.base}/blobs/{sha}", data=data).status_code


def test_verify_finds_a_blob_tampered_with_behind_the_servers_back(server):
    data, sha = _blob()
    assert _put(server, "insp_a", data) == 201
    clean = server.cli("verify")
    assert f"blob {sha}" not in clean.stdout
    assert f"blob store: {'s3://' if server.s3 else ''}" in clean.stdout

    server.tamper(sha, data[:-1] + bytes([data[-1] ^ 1]))  # the disk, or the bucket, went bad
    try:
        found = server.cli("verify")
        assert found.returncode == 1
        bad = hashlib.sha256(data[:-1] + bytes([data[-1] ^ 1])).hexdigest()
        assert f"blob {sha}: content hashes to {bad}" in found.stdout
    finally:
        server.tamper(sha, data)  # whole again for the other tests on this server
    assert f"blob {sha}" not in server.cli("verify").stdout


def test_an_upload_of_a_held_blob_replaces_nothing(server):
    """The second uploader hears "already had it"; the stored object is the first one, untouched
    (on S3: the same ETag and time; on disk: the same inode and time)."""
    data, sha = _blob()
    assert _put(server, "insp_a", data) == 201

    def identity() -> tuple:
        if server.s3 is None:
            st = (server.data_dir / "blobs" / sha[:2] / sha[2:4] / sha).stat()
            return st.st_ino, st.st_mtime_ns
        head = server.s3.client().head_object(
            Bucket=server.bucket, Key=f"blobs/{sha[:2]}/{sha[2:4]}/{sha}"
        )
        return head["ETag"], head["LastModified"]

    before = identity()
    assert _put(server, "insp_b", data) == 200  # another user, who must send the bytes
    assert _put(server, "insp_a", data) == 200
    assert identity() == before and server.stored(sha) == data


def _s3_store(moto_s3: MotoS3, tmp_path: Path, **options: str) -> BlobStorage:
    store = open_store(tmp_path, moto_s3.spec(moto_s3.new_bucket(), **options))
    store.prepare()
    return store


def _place_at_once(store: BlobStorage, files: list[Path], sha: str) -> list[bool]:
    """add_verified of the same blob from several threads released together."""
    start = threading.Barrier(len(files))
    placed: list[bool] = []

    def place(source: Path) -> None:
        start.wait(10)
        placed.append(store.add_verified(source, sha))

    threads = [threading.Thread(target=place, args=(f,)) for f in files]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return placed


def test_the_conditional_put_lets_exactly_one_of_racing_placements_store(moto_s3, tmp_path):
    store = _s3_store(moto_s3, tmp_path)
    data, sha = _blob(300_000)
    source = tmp_path / "photo.jpg"
    source.write_bytes(data)
    for _ in range(3):  # a race may be won by a HEAD; repeated, the put's condition decides too
        data, sha = _blob(300_000)
        source.write_bytes(data)
        placed = _place_at_once(store, [source] * 6, sha)
        assert sorted(placed) == [False] * 5 + [True], placed
        with store.open_blob(sha) as blob:
            assert blob.read() == data
    # the conditional put itself, without the HEAD that usually spares it: refused, not replaced
    other = tmp_path / "other"
    other.write_bytes(data)
    assert store._put_whole(other, sha) is False  # type: ignore[attr-defined]
    assert list(store.staging_dir.iterdir()) == []


def test_head_then_put_for_stores_without_conditional_writes(moto_s3, tmp_path):
    """conditional=0: HEAD, then put. Racing placements may each hear "placed" (the documented
    race), but each wrote the very bytes that hash to the key: the object is whole and right."""
    store = _s3_store(moto_s3, tmp_path, conditional="0")
    data, sha = _blob(300_000)
    source = tmp_path / "photo.jpg"
    source.write_bytes(data)
    placed = _place_at_once(store, [source] * 6, sha)
    assert True in placed and len(placed) == 6
    with store.open_blob(sha) as blob:
        assert blob.read() == data
    assert store.add_verified(source, sha) is False  # held: the HEAD answers
    assert [s for s in store.shas()] == [sha]


def test_a_large_blob_goes_up_in_parts_and_a_wrong_one_is_refused(moto_s3, tmp_path):
    store = _s3_store(moto_s3, tmp_path, multipart_mb="5")
    data, sha = _blob(12 << 20)  # above the 5 MB threshold: three parts of 5, 5 and 2 MB
    source = tmp_path / "clip.mp4"
    source.write_bytes(data)
    assert store.add_verified(source, sha) is True
    assert store.size(sha) == len(data)
    key = f"blobs/{sha[:2]}/{sha[2:4]}/{sha}"
    head = moto_s3.client().head_object(Bucket=store.bucket, Key=key)  # type: ignore[attr-defined]
    assert head["ETag"].endswith('-3"')  # an object made of three parts
    with store.open_blob(sha) as blob:
        assert hashlib.sha256(blob.read()).hexdigest() == sha
    assert store.add_verified(source, sha) is False
    wrong = tmp_path / "wrong"
    wrong.write_bytes(data[:-1])
    with pytest.raises(ValueError, match="content hashes to"):
        store.add_verified(wrong, hashlib.sha256(b"x").hexdigest())
    assert list(store.verify()) == []
    client = moto_s3.client()
    assert client.list_multipart_uploads(Bucket=store.bucket).get("Uploads", []) == []  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("spec", "says"),
    [
        ("s3://key:secret@bucket?endpoint=http://127.0.0.1:9", "may not hold credentials"),
        ("s3://bucket?endpoint=ftp://x", "endpoint must be http(s)"),
        ("s3://bucket?endpont=http://127.0.0.1:9", "unknown blob store option(s) endpont"),
        ("s3://bucket?addressing=sideways", "addressing is one of"),
        ("s3:///?endpoint=http://127.0.0.1:9", "s3://BUCKET?endpoint=URL"),
        ("gcs://bucket", "unknown blob store 'gcs://bucket'"),
    ],
)
def test_a_misnamed_store_is_refused_in_words(spec, says, tmp_path):
    with pytest.raises(StoreUnavailable) as refused:
        open_store(tmp_path, spec).prepare()
    assert says in str(refused.value)
    assert "secret" not in str(refused.value)


def test_serve_and_verify_refuse_a_store_they_cannot_use(moto_s3, tmp_path):
    missing = moto_s3.spec("no-such-bucket")
    done = run_cli("verify", "--blob-store", missing, data_dir=tmp_path)
    assert done.returncode == 2
    assert "blob store s3://no-such-bucket/ at http://127.0.0.1:" in done.stderr
    assert "no such bucket" in done.stderr and "Traceback" not in done.stderr
    dead = f"s3://bucket?endpoint=http://127.0.0.1:{free_port()}&addressing=path"
    done = run_cli("serve", "--port", str(free_port()), "--blob-store", dead, data_dir=tmp_path)
    assert done.returncode == 2 and "blob store s3://bucket/" in done.stderr
    assert "ducha-test-secret" not in done.stderr + done.stdout
    logs = "".join(p.read_text() for p in tmp_path.rglob("*.log"))
    assert "ducha-test-secret" not in logs


def test_a_thumbnail_of_a_large_non_image_is_refused_from_its_start(moto_s3, tmp_path, monkeypatch):
    """From a bucket, the start of the original is read (a ranged GET, 206) and a large blob
    that is no image is refused without copying it whole (no plain GET, 200)."""
    from server import thumbs
    from server.errors import ApiError

    monkeypatch.setattr(thumbs, "PEEK_WHOLE", 2 << 20)  # instead of 64 MB: a 3 MB blob is "large"
    store = _s3_store(moto_s3, tmp_path)
    data, sha = _blob(3 << 20)
    source = tmp_path / "recording.bin"
    source.write_bytes(data)
    store.add_verified(source, sha)
    with pytest.raises(ApiError) as refused:
        thumbs.Thumbnails(tmp_path / "thumbs").make(store, sha, 256)
    assert refused.value.status == 422 and refused.value.code == "not_image"
    assert _gets(moto_s3, sha) == ["206"]
    # a small one is copied whole to find out (and refused the same)
    small, small_sha = _blob(300_000)
    source.write_bytes(small)
    store.add_verified(source, small_sha)
    with pytest.raises(ApiError):
        thumbs.Thumbnails(tmp_path / "thumbs").make(store, small_sha, 256)
    assert _gets(moto_s3, small_sha) == ["206", "200"]


def _gets(moto_s3: MotoS3, sha: str) -> list[str]:
    """The statuses moto's request log shows for GETs of this blob, in order."""
    return [
        line.rsplit('"', 1)[1].split()[0]
        for line in moto_s3.log.read_text().splitlines()
        if "GET /" in line and f"/{sha} " in line
    ]


def test_a_store_that_stops_answering_is_a_503_and_nothing_half_written(tmp_path, monkeypatch):
    """The bucket's server goes away under a running store: every call answers 503
    store_unavailable (laptops retry after Retry-After), no traceback, nothing staged is left."""
    from server.errors import ApiError

    for key, value in CREDENTIALS.items():
        monkeypatch.setenv(key, value)
    with moto_server(free_port(), tmp_path / "moto.log") as own:
        store = _s3_store(own, tmp_path)
        data, sha = _blob(50_000)
        source = tmp_path / "photo.jpg"
        source.write_bytes(data)
        assert store.add_verified(source, sha) is True
        own.process.terminate()
        own.process.wait(10)
        other, other_sha = _blob(50_000)
        source.write_bytes(other)
        for call in (
            lambda: store.add_verified(source, other_sha),
            lambda: store.has(other_sha),
            lambda: store.open_blob(sha),
            lambda: list(store.shas()),
        ):
            with pytest.raises(ApiError) as down:
                call()
            assert (down.value.status, down.value.code) == (503, "store_unavailable")
            assert down.value.headers == {"Retry-After": "30"}
        assert store.has(sha)  # known held: still answered (a blob is never deleted)
        assert list(store.staging_dir.iterdir()) == []
