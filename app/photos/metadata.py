"""What a photo file says about itself (format, size, EXIF time, place, camera, orientation), and
whether its pixels can be decoded at all. Bad files are refused with a message naming the file.

A broken EXIF block never refuses a photo whose pixels are fine: the fields it would have given
are None. Only JPEG, PNG, TIFF and HEIF/HEIC are accepted.
"""

from __future__ import annotations

import math
import os
import re
import struct
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import IO, Any, get_args
from zoneinfo import ZoneInfo

import pillow_heif
from PIL import ExifTags, Image, UnidentifiedImageError

from app.photos.files import NotRegularFile, open_regular, os_reason
from domain.clock import OFFICE_TZ_DEFAULT, to_iso
from domain.contract.fields import TimeSource
from domain.i18n import QT_TRANSLATE_NOOP, Message

pillow_heif.register_heif_opener()

# The largest phone sensors make 200-megapixel photos; anything bigger is refused as a possible
# decompression bomb. Pillow warns above this and raises above twice this; both are refusals here.
PIXEL_LIMIT = 250_000_000
Image.MAX_IMAGE_PIXELS = PIXEL_LIMIT

# Pillow's format name → ours. Phones' JPEGs with a second picture open as MPO.
FORMATS = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG", "TIFF": "TIFF", "HEIF": "HEIF"}

_CTX = "photos"
_EXIF_IFD = ExifTags.IFD.Exif
_GPS_IFD = ExifTags.IFD.GPSInfo
_ORIENTATION = 0x0112
_MAKE, _MODEL = 0x010F, 0x0110
_DATETIME_ORIGINAL, _OFFSET_ORIGINAL, _SUBSEC_ORIGINAL = 0x9003, 0x9011, 0x9291
_DATETIME, _OFFSET_TIME, _SUBSEC_TIME = 0x0132, 0x9010, 0x9290  # IFD0's time; the offset in Exif
_GPS_TIME, _GPS_DATE = 7, 29  # GPSTimeStamp (h, m, s in UTC), GPSDateStamp (YYYY:MM:DD)
_XMP_TAG = 700  # TIFF's XMP packet
_TIME = re.compile(r"(\d{4})[:\-/](\d{2})[:\-/](\d{2})[ T](\d{2}):(\d{2}):(\d{2})")
_OFFSET = re.compile(r"([+-])(\d{2}):(\d{2})")
# XMP's capture time, best first: exif:DateTimeOriginal, photoshop:DateCreated, xmp:CreateDate,
# as an attribute (name="…") or an element (<name>…</name>).
_XMP_NAMES = ("exif:DateTimeOriginal", "photoshop:DateCreated", "xmp:CreateDate")
_XMP_TIME = re.compile(
    r"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?)(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})?"
)

# Where a photo's capture time came from (the photo row's taken_at_source).
TIME_SOURCES: tuple[str, ...] = get_args(TimeSource)


@dataclass(frozen=True)
class PhotoInfo:
    format: str  # JPEG, PNG, TIFF or HEIF
    width: int  # as stored, before orientation
    height: int
    orientation: int  # EXIF orientation 1–8; 1 when absent or unreadable
    taken_at_raw: str | None  # the capture time as written (EXIF: no zone; GPS: " UTC" added)
    taken_at: str | None  # UTC ISO (domain.clock), from the raw time and its offset or zone
    taken_at_source: str  # which field gave it: one of TIME_SOURCES
    gps_lat: float | None
    gps_lon: float | None
    camera: str | None
    has_exif: bool  # usable EXIF capture data: time taken, position or camera


class PhotoRefused(Exception):
    """A file that is not imported; `reason` names the file and says why, `kind` is a code:
    unreadable, empty, not_image, unsupported, damaged, too_large, not_regular."""

    def __init__(self, path: Path, reason: Message, kind: str) -> None:
        super().__init__(str(reason))
        self.path = path
        self.reason = reason
        self.kind = kind


# -- refusals -------------------------------------------------------------------------------------
def _refused(
    path: Path, kind: str, values: dict[str, Any] | None = None, why: str | None = None
) -> PhotoRefused:
    """`why`: which of the texts says it, when not `kind` (an unreadable file: os_reason)."""
    values = {"name": path.name, **(values or {})}
    texts = {
        "missing": QT_TRANSLATE_NOOP("photos", "{name}: the file cannot be read (it is not there)"),
        "denied": QT_TRANSLATE_NOOP("photos", "{name}: the file cannot be read (no permission)"),
        "failed": QT_TRANSLATE_NOOP(
            "photos", "{name}: the file cannot be read (the disk or card reported an error)"
        ),
        "empty": QT_TRANSLATE_NOOP("photos", "{name}: the file is empty"),
        "not_image": QT_TRANSLATE_NOOP(
            "photos", "{name}: not an image file, or damaged beyond reading"
        ),
        "unsupported": QT_TRANSLATE_NOOP(
            "photos", "{name}: {format} images are not supported (only JPEG, PNG, TIFF or HEIC)"
        ),
        "damaged": QT_TRANSLATE_NOOP("photos", "{name}: the file is truncated or damaged"),
        "too_large": QT_TRANSLATE_NOOP("photos", "{name}: the image is too large to open safely"),
        "not_regular": QT_TRANSLATE_NOOP(
            "photos", "{name}: not a regular file (a pipe, device or folder); skipped"
        ),
    }
    return PhotoRefused(path, Message(_CTX, texts[why or kind], values), kind)


