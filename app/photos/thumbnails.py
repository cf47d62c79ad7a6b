"""Derived images: thumbnails (regenerable, kept under data_dir/thumbs) and upright copies for the
viewer and exports. The original is never touched.

Decoding is cheap only when asked right: JPEG draft mode scales by 1/2…1/8 while keeping both
sides at or above the size asked, so ask for the aspect-correct box. Rotation (EXIF orientation)
happens after downscaling.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from PIL import Image

from app.photos.media import inspect_media
from app.photos.metadata import PhotoRefused, decode, fit_box, open_image, orientation_of

THUMB_SIZE = 320
POSTER_SIDE = 1600  # a recording's poster when no size is asked
QUALITY = 85

# EXIF orientation → the transposition that shows the photo upright (as ImageOps.exif_transpose).
_UPRIGHT = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


def thumbnail_path(data_dir: Path, sha256: str) -> Path:
    return data_dir / "thumbs" / sha256[:2] / f"{sha256}.jpg"


def upright(image: Image.Image, orientation: int) -> Image.Image:
    """Turn decoded pixels as EXIF orientation says. Uses the orientation already read safely,
    like ImageOps.exif_transpose, which would re-parse (and can fail on) a broken EXIF block."""
    method = _UPRIGHT.get(orientation)
    return image.transpose(method) if method is not None else image


def to_rgb(image: Image.Image) -> Image.Image:
    """RGB for display and JPEG: transparency over white, 16-bit scaled, CMYK converted."""
    if image.mode == "RGB":
        return image
    if image.mode in ("I;16", "I;16B", "I;16L", "I;16N", "I"):
        image = image.convert("I").point(lambda v: v * (1 / 256)).convert("L")
    if image.mode == "P":
        image = image.convert("RGBA")
    if image.mode in ("RGBA", "LA", "RGBa", "La"):
        white = Image.new("RGB", image.size, (255, 255, 255))
        white.paste(image.convert("RGBA"), mask=image.convert("RGBA").getchannel("A"))
        return white
    return image.convert("RGB")


def render_thumbnail(decoded: Image.Image, orientation: int, size: int = THUMB_SIZE) -> Image.Image:
    """Downscale already decoded pixels to fit `size`, then turn them upright."""
    image = to_rgb(decoded)
    image.thumbnail((size, size))  # in place: the decoded image is ours alone
    return upright(image, orientation)


def save_jpeg(image: Image.Image, dest: Path, quality: int = QUALITY) -> None:
    """Write a JPEG atomically: a reader sees the whole file or none (temp + os.replace)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    temp = dest.with_name(f".{dest.name}.{secrets.token_hex(8)}.tmp")
    try:
        image.save(temp, "JPEG", quality=quality)
        os.replace(temp, dest)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def make_thumbnail(src: Path, dest: Path, size: int = THUMB_SIZE) -> None:
    """Make the thumbnail of an original (draft-mode decode; a recording's poster). Raises
    PhotoRefused."""
    try:
        with open_image(src) as image:
            orientation = orientation_of(image)
            decoded = decode(image, src, fit_box(image.width, image.height, size))
            save_jpeg(render_thumbnail(decoded, orientation, size), dest)
    except PhotoRefused as refused:
        if refused.kind != "not_image":
            raise
        try:
            _info, poster = inspect_media(src, poster_size=size)
        except PhotoRefused:
            raise refused from None
        save_jpeg(poster, dest)


def upright_image(src: Path, max_side: int | None = None) -> Image.Image:
    """The photo as seen: RGB, orientation applied, no side above `max_side` when given
    (decoded in draft mode then). A video or audio recording gives its poster (a frame ~1 s in,
    or the audio card, with a play mark and the duration), so documents and previews show it as
    such. Raises PhotoRefused."""
    try:
        return _upright_photo(src, max_side)
    except PhotoRefused as refused:
        if refused.kind != "not_image":
            raise
        try:
            _info, poster = inspect_media(src, poster_size=max_side or POSTER_SIDE)
        except PhotoRefused:
            raise refused from None
        return poster


def _upright_photo(src: Path, max_side: int | None) -> Image.Image:
    with open_image(src) as image:
        orientation = orientation_of(image)
        box = fit_box(image.width, image.height, max_side) if max_side else None
        decoded = decode(image, src, box)
        result = to_rgb(decoded)
        if max_side:
            result.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
        return upright(result, orientation)
