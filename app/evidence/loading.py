"""Decoding photos for the viewer as jobs (app/jobs.py): what runs on the worker thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QImage

Photo = dict[str, Any]


class WantedPhotos:
    """The photo ids the viewer still wants; a queued load of any other id is skipped.

    Read from worker threads: the set is replaced, never changed in place.
    """

    def __init__(self) -> None:
        self.ids: frozenset[str] = frozenset()


class Undecodable(Exception):
    """The viewer's decoder gave no image."""


def load_wanted(
    photo: Photo, load: Callable[[Photo], QImage], wanted: WantedPhotos
) -> QImage | None:
    """On a worker thread: decode one photo, or None when the user moved on before its turn
    came (skipped). Raises whatever the decoder raised, or Undecodable."""
    if str(photo["id"]) not in wanted.ids:
        return None
    image = load(photo)
    if image is None or image.isNull():
        raise Undecodable(str(photo["id"]))
    return image


def load_error_text(error: BaseException) -> str:
    """The detail shown under "This photo cannot be shown." ("" for an image with no pixels)."""
    return "" if isinstance(error, Undecodable) else str(error) or type(error).__name__
