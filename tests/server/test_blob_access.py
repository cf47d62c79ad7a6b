"""Who may read a blob (docs/architecture.md, "The server trusts nothing": reads are scoped to
jurisdiction, blobs too): those who may see a photo row naming it, admins and all-units users, and
whoever uploaded its bytes. Everyone else hears 404, as if it did not exist; and a photo row's
sha256 is only ever looked up in the blob store."""

from __future__ import annotations

import hashlib
import os

import pytest

from domain.wire import change
from tests.server import rows
from tests.server.rows import changes, push, statuses
from tests.testdata import PHOTOS

PHOTO = PHOTOS / "gps" / "DSCN0012.jpg"


def _unique_photo() -> bytes:
    return PHOTO.read_bytes() + b"access-" + os.urandom(8).hex().encode()


def _pushed_photo(server, unit: str = "A", user: str = "insp_a") -> tuple[bytes, str]:
    """A photo uploaded by `user` and named by a photo row of a submitted inspection of `unit`."""
    session = server.session(user)
    data = _unique_photo()
    sha = hashlib.sha256(data).hexdigest()
    assert session.put(f"{server.base}/blobs/{sha}", data=data).status_code == 201
    device = f"dev-{user}"
    bundle = rows.inspection(server, unit, server.users[user], device)
    bundle["photos"] = [
        rows.photo(device, bundle["inspection"]["id"], data, bundle["findings"][0]["id"])
    ]
    rows.submit(bundle)
    answer = push(session, server.base, device, changes(bundle))
    assert set(statuses(answer).values()) == {"accepted"}, answer
    return data, sha


def _refused_as_absent(session, base: str, sha: str) -> None:
    for params in ({}, {"size": 128}):
        got = session.get(f"{base}/blobs/{sha}", params=params)
        assert got.status_code == 404, (params, got.status_code)
        assert got.json()["error"]["code"] == "not_found"
    head = session.head(f"{base}/blobs/{sha}")
    assert head.status_code == 404 and head.headers["Upload-Offset"] == "0"
    asked = session.post(f"{base}/blobs/missing", json={"sha256": [sha]}).json()
    assert asked == {"missing": [sha], "offsets": {sha: 0}}


def test_a_photo_is_read_only_within_its_jurisdiction(server):
    data, sha = _pushed_photo(server)
    for name in ("insp_a", "insp_a2", "office"):  # the uploader, a colleague, the office
        session = server.session(name)
        assert session.get(f"{server.base}/blobs/{sha}").content == data
        assert session.get(f"{server.base}/blobs/{sha}", params={"size": 128}).status_code == 200
        assert session.head(f"{server.base}/blobs/{sha}").status_code == 200
    outsider = server.session("insp_b")
    _refused_as_absent(outsider, server.base, sha)
    # bytes that are not the photo do not buy "already had it"
    fake = outsider.put(f"{server.base}/blobs/{sha}", data=os.urandom(len(data)))
    assert fake.status_code == 422 and fake.json()["error"]["code"] == "hash_mismatch"
    _refused_as_absent(outsider, server.base, sha)
    # whoever sends the photo's very bytes holds it already: nothing is revealed by letting them in
    assert outsider.put(f"{server.base}/blobs/{sha}", data=data).status_code == 200
    assert outsider.get(f"{server.base}/blobs/{sha}").content == data


def test_an_upload_no_row_names_yet_is_its_uploaders(server):
    data = _unique_photo()
    sha = hashlib.sha256(data).hexdigest()
    assert server.session("insp_a").put(f"{server.base}/blobs/{sha}", data=data).status_code == 201
    assert server.session("insp_a").get(f"{server.base}/blobs/{sha}").content == data
    assert server.session("office").get(f"{server.base}/blobs/{sha}").content == data  # all units
    for name in ("insp_a2", "insp_b"):
        _refused_as_absent(server.session(name), server.base, sha)


def test_a_photo_row_cannot_name_a_blob_its_pusher_may_not_read(server):
    _, sha = _pushed_photo(server)
    outsider = server.session("insp_b")
    bundle = rows.inspection(server, "B", server.users["insp_b"], "dev-b")
    photo = rows.photo("dev-b", bundle["inspection"]["id"], b"", bundle["findings"][0]["id"])
    photo["sha256"] = sha  # learnt somewhere: the photo itself was never in their hands
    bundle["photos"] = [photo]
    answer = push(outsider, server.base, "dev-b", changes(bundle))
    result = next(r for r in answer["results"] if r["id"] == photo["id"])
    assert result["status"] == "rejected" and "blob missing" in result["reason"]
    _refused_as_absent(outsider, server.base, sha)


@pytest.mark.parametrize(
    "name",
    [
        "/etc/passwd",
        "../../../../../../../../etc/passwd",
        "/" + "a" * 63,
        "ab/../../../../../../../../etc/passwd",
    ],
)
def test_a_photo_rows_hash_is_looked_up_only_in_the_blob_store(server, name):
    session = server.session("insp_a")
    bundle = rows.inspection(server, "A", server.users["insp_a"], "dev-a")
    photo = rows.photo("dev-a", bundle["inspection"]["id"], b"", bundle["findings"][0]["id"])
    photo["sha256"] = name
    answer = push(session, server.base, "dev-a", changes(bundle))  # no photo yet
    assert set(statuses(answer).values()) == {"accepted"}, answer
    answer = push(session, server.base, "dev-a", [change("photo", photo)])
    assert statuses(answer)[photo["id"]] == "rejected", answer


def test_a_stored_photo_named_with_a_trailing_newline_is_not_found(server):
    data, sha = _pushed_photo(server)
    s = server.session("insp_a")
    for name in (f"{sha}%0A", sha.upper()):
        got = s.get(f"{server.base}/blobs/{name}")
        assert got.status_code == 400 and got.json()["error"]["code"] == "malformed"
    assert s.get(f"{server.base}/blobs/{sha}").content == data