# -- opening and decoding -------------------------------------------------------------------------
@contextmanager
def open_image(path: Path) -> Iterator[Image.Image]:
    """Open an accepted image lazily (header only), or raise PhotoRefused."""
    try:
        fh = open_regular(path)  # a FIFO or device never makes open() wait
    except NotRegularFile as error:
        raise _refused(path, "not_regular") from error
    except OSError as error:
        raise _refused(path, "unreadable", why=os_reason(error)) from error
    with fh:
        size = os.fstat(fh.fileno()).st_size
        if size == 0:
            raise _refused(path, "empty")
        try:
            image = Image.open(fh)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise _refused(path, "too_large") from error  # the warning, when raised as an error
        except UnidentifiedImageError as error:
            raise _refused(path, "not_image") from error
        except OSError as error:
            if isinstance(error, (PermissionError, IsADirectoryError)):
                raise _refused(path, "unreadable", why=os_reason(error)) from error
            raise _refused(path, "damaged") from error
        except Exception as error:  # plugins raise what they like on a damaged header
            raise _refused(path, "damaged") from error
        # Not `with image`: closing an image frees its pixels, and callers keep the decoded one.
        if image.format not in FORMATS:
            raise _refused(path, "unsupported", {"format": image.format or "?"})
        width, height = image.size
        if width <= 0 or height <= 0:
            raise _refused(path, "damaged")
        if width * height > PIXEL_LIMIT:
            raise _refused(path, "too_large")
        if _structure_truncated(image, fh, size):
            raise _refused(path, "damaged")
        yield image


def decode(image: Image.Image, path: Path, box: tuple[int, int] | None) -> Image.Image:
    """Decode the pixels (JPEG at a reduced scale no smaller than `box`) or raise PhotoRefused.

    Entropy decoding is never scaled, so a reduced JPEG decode still reads every byte: a
    truncated or corrupt stream fails here. HEIF is decoded in full (its draft would pick the
    embedded thumbnail and skip the picture itself).
    """
    try:
        if box is not None and image.format in ("JPEG", "MPO"):
            image.draft("RGB", (max(1, box[0]), max(1, box[1])))
        image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning, MemoryError) as error:
        raise _refused(path, "too_large") from error
    except Exception as error:  # OSError, SyntaxError, ValueError, EOFError, struct.error, …
        raise _refused(path, "damaged") from error
    return image


def _structure_truncated(image: Image.Image, fh: IO[bytes], size: int) -> bool:
    """Containers whose decoders fill missing data silently: check the file holds what the
    header promises. (A truncated HEIC decodes with green tiles; a TIFF without its last strip
    decodes with a warning only.)"""
    try:
        if image.format == "HEIF":
            return _boxes_truncated(fh, size)
        if image.format == "TIFF":
            tags = image.tag_v2  # type: ignore[attr-defined]
            offsets = tags.get(273) or tags.get(324) or ()
            counts = tags.get(279) or tags.get(325) or ()
            if isinstance(offsets, int):
                offsets, counts = (offsets,), (counts,)
            return any(o + c > size for o, c in zip(offsets, counts, strict=False))
    except Exception:
        return True
    return False


def _boxes_truncated(fh: IO[bytes], size: int) -> bool:
    """ISO base media file (HEIF): every top-level box must end inside the file."""
    position = fh.tell()
    try:
        offset = 0
        while offset < size:
            fh.seek(offset)
            header = fh.read(8)
            if len(header) < 8:
                return True
            length, _kind = struct.unpack(">I4s", header)
            if length == 1:
                large = fh.read(8)
                if len(large) < 8:
                    return True
                length = struct.unpack(">Q", large)[0]
            elif length == 0:  # the box runs to the end of the file
                return False
            if length < 8 or offset + length > size:
                return True
            offset += length
        return False
    finally:
        fh.seek(position)


# -- EXIF -----------------------------------------------------------------------------------------
def _text(value: Any) -> str | None:
    if isinstance(value, bytes):
        value = value.decode("ascii", "replace")
    if not isinstance(value, str):
        return None
    value = " ".join(value.replace("\x00", " ").split())
    return value or None


