"""Opening an inspection's evidence photos in the viewer: one piece for the editor and review."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget

from app.context import AppContext
from app.evidence.photo_viewer import PhotoViewer
from app.evidence.watermark import watermark_lines
from app.labels import message_text
from app.photos.blobstore import BlobStore
from app.photos.thumbnails import upright_image
from domain.evidence import photo_warnings
from local_db.annotations import has_markup, may_annotate
from local_db.inspections import findings
from local_db.photos import photos_of
from local_db.queries import inspection_header
from local_db.reference import local_person_id


def warnings_of(header: dict[str, Any], photos: list[dict[str, Any]]) -> dict[str, list[str]]:
    """photo id → the amber notes (EXIF time outside the visit, no EXIF time, …)."""
    return {
        p["id"]: [
            message_text(m) for m in photo_warnings(p, header["started_at"], header["finished_at"])
        ]
        for p in photos
    }


def upright_loader(blobs: BlobStore, max_side: int = 2400) -> Callable[[dict[str, Any]], QImage]:
    def load(photo: dict[str, Any]) -> QImage:
        """Runs on the viewer's worker thread: decode, orient, make a review-size image."""
        image = upright_image(blobs.path(photo["sha256"]), max_side=max_side).convert("RGB")
        data = image.tobytes()
        return QImage(
            data, image.width, image.height, image.width * 3, QImage.Format.Format_RGB888
        ).copy()

    return load


def show_photos(
    context: AppContext,
    header: dict[str, Any],
    photos: list[dict[str, Any]],
    index: int,
    parent: QWidget | None,
) -> PhotoViewer | None:
    """The viewer on `photos` of the inspection `header`, starting at `index`: the evidence
    browser (markup shown, and drawn while the user may: an inspector on their draft, office
    staff) when there is markup to draw or to see, else the plain viewer."""
    if not photos:
        return None
    store = context.store
    person = local_person_id(store)
    inspection_id = photos[0].get("inspection_id")
    drawn = has_markup(store, [str(p["id"]) for p in photos])
    if inspection_id and (drawn or may_annotate(store, person, inspection_id)):
        from app.evidence.browser import open_evidence_viewer

        return open_evidence_viewer(
            context.store, photos, index, on_changed=context.notify, parent=parent
        )
    blobs = BlobStore(context.store.path.parent / "blobs")
    warnings = warnings_of(header, photos)
    viewer = PhotoViewer(
        photos,
        index,
        upright_loader(blobs),
        lambda photo: watermark_lines(photo, header),
        warnings=lambda photo: warnings.get(photo["id"], []),
        parent=parent,
        media_path=lambda photo: blobs.path(photo["sha256"]),
        data_dir=context.store.path.parent,
    )
    viewer.still_grabbed.connect(lambda _row: context.notify(header["id"]))
    viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    viewer.show()
    return viewer


def open_evidence(
    context: AppContext, inspection_id: str, parent: QWidget | None
) -> PhotoViewer | None:
    """The evidence browser (originals fetched from the server when this laptop lacks them,
    markup for office staff) on every photo of an inspection."""
    header = inspection_header(context.store, inspection_id)
    if header is None:
        return None
    codes = {f["id"]: code for code, f in findings(context.store, inspection_id).items()}
    photos = sorted(
        photos_of(context.store, inspection_id),
        key=lambda p: (p["finding_id"] is None, codes.get(p["finding_id"], ""), p["imported_at"]),
    )
    if not photos:
        return None
    from app.evidence.browser import open_evidence_viewer

    return open_evidence_viewer(context.store, photos, 0, on_changed=context.notify, parent=parent)
