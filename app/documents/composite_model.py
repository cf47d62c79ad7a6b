"""What the quarter's 季度考核通报 and the year's 年度评比 say: all the PDF and the .docx render,
made from a CompositeAssessment (domain/composite.py) — no store, no Qt. Built by
app/documents/composite_export.py from a store, or by a test from the pure domain.

Like the monthly bulletin the wording is official Chinese whatever language the app shows, and the
text builders here are shared by both renderers so both documents say exactly the same. A document
is only made from a complete assessment: `build_composite` raises CompositeIncomplete naming the
missing components (never a placeholder in an official document).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from zoneinfo import ZoneInfo

from app.documents.bulletin_model import CHINESE_NUMERALS, boards_side_by_side
from app.documents.notice_wording import chinese_date
from domain.assessment import GRADES_ZH, percent, points
from domain.clock import from_iso
from domain.composite import CompositeAssessment, ImportedScores, UnitComposite
from domain.composite_config import NAMES_ZH, Component, CompositeConfig

QUARTERS_ZH = "一二三四"
FLAGS_ZH = {"red": "流动红旗", "yellow": "黄旗"}
BOARDS_ZH = {"honor": "红榜", "shame": "黑榜"}
DUTY_ZH = {"on_duty": "在岗", "off_duty": "不在岗", "unverified": "未核实"}


class CompositeIncomplete(ValueError):
    """The assessment lacks imported components: no document until they are imported."""

    def __init__(self, missing: list[str]) -> None:
        self.missing = missing
        names = "、".join(NAMES_ZH.get(k, k) for k in missing)
        super().__init__(f"components not yet imported: {', '.join(missing)} ({names})")


@dataclass(frozen=True)
class ComponentRule:
    key: str
    name: str  # 督查
    weight: str  # "30"
    full_marks: str  # "100"
    imported: bool
    rule: str  # how it is scored, in words
    source: str  # imported: file, who, when ("" for computed)


@dataclass(frozen=True)
class CompositeRow:
    rank: int
    unit: str
    parts: tuple[str, ...]  # each component's points of the total, two decimals
    total: str
    grade: str
    flag: str | None
    board: str | None


@dataclass(frozen=True)
class AnnexTable:
    title: str  # "1. 督查（权重30分，满分100分）"
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    note: str = ""  # 数据来源 of an imported component


@dataclass(frozen=True)
class ShameReason:
    unit: str
    total: str
    lost: str  # "问题办理失去12.44分、督查失去6.15分"


@dataclass(frozen=True)
class CompositeDocument:
    kind: str  # 'quarter' | 'year'
    title: str
    number: str  # 发文字号
    period_label: str  # 2026年第三季度 / 2026年度
    office_name: str
    issued_on: date
    components: tuple[ComponentRule, ...]
    ranking: tuple[CompositeRow, ...]
    unchecked: tuple[str, ...]
    shame: tuple[ShameReason, ...]
    annex: tuple[AnnexTable, ...]
    grade_counts: tuple[tuple[str, int], ...]  # (优秀, 2), … in order, only those with units
    shame_line: str  # "80"
    grade_rules: str

    @property
    def span(self) -> str:
        return "季度" if self.kind == "quarter" else "年度"


SECTIONS = ("考核内容", "考核结果", "流动红旗和黄旗", "红黑榜", "工作要求")
RANKING_FIRST = ("排名", "责任单位")
RANKING_LAST = ("总分", "等次")
BOARD_HEADER = ("红榜", "总分", "黑榜", "总分")
WORDS: dict[str, str] = {
    "title_quarter": "关于{year}年第{q}季度城市管理综合考核情况的通报",
    "title_year": "关于{year}年度城市管理综合考核评比结果的通报",
    "number_quarter": "督考〔{year}〕{n}号",
    "number_year": "督评〔{year}〕1号",
    "addressee": "各责任单位：",
    "intro": (
        "根据城市管理综合考核办法，{office}对{units}个责任单位{period}的城市管理工作进行了"
        "综合考核。考核内容包括{components}，满分100分。现将考核{outcome}通报如下："
    ),
    "outcome_quarter": "情况",
    "outcome_year": "评比结果",
    "component": "{name}（{weight}分）",
    "rules_intro": "各考核项目按满分计分后，按权重折合计入总分（折合分＝权重×得分÷满分）：",
    "rule_line": "{n}. {name}（权重{weight}分，满分{full}分）：{rule}",
    "results": ("参与排名的单位{ranked}个。{first}以{total}分排名第一。按综合得分，{grades}。"),
    "grade_count": "{grade}{n}个",
    "unchecked": "{units}本{span}未经督查，不参与排名。",
    "none_ranked": "本{span}无经审核计入考核的督查，未排名。",
    "ranking_caption": "{period}城市管理综合考核排名",
    "flags": "{red}获得{period}流动红旗；{yellow}被授予黄旗，请认真查找原因，限期整改提升。",
    "flags_red_only": "{red}获得{period}流动红旗。",
    "no_flags": "本{span}无单位符合流动红旗条件，不授予流动红旗。",
    "no_boards": "参与排名的单位不足两个，本{span}不设红黑榜。",
    "shame_intro": "列入黑榜的单位综合得分低于{line}分：",
    "shame": "{unit}（{total}分，{lost}）",
    "lost": "{name}失{points}分",
    "no_shame": "本{span}无单位得分低于{line}分，黑榜空缺。",
    "requirements": (
        "各责任单位要对照考核结果，查找失分原因，针对问题办理、马路办公等薄弱环节制定整改措施，"
        "切实提升城市管理水平。获得黄旗和列入黑榜的单位，请于收到本通报后10个工作日内将整改"
        "措施书面报{office}。"
    ),
    "annex_note": "附件：{period}城市管理综合考核各项目得分明细",
    "annex_heading": "附件",
    "annex_title": "{period}城市管理综合考核各项目得分明细",
    "annex_table": "{n}. {name}（权重{weight}分，满分{full}分）",
    "source": "数据来源：{file}，{who}于{when}导入。",
    "source_unknown": "（未记录）",
    "source_year": "数据来源：各季度导入得分的平均值（{files}）。",
    "list_sep": "、",
    "sep": "；",
    "end": "。",
}
DOCUMENT_CREATOR = "Ducha 督查"


def _num(value: Decimal) -> str:
    """90, 0.5 — a rule's figure as written in prose."""
    text = f"{value.normalize():f}"
    return text


