"""The facts a period's assessment needs, read from a store (rules in domain/assessment.py)."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from decimal import Decimal

from domain.assessment import (
    DEFAULT_RULES,
    Assessment,
    InspectionFact,
    NoticeFact,
    Period,
    Rules,
    Unit,
    assess,
)
from domain.clock import from_iso, to_iso, utc_now
from domain.lifecycle import derive_status
from domain.scoring import capped_deductions, item_deduction
from domain.template import Template
from local_db.notices import domain_event, events_by_notice, issued_event
from local_db.reference import load_template
from local_db.store import Store


def units(store: Store) -> list[Unit]:
    return [Unit(r["id"], r["name"]) for r in store.rows("SELECT id, name FROM unit ORDER BY name")]


def inspection_facts(store: Store, period: Period) -> list[InspectionFact]:
    """Submitted inspections visited in the period, with their latest review and deductions.

    Deductions are worked out again from each problem's cases and the template's rule (per case,
    capped per item, then per category where the template caps one), not taken from the stored
    figures.
    """
    start, end = to_iso(period.start), to_iso(period.end)
    rows = store.db.execute(
        "SELECT i.id, i.unit_id, i.zone_id, i.started_at, i.amends_id, i.created_at, "
        "i.template_id, (SELECT r.decision FROM review r WHERE r.inspection_id = i.id "
        "  ORDER BY r.at DESC, r.id DESC LIMIT 1) "
        "FROM inspection i WHERE i.status = 'submitted' AND i.started_at >= ? AND i.started_at < ?",
        [start, end],
    ).fetchall()
    deducted: dict[str, Decimal] = defaultdict(Decimal)
    problems: dict[str, int] = defaultdict(int)
    templates: dict[str, Template | None] = {}
    # A month holds tens of thousands of problems but few distinct (template, item, cases):
    # each rule is worked out once (None: no rule, the stored figure counts).
    rules: dict[tuple[str, str, int], Decimal | None] = {}
    # Problems of items in a capped category (分类封顶), per inspection: capped together below.
    capped: dict[str, list[tuple[int, str, Decimal]]] = defaultdict(list)
    inspection_template: dict[str, str] = {}
    capped_items: dict[tuple[str, str], bool] = {}  # (template, item) in a capped category
    for inspection_id, template_id, code, cases, stored in store.db.execute(
        "SELECT f.inspection_id, i.template_id, f.item_code, f.cases, f.deduction "
        "FROM inspection i JOIN finding f ON f.inspection_id = i.id "
        "WHERE i.status = 'submitted' AND i.started_at >= ? AND i.started_at < ? "
        "AND f.result = 'problem'",
        [start, end],
    ):
        key = (template_id, code, cases)
        if template_id not in templates:
            templates[template_id] = _template(store, template_id)
        if key in rules:
            rule = rules[key]
        else:
            rule = rules[key] = _rule_deduction(templates[template_id], code, cases)
        problems[inspection_id] += 1
        in_capped = capped_items.get((template_id, code))
        if in_capped is None:
            in_capped = capped_items[template_id, code] = _in_capped_category(
                templates[template_id], code
            )
        if rule is not None and in_capped:
            capped[inspection_id].append((len(capped[inspection_id]), code, rule))
            inspection_template[inspection_id] = template_id
            continue
        deducted[inspection_id] += rule if rule is not None else Decimal(str(stored))
    for inspection_id, entries in capped.items():
        template = templates[inspection_template[inspection_id]]
        assert template is not None  # a rule came from it
        deducted[inspection_id] += sum(capped_deductions(template, entries).values(), Decimal(0))
    videos = _video_exposures(store, start, end)
    return [
        InspectionFact(
            id=r[0],
            unit_id=r[1],
            zone_id=r[2],
            started_at=from_iso(r[3]),
            amends_id=r[4],
            submitted_at=from_iso(r[5]),
            accepted=r[7] == "accepted",
            deducted=deducted.get(r[0], Decimal(0)),
            problems=problems.get(r[0], 0),
            video_exposures=videos.get(r[0], 0),
        )
        for r in rows
    ]


def _video_exposures(store: Store, start: str, end: str) -> dict[str, int]:
    """Per submitted inspection visited in [start, end): its problems with a video among their
    evidence (视频曝光: one per problem, however many recordings show it)."""
    return {
        inspection_id: count
        for inspection_id, count in store.db.execute(
            "SELECT f.inspection_id, count(DISTINCT f.id) FROM finding f "
            "JOIN inspection i ON i.id = f.inspection_id "
            "JOIN photo p ON p.finding_id = f.id AND p.media_type = 'video' "
            "WHERE i.status = 'submitted' AND i.started_at >= ? AND i.started_at < ? "
            "AND f.result = 'problem' GROUP BY f.inspection_id",
            [start, end],
        )
    }


def _template(store: Store, template_id: str) -> Template | None:
    try:
        return load_template(store, template_id)
    except (KeyError, ValueError):
        return None


def _in_capped_category(template: Template | None, code: str) -> bool:
    if template is None:
        return False
    try:
        return template.category(template.item(code).category_code).max_deduction is not None
    except KeyError:
        return False


def _rule_deduction(template: Template | None, code: str, cases: int) -> Decimal | None:
    """The template's deduction for `cases` of item `code`; None without a template or item."""
    if template is not None:
        try:
            return Decimal(str(item_deduction(template.item(code), cases)))
        except KeyError:
            pass
    return None


