"""What a video or audio file says about itself (container, codec, duration, size, recording time,
place, device), read with PyAV (its own FFmpeg), and its poster: a frame of the video, or for
audio a generic picture with the duration. Bad files are refused with a message naming the file.

A file is checked at both ends: the container must open, its main stream must decode a frame
near the start, and the demuxer must still find packets near the end that the file holds (a
recording cut short by a full card or an interrupted copy is refused, not stored half).

No Qt: the import (app/photos/importer.py) runs this on its worker threads.
"""

from __future__ import annotations

import logging
import re
import struct
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import av
from PIL import Image, ImageDraw, ImageFont

from app.photos.metadata import (
    PhotoRefused,
    _boxes_truncated,
    _refused,
    camera_of,
    taken_at_of,
)
from domain.clock import OFFICE_TZ_DEFAULT, to_iso
from domain.i18n import QT_TRANSLATE_NOOP, Message

log = logging.getLogger(__name__)

# What field phones and cameras write. Video first, then audio (voice recorders write .amr,
# .m4a, .aac, .mp3; iPhones .mov and .m4a; older phones .3gp).
VIDEO_SUFFIXES = frozenset(
    (
        ".mp4",
        ".mov",
        ".m4v",
        ".3gp",
        ".3g2",
        ".mkv",
        ".webm",
        ".avi",
        ".mts",
        ".m2ts",
        ".ts",
        ".wmv",
        ".flv",
    )
)
AUDIO_SUFFIXES = frozenset(
    (".m4a", ".aac", ".wav", ".amr", ".awb", ".mp3", ".ogg", ".opus", ".flac", ".wma", ".3ga")
)
MEDIA_SUFFIXES = VIDEO_SUFFIXES | AUDIO_SUFFIXES
MEDIA_TYPES = ("image", "video", "audio")
# Container names (FFmpeg's, first of its list) → ours, as stored in the row's `format`.
_FORMATS = {
    "mov": "MP4",  # mov,mp4,m4a,3gp,3g2,mj2: the suffix says which
    "matroska": "MKV",
    "webm": "WEBM",
    "avi": "AVI",
    "mpegts": "MPEG-TS",
    "wav": "WAV",
    "aac": "AAC",
    "amr": "AMR",
    "mp3": "MP3",
    "ogg": "OGG",
    "flac": "FLAC",
    "asf": "ASF",
    "flv": "FLV",
}
_MP4_FAMILY = {".mov": "MOV", ".3gp": "3GP", ".3g2": "3GP", ".m4a": "M4A", ".m4v": "MP4"}
# ISO 6709 as phones write it in the container: +31.2304+121.4737/ (altitude optional).
_ISO6709 = re.compile(r"^([+-]\d+(?:\.\d+)?)([+-]\d+(?:\.\d+)?)")
_POSTER_AT = 1.0  # seconds into a video for its poster (the first frame is often black)
_CTX = "photos"


@dataclass(frozen=True)
class MediaInfo:
    media_type: str  # video | audio
    format: str  # MP4, MOV, 3GP, M4A, AAC, WAV …
    codec: str  # the main stream's codec: h264, hevc, aac, pcm_s16le …
    duration_ms: int
    width: int | None  # video only (as displayed: rotation applied)
    height: int | None
    taken_at_raw: str | None
    taken_at: str | None
    taken_at_source: str  # container | none
    gps_lat: float | None
    gps_lon: float | None
    camera: str | None


def media_filter() -> str:
    """File dialog patterns for every recording taken (lower and upper case)."""
    suffixes = sorted(MEDIA_SUFFIXES)
    return " ".join([f"*{s}" for s in suffixes] + [f"*{s.upper()}" for s in suffixes])


def media_type_of(path: Path) -> str | None:
    """video, audio, or None when the name does not say it is media."""
    suffix = path.suffix.lower()
    if suffix in VIDEO_SUFFIXES:
        return "video"
    if suffix in AUDIO_SUFFIXES:
        return "audio"
    return None