def period_label(a: CompositeAssessment) -> str:
    if a.period.kind == "quarter":
        return f"{a.period.year}年第{QUARTERS_ZH[a.period.number - 1]}季度"
    return f"{a.period.year}年度"


def title_of(a: CompositeAssessment) -> str:
    if a.period.kind == "quarter":
        return WORDS["title_quarter"].format(year=a.period.year, q=QUARTERS_ZH[a.period.number - 1])
    return WORDS["title_year"].format(year=a.period.year)


def rule_text(component: Component, config: CompositeConfig, full_score: Decimal) -> str:
    """How a component is scored, as the 通报 states it."""
    h = config.handling
    full = _num(component.full_marks)
    if component.key == "inspection":
        return f"取各月督查得分（满分{_num(full_score)}分）的平均值，按满分{full}分折算"
    if component.key == "handling":
        doubled = "、".join(
            {"leader": "领导交办", "media": "媒体曝光"}.get(s, s) for s in h.doubled_sources
        )
        text = (
            f"按期整改率低于{_num(h.on_time_line)}%的每低1个百分点扣"
            f"{_num(h.per_point_on_time)}分，销号率低于{_num(h.close_line)}%的每低1个百分点扣"
            f"{_num(h.per_point_close)}分，每次返工扣{_num(h.per_rework)}分，每件逾期或超期整改扣"
            f"{_num(h.per_overdue)}分，每次推诿（争议被驳回）扣{_num(h.per_refused_dispute)}分"
        )
        if doubled:
            text += f"；{doubled}的问题加倍扣分"
        return text + "，扣完为止"
    if component.key == "video":
        return f"视频曝光的问题每个扣{_num(config.per_exposure)}分，扣完为止"
    if component.key == "road_duty":
        return f"督查时路长不在岗的每次扣{_num(config.per_absence)}分（未核实的不扣分），扣完为止"
    return f"按导入的{NAMES_ZH[component.key]}得分（满分{full}分）计分"


