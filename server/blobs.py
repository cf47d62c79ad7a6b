"""Content-addressed blob store: data_dir/blobs/ab/cd/<sha256>, uploads resumable.

An upload streams into blobs/partial/<sha> while hashing; only a complete file whose SHA-256
equals its name is moved into place. A mismatch deletes the partial (nothing is kept).
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import AsyncIterator
from pathlib import Path

from server.errors import ApiError

_SHA = re.compile(r"^[0-9a-f]{64}$")
_RANGE = re.compile(r"^bytes (\d+)-(\d+)/(\d+)$")
CHUNK = 1024 * 1024


def check_sha(sha: str) -> str:
    if not _SHA.match(sha):
        raise ApiError(400, "malformed", "a blob is named by a lowercase hex SHA-256")
    return sha


class BlobStore:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.partial_dir = self.root / "partial"
        self.partial_dir.mkdir(parents=True, exist_ok=True)

    def path(self, sha: str) -> Path:
        return self.root / sha[:2] / sha[2:4] / sha

    def has(self, sha: str) -> bool:
        return self.path(sha).is_file()

    def partial(self, sha: str) -> Path:
        return self.partial_dir / sha

    def offset(self, sha: str) -> int:
        try:
            return self.partial(sha).stat().st_size
        except FileNotFoundError:
            return 0

    def missing(self, shas: list[str]) -> list[str]:
        return [s for s in dict.fromkeys(shas) if not self.has(check_sha(s))]

    def missing_offsets(self, shas: list[str]) -> dict[str, int]:
        """For each blob not held whole: how many bytes of a partial upload are held (0 when
        none), in the order asked. The same figure HEAD answers in Upload-Offset."""
        return {s: self.offset(s) for s in self.missing(shas)}

    def all(self):
        for path in self.root.glob("??/??/*"):
            if path.is_file() and _SHA.match(path.name):
                yield path.name, path

    async def put(
        self, sha: str, stream: AsyncIterator[bytes], content_range: str | None, limit: int
    ) -> tuple[int, int]:
        """Write (part of) an upload. Returns (status, bytes held): 201 stored, 200 already
        present, 202 partial held. 409 when the range does not start where the partial ends,
        416 for a malformed range, 422 (nothing kept) when the hash differs, 413 too large."""
        check_sha(sha)
        if self.has(sha):
            return 200, self.path(sha).stat().st_size
        part = self.partial(sha)
        start, total = 0, None
        if content_range:
            match = _RANGE.match(content_range.strip())
            if not match:
                raise ApiError(416, "bad_range", "Content-Range must be 'bytes N-M/TOTAL'")
            start, end, total = (int(g) for g in match.groups())
            if end < start or end >= total:
                raise ApiError(416, "bad_range", "Content-Range is not within the total")
            held = self.offset(sha)
            if start != held:
                raise ApiError(
                    409,
                    "offset_mismatch",
                    f"the server holds {held} bytes of this upload; resume from there",
                    {"Upload-Offset": str(held)},
                )
        if total is not None and total > limit:
            raise ApiError(413, "too_large", f"a blob may not exceed {limit} bytes")
        digest = hashlib.sha256()
        if start:
            with part.open("rb") as existing:
                while chunk := existing.read(CHUNK):
                    digest.update(chunk)
        size = start
        with part.open("ab" if start else "wb") as out:
            async for chunk in stream:
                if not chunk:
                    continue
                size += len(chunk)
                if size > limit or (total is not None and size > total):
                    out.close()
                    part.unlink(missing_ok=True)
                    raise ApiError(413, "too_large", "the upload is larger than announced")
                digest.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        if total is not None and size < total:
            return 202, size
        if digest.hexdigest() != sha:
            part.unlink(missing_ok=True)
            raise ApiError(422, "hash_mismatch", "the content's SHA-256 differs from its name")
        target = self.path(sha)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(part, target)
        return 201, size

    def verify(self):
        """(sha, problem) for every blob whose content no longer matches its name."""
        for sha, path in self.all():
            digest = hashlib.sha256()
            with path.open("rb") as f:
                while chunk := f.read(CHUNK):
                    digest.update(chunk)
            if digest.hexdigest() != sha:
                yield sha, f"content hashes to {digest.hexdigest()}"
