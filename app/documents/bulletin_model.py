"""What the monthly bulletin (督查通报) says: all the PDF and the .docx render, nothing from the
store, no Qt. Built from a period's assessment by app/documents/bulletin_export.py.

The wording is official Chinese whatever language the app shows (like the notice's), and the
text builders here are shared by both renderers so both documents say exactly the same.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from app.documents.coverage_section import CoverageSection
from app.documents.notice_wording import chinese_date

DEFAULT_TITLE = "{period}城市精细化管理督查通报（第{issue}期）"
TITLE_FIELDS = ("period", "year", "month", "issue")
CHINESE_NUMERALS = "一二三四五六七八九十"


@dataclass(frozen=True)
class BulletinPhoto:
    path: Path  # the original, untouched, on this laptop (the export makes sure of it)
    watermark: tuple[str, ...]  # time, place, zone · unit, inspectors (drawn over a copy)
    label: str  # "图1　城关镇人民政府　道路不洁"
    name: str  # the original file's name, for messages


@dataclass(frozen=True)
class BulletinProblem:
    day: date  # the visit, Beijing calendar day
    zone: str
    item: str  # "道路不洁"
    code: str  # "DL-01"
    location: str
    description: str
    cases: int


@dataclass(frozen=True)
class UnitSection:
    """Problems by unit: the unit's figures, its worst problems, up to two typical photos."""

    unit: str
    rank: int | None
    score: str  # "95.50"
    inspections: int
    problems: tuple[BulletinProblem, ...]  # the ones printed, most serious first
    total_problems: int
    photos: tuple[BulletinPhoto, ...]


@dataclass(frozen=True)
class RankRow:
    rank: int
    unit: str
    score: str  # two decimals, as printed
    grade: str  # 优秀 / 良好 / 合格 / 不合格
    on_time: str  # 按期整改率, "87.5%" or "—"
    close: str  # 销号率
    flag: str | None  # 'red' | 'yellow'
    board: str | None  # 'honor' | 'shame'


@dataclass(frozen=True)
class Figures:
    units: int  # units assessed (ranked or not)
    checked_units: int
    inspections: int
    zones: int  # 检查点位: distinct zones visited
    problems: int
    issued: int  # notices issued in the period
    due: int  # notices due in the period
    closed: int
    on_time: int  # 按期整改 (domain/overdue.py)
    late: int  # 超期整改
    overdue: int  # 逾期 as of the export
    on_time_rate: str
    close_rate: str
    rework_rate: str
    pending_review: int  # submitted, not yet reviewed: not counted


@dataclass(frozen=True)
class Improvement:
    unit: str
    previous: str
    score: str
    change: str


@dataclass(frozen=True)
class Bulletin:
    title: str
    issue: int
    period_label: str  # "2026年11月"
    office_name: str
    issued_on: date
    rules_name: str  # 《…》 the assessment rules applied
    modes: tuple[str, ...]  # how the visits were made: 四不两直, 明查, 暗访
    figures: Figures
    ranking: tuple[RankRow, ...]
    unchecked: tuple[str, ...]
    improved: tuple[Improvement, ...]
    has_previous: bool  # the previous period had scores to compare with
    sections: tuple[UnitSection, ...]
    grade_rules: str  # "90分及以上为优秀，…"
    penalty_rules: str  # "到期未按期整改（…）的整改通知书每件扣1分，…"
    flag_rules: str = ""  # "流动红旗授予…，黄旗授予…，黑榜只列…" (the office's lines)
    commentary: str = ""  # the office's own 点评 (the .docx leaves room for it when empty)
    span: str = "月"  # 月 for a month, 季度 for a quarter: 本月 / 本季度, 上月 / 上季度
    coverage: CoverageSection | None = None  # zones visited and not (coverage_section.py)
    # 问题来源: notices issued in the period per source, (official name, count), every source
    sources: tuple[tuple[str, int], ...] = ()


