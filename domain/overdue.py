"""逾期 (overdue), 按期整改 (rectified on time) and 超期整改 (rectified late): the one definition
every screen, document and figure uses (the notices list, the 逾期提醒 dialog, the assessment,
the bulletin and the workbook).

A notice gives its unit a time limit to rectify and report (“请于…前整改完毕，并将整改情况报…”).
Its due time is a moment already worked out on the office's working-day calendar when it was
issued (domain/notice_due.py, domain/workcalendar.py) and moved only by a granted extension
(延期), so the rule compares moments and never counts working days again. The unit's part is
done when a recheck (复查) passes; 销号 (close-out) that follows is the office's step, and its
delay is never the unit's.

- **Rectified on time (按期整改)**: a recheck passed (state `passed`, or `closed` after 销号) and
  the rectification report (整改回执) it confirmed — the latest one — was made by the due time.
- **Rectified late (超期整改)**: a recheck passed, but the report it confirmed came after the due
  time.
- **Overdue (逾期) at a moment `now`**: `now` is after the due time and the unit's part is not
  done: no recheck has passed since the notice was issued or sent back (states `issued`,
  `acknowledged`, `rework` — a failed recheck or a reopened close-out sends it back), or its
  report awaits a recheck (`rectified`) but came after the due time.
  Never overdue: a notice whose recheck passed (awaiting 销号), a closed notice, and one whose
  report came by the due time and awaits the office's recheck (should that recheck fail, the
  notice is overdue again). Exactly at the due time is still in time.

Every notice whose due time has passed is therefore exactly one of: rectified on time, rectified
late, overdue, or awaiting a recheck of a report made in time.
"""

from __future__ import annotations

from datetime import datetime

DONE_STATES = ("passed", "closed")  # a recheck passed: the unit's part is done
AWAITING_RECHECK = "rectified"
OPEN_STATES = ("issued", "acknowledged", "rework")  # the unit still has to rectify


def reported_in_time(reported_at: datetime | None, due_at: datetime) -> bool:
    return reported_at is not None and reported_at <= due_at


def is_overdue(state: str, due_at: datetime, reported_at: datetime | None, now: datetime) -> bool:
    """Overdue at `now` (the module's rule). `reported_at`: the latest 整改回执, if any."""
    if state in DONE_STATES or now <= due_at:
        return False
    return not (state == AWAITING_RECHECK and reported_in_time(reported_at, due_at))


def rectified_on_time(state: str, due_at: datetime, reported_at: datetime | None) -> bool:
    """按期整改: a recheck passed and the report it confirmed was made by the due time."""
    return state in DONE_STATES and reported_in_time(reported_at, due_at)


def rectified_late(state: str, due_at: datetime, reported_at: datetime | None) -> bool:
    """超期整改: a recheck passed, but the report it confirmed came after the due time."""
    return state in DONE_STATES and not reported_in_time(reported_at, due_at)
