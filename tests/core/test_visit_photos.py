"""The photos of a visit on a camera card: chosen by capture time within the visit (its start
less a margin, its end or now plus one), dated by the file when they name no time, identified by
their SHA-256, with a thumbnail in the strips' cache; what is not an image is passed over."""

from __future__ import annotations

import hashlib
import os
import shutil
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

from app.photos.thumbnails import thumbnail_path
from app.photos.visit_photos import (
    FILE_TIME,
    MARGIN_BEFORE,
    SeenFiles,
    find_visit_photos,
    visit_bounds,
)
from domain.clock import from_iso
from tests.testdata import PHOTOS

# Nikon, 2008-10-22 16:28:39 and 16:29:49 Beijing time; the Canon, 2008-05-30.
SCENE = ("DSCN0010.jpg", "DSCN0012.jpg")


def _card(tmp_path: Path) -> Path:
    card = tmp_path / "DCIM" / "100NIKON"
    card.mkdir(parents=True)
    for name in SCENE:
        shutil.copy(PHOTOS / "gps" / name, card / name)
    shutil.copy(PHOTOS / "cameras" / "Canon_40D.jpg", card / "Canon_40D.jpg")
    whole = (PHOTOS / "gps" / "DSCN0021.jpg").read_bytes()
    (card / "DSCN0021.jpg").write_bytes(whole[: len(whole) // 2])  # a card pulled out mid-write
    (card / "NOTES.TXT").write_text("not a photo")
    return tmp_path / "DCIM"


def test_the_photos_taken_within_the_visit_are_found_hashed_and_thumbnailed(tmp_path):
    card = _card(tmp_path)
    data = tmp_path / "data"
    bounds = visit_bounds("2008-10-22T08:20:00Z", "2008-10-22T09:00:00Z")
    heard = []
    found = find_visit_photos(
        [card], bounds=bounds, data_dir=data, zone="Asia/Shanghai", on_found=heard.append
    )
    assert [p.path.name for p in found] == list(SCENE)
    assert [p.taken_at for p in found] == [
        "2008-10-22T08:28:39.000000Z",
        "2008-10-22T08:29:49.000000Z",
    ]
    assert {p.path.name for p in heard} == set(SCENE)
    for photo in found:
        assert photo.sha256 == hashlib.sha256(photo.path.read_bytes()).hexdigest()
        assert photo.time_source == "exif_original"
        assert thumbnail_path(data, photo.sha256).stat().st_size > 0


def test_the_margins_widen_the_visit_and_a_later_visit_sees_none(tmp_path):
    card = _card(tmp_path)
    # Begun 20 minutes after the first photo: the margin before the start still takes it.
    start = from_iso("2008-10-22T08:48:39Z")
    assert start - timedelta(minutes=20) >= start - MARGIN_BEFORE
    bounds = visit_bounds("2008-10-22T08:48:39Z", "2008-10-22T09:30:00Z")
    found = find_visit_photos([card], bounds=bounds, data_dir=tmp_path / "d")
    assert [p.path.name for p in found] == list(SCENE)
    later = visit_bounds("2008-10-23T08:00:00Z", "2008-10-23T09:00:00Z")
    assert find_visit_photos([card], bounds=later, data_dir=tmp_path / "d") == []


def test_a_photo_without_a_capture_time_is_dated_by_its_file(tmp_path):
    card = tmp_path / "WeChat"
    card.mkdir()
    photo = card / "landscape_1.jpg"  # no EXIF time (a chat app strips it)
    shutil.copy(PHOTOS / "orientation" / "landscape_1.jpg", photo)
    now = datetime.now(UTC)
    os.utime(photo, (now.timestamp(), now.timestamp()))
    found = find_visit_photos(
        [card],
        bounds=visit_bounds((now - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ"), None),
        data_dir=tmp_path / "d",
    )
    assert [(p.path.name, p.time_source) for p in found] == [("landscape_1.jpg", FILE_TIME)]
    old = (now - timedelta(days=2)).timestamp()
    os.utime(photo, (old, old))
    found = find_visit_photos(
        [card],
        bounds=visit_bounds((now - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ"), None),
        data_dir=tmp_path / "d",
    )
    assert found == []


def test_without_bounds_every_image_is_taken_and_a_cancel_stops(tmp_path):
    card = _card(tmp_path)
    seen = SeenFiles()
    found = find_visit_photos([card], bounds=None, data_dir=tmp_path / "d", seen=seen)
    assert sorted(p.path.name for p in found) == sorted([*SCENE, "Canon_40D.jpg"])
    again = find_visit_photos([card], bounds=None, data_dir=tmp_path / "d", seen=seen)
    assert again == found  # from what was read the first time: the same answer
    cancel = threading.Event()
    cancel.set()
    assert find_visit_photos([card], bounds=None, data_dir=tmp_path / "d", cancel=cancel) == []


def test_a_file_written_a_day_before_the_visit_is_not_opened(tmp_path):
    card = _card(tmp_path)
    bounds = visit_bounds("2008-10-22T08:20:00Z", "2008-10-22T09:00:00Z")
    stale = card / "100NIKON" / SCENE[0]
    written = from_iso("2008-10-20T08:00:00Z").timestamp()  # two days before: old news
    os.utime(stale, (written, written))
    found = find_visit_photos([card], bounds=bounds, data_dir=tmp_path / "d", seen=SeenFiles())
    assert [p.path.name for p in found] == [SCENE[1]]