def notice_facts(store: Store, period: Period) -> list[NoticeFact]:
    """Notices that may be due in the period (issued before its end and due, or extended to be
    due, no earlier than its start), each with its derived state."""
    start, end = to_iso(period.start), to_iso(period.end)
    # Due no earlier than the start: its first due time or one it was extended to (the greatest
    # of them) is. The extended ones come from one pass over the events, not one look-up per
    # notice of the whole history.
    notices = store.rows(
        "SELECT n.id, n.unit_id, n.issued_at, n.due_at, n.source FROM notice n "
        "WHERE n.issued_at < ? AND (n.due_at >= ? OR n.id IN ("
        "  SELECT e.notice_id FROM notice_event e WHERE e.new_due_at >= ?))",
        [end, start, start],
    )
    history = events_by_notice(store, [n["id"] for n in notices])
    facts = []
    for n in notices:
        events = history.get(n["id"]) or [issued_event(n)]
        status = derive_status((domain_event(e) for e in events), lenient=True)
        rechecks = sum(e["kind"] in ("recheck_passed", "recheck_failed") for e in events)
        facts.append(
            NoticeFact(
                id=n["id"],
                unit_id=n["unit_id"],
                due_at=status.due_at,
                state=status.state,
                reported_at=status.reported_at,
                rechecks=rechecks,
                failed_rechecks=status.failed_rechecks,
                source=n["source"],
            )
        )
    return facts


def assess_period(
    store: Store,
    period: Period,
    *,
    rules: Rules = DEFAULT_RULES,
    as_of: datetime | None = None,
    with_previous: bool = True,
) -> Assessment:
    """The period's assessment from the store; with the previous period's for 'improved'."""
    as_of = as_of or utc_now()
    previous = (
        assess_period(store, period.previous(), rules=rules, as_of=as_of, with_previous=False)
        if with_previous
        else None
    )
    return assess(
        period,
        units(store),
        inspection_facts(store, period),
        notice_facts(store, period),
        rules=rules,
        as_of=as_of,
        previous=previous,
    )


def trend(
    store: Store,
    months: list[Period],
    *,
    rules: Rules = DEFAULT_RULES,
    as_of: datetime | None = None,
) -> dict[str, list[Decimal | None]]:
    """unit id → its score in each month (None: 未检查), in the order of `months`."""
    as_of = as_of or utc_now()
    series: dict[str, list[Decimal | None]] = {u.id: [] for u in units(store)}
    for month in months:
        result = assess_period(store, month, rules=rules, as_of=as_of, with_previous=False)
        by_unit = {u.unit_id: u.score for u in result.units}
        for unit_id, values in series.items():
            values.append(by_unit.get(unit_id))
    return series
