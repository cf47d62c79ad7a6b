"""导出证据包 from a window: asks where, fetches originals this laptop lacks from the server (a
reviewer's replica), writes and checks the ZIP — all off the GUI thread; says how it went."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QLabel, QWidget

from app.background import BackgroundJob
from app.context import AppContext
from app.evidence.remote_photos import client_factory
from app.photos.blobstore import BlobStore
from local_db.evidence_records import MissingOriginals
from local_db.store import Store


def export_package(
    context: AppContext,
    parent: QWidget,
    status: QLabel,
    *,
    inspection_id: str | None = None,
    notice_id: str | None = None,
    name: str,
    out: Path | None = None,
) -> BackgroundJob | None:
    if out is None:
        chosen, _ = QFileDialog.getSaveFileName(
            parent,
            QCoreApplication.translate("package", "Export evidence package"),
            f"{name}.zip",
            QCoreApplication.translate("package", "ZIP archive (*.zip)"),
        )
        if not chosen:
            return None
        out = Path(chosen)
    data_dir = context.store.path.parent
    make_client = client_factory(data_dir)
    zone = context.office_zone

    def work(store: Store) -> Path:
        from app.evidence.package_command import export_evidence_package

        try:
            return export_evidence_package(
                store, inspection_id=inspection_id, notice_id=notice_id, out=out, zone=zone
            )
        except MissingOriginals as missing:
            if make_client is None:
                raise
            from app.photos.fetch import fetch_original

            client = make_client()
            try:
                for original in missing.missing:
                    fetch_original(
                        client,
                        BlobStore(data_dir / "blobs"),
                        original.sha256,
                        byte_size=original.byte_size,
                        name=original.label,
                    )
            finally:
                client.close()
            return export_evidence_package(
                store, inspection_id=inspection_id, notice_id=notice_id, out=out, zone=zone
            )

    status.setText(
        QCoreApplication.translate("package", "Writing the evidence package {name}…").format(
            name=out.name
        )
    )
    job = BackgroundJob(data_dir, work, parent)
    job.done.connect(
        lambda path: status.setText(
            QCoreApplication.translate(
                "package", "Evidence package saved and verified: {path}"
            ).format(path=path)
        )
    )
    job.failed.connect(
        lambda error: status.setText(
            QCoreApplication.translate(
                "package", "The evidence package was not written: {error}"
            ).format(error=error)
        )
    )
    return job.start()
