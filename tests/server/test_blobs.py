from __future__ import annotations

import hashlib
import os
import threading

import pytest
import requests

from tests.server.raw import Raw, token_of, wait_for


@pytest.fixture
def server(store_server):
    """Every test here on the disk store (SQLite, PostgreSQL) and on the S3 store."""
    return store_server


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
    assert server.stored(sha) == data


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
    assert _partials(server, sha) == []
    assert server.stored(sha) is None


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
    assert server.stored(sha) == data
    assert _partials(server, sha) == []  # no partial left


def test_bad_names_and_anonymous(server):
    s = server.session("insp_a")
    assert s.put(f"{server.base}/blobs/NOTAHASH", data=b"x").status_code == 400
    assert requests.put(f"{server.base}/blobs/{'a' * 64}", data=b"x", timeout=5).status_code == 401


def _partials(server, sha: str) -> list:
    return [p for p in (server.data_dir / "blobs" / "partial").rglob(f"{sha}*") if p.is_file()]


def _stored(server, sha: str) -> bytes | None:
    return server.stored(sha)


def test_a_slow_upload_never_replaces_what_a_fast_one_stored(server):
    """The attack: a slow PUT holding wrong bytes G, then a fast PUT of the true bytes L. The
    fast one stores; the slow one is refused and changes nothing that is stored."""
    true, sha = _blob(3_000_000)
    fake = os.urandom(len(true))
    attacker = server.session("insp_b")
    slow = Raw(server.base)
    slow.request(
        "PUT",
        f"/blobs/{sha}",
        {"Authorization": f"Bearer {token_of(attacker)}", "Content-Length": str(len(fake))},
    )
    assert slow.send(fake[:2_000_000])
    wait_for(
        lambda: any(p.stat().st_size >= 1_048_576 for p in _partials(server, sha)),
        what="the slow upload's first bytes on the server's disk",
    )
    owner = server.session("insp_a")
    assert owner.put(f"{server.base}/blobs/{sha}", data=true).status_code == 201
    assert slow.send(fake[2_000_000:])
    status, _, answer = slow.answer()
    slow.close()
    assert status == 422 and answer["error"]["code"] == "hash_mismatch"
    got = owner.get(f"{server.base}/blobs/{sha}")
    assert got.status_code == 200 and got.content == true
    assert hashlib.sha256(_stored(server, sha)).hexdigest() == sha
    assert _partials(server, sha) == []


def test_overlapping_uploads_of_the_same_photo_store_it_once_and_whole(server):
    """Four laptops (four users) upload the same photo at once: one stores it (201), the others
    hear "already had it" (200); nothing fails, the stored bytes are the photo's."""
    data, sha = _blob(2_000_000)
    names = ("insp_a", "insp_a2", "insp_b", "office")
    sessions = [server.session(n) for n in names]
    halfway = threading.Barrier(len(names))
    answers: dict[str, int] = {}

    def body():
        yield data[:1_000_000]
        halfway.wait(30)  # every upload has begun before any ends
        yield data[1_000_000:]

    def upload(name: str, session) -> None:
        answers[name] = session.put(f"{server.base}/blobs/{sha}", data=body()).status_code

    threads = [
        threading.Thread(target=upload, args=pair) for pair in zip(names, sessions, strict=True)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(answers.values()) == [200, 200, 200, 201], answers
    assert _stored(server, sha) == data
    assert _partials(server, sha) == []
    for s in sessions:
        assert s.get(f"{server.base}/blobs/{sha}").content == data


def test_a_partial_upload_belongs_to_its_uploader(server):
    data, sha = _blob(1_000_001)
    half = len(data) // 2
    owner, other = server.session("insp_a"), server.session("insp_a2")
    url = f"{server.base}/blobs/{sha}"
    first = owner.put(
        url, data=data[:half], headers={"Content-Range": f"bytes 0-{half - 1}/{len(data)}"}
    )
    assert first.status_code == 202
    # another user neither sees nor continues it
    head = other.head(url)
    assert head.status_code == 404 and head.headers["Upload-Offset"] == "0"
    asked = other.post(f"{server.base}/blobs/missing", json={"sha256": [sha]}).json()
    assert asked == {"missing": [sha], "offsets": {sha: 0}}
    rest = {"Content-Range": f"bytes {half}-{len(data) - 1}/{len(data)}"}
    refused = other.put(url, data=data[half:], headers=rest)
    assert refused.status_code == 409 and refused.headers["Upload-Offset"] == "0"
    # a fresh upload of the other user does not disturb the owner's partial
    cut = other.put(url, data=data[:1000], headers={"Content-Range": f"bytes 0-999/{len(data)}"})
    assert cut.status_code == 202
    assert owner.head(url).headers["Upload-Offset"] == str(half)
    assert other.head(url).headers["Upload-Offset"] == "1000"
    assert owner.put(url, data=data[half:], headers=rest).status_code == 201
    assert _stored(server, sha) == data
    # the other user's leftover partial is theirs to finish; the blob now exists: 200
    more = {"Content-Range": f"bytes 1000-{len(data) - 1}/{len(data)}"}
    assert other.put(url, data=data[1000:], headers=more).status_code == 200
    assert _stored(server, sha) == data and _partials(server, sha) == []


def test_check_sha_is_strict(server):
    s = server.session("insp_a")
    data, sha = _blob(1000)
    for name in (f"{sha}%0A", f"{sha}%0a", sha.upper(), f"{sha[:-1]}g", f"..%2F{sha[4:]}"):
        answer = s.put(f"{server.base}/blobs/{name}", data=data)
        assert answer.status_code in (400, 404), (name, answer.status_code, answer.text)
        assert "error" in answer.json()
        assert s.get(f"{server.base}/blobs/{name}").status_code in (400, 404)
    answer = s.post(f"{server.base}/blobs/missing", json={"sha256": [sha + "\n"]})
    assert answer.status_code in (400, 422), answer.text  # refused: not a SHA-256
