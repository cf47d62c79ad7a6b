"""导出证据包: an inspection's or a notice's evidence package, for the app and `ducha`.

The records and originals are packaged by local_db/evidence_package.py (no Qt); this module adds
where the originals are on this laptop (the blob store) and, for a notice, its PDF drawn by Qt.
No widget is used: the GUI calls export_evidence_package() from a worker thread, on a Store
opened for that thread (Store.open(data_dir)), while a QGuiApplication exists (the notice's
fonts). The package is verified after it is written: a package that would not verify is removed.

    ducha export package (--inspection ID | --notice NUMBER) --data-dir DIR --out FILE.zip
    ducha verify-package FILE.zip
"""

from __future__ import annotations

import os
import sys
import tempfile
import threading
from pathlib import Path

from app import __version__
from app.evidence.originals import (
    ClientFactory,
    OriginalsMissing,
    ensure_originals,
    login_client_factory,
)
from app.photos.blobstore import BlobStore
from domain.clock import OFFICE_TZ_DEFAULT
from domain.evidence_package import NOTICE_PDF
from local_db.evidence_package import (
    PackageUnreadable,
    Verification,
    missing_originals,
    verify_package,
    write_package,
)
from local_db.evidence_records import EvidenceError, MissingOriginals, collect
from local_db.notices import notice_by_number
from local_db.queries import resolve_inspection_id
from local_db.store import STORE_FILE, Store

__all__ = [
    "EvidenceError",
    "MissingOriginals",
    "OriginalsMissing",
    "export_command",
    "export_evidence_package",
    "verify_command",
]


def export_evidence_package(
    store: Store,
    *,
    inspection_id: str | None = None,
    notice_id: str | None = None,
    out: Path,
    zone: str = OFFICE_TZ_DEFAULT,
    make_client: ClientFactory | None = None,
    cancel: threading.Event | None = None,
) -> Path:
    """Write the evidence package of one inspection (its whole correction chain) or one notice
    to `out` and check it; its wall-clock times are of the office's `zone`. The originals this
    laptop lacks are fetched first with `make_client` (the login); without one, offline, or when
    a fetch fails, OriginalsMissing names each missing photo and nothing is written. Raises
    EvidenceError before anything is written; NoChineseFont for a notice on a machine without
    a Chinese font; SyncCancelled when `cancel` was set during a fetch."""
    collected = collect(
        store, inspection_id=inspection_id, notice_id=notice_id, software=f"ducha {__version__}"
    )
    ensure_originals(store, [o.sha256 for o in collected.originals], make_client, cancel=cancel)
    blobs = BlobStore(store.path.parent / "blobs")
    missing = missing_originals(collected, blobs.path)
    if missing:
        raise MissingOriginals(missing)
    documents = {}
    if notice_id is not None:
        documents[NOTICE_PDF] = _notice_pdf(store, notice_id, zone)
    written = write_package(collected, out, original=blobs.path, documents=documents, zone=zone)
    check = verify_package(written)
    if not check.ok:  # a bug, or the disk returned other bytes: never hand this over
        written.unlink(missing_ok=True)
        raise EvidenceError(
            f"{out.name} did not verify after writing and was removed: "
            + "; ".join(str(p) for p in check.problems)
        )
    return written


def _notice_pdf(store: Store, notice_id: str, zone: str) -> bytes:
    from app.documents.notice_export import export_notice

    with tempfile.TemporaryDirectory(prefix="ducha-package-") as folder:
        return export_notice(store, notice_id, Path(folder) / NOTICE_PDF, zone).read_bytes()


# -- the command line ------------------------------------------------------------------------------


def export_command(
    data_dir: Path,
    inspection: str | None,
    number: str | None,
    out: Path,
    *,
    language: str | None = None,
) -> int:
    """`ducha export package`: 0 written and verified, 1 refused, 2 no such store or subject.
    The originals this laptop lacks are fetched first when it is logged in; else it refuses,
    naming each missing photo in the user's language."""
    if not (data_dir / STORE_FILE).exists():
        print(f"ducha export: no store in {data_dir}", file=sys.stderr)
        return 2
    app = None
    refusals: tuple[type[Exception], ...] = (EvidenceError, OSError)
    if number is not None:  # the notice's PDF is drawn by Qt: offscreen, no display needed
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6.QtGui import QGuiApplication

        from app.documents.fonts import NoChineseFont

        app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
        refusals += (NoChineseFont,)
    from local_db.org_settings import org_settings

    store = Store.open(data_dir)
    try:
        zone = org_settings(store).time_zone  # the office's (its synced record)
        inspection_id = notice_id = None
        if number is not None:
            notice = notice_by_number(store, number)
            if notice is None:
                print(f"ducha export: no notice numbered {number} in {data_dir}", file=sys.stderr)
                return 2
            notice_id = notice["id"]
        else:
            assert inspection is not None
            inspection_id = resolve_inspection_id(store, inspection)
            if inspection_id is None:
                print(f"ducha export: no inspection {inspection} in {data_dir}", file=sys.stderr)
                return 2
        try:
            written = export_evidence_package(
                store,
                inspection_id=inspection_id,
                notice_id=notice_id,
                out=out,
                zone=zone,
                make_client=login_client_factory(data_dir),
            )
        except OriginalsMissing as error:
            from app.evidence.missing_text import print_refusal

            print_refusal("ducha export", error, language, zone)
            return 1
        except refusals as error:
            print(f"ducha export: {error}", file=sys.stderr)
            return 1
    finally:
        store.close()
    del app
    check = verify_package(written)
    print(f"{check.summary()}\n→ {written}\nmanifest SHA-256 {check.manifest_sha256}")
    return 0


def verify_command(path: Path) -> int:
    """`ducha verify-package`: 0 verified, 1 it does not verify, 2 not a readable ZIP."""
    try:
        result: Verification = verify_package(path)
    except PackageUnreadable as error:
        print(f"ducha verify-package: {error}", file=sys.stderr)
        return 2
    print(f"{path}\n{result.summary()}")
    if result.manifest_sha256:
        print(f"manifest SHA-256 {result.manifest_sha256} (compare it with the handover record)")
    if result.ok:
        print("VERIFIED: every file and record is as it was packaged")
        return 0
    print(f"NOT VERIFIED: {len(result.problems)} problem(s)")
    for problem in result.problems:
        print(f"  {problem}")
    return 1
