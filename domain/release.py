"""Signed releases: the installers a county's server offers its laptops (issue 17). No Qt.

A release is an installer file and its manifest (FILE.release.json, written by
build/sign_release.py): version, platform, file name, size, SHA-256, when it was signed and the
id of the Ed25519 key that signed it, with the signature over the manifest's canonical bytes
(sorted keys, no spaces, UTF-8). The public halves of the release keys ship inside the app
(resources/release_keys/*.pub, PEM); the server checks a release against them before it offers
it (`ducha-server release add`), and the laptop checks the downloaded file again (size, SHA-256,
signature) before it lets the user install it. One code path for both: this module.

Refusals are `ReleaseRefused(code, message)`: the code for programs, the message (English,
naming the file and what is wrong) for logs and the command line.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path
from typing import Annotated, Literal

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from domain.contract import error_reasons

KEYS_FOLDER = Path(__file__).resolve().parent.parent / "resources" / "release_keys"
MAX_MANIFEST_BYTES = 16_384
MAX_INSTALLER_BYTES = 4 << 30  # 4 GiB: far above any bundle
CHUNK = 1 << 20

# What the packaging builds (build/): the Inno Setup installer, the UOS-layout .deb, the tarball.
Platform = Literal["windows-x64", "linux-x64-deb", "linux-x64-tar"]
PLATFORMS: dict[str, tuple[str, ...]] = {
    "windows-x64": (".exe",),
    "linux-x64-deb": (".deb",),
    "linux-x64-tar": (".tar.gz", ".tar.xz", ".tgz"),
}
VERSION_PATTERN = r"^[0-9]{1,6}(\.[0-9]{1,6}){0,3}$"
_VERSION = re.compile(VERSION_PATTERN)
SHA_PATTERN = r"^[0-9a-f]{64}$"
KEY_ID_PATTERN = r"^[0-9a-f]{16}$"
FILE_NAME_PATTERN = r"^[0-9A-Za-z][0-9A-Za-z._+-]{0,199}$"  # no folder, nothing to escape

Version = Annotated[str, Field(pattern=VERSION_PATTERN, max_length=27)]


class ReleaseRefused(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class ReleaseManifest(BaseModel):
    """What the signature covers."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    version: Version
    platform: Platform
    file_name: Annotated[str, Field(pattern=FILE_NAME_PATTERN)]
    size: Annotated[int, Field(ge=1, le=MAX_INSTALLER_BYTES)]
    sha256: Annotated[str, Field(pattern=SHA_PATTERN)]
    signed_at: Annotated[str, Field(max_length=40)]
    key_id: Annotated[str, Field(pattern=KEY_ID_PATTERN)]


