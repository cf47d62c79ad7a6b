"""The coverage of a period from the store (domain/coverage.py): every active zone with its
unit, and every inspection that is not a correction, by its start's calendar day in the office's
zone. Office laptops hold their units' inspections; the figures are of what this laptop holds."""

from __future__ import annotations

from datetime import date, timedelta

from domain.assessment import Period
from domain.clock import from_iso, to_iso
from domain.coverage import Coverage, coverage
from local_db.store import Store


def period_coverage(store: Store, period: Period, today: date) -> Coverage:
    zones = store.rows(
        """
        SELECT z.id, z.name, z.unit_id, COALESCE(u.name, '') AS unit_name
        FROM zone z LEFT JOIN unit u ON u.id = z.unit_id
        WHERE z.active = 1
        """
    )
    zone = period.zone
    visits = [
        (r["zone_id"], from_iso(r["started_at"]).astimezone(zone).date())
        for r in store.rows(
            "SELECT zone_id, started_at FROM inspection WHERE amends_id IS NULL AND started_at < ?",
            [to_iso(period.end)],  # UTC text, as stored: compared as text
        )
    ]
    last_day = period.end_day - timedelta(days=1)
    return coverage(zones, visits, period.first_day, last_day, today)
