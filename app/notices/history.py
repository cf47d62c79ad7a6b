"""A notice's history in words, one line per event: who, what, the units of a 改派, what became of
the unit's request for more time or its dispute (pending, granted, refused as 推诿, settled by a
transfer)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication

from app.labels import local_time
from app.notices.labels import event_label


def _outcomes(events: Sequence[Mapping[str, Any]]) -> dict[int, str]:
    """index of a request or dispute → what became of it, by the events after it."""
    out: dict[int, str] = {}
    asked: int | None = None
    disputed: int | None = None
    for i, event in enumerate(events):
        kind = event["kind"]
        if kind == "extension_requested" and asked is None:
            asked = i
        elif kind in ("extension_granted", "extension_refused") and asked is not None:
            out[asked] = (
                QCoreApplication.translate("notice", "granted")
                if kind == "extension_granted"
                else QCoreApplication.translate("notice", "refused")
            )
            asked = None
        elif kind == "disputed" and disputed is None:
            disputed = i
        elif kind == "dispute_refused" and disputed is not None:
            out[disputed] = QCoreApplication.translate("notice", "unfounded (推诿), refused")
            disputed = None
        elif kind == "transferred":
            if disputed is not None:
                out[disputed] = QCoreApplication.translate("notice", "settled by the transfer")
            if asked is not None:
                out[asked] = QCoreApplication.translate("notice", "went with the transfer")
            disputed = asked = None
    for pending in (asked, disputed):
        if pending is not None:
            out[pending] = QCoreApplication.translate("notice", "pending")
    return out


def event_line(
    event: Mapping[str, Any], unit_names: Mapping[str, str], outcome: str | None = None
) -> str:
    """One event in words (without its time)."""
    kind = event["kind"]

    def unit(key: str) -> str:
        ident = event.get(key)
        return unit_names.get(ident or "", ident or "?")

    note = event.get("note") or ""
    signer = event.get("signer") or ""
    due = local_time(event.get("new_due_at"))
    if kind == "transferred":
        text = QCoreApplication.translate(
            "notice", "Transferred (改派): {from_unit} → {to_unit}, due {due}; reason: {note}"
        )
        return text.format(
            from_unit=unit("from_unit_id"), to_unit=unit("to_unit_id"), due=due, note=note
        )
    if kind == "disputed":
        text = QCoreApplication.translate(
            "notice", "Dispute by {unit} ({signer}): {note} — {outcome}"
        )
        return text.format(
            unit=unit("from_unit_id"), signer=signer, note=note, outcome=outcome or ""
        )
    if kind == "dispute_refused":
        text = QCoreApplication.translate(
            "notice", "Dispute refused: counts as 推诿 against {unit}; reason: {note}"
        )
        return text.format(unit=unit("from_unit_id"), note=note)
    if kind == "extension_requested":
        text = QCoreApplication.translate(
            "notice", "Extension asked by {unit} ({signer}) until {due}: {note} — {outcome}"
        )
        return text.format(
            unit=unit("from_unit_id"), signer=signer, due=due, note=note, outcome=outcome or ""
        )
    extra = " · ".join(
        x for x in (event.get("signer"), note, local_time(event.get("new_due_at"))) if x
    )
    return event_label(kind) + (f" — {extra}" if extra else "")


def history_lines(
    events: Sequence[Mapping[str, Any]], unit_names: Mapping[str, str]
) -> list[tuple[str, str]]:
    """(local time, the event in words) for each event, in the order given."""
    outcomes = _outcomes(events)
    return [
        (local_time(e["at"]), event_line(e, unit_names, outcomes.get(i)))
        for i, e in enumerate(events)
    ]
