"""Recording an inspection: start, findings, submit (digest + lock), amend.

Every function writes in one transaction; the outbox gets each changed row with it.
"""

from __future__ import annotations

from typing import Any

from domain.clock import now_iso
from domain.digest import inspection_digest
from domain.i18n import QT_TRANSLATE_NOOP, Message, Refusal
from domain.scoring import FindingScore, item_deduction, score_inspection
from domain.submission import Gap, submission_gaps
from domain.vocab import MODES, RESULTS, SEVERITIES
from local_db.reference import load_template
from local_db.store import Store, StoreError


class InspectionLocked(StoreError):
    """A submitted inspection never changes; correct it with an amendment."""


class SubmitRefused(StoreError):
    def __init__(self, gaps: list[Gap]) -> None:
        self.gaps = gaps
        super().__init__("; ".join(str(g.message) for g in gaps))


def require_draft(store: Store, inspection_id: str) -> dict[str, Any]:
    """The inspection's row; KeyError if there is none, InspectionLocked once submitted."""
    row = store.row("inspection", inspection_id)
    if row is None:
        raise KeyError(f"no inspection {inspection_id}")
    if row["status"] != "draft":
        raise InspectionLocked(f"inspection {inspection_id} is submitted and cannot change")
    return row


def start_inspection(
    store: Store,
    *,
    template_id: str,
    zone_id: str,
    mode: str,
    person_ids: list[str],
    lead_id: str | None = None,
    started_at: str | None = None,
    amends_id: str | None = None,
) -> dict[str, Any]:
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}")
    if not person_ids:
        raise ValueError("an inspection needs at least one inspector")
    template = store.row("template", template_id)
    zone = store.row("zone", zone_id)
    if template is None or zone is None:
        raise KeyError("unknown template or zone")
    if template.get("retired_at") and amends_id is None:  # a correction keeps its version
        raise Refusal(
            Message(
                "inspections",
                QT_TRANSLATE_NOOP(
                    "inspections",
                    "Checklist {name} v{version} is retired: choose a current version",
                ),
                {"name": template["name"], "version": template["version"]},
            )
        )
    lead = lead_id or person_ids[0]
    with store.transaction():
        row = store.save(
            "inspection",
            {
                "template_id": template_id,
                "template_version": template["version"],
                "zone_id": zone_id,
                "unit_id": zone["unit_id"],
                "mode": mode,
                "started_at": started_at or now_iso(),
                "amends_id": amends_id,
                "score": load_template(store, template_id).full_score,
            },
        )
        for person_id in dict.fromkeys(person_ids):
            store.save(
                "inspection_person",
                {
                    "inspection_id": row["id"],
                    "person_id": person_id,
                    "lead": int(person_id == lead),
                },
            )
        store.audit(lead, "inspection", row["id"], "started")
    return row


def update_inspection(store: Store, inspection_id: str, **fields: Any) -> dict[str, Any]:
    allowed = {"mode", "location", "summary"}
    if set(fields) - allowed:
        raise ValueError(f"cannot edit {sorted(set(fields) - allowed)}")
    if "mode" in fields and fields["mode"] not in MODES:
        raise ValueError(f"unknown mode {fields['mode']!r}")
    with store.transaction():
        require_draft(store, inspection_id)
        return store.save("inspection", {"id": inspection_id, **fields})


def findings(store: Store, inspection_id: str) -> dict[str, dict[str, Any]]:
    """The inspection's findings by item code."""
    rows = store.rows("SELECT * FROM finding WHERE inspection_id = ?", [inspection_id])
    return {r["item_code"]: r for r in rows}


def inspection_persons(store: Store, inspection_id: str) -> list[dict[str, Any]]:
    return store.rows(
        "SELECT ip.*, p.name FROM inspection_person ip JOIN person p ON p.id = ip.person_id "
        "WHERE ip.inspection_id = ? ORDER BY ip.lead DESC, p.name",
        [inspection_id],
    )


def _refresh_score(store: Store, inspection_id: str, template_id: str) -> None:
    template = load_template(store, template_id)
    score = score_inspection(
        template,
        (
            FindingScore(f["item_code"], f["result"], f["cases"])
            for f in findings(store, inspection_id).values()
        ),
    )
    fields = {"score": score.score, "deducted": score.deducted, "problem_count": score.problems}
    held = store.row("inspection", inspection_id)
    if held is not None and all(held.get(k) == v for k, v in fields.items()):
        return  # unchanged: no new rev (another laptop's edit of the draft is not clashed with)
    store.save("inspection", {"id": inspection_id, **fields})


