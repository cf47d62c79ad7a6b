"""Originals and thumbnails fetched from the server for a replica that lacks them (reviewers'
laptops get photo rows by sync, not the bytes). No Qt: runs on worker threads.

- An original enters the blob store only verified: it streams into blobs/tmp/<random>.part,
  hashed as it comes; a SHA-256 other than the photo's is refused (OriginalMismatch) and the
  file deleted. Any failure leaves nothing partial in the blob store (place() is a rename).
- A thumbnail is derived and regenerable: the server's JPEG is kept under data_dir/thumbs. The
  strip's size is the same file the importer makes for a local original (thumbnail_path).
"""

from __future__ import annotations

import os
import secrets
import threading
from pathlib import Path

from app.photos.blobstore import MAX_BYTES, BlobStore, Staged
from app.photos.thumbnails import THUMB_SIZE, thumbnail_path
from app.sync.client import SyncClient
from app.sync.errors import SyncCancelled, SyncRejected, SyncUnauthorized, SyncUnreachable

PREVIEW_SIZE = 1024  # what the viewer shows while the original is on its way
MAX_THUMB_BYTES = 8 << 20


# Why a fetch failed (failure_kind).
OFFLINE = "offline"  # the server cannot be reached
LOGIN = "login"  # not logged in, or the login expired
MISSING = "missing"  # the server does not hold this original
MISMATCH = "mismatch"  # the bytes sent were not the original: refused, nothing kept
FAILED = "failed"  # anything else (the log says what)
CANCELLED = "cancelled"  # the one who asked has gone or changed their mind


class OriginalMismatch(Exception):
    """The server's bytes are not the photo's original (their SHA-256 differs): refused."""

    def __init__(self, sha256: str, got: str) -> None:
        super().__init__(
            f"the file sent for photo {sha256[:12]}… hashes to {got[:12]}…; it was refused "
            "and not kept"
        )
        self.sha256 = sha256
        self.got = got


def thumb_path(data_dir: Path, sha256: str, size: int) -> Path:
    """Where a thumbnail of `size` is cached: the strip's size is the importer's file."""
    if size == THUMB_SIZE:
        return thumbnail_path(data_dir, sha256)
    return data_dir / "thumbs" / sha256[:2] / f"{sha256}-{size}.jpg"


def cached_thumb(data_dir: Path, sha256: str, sizes: tuple[int, ...]) -> Path | None:
    """The first of these sizes already on disk, or None."""
    for size in sizes:
        path = thumb_path(data_dir, sha256, size)
        if path.is_file():
            return path
    return None


def fetch_thumbnail(
    client: SyncClient,
    data_dir: Path,
    sha256: str,
    size: int,
    *,
    cancel: threading.Event | None = None,
) -> Path:
    """The server's thumbnail of `size`, downloaded once and then served from the cache."""
    dest = thumb_path(data_dir, sha256, size)
    if dest.is_file():
        return dest
    dest.parent.mkdir(parents=True, exist_ok=True)
    temp = dest.with_name(f".{dest.name}.{secrets.token_hex(8)}.tmp")
    try:
        client.fetch_blob(sha256, temp, size=size, max_bytes=MAX_THUMB_BYTES, cancel=cancel)
        os.replace(temp, dest)  # a reader sees the whole file or none
    finally:
        temp.unlink(missing_ok=True)
    return dest


def fetch_original(
    client: SyncClient,
    blobs: BlobStore,
    sha256: str,
    *,
    byte_size: int | None = None,
    name: str = "",
    cancel: threading.Event | None = None,
) -> Path:
    """The verified original in the blob store: there already, or downloaded now.

    Raises OriginalMismatch (nothing kept), a SyncError from the client, or BlobError when it
    cannot be stored. A download never leaves a partial file behind.
    """
    path = blobs.path(sha256)  # also refuses anything but a SHA-256
    if path.is_file():
        return path
    blobs.tmp.mkdir(parents=True, exist_ok=True)
    temp = blobs.tmp / f"{secrets.token_hex(16)}.part"
    limit = byte_size if byte_size is not None and byte_size >= 0 else MAX_BYTES
    try:
        got, count = client.fetch_blob(sha256, temp, max_bytes=limit, cancel=cancel)
        if got != sha256:
            raise OriginalMismatch(sha256, got)
        return blobs.place(Staged(sha256, count, temp, name or sha256[:12])).path
    finally:
        temp.unlink(missing_ok=True)  # placed: already renamed away; failed: gone


def failure_kind(error: BaseException) -> str:
    """Why a fetch failed, as one of OFFLINE, LOGIN, MISSING, MISMATCH, CANCELLED, FAILED."""
    if isinstance(error, SyncCancelled):
        return CANCELLED
    if isinstance(error, SyncUnreachable):
        return OFFLINE
    if isinstance(error, SyncUnauthorized):
        return LOGIN
    if isinstance(error, OriginalMismatch):
        return MISMATCH
    if isinstance(error, SyncRejected) and error.status == 404:
        return MISSING
    return FAILED
