"""Thumbnails of stored originals for reviewers on a slow line: GET /blobs/{sha256}?size=N.

A thumbnail is derived and regenerable: a JPEG no larger than N px on its long side, turned
upright as the EXIF orientation says, cached on disk beside the blobs under
data_dir/thumbs/ab/<sha256>-<N>.jpg (content-addressed by the original and the size). The
original is never touched. A cached file appears whole or not at all (temp file + rename).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import pillow_heif
from PIL import Image, ImageOps, UnidentifiedImageError

from server.errors import ApiError

pillow_heif.register_heif_opener()

MIN_SIZE = 64
MAX_SIZE = 2048
QUALITY = 85
# Same refusal as the client's importer: larger images are decompression bombs, not photos.
Image.MAX_IMAGE_PIXELS = 250_000_000


def check_size(size: int) -> int:
    if not MIN_SIZE <= size <= MAX_SIZE:
        raise ApiError(422, "invalid", f"size is the long side in pixels, {MIN_SIZE} to {MAX_SIZE}")
    return size


class Thumbnails:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def path(self, sha: str, size: int) -> Path:
        return self.root / sha[:2] / f"{sha}-{size}.jpg"

    def get(self, original: Path, sha: str, size: int) -> Path:
        """The cached thumbnail, made first when missing. Raises ApiError 422 when the original
        is not an image this server can decode."""
        target = self.path(sha, check_size(size))
        if target.is_file():
            return target
        image = _render(original, size)
        target.parent.mkdir(parents=True, exist_ok=True)
        temp = target.with_name(f".{target.name}.{secrets.token_hex(8)}.tmp")
        try:
            image.save(temp, "JPEG", quality=QUALITY)
            os.replace(temp, target)  # two requests at once: either whole file wins
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
        return target


def _render(original: Path, size: int) -> Image.Image:
    try:
        with Image.open(original) as image:
            width, height = image.size
            scale = min(1.0, size / max(width, height))
            # JPEG draft: decode at 1/2…1/8 directly; ask for the aspect-correct box
            image.draft("RGB", (max(1, round(width * scale)), max(1, round(height * scale))))
            image.load()
            try:
                upright = ImageOps.exif_transpose(image)
            except Exception:  # a broken EXIF block: the pixels as stored
                upright = image
            rgb = upright.convert("RGB") if upright.mode != "RGB" else upright
            rgb.thumbnail((size, size), Image.Resampling.LANCZOS)
            return rgb
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, ValueError) as error:
        raise ApiError(
            422, "not_image", f"the blob is not an image a thumbnail can be made of ({error})"
        ) from error
