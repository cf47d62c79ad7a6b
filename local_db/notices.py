"""Rectification notices in the store: issue one from a submitted inspection, record its events
(签收, 整改回执, 复查, 销号, 延期 …) checked against the lifecycle, list them with derived state.

A notice's state, current due time and "overdue" are never stored: they are replayed from its
append-only events (domain/lifecycle.py).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from domain.clock import OFFICE_TZ_DEFAULT, from_iso, now_iso, office_zone, to_iso, utc_now
from domain.i18n import QT_TRANSLATE_NOOP, Message, Refusal
from domain.lifecycle import (
    LifecycleError,
    NoticeEvent,
    NoticeStatus,
    check_event,
    derive_status,
    last_moment,
)
from domain.numbering import provisional_number
from local_db.number_blocks import take_official
from local_db.overdue_sql import ATTENTION_IDS, OVERDUE_IDS
from local_db.store import Store, StoreError


class NoticeError(Refusal, StoreError):
    """A notice that cannot be issued or an event the lifecycle refuses; `message` says why."""


def _refuse(text: str, **values: Any) -> NoticeError:
    return NoticeError(Message("notices", text, dict(values)))


def next_provisional_number(store: Store) -> str:
    """The device's next provisional number; call inside the transaction that uses it."""
    seq = int(store.meta("notice_seq") or 0) + 1
    store.set_meta("notice_seq", str(seq))
    return provisional_number(store.device_id, seq)


def issue_notice(
    store: Store,
    *,
    inspection_id: str,
    unit_id: str,
    finding_ids: list[str],
    requirements: str,
    due_at: str,
    issued_by: str | None,
    cc_unit_ids: Iterable[str] = (),
    issued_at: str | None = None,
    due_note: str | None = None,
    zone: str = OFFICE_TZ_DEFAULT,
) -> dict[str, Any]:
    """Issue a notice for problems of a submitted inspection; its first event is 'issued'.
    Official numbers are per office and calendar year in the office's `zone`."""
    inspection = store.row("inspection", inspection_id)
    if inspection is None:
        raise _refuse(QT_TRANSLATE_NOOP("notices", "The inspection is no longer in this store."))
    if inspection["status"] != "submitted":
        raise _refuse(
            QT_TRANSLATE_NOOP("notices", "A notice is issued from a submitted inspection only.")
        )
    if not finding_ids:
        raise _refuse(QT_TRANSLATE_NOOP("notices", "Tick at least one problem."))
    marks = ",".join("?" * len(finding_ids))
    found = store.rows(
        f"SELECT id, result FROM finding WHERE inspection_id = ? AND id IN ({marks})",
        [inspection_id, *finding_ids],
    )
    if len(found) != len(set(finding_ids)) or any(f["result"] != "problem" for f in found):
        raise _refuse(
            QT_TRANSLATE_NOOP(
                "notices", "Every finding on a notice must be a problem of its inspection."
            )
        )
    if store.row("unit", unit_id) is None:
        raise _refuse(QT_TRANSLATE_NOOP("notices", "The unit is no longer in this store."))
    issued_at = issued_at or now_iso()
    if from_iso(due_at) <= from_iso(issued_at):
        raise _refuse(QT_TRANSLATE_NOOP("notices", "The due time must be after the issue time."))
    with store.transaction():
        official = take_official(store, from_iso(issued_at).astimezone(office_zone(zone)).year)
        notice = store.save(
            "notice",
            {
                "number": official or next_provisional_number(store),
                "number_kind": "official" if official else "provisional",
                "unit_id": unit_id,
                "zone_id": inspection["zone_id"],
                "inspection_id": inspection_id,
                "findings": json.dumps(list(dict.fromkeys(finding_ids))),
                "requirements": requirements.strip(),
                "issued_by": issued_by,
                "issued_at": issued_at,
                "due_at": due_at,
                "cc_units": json.dumps([u for u in dict.fromkeys(cc_unit_ids) if u != unit_id]),
            },
        )
        store.save(
            "notice_event",
            {
                "notice_id": notice["id"],
                "at": issued_at,
                "actor": issued_by,
                "kind": "issued",
                "new_due_at": due_at,
                "note": due_note,
            },
        )
        store.audit(issued_by, "notice", notice["id"], "issued")
    return notice


def notice_by_number(store: Store, number: str) -> dict[str, Any] | None:
    """The notice with this number (official or provisional), None if there is none."""
    rows = store.rows("SELECT * FROM notice WHERE number = ?", [number])
    return rows[0] if rows else None


def events(store: Store, notice_id: str) -> list[dict[str, Any]]:
    return store.rows(
        "SELECT * FROM notice_event WHERE notice_id = ? ORDER BY created_at, id", [notice_id]
    )


