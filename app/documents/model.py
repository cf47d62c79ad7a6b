"""What a rectification notice (整改通知单) says: all a renderer needs, nothing from the store.

Built from the store by the notice code; rendered to PDF, printer and .docx by app/documents.
Times are local (Beijing time) and aware.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class NoticePhoto:
    path: Path  # the original, untouched; the watermark is drawn over a copy at render time
    watermark: tuple[str, ...]  # lines: time, place, zone · unit, inspectors
    caption: str = ""
    name: str = ""  # the original file's name, for messages
    # markup over the photo (domain/markup.py shapes, every author's), drawn onto the copy
    markup: tuple[dict[str, Any], ...] = ()


@dataclass(frozen=True)
class NoticeProblem:
    index: int  # 1, 2, 3 … as printed
    item_code: str  # e.g. "DL-03"
    item_text: str  # e.g. "道路遗撒"
    gb_code: str  # GB/T 47678.5, e.g. "06014"
    location: str  # where exactly
    description: str
    cases: int
    deduction: float
    photos: tuple[NoticePhoto, ...] = ()


@dataclass(frozen=True)
class CaseOrigin:
    """Where a case-notice's problem came from: "12345热线工单", its 工单号, when received."""

    source_name: str
    ticket_no: str
    received_at: datetime


@dataclass(frozen=True)
class NoticeDocument:
    number: str  # "督改〔2026〕第0123号" or provisional "临7F3A9C-0012"
    provisional: bool
    title: str  # "关于人民路（解放路—建设路）城市管理问题的整改通知"
    main_unit: str  # 主送
    cc_units: tuple[str, ...]  # 抄送
    office_name: str  # the checking office, e.g. "青山县城市管理督查办公室"
    inspectors: tuple[str, ...]
    inspected_at: datetime  # when the check was made
    zone_name: str
    zone_kind: str  # already translated: 责任路段 / 网格 / 点位
    mode: str  # already translated: 四不两直 / 明查 / 暗访
    problems: tuple[NoticeProblem, ...]
    requirements: str  # 整改要求
    due_at: datetime  # 整改期限
    report_to: str  # where the rectification is reported, e.g. "县城市管理督查办公室（电话 …）"
    issued_by: str  # 签发人
    issued_at: datetime
    acknowledged_by: str | None = None  # 签收人
    acknowledged_at: datetime | None = None
    extra_lines: tuple[str, ...] = field(default_factory=tuple)  # e.g. a due-time note
    # A notice made from a case (问题来源, domain/cases.py): its opening tells where the problem
    # came from instead of a visit; None for an inspection's notice.
    case: CaseOrigin | None = None
