"""What goes into an evidence package, read from the store: every submitted version of the
inspection's correction chain (rows as stored, reviews), the notice with its events, follow-up
and photos, the audit trail of each packaged entity, and names for the ids (units, zones,
people, checklist items). The package itself is written by local_db/evidence_package.py.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from domain.clock import now_iso, to_iso
from domain.digest import DIGEST_VERSION, inspection_digest
from domain.evidence import photo_warnings
from domain.evidence_package import FORMAT, FORMAT_VERSION, photo_path
from local_db.cases import cases_on_notice, photos_of_cases
from local_db.duty_checks import duty_check
from local_db.inspections import findings, inspection_persons
from local_db.notices import events, status
from local_db.photos import photos_of
from local_db.reference import load_template, local_person_id
from local_db.reviews import version_chain
from local_db.store import Store, StoreError


class EvidenceError(StoreError):
    """The package cannot be made; the message says why and names the record or photo."""


@dataclass(frozen=True)
class Original:
    """One original to put in the package (once, however many photo rows use it)."""

    sha256: str
    byte_size: int
    path: str  # in the ZIP
    label: str  # for messages: file name, inspection version and item


class MissingOriginals(EvidenceError):
    """Originals that are not on this laptop (e.g. a reviewer's replica has not fetched them)."""

    def __init__(self, missing: list[Original]) -> None:
        self.missing = missing
        names = "; ".join(f"{o.label} (SHA-256 {o.sha256[:12]}…)" for o in missing)
        super().__init__(
            f"{len(missing)} photo(s) cannot be packaged: their originals are not on this "
            f"laptop (export again while connected to the server: the export fetches them): "
            f"{names}"
        )


@dataclass
class Collected:
    """The manifest without its list of files, and what to put beside it."""

    manifest: dict[str, Any]
    originals: list[Original] = field(default_factory=list)
    audit: list[dict[str, Any]] = field(default_factory=list)
    subject_label: str = ""


def collect(
    store: Store,
    *,
    inspection_id: str | None = None,
    notice_id: str | None = None,
    software: str = "ducha",
) -> Collected:
    """Gather one inspection's chain, or one notice and its inspection's chain (EvidenceError
    when the subject is unknown, a draft, or no longer matches its recorded digest)."""
    if (inspection_id is None) == (notice_id is None):
        raise ValueError("package either an inspection or a notice")
    notice = None
    if notice_id is not None:
        notice = store.row("notice", notice_id)
        if notice is None:
            raise EvidenceError(f"no notice {notice_id} in this store")
        inspection_id = notice["inspection_id"]
    if inspection_id is None:  # a case's notice (问题来源): no visit, its case(s) instead
        assert notice is not None
        return _case_notice(store, notice, software)
    subject = store.row("inspection", inspection_id)
    if subject is None:
        raise EvidenceError(f"no inspection {inspection_id} in this store")
    if subject["status"] != "submitted":
        raise EvidenceError(
            f"inspection {inspection_id} is a draft: only a submitted (sealed) inspection is "
            "evidence"
        )
    whole = version_chain(store, inspection_id)
    chain = [s for s in whole if s.inspection["status"] == "submitted"]
    originals: dict[str, Original] = {}
    versions = [
        _version(store, number, step.inspection, step.reviews, originals)
        for number, step in enumerate(chain, start=1)
    ]
    notices = [_notice(store, notice, originals)] if notice else []
    return _collected(store, versions, notices, originals, whole, notice, inspection_id, software)


def _case_notice(store: Store, notice: dict[str, Any], software: str) -> Collected:
    originals: dict[str, Original] = {}
    notices = [_notice(store, notice, originals)]
    return _collected(store, [], notices, originals, [], notice, None, software)


def _collected(
    store: Store,
    versions: list[dict[str, Any]],
    notices: list[dict[str, Any]],
    originals: dict[str, Original],
    whole: list[Any],
    notice: dict[str, Any] | None,
    inspection_id: str | None,
    software: str,
) -> Collected:
    audit = _audit(store, versions, notices)
    person = local_person_id(store)
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "digest_version": DIGEST_VERSION,
        "created_at": now_iso(),
        "created_by": {
            "device_id": store.device_id,
            "person_id": person,
            "person_name": _name(store, "person", person),
            "software": software,
        },
        "subject": {
            "kind": "notice" if notice else "inspection",
            "id": notice["id"] if notice else inspection_id,
            "number": notice["number"] if notice else None,
        },
        "inspections": versions,
        # a correction still being written is no evidence yet: named, not packaged
        "open_drafts": [s.inspection["id"] for s in whole if s.inspection["status"] != "submitted"],
        "notices": notices,
        "audit": audit,
        "audit_note": "the audit trail recorded on this device (each device keeps its own)",
        "reference": _reference(store, versions, notices, audit),
    }
    label = f"notice {notice['number']}" if notice else f"inspection {inspection_id}"
    return Collected(manifest, list(originals.values()), audit, label)


