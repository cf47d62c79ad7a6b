"""Signed releases (domain/release.py): versions compare as numbers; a manifest verifies only
with a trusted key and only unchanged; a file verifies only when it is the one signed."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from domain.release import (
    ReleaseRefused,
    SignedRelease,
    is_newer,
    key_id,
    load_private_key,
    sign,
    trusted_keys,
    verify_file,
    version_key,
)

ROOT = Path(__file__).resolve().parents[2]


def test_versions_compare_as_numbers() -> None:
    assert is_newer("1.10.0", "1.9.3") and not is_newer("1.9.3", "1.10.0")
    assert version_key("1.0") == version_key("1.0.0") and not is_newer("1.0.0", "1.0")
    assert is_newer("0.2.0", "0.1.0")
    for bad in ("1.x", "", "1..2", "v1.0", "1.0.0.0.0"):
        with pytest.raises(ValueError):
            version_key(bad)


def test_the_committed_development_key_is_the_one_the_app_trusts(tmp_path: Path) -> None:
    dev = load_private_key(ROOT / "build" / "release-dev-key.pem")
    assert key_id(dev.public_key()) in trusted_keys(ROOT / "resources" / "release_keys")


def test_a_signed_installer_verifies_and_any_change_is_refused(tmp_path: Path) -> None:
    key = Ed25519PrivateKey.generate()
    keys = {key_id(key.public_key()): key.public_key()}
    path = tmp_path / "ducha-1.2.0-amd64.deb"
    path.write_bytes(b"\x01" * 5000)
    signed = sign(path, "1.2.0", "linux-x64-deb", key, "2026-12-06T10:00:00Z")
    assert verify_file(path, signed, keys).sha256 == signed.manifest.sha256
    again = SignedRelease.model_validate_json(signed.text())  # through its file's text
    assert verify_file(path, again, keys) == signed.manifest

    with pytest.raises(ReleaseRefused) as refused:
        verify_file(path, signed, trusted_keys(ROOT / "resources" / "release_keys"))
    assert refused.value.code == "untrusted_key"
    forged = signed.model_copy(
        update={"manifest": signed.manifest.model_copy(update={"version": "9.0.0"})}
    )
    with pytest.raises(ReleaseRefused) as refused:
        verify_file(path, forged, keys)
    assert refused.value.code == "bad_signature"
    path.write_bytes(b"\x01" * 4999 + b"\x02")
    with pytest.raises(ReleaseRefused) as refused:
        verify_file(path, signed, keys)
    assert refused.value.code == "sha_mismatch" and path.name in refused.value.message
    path.write_bytes(b"\x01" * 5001)
    with pytest.raises(ReleaseRefused) as refused:
        verify_file(path, signed, keys)
    assert refused.value.code == "size_mismatch"
    with pytest.raises(ReleaseRefused) as refused:
        sign(path, "1.2.0", "windows-x64", key, "2026-12-06T10:00:00Z")
    assert refused.value.code == "bad_platform"
