"""The notice's wording: official Chinese text built from a NoticeDocument, shared by the PDF
and the .docx (no Qt, no layout)."""

from __future__ import annotations

from datetime import datetime

from app.documents.model import NoticeDocument, NoticePhoto, NoticeProblem
from domain.numbering import parse_official

# The official names of a visit's mode and a zone's kind (notices, the bulletin, the workbook).
MODES_ZH = {"unannounced": "四不两直", "open": "明查", "covert": "暗访"}
ZONE_KINDS_ZH = {"road_segment": "责任路段", "grid": "网格", "site": "点位"}

# -- the wording (shared with notice_docx) ---------------------------------------------------------
WORDS = {
    "title": "整改通知书",
    "provisional": "（临时编号）",
    "body": (
        "{inspected}，{office}采取“{mode}”方式对{zone}（{zone_kind}）进行督查，发现问题{count}个{cases}，"
        "现将有关情况通知如下，请于{due}前整改完毕，并将整改情况报{report_to}。"
    ),
    "case_body": (
        "{received}，{office}收到{source}（编号{ticket}）反映的问题，经核实，现交由你单位办理，"
        "请于{due}前整改完毕，并将整改情况报{report_to}。"
    ),
    "problems": "一、存在问题",
    "cases_total": "（共{cases}处）",  # after 发现问题N个 when the problems count more places
    "requirements": "二、整改要求：",
    "deadline": "三、整改期限：",
    "deadline_value": "{due} 前",
    "inspectors": "督查人员：",
    "issued_by": "签发人：{name}",
    "cc": "抄送：",
    "cut": "沿此线剪开",
    "receipt": "签收回执",
    "receipt_number": "通知单编号：",
    "receipt_unit": "签收单位：",
    "receipt_person": "签收人：",
    "receipt_time": "签收时间：",
    "receipt_blank_time": "　　年　　月　　日　　时　　分",
    "receipt_note": "（本回执由签收单位填写后交回{office}，通知书由签收单位留存。）",
    "page": "— {page} —",
    "document_number": "{prefix}〔{year}〕{seq}号",
    "problem_cell": "{item}：{description}，共{cases}处。",
    "due_cell": "{year}年\u2028{month}月{day}日\u2028{time}前",
    "figure": "图{problem}-{n}",
    "list_sep": "、",
    "cc_sep": "，",
    "end": "。",
}
# the problem table's columns (notice PDF and .docx)
TABLE_COLUMNS = ("序号", "位置", "问题", "GB 编码", "照片", "整改期限")
DOCUMENT_CREATOR = "Ducha 督查"
_TRAILING = "。；;，,.、 　"  # punctuation a description may end with, before "，共N处。"


def text_lines(text: str) -> list[str]:
    """The lines a user typed (requirements are often "1. …\n2. …"); blank ones dropped."""
    lines = [line.strip() for line in text.splitlines()]
    return [line for line in lines if line] or [""]


def chinese_date(dt: datetime) -> str:
    """2026年11月21日 (Arabic numerals, no leading zeros: as GB/T 9704 writes dates)."""
    return f"{dt.year}年{dt.month}月{dt.day}日"


def chinese_datetime(dt: datetime) -> str:
    """2026年11月21日 18:00, in the time's own (local, Beijing) wall clock."""
    return f"{chinese_date(dt)} {dt:%H:%M}"


def notice_title(doc: NoticeDocument) -> str:
    return doc.title.strip() or WORDS["title"]


def number_text(doc: NoticeDocument) -> str:
    return doc.number + (WORDS["provisional"] if doc.provisional else "")


def document_number(doc: NoticeDocument) -> str:
    """The 发文字号 (GB/T 9704 7.2.3): 代字〔年份〕序号, no 第 and no leading zeros — the office's
    number prefix (its 文号代字, org_settings.notice_prefix) is the 代字 of an official number;
    督改〔2026〕第0012号 prints 督改〔2026〕12号. A provisional number prints as it is."""
    parsed = None if doc.provisional else parse_official(doc.number)
    if parsed is None:
        return doc.number
    prefix, year, seq = parsed
    return WORDS["document_number"].format(prefix=prefix, year=year, seq=seq)


def problem_cell(problem: NoticeProblem) -> str:
    """The 问题 cell of the table: "道路遗撒（DL-03）：路面有渣土撒落…，共2处。" """
    item = f"{problem.item_text}（{problem.item_code}）" if problem.item_code else problem.item_text
    return WORDS["problem_cell"].format(
        item=item,
        description=problem.description.strip().rstrip(_TRAILING),
        cases=problem.cases,
    )


def due_cell(doc: NoticeDocument) -> str:
    due = doc.due_at
    return WORDS["due_cell"].format(
        year=due.year, month=due.month, day=due.day, time=f"{due:%H:%M}"
    )


def addressee_text(doc: NoticeDocument) -> str:
    return f"{doc.main_unit}："


def problem_count(doc: NoticeDocument) -> int:
    """发现问题N个: N counts the problems the notice lists, one line each."""
    return len(doc.problems)


def cases_text(doc: NoticeDocument) -> str:
    """（共M处）: the places the listed problems add up to (their 共N处), when more than one per
    problem; empty when each problem is one place."""
    cases = sum(p.cases for p in doc.problems)
    return WORDS["cases_total"].format(cases=cases) if cases > len(doc.problems) else ""


def body_text(doc: NoticeDocument) -> str:
    if doc.case is not None:  # a case's notice (问题来源): where the problem came from
        return WORDS["case_body"].format(
            received=chinese_date(doc.case.received_at),
            office=doc.office_name,
            source=doc.case.source_name,
            ticket=doc.case.ticket_no,
            due=chinese_datetime(doc.due_at),
            report_to=doc.report_to,
        )
    return WORDS["body"].format(
        inspected=chinese_date(doc.inspected_at),
        office=doc.office_name,
        mode=doc.mode,
        zone=doc.zone_name,
        zone_kind=doc.zone_kind,
        count=problem_count(doc),
        cases=cases_text(doc),
        due=chinese_datetime(doc.due_at),
        report_to=doc.report_to,
    )


def deadline_text(doc: NoticeDocument) -> str:
    return WORDS["deadline_value"].format(due=chinese_datetime(doc.due_at))


def inspectors_text(doc: NoticeDocument) -> str:
    return WORDS["list_sep"].join(doc.inspectors)


def people_label(doc: NoticeDocument) -> str:
    """督查人员： before the inspectors and 签发人; a case's notice (no visit): 签发人 only."""
    return "" if doc.case is not None else WORDS["inspectors"]


def inspectors_line(doc: NoticeDocument) -> str:
    """督查人员 and, on the same line, 签发人 (the signature keeps to 署名 and date, GB/T 9704)."""
    issued = WORDS["issued_by"].format(name=doc.issued_by) if doc.issued_by else ""
    if doc.case is not None:
        return issued
    return inspectors_text(doc) + (f"　　{issued}" if issued else "")


def cc_text(doc: NoticeDocument) -> str:
    return WORDS["cc_sep"].join(doc.cc_units) + WORDS["end"]


def figure_label(problem: NoticeProblem, n: int, photo: NoticePhoto) -> str:
    label = WORDS["figure"].format(problem=problem.index, n=n)
    return f"{label}　{photo.caption}" if photo.caption else label


def receipt_time_text(doc: NoticeDocument) -> str:
    if doc.acknowledged_at is None:
        return WORDS["receipt_blank_time"]
    return chinese_datetime(doc.acknowledged_at)


# -- photos ----------------------------------------------------------------------------------------
