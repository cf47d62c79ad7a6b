"""Rectification notices in the store: issue one from a submitted inspection, record its events
(签收, 整改回执, 复查, 销号, 延期 …) checked against the lifecycle, list them with derived state.

A notice's state, current due time and "overdue" are never stored: they are replayed from its
append-only events (domain/lifecycle.py).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import groupby
from operator import itemgetter
from typing import Any

from domain.clock import OFFICE_TZ_DEFAULT, from_iso, now_iso, office_zone, to_iso, utc_now
from domain.i18n import QT_TRANSLATE_NOOP, Message, Refusal
from domain.lifecycle import (
    LifecycleError,
    NoticeEvent,
    NoticeStatus,
    check_after,
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
    return save_notice(
        store,
        {
            "unit_id": unit_id,
            "zone_id": inspection["zone_id"],
            "inspection_id": inspection_id,
            "findings": json.dumps(list(dict.fromkeys(finding_ids))),
            "requirements": requirements.strip(),
            "issued_by": issued_by,
            "due_at": due_at,
            "cc_units": json.dumps([u for u in dict.fromkeys(cc_unit_ids) if u != unit_id]),
        },
        issued_at=issued_at,
        due_note=due_note,
        zone=zone,
    )


def save_notice(
    store: Store,
    fields: dict[str, Any],
    *,
    issued_at: str | None,
    due_note: str | None,
    zone: str,
) -> dict[str, Any]:
    """Write a checked notice with its number and its 'issued' event (an inspection's, or a
    case's: local_db/cases.py), inside the caller's transaction when there is one."""
    issued_at = issued_at or now_iso()
    due_at, issued_by = fields["due_at"], fields.get("issued_by")
    if from_iso(due_at) <= from_iso(issued_at):
        raise _refuse(QT_TRANSLATE_NOOP("notices", "The due time must be after the issue time."))
    with store.transaction():
        official = take_official(store, from_iso(issued_at).astimezone(office_zone(zone)).year)
        notice = store.save(
            "notice",
            {
                "number": official or next_provisional_number(store),
                "number_kind": "official" if official else "provisional",
                **fields,
                "issued_at": issued_at,
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
        from_unit_id=row.get("from_unit_id"),
        to_unit_id=row.get("to_unit_id"),
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
    from_unit_id: str | None = None,
    to_unit_id: str | None = None,
) -> dict[str, Any]:
    """Append an event after checking the lifecycle allows it now (else NoticeError).
    `from_unit_id` / `to_unit_id`: for 改派, 推诿, 延期申请 (local_db/unit_events.py)."""
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
            "from_unit_id": from_unit_id,
            "to_unit_id": to_unit_id,
        }
        try:
            check_after(current, domain_event(row))
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
    cursor = store.db.execute(
        "SELECT n.*, u.name AS unit_name, z.name AS zone_name, p.name AS issued_by_name "
        "FROM notice n JOIN unit u ON u.id = n.unit_id LEFT JOIN zone z ON z.id = n.zone_id "
        "LEFT JOIN person p ON p.id = n.issued_by "
        + (f"WHERE {' AND '.join(where)} " if where else "")
        + "ORDER BY n.issued_at DESC, n.id DESC",
        params,
    )
    names = [c[0] for c in cursor.description]
    rows = cursor.fetchall()  # tuples: a dict is made only for a notice that is listed
    id_at, issued_at, due_at = (names.index(k) for k in ("id", "issued_at", "due_at"))
    # Only the notices picked (by unit, or by the SQL prefilter) have their events read; for
    # the whole list, every event in one pass.
    narrowed = bool(flt.unit_id or flt.overdue_only or flt.attention_until is not None)
    by_notice = _histories(store, [r[id_at] for r in rows] if narrowed else None) if rows else {}
    # Stored times (UTC, domain/clock.py's one fixed width) are parsed without the general
    # path, which dominated a replay of a year's notices; any other text takes that path.
    fast, STORED = datetime.fromisoformat, _STORED_WIDTH  # "…Z": UTC, as from_iso gives it
    result = []
    for row in rows:
        # A notice whose events have not all arrived yet (mid-sync) counts as just issued.
        history = by_notice.get(row[id_at]) or [
            (row[id_at], "issued", row[issued_at], row[due_at], None, None)
        ]
        current = derive_status(
            [
                NoticeEvent(
                    kind,
                    fast(at) if len(at) == STORED and at[-1] == "Z" else from_iso(at),
                    (fast(due) if len(due) == STORED and due[-1] == "Z" else from_iso(due))
                    if due
                    else None,
                    signer,
                    note,
                )
                for _, kind, at, due, signer, note in history
            ],
            lenient=True,
        )
        overdue = current.overdue(now)
        if flt.state and current.state != flt.state:
            continue
        if flt.overdue_only and not overdue:
            continue
        result.append(
            dict(
                zip(names, row, strict=True),
                state=current.state,
                current_due_at=_write(current.due_at),
                overdue=overdue,
                # who signed last (after 改派, the new unit)
                signer=next((e[4] for e in reversed(history) if e[1] == "acknowledged"), None),
                # the unit's request for more time / dispute, not decided yet
                pending_extension=current.pending_extension is not None,
                pending_dispute=current.pending_dispute is not None,
            )
        )
    return result


# What a replay needs of a notice's events, in recorded order: (notice_id, kind, at,
# new_due_at, signer, note) each.
_History = list[tuple[str, str, str, str | None, str | None, str | None]]
_REPLAYED = "SELECT notice_id, kind, at, new_due_at, signer, note FROM notice_event"


def _histories(store: Store, notice_ids: list[str] | None) -> dict[str, _History]:
    """notice id → its events as the replay needs them, for these notices (in chunks) or, with
    None, for all of them (one query, read in the order of the notices' ids)."""
    order = "ORDER BY notice_id, created_at, id"
    chunks = (
        [(f"{_REPLAYED} {order}", [])]
        if notice_ids is None
        else [
            (f"{_REPLAYED} WHERE notice_id IN ({','.join('?' * len(part))}) {order}", part)
            for start in range(0, len(notice_ids), 500)
            if (part := notice_ids[start : start + 500])
        ]
    )
    history: dict[str, _History] = {}
    for sql, params in chunks:
        for notice_id, events in groupby(store.db.execute(sql, params), key=itemgetter(0)):
            history[notice_id] = list(events)
    return history


def _write(moment: datetime) -> str:
    """to_iso, without its slow general path for a UTC moment (the replay's due times)."""
    if moment.tzinfo is UTC and moment.year >= 1000:
        return moment.isoformat(timespec="microseconds")[:-6] + "Z"  # drops "+00:00"
    return to_iso(moment)


_STORED_WIDTH = len("2026-01-05T01:00:00.000000Z")
