"""The composite assessment of a quarter or a year (季度考核 / 年度评比): pure rules over facts.

One city "每季度考核马路办公、第三方评估、专项工作、民调、专业检查、问题办理、视频曝光7项"; with the
monthly inspection scores (督查) that makes eight components. The office configures which count,
their weights (points of the total, summing to 100) and their full marks (the scale each is scored
on) in its settings record (`org_settings.composite`, domain/org_settings.py). Each component is
either computed from Ducha's data or imported per unit and period from a file:

- 督查 (`inspection`): the mean of the unit's monthly scores (domain/assessment.py) over the
  months of the period it was inspected in, scaled from the rules' full score to the component's
  full marks. A unit never inspected in the period is 未检查: listed, not ranked.
- 问题办理 (`handling`), like the 金华 rules (DOMAIN.md): full marks, less `per_point_on_time` per
  percentage point the 按期整改率 falls below `on_time_line`, `per_point_close` per point the
  销号率 falls below `close_line`, `per_rework` per failed recheck (返工), `per_overdue` per
  notice overdue or rectified late, `per_refused_dispute` per refused dispute (推诿); a notice
  from a source in `doubled_sources` (领导交办, 媒体曝光) counts twice in the per-notice
  deductions. Rates and counts over the notices due in the period (domain/assessment.py), the
  推诿 refused in it. Floored at 0.
- 视频曝光 (`video`): full marks less `per_exposure` per problem exposed on video, floored at 0.
- 马路办公 (`road_duty`): full marks less `per_absence` per duty check that found the road chief
  not on duty (不在岗); 未核实 counts for nothing. Floored at 0.
- 第三方评估, 民调, 专项工作, 专业检查 (`third_party`, `survey`, `special`, `professional`):
  imported, on the component's full marks. A year without an import of its own takes the mean of
  its quarters' imports. A unit the import does not score, or a component not imported, is
  missing: the unit's total is incomplete, and documents are not produced until it is complete.

A unit's total = Σ weight × score / full marks. Ranking by total (ties: the better 按期整改率,
then fewer problems), grades by the rules' lines scaled to 100, and flags and boards as the month's
(domain/assessment.py `place_units`): 季度/年度流动红旗, 黄旗, 红黑榜. Every figure is an exact
Decimal; `steps` keep how each component was made, for the office, the documents and the workbook.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal
from typing import TypeVar

from domain.assessment import (
    DEFAULT_RULES,
    Assessment,
    InspectionFact,
    NoticeFact,
    Period,
    Rules,
    Unit,
    UnitResult,
    assess,
    counted_versions,
    months_of,
    place_units,
)
from domain.composite_config import (
    DEFAULT_CONFIG,
    DUTY_STATES,
    TOTAL,
    Component,
    CompositeConfig,
    HandlingRules,
)
from domain.i18n import QT_TRANSLATE_NOOP, Message
from domain.overdue import is_overdue, rectified_late

_CTX = "composite"
_Fact = TypeVar("_Fact", InspectionFact, NoticeFact)


# -- facts --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class DutyFact:
    """A 马路办公 check recorded during an inspection (local_db reads duty_check rows)."""

    unit_id: str
    zone_id: str
    checked_at: datetime
    status: str  # DUTY_STATES


@dataclass(frozen=True)
class RefusedDispute:
    """A dispute the office refused (推诿), counted against the unit that raised it."""

    unit_id: str
    at: datetime


@dataclass(frozen=True)
class ImportedScores:
    """One import of a component for a period (its latest: a later import of the same period
    replaces it)."""

    component: str
    period: str  # period_key(): '2026-Q3' or '2026'
    scores: Mapping[str, Decimal]  # unit id → score on the component's full marks
    imported_by: str | None = None  # the person's name (local_db/composite_data.py)
    imported_at: str | None = None
    file_name: str = ""
    file_sha256: str = ""


@dataclass(frozen=True)
class CompositeFacts:
    units: Sequence[Unit]
    inspections: Sequence[InspectionFact]  # may hold versions outside the period
    notices: Sequence[NoticeFact]  # may hold notices due outside it
    duty: Sequence[DutyFact] = ()
    disputes: Sequence[RefusedDispute] = ()
    imports: Sequence[ImportedScores] = ()


def period_key(period: Period) -> str:
    """'2026-Q3' for a quarter, '2026' for a year (how imports name their period)."""
    if period.kind == "quarter":
        return f"{period.year}-Q{period.number}"
    if period.kind == "year":
        return str(period.year)
    raise ValueError("a composite assessment is of a quarter or a year")


def parse_period(text: str, tz: str) -> Period:
    """'2026-Q3' → that quarter, '2026' → that year; ValueError naming the text otherwise."""
    value = text.strip().upper()
    try:
        if "-Q" in value:
            year, quarter = value.split("-Q")
            return Period.quarter(int(year), int(quarter), tz)
        if len(value) == 4:
            return Period.year_of(int(value), tz)
    except ValueError:
        pass
    raise ValueError(f"not a quarter (YYYY-Qn) or a year (YYYY): {text!r}")


# -- results ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Step:
    """One line of how a component's score was made: `points` added (or taken off, negative)
    for `what`, worded by `message`."""

    message: Message
    points: Decimal
    key: str = ""  # which rule: on_time, close, rework, late, disputes, video, absent, …
    count: int = 0  # what it counted (weighted: a doubled source counts twice)


@dataclass
class ComponentScore:
    component: Component
    score: Decimal | None = None  # on the component's full marks; None: missing
    steps: list[Step] = field(default_factory=list)

    def counted(self, key: str) -> int:
        """What the step of rule `key` counted (0 when it took nothing off)."""
        return sum(s.count for s in self.steps if s.key == key)

    @property
    def points(self) -> Decimal | None:
        """Its part of the total: weight × score / full marks."""
        if self.score is None:
            return None
        return self.component.weight * self.score / self.component.full_marks


@dataclass
class UnitComposite:
    unit_id: str
    unit_name: str
    parts: dict[str, ComponentScore] = field(default_factory=dict)
    month_scores: list[Decimal | None] = field(default_factory=list)  # per month of the period
    handling: UnitResult | None = None  # the notices' figures over the period
    duty_checks: dict[str, int] = field(default_factory=dict)  # status → count
    refused_disputes: int = 0
    score: Decimal | None = None  # the total; None: 未检查 (not ranked)
    rank: int | None = None
    grade: str | None = None
    flag: str | None = None
    board: str | None = None
    previous_score: Decimal | None = None

    @property
    def complete(self) -> bool:
        return all(p.score is not None for p in self.parts.values())

    @property
    def missing(self) -> list[str]:
        return [key for key, p in self.parts.items() if p.score is None]

    @property
    def checked(self) -> bool:
        return self.score is not None

    # what place_units ranks and flags by (the month's UnitResult has the same)
    @property
    def on_time_rate(self) -> Decimal | None:
        return self.handling.on_time_rate if self.handling else None

    @property
    def rework_rate(self) -> Decimal | None:
        return self.handling.rework_rate if self.handling else None

    @property
    def overdue(self) -> int:
        return self.handling.overdue if self.handling else 0

    @property
    def problems(self) -> int:
        return self.handling.problems if self.handling else 0

    @property
    def change(self) -> Decimal | None:
        if self.score is None or self.previous_score is None:
            return None
        return self.score - self.previous_score


@dataclass
class CompositeAssessment:
    period: Period
    config: CompositeConfig
    rules: Rules
    as_of: datetime
    months: list[Assessment]
    units: list[UnitComposite] = field(default_factory=list)  # ranked first, then 未检查
    imports: dict[str, ImportedScores | list[ImportedScores]] = field(default_factory=dict)

    @property
    def ranked(self) -> list[UnitComposite]:
        return [u for u in self.units if u.rank is not None]

    @property
    def unchecked(self) -> list[UnitComposite]:
        return [u for u in self.units if u.rank is None]

    @property
    def missing(self) -> list[str]:
        """The components some ranked unit lacks (documents wait for them)."""
        keys = {k for u in self.ranked for k in u.missing}
        return [c.key for c in self.config.components if c.key in keys]

    @property
    def complete(self) -> bool:
        return not self.missing


def _msg(text: str, **values: object) -> Message:
    return Message(_CTX, text, dict(values))


def _below(rate: Decimal | None, line: Decimal) -> Decimal:
    """Percentage points `rate` falls below `line` (%), 0 when it does not or was not measured."""
    if rate is None:
        return Decimal(0)
    return max(line - rate * 100, Decimal(0))


def _floored(full: Decimal, steps: list[Step]) -> Decimal:
    return max(full + sum((s.points for s in steps), Decimal(0)), Decimal(0))


def handling_score(
    component: Component,
    figures: UnitResult,
    notices: Sequence[NoticeFact],
    as_of: datetime,
    refused: int,
    rules: HandlingRules,
) -> ComponentScore:
    """问题办理 of one unit: `figures` are its notices' counts over the period (assess()),
    `notices` the same notices (for the doubled sources)."""
    steps: list[Step] = []
    below = _below(figures.on_time_rate, rules.on_time_line)
    if below:
        steps.append(
            Step(
                _msg(
                    QT_TRANSLATE_NOOP(
                        "composite", "On-time rate {rate} is {below} points below {line}%"
                    ),
                    rate=f"{(figures.on_time_rate or 0) * 100:.1f}%",
                    below=f"{below:.1f}",
                    line=rules.on_time_line,
                ),
                -below * rules.per_point_on_time,
                "on_time",
            )
        )
    below = _below(figures.close_rate, rules.close_line)
    if below:
        steps.append(
            Step(
                _msg(
                    QT_TRANSLATE_NOOP(
                        "composite", "Close-out rate {rate} is {below} points below {line}%"
                    ),
                    rate=f"{(figures.close_rate or 0) * 100:.1f}%",
                    below=f"{below:.1f}",
                    line=rules.close_line,
                ),
                -below * rules.per_point_close,
                "close",
            )
        )
    doubled = set(rules.doubled_sources)
    rework = late = 0
    for n in notices:
        weight = 2 if n.source in doubled else 1
        rework += weight * n.failed_rechecks
        late += weight * (
            is_overdue(n.state, n.due_at, n.reported_at, as_of)
            or rectified_late(n.state, n.due_at, n.reported_at)
        )
    if rework:
        steps.append(
            Step(
                _msg(QT_TRANSLATE_NOOP("composite", "{count} failed rechecks"), count=rework),
                -rules.per_rework * rework,
                "rework",
                rework,
            )
        )
    if late:
        steps.append(
            Step(
                _msg(
                    QT_TRANSLATE_NOOP("composite", "{count} notices overdue or rectified late"),
                    count=late,
                ),
                -rules.per_overdue * late,
                "late",
                late,
            )
        )
    if refused:
        steps.append(
            Step(
                _msg(QT_TRANSLATE_NOOP("composite", "{count} disputes refused"), count=refused),
                -rules.per_refused_dispute * refused,
                "disputes",
                refused,
            )
        )
    return ComponentScore(component, _floored(component.full_marks, steps), steps)


def _per_count_score(component: Component, count: int, each: Decimal, text: str) -> ComponentScore:
    steps = [Step(_msg(text, count=count), -each * count, component.key, count)] if count else []
    return ComponentScore(component, _floored(component.full_marks, steps), steps)


def _imported_for(
    key: str, period: Period, imports: Sequence[ImportedScores]
) -> ImportedScores | list[ImportedScores] | None:
    """The period's own import of the component (the latest); for a year without one, its
    quarters' imports (a list, possibly empty → None)."""
    own = [i for i in imports if i.component == key and i.period == period_key(period)]
    if own:
        return max(own, key=lambda i: i.imported_at or "")
    if period.kind != "year":
        return None
    quarters = []
    for q in range(1, 5):
        found = _imported_for(key, Period.quarter(period.year, q, period.tz), imports)
        if isinstance(found, ImportedScores):
            quarters.append(found)
    return quarters or None


