"""The notice lifecycle (整改通知单): state is never stored, it is derived from append-only events.

issued ─签收→ acknowledged ─整改回执→ rectified ─复查通过→ passed ─销号→ closed
                     ↑                     │
                     └──── rework ←─复查不通过┘          closed ─reopened→ rework

Extensions (延期) are granted or refused while the unit is still working on it; a granted one
moves the due time. What counts as overdue, on time or late is defined once, in
domain/overdue.py: a notice whose recheck passed (awaiting 销号) is not overdue.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from domain.clock import from_iso
from domain.i18n import QT_TRANSLATE_NOOP, Message
from domain.overdue import is_overdue, rectified_late, rectified_on_time

EVENT_KINDS = (
    "issued",
    "acknowledged",
    "rectified",
    "recheck_passed",
    "recheck_failed",
    "extension_granted",
    "extension_refused",
    "closed",
    "reopened",
)
STATES = ("issued", "acknowledged", "rectified", "rework", "passed", "closed")
_WORKING = ("acknowledged", "rework")

# event kind → (states it may follow, state it leads to; None keeps the state)
TRANSITIONS: dict[str, tuple[tuple[str, ...], str | None]] = {
    "acknowledged": (("issued",), "acknowledged"),
    "rectified": (_WORKING, "rectified"),
    "recheck_passed": (("rectified",), "passed"),
    "recheck_failed": (("rectified",), "rework"),
    "extension_granted": (("issued", *_WORKING), None),
    "extension_refused": (("issued", *_WORKING), None),
    "closed": (("passed",), "closed"),
    "reopened": (("closed",), "rework"),
}
_CTX = "lifecycle"
# An event dated further than this past the clock reading it is "from the future": a wrong clock
# or a forged date. It bounds nothing, so one such event cannot freeze a notice for everyone.
FUTURE_SLACK = timedelta(minutes=10)


@dataclass(frozen=True)
class NoticeEvent:
    kind: str
    at: datetime
    new_due_at: datetime | None = None
    signer: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class NoticeStatus:
    state: str
    due_at: datetime
    closed_at: datetime | None
    failed_rechecks: int
    skipped: int = 0  # events the lifecycle refused (lenient replay only)
    reported_at: datetime | None = None  # the latest 整改回执 (rectified event) accepted

    def overdue(self, now: datetime) -> bool:
        """逾期 at `now`, as domain/overdue.py defines it."""
        return is_overdue(self.state, self.due_at, self.reported_at, now)

    def rectified_on_time(self) -> bool:
        """按期整改 (domain/overdue.py)."""
        return rectified_on_time(self.state, self.due_at, self.reported_at)

    def rectified_late(self) -> bool:
        """超期整改 (domain/overdue.py)."""
        return rectified_late(self.state, self.due_at, self.reported_at)


class LifecycleError(ValueError):
    def __init__(self, message: Message) -> None:
        self.message = message
        super().__init__(str(message))


def _refuse(text: str, **values: object) -> LifecycleError:
    return LifecycleError(Message(_CTX, text, dict(values)))


def check_event(state: str, due_at: datetime, event: NoticeEvent) -> tuple[str, datetime]:
    """The state and due time after `event`; LifecycleError when the lifecycle forbids it."""
    if event.kind == "issued":
        raise _refuse(QT_TRANSLATE_NOOP("lifecycle", "A notice is issued only once"))
    if event.kind not in TRANSITIONS:
        raise _refuse(
            QT_TRANSLATE_NOOP("lifecycle", "Unknown notice event {kind!r}"), kind=event.kind
        )
    allowed, target = TRANSITIONS[event.kind]
    if state not in allowed:
        raise _refuse(
            QT_TRANSLATE_NOOP(
                "lifecycle", "'{kind}' is not possible while the notice is '{state}'"
            ),
            kind=event.kind,
            state=state,
        )
    if event.kind == "acknowledged" and not (event.signer or "").strip():
        raise _refuse(QT_TRANSLATE_NOOP("lifecycle", "Acknowledgement needs the signer's name"))
    if (
        event.kind in ("reopened", "recheck_failed", "extension_refused")
        and not (event.note or "").strip()
    ):
        raise _refuse(QT_TRANSLATE_NOOP("lifecycle", "'{kind}' needs a reason"), kind=event.kind)
    if event.kind == "extension_granted":
        if event.at > due_at:
            raise _refuse(
                QT_TRANSLATE_NOOP(
                    "lifecycle",
                    "An extension is granted before the due time; this notice is already overdue",
                )
            )
        if event.new_due_at is None or event.new_due_at <= due_at:
            raise _refuse(
                QT_TRANSLATE_NOOP(
                    "lifecycle", "An extension needs a new due time after the current one"
                )
            )
        due_at = event.new_due_at
    return (target or state), due_at


def derive_status(events: Iterable[NoticeEvent], *, lenient: bool = False) -> NoticeStatus:
    """Replay a notice's events (in order) into its current state. The first must be 'issued'.

    `lenient` skips an event the lifecycle refuses instead of failing (a replica can hold one:
    a step recorded offline that the server later refused), counting it in `skipped`; lists and
    assessments use it so one such notice never hides all the others."""
    ordered = list(events)
    if not ordered or ordered[0].kind != "issued" or ordered[0].new_due_at is None:
        raise _refuse(
            QT_TRANSLATE_NOOP(
                "lifecycle", "A notice starts with an 'issued' event carrying its due time"
            )
        )
    state, due_at = "issued", ordered[0].new_due_at
    closed_at: datetime | None = None
    reported_at: datetime | None = None
    failed = 0
    skipped = 0
    for event in ordered[1:]:
        try:
            state, due_at = check_event(state, due_at, event)
        except LifecycleError:
            if not lenient:
                raise
            skipped += 1
            continue
        if event.kind == "closed":
            closed_at = event.at
        elif event.kind == "reopened":
            closed_at = None
        elif event.kind == "recheck_failed":
            failed += 1
        elif event.kind == "rectified":
            reported_at = event.at
    return NoticeStatus(
        state=state,
        due_at=due_at,
        closed_at=closed_at,
        failed_rechecks=failed,
        skipped=skipped,
        reported_at=reported_at,
    )


def _moment(row: Mapping[str, object], key: str = "at") -> datetime | None:
    try:
        return from_iso(str(row[key]))
    except (KeyError, TypeError, ValueError):
        return None


def in_the_future(row: Mapping[str, object], now: datetime) -> bool:
    """Is the event row (a mapping with `at`) dated beyond `now` (+ FUTURE_SLACK), or undated?"""
    at = _moment(row)
    return at is None or at > now + FUTURE_SLACK


def effective_moment(row: Mapping[str, object], now: datetime) -> datetime | None:
    """When an event row counts as having happened: its `at`; for one dated in the future, the
    moment it was recorded (`created_at`) if that is not in the future too; else None (it counts
    after every other event and bounds nothing)."""
    for key in ("at", "created_at"):
        moment = _moment(row, key)
        if moment is not None and moment <= now + FUTURE_SLACK:
            return moment
    return None


def replay_order(rows: Iterable[Mapping[str, object]], now: datetime) -> list:
    """Event rows (mappings with at, created_at, id) in the order to replay them: by when they
    count (effective_moment), those that count at no moment last, in their recorded order."""

    def key(row: Mapping[str, object]) -> tuple:
        moment = effective_moment(row, now)
        return (moment is None, moment or now, str(row.get("created_at")), str(row.get("id")))

    return sorted(rows, key=key)


def last_moment(rows: Sequence[Mapping[str, object]], now: datetime) -> datetime | None:
    """The latest moment among the rows' effective moments: a new event may not precede it.
    None when there is none."""
    moments = [m for r in rows if (m := effective_moment(r, now)) is not None]
    return max(moments, default=None)
