"""Why the server refused a pushed change, in the user's words, from the refusal's code (the push
result's `code`, kept beside the server's English text in sync_rejection): what the sync status
bar's list of refused changes shows. An unknown code (a newer server) shows the server's text."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from domain.i18n import QT_TRANSLATE_NOOP

CONTEXT = "refusals"
REASONS = {
    "invalid": QT_TRANSLATE_NOOP(
        "refusals", "The change is incomplete or malformed: a field is missing or out of range."
    ),
    "forbidden": QT_TRANSLATE_NOOP(
        "refusals", "Your role or units do not allow this change, or you are not on this record."
    ),
    "reference": QT_TRANSLATE_NOOP(
        "refusals",
        "The change names a record the server does not hold or you may not see (a zone, unit, "
        "template or person): sync again, or ask an administrator.",
    ),
    "lifecycle": QT_TRANSLATE_NOOP(
        "refusals", "This step does not follow from the record's current state."
    ),
    "locked": QT_TRANSLATE_NOOP(
        "refusals", "The record is submitted or closed: it no longer changes."
    ),
    "closed": QT_TRANSLATE_NOOP("refusals", "The notice is closed (销号): it no longer changes."),
    "append_only": QT_TRANSLATE_NOOP(
        "refusals", "This kind of record is only ever added: it is never changed or deleted."
    ),
    "identity_mismatch": QT_TRANSLATE_NOOP(
        "refusals", "The change names another person as its author than the one logged in."
    ),
    "blob_missing": QT_TRANSLATE_NOOP(
        "refusals", "The photo's file has not reached the server yet: sync again."
    ),
    "number": QT_TRANSLATE_NOOP(
        "refusals", "The notice number is not one reserved for this laptop."
    ),
    "digest_mismatch": QT_TRANSLATE_NOOP(
        "refusals",
        "The submitted inspection differs from what the server holds of it: it was opened "
        "again to check and submit once more.",
    ),
    "duplicate": QT_TRANSLATE_NOOP(
        "refusals", "Another case already holds this ticket number (工单号)."
    ),
    "zone_retired": QT_TRANSLATE_NOOP(
        "refusals",
        "The zone (or its unit) was retired: a new inspection uses a zone still in use.",
    ),
    "template_retired": QT_TRANSLATE_NOOP(
        "refusals",
        "The template version was retired: a new inspection uses a current one, and a retired "
        "version stays retired.",
    ),
    "template_published": QT_TRANSLATE_NOOP(
        "refusals",
        "A published template version never changes its items: publish a new version.",
    ),
    "zone_in_use": QT_TRANSLATE_NOOP(
        "refusals",
        "Records were made in this zone: it stays in its unit. Retire it and add a zone to the "
        "other unit.",
    ),
    "unit_has_active_zones": QT_TRANSLATE_NOOP(
        "refusals", "The unit still has zones in use: retire them or move them first."
    ),
    "unit_retired": QT_TRANSLATE_NOOP(
        "refusals", "The unit is retired: a zone is added to or brought back in a unit in use."
    ),
    "unknown_unit": QT_TRANSLATE_NOOP("refusals", "The server does not hold the unit named."),
    "too_large": QT_TRANSLATE_NOOP(
        "refusals", "The batch holds more changes than the server takes at once."
    ),
}


def push_refusal_text(code: str | None, reason: str) -> str:
    """The sentence for `code`; the server's own text `reason` for a code this version does not
    know (or a refusal stored before codes were kept)."""
    words = REASONS.get(code or "")
    return QCoreApplication.translate(CONTEXT, words) if words else reason