# -- the wording -----------------------------------------------------------------------------------
WORDS = {
    "masthead": "督查通报",
    "issue": "第{issue}期",
    "addressee": "各责任单位：",
    "intro": (
        "依据《{rules}》，{office}于{period}采取{modes}方式，对{units}个责任单位的责任区域开展"
        "城市精细化管理督查考核。现将有关情况通报如下："
    ),
    "mode": "“{mode}”",
    "overview": "总体情况",
    "figures": (
        "本月共开展督查{inspections}次，检查点位{zones}个，发现问题{problems}个，"
        "下发整改通知书{issued}份。本月到期的整改通知书{due}份，按期整改{on_time}份，"
        "超期整改{late}份，逾期未整改{overdue}份，已销号{closed}份；按期整改率{on_time_rate}，"
        "销号率{close_rate}，返工率{rework_rate}。"
    ),
    "pending": "另有{n}次督查尚待审核，未计入本期考核。",
    "sources": "本月下发的整改通知书按问题来源统计如下：",
    "source_columns": ("问题来源", "下发整改通知书（份）"),
    "sources_total": "合计",
    "ranking": "考核排名",
    "ranking_note": "各单位得分为本月各次督查得分的平均值，{penalties}。{grades}。",
    "columns": ("排名", "责任单位", "得分", "等次", "按期整改率", "销号率", "备注"),
    "red_flag": "流动红旗",
    "yellow_flag": "黄旗",
    "flags": "本月{red}获得流动红旗；{yellow}被授予黄旗，请认真查找原因，限期整改提升。",
    "flags_red_only": "本月{red}获得流动红旗。",
    "unchecked": "本月未检查单位：{units}（不参与排名）。",
    "none_ranked": "本月无经审核计入考核的督查，未排名。",
    "boards": "红黑榜",
    "honor": "红榜",
    "shame": "黑榜",
    "board_columns": ("红榜", "得分", "黑榜", "得分"),
    "no_boards": "参与排名的单位不足两个，本月不设红黑榜。",
    "problems": "存在问题",
    "coverage": "督查覆盖情况",  # app/documents/coverage_section.py
    "unit_heading": "（{n}）{unit}",
    "unit_summary": "本月督查{inspections}次，发现问题{problems}个，得分{score}分{rank}。",
    "unit_rank": "，排名第{rank}",
    "problem": "{n}. {day}，{zone}，{item}（{code}）{detail}，共{cases}处。",
    "more": "另有{n}个问题，详见本月督查工作簿。",
    "no_problems": "本月经审核的督查未发现问题。",
    "figure": "图{n}　{item}（{day}）",
    "improved": "进步单位",
    "improved_intro": "与上月相比，以下单位得分有所提升：",
    "improvement": "{unit}（由{previous}分升至{score}分，提高{change}分）",
    "no_improved": "与上月相比，本月无得分提升的单位。",
    "no_previous": "上月无可比较的考核得分。",
    "commentary": "督查点评",
    "commentary_prompt": "（此处由督查办填写本月点评。）",
    "requirements": "工作要求",
    "requirements_text": (
        "各责任单位要对照本通报指出的问题，举一反三，立即整改；逾期未整改的问题将在下期通报中"
        "继续通报。请于收到本通报后5个工作日内将整改情况报{office}。"
    ),
    "page": "第 {page} 页 共 {pages} 页",
    "list_sep": "、",
    "sep": "；",
    "end": "。",
    "points": "{score}分",
}
DOCUMENT_CREATOR = "Ducha 督查"


def say(doc: Bulletin, key: str, **values: object) -> str:
    """WORDS[key] with its values, speaking of the bulletin's period (本月 or 本季度)."""
    text = WORDS[key].format(**values) if values else WORDS[key]
    if doc.span != "月":
        text = text.replace("本月", f"本{doc.span}").replace("上月", f"上{doc.span}")
    return text


def heading(n: int, key: str) -> str:
    """一、总体情况 (the n-th section, counted from 1)."""
    return f"{CHINESE_NUMERALS[n - 1]}、{WORDS[key]}"


def make_title(pattern: str, *, year: int, month: int, period: str, issue: int) -> str:
    """The title from a pattern such as DEFAULT_TITLE ({period}, {year}, {month}, {issue}).
    Raises ValueError naming a field the pattern may not use."""
    try:
        return pattern.format(year=year, month=month, period=period, issue=issue)
    except (KeyError, IndexError, ValueError) as error:
        fields = "、".join("{" + f + "}" for f in TITLE_FIELDS)
        raise ValueError(f"bulletin title pattern {pattern!r}: {error!r}; use {fields}") from None


def issue_text(doc: Bulletin) -> str:
    return WORDS["issue"].format(issue=doc.issue)


def date_text(doc: Bulletin) -> str:
    return chinese_date(doc.issued_on)


def intro_text(doc: Bulletin) -> str:
    modes = WORDS["list_sep"].join(WORDS["mode"].format(mode=m) for m in doc.modes)
    return WORDS["intro"].format(
        rules=doc.rules_name,
        office=doc.office_name,
        period=doc.period_label,
        modes=modes or WORDS["mode"].format(mode="四不两直"),
        units=doc.figures.units,
    )


def figures_text(doc: Bulletin) -> str:
    f = doc.figures
    text = say(
        doc,
        "figures",
        inspections=f.inspections,
        zones=f.zones,
        problems=f.problems,
        issued=f.issued,
        due=f.due,
        closed=f.closed,
        on_time=f.on_time,
        late=f.late,
        overdue=f.overdue,
        on_time_rate=f.on_time_rate,
        close_rate=f.close_rate,
        rework_rate=f.rework_rate,
    )
    if f.pending_review:
        text += say(doc, "pending", n=f.pending_review)
    return text


