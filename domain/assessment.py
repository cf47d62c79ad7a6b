"""The monthly (or quarterly) assessment: unit scores, indicators, ranking, grades and flags.

Pure rules over facts gathered from a store (local_db/assessment_data.py):

- An inspection scores `full_score` minus its findings' deductions (each already capped per
  item), floored at 0. Of a correction chain (amends_id) only the latest accepted version counts.
- A unit's score is the mean of its counted inspections' scores in the period, minus
  `overdue_penalty` per notice not rectified on time — overdue (逾期) as of the assessment's
  moment, or rectified late (超期整改) — and `failed_recheck_penalty` per failed recheck, floored
  at 0. A unit with no counted inspection is 未检查: listed, not ranked. Overdue, on time and
  late are defined once, in domain/overdue.py.
- Indicators are over the notices whose (current) due time falls in the period: 按期整改率 =
  rectified on time / due; 销号率 = closed / due; 返工率 = failed rechecks / rechecks. The
  penalties above count over the same notices, so one notice is judged in one period.
- Ranking by score; ties broken by 按期整改率 (a unit with nothing due counts as 100 %), then by
  fewer problems; units still equal share a rank. Grades by score.
- Flags and boards (the office's rules, `Rules`, read in words in 单位设置 and the README):
  流动红旗 to the best-ranked unit(s) with no overdue notice, 按期整改率 at least
  `red_on_time_from` % and 返工率 at most `red_rework_up_to` % (none that month if no unit
  qualifies); 黄旗 to the last-ranked unit(s), with at least two ranked units, when they score
  below `shame_below`. 红黑榜: the top and the bottom three ranks (with fewer than six ranked
  units, half each); a unit is on the 黑榜 only when it scores below `shame_below`.

Every figure is an exact Decimal; rounding is for display only.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import cached_property
from typing import Any
from zoneinfo import ZoneInfo

from domain.clock import OFFICE_TZ_DEFAULT
from domain.overdue import is_overdue, rectified_late, rectified_on_time

GRADES_ZH = {"excellent": "优秀", "good": "良好", "pass": "合格", "fail": "不合格"}


@dataclass(frozen=True)
class Rules:
    full_score: Decimal = Decimal(100)
    overdue_penalty: Decimal = Decimal(1)
    failed_recheck_penalty: Decimal = Decimal("0.5")
    excellent_from: Decimal = Decimal(90)
    good_from: Decimal = Decimal(80)
    pass_from: Decimal = Decimal(60)
    # 黄旗 and 黑榜 only for units scoring below this (by default: below 良好)
    shame_below: Decimal = Decimal(80)
    # 流动红旗 only for a unit with no overdue notice, 按期整改率 at least this many percent …
    red_on_time_from: Decimal = Decimal(80)
    # … and 返工率 at most this many percent
    red_rework_up_to: Decimal = Decimal(20)

    def grade(self, score: Decimal) -> str:
        if score >= self.excellent_from:
            return "excellent"
        if score >= self.good_from:
            return "good"
        if score >= self.pass_from:
            return "pass"
        return "fail"


DEFAULT_RULES = Rules()


@dataclass(frozen=True)
class Period:
    """A half-open span [start, end) of calendar days in the office's zone `tz`, e.g. a month or
    a quarter."""

    first_day: date
    end_day: date  # exclusive
    kind: str = "month"  # 'month' | 'quarter' | 'year'
    tz: str = OFFICE_TZ_DEFAULT  # the office's zone: pass the configured one

    @classmethod
    def month(cls, year: int, month: int, tz: str = OFFICE_TZ_DEFAULT) -> Period:
        end = date(year + (month == 12), month % 12 + 1, 1)
        return cls(date(year, month, 1), end, "month", tz)

    @classmethod
    def quarter(cls, year: int, quarter: int, tz: str = OFFICE_TZ_DEFAULT) -> Period:
        if quarter not in (1, 2, 3, 4):
            raise ValueError(f"a quarter is 1 to 4, not {quarter}")
        first = date(year, 3 * quarter - 2, 1)
        return cls(first, cls.month(year, 3 * quarter).end_day, "quarter", tz)

    @classmethod
    def year_of(cls, year: int, tz: str = OFFICE_TZ_DEFAULT) -> Period:
        return cls(date(year, 1, 1), date(year + 1, 1, 1), "year", tz)

    @classmethod
    def parse_month(cls, text: str, tz: str = OFFICE_TZ_DEFAULT) -> Period:
        """'2026-11' → November 2026; ValueError naming the text otherwise."""
        try:
            year, month = (int(p) for p in text.strip().split("-"))
            return cls.month(year, month, tz)
        except (ValueError, TypeError):
            raise ValueError(f"not a month (YYYY-MM): {text!r}") from None

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.tz)

    # Worked out once per period (a year's assessment asks each fact's period hundreds of
    # thousands of times); a frozen dataclass's cached_property writes its own __dict__.
    @cached_property
    def start(self) -> datetime:
        return datetime.combine(self.first_day, time(), self.zone)

    @cached_property
    def end(self) -> datetime:
        return datetime.combine(self.end_day, time(), self.zone)

    def contains(self, moment: datetime) -> bool:
        return self.start <= moment < self.end

    def previous(self) -> Period:
        if self.kind == "year":
            return Period.year_of(self.first_day.year - 1, self.tz)
        if self.kind == "quarter":
            q = (self.first_day.month - 1) // 3 + 1
            return Period.quarter(self.first_day.year - (q == 1), (q - 2) % 4 + 1, self.tz)
        last = self.first_day - timedelta(days=1)
        return Period.month(last.year, last.month, self.tz)

    @property
    def year(self) -> int:
        return self.first_day.year

    @property
    def number(self) -> int:
        """The month (1–12), the quarter (1–4) or the year."""
        m = self.first_day.month
        if self.kind == "year":
            return self.first_day.year
        return m if self.kind == "month" else (m - 1) // 3 + 1


def months_of(period: Period) -> list[Period]:
    """The months a period spans, in order."""
    months, day = [], period.first_day
    while day < period.end_day:
        months.append(Period.month(day.year, day.month, period.tz))
        day = months[-1].end_day
    return months


def last_months(period: Period, count: int = 12) -> list[Period]:
    """The `count` months ending with the month `period` starts in, oldest first."""
    months = [Period.month(period.first_day.year, period.first_day.month, period.tz)]
    while len(months) < count:
        months.append(months[-1].previous())
    return list(reversed(months))


@dataclass(frozen=True)
class InspectionFact:
    id: str
    unit_id: str
    zone_id: str
    started_at: datetime
    amends_id: str | None
    submitted_at: datetime  # orders the versions of a chain
    accepted: bool  # its latest review accepted it
    deducted: Decimal
    problems: int
    video_exposures: int = 0  # its problems shown on video (视频曝光)


@dataclass(frozen=True)
class NoticeFact:
    id: str
    unit_id: str
    due_at: datetime  # current due time, extensions applied
    state: str  # domain/lifecycle.py STATES
    reported_at: datetime | None  # the latest 整改回执
    rechecks: int
    failed_rechecks: int
    source: str = "inspection"  # 问题来源 (domain/composite.py SOURCES)


@dataclass(frozen=True)
class Unit:
    id: str
    name: str


@dataclass
class UnitResult:
    unit_id: str
    unit_name: str
    inspections: int = 0
    zones: int = 0
    problems: int = 0
    video_exposures: int = 0  # problems shown on video (视频曝光), counted like problems
    mean_score: Decimal | None = None
    due: int = 0
    closed: int = 0
    on_time: int = 0  # 按期整改 (domain/overdue.py)
    late: int = 0  # 超期整改: rectified, but after the due time
    overdue: int = 0  # 逾期 as of the assessment's moment
    rechecks: int = 0
    failed_rechecks: int = 0
    score: Decimal | None = None  # None: 未检查
    rank: int | None = None
    grade: str | None = None
    flag: str | None = None  # 'red' (流动红旗) | 'yellow' (黄旗)
    board: str | None = None  # 'honor' (红榜) | 'shame' (黑榜)
    previous_score: Decimal | None = None

    @property
    def checked(self) -> bool:
        return self.score is not None

    @property
    def on_time_rate(self) -> Decimal | None:
        return _rate(self.on_time, self.due)

    @property
    def close_rate(self) -> Decimal | None:
        return _rate(self.closed, self.due)

    @property
    def rework_rate(self) -> Decimal | None:
        return _rate(self.failed_rechecks, self.rechecks)

    @property
    def penalised(self) -> int:
        """Notices the overdue penalty counts: overdue now or rectified late."""
        return self.overdue + self.late

    @property
    def change(self) -> Decimal | None:
        if self.score is None or self.previous_score is None:
            return None
        return self.score - self.previous_score


@dataclass
class Assessment:
    period: Period
    rules: Rules
    as_of: datetime
    units: list[UnitResult] = field(default_factory=list)  # ranked first, then 未检查

    @property
    def ranked(self) -> list[UnitResult]:
        return [u for u in self.units if u.rank is not None]

    @property
    def unchecked(self) -> list[UnitResult]:
        return [u for u in self.units if u.rank is None]

    def total(self, name: str) -> int:
        return sum(getattr(u, name) for u in self.units)

    @property
    def on_time_rate(self) -> Decimal | None:
        return _rate(self.total("on_time"), self.total("due"))

    @property
    def close_rate(self) -> Decimal | None:
        return _rate(self.total("closed"), self.total("due"))

    @property
    def rework_rate(self) -> Decimal | None:
        return _rate(self.total("failed_rechecks"), self.total("rechecks"))

    @property
    def improved(self) -> list[UnitResult]:
        """Ranked units whose score rose against the previous period, most improved first."""
        up = [u for u in self.ranked if u.change is not None and u.change > 0]
        return sorted(up, key=lambda u: (-(u.change or 0), u.unit_name))


def _rate(part: int, whole: int) -> Decimal | None:
    return None if whole == 0 else Decimal(part) / Decimal(whole)


def inspection_score(fact: InspectionFact, rules: Rules) -> Decimal:
    return max(rules.full_score - fact.deducted, Decimal(0))


def counted_versions(facts: Iterable[InspectionFact]) -> list[InspectionFact]:
    """Of each correction chain, the latest accepted version (chains with none drop out)."""
    by_id = {f.id: f for f in facts}

    def root(fact: InspectionFact) -> str:
        seen = set()
        while fact.amends_id and fact.amends_id in by_id and fact.id not in seen:
            seen.add(fact.id)
            fact = by_id[fact.amends_id]
        return fact.amends_id if fact.amends_id and fact.amends_id not in by_id else fact.id

    best: dict[str, InspectionFact] = {}
    for fact in by_id.values():
        if not fact.accepted:
            continue
        key = root(fact)
        kept = best.get(key)
        if kept is None or (fact.submitted_at, fact.id) > (kept.submitted_at, kept.id):
            best[key] = fact
    return list(best.values())


def assess(
    period: Period,
    units: Sequence[Unit],
    inspections: Iterable[InspectionFact],
    notices: Iterable[NoticeFact],
    *,
    rules: Rules = DEFAULT_RULES,
    as_of: datetime,
    previous: Assessment | None = None,
) -> Assessment:
    """The period's results for every unit. `inspections` may hold versions outside the period
    (they are ignored); `notices` likewise (only those due in the period count)."""
    results = {u.id: UnitResult(u.id, u.name) for u in units}
    totals: dict[str, Decimal] = {}
    zones: dict[str, set[str]] = {}
    for fact in counted_versions(inspections):
        if fact.unit_id not in results or not period.contains(fact.started_at):
            continue
        r = results[fact.unit_id]
        r.inspections += 1
        r.problems += fact.problems
        r.video_exposures += fact.video_exposures
        zones.setdefault(fact.unit_id, set()).add(fact.zone_id)
        totals[fact.unit_id] = totals.get(fact.unit_id, Decimal(0)) + inspection_score(fact, rules)
    for n in notices:
        if n.unit_id not in results or not period.contains(n.due_at):
            continue
        r = results[n.unit_id]
        r.due += 1
        r.closed += n.state == "closed"
        r.on_time += rectified_on_time(n.state, n.due_at, n.reported_at)
        r.late += rectified_late(n.state, n.due_at, n.reported_at)
        r.overdue += is_overdue(n.state, n.due_at, n.reported_at, as_of)
        r.rechecks += n.rechecks
        r.failed_rechecks += n.failed_rechecks
    for unit_id, r in results.items():
        r.zones = len(zones.get(unit_id, ()))
        if r.inspections:
            r.mean_score = totals[unit_id] / r.inspections
            penalties = (
                rules.overdue_penalty * r.penalised
                + rules.failed_recheck_penalty * r.failed_rechecks
            )
            r.score = max(r.mean_score - penalties, Decimal(0))
            r.grade = rules.grade(r.score)
        if previous is not None:
            before = next((p for p in previous.units if p.unit_id == unit_id), None)
            r.previous_score = before.score if before else None
    place_units(list(results.values()), rules)
    ranked = sorted((r for r in results.values() if r.rank), key=lambda r: (r.rank, r.unit_name))
    unchecked = sorted((r for r in results.values() if not r.rank), key=lambda r: r.unit_name)
    return Assessment(period, rules, as_of, ranked + unchecked)


def _tie_key(r: Any) -> tuple[Decimal, Decimal, int]:
    on_time = r.on_time_rate if r.on_time_rate is not None else Decimal(1)
    return (-(r.score or Decimal(0)), -on_time, r.problems)


def red_flag_allowed(r: Any, rules: Rules) -> bool:
    """May this ranked unit hold the 流动红旗: no overdue notice, 按期整改率 and 返工率 within the
    office's lines (a unit with nothing due or nothing rechecked meets them)."""
    hundred = Decimal(100)
    on_time, rework = r.on_time_rate, r.rework_rate
    return (
        r.overdue == 0
        and (on_time is None or on_time * hundred >= rules.red_on_time_from)
        and (rework is None or rework * hundred <= rules.red_rework_up_to)
    )