def imported_score(
    component: Component, unit_id: str, found: ImportedScores | list[ImportedScores] | None
) -> ComponentScore:
    if found is None:
        return ComponentScore(component)
    if isinstance(found, ImportedScores):
        score = found.scores.get(unit_id)
        if score is None:
            return ComponentScore(component)
        step = _msg(
            QT_TRANSLATE_NOOP("composite", "Imported from {file}"), file=found.file_name or "—"
        )
        return ComponentScore(component, score, [Step(step, score - component.full_marks)])
    scored = [i.scores[unit_id] for i in found if unit_id in i.scores]
    if not scored:
        return ComponentScore(component)
    mean = sum(scored, Decimal(0)) / len(scored)
    step = _msg(
        QT_TRANSLATE_NOOP("composite", "Mean of {count} quarters' imports"), count=len(scored)
    )
    return ComponentScore(component, mean, [Step(step, mean - component.full_marks)])


def _by_month(
    spans: list[Period], items: Iterable[_Fact], moment: Callable[[_Fact], datetime]
) -> list[list[_Fact]]:
    """The items of each month of `spans` (consecutive months), by `moment` (compared as POSIX
    times: one bisection per item, no zone arithmetic)."""
    found: list[list[_Fact]] = [[] for _ in spans]
    starts = [m.start.timestamp() for m in spans]
    end = spans[-1].end.timestamp() if spans else 0.0
    for item in items:
        at = moment(item).timestamp()
        index = bisect_right(starts, at) - 1
        if index >= 0 and at < end:
            found[index].append(item)
    return found


