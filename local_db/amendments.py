"""Correcting a submitted inspection: a new draft that amends it, findings and photos copied."""

from __future__ import annotations

from typing import Any

from local_db.duty_checks import copy_duty_check
from local_db.inspections import findings, inspection_persons, record_finding, start_inspection
from local_db.photos import META_FIELDS, attach_photo, photos_of
from local_db.store import Store


def amend_inspection(store: Store, inspection_id: str, *, actor: str | None) -> dict[str, Any]:
    """A new draft correcting a submitted inspection, with its findings copied.

    There is at most one open draft amending an inspection: asking again returns it.
    """
    original = store.row("inspection", inspection_id)
    if original is None:
        raise KeyError(inspection_id)
    if original["status"] != "submitted":
        raise ValueError("only a submitted inspection can be corrected")
    open_draft = store.rows(
        "SELECT * FROM inspection WHERE amends_id = ? AND status = 'draft'", [inspection_id]
    )
    if open_draft:
        return open_draft[0]
    persons = inspection_persons(store, inspection_id)
    with store.transaction():
        draft = start_inspection(
            store,
            template_id=original["template_id"],
            zone_id=original["zone_id"],
            mode=original["mode"],
            person_ids=[p["person_id"] for p in persons],
            lead_id=next((p["person_id"] for p in persons if p["lead"]), None),
            started_at=original["started_at"],
            amends_id=inspection_id,
        )
        store.save(
            "inspection",
            {"id": draft["id"], "location": original["location"], "summary": original["summary"]},
        )
        copied: dict[str, str] = {}
        for f in findings(store, inspection_id).values():
            copy = record_finding(
                store,
                draft["id"],
                f["item_code"],
                f["result"],
                cases=f["cases"],
                description=f["description"],
                severity=f["severity"],
                location=f["location"],
            )
            copied[f["id"]] = copy["id"]
        # The evidence goes along: the same originals, attached to the corrected findings.
        photo_copies: dict[str, str] = {}
        for photo in photos_of(store, inspection_id):
            meta = {k: v for k, v in photo.items() if k in META_FIELDS}
            photo_copies[photo["id"]] = attach_photo(
                store,
                meta,
                inspection_id=draft["id"],
                finding_id=copied.get(photo["finding_id"]) if photo["finding_id"] else None,
                role=photo["role"],
            )[0]["id"]
        copy_duty_check(store, inspection_id, draft["id"], photo_copies)
        store.audit(actor, "inspection", draft["id"], "amends", original["digest"])
        saved = store.row("inspection", draft["id"])
        assert saved is not None
    return saved


def never_amended_with_problems(store: Store) -> list[dict[str, Any]]:
    """Submitted inspections with problems that no other version amends (not even a draft),
    the earliest started first."""
    return store.rows(
        "SELECT i.* FROM inspection i WHERE i.status = 'submitted' AND i.problem_count > 0 "
        "AND NOT EXISTS (SELECT 1 FROM inspection a WHERE a.amends_id = i.id) "
        "ORDER BY i.started_at"
    )
