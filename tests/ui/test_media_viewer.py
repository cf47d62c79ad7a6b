"""Video and audio in the evidence viewer (Qt Multimedia, offscreen): real clips made with PyAV,
imported through the photo pipeline, played in the viewer with the same watermark as photos,
their position on a slider, and a still grabbed from the frame shown, kept as a derived photo
that names its video and offset while the video's original stays bit for bit.

Offscreen, Qt's FFmpeg backend decodes H.264 and renders frames into the QGraphicsVideoItem
(CPU conversion, no GPU): the frames are checked by colour. No sound device exists here, so
audio is checked by its player's position moving, not by what is heard."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QColor, QImage

from app.evidence.opener import upright_loader
from app.evidence.photo_viewer import PhotoViewer
from app.evidence.playback_check import near, shown_colour
from app.i18n import install_translator
from app.photos.blobstore import BlobStore
from app.photos.importer import import_photos
from local_db.inspections import mark_unanswered_ok, start_inspection, submit_inspection
from local_db.store import Store
from tests.core.conftest import install_basics
from tests.media_clips import make_audio, make_video

pytest.importorskip("PySide6.QtMultimedia", reason="Qt Multimedia needs libpulse")

RED, BLUE = (220, 20, 20), (20, 20, 220)
LINES = ["2026-11-20 16:12:33", "人民路（解放街—东环路）", "督查 张督查"]


@pytest.fixture(autouse=True)
def english(qapp) -> None:
    """These tests read the viewer's English texts, whatever an earlier test installed."""
    install_translator(qapp, "en")


@pytest.fixture
def imported(tmp_path: Path) -> tuple[Path, Store, list[dict[str, Any]]]:
    store = Store.open(tmp_path)
    basics = install_basics(store)
    draft = start_inspection(
        store,
        template_id=basics.template_id,
        zone_id=basics.zone_id,
        mode="unannounced",
        person_ids=[basics.person_id],
    )
    card = tmp_path / "card"
    card.mkdir()
    clip = make_video(
        card / "VID_0001.mp4", seconds=2.0, size=(320, 240), colours=(RED, RED, BLUE, BLUE)
    )
    voice = make_audio(card / "voice.m4a", seconds=3.0)
    report = import_photos(tmp_path, [clip, voice], inspection_id=draft["id"], finding_id=None)
    assert len(report.imported) == 2
    rows = store.rows("SELECT * FROM photo ORDER BY original_name")
    yield tmp_path, store, rows
    store.close()


def _viewer(qtbot, data_dir: Path, rows: list[dict[str, Any]]) -> PhotoViewer:
    blobs = BlobStore(data_dir / "blobs")
    viewer = PhotoViewer(
        rows,
        0,
        upright_loader(blobs),
        lambda _photo: LINES,
        media_path=lambda photo: blobs.path(photo["sha256"]),
        data_dir=data_dir,
    )
    qtbot.addWidget(viewer)
    viewer.resize(900, 640)
    viewer.show()
    qtbot.waitExposed(viewer)
    return viewer


def _centre(viewer: PhotoViewer) -> QColor:
    """The colour shown in the middle of the picture, a third down (above the watermark)."""
    assert viewer.media is not None
    return shown_colour(viewer.media.view, 0.5, 1 / 3)


def test_a_video_plays_in_the_viewer_with_the_watermark_and_its_position(qtbot, imported):
    data_dir, _store, rows = imported
    _video, _audio = rows
    viewer = _viewer(qtbot, data_dir, rows)
    media = viewer.media
    assert media is not None and media.unavailable is None
    assert viewer.stage.currentWidget() is media  # the photo view is not asked to decode it

    # The first frame is shown (paused), fitted, with the watermark lines over it.
    qtbot.waitUntil(lambda: media.view.has_image(), timeout=10_000)
    qtbot.waitUntil(lambda: near(_centre(viewer), RED), timeout=10_000)
    assert media.view.lines == LINES
    shot = media.view.viewport().grab().toImage()
    box = shot.pixelColor(20, shot.height() - 20)  # inside the watermark's dark box
    assert box.lightness() < 90, box.getRgb()
    assert "video 0:02" in viewer.status.text()
    facts = viewer.media_facts
    assert (facts["duration"].text(), facts["codec"].text()) == ("0:02", "h264")
    assert facts["duration"].isVisibleTo(viewer)
    assert not viewer.facts["orientation"].isVisibleTo(viewer)  # EXIF's, not a recording's
    assert media.slider.maximum() == pytest.approx(2000, abs=60)
    assert media.time_label.text() == "0:00 / 0:02"

    # Moving the slider shows that moment: the second half is blue.
    media.seek(1500)
    qtbot.waitUntil(lambda: near(_centre(viewer), BLUE), timeout=10_000)
    assert media.time_label.text() == "0:02 / 0:02"  # 1.5 s rounds to 0:02

    # Play from the start: the position moves on by itself.
    media.seek(0)
    qtbot.keyClick(viewer, "k")
    qtbot.waitUntil(lambda: media.position() > 300, timeout=10_000)
    assert media.is_playing() and media.play_button.text() == "⏸"
    qtbot.keyClick(viewer, "k")
    qtbot.waitUntil(lambda: not media.is_playing(), timeout=5_000)


