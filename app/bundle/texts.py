"""What USB-stick sync says to its user, in the user's language (context "bundle"): for the
command line (app/bundle/command.py) and the menu entries (app/bundle/menu.py) alike."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.bundle.answer import AnswerReport
from app.bundle.export import Exported
from app.sync.refusal_reasons import push_refusal_text
from app.sync.row_labels import entity_label
from domain.bundle_format import BundleRefused

CONTEXT = "bundle"


def refusal_text(error: BundleRefused) -> str:
    """Why a bundle or an answer was refused, naming the file or member; nothing applied."""
    name = error.name
    words = {
        "damaged": QCoreApplication.translate(
            "bundle", "{name}: damaged or incomplete (cut short?). Nothing was applied."
        ),
        "missing_part": QCoreApplication.translate(
            "bundle", "{name}: this part of the bundle is missing. Nothing was applied."
        ),
        "tampered": QCoreApplication.translate(
            "bundle", "{name}: altered or damaged since it was written. Nothing was applied."
        ),
        "bad_signature": QCoreApplication.translate(
            "bundle", "{name}: not signed by the server (altered?). Nothing was applied."
        ),
        "other_laptop": QCoreApplication.translate(
            "bundle",
            "{name}: this answer is for another laptop or user, or for a bundle this laptop did "
            "not write. Nothing was applied.",
        ),
        "stale": QCoreApplication.translate(
            "bundle",
            "{name}: this answer does not match what this laptop holds now. Nothing was "
            "applied; sync online, or export a new bundle.",
        ),
        "not_ready": QCoreApplication.translate(
            "bundle",
            "This laptop has not synced online since it logged in, so the server cannot check "
            "its bundles yet. Sync online once, then export.",
        ),
        "unknown_device": QCoreApplication.translate(
            "bundle",
            "{name}: the server does not know this laptop's key: the laptop must sync online "
            "once after logging in. Nothing was applied.",
        ),
        "revoked": QCoreApplication.translate(
            "bundle",
            "{name}: the laptop or its user was revoked or disabled on the server. Nothing was "
            "applied.",
        ),
        "other_server": QCoreApplication.translate(
            "bundle",
            "{name}: this bundle is for another server (or for this one before a restore). "
            "Nothing was applied.",
        ),
        "too_large": QCoreApplication.translate(
            "bundle",
            "{name}: larger than the server takes (ask its administrator). Nothing was applied.",
        ),
        "photo_missing": QCoreApplication.translate(
            "bundle", "The original of photo {name} is not on this laptop. Nothing was written."
        ),
    }
    text = words.get(
        error.code,
        QCoreApplication.translate("bundle", "{name}: refused ({code}). Nothing was applied."),
    )
    return text.format(name=name, code=error.code)


def nothing_lost_text() -> str:
    """After an export the drive cut short (full, pulled out)."""
    return QCoreApplication.translate(
        "bundle",
        "Nothing of the bundle was left on the drive: everything still waits to be sent, as "
        "before. Free some space or put the stick back, and export again.",
    )


def exported_text(done: Exported) -> str:
    return QCoreApplication.translate(
        "bundle",
        "Bundle written: {changes} change(s) in {batches} batch(es), {originals} original(s), "
        "{megabytes} MB in {files} file(s). Take it to the office; import its answer here "
        "afterwards.",
    ).format(
        changes=done.changes,
        batches=done.batches,
        originals=done.originals,
        megabytes=f"{done.size / 1e6:.1f}",
        files=len(done.files),
    )


def answer_text(report: AnswerReport) -> str:
    """What the answer did: accepted, refused (each with its reason), conflicts, received."""
    s = report.sync
    lines = [
        QCoreApplication.translate(
            "bundle",
            "Answer imported: {accepted} change(s) accepted, {rejected} refused, {conflicts} "
            "conflict(s), {pulled} change(s) received.",
        ).format(accepted=s.accepted, rejected=s.rejected, conflicts=s.conflicts, pulled=s.pulled)
    ]
    if report.already_answered:
        lines.append(
            QCoreApplication.translate(
                "bundle",
                "{n} batch(es) had been answered already (online sync): left as they were.",
            ).format(n=report.already_answered)
        )
    for number in s.official_numbers.values():
        lines.append(
            QCoreApplication.translate("bundle", "Official number: {number}").format(number=number)
        )
    for refused in report.refusals:
        lines.append(
            QCoreApplication.translate("bundle", "Refused: {entity} {id}: {reason}").format(
                entity=entity_label(refused["entity"]),
                id=refused["entity_id"],
                reason=push_refusal_text(refused.get("code"), refused["reason"]),
            )
        )
    for error in report.refused_batches:
        lines.append(
            QCoreApplication.translate(
                "bundle", "The server refused a batch ({reason}); it stays to be sent."
            ).format(reason=push_refusal_text(error.get("code"), error.get("message", "")))
        )
    if report.pulled_skipped:
        lines.append(
            QCoreApplication.translate(
                "bundle", "The server's changes were not applied: sync online to receive them."
            )
        )
    return "\n".join(lines)
