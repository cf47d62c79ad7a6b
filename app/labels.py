"""Translated names for the codes of the data model (modes, results, severities, …)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, QTimeZone

from domain.clock import OFFICE_TZ_DEFAULT, from_iso
from domain.i18n import Message

log = logging.getLogger(__name__)


def mode_label(code: str) -> str:
    return {
        "unannounced": QCoreApplication.translate("labels", "Unannounced (四不两直)"),
        "open": QCoreApplication.translate("labels", "Open inspection"),
        "covert": QCoreApplication.translate("labels", "Covert inspection"),
    }.get(code, code)


def role_label(code: str) -> str:
    return {
        "inspector": QCoreApplication.translate("labels", "Inspector"),
        "reviewer": QCoreApplication.translate("labels", "Reviewer"),
        "admin": QCoreApplication.translate("labels", "Administrator"),
    }.get(code, code)


def result_label(code: str | None) -> str:
    return {
        "ok": QCoreApplication.translate("labels", "OK"),
        "problem": QCoreApplication.translate("labels", "Problem"),
        "not_applicable": QCoreApplication.translate("labels", "Not applicable"),
        None: QCoreApplication.translate("labels", "Not checked"),
    }.get(code, code or "")


def severity_label(code: str | None) -> str:
    return {
        "minor": QCoreApplication.translate("labels", "Minor"),
        "major": QCoreApplication.translate("labels", "Major"),
        "severe": QCoreApplication.translate("labels", "Severe"),
    }.get(code or "", code or "")


def status_label(code: str) -> str:
    return {
        "draft": QCoreApplication.translate("labels", "Draft"),
        "submitted": QCoreApplication.translate("labels", "Submitted"),
    }.get(code, code)


def review_label(code: str) -> str:
    return {
        "pending": QCoreApplication.translate("labels", "Awaiting review"),
        "accepted": QCoreApplication.translate("labels", "Accepted"),
        "returned": QCoreApplication.translate("labels", "Returned"),
    }.get(code, code)


def grade_label(code: str | None) -> str:
    return {
        "excellent": QCoreApplication.translate("labels", "Excellent (优秀)"),
        "good": QCoreApplication.translate("labels", "Good (良好)"),
        "pass": QCoreApplication.translate("labels", "Pass (合格)"),
        "fail": QCoreApplication.translate("labels", "Fail (不合格)"),
    }.get(code or "", "")


def flag_label(code: str | None) -> str:
    """流动红旗 / 黄旗, and the 红黑榜 lists."""
    return {
        "red": QCoreApplication.translate("labels", "Red flag (流动红旗)"),
        "yellow": QCoreApplication.translate("labels", "Yellow flag (黄旗)"),
        "honor": QCoreApplication.translate("labels", "Honour list (红榜)"),
        "shame": QCoreApplication.translate("labels", "Shame list (黑榜)"),
    }.get(code or "", "")


def zone_kind_label(code: str) -> str:
    return {
        "road_segment": QCoreApplication.translate("labels", "Road segment"),
        "grid": QCoreApplication.translate("labels", "Grid"),
        "site": QCoreApplication.translate("labels", "Site"),
    }.get(code, code)


def due_rule_label(amount: float, unit: str) -> str:
    text = {
        "work_hours": QCoreApplication.translate("labels", "%n working hour(s)"),
        "work_days": QCoreApplication.translate("labels", "%n working day(s)"),
        "hours": QCoreApplication.translate("labels", "%n hour(s)"),
        "days": QCoreApplication.translate("labels", "%n day(s)"),
    }.get(unit, unit)
    number = int(amount) if float(amount).is_integer() else amount
    return text.replace("%n", str(number))


def message_text(message: Message) -> str:
    """A core message in the user's language, with its values formatted in."""
    return QCoreApplication.translate(message.context, message.text).format(**message.values)


def refusal_text(error: BaseException) -> str:
    """Why a step was refused, in the user's language: the Message the error (or its cause)
    carries. An error without one gets a general sentence; its own text goes to the log only."""
    for candidate in (error, error.__cause__):
        message = getattr(candidate, "message", None)
        if isinstance(message, Message):
            return message_text(message)
    log.warning("refused without a message for the user: %r", error)
    return QCoreApplication.translate(
        "labels", "This was not recorded; the details are in the log file."
    )


def number(value: float, decimals: int = 1) -> str:
    """A score or deduction as users write it: no trailing zeros (97, 96.5)."""
    text = QLocale().toString(float(value), "f", decimals)
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


_office_zone = OFFICE_TZ_DEFAULT  # the office's record's zone, set by AppContext


def set_office_zone(name: str) -> None:
    """Show times in `name` from now on (AppContext: the office's record's zone)."""
    global _office_zone
    _office_zone = name


_zones: dict[str, QTimeZone] = {}  # made once per name: a list paints a time per row


def display_zone() -> QTimeZone:
    """The zone times are shown in: the office's (its record's), Beijing time by default."""
    name = _office_zone
    zone = _zones.get(name)
    if zone is None:
        zone = QTimeZone(name.encode())
        if not zone.isValid():
            zone = QTimeZone(OFFICE_TZ_DEFAULT.encode())
        _zones[name] = zone
    return QTimeZone(zone)  # a copy of its own for each caller (and thread)


def local_time(iso: str | None, fmt: str = "yyyy-MM-dd HH:mm") -> str:
    """A stored UTC time shown in the display zone."""
    if not iso:
        return ""
    moment = from_iso(iso)
    qt = QDateTime.fromMSecsSinceEpoch(int(moment.timestamp() * 1000), QTimeZone.utc())
    return QLocale().toString(qt.toTimeZone(display_zone()), fmt)


def component_name(key: str) -> str:
    """A composite assessment component's name (domain/composite_config.py NAMES) in the user's
    language."""
    from domain.composite_config import NAMES

    return message_text(Message("composite", NAMES[key]))
