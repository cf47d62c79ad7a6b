"""The import's problems and the cases' words in the user's language (Qt's translations)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.cases.case_file import Problem
from app.cases.importer import CaseImport
from app.labels import message_text
from domain.cases import SOURCE_LABELS, TRIAGE_LABELS
from domain.i18n import Message


def problem_text(problem: Problem) -> str:
    """“file “a.csv”, row 3, column 时间: '2026-13-01' is not a date” (第3行 时间 列：…)."""
    place, what = message_text(problem.place), message_text(problem.message)
    if problem.row is not None and problem.column:
        text = QCoreApplication.translate(
            "case_file", "{place}, row {row}, column {column}: {what}"
        )
    elif problem.row is not None:
        text = QCoreApplication.translate("case_file", "{place}, row {row}: {what}")
    else:
        text = QCoreApplication.translate("case_file", "{place}: {what}")
    return text.format(place=place, row=problem.row, column=problem.column, what=what)


def outcome_lines(outcome: CaseImport) -> list[str]:
    """Why nothing was imported, one line each; or what was."""
    if outcome.held:
        return [
            QCoreApplication.translate(
                "case_file", "Already imported, so nothing was imported: {tickets}"
            ).format(tickets="、".join(outcome.held))
        ]
    if outcome.problems:
        return [
            QCoreApplication.translate(
                "case_file", "Nothing was imported: {count} problem(s) in the file"
            ).format(count=len(outcome.problems)),
            *(problem_text(p) for p in outcome.problems),
        ]
    if outcome.cancelled:
        return [QCoreApplication.translate("case_file", "Cancelled: nothing was imported")]
    return [
        QCoreApplication.translate("case_file", "Imported {count} case(s)").format(
            count=len(outcome.saved)
        )
    ]


def source_text(source: str | None) -> str:
    return message_text(Message("cases", SOURCE_LABELS.get(source or "inspection", "?")))


def triage_text(triage: str) -> str:
    return message_text(Message("cases", TRIAGE_LABELS.get(triage, triage)))
