"""What a reviewer should be warned of about a photo's metadata."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from domain.clock import from_iso
from domain.i18n import QT_TRANSLATE_NOOP, Message

# A photo taken this far from the inspection's time is flagged (settable by the client).
DEFAULT_MAX_GAP = timedelta(hours=2)


def photo_warnings(
    photo: Mapping[str, Any],
    started_at: str | None,
    finished_at: str | None = None,
    *,
    max_gap: timedelta = DEFAULT_MAX_GAP,
) -> list[Message]:
    """Warnings for one photo: no camera time at all, or a time far from the inspection's."""
    if not photo.get("taken_at"):
        return [
            Message(
                "evidence",
                QT_TRANSLATE_NOOP(
                    "evidence",
                    "No camera time (EXIF) in this photo: it may have been sent through a chat "
                    "app that strips it. Its time cannot be checked.",
                ),
            )
        ]
    if not started_at:
        return []
    taken = from_iso(photo["taken_at"])
    start = from_iso(started_at)
    end = from_iso(finished_at) if finished_at else start
    if start - max_gap <= taken <= max(end, start) + max_gap:
        return []
    gap = start - taken if taken < start else taken - max(end, start)
    hours = round(gap.total_seconds() / 3600, 1)
    if hours >= 48:
        text = QT_TRANSLATE_NOOP(
            "evidence",
            "Taken {days} days away from the inspection's time: check it was taken here.",
        )
        return [Message("evidence", text, {"days": round(hours / 24)})]
    text = QT_TRANSLATE_NOOP(
        "evidence", "Taken {hours} h away from the inspection's time: check it was taken here."
    )
    return [Message("evidence", text, {"hours": hours})]
