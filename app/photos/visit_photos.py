"""The photos taken during a visit, found on a camera card or in a phone's folder (what the
inspection editor's photo tray shows).

A folder is walked as the import walks one (importer.expand). Each file's capture time is read
from its header alone (EXIF, else the GPS stamp or XMP, as the import reads it; no pixels
decoded); a file that names no time gives its modification time instead (a photo passed through
a chat app loses its EXIF and is written when it arrives). A photo taken within the visit — from
its start less MARGIN_BEFORE to its end (now, for a draft) plus MARGIN_AFTER — is hashed (its
identity: the tray leaves out a photo already attached by it) and given its thumbnail in the
cache the strips read (thumbnail_path), so it shows at once in the tray and, once attached, on
its item. Files that are not accepted images, or whose pixels do not decode, are passed over
(the import would refuse them).

What was read is remembered per (path, size, modification time): looking again once the card
has more photos reads only the new ones. A file last written well before the visit is not opened
at all: a card of thousands of old photos costs one stat each. No Qt; in the app this runs as a job
(app/inspections/photo_tray.py).
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from app.photos.blobstore import CHUNK
from app.photos.files import open_regular
from app.photos.importer import expand
from app.photos.metadata import PhotoRefused, peek_metadata
from app.photos.thumbnails import make_thumbnail, thumbnail_path
from domain.clock import OFFICE_TZ_DEFAULT, from_iso, to_iso, utc_now

log = logging.getLogger(__name__)

# A camera's clock is seldom right to the minute, and an inspector may photograph the scene
# before opening the draft: the visit is widened by these margins.
MARGIN_BEFORE = timedelta(minutes=30)
MARGIN_AFTER = timedelta(minutes=10)
# A file last written a day before the visit began holds no photo of it (a camera stamps its
# files in local time: a day covers any zone), and is not even opened.
FILE_SLACK = timedelta(days=1)
FILE_TIME = "file"  # time source of a photo dated by its file (no capture time inside)


@dataclass(frozen=True)
class VisitPhoto:
    path: Path
    sha256: str
    taken_at: str  # UTC ISO
    time_source: str  # one of metadata.TIME_SOURCES, or FILE_TIME


@dataclass(frozen=True)
class _Seen:
    taken_at: str | None  # None: not an accepted image
    time_source: str
    sha256: str | None = None  # hashed once found within a visit


class SeenFiles:
    """What was read of each file, by (path, size, mtime); shared by the trays of a session."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._seen: dict[tuple[str, int, int], _Seen] = {}

    def get(self, key: tuple[str, int, int]) -> _Seen | None:
        with self._lock:
            return self._seen.get(key)

    def put(self, key: tuple[str, int, int], seen: _Seen) -> None:
        with self._lock:
            self._seen[key] = seen


SEEN = SeenFiles()


def visit_bounds(started_at: str, finished_at: str | None) -> tuple[datetime, datetime]:
    """The time a photo of this visit may carry: its start less, its end (or now) plus, a
    margin."""
    end = from_iso(finished_at) if finished_at else utc_now()
    return from_iso(started_at) - MARGIN_BEFORE, end + MARGIN_AFTER


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open_regular(path, buffering=0) as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _look(path: Path, stat: os.stat_result, zone: str) -> _Seen:
    try:
        info = peek_metadata(path, zone)
    except PhotoRefused:
        return _Seen(None, "none")
    if info.taken_at is not None:
        return _Seen(info.taken_at, info.taken_at_source)
    return _Seen(to_iso(datetime.fromtimestamp(stat.st_mtime, UTC)), FILE_TIME)


def find_visit_photos(
    files: list[Path],
    *,
    bounds: tuple[datetime, datetime] | None,
    data_dir: Path,
    zone: str = OFFICE_TZ_DEFAULT,
    cancel: threading.Event | None = None,
    on_found: Callable[[VisitPhoto], None] | None = None,
    seen: SeenFiles = SEEN,
) -> list[VisitPhoto]:
    """The photos among `files` (folders walked) taken within `bounds` (all of them when None:
    photos dropped on the window), oldest first; `on_found` hears of each as it is found."""
    found: list[VisitPhoto] = []
    for path in expand(files):
        if cancel is not None and cancel.is_set():
            break
        try:
            stat = path.stat()
        except OSError:
            continue
        if bounds is not None and stat.st_mtime < (bounds[0] - FILE_SLACK).timestamp():
            continue  # written before the visit began: not one of its photos (stat only)
        key = (str(path), stat.st_size, stat.st_mtime_ns)
        known = seen.get(key) or _look(path, stat, zone)
        if known.taken_at is None:
            seen.put(key, known)
            continue
        if bounds is not None and not bounds[0] <= from_iso(known.taken_at) <= bounds[1]:
            seen.put(key, known)
            continue
        if known.sha256 is None:
            try:
                known = _Seen(known.taken_at, known.time_source, _sha256(path))
            except OSError:
                log.warning("photo tray: %s could not be read", path, exc_info=True)
                continue
        seen.put(key, known)
        assert known.sha256 is not None and known.taken_at is not None
        thumb = thumbnail_path(data_dir, known.sha256)
        if not thumb.exists():
            try:
                make_thumbnail(path, thumb)
            except PhotoRefused:  # its pixels do not decode: the import would refuse it
                seen.put(key, _Seen(None, "none"))
                continue
            except Exception:  # derived: the tile stays empty, the photo is still offered
                log.warning("photo tray: no thumbnail for %s", path, exc_info=True)
        photo = VisitPhoto(path, known.sha256, known.taken_at, known.time_source)
        found.append(photo)
        if on_found is not None:
            on_found(photo)
    found.sort(key=lambda p: (p.taken_at, p.path.name))
    return found
