"""Content-addressed store of originals: blobs/ab/cd/abcd… named by the SHA-256 of their bytes.

A blob appears in place only complete and synced to disk: bytes are hashed while they are copied
into tmp/<random>.part, fsynced, then renamed into place. A killed import leaves only temporary
files, which purge_temp() removes at the next start. Placed blobs are read-only and the user's own
(0400, in folders 0700: nobody else on the machine reads the evidence).
"""

from __future__ import annotations

import errno
import hashlib
import io
import os
import re
import secrets
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from app.photos.files import NotRegularFile, open_regular, os_reason
from domain.i18n import QT_TRANSLATE_NOOP, Message

_CTX = "photos"
CHUNK = 1 << 20
MAX_BYTES = 200 << 20
_SHA256 = re.compile(r"[0-9a-f]{64}")
_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


class BlobError(Exception):
    """A file could not be stored; `reason` names the file and says why."""

    def __init__(self, reason: Message, *, disk_full: bool = False) -> None:
        super().__init__(str(reason))
        self.reason = reason
        self.disk_full = disk_full


@dataclass(frozen=True)
class Staged:
    """A complete, synced copy waiting in tmp/ to be placed (or discarded)."""

    sha256: str
    byte_size: int
    temp: Path
    name: str  # the source's file name, for messages


@dataclass(frozen=True)
class Ingested:
    sha256: str
    byte_size: int
    path: Path
    existed: bool  # the same bytes were already stored: nothing new was written in place


def _write(fd: int, data: memoryview) -> None:
    """Write all of `data` to a file descriptor: the one place blob bytes meet the OS."""
    while data:
        written = os.write(fd, data)
        data = data[written:]


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(path: Path) -> None:
    """Make a rename or a new entry in `path` durable (POSIX; Windows has no directory fsync)."""
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class Abandoned(Exception):
    """The import stopped waiting for this file; its worker wrote nothing that stays."""


def _not_regular(name: str) -> BlobError:
    return BlobError(
        Message(
            _CTX,
            QT_TRANSLATE_NOOP(
                "photos", "{name}: not a regular file (a pipe, device or folder); skipped"
            ),
            {"name": name},
        )
    )


def _disk_full(name: str) -> BlobError:
    return BlobError(
        Message(_CTX, QT_TRANSLATE_NOOP("photos", "{name}: the disk is full"), {"name": name}),
        disk_full=True,
    )


_UNREADABLE = {
    "missing": QT_TRANSLATE_NOOP("photos", "{name}: the file cannot be read (it is not there)"),
    "denied": QT_TRANSLATE_NOOP("photos", "{name}: the file cannot be read (no permission)"),
    "failed": QT_TRANSLATE_NOOP(
        "photos", "{name}: the file cannot be read (the disk or card reported an error)"
    ),
}
_UNSTORABLE = {
    "missing": QT_TRANSLATE_NOOP("photos", "{name}: the file cannot be stored (a folder is gone)"),
    "denied": QT_TRANSLATE_NOOP("photos", "{name}: the file cannot be stored (no permission)"),
    "failed": QT_TRANSLATE_NOOP(
        "photos", "{name}: the file cannot be stored (the disk reported an error)"
    ),
}


def _unreadable(name: str, error: OSError) -> BlobError:
    return BlobError(Message(_CTX, _UNREADABLE[os_reason(error)], {"name": name}))


def _os_error(name: str, error: OSError) -> BlobError:
    if error.errno in _FULL:
        return _disk_full(name)
    return BlobError(Message(_CTX, _UNSTORABLE[os_reason(error)], {"name": name}))