def _media_refused(path: Path, kind: str) -> PhotoRefused:
    texts = {
        "damaged": QT_TRANSLATE_NOOP(
            "photos", "{name}: the recording is truncated or damaged and cannot be played"
        ),
        "not_media": QT_TRANSLATE_NOOP(
            "photos", "{name}: not a video or audio recording, or damaged beyond reading"
        ),
        "no_stream": QT_TRANSLATE_NOOP(
            "photos", "{name}: the file holds no picture or sound that can be played"
        ),
    }
    return PhotoRefused(path, Message(_CTX, texts[kind], {"name": path.name}), kind)


def _time(meta: dict[str, str], zone: str) -> tuple[str | None, str | None]:
    """(raw, UTC ISO) of the recording time the container names, or (None, None).

    Apple writes the local time with its offset (com.apple.quicktime.creationdate); MP4's
    creation_time is UTC by definition. Placeholders (1904, 1970) are no time at all."""
    for key in ("com.apple.quicktime.creationdate", "creation_time", "date"):
        raw = meta.get(key)
        if not raw:
            continue
        text = raw.strip()
        try:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            local = taken_at_of(text, None, None, zone)  # 2026:11:20 08:12:33 and the like
            if local is not None:
                return text, local
            continue
        if moment.year < 2000:
            continue
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC) if key == "creation_time" else moment
            if moment.tzinfo is None:
                local = taken_at_of(moment.strftime("%Y:%m:%d %H:%M:%S"), None, None, zone)
                return text, local
        return text, to_iso(moment)
    return None, None


def _gps(meta: dict[str, str]) -> tuple[float | None, float | None]:
    for key in ("com.apple.quicktime.location.ISO6709", "location", "location-eng"):
        match = _ISO6709.match((meta.get(key) or "").strip())
        if not match:
            continue
        lat, lon = float(match.group(1)), float(match.group(2))
        if -90 <= lat <= 90 and -180 <= lon <= 180 and (lat, lon) != (0.0, 0.0):
            return round(lat, 7), round(lon, 7)
    return None, None


def _camera(meta: dict[str, str]) -> str | None:
    make = meta.get("com.apple.quicktime.make") or meta.get("com.android.manufacturer")
    model = meta.get("com.apple.quicktime.model") or meta.get("com.android.model")
    camera = camera_of(make, model)
    return camera[:200] if camera else None


def _format(container: Any, path: Path) -> str:
    first = str(container.format.name).split(",")[0]
    if first == "mov":
        return _MP4_FAMILY.get(path.suffix.lower(), "MP4")
    return _FORMATS.get(first, first.upper()[:20])


def _duration_s(container: Any, stream: Any) -> float:
    if stream.duration is not None and stream.time_base is not None:
        seconds = float(stream.duration * stream.time_base)
        if seconds > 0:
            return seconds
    if container.duration is not None and container.duration > 0:
        return container.duration / 1_000_000
    return 0.0


def _rotation(frame: Any) -> int:
    try:
        return round(float(frame.rotation)) % 360
    except (AttributeError, TypeError, ValueError):
        return 0


def _first_frame(container: Any, stream: Any, at: float) -> Any:
    """The first frame decoded at or after `at` seconds (or the first of the stream)."""
    if at > 0 and stream.time_base is not None:
        try:
            container.seek(int(at / stream.time_base), stream=stream, backward=True)
        except av.error.FFmpegError:
            container.seek(0, stream=stream)
    for frame in container.decode(stream):
        if frame.time is None or frame.time >= at - 0.05:
            return frame
    return None


def _riff_truncated(head: bytes, size: int) -> bool:
    """A WAV whose RIFF header promises more bytes than the file holds (FFmpeg would play the
    part that is there and say nothing)."""
    if len(head) < 12 or head[:4] not in (b"RIFF", b"RIFX") or head[8:12] != b"WAVE":
        return False  # RF64 and others: the demuxer's checks alone
    order = "<" if head[:4] == b"RIFF" else ">"
    declared = struct.unpack(order + "I", head[4:8])[0]
    return declared not in (0, 0xFFFFFFFF) and declared + 8 > size


