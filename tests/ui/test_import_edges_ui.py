"""Import edge cases on real windows (issue 12, finding 7): a FIFO among a card's photos is named
as skipped while the others are attached; a phone photo whose only time is its GPS stamp shows
that time, and says it is the GPS's, in the photo viewer."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from PIL import ExifTags, Image

from local_db import inspections as ops
from local_db import photos as photo_ops
from tests.testdata import PHOTOS
from tests.ui.conftest import new_inspection, problem_item


def _finding_editor(qtbot, launch, data_dir: Path):
    editor = new_inspection(qtbot, launch(data_dir))
    return editor, problem_item(editor)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_on_the_card_is_named_as_skipped_and_the_photos_after_it_attached(
    qtbot, launch, data_dir, tmp_path
):
    """Old code: the import waited for ever in open() of the FIFO; nothing after it came."""
    editor, code = _finding_editor(qtbot, launch, data_dir)
    card = tmp_path / "DCIM"
    card.mkdir()
    sources = sorted((PHOTOS / "cameras").glob("*.jpg"))[:5]
    names = [f"DSC_{n:04d}.jpg" for n in (1, 2, 4, 5, 6)]
    for source, name in zip(sources, names, strict=True):
        shutil.copyfile(source, card / name)
    os.mkfifo(card / "DSC_0003.jpg")
    with qtbot.waitSignal(editor.import_bar.done, timeout=30000) as done:
        editor.import_files(code, [card])
    assert done.args[1] is False  # not clean: something was skipped
    banner = editor.banner.text()
    assert "已导入 5 张照片" in banner, banner
    assert "DSC_0003.jpg：不是普通文件（管道、设备或文件夹），已跳过" in banner, banner
    qtbot.waitUntil(lambda: editor.panel.photos.count() == 5, timeout=5000)
    finding = ops.findings(editor.context.store, editor.inspection_id)[code]
    rows = photo_ops.photos_of(editor.context.store, editor.inspection_id, finding["id"])
    assert sorted(r["original_name"] for r in rows) == names
    assert not list((editor.data_dir / "blobs").rglob("*.part"))


def test_a_photo_timed_only_by_gps_shows_that_time_and_says_so(qtbot, launch, data_dir, tmp_path):
    editor, code = _finding_editor(qtbot, launch, data_dir)
    photo = tmp_path / "IMG_20261120_gps.jpg"
    exif = Image.Exif()
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[29] = "2026:11:20"  # GPSDateStamp
    gps[7] = (2.0, 7.0, 30.0)  # GPSTimeStamp, UTC
    Image.new("RGB", (640, 480), (90, 120, 160)).save(photo, "JPEG", exif=exif)
    with qtbot.waitSignal(editor.import_bar.done, timeout=30000) as done:
        editor.import_files(code, [photo])
    assert done.args[1] is True, done.args[0]
    qtbot.waitUntil(lambda: editor.panel.photos.count() == 1, timeout=5000)
    viewer = editor.view_photos(editor.panel.photos.photos, 0)
    assert viewer is not None
    qtbot.waitUntil(lambda: viewer.facts["taken_raw"].text() != "", timeout=10000)
    assert viewer.taken_raw_label.text() == "拍摄时间（GPS，UTC）"
    assert viewer.facts["taken_raw"].text() == "2026:11:20 02:07:30 UTC"
    assert viewer.facts["taken"].text() == "2026-11-20 10:07:30"  # Beijing time
    viewer.close()
