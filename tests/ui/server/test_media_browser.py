"""A reviewer's laptop and a video (issue 14): the row arrives by sync without its bytes; the
recording is fetched only when the reviewer opens it in the evidence browser, verified against
its SHA-256, and then plays there, watermarked, on a real offscreen window."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtGui import QColor

from app.evidence.browser import open_evidence_viewer
from app.photos.blobstore import BlobStore
from local_db.photos import photos_of
from tests.media_clips import make_video
from tests.server.laptops import laptop
from tests.ui.server.test_evidence_browser import chinese, client_for, inspect  # noqa: F401

pytest.importorskip("PySide6.QtMultimedia", reason="Qt Multimedia needs libpulse")

RED = (210, 30, 30)


def _near(colour: QColor, rgb: tuple[int, int, int], slack: int = 45) -> bool:
    return all(abs(a - b) <= slack for a, b in zip(colour.getRgb()[:3], rgb, strict=True))


def test_a_video_is_fetched_when_opened_and_plays_in_the_browser(qtbot, server, tmp_path):
    clip = make_video(tmp_path / "VID_0001.mp4", seconds=2.0, colours=(RED,), sound=True)
    inspection_id = inspect(server, tmp_path, [clip])
    office_dir = tmp_path / "office"
    office, o_client = laptop(server, "office", office_dir)
    [video] = photos_of(office, inspection_id)
    assert video["media_type"] == "video"
    blobs = BlobStore(office_dir / "blobs")
    assert not blobs.has(video["sha256"])  # the row came, the bytes did not

    viewer = open_evidence_viewer(
        office, [video], 0, make_client=client_for(server.base, o_client.token)
    )
    try:
        _plays(qtbot, viewer, video, blobs, clip)
    finally:
        if shiboken6.isValid(viewer):
            viewer.close()
        office.close()
        o_client.close()


def _plays(qtbot, viewer, video, blobs, clip) -> None:
    media = viewer.media
    assert media is not None and viewer.stage.currentWidget() is media
    qtbot.waitUntil(lambda: blobs.has(video["sha256"]), timeout=30_000)  # fetched on opening
    assert blobs.path(video["sha256"]).read_bytes() == clip.read_bytes()

    def centre() -> QColor:
        image = media.view.viewport().grab().toImage()
        return image.pixelColor(image.width() // 2, image.height() // 3)

    qtbot.waitUntil(lambda: media.view.has_image() and _near(centre(), RED), timeout=15_000)
    assert media.view.lines == viewer.watermark_lines() and media.view.lines
    assert media.play_button.isEnabled()
    # A submitted inspection: a still cannot be added to its evidence; it says so.
    with qtbot.waitSignal(media.grab_failed, timeout=20_000) as failed:
        media.grab_still()
    assert "已提交" in failed.args[0]