def _tail_held(container: Any, stream: Any, duration: float, size: int) -> bool:
    """Whether the file holds the end of `stream`: an MP4/MOV/3GP/M4A's boxes all end inside it,
    and the demuxer finds packets in the last second that lie inside the file."""
    name = str(container.format.name)
    if name.startswith("mov") or name == "wav":
        with open(container.name, "rb") as fh:
            if name == "wav" and _riff_truncated(fh.read(12), size):
                return False
            if name.startswith("mov") and _boxes_truncated(fh, size):
                return False
    at = max(0.0, duration - 1.0)
    try:
        container.seek(int(at / stream.time_base), stream=stream, backward=True)
    except av.error.FFmpegError:
        return False
    last = None
    for packet in container.demux(stream):
        if packet.size == 0:  # the flush packet at the end
            continue
        if packet.pos is not None and packet.pos >= 0 and packet.pos + packet.size > size:
            return False
        if packet.pts is not None:
            last = float(packet.pts * stream.time_base)
    return last is not None and last >= at - 0.5


def inspect_media(
    path: Path, *, zone: str = OFFICE_TZ_DEFAULT, poster_size: int = 320
) -> tuple[MediaInfo, Image.Image]:
    """Read a recording's metadata and make its poster (at most `poster_size` on its long side:
    a frame ~1 s in for video, a generic picture with the duration for audio). Raises
    PhotoRefused."""
    kind = media_type_of(path)
    size = path.stat().st_size
    if size == 0:
        raise _refused(path, "empty")
    try:
        container = av.open(str(path), mode="r", metadata_errors="replace")
    except (av.error.FFmpegError, UnicodeDecodeError, ValueError) as error:
        raise _media_refused(path, "not_media") from error
    except OSError as error:
        raise _refused(path, "unreadable", {"error": error.strerror or str(error)}) from error
    with container:
        try:
            return _inspect(container, path, kind, size, zone, poster_size)
        except PhotoRefused:
            raise
        except (av.error.FFmpegError, EOFError, ValueError, ZeroDivisionError) as error:
            raise _media_refused(path, "damaged") from error


def _inspect(
    container: Any, path: Path, kind: str | None, size: int, zone: str, poster_size: int
) -> tuple[MediaInfo, Image.Image]:
    videos = [s for s in container.streams.video if not _is_cover(s)]
    audios = list(container.streams.audio)
    if kind == "audio" or not videos:
        if not audios:
            raise _media_refused(path, "no_stream")
        stream, media_type = audios[0], "audio"
    else:
        stream, media_type = videos[0], "video"
    duration = _duration_s(container, stream)
    if duration <= 0:
        raise _media_refused(path, "damaged")
    meta = {**dict(container.metadata), **dict(stream.metadata)}
    if media_type == "video":
        frame = _first_frame(container, stream, min(_POSTER_AT, duration / 3))
        if frame is None:
            raise _media_refused(path, "damaged")
        rotation = _rotation(frame)
        picture = frame.to_image()
        if rotation:
            picture = picture.rotate(rotation, expand=True)  # rotation is counter-clockwise
        width, height = picture.size
        picture.thumbnail((poster_size, poster_size))
        poster = decorate_poster(picture.convert("RGB"), duration)
    else:
        frame = _first_frame(container, stream, 0.0)
        if frame is None:
            raise _media_refused(path, "damaged")
        width = height = None
        poster = audio_poster(duration, poster_size)
    if not _tail_held(container, stream, duration, size):
        raise _media_refused(path, "damaged")
    raw, taken_at = _time(meta, zone)
    lat, lon = _gps(meta)
    return (
        MediaInfo(
            media_type=media_type,
            format=_format(container, path),
            codec=str(stream.codec_context.name)[:40],
            duration_ms=round(duration * 1000),
            width=width,
            height=height,
            taken_at_raw=raw[:64] if raw else None,
            taken_at=taken_at,
            taken_at_source="container" if taken_at else "none",
            gps_lat=lat,
            gps_lon=lon,
            camera=_camera(meta),
        ),
        poster,
    )


def _is_cover(stream: Any) -> bool:
    """An attached picture (album art in an .m4a or .mp3) is not a video."""
    disposition = getattr(stream, "disposition", None)
    try:
        return bool(disposition is not None and disposition & av.stream.Disposition.attached_pic)
    except (AttributeError, TypeError):
        return False


