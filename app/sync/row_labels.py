"""The names a person reads for a kind of record and its fields, where a conflict or a set-aside
row is shown (the conflicts dialog, the office's 冲突 screen): 问题 and 问题描述, not `finding` and
`description`. A name this version does not know is shown as it is."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from typing import Any

from PySide6.QtCore import QCoreApplication

from domain.i18n import QT_TRANSLATE_NOOP

CONTEXT = "RowLabels"

ENTITIES = {
    "person": QT_TRANSLATE_NOOP("RowLabels", "Person"),
    "unit": QT_TRANSLATE_NOOP("RowLabels", "Unit"),
    "zone": QT_TRANSLATE_NOOP("RowLabels", "Zone"),
    "template": QT_TRANSLATE_NOOP("RowLabels", "Checklist"),
    "inspection": QT_TRANSLATE_NOOP("RowLabels", "Inspection"),
    "inspection_person": QT_TRANSLATE_NOOP("RowLabels", "Inspection team member"),
    "finding": QT_TRANSLATE_NOOP("RowLabels", "Finding"),
    "problem_case": QT_TRANSLATE_NOOP("RowLabels", "Case (hotline, citizen photo …)"),
    "notice": QT_TRANSLATE_NOOP("RowLabels", "Rectification notice"),
    "notice_event": QT_TRANSLATE_NOOP("RowLabels", "Notice step"),
    "rectification": QT_TRANSLATE_NOOP("RowLabels", "Rectification report"),
    "recheck": QT_TRANSLATE_NOOP("RowLabels", "Recheck"),
    "photo": QT_TRANSLATE_NOOP("RowLabels", "Photo"),
    "duty_check": QT_TRANSLATE_NOOP("RowLabels", "Road chief duty check"),
    "annotation": QT_TRANSLATE_NOOP("RowLabels", "Photo markup"),
    "review": QT_TRANSLATE_NOOP("RowLabels", "Review"),
    "org_settings": QT_TRANSLATE_NOOP("RowLabels", "Office settings"),
    "assessment_import": QT_TRANSLATE_NOOP("RowLabels", "Imported assessment scores"),
}

FIELDS = {
    "description": QT_TRANSLATE_NOOP("RowLabels", "Description"),
    "location": QT_TRANSLATE_NOOP("RowLabels", "Location"),
    "summary": QT_TRANSLATE_NOOP("RowLabels", "Summary"),
    "result": QT_TRANSLATE_NOOP("RowLabels", "Result"),
    "severity": QT_TRANSLATE_NOOP("RowLabels", "Severity"),
    "cases": QT_TRANSLATE_NOOP("RowLabels", "Cases"),
    "deduction": QT_TRANSLATE_NOOP("RowLabels", "Deduction"),
    "item_code": QT_TRANSLATE_NOOP("RowLabels", "Checklist item"),
    "status": QT_TRANSLATE_NOOP("RowLabels", "Status"),
    "score": QT_TRANSLATE_NOOP("RowLabels", "Score"),
    "requirements": QT_TRANSLATE_NOOP("RowLabels", "Requirements"),
    "due_at": QT_TRANSLATE_NOOP("RowLabels", "Due"),
    "new_due_at": QT_TRANSLATE_NOOP("RowLabels", "New due time"),
    "note": QT_TRANSLATE_NOOP("RowLabels", "Note"),
    "text": QT_TRANSLATE_NOOP("RowLabels", "Text"),
    "comment": QT_TRANSLATE_NOOP("RowLabels", "Comment"),
    "decision": QT_TRANSLATE_NOOP("RowLabels", "Decision"),
    "caption": QT_TRANSLATE_NOOP("RowLabels", "Caption"),
    "kind": QT_TRANSLATE_NOOP("RowLabels", "Kind"),
    "signer": QT_TRANSLATE_NOOP("RowLabels", "Signed by"),
    "passed": QT_TRANSLATE_NOOP("RowLabels", "Passed"),
    "number": QT_TRANSLATE_NOOP("RowLabels", "Number"),
    "finding_id": QT_TRANSLATE_NOOP("RowLabels", "Finding"),
    "zone_id": QT_TRANSLATE_NOOP("RowLabels", "Zone"),
    "unit_id": QT_TRANSLATE_NOOP("RowLabels", "Unit"),
    "lead": QT_TRANSLATE_NOOP("RowLabels", "Team lead"),
    "name": QT_TRANSLATE_NOOP("RowLabels", "Name"),
    "phone": QT_TRANSLATE_NOOP("RowLabels", "Phone"),
    "office_hours": QT_TRANSLATE_NOOP("RowLabels", "Office hours"),
    # 改派, 推诿, 延期申请 (domain/lifecycle.py UNIT_EVENTS)
    "from_unit_id": QT_TRANSLATE_NOOP("RowLabels", "Unit responsible then"),
    "to_unit_id": QT_TRANSLATE_NOOP("RowLabels", "Transferred to"),
    # a case from another source (问题来源)
    "ticket_no": QT_TRANSLATE_NOOP("RowLabels", "Ticket number"),
    "address": QT_TRANSLATE_NOOP("RowLabels", "Address"),
    "triage": QT_TRANSLATE_NOOP("RowLabels", "Triage"),
    "triage_note": QT_TRANSLATE_NOOP("RowLabels", "Reason"),
    "source": QT_TRANSLATE_NOOP("RowLabels", "Source"),
    "scores": QT_TRANSLATE_NOOP("RowLabels", "Scores"),
    "file_name": QT_TRANSLATE_NOOP("RowLabels", "File"),
    "_op": QT_TRANSLATE_NOOP("RowLabels", "Change"),
    "_refused": QT_TRANSLATE_NOOP("RowLabels", "Why it was not applied"),
}

# fields of the office's record whose names were once QSettings keys (app/settings.py keeps them as
# legacy keys, and tests/ui/test_settings.py finds a key spelled out in quotes anywhere else)
FIELDS.update(
    office_name=QT_TRANSLATE_NOOP("RowLabels", "Office"),
    bulletin_title=QT_TRANSLATE_NOOP("RowLabels", "Bulletin title"),
)


def entity_label(entity: str) -> str:
    """问题 for `finding`; the code itself for a kind this version does not know."""
    source = ENTITIES.get(entity)
    return QCoreApplication.translate(CONTEXT, source) if source else entity


def field_label(field: str) -> str:
    """问题描述 for `description`; the field's own name for one without a label."""
    source = FIELDS.get(field)
    return QCoreApplication.translate(CONTEXT, source) if source else field


def differences_html(
    differences: Iterable[tuple[str, Any, Any]], lost_title: str, kept_title: str
) -> str:
    """One table of the fields where two versions differ, the losing value in red: the same in
    the laptop's conflicts dialog and the office's 冲突 screen."""
    html = [
        "<table border='0' cellspacing='4'><tr><th></th>"
        f"<th>{escape(lost_title)}</th><th>{escape(kept_title)}</th></tr>"
    ]
    for field, losing, kept in differences:
        html.append(
            f"<tr><td>{escape(field_label(field))}</td><td style='color:#b91c1c'>"
            f"{escape(_shown(losing))}</td><td>{escape(_shown(kept))}</td></tr>"
        )
    html.append("</table>")
    return "".join(html)


def _shown(value: Any) -> str:
    return "" if value is None else str(value)
