"""Decoding photos for the viewer on worker threads; results come back by queued signals."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QObject,
    Signal,
)
from PySide6.QtGui import (
    QImage,
)

Photo = dict[str, Any]


class LoadDelivery(QObject):
    """Carries one load's result from the worker thread to the viewer (a queued signal).

    One per load and owned by the task, so it outlives the viewer if the viewer goes first.
    """

    loaded = Signal(str, QImage)
    failed = Signal(str, str)
    skipped = Signal(str)  # no longer wanted when its turn came: not loaded


class WantedPhotos:
    """The photo ids the viewer still wants; a queued load of any other id is skipped.

    Read from worker threads: the set is replaced, never changed in place.
    """

    def __init__(self) -> None:
        self.ids: frozenset[str] = frozenset()


def run_load(
    photo: Photo, load: Callable[[Photo], QImage], wanted: WantedPhotos, delivery: LoadDelivery
) -> None:
    """Runs in a worker thread: decode one photo, or report why it cannot be shown."""
    with contextlib.suppress(RuntimeError):  # the viewer closed (its delivery deleted) meanwhile
        load_and_deliver(photo, load, wanted, delivery)


def load_and_deliver(
    photo: Photo, load: Callable[[Photo], QImage], wanted: WantedPhotos, delivery: LoadDelivery
) -> None:
    photo_id = str(photo["id"])
    if photo_id not in wanted.ids:
        delivery.skipped.emit(photo_id)  # the user moved on before this load started
        return
    try:
        image = load(photo)
    except Exception as exc:  # any failure of the caller's decoder is shown, never raised
        delivery.failed.emit(photo_id, str(exc) or type(exc).__name__)
        return
    if image is None or image.isNull():
        delivery.failed.emit(photo_id, "")
        return
    delivery.loaded.emit(photo_id, image)
