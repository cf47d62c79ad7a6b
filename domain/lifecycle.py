"""The notice lifecycle (整改通知单): state is never stored, it is derived from append-only events.

issued ─签收→ acknowledged ─整改回执→ rectified ─复查通过→ passed ─销号→ closed
                     ↑                     │
                     └──── rework ←─复查不通过┘          closed ─reopened→ rework

Extensions (延期) are granted or refused while the unit is still working on it; a granted one
moves the due time. The unit may ask for one first (extension_requested, recorded on its behalf:
who asked, why, the date asked for); at most one request is pending until the office decides it.

改派 and 推诿: while the unit works on it, the unit may dispute that the notice is theirs
(disputed: who, why; one pending at a time). The office then refuses the dispute
(dispute_refused: 推诿, counted against the unit that disputed) or transfers the notice to the
right unit (transferred, with or without a dispute: it settles a pending one), which starts it
over at 'issued' with a new due time; the notice keeps its id, number and history. These four
events name the unit responsible when they happened (from_unit_id), a transfer also the unit
it goes to (to_unit_id); the contract (domain/contract/rows.py) requires them.

What counts as overdue, on time or late is defined once, in domain/overdue.py: a notice whose
recheck passed (awaiting 销号) is not overdue.
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
    "extension_requested",
    "disputed",
    "dispute_refused",
    "transferred",
)
# events that name the unit responsible when they happened (from_unit_id); transferred also
# names the unit the notice goes to (to_unit_id)
UNIT_EVENTS = ("extension_requested", "disputed", "dispute_refused", "transferred")
STATES = ("issued", "acknowledged", "rectified", "rework", "passed", "closed")
_WORKING = ("acknowledged", "rework")
_WITH_UNIT = ("issued", *_WORKING)  # the unit works on it: it may ask for time or dispute

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
    "extension_requested": (_WITH_UNIT, None),
    "disputed": (_WITH_UNIT, None),
    "dispute_refused": (_WITH_UNIT, None),
    "transferred": (_WITH_UNIT, "issued"),
}
_NEEDS_REASON = (
    "reopened",
    "recheck_failed",
    "extension_refused",
    "extension_requested",
    "disputed",
    "dispute_refused",
    "transferred",
)
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
    from_unit_id: str | None = None
    to_unit_id: str | None = None


@dataclass(frozen=True)
class NoticeStatus:
    state: str
    due_at: datetime
    closed_at: datetime | None
    failed_rechecks: int
    skipped: int = 0  # events the lifecycle refused (lenient replay only)
    reported_at: datetime | None = None  # the latest 整改回执 (rectified event) accepted
    pending_extension: NoticeEvent | None = None  # the unit's request not decided yet
    pending_dispute: NoticeEvent | None = None  # the unit's dispute not decided yet
    refused_disputes: int = 0  # 推诿: disputes the office refused
    transfers: int = 0  # 改派

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


def check_event(
    state: str,
    due_at: datetime,
    event: NoticeEvent,
    *,
    pending_extension: NoticeEvent | None = None,
    pending_dispute: NoticeEvent | None = None,
) -> tuple[str, datetime]:
    """The state and due time after `event`; LifecycleError when the lifecycle forbids it.
    `pending_extension` / `pending_dispute`: the unit's request or dispute not decided yet."""
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
    if event.kind in _NEEDS_REASON and not (event.note or "").strip():
        raise _refuse(QT_TRANSLATE_NOOP("lifecycle", "'{kind}' needs a reason"), kind=event.kind)
    if event.kind in ("extension_requested", "disputed") and not (event.signer or "").strip():
        raise _refuse(
            QT_TRANSLATE_NOOP("lifecycle", "'{kind}' needs the name of who asked at the unit"),
            kind=event.kind,
        )
    if event.kind == "extension_requested":
        if pending_extension is not None:
            raise _refuse(
                QT_TRANSLATE_NOOP(
                    "lifecycle",
                    "The unit's earlier request for more time is not decided yet",
                )
            )
        if event.new_due_at is None or event.new_due_at <= due_at:
            raise _refuse(
                QT_TRANSLATE_NOOP(
                    "lifecycle", "A request for more time asks for a date after the due time"
                )
            )
    if event.kind == "disputed" and pending_dispute is not None:
        raise _refuse(
            QT_TRANSLATE_NOOP("lifecycle", "The unit's earlier dispute is not decided yet")
        )
    if event.kind == "dispute_refused" and pending_dispute is None:
        raise _refuse(QT_TRANSLATE_NOOP("lifecycle", "There is no pending dispute to refuse"))
    if event.kind == "transferred":
        if event.from_unit_id is not None and event.from_unit_id == event.to_unit_id:
            raise _refuse(QT_TRANSLATE_NOOP("lifecycle", "A notice is transferred to another unit"))
        if event.new_due_at is None or event.new_due_at <= event.at:
            raise _refuse(
                QT_TRANSLATE_NOOP("lifecycle", "A transfer needs a new due time after the transfer")
            )
        return "issued", event.new_due_at
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
    asked: NoticeEvent | None = None  # the pending extension request
    disputed: NoticeEvent | None = None  # the pending dispute
    refused = transfers = 0
    for event in ordered[1:]:
        try:
            state, due_at = check_event(
                state, due_at, event, pending_extension=asked, pending_dispute=disputed
            )
        except LifecycleError:
            if not lenient:
                raise
            skipped += 1
            continue
        kind = event.kind
        if kind in UNIT_EVENTS or kind.startswith("extension_"):
            if kind == "extension_requested":
                asked = event
            elif kind in ("extension_granted", "extension_refused"):
                asked = None
            elif kind == "disputed":
                disputed = event
            elif kind == "dispute_refused":
                disputed = None
                refused += 1
            else:  # transferred: settles the dispute; the old unit's request goes with it
                disputed = asked = None
                transfers += 1
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
        pending_extension=asked,
        pending_dispute=disputed,
        refused_disputes=refused,
        transfers=transfers,
    )


def check_after(status: NoticeStatus, event: NoticeEvent) -> tuple[str, datetime]:
    """check_event from a replayed status (its state, due time and pending request/dispute)."""
    return check_event(
        status.state,
        status.due_at,
        event,
        pending_extension=status.pending_extension,
        pending_dispute=status.pending_dispute,
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