class BlobStore:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.tmp = root / "tmp"

    # -- where -----------------------------------------------------------------------------------
    def path(self, sha256: str) -> Path:
        if not _SHA256.fullmatch(sha256):
            raise ValueError(f"not a SHA-256 in lower-case hex: {sha256!r}")
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def has(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    # -- storing ---------------------------------------------------------------------------------
    def ingest(self, src: Path, *, max_bytes: int = MAX_BYTES) -> Ingested:
        """Copy `src` in (read once, hashed while copying) and place it. Raises BlobError."""
        return self.place(self.stage(src, max_bytes=max_bytes))

    def stage(
        self,
        src: Path,
        *,
        max_bytes: int = MAX_BYTES,
        abandoned: Callable[[], bool] | None = None,
        on_bytes: Callable[[int], None] | None = None,
    ) -> Staged:
        """Copy and hash `src` into tmp/ (the heavy part, for a worker thread). Raises BlobError;
        on any failure the temporary file is gone. place() syncs it and moves it in.

        `abandoned`, asked between chunks: when it says True (the import gave up waiting on this
        file), the copy is removed and Abandoned raised: an abandoned worker leaves nothing.
        `on_bytes(copied)` after each chunk (a long recording's progress)."""
        name = src.name
        try:
            source = cast(io.FileIO, open_regular(src, buffering=0))
        except NotRegularFile as error:
            raise _not_regular(name) from error
        except OSError as error:
            raise _unreadable(name, error) from error
        temp: Path | None = None
        fd = -1
        try:
            with source:
                size = os.fstat(source.fileno()).st_size
                if size > max_bytes:
                    raise self._too_large(name, max_bytes)
                try:
                    self.root.mkdir(mode=0o700, parents=True, exist_ok=True)
                    self.tmp.mkdir(mode=0o700, exist_ok=True)
                    temp = self.tmp / f"{secrets.token_hex(16)}.part"
                    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
                    fd = os.open(temp, flags, 0o600)
                except OSError as error:
                    raise _os_error(name, error) from error
                digest = hashlib.sha256()
                buffer = bytearray(CHUNK)
                view = memoryview(buffer)
                total = 0
                while True:
                    try:
                        n = source.readinto(buffer)
                    except OSError as error:
                        raise _unreadable(name, error) from error
                    if abandoned is not None and abandoned():
                        raise Abandoned(name)
                    if not n:
                        break
                    total += n
                    if total > max_bytes:  # the file grew while being read
                        raise self._too_large(name, max_bytes)
                    digest.update(view[:n])
                    try:
                        _write(fd, view[:n])
                    except OSError as error:
                        raise _os_error(name, error) from error
                    if on_bytes is not None:
                        on_bytes(total)
                sha256 = digest.hexdigest()
                try:
                    os.close(fd)
                    fd = -1
                    self._make_dirs(self.path(sha256).parent)  # ready for place()
                except OSError as error:
                    raise _os_error(name, error) from error
            return Staged(sha256, total, temp, name)
        except BaseException:
            if fd >= 0:
                os.close(fd)
            if temp is not None:
                _unlink(temp)
            raise

    def place(self, staged: Staged) -> Ingested:
        """Sync a staged copy to disk and move it into place (the rename synced too), or drop it
        when the same bytes are already stored. Raises BlobError; the copy is gone either way."""
        final = self.path(staged.sha256)
        try:
            if final.is_file() and final.stat().st_size == staged.byte_size:
                _unlink(staged.temp)
                return Ingested(staged.sha256, staged.byte_size, final, existed=True)
            _fsync_file(staged.temp)
            os.chmod(staged.temp, stat.S_IRUSR)
            self._make_dirs(final.parent)
            os.replace(staged.temp, final)
            _fsync_dir(final.parent)
        except OSError as error:
            _unlink(staged.temp)
            raise _os_error(staged.name, error) from error
        return Ingested(staged.sha256, staged.byte_size, final, existed=False)

    def discard(self, staged: Staged) -> None:
        _unlink(staged.temp)

    def _make_dirs(self, directory: Path) -> None:
        """Create blobs/ab/cd durably: each new directory's entry is synced in its parent."""
        missing = []
        while not directory.is_dir():
            missing.append(directory)
            directory = directory.parent
        for new in reversed(missing):
            new.mkdir(mode=0o700, exist_ok=True)
            _fsync_dir(new.parent)

    @staticmethod
    def _too_large(name: str, max_bytes: int) -> BlobError:
        return BlobError(
            Message(
                _CTX,
                QT_TRANSLATE_NOOP("photos", "{name}: the file is larger than {limit} MB"),
                {"name": name, "limit": max_bytes // (1 << 20)},
            )
        )

    # -- housekeeping ----------------------------------------------------------------------------
    def purge_temp(self, min_age: float = 0.0) -> int:
        """Remove temporary files a killed import left behind; returns how many.

        At startup nothing is importing: remove them all. While other imports may run (another
        window, another process), pass `min_age` to spare the copies they are still writing.
        """
        count = 0
        if not self.tmp.is_dir():
            return count
        now = time.time()
        for leftover in self.tmp.glob("*.part"):
            try:
                if min_age and now - leftover.stat().st_mtime < min_age:
                    continue
            except OSError:
                continue
            if _unlink(leftover):
                count += 1
        return count

    def verify(self, sha256: str) -> bool:
        """Whether the stored blob is still exactly the bytes its name says."""
        digest = hashlib.sha256()
        try:
            with open(self.path(sha256), "rb", buffering=0) as blob:
                buffer = bytearray(CHUNK)
                view = memoryview(buffer)
                while n := blob.readinto(buffer):
                    digest.update(view[:n])
        except OSError:
            return False
        return digest.hexdigest() == sha256


def _unlink(path: Path) -> bool:
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    except PermissionError:  # Windows refuses to delete a read-only file
        try:
            os.chmod(path, stat.S_IWRITE | stat.S_IREAD)
            path.unlink()
        except OSError:
            return False
    return True
