"""An inspector points at what matters on their own photos before submitting: the editor's photo
viewer offers the markup tools on a draft they are on, the marks are saved as their annotation
(the original untouched), and once the inspection is submitted the tools are gone while the
marks stay in view (server/permissions.py says the same)."""

from __future__ import annotations

import hashlib

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest

from app.evidence.browser import EvidenceViewer
from app.evidence.markup_layer import ARROW
from app.photos.blobstore import BlobStore
from local_db import annotations
from local_db import photos as photo_ops
from local_db.inspections import (
    findings,
    mark_unanswered_ok,
    record_finding,
    submit_inspection,
)
from local_db.reference import local_person_id
from tests.testdata import PHOTOS
from tests.ui.conftest import drop_files, new_inspection


def drag(viewer: EvidenceViewer, start: QPoint, end: QPoint) -> None:
    port = viewer.view.viewport()
    QTest.mousePress(port, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(port, (start + end) / 2)
    QTest.mouseMove(port, end)
    QTest.mouseRelease(port, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)


def test_an_inspector_marks_up_a_draft_photo_until_it_is_submitted(qtbot, launch, data_dir):
    editor = new_inspection(qtbot, launch(data_dir))
    store = editor.context.store
    code = next(iter(editor._items))
    centre = QPointF(editor.tree.visualItemRect(editor._items[code]).center())
    photo_file = PHOTOS / "gps" / "DSCN0010.jpg"
    with qtbot.waitSignal(editor.import_bar.done, timeout=20000):
        drop_files(editor.tree.viewport(), centre, [photo_file])
    finding = findings(store, editor.inspection_id)[code]
    [photo] = photo_ops.photos_of(store, editor.inspection_id, finding["id"])
    original = BlobStore(editor.data_dir / "blobs").path(photo["sha256"])
    digest = hashlib.sha256(original.read_bytes()).hexdigest()

    editor.panel.photos.setCurrentRow(0)
    editor.panel.photos.setFocus()
    qtbot.keyClick(editor.panel.photos, Qt.Key.Key_Return)
    viewer = editor._viewer
    assert isinstance(viewer, EvidenceViewer)  # with the markup tools: a draft they are on
    qtbot.waitUntil(lambda: viewer.view.has_image(), timeout=20000)
    assert viewer.tool_buttons[ARROW].isEnabled()
    viewer.set_tool(ARROW)
    middle = viewer.view.viewport().rect().center()
    with qtbot.waitSignal(viewer.markup_saved, timeout=5000):
        drag(viewer, middle + QPoint(-120, -80), middle + QPoint(-10, -5))
    [row] = annotations.annotations_of(store, photo["id"])
    assert row["author"] == local_person_id(store)
    assert [s["kind"] for s in row["shapes"]] == ["arrow"]
    assert hashlib.sha256(original.read_bytes()).hexdigest() == digest  # never in the file
    viewer.close()

    record_finding(
        store, editor.inspection_id, code, "problem", cases=1, description="路面有渣土撒落"
    )
    mark_unanswered_ok(store, editor.inspection_id)
    submit_inspection(store, editor.inspection_id, actor=local_person_id(store))
    viewer = editor.view_photos(photo_ops.photos_of(store, editor.inspection_id), 0)
    assert isinstance(viewer, EvidenceViewer)  # a submitted inspection: office staff only
    qtbot.waitUntil(lambda: viewer.view.has_image(), timeout=20000)
    assert not viewer.tool_buttons[ARROW].isEnabled()
    assert [s["kind"] for s in viewer.markup_shapes()] == ["arrow"]  # still shown
    viewer.close()