def _when(text: str | None, zone: ZoneInfo) -> str:
    """An import's UTC time as the office's wall clock, 2026-10-02 09:00."""
    if not text:
        return WORDS["source_unknown"]
    try:
        return f"{from_iso(text).astimezone(zone):%Y-%m-%d %H:%M}"
    except ValueError:
        return text


def source_text(found: ImportedScores | list[ImportedScores] | None, zone: ZoneInfo) -> str:
    if found is None:
        return ""
    if isinstance(found, ImportedScores):
        return WORDS["source"].format(
            file=found.file_name or WORDS["source_unknown"],
            who=found.imported_by or WORDS["source_unknown"],
            when=_when(found.imported_at, zone),
        )
    files = WORDS["list_sep"].join(f"{i.period} {i.file_name}".strip() for i in found)
    return WORDS["source_year"].format(files=files)


def _points(value: Decimal | None) -> str:
    return points(value)


def handling_counts(u: UnitComposite) -> tuple[int, int, int]:
    """(返工, 逾期或超期, 推诿) as the rule counted them: a doubled source counts twice."""
    part = u.parts.get("handling")
    if part is None:
        return (0, 0, 0)
    return (part.counted("rework"), part.counted("late"), part.counted("disputes"))


def month_headers(a: CompositeAssessment) -> list[str]:
    return [f"{m.period.number}月" for m in a.months]


def annex_rows(
    a: CompositeAssessment, key: str
) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """One component's table: its inputs per unit, its score and its points."""
    units = a.ranked
    if key == "inspection":
        if a.period.kind == "quarter":
            header = ("责任单位", *month_headers(a), "月均得分", "得分", "折合分")
        else:
            header = ("责任单位", "参评月数", "月均得分", "得分", "折合分")
    elif key == "handling":
        header = (
            "责任单位",
            "到期通知",
            "按期整改率",
            "销号率",
            "返工",
            "逾期或超期",
            "推诿",
            "得分",
            "折合分",
        )
    elif key == "video":
        header = ("责任单位", "视频曝光问题", "得分", "折合分")
    elif key == "road_duty":
        header = ("责任单位", "在岗", "不在岗", "未核实", "得分", "折合分")
    else:
        header = ("责任单位", "导入得分", "得分", "折合分")
    rows = []
    for u in units:
        part = u.parts[key]
        tail = (_points(part.score), _points(part.points))
        if key == "inspection":
            scored = [s for s in u.month_scores if s is not None]
            mean = sum(scored, Decimal(0)) / len(scored) if scored else None
            if a.period.kind == "quarter":
                middle: tuple[str, ...] = (
                    *(_points(s) if s is not None else "未检查" for s in u.month_scores),
                    _points(mean),
                )
            else:
                middle = (str(len(scored)), _points(mean))
        elif key == "handling":
            h = u.handling
            rework, late, refused = handling_counts(u)
            middle = (
                str(h.due if h else 0),
                percent(h.on_time_rate if h else None),
                percent(h.close_rate if h else None),
                str(rework),
                str(late),
                str(refused),
            )
        elif key == "video":
            middle = (str(u.handling.video_exposures if u.handling else 0),)
        elif key == "road_duty":
            middle = tuple(str(u.duty_checks.get(s, 0)) for s in DUTY_ZH)
        else:
            middle = (_points(part.score),)
        rows.append((u.unit_name, *middle, *tail))
    return header, tuple(rows)