class SignedRelease(BaseModel):
    """FILE.release.json: the manifest and its Ed25519 signature (base64, 64 bytes)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    manifest: ReleaseManifest
    signature: Annotated[str, Field(pattern=r"^[A-Za-z0-9+/]{86}==$")]

    def text(self) -> str:
        return json.dumps(self.model_dump(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def version_key(text: str) -> tuple[int, ...]:
    """A version as numbers to compare (1.10 > 1.9; 1.0 == 1.0.0). ValueError when malformed."""
    if not _VERSION.match(text):
        raise ValueError(f"{text!r} is not a version such as 1.2.0")
    parts = [int(p) for p in text.split(".")]
    while len(parts) > 1 and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def is_newer(candidate: str, current: str) -> bool:
    """Whether `candidate` is a later version than `current` (a malformed current: any is)."""
    try:
        known = version_key(current)
    except ValueError:
        return True
    return version_key(candidate) > known


def canonical(manifest: ReleaseManifest) -> bytes:
    return json.dumps(
        manifest.model_dump(), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    ).encode("utf-8")


def key_id(public: Ed25519PublicKey) -> str:
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def trusted_keys(folder: Path | None = None) -> dict[str, Ed25519PublicKey]:
    """The shipped public release keys (*.pub, PEM) by key id; unreadable files are skipped."""
    keys: dict[str, Ed25519PublicKey] = {}
    for path in sorted((folder or KEYS_FOLDER).glob("*.pub")):
        try:
            public = serialization.load_pem_public_key(path.read_bytes())
        except (OSError, ValueError):
            continue
        if isinstance(public, Ed25519PublicKey):
            keys[key_id(public)] = public
    return keys


def load_private_key(path: Path) -> Ed25519PrivateKey:
    """A release signing key (PEM, unencrypted). ValueError when it is not an Ed25519 key."""
    private = serialization.load_pem_private_key(Path(path).read_bytes(), password=None)
    if not isinstance(private, Ed25519PrivateKey):
        raise ValueError(f"{path}: not an Ed25519 private key")
    return private


def file_digest(path: Path) -> tuple[str, int]:
    """(SHA-256 hex, size) of a file, read in chunks."""
    digest = hashlib.sha256()
    size = 0
    with Path(path).open("rb") as f:
        while chunk := f.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def check_platform_name(platform: str, file_name: str) -> None:
    """The file's name must end as the platform's installers do (.exe, .deb, .tar.gz…)."""
    endings = PLATFORMS.get(platform)
    if endings is None:
        raise ReleaseRefused(
            "bad_platform", f"unknown platform {platform!r}: one of {', '.join(PLATFORMS)}"
        )
    if not file_name.endswith(endings):
        raise ReleaseRefused(
            "bad_platform",
            f"{file_name}: a {platform} installer ends with {' or '.join(endings)}",
        )


def sign(
    path: Path, version: str, platform: str, private: Ed25519PrivateKey, signed_at: str
) -> SignedRelease:
    """The signed manifest of the installer at `path` (ValueError/ReleaseRefused when the
    version, platform or file name is not acceptable)."""
    path = Path(path)
    check_platform_name(platform, path.name)
    sha, size = file_digest(path)
    manifest = ReleaseManifest.model_validate(
        {
            "version": version,
            "platform": platform,
            "file_name": path.name,
            "size": size,
            "sha256": sha,
            "signed_at": signed_at,
            "key_id": key_id(private.public_key()),
        }
    )
    signature = base64.b64encode(private.sign(canonical(manifest))).decode("ascii")
    return SignedRelease(manifest=manifest, signature=signature)


def parse_signed(text: str | bytes, name: str = "the release signature") -> SignedRelease:
    """A FILE.release.json's content, checked against its shape (ReleaseRefused when not)."""
    if len(text) > MAX_MANIFEST_BYTES:
        raise ReleaseRefused("bad_signature_file", f"{name}: larger than a release manifest")
    try:
        return SignedRelease.model_validate_json(text)
    except ValidationError as error:
        reasons = error_reasons(error.errors(include_url=False, include_input=False))
        raise ReleaseRefused(
            "bad_signature_file", f"{name}: not a release manifest ({reasons})"
        ) from None


def verify_signature(
    signed: SignedRelease, keys: dict[str, Ed25519PublicKey] | None = None
) -> ReleaseManifest:
    """The manifest once its signature verifies with a trusted key, else ReleaseRefused."""
    keys = trusted_keys() if keys is None else keys
    manifest = signed.manifest
    public = keys.get(manifest.key_id)
    if public is None:
        raise ReleaseRefused(
            "untrusted_key",
            f"{manifest.file_name}: signed with key {manifest.key_id}, "
            "which is not one of the release keys this program trusts",
        )
    try:
        public.verify(base64.b64decode(signed.signature), canonical(manifest))
    except InvalidSignature:
        raise ReleaseRefused(
            "bad_signature", f"{manifest.file_name}: the signature does not match its manifest"
        ) from None
    return manifest


def verify_file(
    path: Path, signed: SignedRelease, keys: dict[str, Ed25519PublicKey] | None = None
) -> ReleaseManifest:
    """The installer at `path` is the one the signed manifest describes: signature, size and
    SHA-256 (its name is not checked: a file may be stored under another). ReleaseRefused."""
    manifest = verify_signature(signed, keys)
    check_platform_name(manifest.platform, manifest.file_name)
    sha, size = file_digest(path)
    if size != manifest.size:
        raise ReleaseRefused(
            "size_mismatch",
            f"{manifest.file_name}: {size} bytes, the signed manifest says {manifest.size}",
        )
    if sha != manifest.sha256:
        raise ReleaseRefused(
            "sha_mismatch",
            f"{manifest.file_name}: its SHA-256 is {sha}, the signed manifest says "
            f"{manifest.sha256}",
        )
    return manifest


class ReleaseOffer(BaseModel):
    """A release the server offers (GET /api/v1/releases/latest): the file to fetch from
    GET /api/v1/releases/{id}/file and the signed manifest the laptop verifies it with."""

    model_config = ConfigDict(extra="forbid")
    id: Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[0-9A-Za-z-]+$")]
    version: Version
    platform: Platform
    file_name: Annotated[str, Field(pattern=FILE_NAME_PATTERN)]
    size: Annotated[int, Field(ge=1, le=MAX_INSTALLER_BYTES)]
    sha256: Annotated[str, Field(pattern=SHA_PATTERN)]
    added_at: Annotated[str, Field(max_length=40)]
    signed: SignedRelease


class LatestRelease(BaseModel):
    """The answer of GET /api/v1/releases/latest: the newest release of the platform asked for
    that is newer than the version the laptop runs, or null."""

    model_config = ConfigDict(extra="forbid")
    release: ReleaseOffer | None
