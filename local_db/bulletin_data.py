"""What the month's bulletin and workbook need beyond the assessment (local_db/assessment_data.py):
every problem found in the period with its zone, item, inspectors and evidence photos, every
notice of the period with its derived state, and the inspections still awaiting review.

A problem "counts" when its inspection is the version the assessment counts (the latest accepted
one of its correction chain); the bulletin shows those, the workbook lists all and says which.
Notice state, current due time and overdue are replayed from their events, as everywhere.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from typing import Any

from domain.assessment import Period, counted_versions
from domain.cases import NOTICE_SOURCES
from domain.clock import from_iso, to_iso
from domain.lifecycle import derive_status
from domain.scoring import capped_deductions, item_deduction
from domain.template import Template
from local_db.assessment_data import inspection_facts
from local_db.notices import domain_event, events_by_notice, issued_event
from local_db.reference import load_template
from local_db.store import Store

_CHUNK = 500  # ids per IN (…) list: well under SQLite's variable limit


@dataclass(frozen=True)
class Problem:
    """One problem (finding with result 'problem') of a submitted inspection."""

    finding_id: str
    inspection_id: str
    unit_id: str
    unit_name: str
    zone_name: str
    zone_kind: str
    started_at: datetime  # aware, UTC
    mode: str
    inspectors: str  # "王磊、李娜", the lead first
    item_code: str
    item_text: str
    gb_code: str
    location: str
    description: str
    cases: int
    deduction: Decimal  # per case, capped per item, from the template (as the score counts it)
    review: str | None  # the inspection's latest review: 'accepted' | 'returned' | None
    counted: bool  # its inspection is the version the assessment counts
    notices: tuple[str, ...]  # numbers of the notices that name it
    photos: tuple[dict[str, Any], ...]  # its evidence photo rows, in time taken

    @property
    def header(self) -> dict[str, Any]:
        """The inspection header fields a watermark names."""
        return {
            "zone_name": self.zone_name,
            "unit_name": self.unit_name,
            "inspectors": self.inspectors,
        }


@dataclass(frozen=True)
class NoticeRow:
    """One notice issued in the period or due in it, with its state as of a moment."""

    id: str
    number: str
    number_kind: str
    unit_id: str
    unit_name: str
    zone_name: str
    issued_at: datetime
    issued_by: str
    first_due_at: datetime  # as issued
    due_at: datetime  # current, extensions applied
    state: str
    overdue: bool  # 逾期 as of `as_of` (domain/overdue.py)
    on_time: bool  # 按期整改 (domain/overdue.py)
    late: bool  # 超期整改
    signer: str | None
    acknowledged_at: datetime | None
    closed_at: datetime | None
    rechecks: int
    failed_rechecks: int
    problems: int
    issued_in_period: bool
    due_in_period: bool  # counts in the period's indicators (按期整改率, 销号率)
    source: str = "inspection"  # 问题来源 (domain/cases.py NOTICE_SOURCES)


def _chunks(ids: list[str]) -> list[list[str]]:
    return [ids[n : n + _CHUNK] for n in range(0, len(ids), _CHUNK)]


def counted_inspection_ids(store: Store, period: Period) -> set[str]:
    """The inspections the period's assessment counts (same rule, same facts)."""
    facts = [f for f in inspection_facts(store, period) if period.contains(f.started_at)]
    return {f.id for f in counted_versions(facts)}


def counted_inspections(store: Store, period: Period) -> list[dict[str, Any]]:
    """The counted inspections' id, mode (unannounced/open/covert) and template name."""
    ids = sorted(counted_inspection_ids(store, period))
    found: list[dict[str, Any]] = []
    for part in _chunks(ids):
        marks = ",".join("?" * len(part))
        found += store.rows(
            "SELECT i.id, i.mode, t.name AS template_name FROM inspection i "
            f"LEFT JOIN template t ON t.id = i.template_id WHERE i.id IN ({marks}) "
            "ORDER BY i.started_at, i.id",
            part,
        )
    return found


def _notice_numbers(store: Store, inspection_ids: list[str]) -> dict[str, list[str]]:
    """finding id → the numbers of the notices naming it."""
    found: dict[str, list[str]] = defaultdict(list)
    for part in _chunks(inspection_ids):
        marks = ",".join("?" * len(part))
        for row in store.rows(
            f"SELECT number, findings FROM notice WHERE inspection_id IN ({marks}) "
            "ORDER BY issued_at, number",
            part,
        ):
            for finding_id in json.loads(row["findings"] or "[]"):
                found[finding_id].append(row["number"])
    return found


