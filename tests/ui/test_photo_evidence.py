"""Photo evidence on real windows: drop files onto a finding, import a folder and cancel it,
open the viewer from the strip, remove from a draft, refuse on a submitted inspection."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QPointF, Qt

from app.demo.photos import make_demo_photo
from app.inspections.editor import InspectionEditor
from app.photos.blobstore import BlobStore
from app.store_setup import open_store
from local_db import photos as photo_ops
from local_db.inspections import mark_unanswered_ok, submit_inspection
from local_db.org_settings import org_settings, save_org_settings
from tests.testdata import PHOTOS as TESTDATA_PHOTOS
from tests.ui.conftest import drop_files, new_inspection

SHARED = TESTDATA_PHOTOS


@pytest.fixture(scope="session")
def camera_card(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of 40 phone photos with EXIF time and GPS, like a camera card's DCIM."""
    folder = tmp_path_factory.mktemp("DCIM")
    for n in range(40):
        taken = datetime(2026, 11, 20, 10, n % 60, tzinfo=ZoneInfo("Asia/Shanghai"))
        make_demo_photo(
            folder / f"IMG_{n:04d}.jpg",
            taken_local=taken,
            lat=30.25,
            lon=120.15,
            label=f"#{n}",
            seed=str(n),
        )
    return folder


def _editor(qtbot, launch, data_dir: Path) -> InspectionEditor:
    return _new_inspection(qtbot, launch(data_dir))


def _new_inspection(qtbot, window) -> InspectionEditor:
    return new_inspection(qtbot, window)


def test_photos_dropped_onto_an_item_become_its_evidence(qtbot, launch, data_dir):
    editor = _editor(qtbot, launch, data_dir)
    code = next(iter(editor._items))
    tree_item = editor._items[code]
    center = QPointF(editor.tree.visualItemRect(tree_item).center())
    files = [SHARED / "gps" / "DSCN0010.jpg", SHARED / "cameras" / "Canon_40D.jpg"]
    with qtbot.waitSignal(editor.import_bar.done, timeout=20000) as done:
        drop_files(editor.tree.viewport(), center, files)
    assert done.args[1] is True, done.args[0]
    assert "已导入 2 张照片" in editor.banner.text()
    # The item became a problem with the two photos; the strip and the count show them.
    finding = (
        editor.header
        and __import__("local_db.inspections", fromlist=["x"]).findings(
            editor.context.store, editor.inspection_id
        )[code]
    )
    assert finding["result"] == "problem"
    rows = photo_ops.photos_of(editor.context.store, editor.inspection_id, finding["id"])
    assert sorted(r["original_name"] for r in rows) == ["Canon_40D.jpg", "DSCN0010.jpg"]
    assert tree_item.text(3) == "2"
    assert editor.panel.photos.count() == 2
    blobs = BlobStore(editor.data_dir / "blobs")
    for row in rows:
        original = next(f for f in files if f.name == row["original_name"])
        assert blobs.path(row["sha256"]).read_bytes() == original.read_bytes()
        assert row["sha256"] == hashlib.sha256(original.read_bytes()).hexdigest()

    # Dropping the same photo again stores nothing twice.
    with qtbot.waitSignal(editor.import_bar.done, timeout=20000):
        drop_files(editor.tree.viewport(), center, files[:1])
    assert "已存在" in editor.banner.text()
    assert len(photo_ops.photos_of(editor.context.store, editor.inspection_id, finding["id"])) == 2

    # The viewer opens from the strip with Enter and walks with the keyboard.
    editor.panel.photos.setCurrentRow(0)
    editor.panel.photos.setFocus()
    qtbot.keyClick(editor.panel.photos, Qt.Key.Key_Return)
    viewer = editor._viewer
    assert viewer is not None
    with qtbot.waitSignal(viewer.image_shown, timeout=20000):
        qtbot.keyClick(viewer, Qt.Key.Key_Right)
    assert viewer.current_index == 1
    assert any(editor.header["zone_name"] in line for line in viewer.watermark_lines())
    viewer.close()

    # Removal from a draft: the row goes, the blob stays.
    sha = rows[0]["sha256"]
    editor.panel.photos.setCurrentRow(0)
    qtbot.keyClick(editor.panel.photos, Qt.Key.Key_Delete)
    assert len(photo_ops.photos_of(editor.context.store, editor.inspection_id, finding["id"])) == 1
    assert blobs.path(rows[0]["sha256"]).exists() or blobs.path(sha).exists()


def test_camera_times_are_read_in_the_office_time_zone(qtbot, launch, data_dir):
    """A camera writes its own clock's time, without a zone: the office's zone (its record)
    says when that was. Here the office is in Berlin (summer time, UTC+2, in October 2008)."""
    store = open_store(data_dir)
    berlin = replace(org_settings(store), office_name="柏林办公室", time_zone="Europe/Berlin")
    with store.transaction():  # the office's record, as synced from the server
        save_org_settings(store, berlin, None)
    store.close()
    window = launch(data_dir)
    editor = _new_inspection(qtbot, window)
    tree_item = editor._items[next(iter(editor._items))]
    center = QPointF(editor.tree.visualItemRect(tree_item).center())
    with qtbot.waitSignal(editor.import_bar.done, timeout=20000) as done:
        drop_files(editor.tree.viewport(), center, [SHARED / "gps" / "DSCN0010.jpg"])
    assert done.args[1] is True, done.args[0]
    (row,) = photo_ops.photos_of(editor.context.store, editor.inspection_id)
    assert row["taken_at_raw"] == "2008:10:22 16:28:39"  # no offset in this camera's EXIF
    assert row["taken_at"] == "2008-10-22T14:28:39.000000Z"  # 16:28 in Berlin, not Beijing


def test_folder_import_cancelled_halfway_keeps_what_was_imported(
    qtbot,
    launch,
    data_dir,
    camera_card,
):
    editor = _editor(qtbot, launch, data_dir)
    # Cancel as soon as the first photo is stored, on the import's own thread (no timing).
    job = editor.import_files(None, [camera_card])
    assert job is not None
    job.progress.connect(
        lambda event: job.cancel() if event.kind == "imported" else None,
        Qt.ConnectionType.DirectConnection,
    )
    with qtbot.waitSignal(editor.import_bar.done, timeout=60000):
        pass
    assert "已取消" in editor.banner.text()
    rows = photo_ops.photos_of(editor.context.store, editor.inspection_id, None)
    assert 1 <= len(rows) < 40
    assert editor.site_photos.count() == len(rows)
    blobs = BlobStore(editor.data_dir / "blobs")
    stored = {
        p.name
        for p in (editor.data_dir / "blobs").rglob("*")
        if p.is_file() and p.parent.name != "tmp"
    }
    assert stored == {r["sha256"] for r in rows}  # the rest is not stored
    assert not list((editor.data_dir / "blobs").rglob("*.part"))
    for row in rows:
        assert blobs.verify(row["sha256"])


def test_a_submitted_inspection_refuses_photos(qtbot, launch, data_dir):
    editor = _editor(qtbot, launch, data_dir)
    store = editor.context.store
    mark_unanswered_ok(store, editor.inspection_id)
    submit_inspection(store, editor.inspection_id, actor=None)
    editor.refresh()
    code = next(iter(editor._items))
    center = QPointF(editor.tree.visualItemRect(editor._items[code]).center())
    drop_files(editor.tree.viewport(), center, [SHARED / "gps" / "DSCN0010.jpg"])
    assert editor.import_bar.job is None
    assert photo_ops.photos_of(store, editor.inspection_id) == []
    assert not editor.panel.add_photos_button.isEnabled()
