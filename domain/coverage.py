"""Coverage (全覆盖): which zones were visited in a period and which were not, by unit and zone,
with the days since each zone's last visit — for the coverage screen, the bulletin's section, the
month's workbook and the office's warning a week before the month ends.

A visit is an inspection started in the zone (its start time's calendar day in the office's
zone); a correction of an inspection (amends_id) is the same visit, not another. The days since
the last visit are counted to `as_of` — the period's last day, or today while the period runs —
from the last visit on or before it, in any period; a zone never visited has none.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

WARN_DAYS = 7  # the office is warned this many days before the month ends


@dataclass(frozen=True)
class ZoneCoverage:
    zone_id: str
    zone_name: str
    unit_id: str
    unit_name: str
    visits: int  # in the period
    last_visit: date | None  # on or before as_of, in any period
    days_since: int | None  # as_of − last_visit; None: never visited

    @property
    def visited(self) -> bool:
        return self.visits > 0


@dataclass(frozen=True)
class UnitCoverage:
    unit_id: str
    unit_name: str
    zones: tuple[ZoneCoverage, ...]

    @property
    def visited(self) -> int:
        return sum(1 for z in self.zones if z.visited)

    @property
    def total(self) -> int:
        return len(self.zones)


@dataclass(frozen=True)
class Coverage:
    first_day: date
    last_day: date  # inclusive
    as_of: date
    zones: tuple[ZoneCoverage, ...]  # by unit name, then zone name

    @property
    def visited(self) -> list[ZoneCoverage]:
        return [z for z in self.zones if z.visited]

    @property
    def unvisited(self) -> list[ZoneCoverage]:
        return [z for z in self.zones if not z.visited]

    @property
    def rate(self) -> float | None:
        return len(self.visited) / len(self.zones) if self.zones else None

    def by_unit(self) -> list[UnitCoverage]:
        units: dict[str, list[ZoneCoverage]] = {}
        for z in self.zones:
            units.setdefault(z.unit_id, []).append(z)
        return [UnitCoverage(uid, zs[0].unit_name, tuple(zs)) for uid, zs in units.items()]


def coverage(
    zones: Iterable[Mapping[str, str]],
    visits: Iterable[tuple[str, date]],
    first_day: date,
    last_day: date,
    today: date,
) -> Coverage:
    """`zones`: {id, name, unit_id, unit_name}; `visits`: (zone id, day) of every inspection
    that is not a correction, in any period; the period runs first_day..last_day inclusive."""
    as_of = min(today, last_day)
    counts: dict[str, int] = {}
    last: dict[str, date] = {}
    for zone_id, day in visits:
        if first_day <= day <= last_day:
            counts[zone_id] = counts.get(zone_id, 0) + 1
        if day <= as_of and (zone_id not in last or day > last[zone_id]):
            last[zone_id] = day
    rows = [
        ZoneCoverage(
            z["id"],
            z["name"],
            z["unit_id"],
            z["unit_name"],
            counts.get(z["id"], 0),
            last.get(z["id"]),
            (as_of - last[z["id"]]).days if z["id"] in last else None,
        )
        for z in zones
    ]
    rows.sort(key=lambda z: (z.unit_name, z.unit_id, z.zone_name, z.zone_id))
    return Coverage(first_day, last_day, as_of, tuple(rows))


def month_end_warning(report: Coverage, today: date) -> Sequence[ZoneCoverage]:
    """The zones still unvisited when the month's last day is less than WARN_DAYS away (the
    office is warned a week before the month ends); empty otherwise."""
    if not report.first_day <= today <= report.last_day:
        return []
    if report.last_day - today >= timedelta(days=WARN_DAYS):
        return []
    return report.unvisited
