"""Problem cases (问题来源, domain/cases.py) in the store: record an imported file's cases with
their photos in one transaction, list them, and triage each once — 交办 to a unit as a notice of
its own, 合并 into an open notice, or 不予受理 with a reason.

The case is written before its notice (domain/wire.py ENTITIES): a push sends the case with its
notice_id and the notice naming it together, which the server accepts (server/case_checks.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from domain.clock import OFFICE_TZ_DEFAULT, now_iso
from domain.i18n import QT_TRANSLATE_NOOP, Message, Refusal
from local_db.notices import save_notice, status
from local_db.store import Store, StoreError


class CaseError(Refusal, StoreError):
    """A triage the case or the notice does not allow; `message` says why."""


def _refuse(text: str, **values: Any) -> CaseError:
    return CaseError(Message("cases", text, dict(values)))


@dataclass(frozen=True)
class NewCase:
    """One case of an import, checked (app/cases/import_file.py): its photos' metadata from the
    photo importer (originals already in the blob store)."""

    source: str
    ticket_no: str
    received_at: str
    address: str
    description: str
    photos: tuple[dict[str, Any], ...] = ()


def held_tickets(store: Store, source: str, tickets: Iterable[str]) -> list[str]:
    """The 工单号 among `tickets` a case of `source` already holds, in the order given."""
    wanted = list(dict.fromkeys(tickets))
    held: set[str] = set()
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        marks = ",".join("?" * len(chunk))
        held |= {
            r["ticket_no"]
            for r in store.rows(
                f"SELECT ticket_no FROM problem_case WHERE source = ? AND ticket_no IN ({marks})",
                [source, *chunk],
            )
        }
    return [t for t in wanted if t in held]


def record_cases(
    store: Store,
    cases: Sequence[NewCase],
    *,
    file_name: str,
    file_sha256: str,
    by: str | None,
) -> list[dict[str, Any]]:
    """Record an import's cases and their photos, all or nothing (a 工单号 already held refuses
    the whole file, by name)."""
    with store.transaction():
        for source in {c.source for c in cases}:
            held = held_tickets(store, source, [c.ticket_no for c in cases if c.source == source])
            if held:
                raise _refuse(
                    QT_TRANSLATE_NOOP("cases", "Already imported: {tickets}"),
                    tickets="、".join(held),
                )
        saved = []
        for case in cases:
            row = store.save(
                "problem_case",
                {
                    "source": case.source,
                    "ticket_no": case.ticket_no,
                    "received_at": case.received_at,
                    "address": case.address,
                    "description": case.description,
                    "triage": "pending",
                    "file_name": file_name[:255],
                    "file_sha256": file_sha256,
                },
            )
            for meta in case.photos:
                photo = store.save(
                    "photo",
                    {**meta, "imported_at": meta.get("imported_at") or now_iso(),
                     "case_id": row["id"], "role": "evidence"},
                )  # fmt: skip
                store.audit(by, "photo", photo["id"], "attached", photo["sha256"])
            store.audit(by, "problem_case", row["id"], "imported", file_sha256)
            saved.append(row)
    return saved


def list_cases(store: Store, triage: str | None = None) -> list[dict[str, Any]]:
    """Cases newest first, with their unit's, zone's and notice's names and photo count."""
    where, params = ("WHERE c.triage = ? ", [triage]) if triage else ("", [])
    return store.rows(
        "SELECT c.*, u.name AS unit_name, z.name AS zone_name, n.number AS notice_number, "
        "(SELECT count(*) FROM photo p WHERE p.case_id = c.id) AS photo_count "
        "FROM problem_case c LEFT JOIN unit u ON u.id = c.unit_id "
        "LEFT JOIN zone z ON z.id = c.zone_id LEFT JOIN notice n ON n.id = c.notice_id "
        + where
        + "ORDER BY c.received_at DESC, c.id DESC",
        params,
    )


def _pending(store: Store, case_id: str) -> dict[str, Any]:
    case = store.row("problem_case", case_id)
    if case is None:
        raise _refuse(QT_TRANSLATE_NOOP("cases", "The case is no longer in this store."))
    if case["triage"] != "pending":
        raise _refuse(
            QT_TRANSLATE_NOOP("cases", "Case {ticket} has already been triaged."),
            ticket=case["ticket_no"],
        )
    return case


