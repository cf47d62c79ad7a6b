"""Cases from other sources (问题来源): the vocabularies a problem case and a notice share, and the
rules of triage both ends check (domain/contract/rows.py, server/push_checks.py).

A case comes from the 12345 hotline, 随手拍, the media, a leader or a third party; it is triaged
once: 交办 to a unit as a notice of its own (`assigned`), merged into an existing notice
(`merged`), or closed as not a city-management problem, with a reason (`closed`).
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from domain.i18n import QT_TRANSLATE_NOOP
from domain.workcalendar import DueTime, WorkCalendar, compute_due

CaseSource = Literal["hotline", "snapshot", "media", "leader", "third_party"]
NoticeSource = Literal["inspection", "hotline", "snapshot", "media", "leader", "third_party"]
Triage = Literal["pending", "assigned", "merged", "closed"]

CASE_SOURCES: tuple[str, ...] = ("hotline", "snapshot", "media", "leader", "third_party")
NOTICE_SOURCES: tuple[str, ...] = ("inspection", *CASE_SOURCES)
TRIAGES: tuple[str, ...] = ("pending", "assigned", "merged", "closed")

SOURCE_LABELS: dict[str, str] = {
    "inspection": QT_TRANSLATE_NOOP("cases", "Inspection"),
    "hotline": QT_TRANSLATE_NOOP("cases", "12345 hotline"),
    "snapshot": QT_TRANSLATE_NOOP("cases", "Citizen photo"),
    "media": QT_TRANSLATE_NOOP("cases", "Media exposure"),
    "leader": QT_TRANSLATE_NOOP("cases", "Leader's instruction"),
    "third_party": QT_TRANSLATE_NOOP("cases", "Third party"),
}
# The official names of the sources (the bulletin's and the workbook's 问题来源 tables).
SOURCE_BULLETIN_NAMES: dict[str, str] = {
    "inspection": "督查",
    "hotline": "12345热线",
    "snapshot": "随手拍",
    "media": "媒体曝光",
    "leader": "领导交办",
    "third_party": "第三方",
}
# The official wording of a notice's subject per source (GB/T 9704 title of a case-notice).
SOURCE_DOCUMENT_NAMES: dict[str, str] = {
    "hotline": "12345热线工单",
    "snapshot": "“随手拍”问题",
    "media": "媒体曝光问题",
    "leader": "领导交办问题",
    "third_party": "第三方反映问题",
}
TRIAGE_LABELS: dict[str, str] = {
    "pending": QT_TRANSLATE_NOOP("cases", "Pending"),
    "assigned": QT_TRANSLATE_NOOP("cases", "Assigned"),
    "merged": QT_TRANSLATE_NOOP("cases", "Merged"),
    "closed": QT_TRANSLATE_NOOP("cases", "Not accepted"),
}


def triage_problem(
    triage: str, unit_id: str | None, notice_id: str | None, note: str | None
) -> str | None:
    """What is wrong with a case's triage fields taken together (None: nothing)."""
    if triage == "pending":
        if notice_id is not None:
            return "a pending case names no notice"
        return None
    if triage in ("assigned", "merged"):
        if notice_id is None:
            return f"an {triage} case names its notice"
        if unit_id is None:
            return f"an {triage} case names the unit of its notice"
        return None
    if triage == "closed":
        if notice_id is not None:
            return "a closed case names no notice"
        if not (note or "").strip():
            return "a closed case gives its reason (triage_note)"
        return None
    return f"unknown triage {triage!r}"


def notice_title(source: str, ticket_no: str | None) -> str:
    """The subject of a notice in its document: an inspection's, or a case's by its source."""
    if source == "inspection" or not ticket_no:
        return "整改通知书"
    name = SOURCE_DOCUMENT_NAMES.get(source, "问题")
    return f"关于{name}{ticket_no}反映问题的整改通知"


# The time limit of a case's notice per source, counted like an inspection item's
# (domain/workcalendar.py compute_due): 12345 and 随手拍 work orders within 3 working days,
# a media exposure within 1, a leader's instruction within 2, a third party's within 5.
CASE_TIME_LIMITS: dict[str, tuple[int, str]] = {
    "hotline": (3, "work_days"),
    "snapshot": (3, "work_days"),
    "media": (1, "work_days"),
    "leader": (2, "work_days"),
    "third_party": (5, "work_days"),
}


def case_due(issued_at: datetime, source: str, calendar: WorkCalendar) -> DueTime:
    """The due time of a notice made from a case of `source` (交办), issued at `issued_at`."""
    amount, unit = CASE_TIME_LIMITS[source]
    return compute_due(issued_at, amount, unit, calendar)
