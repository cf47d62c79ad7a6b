"""The facts a quarter's or a year's composite assessment needs, read from a store (rules in
domain/composite.py): the period's inspections and notices (as the month's, local_db/
assessment_data.py), 马路办公 duty checks, refused disputes (推诿) and the imported components."""

from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal

from domain.assessment import Period, Rules
from domain.clock import from_iso, to_iso, utc_now
from domain.composite import (
    CompositeAssessment,
    CompositeFacts,
    DutyFact,
    ImportedScores,
    RefusedDispute,
    assess_composite,
)
from domain.composite_config import CompositeConfig
from local_db.assessment_data import inspection_facts, notice_facts, units
from local_db.org_settings import org_settings
from local_db.store import Store
from local_db.unit_events import refused_dispute_rows


def duty_facts(store: Store, period: Period) -> list[DutyFact]:
    """The 马路办公 checks of submitted inspections, checked in the period."""
    rows = store.db.execute(
        "SELECT i.unit_id, d.zone_id, d.checked_at, d.status FROM duty_check d "
        "JOIN inspection i ON i.id = d.inspection_id "
        "WHERE i.status = 'submitted' AND d.checked_at >= ? AND d.checked_at < ?",
        [to_iso(period.start), to_iso(period.end)],
    )
    return [DutyFact(u, z, from_iso(at), s) for u, z, at, s in rows]


def refused_disputes(store: Store, period: Period) -> list[RefusedDispute]:
    """Disputes refused in the period (推诿), against the unit that raised them."""
    rows = refused_dispute_rows(store, to_iso(period.start), to_iso(period.end))
    return [RefusedDispute(u, from_iso(at)) for u, at in rows]


def imported_scores(store: Store) -> list[ImportedScores]:
    """Every component import the store holds (the rules pick the period's); `imported_by` as
    the person's name (the row keeps the id; a person this laptop does not know: None)."""
    found = []
    for r in store.rows(
        "SELECT i.component, i.period, i.scores, p.name AS imported_by, i.imported_at, "
        "i.file_name, i.file_sha256 "
        "FROM assessment_import i LEFT JOIN person p ON p.id = i.imported_by"
    ):
        scores = {k: Decimal(str(v)) for k, v in json.loads(r["scores"]).items()}
        found.append(
            ImportedScores(
                r["component"],
                r["period"],
                scores,
                r["imported_by"],
                r["imported_at"],
                r["file_name"] or "",
                r["file_sha256"] or "",
            )
        )
    return found


def composite_facts(store: Store, period: Period) -> CompositeFacts:
    return CompositeFacts(
        units=units(store),
        inspections=inspection_facts(store, period),
        notices=notice_facts(store, period),
        duty=duty_facts(store, period),
        disputes=refused_disputes(store, period),
        imports=imported_scores(store),
    )


def assess_composite_period(
    store: Store,
    period: Period,
    *,
    config: CompositeConfig | None = None,
    rules: Rules | None = None,
    as_of: datetime | None = None,
) -> CompositeAssessment:
    """The quarter's or the year's composite assessment from the store: by the office's
    configuration and rules (its settings record, local_db/org_settings.py) unless given. The
    facts are read once for the whole period; its months are assessed from them in memory."""
    if config is None or rules is None:
        org = org_settings(store)
        config = org.composite if config is None else config
        rules = org.rules if rules is None else rules
    return assess_composite(
        period, composite_facts(store, period), config=config, rules=rules, as_of=as_of or utc_now()
    )