def assign_case(
    store: Store,
    case_id: str,
    *,
    unit_id: str,
    zone_id: str | None,
    requirements: str,
    due_at: str,
    by: str | None,
    issued_at: str | None = None,
    due_note: str | None = None,
    zone: str = OFFICE_TZ_DEFAULT,
) -> dict[str, Any]:
    """交办: the case becomes a notice of its own to `unit_id` (its source and case named),
    issued now with its 'issued' event; returns the notice."""
    issued_at = issued_at or now_iso()
    with store.transaction():
        case = _pending(store, case_id)
        if store.row("unit", unit_id) is None:
            raise _refuse(QT_TRANSLATE_NOOP("cases", "The unit is no longer in this store."))
        if zone_id is not None:
            found = store.row("zone", zone_id)
            if found is None or found["unit_id"] != unit_id:
                raise _refuse(QT_TRANSLATE_NOOP("cases", "The zone belongs to another unit."))
        text = requirements.strip() or case["description"]
        notice = save_notice(
            store,
            {
                "unit_id": unit_id,
                "zone_id": zone_id,
                "inspection_id": None,
                "findings": "[]",
                "requirements": text,
                "issued_by": by,
                "due_at": due_at,
                "cc_units": "[]",
                "source": case["source"],
                "case_id": case_id,
            },
            issued_at=issued_at,
            due_note=due_note,
            zone=zone,
        )
        _triaged(store, case, "assigned", by, unit_id=unit_id, zone_id=zone_id,
                 notice_id=notice["id"], at=issued_at)  # fmt: skip
    return notice


def merge_case(store: Store, case_id: str, notice_id: str, *, by: str | None) -> dict[str, Any]:
    """合并: the case joins an open notice (its photos are shown on that notice)."""
    with store.transaction():
        case = _pending(store, case_id)
        notice = store.row("notice", notice_id)
        if notice is None:
            raise _refuse(QT_TRANSLATE_NOOP("cases", "The notice is no longer in this store."))
        if status(store, notice_id).state == "closed":
            raise _refuse(
                QT_TRANSLATE_NOOP("cases", "Notice {number} is closed: merge into an open one."),
                number=notice["number"],
            )
        return _triaged(store, case, "merged", by, unit_id=notice["unit_id"],
                        zone_id=notice["zone_id"], notice_id=notice_id)  # fmt: skip


def close_case(store: Store, case_id: str, reason: str, *, by: str | None) -> dict[str, Any]:
    """不予受理: the case is closed as not a city-management problem, with its reason."""
    if not reason.strip():
        raise _refuse(QT_TRANSLATE_NOOP("cases", "Give the reason the case is not accepted."))
    with store.transaction():
        case = _pending(store, case_id)
        return _triaged(store, case, "closed", by, note=reason.strip())


def _triaged(
    store: Store,
    case: dict[str, Any],
    triage: str,
    by: str | None,
    *,
    unit_id: str | None = None,
    zone_id: str | None = None,
    notice_id: str | None = None,
    note: str | None = None,
    at: str | None = None,
) -> dict[str, Any]:
    row = store.save(
        "problem_case",
        {
            "id": case["id"],
            "triage": triage,
            "unit_id": unit_id,
            "zone_id": zone_id,
            "notice_id": notice_id,
            "triage_note": note,
            "triaged_by": by,
            "triaged_at": at or now_iso(),
        },
    )
    store.audit(by, "problem_case", row["id"], triage, notice_id)
    return row


def case_of_notice(store: Store, notice: dict[str, Any]) -> dict[str, Any] | None:
    """The case a notice was made from (None: an inspection's notice)."""
    case_id = notice.get("case_id")
    return store.row("problem_case", case_id) if case_id else None


def cases_on_notice(store: Store, notice_id: str) -> list[dict[str, Any]]:
    """The cases given to (交办) or merged into (合并) a notice, oldest first."""
    return store.rows(
        "SELECT * FROM problem_case WHERE notice_id = ? ORDER BY received_at, id", [notice_id]
    )


def photos_of_cases(store: Store, case_ids: Sequence[str]) -> list[dict[str, Any]]:
    """The photos of these cases, in the order taken."""
    if not case_ids:
        return []
    marks = ",".join("?" * len(case_ids))
    return store.rows(
        f"SELECT * FROM photo WHERE case_id IN ({marks}) "
        "ORDER BY coalesce(taken_at, imported_at), id",
        list(case_ids),
    )
