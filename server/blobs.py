"""Content-addressed blob stores. Stored evidence never changes.

`BlobStorage` is what the server needs of a store: the upload protocol below (partial uploads,
resume, hashing) is the same for every kind, and is staged on local disk; only where a checked
blob ends up differs. Two kinds: `BlobStore`, the local disk (data_dir/blobs/ab/cd/<sha256>, the
default), and `server.blobs_s3.S3BlobStore`, an S3-compatible object store (`open_store` picks one
from the configuration, `--blob-store` or DUCHA_BLOB_STORE).

- Each upload (PUT) writes its own temporary file, blobs/partial/<user>/<sha>.<random>.part,
  hashing as it goes (writes and hashing in worker threads, never on the event loop). Only a
  complete file whose SHA-256 equals its name is placed (`_place`), and only if none is there (on
  disk os.link never replaces; in S3 a conditional put): a concurrent duplicate answers 200
  "already had it". A mismatch deletes the temporary file (422, nothing kept).
- An upload that ends short (cut, or a Content-Range short of the total) becomes its uploader's
  resumable partial, blobs/partial/<user>/<sha>; HEAD and `missing` tell its size to that user
  only (others see 0). A PUT with `Content-Range: bytes N-…` takes that partial over (an atomic
  rename: one resume at a time) when it holds exactly N bytes, else 409 with Upload-Offset.
- Partials expire (`Limits.partial_ttl`, 48 h): purged at start, every `purge_every` seconds, and
  from a user's folder whenever that user uploads; a user's partials are bounded in number and
  bytes (413 too_many_partials).
- Who uploaded what is kept beside the blobs (on disk: empty files blobs/owners/ab/<sha>@<user>;
  in S3: empty objects): sending the very bytes of a blob proves holding them, so its uploader
  may read it back (see `readable`).

Files are 0600 and folders 0700: evidence is readable by the server's user only.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
import time
from abc import ABC, abstractmethod
from collections.abc import AsyncIterator, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

import sqlalchemy as sa
from starlette.concurrency import run_in_threadpool

from server.auth import User
from server.db import ENTITY_TABLES
from server.errors import ApiError
from server.limits import Limits

SHA = re.compile(r"[0-9a-f]{64}")
_RANGE = re.compile(r"bytes ([0-9]{1,15})-([0-9]{1,15})/([0-9]{1,15})")
_SAFE_KEY = re.compile(r"[0-9A-Za-z][0-9A-Za-z_-]{0,63}")
CHUNK = 1024 * 1024
FILE_MODE = 0o600
DIR_MODE = 0o700
_PART = ".part"
CLOSE = {"Connection": "close"}  # a refusal in the middle of a body: the rest is not read


def is_sha(value: object) -> bool:
    """Whether `value` names a blob: exactly 64 lowercase hex digits, nothing around them."""
    return isinstance(value, str) and SHA.fullmatch(value) is not None


def check_sha(sha: str) -> str:
    if not is_sha(sha):
        raise ApiError(400, "malformed", "a blob is named by a lowercase hex SHA-256")
    return sha


def user_key(user_id: str) -> str:
    """A user's folder and marker name: the id itself when it is a plain token (UUIDs are),
    else a hash of it; never a path built from arbitrary text."""
    if _SAFE_KEY.fullmatch(user_id):
        return user_id
    return "h" + hashlib.sha256(user_id.encode()).hexdigest()[:40]


def make_dir(path: Path) -> None:
    """Create `path` and its missing parents, each private to this user (whatever the umask)."""
    if path.is_dir():
        return
    make_dir(path.parent)
    with contextlib.suppress(FileExistsError):
        path.mkdir(mode=DIR_MODE)


def _fsync_dir(path: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _hash_file(path: Path, digest) -> None:
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            digest.update(chunk)


def _write_all(fd: int, digest, data: bytes) -> None:
    digest.update(data)
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


class BlobStorage(ABC):
    """What the server needs of a blob store, whatever keeps the blobs. Partial uploads and the
    staging of checked files are on local disk under `root` for every kind of store."""

    kind = "abstract"

    def __init__(self, root: Path, limits: Limits | None = None) -> None:
        self.root = Path(root)
        self.limits = limits or Limits()
        self.partial_dir = self.root / "partial"
        self.staging_dir = self.root / "staging"  # not partial/: its loose files are purged
        self._last_purge = 0.0

    def prepare(self) -> int:
        """At start: the store reachable (`check`), the local folders there, private; expired
        partials are purged. Returns how many."""
        self.check()
        make_dir(self.partial_dir)
        return self.purge_partials()

    def check(self) -> None:
        """Raise StoreUnavailable (saying why) when the store cannot be used now; changes
        nothing (for `verify`, and a health check). A local folder always can."""
        return None

    def describe(self) -> str:
        """Where the blobs are, for logs and messages (never a credential)."""
        return str(self.root)

    # -- blobs: what differs between kinds -----------------------------------------------------
    @abstractmethod
    def has(self, sha: object) -> bool:
        """Whether the blob is held whole. Anything but a well-formed hash: False (a photo row's
        text is never made into a path or a key)."""

    @abstractmethod
    def size(self, sha: str) -> int:
        """Its size in bytes (FileNotFoundError: not held)."""

    @abstractmethod
    def shas(self) -> Iterator[str]:
        """Every blob held whole (any order)."""

    @abstractmethod
    def open_blob(self, sha: str) -> BinaryIO:
        """The stored bytes of a blob, to read from the start (FileNotFoundError: not held)."""

    @abstractmethod
    def _place(self, temp: Path, sha: str) -> bool:
        """Make a checked local file blob `sha` unless one is there already; True when placed.
        Never replaces a stored blob. The temporary file is gone either way."""

    @abstractmethod
    def uploaded_by(self, sha: str, user_id: str) -> bool:
        """Whether `user_id` sent the bytes of this blob once."""

    @abstractmethod
    def _record_owner(self, sha: str, user_id: str) -> None: ...

    def local_path(self, sha: str) -> Path | None:
        """The blob's own file when the store is a local folder (served as it is), else None."""
        return None

    @contextlib.contextmanager
    def local_copy(self, sha: str) -> Iterator[Path]:
        """A local file holding the blob, for as long as the block runs (a decoder needs one)."""
        path = self.local_path(sha)
        if path is not None:
            yield path
            return
        make_dir(self.staging_dir)
        temp = self.staging_dir / f"{sha}.{secrets.token_hex(8)}.read"
        try:
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
            with os.fdopen(fd, "wb") as out, contextlib.closing(self.open_blob(sha)) as blob:
                while chunk := blob.read(CHUNK):
                    out.write(chunk)
            yield temp
        finally:
            temp.unlink(missing_ok=True)

    def read_start(self, sha: str, count: int) -> bytes:
        """The first `count` bytes of a blob (fewer when it is shorter)."""
        with contextlib.closing(self.open_blob(sha)) as blob:
            return blob.read(count)

    def held(self, shas: Iterable[str]) -> set[str]:
        """Which of these blobs are held whole (a store far away asks for many at once)."""
        return {s for s in dict.fromkeys(shas) if self.has(s)}

    def uploaded_of(self, shas: Iterable[str], user_id: str) -> set[str]:
        """Which of these blobs `user_id` uploaded (a store far away asks for many at once)."""
        return {s for s in dict.fromkeys(shas) if self.uploaded_by(s, user_id)}

    def verify(self) -> Iterator[tuple[str, str]]:
        """(sha, problem) for every blob whose content no longer matches its name."""
        for sha in self.shas():
            digest = hashlib.sha256()
            try:
                with contextlib.closing(self.open_blob(sha)) as blob:
                    while chunk := blob.read(CHUNK):
                        digest.update(chunk)
            except FileNotFoundError:  # gone since it was listed
                continue
            if digest.hexdigest() != sha:
                yield sha, f"content hashes to {digest.hexdigest()}"

    def add_verified(self, source: Path, sha: str) -> bool:
        """Store a copy of the file `source` as blob `sha` after hashing it (ValueError when its
        content differs from its name: nothing kept). Never replaces a stored blob: False when
        one was there already, True when this call placed it."""
        check = hashlib.sha256()
        _hash_file(Path(source), check)
        if check.hexdigest() != sha:
            raise ValueError(f"{source}: content hashes to {check.hexdigest()}, not {sha}")
        make_dir(self.staging_dir)
        temp = self.staging_dir / f"{sha}.{secrets.token_hex(8)}{_PART}"
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        try:
            digest = hashlib.sha256()
            with Path(source).open("rb") as f:
                while chunk := f.read(CHUNK):
                    _write_all(fd, digest, chunk)
        finally:
            os.close(fd)
        if digest.hexdigest() != sha:  # changed while copied
            temp.unlink(missing_ok=True)
            raise ValueError(f"{source}: changed while copied")
        return self._place(temp, sha)

    def add_uploaded(self, source: Path, sha: str, user_id: str) -> bool:
        """An original that arrived by other means than a PUT (a USB-stick bundle,
        server/bundle_import.py), taken over: moved into the staging folder (copied by
        `add_verified` from another filesystem), hashed, placed as an upload is (ValueError when
        its content differs from its name: nothing kept), and recorded as `user_id`'s upload, as
        a PUT of its bytes would be. True when this call placed it."""
        make_dir(self.staging_dir)
        temp = self.staging_dir / f"{sha}.{secrets.token_hex(8)}{_PART}"
        try:
            os.replace(source, temp)
        except OSError:  # another filesystem
            placed = self.add_verified(source, sha)
        else:
            check = hashlib.sha256()
            _hash_file(temp, check)
            if check.hexdigest() != sha:
                temp.unlink(missing_ok=True)
                raise ValueError(f"{source.name}: content hashes to {check.hexdigest()}, not {sha}")
            placed = self._place(temp, sha)
        self._record_owner(sha, user_id)
        return placed

    # -- partial uploads ---------------------------------------------------------------------
    def _user_dir(self, user_id: str) -> Path:
        return self.partial_dir / user_key(user_id)

    def offset(self, sha: str, user_id: str) -> int:
        """How many bytes of `sha` this user's resumable partial holds (0: none)."""
        try:
            return (self._user_dir(user_id) / sha).stat().st_size
        except (FileNotFoundError, NotADirectoryError):
            return 0

    def _usage(self, user_dir: Path, but: Path) -> tuple[int, int]:
        """(files, bytes) of partials this user holds, besides `but`; expired ones are purged."""
        cutoff = time.time() - self.limits.partial_ttl
        files = size = 0
        with contextlib.suppress(FileNotFoundError), os.scandir(user_dir) as entries:
            for entry in entries:
                if entry.path == str(but) or not entry.is_file():
                    continue
                try:
                    st = entry.stat()
                except FileNotFoundError:
                    continue
                if st.st_mtime < cutoff:
                    with contextlib.suppress(FileNotFoundError):
                        os.unlink(entry.path)
                    continue
                files += 1
                size += st.st_size
        return files, size

    def purge_partials(self) -> int:
        """Remove partial uploads untouched for longer than the time to live, and files of the
        layout before partials had owners (blobs/partial/<sha>: nobody may resume them)."""
        cutoff = time.time() - self.limits.partial_ttl
        removed = 0
        self._last_purge = time.monotonic()
        if not self.partial_dir.is_dir():
            return 0
        for entry in self.partial_dir.iterdir():
            if entry.is_dir() and not entry.is_symlink():
                for part in entry.iterdir():
                    try:
                        if part.is_file() and part.stat().st_mtime < cutoff:
                            part.unlink()
                            removed += 1
                    except FileNotFoundError:
                        continue
            elif entry.is_file():
                entry.unlink(missing_ok=True)
                removed += 1
        return removed

    async def purge_if_due(self) -> None:
        if time.monotonic() - self._last_purge >= self.limits.purge_every:
            self._last_purge = time.monotonic()
            await run_in_threadpool(self.purge_partials)

    def partials(self) -> tuple[int, int, int]:
        """(users, files, bytes) of partial uploads held, for `verify`."""
        users: set[str] = set()
        files = size = 0
        for part in self.partial_dir.glob("*/*"):
            if part.is_file():
                users.add(part.parent.name)
                files += 1
                size += part.stat().st_size
        return len(users), files, size

    # -- uploading ---------------------------------------------------------------------------
    def _begin(self, sha: str, user_id: str, start: int) -> tuple[Path, int]:
        """This upload's own temporary file, with the `start` bytes it continues from (taken
        over from the user's resumable partial), and how many more bytes the user may hold."""
        user_dir = self._user_dir(user_id)
        make_dir(user_dir)
        temp = user_dir / f"{sha}.{secrets.token_hex(8)}{_PART}"
        resumable = user_dir / sha
        if start:
            held = self.offset(sha, user_id)
            if held != start:
                raise _offset_mismatch(held)
            try:
                os.rename(resumable, temp)  # one resume takes it; a second finds none
            except FileNotFoundError:
                raise _offset_mismatch(0) from None
            if temp.stat().st_size != start:  # replaced in between by another cut upload
                self._keep(temp, resumable)
                raise _offset_mismatch(self.offset(sha, user_id))
            os.utime(temp)
        else:
            os.close(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
        files, held_bytes = self._usage(user_dir, temp)
        room = self.limits.max_partial_bytes - held_bytes
        if files >= self.limits.max_partials or room < start:
            if start:
                self._keep(temp, resumable)
            else:
                temp.unlink(missing_ok=True)
            raise _too_many_partials(self.limits)
        return temp, room

    @staticmethod
    def _keep(temp: Path, resumable: Path) -> None:
        """An upload that ended short: its bytes become the user's resumable partial (the
        newest cut upload wins; a blob is only ever made from a file whose hash was checked)."""
        fd = os.open(temp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, resumable)

    async def put(
        self,
        sha: str,
        user: User,
        stream: AsyncIterator[bytes],
        content_range: str | None,
        limit: int,
        *,
        may_read: bool,
    ) -> tuple[int, int]:
        """Write (part of) an upload. Returns (status, bytes held): 201 stored, 200 already
        present, 202 partial held. 409 when the range does not start where this user's partial
        ends, 416 for a malformed range, 422 (nothing kept) when the hash differs, 413 too large
        or too many partials. A held blob answers 200 at once only to a user who `may_read` it;
        anyone else must send its bytes first (else they would learn that it exists)."""
        check_sha(sha)
        if may_read and await run_in_threadpool(self.has, sha):
            return 200, await run_in_threadpool(self.size, sha)
        start, total = 0, None
        if content_range:
            match = _RANGE.fullmatch(content_range.strip())
            if not match:
                raise ApiError(416, "bad_range", "Content-Range must be 'bytes N-M/TOTAL'")
            start, end, total = (int(g) for g in match.groups())
            if end < start or end >= total:
                raise ApiError(416, "bad_range", "Content-Range is not within the total")
        if total is not None and total > limit:
            raise ApiError(413, "too_large", f"a blob may not exceed {limit} bytes")
        await self.purge_if_due()
        temp, room = await run_in_threadpool(self._begin, sha, user.id, start)
        resumable = temp.parent / sha
        digest = hashlib.sha256()
        fd = -1
        size = start
        buffer = bytearray()
        try:
            if start:
                await run_in_threadpool(_hash_file, temp, digest)
            fd = os.open(temp, os.O_WRONLY | os.O_APPEND)
            async for chunk in stream:
                size += len(chunk)
                if size > limit or (total is not None and size > total):
                    raise ApiError(413, "too_large", "the upload is larger than announced", CLOSE)
                if size > room:
                    raise _too_many_partials(self.limits, CLOSE)
                buffer += chunk
                if len(buffer) >= CHUNK:
                    data = bytes(buffer)
                    buffer.clear()
                    await run_in_threadpool(_write_all, fd, digest, data)
            if buffer:
                await run_in_threadpool(_write_all, fd, digest, bytes(buffer))
                buffer.clear()
            os.close(fd)
            fd = -1
        except ApiError as error:
            if fd >= 0:
                os.close(fd)
            if error.status == 413:  # too large: nothing is kept
                temp.unlink(missing_ok=True)
            else:  # cut by a timeout: what arrived may be resumed
                await self._settle(temp, resumable, buffer)
            raise
        except BaseException:  # the client went away: what arrived may be resumed
            if fd >= 0:
                os.close(fd)
            await self._settle(temp, resumable, buffer)
            raise
        if total is not None and size < total:
            await run_in_threadpool(self._keep, temp, resumable)
            return 202, size
        if digest.hexdigest() != sha:
            temp.unlink(missing_ok=True)
            raise ApiError(422, "hash_mismatch", "the content's SHA-256 differs from its name")
        placed = await run_in_threadpool(self._place, temp, sha)
        await run_in_threadpool(self._record_owner, sha, user.id)
        return (201 if placed else 200), size

    async def _settle(self, temp: Path, resumable: Path, buffer: bytearray) -> None:
        """Keep what an interrupted upload received as its uploader's resumable partial."""

        def settle() -> None:
            if buffer:
                with temp.open("ab") as out:
                    out.write(buffer)
            if temp.exists() and temp.stat().st_size:
                self._keep(temp, resumable)
            else:
                temp.unlink(missing_ok=True)

        try:
            await run_in_threadpool(settle)
        except BaseException:  # cancelled meanwhile: finish it here, it is small
            settle()
            raise

    def missing_offsets(self, shas: list[str], readable: set[str], user_id: str) -> dict[str, int]:
        """For each blob this user may not read whole (not held, or not theirs to see): how many
        bytes of their own partial upload are held (0 when none), in the order asked."""
        held = self.held(s for s in shas if s in readable)
        return {s: self.offset(s, user_id) for s in dict.fromkeys(shas) if s not in held}


class BlobStore(BlobStorage):
    """The local disk: data_dir/blobs/ab/cd/<sha256> (the default store)."""

    kind = "disk"

    def probe(self) -> None:
        """Raise unless the store can take and give back bytes now: a small file written to
        its staging folder, read back and removed (GET /health; bounded by the caller)."""
        if not self.root.is_dir():
            raise FileNotFoundError("the blob folder is missing")
        staging = self.root / "staging"
        make_dir(staging)
        temp = staging / f"probe.{secrets.token_hex(8)}{_PART}"
        data = secrets.token_bytes(16)
        try:
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
            try:
                _write_all(fd, hashlib.sha256(), data)
            finally:
                os.close(fd)
            if temp.read_bytes() != data:
                raise OSError("the blob folder gave back other bytes")
        finally:
            temp.unlink(missing_ok=True)

    def __init__(self, root: Path, limits: Limits | None = None) -> None:
        super().__init__(root, limits)
        self.owners_dir = self.root / "owners"

    def prepare(self) -> int:
        make_dir(self.owners_dir)
        return super().prepare()

    def path(self, sha: str) -> Path:
        if not is_sha(sha):
            raise ValueError(f"not a SHA-256 in lowercase hex: {sha!r}")
        return self.root / sha[:2] / sha[2:4] / sha

    def local_path(self, sha: str) -> Path | None:
        return self.path(sha)

    def has(self, sha: object) -> bool:
        return is_sha(sha) and self.path(str(sha)).is_file()

    def size(self, sha: str) -> int:
        return self.path(sha).stat().st_size

    def all(self) -> Iterator[tuple[str, Path]]:
        for path in self.root.glob("??/??/*"):
            if path.is_file() and is_sha(path.name):
                yield path.name, path

    def shas(self) -> Iterator[str]:
        for sha, _ in self.all():
            yield sha

    def open_blob(self, sha: str) -> BinaryIO:
        return self.path(sha).open("rb")

    # -- who uploaded what -------------------------------------------------------------------
    def _owner_marker(self, sha: str, user_id: str) -> Path:
        return self.owners_dir / sha[:2] / f"{sha}@{user_key(user_id)}"

    def uploaded_by(self, sha: str, user_id: str) -> bool:
        return is_sha(sha) and self._owner_marker(sha, user_id).exists()

    def _record_owner(self, sha: str, user_id: str) -> None:
        marker = self._owner_marker(sha, user_id)
        make_dir(marker.parent)
        with contextlib.suppress(FileExistsError):
            os.close(os.open(marker, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))

    def _place(self, temp: Path, sha: str) -> bool:
        """Link a checked upload into place (os.link never replaces a file)."""
        try:
            fd = os.open(temp, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
            target = self.path(sha)
            make_dir(target.parent)
            try:
                os.link(temp, target)  # never replaces: a stored blob never changes
            except FileExistsError:
                return False
            _fsync_dir(target.parent)
            return True
        finally:
            temp.unlink(missing_ok=True)


def _offset_mismatch(held: int) -> ApiError:
    return ApiError(
        409,
        "offset_mismatch",
        f"the server holds {held} bytes of this upload; resume from there",
        {"Upload-Offset": str(held)},
    )


def _too_many_partials(limits: Limits, headers: dict[str, str] | None = None) -> ApiError:
    return ApiError(
        413,
        "too_many_partials",
        f"unfinished uploads may hold at most {limits.max_partials} files and "
        f"{limits.max_partial_bytes} bytes per user: finish or wait for them to expire",
        headers,
    )


def readable(conn: sa.Connection, blobs: BlobStorage, user: User, shas: Iterable[str]) -> set[str]:
    """Which of these blobs (held or not) `user` may read: all for admins and users of every
    unit; else those named by a photo row of a unit they see, and those they uploaded (sending
    a blob's bytes proves holding them). Everyone else is told a blob does not exist (404)."""
    asked = [s for s in dict.fromkeys(shas) if is_sha(s)]
    if user.role == "admin" or user.all_units:
        return set(asked)
    allowed = blobs.uploaded_of(asked, user.id)
    rest = [s for s in asked if s not in allowed]
    photo = ENTITY_TABLES["photo"]
    for i in range(0, len(rest), 500):
        query = sa.select(photo.c.sha256, photo.c.scope_unit).where(
            photo.c.sha256.in_(rest[i : i + 500])
        )
        allowed |= {sha for sha, scope in conn.execute(query) if user.sees(scope)}
    return allowed


class StoreUnavailable(Exception):
    """The configured blob store cannot be used (named, reached, or its bucket found): the
    message says which and why, never with a credential."""


def open_store(
    data_dir: Path, spec: str | None = None, limits: Limits | None = None
) -> BlobStorage:
    """The blob store the configuration names: empty or "disk", the local disk under
    data_dir/blobs (the default); "s3://BUCKET?endpoint=URL…", an S3-compatible object store
    (server/blobs_s3.py; partial uploads and staging stay under data_dir/blobs)."""
    spec = (spec or "").strip()
    root = Path(data_dir) / "blobs"
    if spec in ("", "disk"):
        return BlobStore(root, limits)
    if spec.startswith("s3://"):
        from server.blobs_s3 import S3BlobStore

        return S3BlobStore.from_url(spec, root, limits)
    raise StoreUnavailable(
        f"unknown blob store {spec.split('?')[0]!r}: 'disk' or s3://BUCKET?endpoint=URL"
    )
