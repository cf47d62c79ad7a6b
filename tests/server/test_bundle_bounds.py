"""A bundle's sizes are bounded while it is read (review of issue 17): what a manifest or a
member declares bounds what is decompressed, before and after the signature is checked."""

from __future__ import annotations

import hashlib
import json
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from domain import bundle_format
from domain.bundle_format import BundleRefused

BOMB = 256 * 1024 * 1024  # zeros: a quarter of a megabyte deflated


def _manifest() -> bytes:
    return json.dumps(
        {
            "kind": bundle_format.KIND,
            "format": bundle_format.FORMAT,
            "bundle_id": "b" * 32,
            "user_id": "u1",
            "device_id": "d1",
            "server_epoch": "e" * 32,
            "created_at": "2026-12-06T00:00:00Z",
            "cursor": 0,
            "members": [],
        }
    ).encode()


def _bomb(path: Path, member: str, other: str, other_data: bytes) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(other, other_data)
        with z.open(member, "w", force_zip64=True) as f:
            zeros = bytes(1024 * 1024)
            for _ in range(BOMB // len(zeros)):
                f.write(zeros)


def _peak(call) -> int:
    tracemalloc.start()
    try:
        call()
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return peak


def test_a_huge_signature_member_is_refused_unread(tmp_path):
    """Before the signature is checked, anyone's file: its signature member is not inflated."""
    path = tmp_path / "bomb.bundle"
    _bomb(path, bundle_format.SIGNATURE, bundle_format.MANIFEST, _manifest())
    assert path.stat().st_size < 2 * 1024 * 1024

    def read() -> None:
        with pytest.raises(BundleRefused) as refused:
            bundle_format.read_head(path)
        assert refused.value.code == "damaged" and refused.value.name == path.name

    assert _peak(read) < 16 * 1024 * 1024


def test_a_huge_answer_signature_is_refused_unread(tmp_path):
    path = tmp_path / "bomb.answer"
    _bomb(path, bundle_format.ANSWER_SIGNATURE, bundle_format.ANSWER, b"{}")

    def read() -> None:
        with pytest.raises(BundleRefused) as refused:
            bundle_format.read_answer(path, bundle_format.public_key(bytes(32)))
        assert refused.value.code in ("damaged", "bad_signature")

    assert _peak(read) < 16 * 1024 * 1024


# -- signed by a registered device: its members are bounded as an online push and upload are --
def _resigned(out: Path, a_dir: Path, device_id: str, change) -> None:
    """The bundle at `out` (not split) with `change(name, data) -> data` applied to its members,
    its manifest made to match and signed again with the laptop's own registered key."""
    from app.bundle import keys

    key = keys.private_key(a_dir, device_id)
    assert key is not None
    head = bundle_format.read_head(out)
    with zipfile.ZipFile(out) as z:
        members = {m.name: change(m.name, z.read(m.name)) for m in bundle_format.members_of(head)}
    listed = [
        {"name": name, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
        for name, data in members.items()
    ]
    manifest = json.dumps({**head.manifest, "members": listed}, sort_keys=True).encode()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
        z.writestr(bundle_format.MANIFEST, manifest)
        z.writestr(bundle_format.SIGNATURE, bundle_format.b64(bundle_format.sign(key, manifest)))


@pytest.fixture
def signed(sqlite_server, tmp_path):
    """A laptop of a fresh inspector with a submitted inspection and one photo, exported."""
    from app.bundle.export import export_bundle
    from tests.server.laptops import laptop, submitted_with_photos
    from tests.testdata import PHOTOS

    server = sqlite_server
    name = f"bounds_{tmp_path.name[-12:]}"
    server.add_user(name, "inspector", "A")
    a_dir = tmp_path / "a"
    a, _ = laptop(server, name, a_dir)
    photo = tmp_path / "unique.jpg"  # an original the server cannot hold yet: in the bundle
    photo.write_bytes((PHOTOS / "gps" / "DSCN0010.jpg").read_bytes() + tmp_path.name.encode())
    submitted_with_photos(a, a_dir, server, [photo])
    out = tmp_path / "x.bundle"
    export_bundle(a, a_dir, out)
    return server, a, a_dir, out


def _refused(server, out: Path, code: str, name: str) -> None:
    answer = out.with_name("x.answer")
    done = server.cli("bundle", "import", str(out), "--answer", str(answer))
    assert done.returncode == 1, done.stdout + done.stderr
    assert f"bundle refused ({code})" in done.stderr and name in done.stderr, done.stderr
    assert not answer.exists()


def test_a_batch_larger_than_an_online_push_is_refused(signed, monkeypatch):
    server, _a, _a_dir, out = signed
    monkeypatch.setenv("DUCHA_MAX_JSON_BYTES", "1000")  # what POST /sync/push would take
    _refused(server, out, "too_large", "batches/0001.json")


def test_an_original_larger_than_an_upload_is_refused(signed, monkeypatch):
    server, _a, _a_dir, out = signed
    monkeypatch.setenv("DUCHA_MAX_BLOB_BYTES", "1000")  # what PUT /blobs/{sha} would take
    head = bundle_format.read_head(out)
    assert any(m.name.startswith("blobs/") for m in bundle_format.members_of(head))
    _refused(server, out, "too_large", "blobs/")


def test_a_signed_batch_that_is_not_json_is_refused_by_name(signed):
    server, a, a_dir, out = signed
    _resigned(
        out,
        a_dir,
        a.device_id,
        lambda name, data: b"[" * 100_000 if name.startswith("batches/") else data,
    )
    _refused(server, out, "damaged", "batches/0001.json")
    _resigned(
        out, a_dir, a.device_id, lambda name, data: b"{" if name.startswith("batches/") else data
    )
    _refused(server, out, "damaged", "batches/0001.json")


def test_release_add_reads_a_signature_file_within_its_bound(tmp_path):
    """`--signature` naming a large file (a wrong path, a device) is refused, not read whole."""
    from domain.release import ReleaseRefused
    from server import releases

    installer = tmp_path / "ducha-9.0.0.exe"
    installer.write_bytes(b"MZ" + bytes(1000))
    signature = tmp_path / "big.release.json"
    with signature.open("wb") as f:
        f.truncate(64 * 1024 * 1024)  # sparse: no disk, but 64 MB to read

    def add() -> None:
        with pytest.raises(ReleaseRefused) as refused:
            releases.add(None, None, installer, "9.0.0", "windows-x64", signature, {})  # type: ignore[arg-type]
        assert refused.value.code == "bad_signature_file"

    assert _peak(add) < 4 * 1024 * 1024
