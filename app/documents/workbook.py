"""The month's workbook (.xlsx, openpyxl) for Excel and WPS: 排名 (the assessment), 问题明细 (every
problem of the month's submitted inspections, and whether it counts), 整改通知 (every notice
issued or due in the month, with its derived state and source) and 问题来源 (the month's notices
by source).

Real values, not text: times are datetime cells in Beijing time with a date format, scores and
deductions numbers with two decimals, rates fractions shown as percentages (empty when there was
nothing to measure). Each sheet has its header frozen, an autofilter and set column widths. Like
the bulletin, the workbook is an official Chinese record: its headings are Chinese.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from app.documents.notice_wording import MODES_ZH, ZONE_KINDS_ZH
from domain.assessment import GRADES_ZH, Assessment
from domain.cases import NOTICE_SOURCES, SOURCE_BULLETIN_NAMES
from domain.coverage import Coverage
from local_db.bulletin_data import NoticeRow, Problem

DATETIME = "yyyy-mm-dd hh:mm"
SCORE = "0.00"
RATE = "0.0%"
INTEGER = "0"
HEADER_FILL = PatternFill("solid", fgColor="E8E8E8")
HEADER_FONT = Font(bold=True)
FLAGS_ZH = {"red": "流动红旗", "yellow": "黄旗"}
BOARDS_ZH = {"honor": "红榜", "shame": "黑榜"}


REVIEWS_ZH = {"accepted": "已采纳", "returned": "已退回", None: "待审核"}
STATES_ZH = {
    "issued": "待签收",
    "acknowledged": "整改中",
    "rectified": "待复查",
    "rework": "返工整改",
    "passed": "复查通过",
    "closed": "已销号",
}
YES, NO = "是", "否"


@dataclass(frozen=True)
class MonthData:
    title: str  # "2026年11月城市精细化管理督查工作簿"
    assessment: Assessment
    problems: Sequence[Problem]
    notices: Sequence[NoticeRow]
    office_name: str
    coverage: Coverage | None = None  # the 覆盖情况 sheet (app/documents/coverage_section.py)


# (heading, width in characters, number format or None)
Column = tuple[str, float, str | None]

RANKING: list[Column] = [
    ("排名", 6, INTEGER),
    ("责任单位", 26, None),
    ("得分", 9, SCORE),
    ("等次", 8, None),
    ("备注", 10, None),
    ("红黑榜", 8, None),
    ("督查次数", 9, INTEGER),
    ("检查点位", 9, INTEGER),
    ("发现问题", 9, INTEGER),
    ("平均得分", 9, SCORE),
    ("到期通知", 9, INTEGER),
    ("已销号", 8, INTEGER),
    ("按期整改", 9, INTEGER),
    ("超期整改", 9, INTEGER),
    ("逾期", 6, INTEGER),
    ("复查次数", 9, INTEGER),
    ("复查未通过", 10, INTEGER),
    ("按期整改率", 11, RATE),
    ("销号率", 9, RATE),
    ("返工率", 9, RATE),
    ("上月得分", 9, SCORE),
    ("得分变化", 9, SCORE),
    ("视频曝光", 9, INTEGER),
]
PROBLEMS: list[Column] = [
    ("督查时间", 17, DATETIME),
    ("责任单位", 24, None),
    ("责任区", 26, None),
    ("区域类型", 9, None),
    ("督查方式", 9, None),
    ("督查人员", 14, None),
    ("检查项编号", 10, None),
    ("检查项", 22, None),
    ("GB/T 47678.5 编号", 12, None),
    ("具体位置", 22, None),
    ("问题描述", 36, None),
    ("问题数（处）", 11, INTEGER),
    ("扣分", 7, SCORE),
    ("照片数", 7, INTEGER),
    ("审核", 8, None),
    ("计入考核", 9, None),
    ("整改通知编号", 22, None),
]
NOTICES: list[Column] = [
    ("通知编号", 22, None),
    ("编号类型", 9, None),
    ("责任单位", 24, None),
    ("责任区", 26, None),
    ("下发时间", 17, DATETIME),
    ("下发人", 9, None),
    ("原整改期限", 17, DATETIME),
    ("整改期限", 17, DATETIME),
    ("状态", 9, None),
    ("逾期", 6, None),
    ("签收人", 9, None),
    ("签收时间", 17, DATETIME),
    ("销号时间", 17, DATETIME),
    ("按期整改", 9, None),
    ("复查次数", 9, INTEGER),
    ("复查未通过", 10, INTEGER),
    ("问题数", 7, INTEGER),
    ("本月下发", 9, None),
    ("计入本月考核", 12, None),
    ("问题来源", 10, None),
]
# 问题来源: the month's notices by where their problems came from (domain/cases.py)
SOURCES: list[Column] = [
    ("问题来源", 14, None),
    ("本月下发", 10, INTEGER),
    ("其中已销号", 11, INTEGER),
    ("其中逾期", 10, INTEGER),
]


def local(moment: datetime | None, zone: ZoneInfo) -> datetime | None:
    """A wall-clock time of the office's zone, without zone (spreadsheets have none), to the
    second."""
    if moment is None:
        return None
    return moment.astimezone(zone).replace(tzinfo=None, microsecond=0)


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _yes(value: bool) -> str:
    return YES if value else NO


def ranking_rows(a: Assessment) -> list[list[Any]]:
    rows = []
    for u in a.units:
        rows.append(
            [
                u.rank,
                u.unit_name,
                _number(u.score),
                GRADES_ZH.get(u.grade or "", "未检查"),
                FLAGS_ZH.get(u.flag or "", ""),
                BOARDS_ZH.get(u.board or "", ""),
                u.inspections,
                u.zones,
                u.problems,
                _number(u.mean_score),
                u.due,
                u.closed,
                u.on_time,
                u.late,
                u.overdue,
                u.rechecks,
                u.failed_rechecks,
                _number(u.on_time_rate),
                _number(u.close_rate),
                _number(u.rework_rate),
                _number(u.previous_score),
                _number(u.change),
                u.video_exposures,
            ]
        )
    return rows


def problem_rows(problems: Sequence[Problem], zone: ZoneInfo) -> list[list[Any]]:
    return [
        [
            local(p.started_at, zone),
            p.unit_name,
            p.zone_name,
            ZONE_KINDS_ZH.get(p.zone_kind, p.zone_kind),
            MODES_ZH.get(p.mode, p.mode),
            p.inspectors,
            p.item_code,
            p.item_text,
            p.gb_code,
            p.location,
            p.description,
            p.cases,
            float(p.deduction),
            len(p.photos),
            REVIEWS_ZH.get(p.review, p.review),
            _yes(p.counted),
            "、".join(p.notices),
        ]
        for p in problems
    ]


def notice_rows(notices: Sequence[NoticeRow], zone: ZoneInfo) -> list[list[Any]]:
    return [
        [
            n.number,
            "正式" if n.number_kind == "official" else "临时",
            n.unit_name,
            n.zone_name,
            local(n.issued_at, zone),
            n.issued_by,
            local(n.first_due_at, zone),
            local(n.due_at, zone),
            STATES_ZH.get(n.state, n.state),
            _yes(n.overdue),
            n.signer or "",
            local(n.acknowledged_at, zone),
            local(n.closed_at, zone),
            _yes(n.on_time) if n.on_time or n.late else "",
            n.rechecks,
            n.failed_rechecks,
            n.problems,
            _yes(n.issued_in_period),
            _yes(n.due_in_period),
            SOURCE_BULLETIN_NAMES.get(n.source, n.source),
        ]
        for n in notices
    ]


def source_rows(notices: Sequence[NoticeRow]) -> list[list[Any]]:
    """Per source (every one, in order) the notices issued in the month, of which closed and
    overdue; then the total."""
    issued = [n for n in notices if n.issued_in_period]
    rows: list[list[Any]] = [
        [
            SOURCE_BULLETIN_NAMES[source],
            sum(n.source == source for n in issued),
            sum(n.source == source and n.state == "closed" for n in issued),
            sum(n.source == source and n.overdue for n in issued),
        ]
        for source in NOTICE_SOURCES
    ]
    total = ["合计", *(sum(int(r[i]) for r in rows) for i in (1, 2, 3))]
    return [*rows, total]


def _clean(value: Any) -> Any:
    """Text as typed, without the control characters a spreadsheet cannot hold."""
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def _sheet(sheet: Worksheet, columns: list[Column], rows: list[list[Any]]) -> None:
    sheet.append([heading for heading, _, _ in columns])
    for cell in sheet[1]:
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for row in rows:
        sheet.append([_clean(value) for value in row])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # typed text, never a formula
    for index, (_, width, fmt) in enumerate(columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = width
        if fmt:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = fmt
    sheet.freeze_panes = "A2"
    last = get_column_letter(len(columns))
    sheet.auto_filter.ref = f"A1:{last}{max(1, len(rows) + 1)}"
    print_setup(sheet)


def print_setup(sheet: Worksheet) -> None:
    """Printed as an office prints a list: A4 landscape, every column on the page's width (as
    many pages down as the rows need), the header row on every page, the sheet's name and the
    page number in the footer, modest margins (inches, as the file stores them)."""
    setup = sheet.page_setup
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.orientation = sheet.ORIENTATION_LANDSCAPE
    setup.fitToWidth = 1
    setup.fitToHeight = 0  # 0: as many pages down as needed
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    sheet.print_options.horizontalCentered = True
    margins = sheet.page_margins
    margins.left = margins.right = 0.5  # 12.7 mm
    margins.top = margins.bottom = 0.6
    margins.header = margins.footer = 0.3
    sheet.oddFooter.center.text = "&A — &P / &N"


def build_workbook(data: MonthData) -> Workbook:
    book = Workbook()
    ranking = book.active
    ranking.title = "排名"
    _sheet(ranking, RANKING, ranking_rows(data.assessment))
    zone = data.assessment.period.zone  # the office's: the month's days are its days
    _sheet(book.create_sheet("问题明细"), PROBLEMS, problem_rows(data.problems, zone))
    _sheet(book.create_sheet("整改通知"), NOTICES, notice_rows(data.notices, zone))
    _sheet(book.create_sheet("问题来源"), SOURCES, source_rows(data.notices))
    if data.coverage is not None:
        from app.documents import coverage_section as cover

        _sheet(book.create_sheet(cover.SHEET), cover.SHEET_COLUMNS, cover.sheet_rows(data.coverage))
    props = book.properties
    props.title = data.title
    props.creator = data.office_name
    props.description = "Ducha 督查"
    return book


def write_workbook(data: MonthData, out: Path) -> Path:
    """The workbook at `out`, written whole or not at all (temp file, then rename). Raises
    OSError."""
    out = Path(out)
    temp = out.with_name(f".{out.name}.{secrets.token_hex(6)}.tmp")
    try:
        build_workbook(data).save(temp)
        os.replace(temp, out)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return out
