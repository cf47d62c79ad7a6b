"""The quarter's or the year's composite workbook (.xlsx, openpyxl): the figures behind the
季度考核通报 / 年度评比, with the formula behind each total so the office can check and redo them.

- 综合: rank, unit, each component's points and the total — each a FORMULA over the component
  sheets and 说明 (weight × score / full marks, summed) —, grade, flag and board (the domain's);
- one sheet per component: its inputs per unit and its score. Where the rule is a formula the
  score is one (问题办理 = MAX(0, full − per_point × MAX(0, line − rate) − … ), 视频曝光, 马路办公,
  督查 = the months' AVERAGE scaled); an imported one holds the imported value with its file, who
  imported it and when;
- 说明: the weights, full marks and rules the formulas read.

Units are on the same row of every sheet (the assessment's order: ranked, then 未检查). Like the
other documents the workbook is an official Chinese record: its headings are Chinese.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from app.documents.composite_model import (
    DUTY_ZH,
    CompositeIncomplete,
    handling_counts,
    period_label,
    rule_text,
    source_text,
)
from app.documents.workbook import (
    BOARDS_ZH,
    FLAGS_ZH,
    HEADER_FILL,
    HEADER_FONT,
    INTEGER,
    SCORE,
    print_setup,
)
from domain.assessment import GRADES_ZH
from domain.composite import CompositeAssessment, ImportedScores
from domain.composite_config import NAMES_ZH, Component

RULES_SHEET = "说明"
SUMMARY_SHEET = "综合"
PERCENT = "0.0"


@dataclass(frozen=True)
class CompositeData:
    title: str
    assessment: CompositeAssessment
    office_name: str


def _f(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _ref(sheet: str, cell: str) -> str:
    return f"'{sheet}'!{cell}"


class _Rules:
    """The 说明 sheet: each component's weight and full marks, the rules' figures; `cell` gives
    a figure's absolute reference for the formulas."""

    def __init__(self, sheet: Worksheet, a: CompositeAssessment, counted: Sequence[Component]):
        self.refs: dict[str, str] = {}
        sheet.append(["项目", "类型", "权重", "满分", "计分方式"])
        for c in counted:
            sheet.append(
                [
                    NAMES_ZH[c.key],
                    "导入" if c.imported else "计算",
                    float(c.weight),
                    float(c.full_marks),
                    rule_text(c, a.config, a.rules.full_score),
                ]
            )
            row = sheet.max_row
            self.refs[f"{c.key}.weight"] = _ref(RULES_SHEET, f"$C${row}")
            self.refs[f"{c.key}.full"] = _ref(RULES_SHEET, f"$D${row}")
        sheet.append([])
        sheet.append(["规则", "", "数值"])
        h = a.config.handling
        figures = [
            ("inspection.rules_full", "督查细则满分", a.rules.full_score),
            ("on_time_line", "问题办理：按期整改率线（%）", h.on_time_line),
            ("per_point_on_time", "问题办理：按期整改率每低1个百分点扣分", h.per_point_on_time),
            ("close_line", "问题办理：销号率线（%）", h.close_line),
            ("per_point_close", "问题办理：销号率每低1个百分点扣分", h.per_point_close),
            ("per_rework", "问题办理：每次返工扣分", h.per_rework),
            ("per_overdue", "问题办理：每件逾期或超期整改扣分", h.per_overdue),
            ("per_refused_dispute", "问题办理：每次推诿扣分", h.per_refused_dispute),
            ("per_exposure", "视频曝光：每个问题扣分", a.config.per_exposure),
            ("per_absence", "马路办公：每次不在岗扣分", a.config.per_absence),
        ]
        for key, label, value in figures:
            sheet.append([label, "", float(value)])
            self.refs[key] = _ref(RULES_SHEET, f"$C${sheet.max_row}")
        sheet.append([])
        sheet.append(["折合分＝权重×得分÷满分；总分＝各项目折合分之和。"])
        sheet.append([f"加倍扣分的问题来源（{_doubled(a)}）在返工、逾期的计数中已按两次计入。"])
        _style(sheet, [26, 8, 8, 8, 90], header_rows=(1,))

    def __getitem__(self, key: str) -> str:
        return self.refs[key]