def _version(
    store: Store,
    number: int,
    inspection: dict[str, Any],
    reviews: list[dict[str, Any]],
    originals: dict[str, Original],
) -> dict[str, Any]:
    persons = inspection_persons(store, inspection["id"])
    found = sorted(findings(store, inspection["id"]).values(), key=lambda f: f["item_code"])
    codes = {f["id"]: f["item_code"] for f in found}
    photos = []
    for row in photos_of(store, inspection["id"]):
        item = codes.get(row["finding_id"]) if row["finding_id"] else None
        where = f"version {number}" + (f", item {item}" if item else "")
        photos.append(
            {
                **row,
                "file": _original(row, f"{row['original_name']} ({where})", originals),
                "item_code": item,
                "time_warnings": [
                    str(w)
                    for w in photo_warnings(
                        row, inspection["started_at"], inspection["finished_at"]
                    )
                ],
            }
        )
    recomputed = inspection_digest(inspection, persons, found, photos)
    if recomputed != inspection["digest"]:
        raise EvidenceError(
            f"inspection {inspection['id']} (version {number}) no longer matches the digest "
            f"recorded at submit ({inspection['digest']}, now {recomputed}): this store was "
            "altered and cannot vouch for it"
        )
    return {
        "version": number,
        "inspection": inspection,
        "persons": persons,
        "findings": found,
        "photos": photos,
        # 马路办公 (domain/duty.py): not covered by the digest, listed as the store holds it
        "duty_check": duty_check(store, inspection["id"]),
        "reviews": reviews,
        "recorded_digest": inspection["digest"],
        "recomputed_digest": recomputed,
    }


def _original(row: dict[str, Any], label: str, originals: dict[str, Original]) -> str:
    known = originals.get(row["sha256"])
    if known is None:
        path = photo_path(row["sha256"], row["original_name"], row["format"])
        known = originals[row["sha256"]] = Original(row["sha256"], row["byte_size"], path, label)
    return known.path


def _notice(store: Store, notice: dict[str, Any], originals: dict[str, Original]) -> dict[str, Any]:
    current = status(store, notice["id"])
    rectifications = store.rows(
        "SELECT * FROM rectification WHERE notice_id = ? ORDER BY reported_at, id", [notice["id"]]
    )
    rechecks = store.rows(
        "SELECT * FROM recheck WHERE notice_id = ? ORDER BY at, id", [notice["id"]]
    )
    photos = store.rows(
        "SELECT * FROM photo WHERE rectification_id IN (SELECT id FROM rectification "
        "WHERE notice_id = ?) OR recheck_id IN (SELECT id FROM recheck WHERE notice_id = ?) "
        "ORDER BY taken_at IS NULL, taken_at, imported_at, id",
        [notice["id"], notice["id"]],
    )
    where = f"notice {notice['number']}"
    # its case and the cases merged into it (问题来源), with their photos
    cases = [
        {
            "case": case,
            "photos": [
                {**p, "file": _original(p, f"{p['original_name']} (case {case['ticket_no']})",
                                        originals)}
                for p in photos_of_cases(store, [case["id"]])
            ],
        }
        for case in cases_on_notice(store, notice["id"])
    ]  # fmt: skip
    return {
        "notice": notice,
        "events": events(store, notice["id"]),
        "state": current.state,
        "current_due_at": to_iso(current.due_at),
        "rectifications": rectifications,
        "rechecks": rechecks,
        "photos": [
            {**p, "file": _original(p, f"{p['original_name']} ({where}, {p['role']})", originals)}
            for p in photos
        ],
        "cases": cases,
    }