def _safely(read: Callable[[], Any]) -> Any:
    """Run one EXIF read; a broken block yields None (other EXIF readers crashed on such files)."""
    try:
        return read()
    except Exception:
        return None


def orientation_of(image: Image.Image) -> int:
    value = _safely(lambda: image.getexif().get(_ORIENTATION))
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


def camera_of(make: Any, model: Any) -> str | None:
    """'Make Model', without the maker twice (NIKON CORPORATION + NIKON D70 → NIKON D70)."""
    make, model = _text(make), _text(model)
    if make and model:
        first = model.split()[0].lower()
        if first in {w.lower().strip(",.") for w in make.split()}:
            return model
        return f"{make} {model}"
    return model or make


def taken_at_of(raw: str | None, offset: Any, subsec: Any, zone: str) -> str | None:
    """UTC ISO time from an EXIF local time: its own offset when written, else the zone."""
    if raw is None:
        return None
    match = _TIME.match(raw)
    if not match:
        return None
    try:
        moment = datetime(*(int(g) for g in match.groups()))
    except ValueError:  # 0000:00:00 00:00:00 and other placeholders
        return None
    digits = _text(subsec)
    if digits and digits.isdigit():
        moment = moment.replace(microsecond=int(digits[:6].ljust(6, "0")))
    written = _OFFSET.fullmatch(_text(offset) or "")
    if written:
        sign = -1 if written.group(1) == "-" else 1
        delta = timedelta(hours=int(written.group(2)), minutes=int(written.group(3)))
        if delta <= timedelta(hours=14):
            return to_iso(moment.replace(tzinfo=timezone(sign * delta)))
    return to_iso(moment.replace(tzinfo=ZoneInfo(zone)))


def _degrees(value: Any, ref: Any, positive: str, negative: str, limit: float) -> float | None:
    ref = _text(ref)
    if ref is None or ref.upper()[:1] not in (positive, negative):
        return None
    parts = [float(v) for v in (value if isinstance(value, tuple | list) else (value,))]
    if not 1 <= len(parts) <= 3 or not all(math.isfinite(p) and p >= 0 for p in parts):
        return None
    if any(p >= 60 for p in parts[1:]):
        return None
    degrees = sum(p / 60**i for i, p in enumerate(parts))
    if degrees > limit:
        return None
    return round(-degrees if ref.upper()[:1] == negative else degrees, 7)


def gps_of(gps: Any) -> tuple[float | None, float | None]:
    """Signed decimal degrees; (None, None) when absent, void or out of range."""
    if not gps:
        return None, None
    if _text(gps.get(9)) == "V":  # GPSStatus: measurement void
        return None, None
    lat = _safely(lambda: _degrees(gps.get(2), gps.get(1), "N", "S", 90.0))
    lon = _safely(lambda: _degrees(gps.get(4), gps.get(3), "E", "W", 180.0))
    if lat is None or lon is None or (lat == 0 and lon == 0):  # 0,0: a receiver with no fix
        return None, None
    return lat, lon


def gps_time_of(gps: Any) -> tuple[str, str] | None:
    """(raw, UTC ISO) from GPSDateStamp and GPSTimeStamp (UTC by definition), or None."""
    if not gps:
        return None
    date = _text(gps.get(_GPS_DATE))
    stamp = gps.get(_GPS_TIME)
    if not date or not isinstance(stamp, tuple | list) or len(stamp) != 3:
        return None
    match = re.fullmatch(r"(\d{4})[:\-/](\d{2})[:\-/](\d{2})", date)
    parts = [float(v) for v in stamp]
    if not match or not all(math.isfinite(p) and p >= 0 for p in parts):
        return None
    hours, minutes, seconds = parts
    if hours >= 24 or minutes >= 60 or seconds >= 61:
        return None
    try:
        moment = datetime(*(int(g) for g in match.groups()), tzinfo=UTC)
    except ValueError:
        return None
    moment += timedelta(hours=int(hours), minutes=int(minutes), seconds=seconds)
    raw = f"{match.group(1)}:{match.group(2)}:{match.group(3)} " + (
        f"{int(hours):02d}:{int(minutes):02d}:{int(seconds):02d} UTC"
    )
    return raw, to_iso(moment)


def xmp_packet(image: Image.Image) -> str | None:
    """The image's XMP packet as text (JPEG APP1, PNG iTXt, HEIF, TIFF tag 700), or None."""
    packet: Any = image.info.get("xmp") or image.info.get("XML:com.adobe.xmp")
    if packet is None and image.format == "TIFF":
        packet = _safely(lambda: image.tag_v2.get(_XMP_TAG))  # type: ignore[attr-defined]
    if isinstance(packet, tuple | list) and packet:
        packet = packet[0]
    if isinstance(packet, bytes):
        return packet.decode("utf-8", "replace")
    return packet if isinstance(packet, str) else None


