"""A bundle's sizes are bounded while it is read (review of issue 17): what a manifest or a
member declares bounds what is decompressed, before and after the signature is checked."""

from __future__ import annotations

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