def _evidence(store: Store, inspection_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """finding id → its evidence photos, in time taken (then imported)."""
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for part in _chunks(inspection_ids):
        marks = ",".join("?" * len(part))
        for row in store.rows(
            f"SELECT * FROM photo WHERE inspection_id IN ({marks}) AND finding_id IS NOT NULL "
            "AND role = 'evidence' ORDER BY taken_at IS NULL, taken_at, imported_at, id",
            part,
        ):
            found[row["finding_id"]].append(row)
    return found


def problems(store: Store, period: Period) -> list[Problem]:
    """Every problem of the submitted inspections visited in the period, oldest visit first."""
    start, end = to_iso(period.start), to_iso(period.end)
    rows = store.rows(
        "SELECT f.id AS finding_id, f.item_code, f.cases, f.deduction, f.location, "
        "f.description, i.id AS inspection_id, i.unit_id, i.template_id, i.started_at, i.mode, "
        "u.name AS unit_name, z.name AS zone_name, z.kind AS zone_kind, "
        "(SELECT group_concat(name, '、') FROM (SELECT p.name FROM inspection_person ip "
        "  JOIN person p ON p.id = ip.person_id WHERE ip.inspection_id = i.id "
        "  ORDER BY ip.lead DESC, p.name)) AS inspectors, "
        "(SELECT r.decision FROM review r WHERE r.inspection_id = i.id "
        "  ORDER BY r.at DESC, r.id DESC LIMIT 1) AS review "
        "FROM inspection i JOIN finding f ON f.inspection_id = i.id "
        "LEFT JOIN unit u ON u.id = i.unit_id LEFT JOIN zone z ON z.id = i.zone_id "
        "WHERE i.status = 'submitted' AND i.started_at >= ? AND i.started_at < ? "
        "AND f.result = 'problem' ORDER BY i.started_at, i.id, f.item_code, f.id",
        [start, end],
    )
    counted = counted_inspection_ids(store, period)
    inspection_ids = sorted({r["inspection_id"] for r in rows})
    numbers = _notice_numbers(store, inspection_ids)
    photos = _evidence(store, inspection_ids)
    templates: dict[str, Template | None] = {}
    result = []
    template_of: list[str] = []
    for r in rows:
        if r["template_id"] not in templates:
            try:
                templates[r["template_id"]] = load_template(store, r["template_id"])
            except (KeyError, ValueError):
                templates[r["template_id"]] = None
        template = templates[r["template_id"]]
        try:
            item = template.item(r["item_code"]) if template else None
        except KeyError:
            item = None
        deduction = (
            Decimal(str(item_deduction(item, r["cases"])))
            if item is not None
            else Decimal(str(r["deduction"]))
        )
        result.append(
            Problem(
                finding_id=r["finding_id"],
                inspection_id=r["inspection_id"],
                unit_id=r["unit_id"],
                unit_name=r["unit_name"] or "",
                zone_name=r["zone_name"] or "",
                zone_kind=r["zone_kind"] or "",
                started_at=from_iso(r["started_at"]),
                mode=r["mode"],
                inspectors=r["inspectors"] or "",
                item_code=r["item_code"],
                item_text=item.text if item else r["item_code"],
                gb_code=item.gb_code if item else "",
                location=r["location"] or "",
                description=r["description"] or "",
                cases=r["cases"],
                deduction=deduction,
                review=r["review"],
                counted=r["inspection_id"] in counted,
                notices=tuple(numbers.get(r["finding_id"], ())),
                photos=tuple(photos.get(r["finding_id"], ())),
            )
        )
        template_of.append(r["template_id"])
    return _category_capped(result, template_of, templates)


def _category_capped(
    found: list[Problem], template_of: list[str], templates: dict[str, Template | None]
) -> list[Problem]:
    """The problems with each one's share of its category's cap (分类封顶) within its
    inspection, so an inspection's problems add up to what it lost."""
    by_inspection: dict[str, list[int]] = defaultdict(list)
    for index, problem in enumerate(found):
        template = templates.get(template_of[index])
        if template is not None and any(c.max_deduction is not None for c in template.categories):
            by_inspection[problem.inspection_id].append(index)
    for indexes in by_inspection.values():
        template = templates[template_of[indexes[0]]]
        assert template is not None
        shares = capped_deductions(
            template, [(i, found[i].item_code, found[i].deduction) for i in indexes]
        )
        for i in indexes:
            if shares[i] != found[i].deduction:
                found[i] = replace(found[i], deduction=shares[i])
    return found


def pending_review(store: Store, period: Period) -> int:
    """Submitted inspections visited in the period that no one has reviewed yet (and that no
    later version amends): not in the assessment until they are accepted."""
    start, end = to_iso(period.start), to_iso(period.end)
    row = store.db.execute(
        "SELECT count(*) FROM inspection i WHERE i.status = 'submitted' "
        "AND i.started_at >= ? AND i.started_at < ? "
        "AND NOT EXISTS (SELECT 1 FROM review r WHERE r.inspection_id = i.id) "
        "AND NOT EXISTS (SELECT 1 FROM inspection a WHERE a.amends_id = i.id)",
        [start, end],
    ).fetchone()
    return int(row[0])


def notices(store: Store, period: Period, *, as_of: datetime) -> list[NoticeRow]:
    """Notices issued in the period or whose current due time falls in it, in issue order, each
    with its derived state; overdue, on time and late as the assessment counts them
    (domain/overdue.py), with `as_of` as now."""
    start, end = to_iso(period.start), to_iso(period.end)
    rows = store.rows(
        "SELECT n.*, u.name AS unit_name, z.name AS zone_name, p.name AS issued_by_name, "
        "(SELECT count(*) FROM problem_case c WHERE c.notice_id = n.id) AS case_count "
        "FROM notice n LEFT JOIN unit u ON u.id = n.unit_id LEFT JOIN zone z ON z.id = n.zone_id "
        "LEFT JOIN person p ON p.id = n.issued_by "
        "WHERE n.issued_at < ? AND (n.issued_at >= ? OR max(n.due_at, coalesce(("
        "  SELECT max(e.new_due_at) FROM notice_event e WHERE e.notice_id = n.id), '')) >= ?) "
        "ORDER BY n.issued_at, n.number",
        [end, start, start],
    )
    history = events_by_notice(store, [n["id"] for n in rows])
    result = []
    for n in rows:
        events = history.get(n["id"]) or [issued_event(n)]
        status = derive_status((domain_event(e) for e in events), lenient=True)
        issued_at = from_iso(n["issued_at"])
        issued_in = period.contains(issued_at)
        due_in = period.contains(status.due_at)
        if not (issued_in or due_in):
            continue
        acknowledged = next((e for e in events if e["kind"] == "acknowledged"), None)
        result.append(
            NoticeRow(
                id=n["id"],
                number=n["number"],
                number_kind=n["number_kind"],
                unit_id=n["unit_id"],
                unit_name=n["unit_name"] or "",
                zone_name=n["zone_name"] or "",
                issued_at=issued_at,
                issued_by=n["issued_by_name"] or "",
                first_due_at=from_iso(n["due_at"]),
                due_at=status.due_at,
                state=status.state,
                overdue=status.overdue(as_of),
                on_time=status.rectified_on_time(),
                late=status.rectified_late(),
                signer=acknowledged["signer"] if acknowledged else None,
                acknowledged_at=from_iso(acknowledged["at"]) if acknowledged else None,
                closed_at=status.closed_at,
                rechecks=sum(e["kind"] in ("recheck_passed", "recheck_failed") for e in events),
                failed_rechecks=status.failed_rechecks,
                # an inspection's findings; a case's notice: its case and the merged ones
                problems=len(json.loads(n["findings"] or "[]")) + int(n["case_count"]),
                issued_in_period=issued_in,
                due_in_period=due_in,
                source=n["source"] or "inspection",
            )
        )
    return result


def issued_by_source(notices: list[NoticeRow]) -> list[tuple[str, int]]:
    """问题来源: how many of the notices were issued in the period from each source, every
    source in its order (domain/cases.py NOTICE_SOURCES), those with none included."""
    counts = {source: 0 for source in NOTICE_SOURCES}
    for notice in notices:
        if notice.issued_in_period:
            counts[notice.source] = counts.get(notice.source, 0) + 1
    return list(counts.items())