def xmp_time_of(packet: str | None, zone: str) -> tuple[str, str] | None:
    """(raw, UTC ISO) from XMP's DateTimeOriginal (or Photoshop's DateCreated, or CreateDate):
    its own offset when written, else the zone."""
    if not packet:
        return None
    for name in _XMP_NAMES:
        found = re.search(
            rf"{re.escape(name)}\s*=\s*[\"']([^\"']*)[\"']|<{re.escape(name)}>([^<]*)</", packet
        )
        if not found:
            continue
        written = (found.group(1) or found.group(2) or "").strip()
        match = _XMP_TIME.fullmatch(written)
        if not match:
            continue
        main, fraction, offset = match.groups()
        if len(main) == 16:  # no seconds
            main += ":00"
        offset = "+00:00" if offset == "Z" else offset
        taken = taken_at_of(main, offset, fraction, zone)
        if taken is not None:
            return written[:64], taken
    return None


def _time_of(image: Image.Image, exif: Any, sub: Any, gps: Any, zone: str) -> tuple[Any, ...]:
    """(raw, UTC ISO, source): DateTimeOriginal, then IFD0 DateTime, then the GPS time stamp,
    then XMP; the first that gives a real time wins."""
    raw = _safely(lambda: _text(sub.get(_DATETIME_ORIGINAL))) if sub else None
    taken = _safely(
        lambda: taken_at_of(raw, sub.get(_OFFSET_ORIGINAL), sub.get(_SUBSEC_ORIGINAL), zone)
    )
    if raw and taken:
        return raw, taken, "exif_original"
    plain = _safely(lambda: _text(exif.get(_DATETIME))) if exif is not None else None
    offset = _safely(lambda: sub.get(_OFFSET_TIME)) if sub else None
    subsec = _safely(lambda: sub.get(_SUBSEC_TIME)) if sub else None
    taken = _safely(lambda: taken_at_of(plain, offset, subsec, zone))
    if plain and taken:
        return plain, taken, "exif_datetime"
    from_gps = _safely(lambda: gps_time_of(gps))
    if from_gps:
        return (*from_gps, "gps")
    from_xmp = _safely(lambda: xmp_time_of(xmp_packet(image), zone))
    if from_xmp:
        return (*from_xmp, "xmp")
    return raw, None, "none"  # a placeholder DateTimeOriginal is still shown as written


def _info(image: Image.Image, zone: str) -> PhotoInfo:
    exif = _safely(image.getexif)
    sub = _safely(lambda: exif.get_ifd(_EXIF_IFD)) if exif is not None else None
    gps = _safely(lambda: exif.get_ifd(_GPS_IFD)) if exif is not None else None
    raw, taken_at, source = _time_of(image, exif, sub, gps, zone)
    lat, lon = _safely(lambda: gps_of(gps)) or (None, None)
    camera = _safely(lambda: camera_of(exif.get(_MAKE), exif.get(_MODEL))) if exif else None
    return PhotoInfo(
        format=FORMATS[image.format or ""],
        width=image.width,
        height=image.height,
        orientation=orientation_of(image),
        taken_at_raw=raw,
        taken_at=taken_at,
        taken_at_source=source,
        gps_lat=lat,
        gps_lon=lon,
        camera=camera,
        has_exif=bool(raw or lat is not None or camera),
    )


# -- the entry points -----------------------------------------------------------------------------
def fit_box(width: int, height: int, size: int) -> tuple[int, int]:
    """The aspect-correct box of longest side `size` (1600×1200 for 4000×3000, not 1600×1600)."""
    if width >= height:
        return size, max(1, round(size * height / width))
    return max(1, round(size * width / height)), size


def inspect_photo(
    path: Path, *, zone: str = OFFICE_TZ_DEFAULT, fit: int | None = None
) -> tuple[PhotoInfo, Image.Image]:
    """Read the metadata and decode the pixels once: a JPEG at the smallest scale still covering
    a `fit`-sized box (1/8 when no fit is given). Returns the info and the decoded image, or
    raises PhotoRefused."""
    with open_image(path) as image:
        info = _info(image, zone)
        if fit is None:
            box = (image.width // 8, image.height // 8)
        else:
            box = fit_box(image.width, image.height, fit)
        return info, decode(image, path, box)


def peek_metadata(path: Path, zone: str = OFFICE_TZ_DEFAULT) -> PhotoInfo:
    """The photo's metadata from its header alone, pixels not decoded (a quick look over a
    camera card); raises PhotoRefused for a file that is not an accepted image."""
    with open_image(path) as image:
        return _info(image, zone)


def read_metadata(path: Path, zone: str = OFFICE_TZ_DEFAULT) -> PhotoInfo:
    """The photo's metadata, after checking its pixels decode; raises PhotoRefused."""
    return inspect_photo(path, zone=zone)[0]
