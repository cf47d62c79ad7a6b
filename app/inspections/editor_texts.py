"""What the inspection editor says about its inspection: the heading, the state line, and why a
submission waits. Words only (the editor shows them); their translations keep the editor's
context."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from app.labels import local_time, message_text, mode_label, status_label, zone_kind_label
from domain.submission import Gap
from local_db.reviews import latest_review
from local_db.store import Store

RED, BLUE, AMBER, GREY, GREEN = "#fee2e2", "#e0f2fe", "#fef3c7", "#f3f4f6", "#dcfce7"


def heading_text(h: dict[str, Any], persons: list[dict[str, Any]]) -> str:
    chief = h["chief_name"] or "—"
    if h["chief_phone"]:
        chief += f" {h['chief_phone']}"
    return QCoreApplication.translate(
        "InspectionEditor",
        "<b>{zone}</b> ({kind}) · Responsible unit: {unit} · Road chief: {chief}<br>"
        "{mode} · Started {started} · Inspectors: {people} · {template}",
    ).format(
        zone=h["zone_name"],
        kind=zone_kind_label(h["zone_kind"]),
        unit=h["unit_name"],
        chief=chief,
        mode=mode_label(h["mode"]),
        started=local_time(h["started_at"]),
        people="、".join(p["name"] for p in persons),
        template=h["template_name"],
    )


def status_text(store: Store, inspection_id: str, h: dict[str, Any]) -> tuple[str, str]:
    """The state line (submitted, returned, a correction, a draft) and its colour."""
    if h["status"] == "submitted":
        text = QCoreApplication.translate(
            "InspectionEditor",
            "Submitted {finished} and locked. Digest {digest}. To change anything, use Correct.",
        ).format(finished=local_time(h["finished_at"]), digest=(h["digest"] or "")[:16])
        if h["amended_by"]:
            text += " " + QCoreApplication.translate(
                "InspectionEditor", "A correction of it exists."
            )
        review = latest_review(store, inspection_id)
        if review and review["decision"] == "returned" and not h["amended_by"]:
            returned = QCoreApplication.translate(
                "InspectionEditor", "Returned by {who} on {when}: {comment} — use Correct."
            ).format(
                who=review["reviewer_name"] or "—",
                when=local_time(review["at"]),
                comment=review["comment"] or "",
            )
            return returned, RED
        return text, BLUE
    if h["amends_id"]:
        text = QCoreApplication.translate(
            "InspectionEditor", "Draft correcting an earlier submitted inspection."
        )
        review = latest_review(store, h["amends_id"])
        if review and review["decision"] == "returned":
            text += " " + QCoreApplication.translate(
                "InspectionEditor", "The office asked: {comment}"
            ).format(comment=review["comment"] or "")
        return text, AMBER
    return status_label("draft"), GREY


def refusal_text(blocking: list[Gap]) -> tuple[str, str]:
    """Why a submission is refused: the whole list, and its one line."""
    lines = [message_text(g.message) for g in blocking]
    text = (
        QCoreApplication.translate("InspectionEditor", "Cannot submit yet:")
        + "\n"
        + "\n".join(lines)
    )
    line = QCoreApplication.translate(
        "InspectionEditor", "Cannot submit yet, {n} to finish: {first}"
    ).format(n=len(blocking), first="；".join(lines))
    return text, line


def warning_text(gaps: list[Gap]) -> tuple[str, str]:
    """What to check before submitting anyway: the whole list, and its one line."""
    lines = [message_text(g.message) for g in gaps]
    again = QCoreApplication.translate("InspectionEditor", "Press Submit again to submit anyway.")
    text = (
        QCoreApplication.translate("InspectionEditor", "Please check before submitting:")
        + "\n"
        + "\n".join(lines)
        + "\n"
        + again
    )
    return text, again + " " + "；".join(lines)
