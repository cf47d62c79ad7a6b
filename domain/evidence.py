"""What a reviewer should be warned of about a photo's metadata."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from domain.i18n import QT_TRANSLATE_NOOP, Message
from domain.photo_times import check_photo_times

# A photo taken this far from the inspection's time is flagged (settable by the client).
DEFAULT_MAX_GAP = timedelta(hours=2)


def photo_warnings(
    photo: Mapping[str, Any],
    started_at: str | None,
    finished_at: str | None = None,
    *,
    max_gap: timedelta = DEFAULT_MAX_GAP,
) -> list[Message]:
    """Warnings for one photo: no camera time at all, or a time far from the inspection's
    (the window check is domain/photo_times.py's, with `max_gap` as its tolerance)."""
    inspection = {"started_at": started_at, "finished_at": finished_at} if started_at else None
    messages = []
    for found in check_photo_times(photo, inspection, tolerance=max_gap):
        if found.kind == "no_exif":
            messages.append(
                Message(
                    "evidence",
                    QT_TRANSLATE_NOOP(
                        "evidence",
                        "No camera time (EXIF) in this photo: it may have been sent through a "
                        "chat app that strips it. Its time cannot be checked.",
                    ),
                )
            )
            continue
        if found.kind not in ("before_start", "after_finish"):
            continue
        hours = round(found.seconds / 3600, 1)
        if hours >= 48:
            text = QT_TRANSLATE_NOOP(
                "evidence",
                "Taken {days} days away from the inspection's time: check it was taken here.",
            )
            messages.append(Message("evidence", text, {"days": round(hours / 24)}))
            continue
        text = QT_TRANSLATE_NOOP(
            "evidence", "Taken {hours} h away from the inspection's time: check it was taken here."
        )
        messages.append(Message("evidence", text, {"hours": hours}))
    return messages
