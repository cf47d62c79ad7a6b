"""Decoding photos for the viewer as jobs (app/jobs.py): what runs on the worker thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PIL import Image, UnidentifiedImageError
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QImage

from app.jobs import describe_error

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
    """The detail shown under "This photo cannot be shown.", in the user's language ("" for an
    image with no pixels); the decoder's own text goes to the log, never to the screen."""
    if isinstance(error, Undecodable):
        return ""
    if isinstance(error, Image.DecompressionBombError):
        return QCoreApplication.translate(
            "loading", "The image has too many pixels to be shown safely."
        )
    if isinstance(error, UnidentifiedImageError):
        return QCoreApplication.translate("loading", "The file is not an image that can be read.")
    if isinstance(error, OSError) and error.errno is None:  # the decoder's: truncated, broken
        return QCoreApplication.translate("loading", "The image file is damaged or incomplete.")
    return describe_error(error)