def events_by_notice(store: Store, notice_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """notice id → its events in recorded order, for many notices at once (in chunks)."""
    history: dict[str, list[dict[str, Any]]] = {}
    for start in range(0, len(notice_ids), 500):
        part = notice_ids[start : start + 500]
        marks = ",".join("?" * len(part))
        for event in store.rows(
            f"SELECT * FROM notice_event WHERE notice_id IN ({marks}) ORDER BY created_at, id",
            part,
        ):
            history.setdefault(event["notice_id"], []).append(event)
    return history


def domain_event(row: dict[str, Any]) -> NoticeEvent:
    return NoticeEvent(
        kind=row["kind"],
        at=from_iso(row["at"]),
        new_due_at=from_iso(row["new_due_at"]) if row["new_due_at"] else None,
        signer=row["signer"],
        note=row["note"],
    )


def issued_event(notice: dict[str, Any]) -> dict[str, Any]:
    """The 'issued' event a notice implies, for a notice whose events are not here yet."""
    return {
        "kind": "issued",
        "at": notice["issued_at"],
        "new_due_at": notice["due_at"],
        "signer": None,
        "note": None,
    }


def status(store: Store, notice_id: str) -> NoticeStatus:
    history = events(store, notice_id)
    if not history:
        notice = store.row("notice", notice_id)
        assert notice is not None
        history = [issued_event(notice)]
    return derive_status((domain_event(r) for r in history), lenient=True)


def record_event(
    store: Store,
    notice_id: str,
    kind: str,
    *,
    actor: str | None,
    at: str | None = None,
    signer: str | None = None,
    note: str | None = None,
    new_due_at: str | None = None,
) -> dict[str, Any]:
    """Append an event after checking the lifecycle allows it now (else NoticeError)."""
    with store.transaction():
        history = events(store, notice_id)
        current = derive_status((domain_event(r) for r in history), lenient=True)
        row = {
            "notice_id": notice_id,
            "at": at or now_iso(),
            "actor": actor,
            "kind": kind,
            "signer": (signer or "").strip() or None,
            "note": (note or "").strip() or None,
            "new_due_at": new_due_at,
        }
        try:
            check_event(current.state, current.due_at, domain_event(row))
        except LifecycleError as error:
            raise NoticeError(error.message) from error
        last = last_moment(history, utc_now())  # an event dated in the future bounds nothing
        if last is not None and from_iso(str(row["at"])) < last:
            raise _refuse(
                QT_TRANSLATE_NOOP(
                    "notices",
                    "The time given is before the notice's last recorded step: choose a later "
                    "time.",
                )
            )
        saved = store.save("notice_event", row)
        store.audit(actor, "notice", notice_id, kind)
    return saved


@dataclass(frozen=True)
class NoticeFilter:
    unit_id: str | None = None
    state: str | None = None
    overdue_only: bool = False
    # only those the 逾期提醒 lists: overdue, or still with the unit and due before this moment
    attention_until: datetime | None = None


def list_notices(
    store: Store,
    flt: NoticeFilter = NoticeFilter(),
    *,
    now: datetime | None = None,
) -> list[dict[str, Any]]:
    """Notices newest first, each with its derived state, current due time and overdue flag."""
    now = now or utc_now()
    where: list[str] = []
    params: dict[str, str] = {"now": to_iso(now)}
    if flt.unit_id:
        where.append("n.unit_id = :unit_id")
        params["unit_id"] = flt.unit_id
    # The overdue rule in SQL picks the candidates (local_db/overdue_sql.py); each is replayed
    # below all the same, so what is shown is the domain's reading.
    if flt.overdue_only:
        where.append(f"n.id IN ({OVERDUE_IDS})")
    if flt.attention_until is not None:
        where.append(f"n.id IN ({ATTENTION_IDS})")
        params["until"] = to_iso(flt.attention_until)
    rows = store.rows(
        "SELECT n.*, u.name AS unit_name, z.name AS zone_name, p.name AS issued_by_name "
        "FROM notice n JOIN unit u ON u.id = n.unit_id LEFT JOIN zone z ON z.id = n.zone_id "
        "LEFT JOIN person p ON p.id = n.issued_by "
        + (f"WHERE {' AND '.join(where)} " if where else "")
        + "ORDER BY n.issued_at DESC, n.id DESC",
        params,
    )
    by_notice: dict[str, list[dict[str, Any]]] = {}
    if rows and (flt.overdue_only or flt.attention_until is not None):
        by_notice = events_by_notice(store, [r["id"] for r in rows])
    elif rows:
        for event in store.rows("SELECT * FROM notice_event ORDER BY created_at, id"):
            by_notice.setdefault(event["notice_id"], []).append(event)
    result = []
    for row in rows:
        # A notice whose events have not all arrived yet (mid-sync) counts as just issued.
        history = by_notice.get(row["id"]) or [issued_event(row)]
        by_notice[row["id"]] = history
        current = derive_status((domain_event(e) for e in history), lenient=True)
        overdue = current.overdue(now)
        if flt.state and current.state != flt.state:
            continue
        if flt.overdue_only and not overdue:
            continue
        signer = next(
            (e["signer"] for e in by_notice[row["id"]] if e["kind"] == "acknowledged"), None
        )
        result.append(
            {
                **row,
                "state": current.state,
                "current_due_at": to_iso(current.due_at),
                "overdue": overdue,
                "signer": signer,
            }
        )
    return result
