"""The evidence browser's times in words: the camera's (EXIF), the inspection's recorded ones, the
server's receipt, and what disagrees (domain/photo_times.py decides; this only says it)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale

from app.labels import local_time
from domain.photo_times import TimeFinding
from local_db.receipts import Receipt

SECONDS = "yyyy-MM-dd HH:mm:ss"


def gap_text(seconds: float) -> str:
    """A time difference as people say it: minutes, hours or days."""
    minutes = round(abs(seconds) / 60)
    if minutes < 120:
        return QCoreApplication.translate("evidence_times", "{n} min").format(n=minutes)
    hours = abs(seconds) / 3600
    if hours < 48:
        return QCoreApplication.translate("evidence_times", "{n} h").format(
            n=QLocale().toString(round(hours, 1), "f", 1).removesuffix(".0")
        )
    return QCoreApplication.translate("evidence_times", "{n} days").format(n=round(hours / 24))


def finding_text(finding: TimeFinding) -> str:
    gap = gap_text(finding.seconds)
    if finding.kind == "no_exif":
        return QCoreApplication.translate(
            "evidence_times",
            "No camera time (EXIF) in this photo: when it was taken cannot be checked.",
        )
    if finding.kind == "before_start":
        return QCoreApplication.translate(
            "evidence_times", "Camera time (EXIF) is {gap} before the inspection started."
        ).format(gap=gap)
    if finding.kind == "after_finish":
        return QCoreApplication.translate(
            "evidence_times", "Camera time (EXIF) is {gap} after the inspection finished."
        ).format(gap=gap)
    if finding.row == "inspection":
        return QCoreApplication.translate(
            "evidence_times",
            "The inspector's laptop clock was at least {gap} ahead of the server's when it sent "
            "this inspection: its recorded times are not reliable.",
        ).format(gap=gap)
    return QCoreApplication.translate(
        "evidence_times",
        "The laptop clock was at least {gap} ahead of the server's when it sent this photo: "
        "its import time is not reliable.",
    ).format(gap=gap)


def recorded_text(inspection: Mapping[str, Any] | None) -> str:
    """The inspection's recorded start and finish (the inspector's laptop clock)."""
    if not inspection or not inspection.get("started_at"):
        return "—"
    start = local_time(inspection["started_at"], SECONDS)
    if inspection.get("finished_at"):
        return QCoreApplication.translate("evidence_times", "{start} – {finish}").format(
            start=start, finish=local_time(inspection["finished_at"], SECONDS)
        )
    return QCoreApplication.translate("evidence_times", "from {start} (not finished)").format(
        start=start
    )


def receipt_text(receipt: Receipt | None) -> str:
    """When the server received the photo row (the server's clock)."""
    if receipt is None:
        return QCoreApplication.translate(
            "evidence_times", "not known (not received from the server yet)"
        )
    return local_time(receipt.received_at, SECONDS)


def time_source_text(source: str | None) -> str:
    """The label of a photo's capture time as written, naming the field that gave it."""
    texts = {
        "exif_datetime": QCoreApplication.translate(
            "evidence_times", "Taken (EXIF file time, DateTime)"
        ),
        "gps": QCoreApplication.translate("evidence_times", "Taken (GPS, UTC)"),
        "xmp": QCoreApplication.translate("evidence_times", "Taken (XMP)"),
        "container": QCoreApplication.translate(
            "evidence_times", "Recorded (the video or audio file's own time)"
        ),
    }
    return texts.get(source or "", QCoreApplication.translate("evidence_times", "Taken (EXIF)"))