def below_shame_line(r: Any, rules: Rules) -> bool:
    """May this ranked unit get the 黄旗 or a place on the 黑榜: it scores below the line."""
    return r.score is not None and r.score < rules.shame_below


def place_units(results: Sequence[Any], rules: Rules) -> None:
    """Rank, flag and board the results (a month's UnitResult or a quarter's UnitComposite:
    anything with score, rank, flag, board, on_time_rate, rework_rate, overdue and problems)."""
    ranked = sorted((r for r in results if r.score is not None), key=_tie_key)
    for position, r in enumerate(ranked, start=1):
        before = ranked[position - 2] if position > 1 else None
        r.rank = before.rank if before and _tie_key(before) == _tie_key(r) else position
    if not ranked:
        return
    allowed = [r for r in ranked if red_flag_allowed(r, rules)]
    for r in allowed:
        if r.rank == allowed[0].rank:
            r.flag = "red"
    last = ranked[-1].rank
    if len(ranked) >= 2 and last != 1:
        for r in ranked:
            if r.rank == last and r.flag is None and below_shame_line(r, rules):
                r.flag = "yellow"
    # By rank, not by position: units tied at the edge of a board are all on it.
    size = 3 if len(ranked) >= 6 else len(ranked) // 2
    if size:
        top, bottom = ranked[size - 1].rank or 0, ranked[-size].rank or 0
        for r in ranked:
            if (r.rank or 0) <= top:
                r.board = "honor"
            elif (r.rank or 0) >= bottom and r.rank != 1 and below_shame_line(r, rules):
                r.board = "shame"


def percent(rate: Decimal | None) -> str:
    """'87.5%' (one decimal), '—' when there was nothing to measure."""
    if rate is None:
        return "—"
    return f"{(rate * 100).quantize(Decimal('0.1'))}%"


def points(value: Decimal | None) -> str:
    """A score for display: two decimals, '—' for none."""
    return "—" if value is None else f"{value.quantize(Decimal('0.01'))}"
