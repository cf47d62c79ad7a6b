"""From the store to the month's documents: the bulletin (督查通报) as a Bulletin for the PDF and
the .docx, and the workbook (.xlsx). The figures are the assessment's (local_db/assessment_data);
the problems, photos and notices come from local_db/bulletin_data.

The bulletin is an official Chinese document whatever language the app shows: its wording is
Chinese here, not translated.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from app.documents.bulletin_model import (
    DEFAULT_TITLE,
    WORDS,
    Bulletin,
    BulletinPhoto,
    BulletinProblem,
    Figures,
    Improvement,
    RankRow,
    UnitSection,
    day_text,
    make_title,
)
from app.documents.coverage_section import CoverageSection, coverage_section
from app.documents.notice_export import MODES_ZH
from app.evidence.originals import ABSENT, OriginalsMissing
from app.evidence.watermark import document_watermark_lines
from app.photos.blobstore import BlobStore
from domain.assessment import GRADES_ZH, Assessment, Period, Rules, percent, points
from domain.cases import SOURCE_BULLETIN_NAMES
from domain.clock import utc_now
from local_db import bulletin_data
from local_db.assessment_data import assess_period
from local_db.bulletin_data import Problem
from local_db.coverage_data import period_coverage
from local_db.kept_originals import describe
from local_db.org_settings import org_settings
from local_db.plan_assignments import plan_commitment
from local_db.store import Store

LISTED_PROBLEMS = 5  # per unit in the bulletin; the workbook lists them all
TYPICAL_PHOTOS = 2  # per unit
DEFAULT_RULES_NAME = "城市精细化管理督查考核细则"


def period_label(period: Period) -> str:
    """2026年11月, or 2026年第4季度."""
    if period.kind == "quarter":
        return f"{period.year}年第{period.number}季度"
    return f"{period.year}年{period.number}月"


def _number(value: Decimal) -> str:
    """90, 0.5 — a rule's figure as written in prose."""
    text = f"{value.normalize():f}"
    return text


def grade_rules(rules: Rules) -> str:
    e, g, p = (_number(v) for v in (rules.excellent_from, rules.good_from, rules.pass_from))
    return (
        f"{e}分及以上为优秀，{g}分至{e}分（不含）为良好，{p}分至{g}分（不含）为合格，"
        f"{p}分以下为不合格"
    )


def penalty_rules(rules: Rules) -> str:
    return (
        "到期未按期整改（逾期未整改或超期整改）的整改通知书"
        f"每件扣{_number(rules.overdue_penalty)}分，"
        f"复查未通过的每次扣{_number(rules.failed_recheck_penalty)}分"
    )


def flag_rules(rules: Rules) -> str:
    """The office's lines for flags and the 黑榜 (domain/assessment.py), as the bulletin cites
    them."""
    line = _number(rules.shame_below)
    return (
        f"流动红旗授予无逾期整改通知、按期整改率不低于{_number(rules.red_on_time_from)}%"
        f"且返工率不高于{_number(rules.red_rework_up_to)}%的单位中排名最前者，"
        f"黄旗授予排名最后且得分低于{line}分的单位，黑榜只列得分低于{line}分的单位"
    )


def _figures(a: Assessment, notices: Sequence[bulletin_data.NoticeRow], pending: int) -> Figures:
    return Figures(
        units=len(a.units),
        checked_units=len(a.ranked),
        inspections=a.total("inspections"),
        zones=a.total("zones"),
        problems=a.total("problems"),
        issued=sum(n.issued_in_period for n in notices),
        due=a.total("due"),
        closed=a.total("closed"),
        on_time=a.total("on_time"),
        late=a.total("late"),
        overdue=a.total("overdue"),
        on_time_rate=percent(a.on_time_rate),
        close_rate=percent(a.close_rate),
        rework_rate=percent(a.rework_rate),
        pending_review=pending,
    )


