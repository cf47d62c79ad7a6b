"""Words for notice states and events, and 'time left' as people say it."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication

from domain.clock import from_iso
from domain.overdue import OPEN_STATES


def state_label(state: str) -> str:
    return {
        "issued": QCoreApplication.translate("notice", "Awaiting receipt"),
        "acknowledged": QCoreApplication.translate("notice", "Being rectified"),
        "rectified": QCoreApplication.translate("notice", "Awaiting recheck"),
        "rework": QCoreApplication.translate("notice", "Rework"),
        "passed": QCoreApplication.translate("notice", "Recheck passed"),
        "closed": QCoreApplication.translate("notice", "Closed"),
    }.get(state, state)


def event_label(kind: str) -> str:
    return {
        "issued": QCoreApplication.translate("notice", "Issued"),
        "acknowledged": QCoreApplication.translate("notice", "Received (签收)"),
        "rectified": QCoreApplication.translate("notice", "Rectification reported"),
        "recheck_passed": QCoreApplication.translate("notice", "Recheck passed"),
        "recheck_failed": QCoreApplication.translate("notice", "Recheck failed"),
        "extension_granted": QCoreApplication.translate("notice", "Extension granted"),
        "extension_refused": QCoreApplication.translate("notice", "Extension refused"),
        "closed": QCoreApplication.translate("notice", "Closed (销号)"),
        "reopened": QCoreApplication.translate("notice", "Reopened"),
        "extension_requested": QCoreApplication.translate("notice", "Extension asked (延期申请)"),
        "disputed": QCoreApplication.translate("notice", "Dispute (异议)"),
        "dispute_refused": QCoreApplication.translate("notice", "Dispute refused (推诿)"),
        "transferred": QCoreApplication.translate("notice", "Transferred (改派)"),
    }.get(kind, kind)


def pending_label(notice: dict) -> str:
    """What waits for the office on a list_notices row: a dispute, a request for more time."""
    parts = []
    if notice.get("pending_dispute"):
        parts.append(QCoreApplication.translate("notice", "dispute pending"))
    if notice.get("pending_extension"):
        parts.append(QCoreApplication.translate("notice", "extension asked"))
    return " · ".join(parts)


def time_left(notice: dict, now: datetime) -> str:
    """'2 d 3 h left' / '5 h overdue' for a list_notices row; nothing once the unit's part is
    done or awaits the office (a passed recheck, 销号, a report made in time awaiting its
    recheck): overdue as domain/overdue.py defines it, never by the clock alone."""
    due_iso = notice["current_due_at"]
    if not notice["overdue"] and notice["state"] not in OPEN_STATES:
        return ""
    seconds = (from_iso(due_iso) - now).total_seconds()
    hours = int(abs(seconds) // 3600)
    days, hours = divmod(hours, 24)
    if days:
        span = QCoreApplication.translate("notice", "{d} d {h} h").format(d=days, h=hours)
    else:
        minutes = int(abs(seconds) % 3600 // 60)
        span = QCoreApplication.translate("notice", "{h} h {m} min").format(h=hours, m=minutes)
    if notice["overdue"]:
        return QCoreApplication.translate("notice", "{span} overdue").format(span=span)
    return QCoreApplication.translate("notice", "{span} left").format(span=span)
