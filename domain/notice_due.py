"""A notice's due time from its problems' time limits: each item's limit counted on the working-day
calendar from the issue time; the tightest wins."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from domain.template import TemplateItem
from domain.workcalendar import DueTime, WorkCalendar, compute_due


def notice_due(
    issued_at: datetime, items: Iterable[TemplateItem], calendar: WorkCalendar
) -> DueTime:
    """The earliest due time over `items`; its warning covers every item's uncovered years."""
    dues = [compute_due(issued_at, item.due_amount, item.due_unit, calendar) for item in items]
    if not dues:
        raise ValueError("a notice needs at least one problem")
    tightest = min(dues, key=lambda d: d.at)
    uncovered = sorted({year for d in dues for year in d.uncovered_years})
    return DueTime(at=tightest.at, uncovered_years=tuple(uncovered))
