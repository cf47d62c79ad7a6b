"""Do a photo's times agree? The camera's (EXIF), the inspection's recorded start and finish (the
inspector's laptop clock), and the server's receipt time (the server's clock).

- The camera time should fall inside the inspection's start..finish window, give or take a
  tolerance (a photo taken elsewhere, on another day, or with the camera clock set wrong).
- A device that stamped a row later than the server received it had its clock ahead (see
  local_db/receipts.py); then the recorded times themselves are not to be trusted.

The client words these findings; here they are only facts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from domain.clock import from_iso

EXIF_TOLERANCE = timedelta(minutes=10)
SKEW_TOLERANCE_SECONDS = 600


@dataclass(frozen=True)
class TimeFinding:
    # "no_exif": no camera time to check; "before_start" / "after_finish": the camera time lies
    # `seconds` outside the inspection's window; "clock_ahead": the device that sent `row`
    # ("photo" or "inspection") had its clock at least `seconds` ahead of the server's.
    kind: str
    seconds: float = 0.0
    row: str = ""


def _moment(value: Any) -> datetime | None:
    try:
        return from_iso(str(value)) if value else None
    except ValueError:
        return None


def check_photo_times(
    photo: Mapping[str, Any],
    inspection: Mapping[str, Any] | None,
    *,
    photo_skew: float | None = None,
    inspection_skew: float | None = None,
    tolerance: timedelta = EXIF_TOLERANCE,
    skew_tolerance: float = SKEW_TOLERANCE_SECONDS,
) -> list[TimeFinding]:
    """What disagrees about this photo's times (empty when all agree or nothing can be said).

    The window is the inspection's started_at..finished_at; an inspection not yet finished
    runs at least until the photo was imported."""
    found: list[TimeFinding] = []
    taken = _moment(photo.get("taken_at"))
    start = _moment(inspection.get("started_at")) if inspection else None
    if taken is None:
        found.append(TimeFinding("no_exif"))
    elif start is not None:
        assert inspection is not None
        finish = _moment(inspection.get("finished_at"))
        if finish is None:
            imported = _moment(photo.get("imported_at"))
            finish = max(start, imported) if imported is not None else start
        finish = max(start, finish)
        if taken < start - tolerance:
            found.append(TimeFinding("before_start", (start - taken).total_seconds()))
        elif taken > finish + tolerance:
            found.append(TimeFinding("after_finish", (taken - finish).total_seconds()))
    for row, skew in (("inspection", inspection_skew), ("photo", photo_skew)):
        if skew is not None and skew > skew_tolerance:
            found.append(TimeFinding("clock_ahead", float(skew), row))
    return found
