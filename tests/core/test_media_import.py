"""Video and audio evidence through the photo import: real short clips made here with PyAV
(H.264 or MPEG-4 in MP4/MOV/3GP, AAC in M4A and ADTS, PCM in WAV), stored bit-exact with their
duration, codec and recording time; the poster frame as the thumbnail; damaged recordings and
recordings above the office's limit refused by name; folders no longer pass media over."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from tests.core.test_photo_import import blob_files, parts, photo_rows, sha_of
from tests.testdata import PHOTOS

av = pytest.importorskip("av")

from app.photos.importer import import_photos  # noqa: E402
from app.photos.media import audio_poster, duration_text, inspect_media  # noqa: E402
from app.photos.thumbnails import thumbnail_path  # noqa: E402
from local_db.org_settings import org_settings, save_org_settings  # noqa: E402
from tests.media_clips import make_audio, make_video, video_encoder  # noqa: E402

BLACK, RED, BLUE = (0, 0, 0), (220, 20, 20), (20, 20, 220)


def _close(pixel, colour, tolerance=40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, colour, strict=True))


def _import(data_dir: Path, inspection_id: str, files: list[Path], **kw):
    return import_photos(data_dir, files, inspection_id=inspection_id, finding_id=None, **kw)


@pytest.fixture
def clips(tmp_path: Path) -> dict[str, Path]:
    """One of each: the first half-second black, then red (the poster is the frame ~1 s in)."""
    folder = tmp_path / "card"
    folder.mkdir()
    colours = (BLACK, RED, RED, RED)
    return {
        "mp4": make_video(
            folder / "VID_20261120_161233.mp4",
            colours=colours,
            creation_time="2026-11-20T08:12:33.000000Z",
            sound=True,
        ),
        "mov": make_video(folder / "IMG_0042.MOV", colours=colours, size=(240, 320)),
        "3gp": make_video(folder / "clip.3gp", colours=colours, codec="mpeg4", size=(176, 144)),
        "m4a": make_audio(folder / "录音 001.m4a", seconds=3.0),
        "aac": make_audio(folder / "voice.aac", seconds=2.0),
        "wav": make_audio(folder / "REC0001.WAV", seconds=1.5),
    }


def test_each_kind_of_recording_is_stored_bit_exact_with_duration_and_poster(
    store, draft_inspection, tmp_path, clips
):
    data = tmp_path
    report = _import(data, draft_inspection["id"], list(clips.values()))

    assert (report.refused, report.skipped, report.unsaved) == ([], [], [])
    rows = {r["original_name"]: r for r in photo_rows(store)}
    assert set(rows) == {p.name for p in clips.values()}
    expected = {
        "mp4": ("video", "MP4", 2000, (320, 240)),
        "mov": ("video", "MOV", 2000, (240, 320)),
        "3gp": ("video", "3GP", 2000, (176, 144)),
        "m4a": ("audio", "M4A", 3000, (None, None)),
        "aac": ("audio", "AAC", 2000, (None, None)),
        "wav": ("audio", "WAV", 1500, (None, None)),
    }
    for key, path in clips.items():
        row = rows[path.name]
        media_type, fmt, duration, size = expected[key]
        assert (row["media_type"], row["format"]) == (media_type, fmt), key
        # ADTS carries no duration: FFmpeg estimates it (encoder padding adds ~0.1 s).
        slack = 150 if key == "aac" else 50
        assert abs(row["duration_ms"] - duration) <= slack, (key, row["duration_ms"])
        assert (row["width"], row["height"]) == size, key
        assert row["sha256"] == sha_of(path) and row["byte_size"] == path.stat().st_size
        stored = data / "blobs" / row["sha256"][:2] / row["sha256"][2:4] / row["sha256"]
        assert stored.read_bytes() == path.read_bytes()  # bit-exact
        thumb = thumbnail_path(data, row["sha256"])
        assert thumb.is_file(), key
    assert rows[clips["mp4"].name]["codec"] == ("h264" if video_encoder() != "mpeg4" else "mpeg4")
    assert rows[clips["3gp"].name]["codec"] == "mpeg4"
    assert rows[clips["wav"].name]["codec"] == "pcm_s16le"
    assert rows[clips["m4a"].name]["codec"] == "aac"
    # The recording time the container names, as UTC; none for a bare WAV.
    mp4 = rows[clips["mp4"].name]
    assert (mp4["taken_at"], mp4["taken_at_source"]) == ("2026-11-20T08:12:33.000000Z", "container")
    assert rows[clips["wav"].name]["taken_at"] is None
    assert parts(data) == []


def test_the_poster_is_a_frame_a_second_in_with_the_duration(tmp_path):
    from PIL import Image

    clip = make_video(tmp_path / "a.mp4", seconds=4.0, colours=(BLACK, BLUE, RED, RED))
    info, poster = inspect_media(clip, poster_size=320)

    assert info.duration_ms == 4000
    assert poster.size == (320, 240)
    # A frame ~1 s in (blue), not the black first frame; the play mark sits in the middle.
    assert _close(poster.getpixel((20, 20)), BLUE)
    assert not _close(poster.getpixel((160, 120)), BLUE)
    # The duration badge bottom right: white text on black.
    corner = poster.crop((240, 200, 315, 235)).convert("L")
    low, high = corner.getextrema()
    assert low < 30 and high > 220
    assert duration_text(info.duration_ms) == "0:04"
    assert duration_text(3_723_000) == "1:02:03"
    # Audio: a generic picture of the same shape, with its duration.
    card = audio_poster(83.0)
    assert card.size == (320, 240) and isinstance(card, Image.Image)


@pytest.mark.parametrize("cut", [0.5, 0.9])
@pytest.mark.parametrize("kind", ["mp4", "m4a", "wav"])
def test_a_truncated_recording_is_refused_by_name_and_nothing_is_kept(
    store, draft_inspection, tmp_path, clips, kind, cut
):
    whole = clips[kind]
    damaged = tmp_path / f"cut{whole.suffix}"
    damaged.write_bytes(whole.read_bytes()[: int(whole.stat().st_size * cut)])
    data = tmp_path

    report = _import(data, draft_inspection["id"], [damaged])

    assert report.imported == []
    [(path, reason)] = report.refused
    assert path == damaged
    assert damaged.name in str(reason)
    assert "truncated or damaged" in str(reason) or "damaged beyond reading" in str(reason)
    assert photo_rows(store) == [] and blob_files(data) == set() and parts(data) == []


def test_a_file_named_as_video_that_is_not_one_is_refused(store, draft_inspection, tmp_path):
    fake = tmp_path / "movie.mp4"
    fake.write_bytes(b"\x00\x00\x00\x18ftypmp42" + b"not a movie at all " * 50)
    empty = tmp_path / "empty.m4a"
    empty.write_bytes(b"")

    report = _import(tmp_path, draft_inspection["id"], [fake, empty])

    reasons = {p.name: str(r) for p, r in report.refused}
    assert reasons["movie.mp4"] == (
        "movie.mp4: not a video or audio recording, or damaged beyond reading"
    )
    assert reasons["empty.m4a"] == "empty.m4a: the file is empty"
    assert photo_rows(store) == []


def test_a_folder_import_takes_video_and_audio_beside_the_photos(
    store, draft_inspection, tmp_path, clips
):
    folder = clips["mp4"].parent
    photo = sorted((PHOTOS / "cameras").iterdir())[0]
    shutil.copy(photo, folder / photo.name)
    (folder / "GX010042.LRV").write_bytes(b"low-resolution proxy")  # a camera's proxy: passed over

    report = _import(tmp_path, draft_inspection["id"], [folder])

    assert report.refused == []
    names = sorted(r["original_name"] for r in report.imported)
    assert names == sorted([*(p.name for p in clips.values()), photo.name])
    kinds = {r["original_name"]: r["media_type"] for r in photo_rows(store)}
    assert kinds[photo.name] == "image"
    assert kinds[clips["wav"].name] == "audio" and kinds[clips["mov"].name] == "video"


def test_a_recording_above_the_offices_limit_is_refused_with_the_limit(
    store, draft_inspection, tmp_path
):
    clip = make_video(tmp_path / "long.mp4", seconds=3.0, size=(640, 480))
    limit = 1 << 20
    assert clip.stat().st_size <= limit  # the clip fits a 1 MB limit …
    big = make_audio(tmp_path / "long.wav", seconds=40.0)  # … 40 s of PCM (1.3 MB) does not
    assert big.stat().st_size > limit
    save_org_settings(store, replace(org_settings(store), max_media_bytes=limit), None)

    report = _import(tmp_path, draft_inspection["id"], [clip, big])

    assert [r["original_name"] for r in report.imported] == ["long.mp4"]
    [(path, reason)] = report.refused
    assert path == big
    assert str(reason) == (
        "long.wav: the recording is larger than the office's limit of 1 MB "
        "(ask the office to raise it, or trim the recording)"
    )
    assert len(photo_rows(store)) == 1


def test_the_default_limit_is_two_gigabytes(store):
    assert org_settings(store).max_media_bytes == 2 * 1024**3


def test_a_lost_poster_is_made_again_from_the_recording(store, draft_inspection, tmp_path, clips):
    from app.photos.thumbnails import make_thumbnail

    report = _import(tmp_path, draft_inspection["id"], [clips["mp4"], clips["wav"]])
    for row in report.imported:
        thumb = thumbnail_path(tmp_path, row["sha256"])
        made = thumb.read_bytes()
        thumb.unlink()
        original = tmp_path / "blobs" / row["sha256"][:2] / row["sha256"][2:4] / row["sha256"]
        make_thumbnail(original, thumb)
        assert thumb.read_bytes() == made  # the same poster, from the stored original


def test_a_large_recordings_copy_reports_its_progress(tmp_path):
    from app.photos import importer
    from app.photos.blobstore import BlobStore
    from app.photos.importer import ImportEvent

    big = tmp_path / "long.wav"
    big.write_bytes(b"\0" * (importer.PROGRESS_FROM_BYTES + 5 * 1024 * 1024))
    seen: list[int] = []
    staged = BlobStore(tmp_path / "blobs").stage(big, max_bytes=1 << 40, on_bytes=seen.append)
    assert seen == sorted(seen) and seen[-1] == big.stat().st_size == staged.byte_size
    assert len(seen) == -(-big.stat().st_size // (1 << 20))  # once per chunk copied

    events: list[ImportEvent] = []
    batch = importer._Batch(None, None, "i", None, 3, events.append)  # type: ignore[arg-type]
    copied, shown = {big: 0}, {}
    importer._copy_progress(batch, big, copied, shown)  # nothing copied yet: nothing said
    for n in (1 << 20, 1 << 20, seen[len(seen) // 2], seen[-1]):
        copied[big] = n
        importer._copy_progress(batch, big, copied, shown)
    # One event per new whole percent, naming the file, its bytes and its size.
    assert [(e.kind, e.path, e.copied, e.size) for e in events] == [
        ("progress", big, 1 << 20, big.stat().st_size),
        ("progress", big, seen[len(seen) // 2], big.stat().st_size),
        ("progress", big, seen[-1], big.stat().st_size),
    ]
    small = tmp_path / "short.wav"
    small.write_bytes(b"\0" * 1024)
    importer._copy_progress(batch, small, {small: 1024}, {})
    assert len(events) == 3  # a small file says nothing while it is copied


def test_a_phone_held_upright_gives_an_upright_poster(tmp_path):
    from PIL import Image

    stored = Image.new("RGB", (320, 240), RED)
    stored.paste(BLUE, (160, 0, 320, 240))  # the sensor's right half: the top when held upright
    clip = make_video(tmp_path / "VID_portrait.mp4", picture=stored, rotation=90)

    info, poster = inspect_media(clip, poster_size=320)

    assert (info.width, info.height) == (240, 320)  # as shown, not as stored
    assert poster.size == (240, 320)
    assert _close(poster.getpixel((120, 20)), BLUE) and _close(poster.getpixel((120, 250)), RED)
