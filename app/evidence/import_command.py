"""`ducha import`: photos, video and audio onto an inspection (or one of its items) without
opening the app, exactly as the editor imports them (app/photos/importer.py; an item's photos
are evidence of a problem there, so an item without a finding gets one, as in the editor).

One line per file on standard output: a fixed word (imported, duplicate, refused, skipped,
unsaved, not-tried) for scripts, the file, then what it is or why it was refused, in the user's
language. Exit 0 when every file was taken, 1 when any was refused or left, 2 for no such store,
inspection or item.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication

from app.labels import message_text
from app.photos.importer import ImportEvent, import_photos
from app.photos.media import duration_text
from local_db.store import STORE_FILE, StoreError


def _refused(text: str) -> int:
    """Say why nothing was imported (on standard error): exit code 2."""
    print(text, file=sys.stderr)
    return 2


def _what(row: dict[str, Any]) -> str:
    kind = row.get("media_type") or "image"
    if kind == "video":
        return QCoreApplication.translate(
            "import_command", "video {duration}, {width}×{height}, {codec}"
        ).format(
            duration=duration_text(row.get("duration_ms")),
            width=row.get("width") or "?",
            height=row.get("height") or "?",
            codec=row.get("codec") or "?",
        )
    if kind == "audio":
        return QCoreApplication.translate("import_command", "audio {duration}, {codec}").format(
            duration=duration_text(row.get("duration_ms")), codec=row.get("codec") or "?"
        )
    return QCoreApplication.translate("import_command", "photo {width}×{height}").format(
        width=row.get("width") or "?", height=row.get("height") or "?"
    )


def line_of(event: ImportEvent) -> str | None:
    """The line printed for one file (None for a progress event)."""
    if event.kind == "progress" or event.path is None:
        return None
    if event.reason is not None:
        detail = message_text(event.reason)
    elif event.row is not None:
        detail = f"{_what(event.row)}  sha256:{event.row['sha256'][:12]}"
    else:
        detail = ""
    return f"{event.kind}\t{event.path}\t{detail}"


def _finding_of(store: Any, inspection_id: str, code: str) -> str | None:
    from local_db import inspections as ops

    finding = ops.findings(store, inspection_id).get(code)
    if finding is None:
        try:  # photos are evidence of a problem: record it as one (as the editor does)
            finding = ops.record_finding(store, inspection_id, code, "problem")
        except (KeyError, ValueError):
            return None
    return str(finding["id"])


def import_command(
    data_dir: Path, inspection: str, item: str | None, files: list[Path], language: str | None
) -> int:
    from app.i18n import chosen_language, install_translator
    from local_db.inspections import InspectionLocked, require_draft
    from local_db.org_settings import org_settings
    from local_db.queries import resolve_inspection_id
    from local_db.store import Store

    app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
    install_translator(app, language or chosen_language())
    if not (data_dir / STORE_FILE).exists():
        return _refused(
            QCoreApplication.translate(
                "import_command", "ducha import: no store in {folder}"
            ).format(folder=data_dir)
        )
    store = Store.open(data_dir)
    try:
        inspection_id = resolve_inspection_id(store, inspection)
        if inspection_id is None:
            return _refused(
                QCoreApplication.translate(
                    "import_command", "ducha import: no inspection {id}"
                ).format(id=inspection)
            )
        try:
            require_draft(store, inspection_id)
        except (InspectionLocked, StoreError):
            return _refused(
                QCoreApplication.translate(
                    "import_command",
                    "ducha import: the inspection is submitted; its evidence no longer changes",
                )
            )
        finding_id = None
        if item is not None:
            finding_id = _finding_of(store, inspection_id, item)
            if finding_id is None:
                return _refused(
                    QCoreApplication.translate(
                        "import_command", "ducha import: the checklist has no item {code}"
                    ).format(code=item)
                )
        zone = org_settings(store).time_zone
    finally:
        store.close()

    def show(event: ImportEvent) -> None:
        line = line_of(event)
        if line is not None:
            print(line, flush=True)

    report = import_photos(
        data_dir,
        files,
        inspection_id=inspection_id,
        finding_id=finding_id,
        on_event=show,
        zone=zone,
    )
    for path in report.not_imported:
        print(f"not-tried\t{path}\t", flush=True)
    if report.stopped is not None:
        print(f"ducha import: {message_text(report.stopped)}", file=sys.stderr)
    print(
        QCoreApplication.translate(
            "import_command",
            "imported {imported}, already there {duplicates}, refused {refused}, "
            "skipped {skipped}, not saved {unsaved}",
        ).format(
            imported=len(report.imported),
            duplicates=len(report.duplicates),
            refused=len(report.refused),
            skipped=len(report.skipped),
            unsaved=len(report.unsaved),
        ),
        file=sys.stderr,
    )
    failed = report.refused or report.unsaved or report.stopped or report.not_imported
    return 1 if failed else 0