def _audit(
    store: Store, versions: list[dict[str, Any]], notices: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The audit rows of every packaged inspection, photo and notice, in the order written."""
    keys = {("inspection", v["inspection"]["id"]) for v in versions}
    keys |= {("photo", p["id"]) for v in versions for p in v["photos"]}
    keys |= {("duty_check", v["duty_check"]["id"]) for v in versions if v.get("duty_check")}
    keys |= {("notice", n["notice"]["id"]) for n in notices}
    keys |= {("photo", p["id"]) for n in notices for p in n["photos"]}
    keys |= {("problem_case", c["case"]["id"]) for n in notices for c in n.get("cases", [])}
    keys |= {("photo", p["id"]) for n in notices for c in n.get("cases", []) for p in c["photos"]}
    rows = store.rows(
        "SELECT * FROM audit WHERE entity_id IN (SELECT value FROM json_each(?)) ORDER BY seq",
        [json.dumps(sorted({k[1] for k in keys}))],
    )
    return [r for r in rows if (r["entity"], r["entity_id"]) in keys]


def _name(store: Store, entity: str, row_id: str | None) -> str | None:
    row = store.row(entity, row_id) if row_id else None
    return row["name"] if row else None


def _names(store: Store, entity: str, ids: Iterable[str | None]) -> dict[str, str]:
    wanted = sorted({i for i in ids if i})
    rows = store.rows(
        f"SELECT id, name FROM {entity} WHERE id IN (SELECT value FROM json_each(?))",
        [json.dumps(wanted)],
    )
    return {r["id"]: r["name"] for r in rows}


def _reference(
    store: Store,
    versions: list[dict[str, Any]],
    notices: list[dict[str, Any]],
    audit: list[dict[str, Any]],
) -> dict[str, Any]:
    """Names for the ids in the records, so the manifest reads without the store."""
    rows = [v["inspection"] for v in versions]
    unit_ids = [r["unit_id"] for r in rows]
    people = [p["person_id"] for v in versions for p in v["persons"]]
    people += [r["reviewer"] for v in versions for r in v["reviews"]]
    people += [a["actor"] for a in audit]
    for n in notices:
        unit_ids += [n["notice"]["unit_id"], *json.loads(n["notice"]["cc_units"])]
        people += [n["notice"]["issued_by"], *(e["actor"] for e in n["events"])]
        # 改派, 推诿, 延期申请: the units the events name, by name in the manifest
        unit_ids += [e.get(k) for e in n["events"] for k in ("from_unit_id", "to_unit_id")]
    zones = store.rows(
        "SELECT id, name, kind, unit_id, chief_name FROM zone "
        "WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id",
        [json.dumps(sorted({r["zone_id"] for r in rows}))],
    )
    items: dict[str, dict[str, Any]] = {}
    templates: dict[str, dict[str, Any]] = {}
    for v in versions:
        template_id = v["inspection"]["template_id"]
        template = load_template(store, template_id)
        templates[template_id] = {"name": template.name, "version": template.version}
        for f in v["findings"]:
            item = template.item(f["item_code"])
            items.setdefault(
                f["item_code"],
                {
                    "text": item.text,
                    "gb_code": item.gb_code,
                    "category": item.category_name,
                    "deduction_per_case": item.deduction_per_case,
                    "max_deduction": item.max_deduction,
                },
            )
    return {
        "units": _names(store, "unit", unit_ids),
        "zones": {z.pop("id"): z for z in zones},
        "persons": _names(store, "person", people),
        "templates": templates,
        "items": items,
    }
