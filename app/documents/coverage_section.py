"""The bulletin's coverage section (督查覆盖情况) and the workbook's 覆盖情况 sheet, from the
period's coverage (domain/coverage.py): zones visited and not, by unit, with the days since each
unvisited zone's last visit; and, when this laptop knows it, the commitment of the period's
visit plan (the SHA-256 of its seed, published before the period).

Kept apart from the bulletin's and workbook's layout: those files only call in here. Like them,
the wording is Chinese whatever language the app shows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from domain.coverage import Coverage

if TYPE_CHECKING:
    from app.documents.bulletin_model import Bulletin

HEADER = ("责任单位", "责任区域数", "已督查", "未督查区域（距上次督查天数）")
DOCX_WIDTHS_MM = (42, 20, 16, 78)
NEVER = "从未督查"
WORDS = {  # the heading, 督查覆盖情况, is bulletin_model.WORDS["coverage"]
    "coverage_figures": (
        "本月应督查责任区域{total}个，已督查{visited}个，覆盖率{rate}；未督查{unvisited}个。"
    ),
    "coverage_full": "本月各责任区域均已督查，实现全覆盖。",
    "coverage_none": "本月无在册的责任区域。",
    "plan_commitment": (
        "本期督查计划由随机种子抽取，种子的SHA-256承诺值为{commitment}；期满后公布种子，"
        "任何人可据此核验计划确系随机抽取。"
    ),
}


@dataclass(frozen=True)
class CoverageSection:
    total: int
    visited: int
    rate: str  # "40.0%"
    rows: tuple[tuple[str, str, str, str], ...]  # per unit: HEADER's cells
    plan_commitment: str | None = None


def _since(days: int | None) -> str:
    return NEVER if days is None else f"{days}天"


def coverage_section(report: Coverage, plan_commitment: str | None = None) -> CoverageSection:
    rows = []
    for unit in report.by_unit():
        unvisited = [z for z in unit.zones if not z.visited]
        listed = "、".join(f"{z.zone_name}（{_since(z.days_since)}）" for z in unvisited)
        rows.append((unit.unit_name, str(unit.total), str(unit.visited), listed or "—"))
    rate = f"{report.rate * 100:.1f}%" if report.rate is not None else "—"
    return CoverageSection(
        len(report.zones), len(report.visited), rate, tuple(rows), plan_commitment
    )


def _say(doc: Bulletin, key: str, **values: object) -> str:
    """WORDS[key] speaking of the bulletin's period (本月, or 本季度 for a quarter)."""
    text = WORDS[key].format(**values) if values else WORDS[key]
    return text if doc.span == "月" else text.replace("本月", f"本{doc.span}")


def coverage_lines(doc: Bulletin) -> list[str]:
    """The section's paragraphs before its table (the table: `doc.coverage.rows`)."""
    section = doc.coverage
    if section is None:
        return []
    if not section.total:
        return [_say(doc, "coverage_none")]
    lines = [
        _say(
            doc,
            "coverage_figures",
            total=section.total,
            visited=section.visited,
            rate=section.rate,
            unvisited=section.total - section.visited,
        )
    ]
    if section.visited == section.total:
        lines.append(_say(doc, "coverage_full"))
    return lines


def commitment_line(doc: Bulletin) -> str:
    section = doc.coverage
    if section is None or not section.plan_commitment:
        return ""
    return WORDS["plan_commitment"].format(commitment=section.plan_commitment)


# -- renderers (called by bulletin_pdf.py and bulletin_docx.py) ------------------------------------
def pdf_coverage(builder: Any) -> None:
    """Into the PDF builder (bulletin_pdf.Builder): the paragraphs and the table by unit."""
    from PySide6.QtCore import Qt

    from app.documents.pdf_table import Column

    left = Qt.AlignmentFlag.AlignLeft
    doc = builder.doc
    for line in coverage_lines(doc):
        builder.text(line)
    if doc.coverage is not None and doc.coverage.rows:
        columns = (Column(2.6, left, shrink=True), Column(1.2), Column(1.0), Column(5.0, left))
        builder.table(columns, HEADER, [list(r) for r in doc.coverage.rows])
    if commitment_line(doc):
        builder.text(commitment_line(doc))


def docx_coverage(
    document: Any,
    doc: Bulletin,
    text: Callable[[Any, str], None],
    table: Callable[..., Any],
) -> None:
    """Into the .docx (bulletin_docx's `_text` and `_table` helpers passed in)."""
    for line in coverage_lines(doc):
        text(document, line)
    if doc.coverage is not None and doc.coverage.rows:
        table(document, HEADER, doc.coverage.rows, DOCX_WIDTHS_MM, left_columns=(0, 3))
    if commitment_line(doc):
        text(document, commitment_line(doc))


# -- the workbook's sheet --------------------------------------------------------------------------
SHEET = "覆盖情况"
# (heading, width in characters, number format or None): as app/documents/workbook.py's Column
SHEET_COLUMNS: list[tuple[str, float, str | None]] = [
    ("责任单位", 24, None),
    ("责任区域", 28, None),
    ("本期督查次数", 12, "0"),
    ("已督查", 8, None),
    ("最近督查日期", 13, "yyyy-mm-dd"),
    ("距上次督查天数", 14, "0"),
]


def sheet_rows(report: Coverage) -> list[list[Any]]:
    def day(value: date | None) -> datetime | None:
        return datetime(value.year, value.month, value.day) if value else None

    return [
        [
            z.unit_name,
            z.zone_name,
            z.visits,
            "是" if z.visited else "否",
            day(z.last_visit),
            z.days_since,
        ]
        for z in report.zones
    ]


def sheet_columns() -> Sequence[tuple[str, float, str | None]]:
    return SHEET_COLUMNS