# -- posters --------------------------------------------------------------------------------------
def duration_text(duration_ms: int | None) -> str:
    """m:ss, or h:mm:ss from an hour on."""
    seconds = max(0, round((duration_ms or 0) / 1000))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def _font(size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    try:
        return ImageFont.load_default(size=size)
    except (OSError, TypeError):  # Pillow without FreeType
        return ImageFont.load_default()


def _badge(image: Image.Image, duration: float) -> None:
    """A duration badge bottom right (as phones' galleries show a video)."""
    draw = ImageDraw.Draw(image)
    text = duration_text(round(duration * 1000))
    font = _font(max(12, image.height // 9))
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
    pad = max(3, image.height // 40)
    w, h = right - left + 2 * pad, bottom - top + 2 * pad
    x, y = image.width - w - pad, image.height - h - pad
    draw.rectangle((x, y, x + w, y + h), fill=(0, 0, 0))
    draw.text((x + pad - left, y + pad - top), text, fill=(255, 255, 255), font=font)


def decorate_poster(picture: Image.Image, duration: float) -> Image.Image:
    """A video's frame with a play mark in the middle and its duration: seen as a video."""
    image = picture.copy()
    draw = ImageDraw.Draw(image)
    r = max(8, min(image.size) // 6)
    cx, cy = image.width // 2, image.height // 2
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(0, 0, 0), outline=(255, 255, 255))
    s = r // 2
    draw.polygon([(cx - s // 2, cy - s), (cx - s // 2, cy + s), (cx + s, cy)], fill="white")
    _badge(image, duration)
    return image


def audio_poster(duration: float, size: int = 320) -> Image.Image:
    """A sound recording's picture: a dark card with a sound wave and its duration."""
    width, height = size, max(1, size * 3 // 4)
    image = Image.new("RGB", (width, height), (38, 50, 56))
    draw = ImageDraw.Draw(image)
    mid = height // 2 - height // 10
    bars = 15
    step = width * 0.6 / bars
    for i in range(bars):
        amp = (0.25 + 0.75 * abs(((i * 7) % bars) / bars - 0.5) * 2) * height * 0.22
        x = width * 0.2 + i * step
        draw.rectangle((x, mid - amp, x + step * 0.55, mid + amp), fill=(129, 212, 250))
    _badge(image, duration)
    return image


def stand_in_poster(media_type: str, duration_ms: int | None, size: int = 320) -> Image.Image:
    """A recording's picture when its poster cannot be had here (a reviewer's laptop without the
    original, whose server makes no posters): the audio card, or a dark frame with the play mark,
    both with the duration."""
    seconds = (duration_ms or 0) / 1000
    if media_type == "audio":
        return audio_poster(seconds, size)
    return decorate_poster(Image.new("RGB", (size, max(1, size * 3 // 4)), (45, 45, 48)), seconds)


def media_poster(src: Path, size: int, duration_ms: int | None = None) -> Image.Image:
    """A poster of a stored recording at another size (documents print it larger than the
    thumbnail). Raises PhotoRefused."""
    _info, poster = inspect_media(src, poster_size=size)
    return poster


def frame_at(src: Path, seconds: float) -> Image.Image:
    """The video frame shown at `seconds` (rotation applied), decoded in full: a still grabbed
    from a recording (the original stays untouched). Raises PhotoRefused."""
    try:
        container = av.open(str(src), mode="r", metadata_errors="replace")
    except av.error.FFmpegError as error:
        raise _media_refused(src, "not_media") from error
    with container:
        videos = [s for s in container.streams.video if not _is_cover(s)]
        if not videos:
            raise _media_refused(src, "no_stream")
        try:
            frame = _first_frame(container, videos[0], max(0.0, seconds))
        except av.error.FFmpegError as error:
            raise _media_refused(src, "damaged") from error
        if frame is None:
            raise _media_refused(src, "damaged")
        picture = frame.to_image().convert("RGB")
        rotation = _rotation(frame)
        return picture.rotate(rotation, expand=True) if rotation else picture