def _doubled(a: CompositeAssessment) -> str:
    names = {
        "leader": "领导交办",
        "media": "媒体曝光",
        "hotline": "12345热线",
        "snapshot": "随手拍",
    }
    return "、".join(names.get(s, s) for s in a.config.handling.doubled_sources) or "无"


def _style(sheet: Worksheet, widths: Sequence[float], header_rows: Sequence[int] = (1,)) -> None:
    for row in header_rows:
        for cell in sheet[row]:
            cell.font = HEADER_FONT
            cell.fill = HEADER_FILL
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "B2"
    print_setup(sheet)


def _formats(sheet: Worksheet, formats: Sequence[str | None]) -> None:
    for index, fmt in enumerate(formats, start=1):
        if fmt:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = fmt


def _component_sheet(
    sheet: Worksheet, a: CompositeAssessment, c: Component, rules: _Rules
) -> tuple[str, str]:
    """Fill one component's sheet; the columns (letters) of its score and its points."""
    key = c.key
    full, weight = rules[f"{key}.full"], rules[f"{key}.weight"]
    rows: list[list[Any]] = []  # up to the score; the points follow, then `after`
    after: dict[int, list[Any]] = {}
    header: list[str]
    formats: list[str | None]
    if key == "inspection":
        months = [f"{m.period.number}月" for m in a.months]
        header = ["责任单位", *months, "参评月数", "月均得分", "得分", "折合分"]
        first, last = get_column_letter(2), get_column_letter(1 + len(months))
        mean_col = get_column_letter(3 + len(months))
        for r, u in enumerate(a.units, start=2):
            scores = [_f(s) for s in u.month_scores]
            tail: list[Any]
            if any(s is not None for s in scores):
                tail = [
                    f"=COUNT({first}{r}:{last}{r})",
                    f"=AVERAGE({first}{r}:{last}{r})",
                    f"={mean_col}{r}*{full}/{rules['inspection.rules_full']}",
                ]
            else:
                tail = [0, None, None]
            rows.append([u.unit_name, *scores, *tail])
        formats = [None, *([SCORE] * len(months)), INTEGER, SCORE, SCORE, SCORE]
    elif key == "handling":
        header = [
            "责任单位",
            "到期通知",
            "按期整改率（%）",
            "销号率（%）",
            "按期整改率低于线（百分点）",
            "销号率低于线（百分点）",
            "返工（次，加倍计）",
            "逾期或超期（件，加倍计）",
            "推诿（次）",
            "得分",
            "折合分",
        ]
        for r, u in enumerate(a.units, start=2):
            h = u.handling
            on_time = h.on_time_rate if h else None
            close = h.close_rate if h else None
            rework, late, refused = handling_counts(u)
            rows.append(
                [
                    u.unit_name,
                    h.due if h else 0,
                    _f(on_time * 100) if on_time is not None else None,
                    _f(close * 100) if close is not None else None,
                    f"=MAX(0,{rules['on_time_line']}-C{r})" if on_time is not None else 0,
                    f"=MAX(0,{rules['close_line']}-D{r})" if close is not None else 0,
                    rework,
                    late,
                    refused,
                    (
                        f"=MAX(0,{full}-{rules['per_point_on_time']}*E{r}"
                        f"-{rules['per_point_close']}*F{r}-{rules['per_rework']}*G{r}"
                        f"-{rules['per_overdue']}*H{r}-{rules['per_refused_dispute']}*I{r})"
                    ),
                ]
            )
        formats = [
            None,
            INTEGER,
            PERCENT,
            PERCENT,
            "0.00",
            "0.00",
            INTEGER,
            INTEGER,
            INTEGER,
            SCORE,
            SCORE,
        ]
    elif key == "video":
        header = ["责任单位", "视频曝光问题（个）", "得分", "折合分"]
        for r, u in enumerate(a.units, start=2):
            exposures = u.handling.video_exposures if u.handling else 0
            rows.append([u.unit_name, exposures, f"=MAX(0,{full}-{rules['per_exposure']}*B{r})"])
        formats = [None, INTEGER, SCORE, SCORE]
    elif key == "road_duty":
        header = ["责任单位", *(f"{v}（次）" for v in DUTY_ZH.values()), "得分", "折合分"]
        for r, u in enumerate(a.units, start=2):
            counts = [u.duty_checks.get(s, 0) for s in DUTY_ZH]
            rows.append([u.unit_name, *counts, f"=MAX(0,{full}-{rules['per_absence']}*C{r})"])
        formats = [None, INTEGER, INTEGER, INTEGER, SCORE, SCORE]
    else:
        found = a.imports.get(key)
        header = ["责任单位", "导入得分", "得分", "折合分", "来源"]
        source = (
            source_text(found, a.period.zone) if isinstance(found, ImportedScores | list) else ""
        )
        for r, u in enumerate(a.units, start=2):
            part = u.parts[key]
            score = f"=B{r}" if part.score is not None else None
            rows.append([u.unit_name, _f(part.score), score])
            after[r] = [source]
        formats = [None, SCORE, SCORE, SCORE, None]
    score_at = header.index("得分")
    score_col = get_column_letter(score_at + 1)
    points_col = get_column_letter(score_at + 2)
    sheet.append(header)
    for r, row in enumerate(rows, start=2):
        points = f"={weight}*{score_col}{r}/{full}" if row[score_at] is not None else None
        sheet.append([*row, points, *after.get(r, [])])
    _formats(sheet, formats)
    widths = [26, *([11] * (len(header) - 1))]
    if header[-1] == "来源":
        widths[-1] = 60
    _style(sheet, widths)
    return score_col, points_col


