from __future__ import annotations

import hashlib
import os

import requests


def _blob(size: int = 200_000) -> tuple[bytes, str]:
    data = os.urandom(size)
    return data, hashlib.sha256(data).hexdigest()


def test_missing_put_again(server):
    s = server.session("insp_a")
    data, sha = _blob()
    assert s.post(f"{server.base}/blobs/missing", json={"sha256": [sha]}).json() == {
        "missing": [sha],
        "offsets": {sha: 0},
    }
    assert s.put(f"{server.base}/blobs/{sha}", data=data).status_code == 201
    assert s.put(f"{server.base}/blobs/{sha}", data=data).status_code == 200
    assert s.post(f"{server.base}/blobs/missing", json={"sha256": [sha]}).json() == {
        "missing": [],
        "offsets": {},
    }
    assert s.head(f"{server.base}/blobs/{sha}").status_code == 200
    got = s.get(f"{server.base}/blobs/{sha}")
    assert got.status_code == 200 and got.content == data
    assert (server.data_dir / "blobs" / sha[:2] / sha[2:4] / sha).read_bytes() == data


def test_streamed_body_is_stored(server):
    s = server.session("insp_a")
    data, sha = _blob(3_000_000)
    chunks = (data[i : i + 65536] for i in range(0, len(data), 65536))
    assert s.put(f"{server.base}/blobs/{sha}", data=chunks).status_code == 201
    assert s.get(f"{server.base}/blobs/{sha}").content == data


def test_wrong_hash_is_422_and_nothing_kept(server):
    s = server.session("insp_a")
    data, sha = _blob()
    answer = s.put(f"{server.base}/blobs/{sha}", data=data + b"x")
    assert answer.status_code == 422
    assert answer.json()["error"]["code"] == "hash_mismatch"
    assert s.post(f"{server.base}/blobs/missing", json={"sha256": [sha]}).json()["missing"] == [sha]
    head = s.head(f"{server.base}/blobs/{sha}")
    assert head.status_code == 404 and head.headers["Upload-Offset"] == "0"
    assert not (server.data_dir / "blobs" / "partial" / sha).exists()
    assert not (server.data_dir / "blobs" / sha[:2] / sha[2:4] / sha).exists()


def test_resume_after_partial_put(server):
    s = server.session("insp_a")
    data, sha = _blob(1_000_001)
    half = len(data) // 2
    first = s.put(
        f"{server.base}/blobs/{sha}",
        data=data[:half],
        headers={"Content-Range": f"bytes 0-{half - 1}/{len(data)}"},
    )
    assert first.status_code == 202
    head = s.head(f"{server.base}/blobs/{sha}")
    assert head.status_code == 404 and head.headers["Upload-Offset"] == str(half)
    # blobs/missing tells the same offset beside `missing`, for many hashes in one call
    other = "0" * 64
    asked = s.post(f"{server.base}/blobs/missing", json={"sha256": [other, sha]}).json()
    assert asked == {"missing": [other, sha], "offsets": {other: 0, sha: half}}
    # a resume from the wrong offset is refused and tells where to resume
    wrong = s.put(
        f"{server.base}/blobs/{sha}",
        data=data[10:],
        headers={"Content-Range": f"bytes 10-{len(data) - 1}/{len(data)}"},
    )
    assert wrong.status_code == 409 and wrong.headers["Upload-Offset"] == str(half)
    rest = s.put(
        f"{server.base}/blobs/{sha}",
        data=data[half:],
        headers={"Content-Range": f"bytes {half}-{len(data) - 1}/{len(data)}"},
    )
    assert rest.status_code == 201
    assert s.head(f"{server.base}/blobs/{sha}").status_code == 200
    assert s.get(f"{server.base}/blobs/{sha}").content == data
    stored = list((server.data_dir / "blobs").rglob(sha))
    assert len(stored) == 1  # stored once, no partial left
    assert not (server.data_dir / "blobs" / "partial" / sha).exists()


def test_bad_names_and_anonymous(server):
    s = server.session("insp_a")
    assert s.put(f"{server.base}/blobs/NOTAHASH", data=b"x").status_code == 400
    assert requests.put(f"{server.base}/blobs/{'a' * 64}", data=b"x", timeout=5).status_code == 401
