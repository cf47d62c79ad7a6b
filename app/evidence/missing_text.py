"""What an export refused for want of originals says, in the user's language: why they could not
be fetched, then each missing photo by its file name and what it belongs to (the problem and
zone of a finding, the notice of a rectification or recheck). For the app's messages and the
command line alike."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.evidence.originals import ABSENT, OriginalsMissing
from app.photos.fetch import LOGIN, MISMATCH, MISSING, OFFLINE
from domain.clock import OFFICE_TZ_DEFAULT, from_iso, office_zone
from local_db.kept_originals import FINDING, INSPECTION, RECHECK, RECTIFICATION, NeededOriginal


def owner_text(original: NeededOriginal, zone: str = OFFICE_TZ_DEFAULT) -> str:
    """What the photo belongs to, e.g. "problem DL-09 of the inspection of 片区A on 2026-11-02"."""
    day = ""
    if original.at:
        try:
            day = from_iso(original.at).astimezone(office_zone(zone)).date().isoformat()
        except ValueError:
            day = original.at[:10]
    if original.kind == FINDING:
        return QCoreApplication.translate(
            "originals", "problem {item} of the inspection of {zone} on {day}"
        ).format(item=original.item_code, zone=original.zone_name, day=day)
    if original.kind == INSPECTION:
        return QCoreApplication.translate("originals", "the inspection of {zone} on {day}").format(
            zone=original.zone_name, day=day
        )
    if original.kind == RECTIFICATION:
        return QCoreApplication.translate(
            "originals", "the rectification report of notice {number}"
        ).format(number=original.notice_number)
    if original.kind == RECHECK:
        return QCoreApplication.translate("originals", "the recheck of notice {number}").format(
            number=original.notice_number
        )
    return QCoreApplication.translate("originals", "no record on this computer names it")


def missing_reason(error: OriginalsMissing) -> str:
    n = len(error.missing)
    if error.why == OFFLINE:
        return QCoreApplication.translate(
            "originals",
            "The server cannot be reached, and {n} original photo(s) this document needs are not "
            "on this computer. Nothing was written; connect to the server and export again.",
        ).format(n=n)
    if error.why == LOGIN:
        return QCoreApplication.translate(
            "originals",
            "{n} original photo(s) this document needs are not on this computer, and this "
            "computer is not logged in to a server to fetch them. Nothing was written; log in, "
            "then export again.",
        ).format(n=n)
    if error.why == MISSING:
        return QCoreApplication.translate(
            "originals",
            "{n} original photo(s) this document needs are not on this computer, and the server "
            "does not hold them. Nothing was written.",
        ).format(n=n)
    if error.why == MISMATCH:
        return QCoreApplication.translate(
            "originals",
            "A file the server sent is not the original (its SHA-256 differs): it was refused. "
            "{n} original photo(s) are missing; nothing was written.",
        ).format(n=n)
    if error.why == ABSENT:
        return QCoreApplication.translate(
            "originals",
            "{n} original photo(s) this document needs are not on this computer. Nothing was "
            "written.",
        ).format(n=n)
    return QCoreApplication.translate(
        "originals",
        "{n} original photo(s) this document needs could not be fetched from the server. "
        "Nothing was written; the details are in the log file.",
    ).format(n=n)


def missing_lines(error: OriginalsMissing, zone: str = OFFICE_TZ_DEFAULT) -> list[str]:
    """One line per missing photo: its file name, then what it belongs to."""
    return [
        QCoreApplication.translate("originals", "{name} ({owner})").format(
            name=o.name, owner=owner_text(o, zone)
        )
        for o in error.missing
    ]


def missing_text(error: OriginalsMissing, zone: str = OFFICE_TZ_DEFAULT) -> str:
    """The reason, then the list (a line each)."""
    return "\n".join([missing_reason(error), *(f"  {line}" for line in missing_lines(error, zone))])


def print_refusal(
    prog: str, error: OriginalsMissing, language: str | None, zone: str = OFFICE_TZ_DEFAULT
) -> None:
    """For the command line: the refusal on standard error, in the user's language (--lang, the
    settings' language, else the system's)."""
    import sys

    from app.i18n import chosen_language, install_translator

    app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
    install_translator(app, language or chosen_language())
    print(f"{prog}: {missing_text(error, zone)}", file=sys.stderr)


def export_failure_text(error: BaseException) -> str:
    """Why a document (notice, bulletin, workbook) was not written, in words (the detail is in
    the log): the missing originals listed, a font to install, an unreadable original named."""
    from app.documents.fonts import NoChineseFont
    from app.documents.notice_photos import PhotoNotDrawable
    from app.jobs import describe_error
    from app.sync.errors import SyncCancelled

    if isinstance(error, OriginalsMissing):
        return missing_text(error)
    if isinstance(error, NoChineseFont | PhotoNotDrawable):
        return str(error)  # said in the user's language
    if isinstance(error, SyncCancelled):
        return QCoreApplication.translate("originals", "Cancelled: nothing was written.")
    return describe_error(error)