def test_a_grabbed_still_names_its_video_and_offset_and_leaves_the_video_untouched(qtbot, imported):
    data_dir, store, rows = imported
    video = rows[0]
    original = BlobStore(data_dir / "blobs").path(video["sha256"])
    before = hashlib.sha256(original.read_bytes()).hexdigest()
    viewer = _viewer(qtbot, data_dir, rows)
    media = viewer.media
    assert media is not None
    qtbot.waitUntil(lambda: media.view.has_image(), timeout=10_000)
    media.seek(1500)
    qtbot.waitUntil(lambda: media.position() >= 1400, timeout=10_000)

    with qtbot.waitSignal(viewer.still_grabbed, timeout=20_000) as grabbed:
        qtbot.keyClick(viewer, "g")
    still = grabbed.args[0]

    assert still["source_photo_id"] == video["id"]
    assert 1400 <= still["source_offset_ms"] <= 1600
    assert still["media_type"] == "image" and still["format"] == "JPEG"
    assert (still["width"], still["height"]) == (320, 240)
    assert still["original_name"].startswith("VID_0001_00-01.")
    assert still["inspection_id"] == video["inspection_id"]
    assert "Still kept as a photo" in viewer.status.text()
    # The still shows the frame at that moment (blue); the video's bytes did not change.
    picture = QImage(str(BlobStore(data_dir / "blobs").path(still["sha256"])))
    assert near(picture.pixelColor(160, 60), BLUE)
    assert hashlib.sha256(original.read_bytes()).hexdigest() == before == video["sha256"]
    assert store.row("photo", still["id"])["source_offset_ms"] == still["source_offset_ms"]


def test_audio_plays_over_its_poster_and_photos_come_back_to_the_photo_view(qtbot, imported):
    data_dir, _store, rows = imported
    viewer = _viewer(qtbot, data_dir, rows)
    viewer.next()
    media = viewer.media
    assert media is not None and viewer.stage.currentWidget() is media
    assert viewer.current_photo["media_type"] == "audio"
    # the audio poster (dark card), read by a job and shown when it arrives, watermarked
    qtbot.waitUntil(media.view.has_image, timeout=10_000)
    assert not media.grab_button.isVisible()
    assert "audio 0:03" in viewer.status.text()
    qtbot.waitUntil(lambda: media.slider.maximum() >= 2900, timeout=10_000)
    media.toggle()
    qtbot.waitUntil(lambda: media.position() > 200, timeout=10_000)
    assert viewer.media_facts["duration"].text() == "0:03"
    viewer.previous()  # back to the video: the audio stops
    assert not media.is_playing() or viewer.current_photo["media_type"] == "video"


def test_no_still_is_added_to_a_submitted_inspection(qtbot, imported):
    data_dir, store, rows = imported
    mark_unanswered_ok(store, rows[0]["inspection_id"])
    submit_inspection(store, rows[0]["inspection_id"], actor=None, accept_warnings=True)
    viewer = _viewer(qtbot, data_dir, rows)
    media = viewer.media
    assert media is not None
    qtbot.waitUntil(lambda: media.view.has_image(), timeout=10_000)
    with qtbot.waitSignal(media.grab_failed, timeout=20_000) as failed:
        media.grab_still()
    assert "submitted" in failed.args[0]
    assert store.rows("SELECT id FROM photo WHERE source_photo_id IS NOT NULL") == []


def test_the_import_bar_shows_a_large_recordings_copy(qtbot, tmp_path):
    from app.evidence.import_bar import PhotoImportBar
    from app.photos.importer import ImportEvent

    bar = PhotoImportBar()
    qtbot.addWidget(bar)
    bar._event(ImportEvent("progress", None, 1, 3))
    assert (bar.progress.value(), bar.progress.maximum()) == (1, 3)
    bar._event(ImportEvent("progress", tmp_path / "VID_0001.mp4", 1, 3, copied=512, size=1024))
    assert bar.progress.text() == "Importing VID_0001.mp4 (2/3): 50%"
    bar._event(ImportEvent("imported", tmp_path / "VID_0001.mp4", 2, 3))
    assert (bar.progress.value(), bar.progress.maximum()) == (2, 3)
    assert bar.progress.text() == "Importing photos 2/3"


