"""Blobs in an S3-compatible object store: `--blob-store s3://BUCKET?endpoint=URL` (or the
environment variable DUCHA_BLOB_STORE). Tested against moto's S3 server, an emulator of the S3
API; the README says which real stores were not tried and how to configure one.

- Keys are content-addressed: [PREFIX]blobs/ab/cd/<sha256>, like the folders of the disk store.
- An upload is staged on LOCAL disk exactly as for the disk store (per-user partial files under
  data_dir/blobs/partial, so cut uploads resume unchanged) and hashed; only a complete file whose
  SHA-256 is its name is sent to the bucket, and only as a new object: a conditional write
  (`If-None-Match: *` on PutObject, or on CompleteMultipartUpload for a large file) never
  replaces a stored object. The store answers 412 (or 409 when two writes race) when the key
  exists: "already had it". A HEAD first spares sending the bytes of a blob held already.
  For a store without conditional writes, `conditional=0` in the URL: HEAD, then put. Its race:
  two uploads of the same blob that both HEAD before either puts both write it; since both
  wrote bytes hashed to that very name, the object's content is the same either way (one of the
  two hears 201 where 200 was due). Only a store that replaced an object with OTHER bytes could
  change evidence, and no upload reaches the bucket unchecked.
- Large files go up in parts (multipart above `multipart_threshold`), written here rather than
  by boto3's upload_file: s3transfer does not pass If-None-Match to CompleteMultipartUpload.
- Who uploaded what: empty objects [PREFIX]owners/ab/<sha>@<user>. In the bucket rather than the
  database: they follow the blobs wherever the bucket is shared (several servers, a backup of
  the bucket), and need no schema change. A marker is only ever added.
- Held blobs and markers are remembered in memory once seen (they are never deleted), so a
  blob's question costs one HEAD at most per process; the lists of /blobs/missing are asked in
  parallel.
- A store that fails to answer (down, refusing, timing out, after boto3's retries) answers the
  client 503 store_unavailable with Retry-After: laptops retry later; nothing half-written is
  ever visible (a multipart upload is aborted), and the staged upload is sent again in full.
- Thumbnails stay on local disk (server/thumbs.py), made from a local copy of the original
  fetched on first ask; GET of an original streams from the bucket.

Credentials come from the standard AWS environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
AWS_DEFAULT_REGION) or boto3's other usual places; a URL with a user or password is refused, and
neither is ever logged.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, BinaryIO, cast
from urllib.parse import parse_qs, urlsplit

from server.blobs import BlobStorage, StoreUnavailable, is_sha, user_key
from server.errors import ApiError
from server.limits import Limits

log = logging.getLogger("ducha.server")

MB = 1 << 20
PART_SIZE = 16 * MB  # S3 parts are 5 MB to 5 GB, at most 10,000: up to 160 GB a blob here
MIN_PART = 5 * MB
ADDRESSING = ("auto", "path", "virtual")
OPTIONS = ("endpoint", "region", "addressing", "prefix", "conditional", "multipart_mb")
_REMEMBERED = 200_000  # shas known held (never deleted), about 30 MB


class _Remembered:
    """A bounded set of keys known to exist (thread-safe; the oldest are forgotten first)."""

    def __init__(self, most: int = _REMEMBERED) -> None:
        self._keys: OrderedDict[str, int] = OrderedDict()
        self._lock = threading.Lock()
        self._most = most

    def get(self, key: str) -> int | None:
        with self._lock:
            return self._keys.get(key)

    def add(self, key: str, value: int = 0) -> None:
        with self._lock:
            self._keys[key] = value
            while len(self._keys) > self._most:
                self._keys.popitem(last=False)

    def discard(self, key: str) -> None:
        with self._lock:
            self._keys.pop(key, None)


def _code(error: Exception) -> str:
    response = getattr(error, "response", None) or {}
    return str(response.get("Error", {}).get("Code", ""))


def _status(error: Exception) -> int:
    response = getattr(error, "response", None) or {}
    return int(response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0) or 0)


def _absent(error: Exception) -> bool:
    return _status(error) == 404 or _code(error) in ("404", "NoSuchKey", "NotFound")


def _exists_already(error: Exception) -> bool:
    """A conditional write refused because the key exists (412), or lost a race with another
    write of the same key (409 ConditionalRequestConflict)."""
    return _status(error) in (409, 412) or _code(error) in (
        "PreconditionFailed",
        "ConditionalRequestConflict",
    )


class S3BlobStore(BlobStorage):
    kind = "s3"

    def __init__(
        self,
        root: Path,
        bucket: str,
        *,
        endpoint: str | None = None,
        region: str | None = None,
        addressing: str = "auto",
        prefix: str = "",
        conditional: bool = True,
        multipart_threshold: int = 64 * MB,
        limits: Limits | None = None,
    ) -> None:
        import boto3
        from botocore.config import Config

        super().__init__(root, limits)
        self.bucket = bucket
        self.endpoint = endpoint
        self.prefix = prefix
        self.conditional = conditional
        self.multipart_threshold = max(MIN_PART, multipart_threshold)
        self.part_size = min(PART_SIZE, self.multipart_threshold)
        config = Config(
            s3={"addressing_style": addressing},
            retries={"max_attempts": 5, "mode": "standard"},
            max_pool_connections=32,
            connect_timeout=10,
            read_timeout=60,
            # checksums only where the API requires them: several S3-compatible stores refuse
            # the CRC32 trailers boto3 sends by default since 1.36
            request_checksum_calculation="when_required",
            response_checksum_validation="when_required",
        )
        self.client: Any = boto3.session.Session().client(
            "s3", endpoint_url=endpoint, region_name=region, config=config
        )
        self._held = _Remembered()
        self._owners = _Remembered()

    @classmethod
    def from_url(cls, url: str, root: Path, limits: Limits | None = None) -> S3BlobStore:
        """s3://BUCKET?endpoint=URL[&region=R][&addressing=path|virtual][&prefix=P]
        [&conditional=0][&multipart_mb=N]; credentials never in it."""
        parts = urlsplit(url)
        if parts.username or parts.password or "@" in parts.netloc:
            raise StoreUnavailable(
                "the blob store URL may not hold credentials: set AWS_ACCESS_KEY_ID and "
                "AWS_SECRET_ACCESS_KEY in the environment"
            )
        bucket = parts.hostname or ""
        if not bucket or parts.path not in ("", "/"):
            raise StoreUnavailable("the blob store is named s3://BUCKET?endpoint=URL")
        query = parse_qs(parts.query, keep_blank_values=True)
        unknown = sorted(set(query) - set(OPTIONS))
        if unknown:
            raise StoreUnavailable(
                f"unknown blob store option(s) {', '.join(unknown)}; known: {', '.join(OPTIONS)}"
            )
        one = {k: v[-1] for k, v in query.items()}
        endpoint = one.get("endpoint") or None
        if endpoint:
            ep = urlsplit(endpoint)
            if ep.scheme not in ("http", "https") or not ep.hostname:
                raise StoreUnavailable(f"endpoint must be http(s)://HOST[:PORT], not {endpoint!r}")
            if ep.username or ep.password:
                raise StoreUnavailable("the endpoint may not hold credentials")
        addressing = one.get("addressing", "auto")
        if addressing not in ADDRESSING:
            raise StoreUnavailable(f"addressing is one of {', '.join(ADDRESSING)}")
        prefix = one.get("prefix", "").strip("/")
        try:
            multipart = int(one.get("multipart_mb", "64")) * MB
        except ValueError:
            raise StoreUnavailable("multipart_mb is a whole number of megabytes") from None
        return cls(
            root,
            bucket,
            endpoint=endpoint,
            region=one.get("region") or None,
            addressing=addressing,
            prefix=f"{prefix}/" if prefix else "",
            conditional=one.get("conditional", "1") not in ("0", "false", "no", "off"),
            multipart_threshold=multipart,
            limits=limits,
        )

    def describe(self) -> str:
        where = f" at {self.endpoint}" if self.endpoint else ""
        return f"s3://{self.bucket}/{self.prefix}{where}"

    @contextlib.contextmanager
    def _answering(self, what: str) -> Iterator[None]:
        """The store failing (not "no such key", not "exists already"): 503, logged by name."""
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            yield
        except ClientError as error:
            if _absent(error) or _exists_already(error):
                raise
            self._unavailable(what, _code(error) or str(_status(error)))
        except BotoCoreError as error:
            self._unavailable(what, type(error).__name__)

    def _unavailable(self, what: str, why: str) -> None:
        log.warning("blob store %s: %s failed (%s)", self.describe(), what, why)
        raise ApiError(
            503,
            "store_unavailable",
            "the blob store did not answer; try again later",
            {"Retry-After": "30"},
        ) from None

    def check(self) -> None:
        """The bucket reachable with these credentials, else StoreUnavailable naming the bucket
        and the store's answer."""
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            self.client.head_bucket(Bucket=self.bucket)
        except ClientError as error:
            status = _status(error)
            why = {404: "no such bucket", 403: "access denied (check the credentials)"}.get(
                status, f"{_code(error) or status}"
            )
            raise StoreUnavailable(f"blob store {self.describe()}: {why}") from None
        except BotoCoreError as error:  # unreachable, no credentials, a bad endpoint
            raise StoreUnavailable(f"blob store {self.describe()}: {error}") from None

    # -- keys ----------------------------------------------------------------------------------
    def key(self, sha: str) -> str:
        if not is_sha(sha):
            raise ValueError(f"not a SHA-256 in lowercase hex: {sha!r}")
        return f"{self.prefix}blobs/{sha[:2]}/{sha[2:4]}/{sha}"

    def _owner_key(self, sha: str, user_id: str) -> str:
        return f"{self.prefix}owners/{sha[:2]}/{sha}@{user_key(user_id)}"

    def _head(self, key: str) -> int | None:
        """The object's size, None when there is none."""
        from botocore.exceptions import ClientError

        try:
            with self._answering("HEAD"):
                answer = self.client.head_object(Bucket=self.bucket, Key=key)
            return int(answer["ContentLength"])
        except ClientError as error:
            if _absent(error):
                return None
            raise

    # -- blobs ---------------------------------------------------------------------------------
    def has(self, sha: object) -> bool:
        if not is_sha(sha):
            return False
        return self._size(str(sha)) is not None

    def _size(self, sha: str) -> int | None:
        known = self._held.get(sha)
        if known is not None:
            return known
        size = self._head(self.key(sha))
        if size is not None:
            self._held.add(sha, size)
        return size

    def size(self, sha: str) -> int:
        size = self._size(sha)
        if size is None:
            raise FileNotFoundError(self.key(sha))
        return size

    def held(self, shas: Iterable[str]) -> set[str]:
        asked = [s for s in dict.fromkeys(shas) if is_sha(s)]
        if len(asked) <= 1:
            return {s for s in asked if self.has(s)}
        with ThreadPoolExecutor(16) as pool:
            found = pool.map(self.has, asked)
            return {s for s, yes in zip(asked, found, strict=True) if yes}

    def shas(self) -> Iterator[str]:
        pages = self.client.get_paginator("list_objects_v2").paginate(
            Bucket=self.bucket, Prefix=f"{self.prefix}blobs/"
        )
        with self._answering("LIST"):
            for page in pages:
                for item in page.get("Contents", []):
                    name = item["Key"].rsplit("/", 1)[-1]
                    if is_sha(name) and item["Key"] == self.key(name):
                        yield name

    def open_blob(self, sha: str) -> BinaryIO:
        from botocore.exceptions import ClientError

        try:
            with self._answering("GET"):
                answer = self.client.get_object(Bucket=self.bucket, Key=self.key(sha))
        except ClientError as error:
            if _absent(error):
                self._held.discard(sha)
                raise FileNotFoundError(self.key(sha)) from None
            raise
        self._held.add(sha, int(answer["ContentLength"]))  # size() now tells this very object's
        return cast(BinaryIO, answer["Body"])

    def read_start(self, sha: str, count: int) -> bytes:
        from botocore.exceptions import ClientError

        try:
            with self._answering("GET"):
                answer = self.client.get_object(
                    Bucket=self.bucket, Key=self.key(sha), Range=f"bytes=0-{max(0, count - 1)}"
                )
        except ClientError as error:
            if _absent(error):
                raise FileNotFoundError(self.key(sha)) from None
            raise
        with contextlib.closing(answer["Body"]) as body:
            return bytes(body.read(count))

    def _place(self, temp: Path, sha: str) -> bool:
        try:
            if self.has(sha):  # held already: spare sending its bytes
                return False
            size = temp.stat().st_size
            with self._answering("PUT"):
                if size >= self.multipart_threshold:
                    placed = self._put_multipart(temp, sha)
                else:
                    placed = self._put_whole(temp, sha)
            self._held.add(sha, size)
            return placed
        finally:
            temp.unlink(missing_ok=True)

    def _condition(self) -> dict[str, str]:
        return {"IfNoneMatch": "*"} if self.conditional else {}

    def _put_whole(self, temp: Path, sha: str) -> bool:
        from botocore.exceptions import ClientError

        with temp.open("rb") as body:
            try:
                self.client.put_object(
                    Bucket=self.bucket,
                    Key=self.key(sha),
                    Body=body,
                    ContentType="application/octet-stream",
                    **self._condition(),
                )
            except ClientError as error:
                if _exists_already(error):
                    return False
                raise
        return True

    def _put_multipart(self, temp: Path, sha: str) -> bool:
        from botocore.exceptions import ClientError

        key = self.key(sha)
        upload = self.client.create_multipart_upload(
            Bucket=self.bucket, Key=key, ContentType="application/octet-stream"
        )["UploadId"]
        parts = []
        try:
            with temp.open("rb") as f:
                number = 1
                while data := f.read(self.part_size):
                    answer = self.client.upload_part(
                        Bucket=self.bucket, Key=key, UploadId=upload, PartNumber=number, Body=data
                    )
                    parts.append({"ETag": answer["ETag"], "PartNumber": number})
                    number += 1
            try:
                self.client.complete_multipart_upload(
                    Bucket=self.bucket,
                    Key=key,
                    UploadId=upload,
                    MultipartUpload={"Parts": parts},
                    **self._condition(),
                )
            except ClientError as error:
                if _exists_already(error):
                    self._abort(key, upload)
                    return False
                raise
        except BaseException:
            self._abort(key, upload)
            raise
        return True

    def _abort(self, key: str, upload: str) -> None:
        with contextlib.suppress(Exception):
            self.client.abort_multipart_upload(Bucket=self.bucket, Key=key, UploadId=upload)

    # -- who uploaded what ---------------------------------------------------------------------
    def uploaded_by(self, sha: str, user_id: str) -> bool:
        if not is_sha(sha):
            return False
        key = self._owner_key(sha, user_id)
        if self._owners.get(key) is not None:
            return True
        if self._head(key) is None:
            return False
        self._owners.add(key)
        return True

    def uploaded_of(self, shas: Iterable[str], user_id: str) -> set[str]:
        asked = [s for s in dict.fromkeys(shas) if is_sha(s)]
        if len(asked) <= 1:
            return {s for s in asked if self.uploaded_by(s, user_id)}
        with ThreadPoolExecutor(16) as pool:
            found = pool.map(lambda s: self.uploaded_by(s, user_id), asked)
            return {s for s, yes in zip(asked, found, strict=True) if yes}

    def _record_owner(self, sha: str, user_id: str) -> None:
        key = self._owner_key(sha, user_id)
        if self._owners.get(key) is not None:
            return
        with self._answering("PUT"):
            self.client.put_object(Bucket=self.bucket, Key=key, Body=b"")
        self._owners.add(key)