def _shame(a: CompositeAssessment) -> tuple[ShameReason, ...]:
    """Who is on the 黑榜 and why: the components they lost most points on (up to three)."""
    reasons = []
    for u in reversed(a.ranked):
        if u.board != "shame":
            continue
        lost = sorted(
            ((p.component.weight - (p.points or Decimal(0)), k) for k, p in u.parts.items()),
            key=lambda x: -x[0],
        )
        words = WORDS["list_sep"].join(
            WORDS["lost"].format(name=NAMES_ZH[k], points=points(v)) for v, k in lost[:3] if v > 0
        )
        reasons.append(ShameReason(u.unit_name, points(u.score), words))
    return tuple(reasons)


def build_composite(
    a: CompositeAssessment, *, office_name: str, issued_on: date, number: str | None = None
) -> CompositeDocument:
    """The document of a complete assessment; CompositeIncomplete naming what is missing."""
    if not a.complete:
        raise CompositeIncomplete(a.missing)
    label = period_label(a)
    counted = [c for c in a.config.components if c.weight > 0]
    components = tuple(
        ComponentRule(
            c.key,
            NAMES_ZH[c.key],
            _num(c.weight),
            _num(c.full_marks),
            c.imported,
            rule_text(c, a.config, a.rules.full_score),
            source_text(a.imports.get(c.key), a.period.zone) if c.imported else "",
        )
        for c in counted
    )
    ranking = tuple(
        CompositeRow(
            u.rank or 0,
            u.unit_name,
            tuple(points(u.parts[c.key].points) for c in counted),
            points(u.score),
            GRADES_ZH.get(u.grade or "", ""),
            u.flag,
            u.board,
        )
        for u in a.ranked
    )
    annex = []
    for n, c in enumerate(counted, 1):
        header, rows = annex_rows(a, c.key)
        annex.append(
            AnnexTable(
                WORDS["annex_table"].format(
                    n=n, name=NAMES_ZH[c.key], weight=_num(c.weight), full=_num(c.full_marks)
                ),
                header,
                rows,
                source_text(a.imports.get(c.key), a.period.zone) if c.imported else "",
            )
        )
    counts = [(GRADES_ZH[g], sum(1 for u in a.ranked if u.grade == g)) for g in GRADES_ZH]
    scale = Decimal(100) / a.rules.full_score
    lines = [a.rules.excellent_from, a.rules.good_from, a.rules.pass_from]
    e, g, p = (_num((v * scale).normalize()) for v in lines)
    if number is None:
        kind = a.period.kind
        key = "number_quarter" if kind == "quarter" else "number_year"
        number = WORDS[key].format(year=a.period.year, n=a.period.number)
    return CompositeDocument(
        kind=a.period.kind,
        title=title_of(a),
        number=number,
        period_label=label,
        office_name=office_name,
        issued_on=issued_on,
        components=components,
        ranking=ranking,
        unchecked=tuple(u.unit_name for u in a.unchecked),
        shame=_shame(a),
        annex=tuple(annex),
        grade_counts=tuple((name, n) for name, n in counts if n),
        shame_line=_num((a.rules.shame_below * scale).normalize()),
        grade_rules=(
            f"综合得分{e}分及以上为优秀，{g}分至{e}分（不含）为良好，{p}分至{g}分（不含）为合格，"
            f"{p}分以下为不合格"
        ),
    )


# -- the text builders (both renderers) -----------------------------------------------------------
def heading(n: int, text: str) -> str:
    return f"{CHINESE_NUMERALS[n - 1]}、{text}"