def record_finding(
    store: Store,
    inspection_id: str,
    item_code: str,
    result: str,
    *,
    cases: int = 0,
    description: str = "",
    severity: str | None = None,
    location: str | None = None,
) -> dict[str, Any]:
    """Set an item's result. For a problem the deduction follows the item's rule (per case, cap)."""
    if result not in RESULTS:
        raise ValueError(f"unknown result {result!r}")
    if severity is not None and severity not in SEVERITIES:
        raise ValueError(f"unknown severity {severity!r}")
    with store.transaction():
        inspection = require_draft(store, inspection_id)
        item = load_template(store, inspection["template_id"]).item(item_code)
        if result == "problem":
            cases = max(int(cases), 1)
            deduction = item_deduction(item, cases)
            severity = severity or item.severity
        else:
            cases, deduction, severity, description = 0, 0.0, None, ""
        existing = findings(store, inspection_id).get(item_code)
        row: dict[str, Any] = {
            "inspection_id": inspection_id,
            "item_code": item_code,
            "result": result,
            "cases": cases,
            "deduction": deduction,
            "description": description.strip(),
            "severity": severity,
            "location": location,
        }
        if existing:
            row["id"] = existing["id"]
        saved = store.save("finding", row)
        _refresh_score(store, inspection_id, inspection["template_id"])
    return saved


def clear_finding(store: Store, inspection_id: str, item_code: str) -> None:
    with store.transaction():
        inspection = require_draft(store, inspection_id)
        existing = findings(store, inspection_id).get(item_code)
        if existing:
            store.delete("finding", existing["id"])
            _refresh_score(store, inspection_id, inspection["template_id"])


def mark_unanswered_ok(store: Store, inspection_id: str) -> int:
    """Record 'ok' for every item without a result; returns how many were set."""
    with store.transaction():
        inspection = require_draft(store, inspection_id)
        done = findings(store, inspection_id)
        template = load_template(store, inspection["template_id"])
        count = 0
        for item in template.items():
            if item.code not in done:
                record_finding(store, inspection_id, item.code, "ok")
                count += 1
    return count


def photo_counts(store: Store, inspection_id: str) -> dict[str, int]:
    """Evidence photos per finding id."""
    return {
        r["finding_id"]: r["n"]
        for r in store.rows(
            "SELECT finding_id, count(*) AS n FROM photo WHERE inspection_id = ? "
            "AND finding_id IS NOT NULL GROUP BY finding_id",
            [inspection_id],
        )
    }


def _photos(store: Store, inspection_id: str) -> list[dict[str, Any]]:
    return store.rows("SELECT * FROM photo WHERE inspection_id = ?", [inspection_id])


def submission_check(store: Store, inspection_id: str) -> list[Gap]:
    inspection = store.row("inspection", inspection_id)
    if inspection is None:
        raise KeyError(inspection_id)
    template = load_template(store, inspection["template_id"])
    return submission_gaps(
        template,
        findings(store, inspection_id),
        photo_counts(store, inspection_id),
        inspector_count=len(inspection_persons(store, inspection_id)),
    )


def digest_of(store: Store, inspection_id: str) -> str:
    inspection = store.row("inspection", inspection_id)
    assert inspection is not None
    return inspection_digest(
        inspection,
        inspection_persons(store, inspection_id),
        findings(store, inspection_id).values(),
        _photos(store, inspection_id),
    )


def submit_inspection(
    store: Store,
    inspection_id: str,
    *,
    actor: str | None,
    accept_warnings: bool = False,
    finished_at: str | None = None,
) -> dict[str, Any]:
    """Check, stamp the finish time (now, unless given), compute the digest and lock it."""
    with store.transaction():
        require_draft(store, inspection_id)
        gaps = submission_check(store, inspection_id)
        refused = [g for g in gaps if g.blocking or not accept_warnings]
        if refused:
            raise SubmitRefused(refused)
        store.save("inspection", {"id": inspection_id, "finished_at": finished_at or now_iso()})
        digest = digest_of(store, inspection_id)
        row = store.save(
            "inspection", {"id": inspection_id, "status": "submitted", "digest": digest}
        )
        store.audit(actor, "inspection", inspection_id, "submitted", digest)
    return row
