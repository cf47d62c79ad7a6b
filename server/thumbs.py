"""Thumbnails of stored originals for reviewers on a slow line: GET /blobs/{sha256}?size=N.

A thumbnail is derived and regenerable: a JPEG no larger than N px on its long side, turned
upright as the EXIF orientation says, cached on LOCAL disk under
data_dir/thumbs/ab/<sha256>-<N>.jpg (content-addressed by the original and the size; 0600),
whatever the blob store: from an object store, the original is copied to local disk for the
render on first ask (BlobStorage.local_copy), then only the cache answers. The original is never
touched. A cached file appears whole or not at all (temp file + rename).

Bounded: an image of more than `Limits.max_image_pixels` is refused from its header, before
anything is decoded (422 too_many_pixels: a decompression bomb, not a photo); JPEGs are decoded
scaled down (draft), and every image is shrunk before it is turned and converted, so a render
holds about one decoded image (≤ 4 bytes a pixel) at a time. At most `thumbnail_workers` renders
run at once, in worker threads, never on the event loop; beyond `thumbnail_queue` waiting, 503.
"""

from __future__ import annotations

import asyncio
import io
import os
import secrets
from pathlib import Path

import pillow_heif
from PIL import Image, ImageOps
from starlette.concurrency import run_in_threadpool

from server.blobs import BlobStorage, make_dir
from server.errors import ApiError
from server.limits import Limits

pillow_heif.register_heif_opener()

MIN_SIZE = 64
MAX_SIZE = 2048
# From an object store, the start of an original is read first: what is no image, or too many
# pixels, is refused without copying it whole (a 2 GB video asked for a thumbnail). A start that
# tells nothing (an image whose header lies further in) is copied whole up to PEEK_WHOLE bytes.
PEEK_BYTES = 1 << 20
PEEK_WHOLE = 64 << 20
QUALITY = 85
# Pillow's own refusal (DecompressionBombError above twice this) stays as a second line.
Image.MAX_IMAGE_PIXELS = 250_000_000


def check_size(size: int) -> int:
    if not MIN_SIZE <= size <= MAX_SIZE:
        raise ApiError(422, "invalid", f"size is the long side in pixels, {MIN_SIZE} to {MAX_SIZE}")
    return size


class Thumbnails:
    def __init__(self, root: Path, limits: Limits | None = None) -> None:
        self.root = Path(root)
        self.limits = limits or Limits()
        self._slots: asyncio.Semaphore | None = None
        self._waiting = 0

    def path(self, sha: str, size: int) -> Path:
        return self.root / sha[:2] / f"{sha}-{size}.jpg"

    async def get(self, blobs: BlobStorage, sha: str, size: int) -> Path:
        """The cached thumbnail, made first when missing (at most `thumbnail_workers` at once).
        Raises ApiError 422 when the original is not an image this server makes one of."""
        target = self.path(sha, check_size(size))
        if await run_in_threadpool(target.is_file):
            return target
        if self._slots is None:
            self._slots = asyncio.Semaphore(max(1, self.limits.thumbnail_workers))
        if self._waiting >= self.limits.thumbnail_queue:
            raise ApiError(503, "busy", "too many thumbnails are being made", {"Retry-After": "5"})
        self._waiting += 1
        try:
            async with self._slots:
                return await run_in_threadpool(self.make, blobs, sha, size)
        finally:
            self._waiting -= 1

    def make(self, blobs: BlobStorage, sha: str, size: int) -> Path:
        target = self.path(sha, check_size(size))
        if target.is_file():  # made meanwhile by another request
            return target
        try:
            if blobs.local_path(sha) is None:
                self._peek(blobs, sha)
            with blobs.local_copy(sha) as original:
                image = _render(original, size, self.limits.max_image_pixels)
        except FileNotFoundError:
            raise ApiError(404, "not_found", "no such blob") from None
        make_dir(target.parent)
        temp = target.with_name(f".{target.name}.{secrets.token_hex(8)}.tmp")
        try:
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as out:
                image.save(out, "JPEG", quality=QUALITY)
            os.replace(temp, target)  # two requests at once: either whole file wins
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
        return target

    def _peek(self, blobs: BlobStorage, sha: str) -> None:
        """Refuse from the start of a remote original what _render would refuse after copying
        it whole: no image (when too large to copy just to find out), too many pixels."""
        start = blobs.read_start(sha, PEEK_BYTES)
        try:
            with Image.open(io.BytesIO(start)) as image:
                width, height = image.size
        except Exception as error:  # no decoder knows this start: not an image, or it lies further
            if len(start) < PEEK_BYTES or blobs.size(sha) <= PEEK_WHOLE:
                return  # the whole (small) file tells: _render decides
            raise ApiError(
                422, "not_image", f"the blob is not an image a thumbnail can be made of ({error})"
            ) from None
        if width * height > self.limits.max_image_pixels:
            raise _too_many_pixels(width, height, self.limits.max_image_pixels)


def _render(original: Path, size: int, max_pixels: int) -> Image.Image:
    try:
        with Image.open(original) as image:
            width, height = image.size
            if width * height > max_pixels:
                raise _too_many_pixels(width, height, max_pixels)
            scale = min(1.0, size / max(width, height))
            # JPEG draft: decode at 1/2…1/8 directly; ask for the aspect-correct box
            image.draft("RGB", (max(1, round(width * scale)), max(1, round(height * scale))))
            image.load()
            small: Image.Image = image
            if small.mode not in ("L", "LA", "RGB", "RGBA"):  # palette, 1-bit, 16-bit, CMYK…
                alpha = small.mode in ("P", "PA") or "A" in small.mode
                small = small.convert("RGBA" if alpha else "RGB")
            small.thumbnail((size, size), Image.Resampling.LANCZOS)  # reduce, then resample
            try:
                upright = ImageOps.exif_transpose(small)
            except Exception:  # a broken EXIF block: the pixels as stored
                upright = small
            return upright.convert("RGB") if upright.mode != "RGB" else upright.copy()
    except ApiError:
        raise
    except Image.DecompressionBombError as error:
        raise ApiError(
            422, "too_many_pixels", f"the image is too large to decode ({error})"
        ) from None
    except MemoryError:
        raise ApiError(503, "busy", "not enough memory to make this thumbnail now") from None
    except Exception as error:  # any decoder's failure on a file that is not a good image
        raise ApiError(
            422, "not_image", f"the blob is not an image a thumbnail can be made of ({error})"
        ) from error


def _too_many_pixels(width: int, height: int, max_pixels: int) -> ApiError:
    return ApiError(
        422,
        "too_many_pixels",
        f"the image has {width}×{height} pixels, more than the {max_pixels} a thumbnail is "
        "made of (a decompression bomb, not a photo)",
    )