def test_a_recording_without_a_poster_here_shows_a_stand_in_in_the_strip(qtbot, tmp_path):
    from app.evidence.photo_strip import PhotoStrip
    from app.evidence.thumbnail_loader import ThumbnailLoader

    loader = ThumbnailLoader(tmp_path)  # no original, no thumbnail: nothing can be made here
    strip = PhotoStrip(loader)
    qtbot.addWidget(strip)
    rows = [
        {"id": "v", "sha256": "a" * 64, "original_name": "VID.mp4", "media_type": "video",
         "duration_ms": 83_000},
        {"id": "p", "sha256": "b" * 64, "original_name": "IMG.jpg", "media_type": "image"},
    ]  # fmt: skip
    with qtbot.waitSignals([loader.loaded, loader.loaded], timeout=10_000):
        strip.set_photos(rows, {})
    assert not strip.item(0).icon().isNull()  # the stand-in: play mark and 1:23
    assert strip.item(1).icon().isNull()  # a photo keeps its empty tile


def test_a_phone_video_held_upright_plays_upright(qtbot, tmp_path):
    from PIL import Image

    stored = Image.new("RGB", (320, 240), RED)
    stored.paste(BLUE, (160, 0, 320, 240))  # the sensor's right half: the top when held upright
    clip = make_video(tmp_path / "VID_portrait.mp4", picture=stored, rotation=90)
    row = {
        "id": "v",
        "sha256": "c" * 64,
        "original_name": clip.name,
        "media_type": "video",
        "duration_ms": 2000,
        "width": 240,
        "height": 320,
    }  # fmt: skip  (as the import read it)
    viewer = PhotoViewer(
        [row], 0, lambda _p: QImage(), lambda _p: [], media_path=lambda _p: clip, data_dir=None
    )
    qtbot.addWidget(viewer)
    viewer.resize(900, 640)
    viewer.show()
    media = viewer.media
    assert media is not None
    qtbot.waitUntil(lambda: media.view.has_image(), timeout=10_000)
    rect = media.view.scene().sceneRect()
    assert rect.height() > rect.width()  # shown portrait

    def at(fraction: float) -> QColor:
        return shown_colour(media.view, 0.5, fraction)

    qtbot.waitUntil(lambda: near(at(0.15), BLUE) and near(at(0.85), RED), timeout=10_000)


def test_the_bundles_playback_check_passes_only_on_a_video_that_plays_as_expected(
    qtbot, imported, capsys
):
    """`ducha check-playback` (build/build.sh runs it in the bundle): the evidence viewer plays
    the video; 0 when it reached playing, passed 200 ms and showed the colour expected."""
    from app.evidence.playback_check import check_playback

    data_dir, _store, rows = imported
    video, voice = rows
    assert check_playback(data_dir, video["id"], RED) == 0
    out = capsys.readouterr().out
    assert out.startswith("played VID_0001.mp4: playing True, position ")
    # Green is never shown: it plays to its end and says what it saw instead.
    assert check_playback(data_dir, video["id"], (20, 220, 20), timeout_s=20) == 1
    err = capsys.readouterr().err
    assert "VID_0001.mp4: the frame shown is not #14dc14 (playing True" in err
    assert check_playback(data_dir, voice["id"]) == 2
    assert "voice.m4a is not a video" in capsys.readouterr().err
    assert check_playback(data_dir / "nowhere") == 2


def test_the_playback_check_calls_a_view_without_a_frame_blank(qtbot):
    from PySide6.QtGui import QPixmap

    from app.evidence.photo_view import PhotoView
    from app.evidence.playback_check import blank

    view = PhotoView()
    qtbot.addWidget(view)
    view.resize(400, 300)
    view.show()
    qtbot.waitExposed(view)
    assert blank(view, shown_colour(view))  # the view's own background
    assert blank(view, QColor(5, 5, 5))  # black, as before a first frame
    picture = QPixmap(320, 240)
    picture.fill(QColor(*RED))
    view.show_pixmap(picture)
    view.fit()
    colour = shown_colour(view)
    assert not blank(view, colour) and near(colour, RED)


def test_a_recording_whose_original_is_not_here_says_so_instead_of_loading_for_ever(
    qtbot, tmp_path
):
    """The plain viewer (an inspection synced from another laptop) fetches nothing: a recording
    whose original is not on this computer says so, it does not show "Loading…" for ever."""
    row = {"id": "v", "sha256": "a" * 64, "original_name": "VID.mp4", "media_type": "video",
           "duration_ms": 83_000, "inspection_id": "i"}  # fmt: skip
    viewer = _viewer(qtbot, tmp_path, [row])  # no blobs here at all
    media = viewer.media
    assert media is not None and viewer.stage.currentWidget() is media
    assert media.view.message_is_error
    assert "not on this computer" in media.view.message, media.view.message
    assert not media.play_button.isEnabled() and not media.grab_button.isEnabled()