def _worst(problems: Sequence[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (-p.deduction, p.started_at, p.item_code))


def _typical(worst: Sequence[Problem]) -> list[tuple[Problem, dict]]:
    """Up to TYPICAL_PHOTOS photos, one per problem, worst problems first: the same whatever
    this laptop holds (the export fetches what it lacks, or refuses)."""
    return [(p, photo) for p in worst for photo in p.photos[:1]][:TYPICAL_PHOTOS]


def _by_unit(store: Store, period: Period) -> dict[str, list[Problem]]:
    by_unit: dict[str, list[Problem]] = {}
    for problem in bulletin_data.problems(store, period):
        if problem.counted:
            by_unit.setdefault(problem.unit_id, []).append(problem)
    return by_unit


def bulletin_originals(store: Store, period: Period) -> list[str]:
    """The originals the period's bulletin shows (its typical photos), by SHA-256."""
    return [
        photo["sha256"]
        for problems in _by_unit(store, period).values()
        for _, photo in _typical(_worst(problems))
    ]


def _day(problem: Problem, period: Period) -> date:
    """The day of the problem's inspection, in the office's zone (the period's)."""
    return problem.started_at.astimezone(period.zone).date()


def _section(
    unit_id: str,
    a: Assessment,
    problems: Sequence[Problem],
    blobs: BlobStore,
    first_figure: int,
) -> UnitSection:
    result = next(u for u in a.units if u.unit_id == unit_id)
    worst = _worst(problems)
    photos = []
    for n, (problem, photo) in enumerate(_typical(worst), start=first_figure):
        photos.append(
            BulletinPhoto(
                path=blobs.path(photo["sha256"]),
                watermark=tuple(document_watermark_lines(photo, problem.header)),
                label=WORDS["figure"].format(
                    n=n, item=problem.item_text, day=day_text(_day(problem, a.period))
                ),
                name=photo["original_name"],
            )
        )
    return UnitSection(
        unit=result.unit_name,
        rank=result.rank,
        score=points(result.score),
        inspections=result.inspections,
        problems=tuple(
            BulletinProblem(
                day=_day(p, a.period),
                zone=p.zone_name,
                item=p.item_text,
                code=p.item_code,
                location=p.location,
                description=p.description,
                cases=p.cases,
            )
            for p in worst[:LISTED_PROBLEMS]
        ),
        total_problems=len(problems),
        photos=tuple(photos),
    )


def _assess(store: Store, period: Period, as_of: datetime, rules: Rules | None) -> Assessment:
    """The assessment under `rules`, else the office's (its synced record)."""
    rules = rules if rules is not None else org_settings(store).rules
    return assess_period(store, period, as_of=as_of, rules=rules)


def _coverage(store: Store, period: Period, as_of: datetime) -> CoverageSection:
    """The coverage section, with the period's plan commitment when this laptop has it."""
    report = period_coverage(store, period, as_of.astimezone(period.zone).date())
    return coverage_section(report, plan_commitment(store, period))


def build_bulletin(
    store: Store,
    period: Period,
    *,
    as_of: datetime | None = None,
    issue: int | None = None,
    rules: Rules | None = None,
    commentary: str = "",
) -> Bulletin:
    """The period's bulletin as of `as_of` (now by default). The issue number (期号) is the month's
    number unless given; the title follows the office's pattern (its settings record,
    domain/org_settings.py) or DEFAULT_TITLE; days and dates are in the period's zone (the
    office's). `rules`: these, else the office's. Raises ValueError for a bad title pattern,
    OriginalsMissing when an original it shows is not on this laptop (ensure_originals with
    bulletin_originals first)."""
    as_of = as_of or utc_now()
    office = org_settings(store)
    a = _assess(store, period, as_of, rules)
    by_unit = _by_unit(store, period)
    notices = bulletin_data.notices(store, period, as_of=as_of)
    counted = bulletin_data.counted_inspections(store, period)
    blobs = BlobStore(store.path.parent / "blobs")
    label = period_label(period)
    issue = issue if issue is not None else period.number
    title = make_title(
        office.bulletin_title or DEFAULT_TITLE,
        year=period.year,
        month=period.first_day.month,
        period=label,
        issue=issue,
    )
    missing = [
        photo["sha256"]
        for problems in by_unit.values()
        for _, photo in _typical(_worst(problems))
        if not blobs.has(photo["sha256"])
    ]
    if missing:
        raise OriginalsMissing(describe(store, missing), ABSENT)
    sections: list[UnitSection] = []
    figure = 1
    for result in a.units:
        if result.unit_id in by_unit:
            section = _section(result.unit_id, a, by_unit[result.unit_id], blobs, figure)
            figure += len(section.photos)
            sections.append(section)
    rules_names = list(dict.fromkeys(c["template_name"] for c in counted if c["template_name"]))
    modes = list(dict.fromkeys(MODES_ZH.get(c["mode"], c["mode"]) for c in counted))
    return Bulletin(
        title=title,
        issue=issue,
        period_label=label,
        office_name=office.office_name,
        issued_on=as_of.astimezone(period.zone).date(),
        rules_name="》《".join(rules_names) or DEFAULT_RULES_NAME,
        coverage=_coverage(store, period, as_of),
        sources=tuple(
            (SOURCE_BULLETIN_NAMES[code], count)
            for code, count in bulletin_data.issued_by_source(list(notices))
        ),
        modes=tuple(sorted(modes, key=list(MODES_ZH.values()).index)),
        figures=_figures(a, notices, bulletin_data.pending_review(store, period)),
        ranking=tuple(
            RankRow(
                rank=u.rank or 0,
                unit=u.unit_name,
                score=points(u.score),
                grade=GRADES_ZH.get(u.grade or "", ""),
                on_time=percent(u.on_time_rate),
                close=percent(u.close_rate),
                flag=u.flag,
                board=u.board,
            )
            for u in a.ranked
        ),
        unchecked=tuple(u.unit_name for u in a.unchecked),
        improved=tuple(
            Improvement(u.unit_name, points(u.previous_score), points(u.score), points(u.change))
            for u in a.improved
        ),
        has_previous=any(u.previous_score is not None for u in a.units),
        sections=tuple(sections),
        grade_rules=grade_rules(a.rules),
        penalty_rules=penalty_rules(a.rules),
        flag_rules=flag_rules(a.rules),
        commentary=commentary,
        span="季度" if period.kind == "quarter" else "月",
    )


def export_bulletin(
    store: Store,
    period: Period,
    out: Path,
    *,
    as_of: datetime | None = None,
    issue: int | None = None,
    rules: Rules | None = None,
) -> Path:
    """Write the bulletin as PDF or .docx, by the file's suffix."""
    suffix = out.suffix.lower()
    if suffix not in (".pdf", ".docx"):
        raise ValueError(
            QCoreApplication.translate(
                "documents", "{name}: the bulletin is written as .pdf or .docx"
            ).format(name=out.name)
        )
    document = build_bulletin(store, period, as_of=as_of, issue=issue, rules=rules)
    if suffix == ".pdf":
        from app.documents.bulletin_pdf import write_bulletin_pdf

        return write_bulletin_pdf(document, out)
    from app.documents.bulletin_docx import write_bulletin_docx

    return write_bulletin_docx(document, out)


def export_workbook(
    store: Store,
    period: Period,
    out: Path,
    *,
    as_of: datetime | None = None,
    rules: Rules | None = None,
) -> Path:
    """Write the period's workbook (.xlsx): ranking, all problems, all notices."""
    if out.suffix.lower() != ".xlsx":
        raise ValueError(
            QCoreApplication.translate(
                "documents", "{name}: the workbook is written as .xlsx"
            ).format(name=out.name)
        )
    from app.documents.workbook import MonthData, write_workbook

    as_of = as_of or utc_now()
    data = MonthData(
        title=f"{period_label(period)}城市精细化管理督查工作簿",
        assessment=_assess(store, period, as_of, rules),
        problems=bulletin_data.problems(store, period),
        notices=bulletin_data.notices(store, period, as_of=as_of),
        office_name=org_settings(store).office_name,
        coverage=period_coverage(store, period, as_of.astimezone(period.zone).date()),
    )
    return write_workbook(data, out)