def intro_text(doc: CompositeDocument) -> str:
    parts = WORDS["list_sep"].join(
        WORDS["component"].format(name=c.name, weight=c.weight) for c in doc.components
    )
    units = len(doc.ranking) + len(doc.unchecked)
    outcome = WORDS["outcome_quarter" if doc.kind == "quarter" else "outcome_year"]
    return WORDS["intro"].format(
        office=doc.office_name,
        units=units,
        period=doc.period_label,
        components=parts,
        outcome=outcome,
    )


def rule_lines(doc: CompositeDocument) -> list[str]:
    lines = [WORDS["rules_intro"]]
    for n, c in enumerate(doc.components, 1):
        line = WORDS["rule_line"].format(
            n=n, name=c.name, weight=c.weight, full=c.full_marks, rule=c.rule
        )
        lines.append(line + WORDS["end"])
    lines.append(doc.grade_rules + WORDS["end"])
    return lines


def results_text(doc: CompositeDocument) -> str:
    unchecked = ""
    if doc.unchecked:
        names = WORDS["list_sep"].join(doc.unchecked)
        unchecked = WORDS["unchecked"].format(units=names, span=doc.span)
    if not doc.ranking:
        return WORDS["none_ranked"].format(span=doc.span) + unchecked
    first = [r for r in doc.ranking if r.rank == 1]
    grades = WORDS["list_sep"].join(
        WORDS["grade_count"].format(grade=g, n=n) for g, n in doc.grade_counts
    )
    text = WORDS["results"].format(
        ranked=len(doc.ranking),
        first=WORDS["list_sep"].join(r.unit for r in first),
        total=first[0].total,
        grades=grades,
    )
    return text + unchecked


def ranking_header(doc: CompositeDocument) -> tuple[str, ...]:
    parts = tuple(f"{c.name}\n({c.weight})" for c in doc.components)
    return (*RANKING_FIRST, *parts, *RANKING_LAST)


def ranking_cells(row: CompositeRow) -> tuple[str, ...]:
    return (str(row.rank), row.unit, *row.parts, row.total, row.grade)


def ranking_caption(doc: CompositeDocument) -> str:
    return WORDS["ranking_caption"].format(period=doc.period_label)


def flags_text(doc: CompositeDocument) -> str:
    sep = WORDS["list_sep"]
    red = sep.join(r.unit for r in doc.ranking if r.flag == "red")
    yellow = sep.join(r.unit for r in doc.ranking if r.flag == "yellow")
    if red and yellow:
        return WORDS["flags"].format(red=red, yellow=yellow, period=doc.period_label)
    if red:
        return WORDS["flags_red_only"].format(red=red, period=doc.period_label)
    return WORDS["no_flags"].format(span=doc.span)


def board_rows(doc: CompositeDocument) -> list[tuple[str, str, str, str]]:
    """红榜 and 黑榜 side by side, the 黑榜 worst first."""
    return boards_side_by_side(doc.ranking, lambda r: r.total)


def shame_text(doc: CompositeDocument) -> str:
    if not doc.ranking or len(doc.ranking) < 2:
        return WORDS["no_boards"].format(span=doc.span)
    if not doc.shame:
        return WORDS["no_shame"].format(span=doc.span, line=doc.shame_line)
    reasons = WORDS["sep"].join(
        WORDS["shame"].format(unit=s.unit, total=s.total, lost=s.lost) for s in doc.shame
    )
    return WORDS["shame_intro"].format(line=doc.shame_line) + reasons + WORDS["end"]


def requirements_text(doc: CompositeDocument) -> str:
    return WORDS["requirements"].format(office=doc.office_name)


def annex_note(doc: CompositeDocument) -> str:
    return WORDS["annex_note"].format(period=doc.period_label)


def annex_title(doc: CompositeDocument) -> str:
    return WORDS["annex_title"].format(period=doc.period_label)


def signature_lines(doc: CompositeDocument) -> list[str]:
    return [doc.office_name, chinese_date(doc.issued_on)]  # type: ignore[arg-type]
