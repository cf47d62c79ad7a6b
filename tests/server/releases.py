"""Installers for the update tests: random bytes named as a platform's installer, signed with
the committed development release key (build/release-dev-key.pem) as build/sign_release.py
signs them, or with a key the app does not trust."""

from __future__ import annotations

import os
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from domain.clock import now_iso
from domain.release import ReleaseOffer, SignedRelease, load_private_key, sign
from local_db import updates
from local_db.store import Store

ROOT = Path(__file__).resolve().parents[2]
DEV_KEY = ROOT / "build" / "release-dev-key.pem"
NAMES = {"windows-x64": "setup.exe", "linux-x64-deb": "amd64.deb", "linux-x64-tar": "linux.tar.gz"}


def installer(
    folder: Path,
    version: str,
    platform: str,
    size: int = 200_000,
    key: Ed25519PrivateKey | None = None,
) -> Path:
    """An installer file and its FILE.release.json beside it."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"ducha-{version}-{NAMES[platform]}"
    path.write_bytes(os.urandom(size))
    signed = sign(path, version, platform, key or load_private_key(DEV_KEY), now_iso())
    path.with_name(path.name + ".release.json").write_text(signed.text(), encoding="utf-8")
    return path


def verified_offer(store: Store, folder: Path, version: str = "9.9.9") -> Path:
    """A .deb the server offered, downloaded into `folder` and verified (as app/updates/core.py
    leaves it): its path."""
    path = installer(folder, version, "linux-x64-deb", size=1000)
    signed = SignedRelease.model_validate_json(
        path.with_name(path.name + ".release.json").read_text(encoding="utf-8")
    )
    m = signed.manifest
    offer = ReleaseOffer(
        id=f"v{version.replace('.', '-')}",
        version=m.version,
        platform=m.platform,
        file_name=m.file_name,
        size=m.size,
        sha256=m.sha256,
        added_at=m.signed_at,
        signed=signed,
    )
    updates.record_offer(store, offer)
    updates.mark(store, offer.id, "verified", str(path), None)
    return path