def build_composite_workbook(data: CompositeData) -> Workbook:
    a = data.assessment
    if not a.complete:
        raise CompositeIncomplete(a.missing)
    counted = [c for c in a.config.components if c.weight > 0]
    book = Workbook()
    summary = book.active
    assert isinstance(summary, Worksheet)
    summary.title = SUMMARY_SHEET
    rules = _Rules(book.create_sheet(RULES_SHEET), a, counted)
    columns: dict[str, tuple[str, str]] = {}
    for c in counted:
        columns[c.key] = _component_sheet(book.create_sheet(NAMES_ZH[c.key]), a, c, rules)
    book.move_sheet(RULES_SHEET, offset=len(counted))  # 说明 last
    header = [
        "排名",
        "责任单位",
        *(f"{NAMES_ZH[c.key]}（{c.weight.normalize():f}）" for c in counted),
    ]
    header += ["总分", "等次", "流动红旗/黄旗", "红黑榜"]
    summary.append(header)
    for r, u in enumerate(a.units, start=2):
        name = NAMES_ZH
        parts: list[Any] = []
        terms = []
        for c in counted:
            score_col, points_col = columns[c.key]
            parts.append(f"={_ref(name[c.key], f'{points_col}{r}')}" if u.checked else None)
            terms.append(
                f"{rules[f'{c.key}.weight']}*{_ref(name[c.key], f'{score_col}{r}')}"
                f"/{rules[f'{c.key}.full']}"
            )
        total = "=" + "+".join(terms) if u.checked else None
        summary.append(
            [
                u.rank,
                u.unit_name,
                *parts,
                total,
                GRADES_ZH.get(u.grade or "", "未检查"),
                FLAGS_ZH.get(u.flag or "", ""),
                BOARDS_ZH.get(u.board or "", ""),
            ]
        )
    _formats(summary, [INTEGER, None, *([SCORE] * (len(counted) + 1))])
    _style(summary, [6, 26, *([11] * len(counted)), 9, 8, 12, 8])
    props = book.properties
    props.title = data.title
    props.creator = data.office_name
    props.description = "Ducha 督查"
    return book


def workbook_title(a: CompositeAssessment) -> str:
    return f"{period_label(a)}城市管理综合考核工作簿"


def write_composite_workbook(data: CompositeData, out: Path) -> Path:
    """The workbook at `out`, written whole or not at all. Raises CompositeIncomplete, OSError."""
    out = Path(out)
    book = build_composite_workbook(data)
    temp = out.with_name(f".{out.name}.{secrets.token_hex(6)}.tmp")
    try:
        book.save(temp)
        os.replace(temp, out)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return out