def source_rows(doc: Bulletin) -> list[tuple[str, str]]:
    """问题来源 table: each source and its notices, then the total; none when nothing came
    from outside inspections (the figures already say how many notices were issued)."""
    if not any(count for name, count in doc.sources[1:]):
        return []
    rows = [(name, str(count)) for name, count in doc.sources]
    return [*rows, (WORDS["sources_total"], str(sum(count for _, count in doc.sources)))]


def ranking_note(doc: Bulletin) -> str:
    note = say(doc, "ranking_note", penalties=doc.penalty_rules, grades=doc.grade_rules)
    return note + (doc.flag_rules + WORDS["end"] if doc.flag_rules else "")


def remark(row: RankRow) -> str:
    return {"red": WORDS["red_flag"], "yellow": WORDS["yellow_flag"]}.get(row.flag or "", "")


def ranking_cells(row: RankRow) -> tuple[str, ...]:
    return (str(row.rank), row.unit, row.score, row.grade, row.on_time, row.close, remark(row))


def flags_text(doc: Bulletin) -> str:
    """Who gets the 流动红旗 and the 黄旗; empty without a ranking."""
    sep = WORDS["list_sep"]
    red = sep.join(r.unit for r in doc.ranking if r.flag == "red")
    yellow = sep.join(r.unit for r in doc.ranking if r.flag == "yellow")
    if red and yellow:
        return say(doc, "flags", red=red, yellow=yellow)
    return say(doc, "flags_red_only", red=red) if red else ""


def unchecked_text(doc: Bulletin) -> str:
    if not doc.unchecked:
        return ""
    return say(doc, "unchecked", units=WORDS["list_sep"].join(doc.unchecked))


def board_rows(doc: Bulletin) -> list[tuple[str, str, str, str]]:
    """红榜 and 黑榜 side by side: (unit, score, unit, score) per line; the 黑榜 worst first."""
    return boards_side_by_side(doc.ranking, lambda r: r.score)


def boards_side_by_side(
    ranking: Sequence[Any], figure: Callable[[Any], str]
) -> list[tuple[str, str, str, str]]:
    """红榜 and 黑榜 of ranked rows (with unit and board) side by side: (unit, figure, unit,
    figure) per line, the 黑榜 worst first (the month's bulletin and the quarter's document)."""
    honor = [r for r in ranking if r.board == "honor"]
    shame = [r for r in reversed(ranking) if r.board == "shame"]
    rows = []
    for n in range(max(len(honor), len(shame))):
        good = honor[n] if n < len(honor) else None
        bad = shame[n] if n < len(shame) else None
        rows.append(
            (
                good.unit if good else "",
                figure(good) if good else "",
                bad.unit if bad else "",
                figure(bad) if bad else "",
            )
        )
    return rows


def unit_heading(n: int, section: UnitSection) -> str:
    return WORDS["unit_heading"].format(
        n=CHINESE_NUMERALS[n - 1] if n <= 10 else n, unit=section.unit
    )


def unit_summary(doc: Bulletin, section: UnitSection) -> str:
    rank = WORDS["unit_rank"].format(rank=section.rank) if section.rank else ""
    return say(
        doc,
        "unit_summary",
        inspections=section.inspections,
        problems=section.total_problems,
        score=section.score,
        rank=rank,
    )


_TRAILING = "。；;，,.、 　"


def day_text(day: date) -> str:
    return f"{day.month}月{day.day}日"


def problem_line(n: int, problem: BulletinProblem) -> str:
    """1. 11月20日，人民路（解放路—建设路），道路不洁（DL-01）：路口西北角渣土撒落，共3处。"""
    detail = problem.location.strip() + problem.description.strip().rstrip(_TRAILING)
    return WORDS["problem"].format(
        n=n,
        day=day_text(problem.day),
        zone=problem.zone,
        item=problem.item,
        code=problem.code,
        detail=f"：{detail}" if detail else "",
        cases=problem.cases,
    )


def more_text(doc: Bulletin, section: UnitSection) -> str:
    more = section.total_problems - len(section.problems)
    return say(doc, "more", n=more) if more > 0 else ""


def improved_text(doc: Bulletin) -> str:
    if not doc.improved:
        return say(doc, "no_improved" if doc.has_previous else "no_previous")
    parts = [
        WORDS["improvement"].format(
            unit=i.unit, previous=i.previous, score=i.score, change=i.change
        )
        for i in doc.improved
    ]
    return say(doc, "improved_intro") + WORDS["list_sep"].join(parts) + WORDS["end"]


def requirements_text(doc: Bulletin) -> str:
    return WORDS["requirements_text"].format(office=doc.office_name)


def signature_lines(doc: Bulletin) -> list[str]:
    return [doc.office_name, date_text(doc)]


def section_keys(doc: Bulletin, with_commentary: bool) -> list[str]:
    """The numbered sections in order: both renderers number them the same way."""
    keys = ["overview", "ranking", "boards", "problems", "improved"]
    if doc.coverage is not None:
        keys.append("coverage")
    if with_commentary or doc.commentary.strip():
        keys.append("commentary")
    keys.append("requirements")
    return keys
