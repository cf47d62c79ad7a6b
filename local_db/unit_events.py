"""改派, 推诿 and 延期申请 in the store (domain/lifecycle.py): the unit's request for more time and
its dispute, recorded by the office on the unit's behalf; the office refusing a dispute (推诿,
counted against the unit that disputed) or transferring the notice to another unit.

Each event names the unit responsible when it happened (from_unit_id); a transfer also names
the unit it goes to and, in the same transaction, moves the notice row's unit_id (the event
first, then the notice: the outbox sends them in that order), so every query on notice.unit_id
follows. The notice keeps its id, number and history; its due time is counted again from the
transfer with the items' time limits, as when it was issued.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import datetime
from typing import Any

from domain.clock import from_iso, now_iso
from domain.i18n import QT_TRANSLATE_NOOP, Message
from domain.notice_due import notice_due
from domain.workcalendar import DueTime, WorkCalendar
from local_db.notices import NoticeError, record_event
from local_db.reference import load_template
from local_db.store import Store


def _refuse(text: str, **values: Any) -> NoticeError:
    return NoticeError(Message("notices", text, dict(values)))


def _notice(store: Store, notice_id: str) -> dict[str, Any]:
    notice = store.row("notice", notice_id)
    if notice is None:
        raise _refuse(QT_TRANSLATE_NOOP("notices", "The notice is no longer in this store."))
    return notice


def record_extension_request(
    store: Store,
    notice_id: str,
    *,
    signer: str,
    reason: str,
    new_due_at: str,
    actor: str | None,
    at: str | None = None,
) -> dict[str, Any]:
    """延期申请: who at the unit asked, why, and the date asked for (the office decides it with
    extension_granted / extension_refused)."""
    with store.transaction():
        unit = _notice(store, notice_id)["unit_id"]
        return record_event(
            store,
            notice_id,
            "extension_requested",
            actor=actor,
            at=at,
            signer=signer,
            note=reason,
            new_due_at=new_due_at,
            from_unit_id=unit,
        )


def record_dispute(
    store: Store,
    notice_id: str,
    *,
    signer: str,
    reason: str,
    actor: str | None,
    at: str | None = None,
) -> dict[str, Any]:
    """异议: the unit says the notice is not theirs (who at the unit, why)."""
    with store.transaction():
        unit = _notice(store, notice_id)["unit_id"]
        return record_event(
            store,
            notice_id,
            "disputed",
            actor=actor,
            at=at,
            signer=signer,
            note=reason,
            from_unit_id=unit,
        )


def refuse_dispute(
    store: Store, notice_id: str, *, reason: str, actor: str | None, at: str | None = None
) -> dict[str, Any]:
    """驳回异议: the dispute was unfounded (推诿), counted against the unit that disputed."""
    with store.transaction():
        unit = _notice(store, notice_id)["unit_id"]
        return record_event(
            store, notice_id, "dispute_refused", actor=actor, at=at, note=reason, from_unit_id=unit
        )


def transfer_due(
    store: Store, notice_id: str, at: datetime, calendar: WorkCalendar
) -> DueTime | None:
    """The due time of a notice transferred at `at`: its problems' time limits counted from the
    transfer on the working-day calendar, as when it was issued. None when its problems cannot
    be read here (the office then sets the date)."""
    notice = _notice(store, notice_id)
    inspection = store.row("inspection", notice["inspection_id"])
    if inspection is None:
        return None
    try:
        template = load_template(store, inspection["template_id"])
    except KeyError:
        return None
    codes = [
        row["item_code"]
        for finding_id in json.loads(notice["findings"])
        if (row := store.row("finding", finding_id)) is not None
    ]
    items = []
    for code in codes:
        try:
            items.append(template.item(code))
        except KeyError:
            continue
    if not items:
        return None
    return notice_due(at, items, calendar)


def transfer_notice(
    store: Store,
    notice_id: str,
    *,
    to_unit_id: str,
    reason: str,
    new_due_at: str,
    actor: str | None,
    at: str | None = None,
) -> dict[str, Any]:
    """改派: the notice goes to `to_unit_id` with a new due time and starts over at 'issued'
    (the new unit signs for it). Returns the notice as it is now."""
    at = at or now_iso()
    with store.transaction():
        notice = _notice(store, notice_id)
        if store.row("unit", to_unit_id) is None:
            raise _refuse(QT_TRANSLATE_NOOP("notices", "The unit is no longer in this store."))
        if to_unit_id == notice["unit_id"]:
            raise _refuse(
                QT_TRANSLATE_NOOP("notices", "Choose another unit than the one responsible now.")
            )
        if from_iso(new_due_at) <= from_iso(at):
            raise _refuse(QT_TRANSLATE_NOOP("notices", "The due time must be after the transfer."))
        record_event(
            store,
            notice_id,
            "transferred",
            actor=actor,
            at=at,
            note=reason,
            new_due_at=new_due_at,
            from_unit_id=notice["unit_id"],
            to_unit_id=to_unit_id,
        )
        return store.save("notice", {"id": notice_id, "unit_id": to_unit_id})


def refused_dispute_rows(store: Store, start: str = "", end: str = "9999") -> list[tuple[str, str]]:
    """推诿: (unit that disputed, when refused) of every dispute the office refused in
    [start, end) (stored UTC texts; all of them by default)."""
    return [
        (unit, at)
        for unit, at in store.db.execute(
            "SELECT from_unit_id, at FROM notice_event "
            "WHERE kind = 'dispute_refused' AND at >= ? AND at < ?",
            [start, end],
        )
        if unit
    ]


def refused_disputes_by_unit(store: Store) -> dict[str, int]:
    """推诿 per unit: disputes the office refused, counted against the unit that disputed."""
    return dict(Counter(unit for unit, _at in refused_dispute_rows(store)))