def assess_composite(
    period: Period,
    facts: CompositeFacts,
    *,
    config: CompositeConfig = DEFAULT_CONFIG,
    rules: Rules = DEFAULT_RULES,
    as_of: datetime,
    previous: CompositeAssessment | None = None,
) -> CompositeAssessment:
    """Every unit's composite result for a quarter or a year."""
    period_key(period)  # a quarter or a year
    # Each correction chain's counted version once for the whole period, then each month's own
    # facts: a month's assess() meets only its share (the same results as handing every month
    # all the facts: of counted versions, counted_versions keeps each).
    counted = counted_versions(facts.inspections)
    spans = months_of(period)
    inspections_in = _by_month(spans, counted, lambda f: f.started_at)
    notices_in = _by_month(spans, facts.notices, lambda n: n.due_at)
    months = [
        assess(m, facts.units, inspections_in[i], notices_in[i], rules=rules, as_of=as_of)
        for i, m in enumerate(spans)
    ]
    whole = assess(period, facts.units, counted, facts.notices, rules=rules, as_of=as_of)
    figures = {r.unit_id: r for r in whole.units}
    notices_of: dict[str, list[NoticeFact]] = defaultdict(list)
    for n in facts.notices:
        if period.contains(n.due_at):
            notices_of[n.unit_id].append(n)
    refused: dict[str, int] = defaultdict(int)
    for d in facts.disputes:
        if period.contains(d.at):
            refused[d.unit_id] += 1
    duty: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(DUTY_STATES, 0))
    for check in facts.duty:
        if period.contains(check.checked_at) and check.status in DUTY_STATES:
            duty[check.unit_id][check.status] += 1
    found = {c.key: _imported_for(c.key, period, facts.imports) for c in config.components}
    results = []
    for unit in facts.units:
        r = UnitComposite(unit.id, unit.name, handling=figures.get(unit.id))
        by_month = [next((u for u in m.units if u.unit_id == unit.id), None) for m in months]
        r.month_scores = [u.score if u else None for u in by_month]
        r.refused_disputes = refused.get(unit.id, 0)
        r.duty_checks = dict(duty.get(unit.id, dict.fromkeys(DUTY_STATES, 0)))
        scored = [s for s in r.month_scores if s is not None]
        for c in config.components:
            if c.key == "inspection":
                part = ComponentScore(c)
                if scored:
                    mean = sum(scored, Decimal(0)) / len(scored)
                    part.score = mean * c.full_marks / rules.full_score
                    part.steps.append(
                        Step(
                            _msg(
                                QT_TRANSLATE_NOOP(
                                    "composite", "Mean of {count} monthly scores: {mean}"
                                ),
                                count=len(scored),
                                mean=f"{mean:.2f}",
                            ),
                            part.score - c.full_marks,
                        )
                    )
            elif c.key == "handling":
                part = handling_score(
                    c,
                    figures.get(unit.id) or UnitResult(unit.id, unit.name),
                    notices_of.get(unit.id, []),
                    as_of,
                    r.refused_disputes,
                    config.handling,
                )
            elif c.key == "video":
                exposures = r.handling.video_exposures if r.handling else 0
                part = _per_count_score(
                    c,
                    exposures,
                    config.per_exposure,
                    QT_TRANSLATE_NOOP("composite", "{count} problems exposed on video"),
                )
            elif c.key == "road_duty":
                part = _per_count_score(
                    c,
                    r.duty_checks["off_duty"],
                    config.per_absence,
                    QT_TRANSLATE_NOOP("composite", "Road chief not on duty {count} times"),
                )
            else:
                part = imported_score(c, unit.id, found[c.key])
            r.parts[c.key] = part
        if scored:
            r.score = sum((p.points or Decimal(0) for p in r.parts.values()), Decimal(0))
            r.grade = rules.grade(r.score * rules.full_score / TOTAL)
        if previous is not None:
            before = next((p for p in previous.units if p.unit_id == unit.id), None)
            r.previous_score = before.score if before else None
        results.append(r)
    scaled = replace(rules, shame_below=rules.shame_below * TOTAL / rules.full_score)
    place_units(results, scaled)
    ranked = sorted((r for r in results if r.rank), key=lambda r: (r.rank, r.unit_name))
    unchecked = sorted((r for r in results if not r.rank), key=lambda r: r.unit_name)
    imports = {k: v for k, v in found.items() if v is not None}
    return CompositeAssessment(period, config, rules, as_of, months, ranked + unchecked, imports)
