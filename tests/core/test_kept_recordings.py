"""The reviewer's offline budget and recordings (issue 14): an office laptop fetches a video only
when it is opened or when it fits the budget. A recording too large for what is left of the budget
is passed over (fetched when opened) and the older originals that still fit are kept; a photo that
does not fit still ends the taking, and nothing older than the budget's days is kept. Real clips
and photos imported into a real store, on submitted inspections of different days."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PIL import Image

from app.photos.importer import import_photos
from domain.clock import to_iso, utc_now
from local_db.inspections import mark_unanswered_ok, start_inspection, submit_inspection
from local_db.kept_originals import Budget, NeededOriginal, office_originals, within_budget
from local_db.store import Store
from tests.core.conftest import Basics, install_basics

pytest.importorskip("av")

from tests.media_clips import make_video


def _submitted(
    store: Store, basics: Basics, data_dir: Path, files: list[Path], days_ago: int
) -> None:
    started = utc_now() - timedelta(days=days_ago)
    draft = start_inspection(
        store,
        template_id=basics.template_id,
        zone_id=basics.zone_id,
        mode="unannounced",
        person_ids=[basics.person_id],
        started_at=to_iso(started),
    )
    report = import_photos(data_dir, files, inspection_id=draft["id"], finding_id=None)
    assert len(report.imported) == len(files)
    mark_unanswered_ok(store, draft["id"])
    finished = to_iso(started + timedelta(hours=1))
    submit_inspection(store, draft["id"], actor=None, accept_warnings=True, finished_at=finished)


def _photo(path: Path, colour: tuple[int, int, int]) -> Path:
    Image.new("RGB", (640, 480), colour).save(path, "JPEG", quality=90)
    return path


@pytest.fixture
def office(tmp_path: Path):
    """Newest first: a video today, photos 10 and 20 days ago, a photo 200 days ago."""
    card = tmp_path / "card"
    card.mkdir()
    store = Store.open(tmp_path)
    basics = install_basics(store)
    video = make_video(card / "VID_0001.mp4", seconds=3.0, size=(640, 480), sound=True)
    _submitted(store, basics, tmp_path, [video], 0)
    _submitted(store, basics, tmp_path, [_photo(card / "IMG_10.jpg", (200, 30, 30))], 10)
    _submitted(store, basics, tmp_path, [_photo(card / "IMG_20.jpg", (30, 200, 30))], 20)
    _submitted(store, basics, tmp_path, [_photo(card / "IMG_200.jpg", (30, 30, 200))], 200)
    yield office_originals(store)
    store.close()


def _names(originals: list[NeededOriginal]) -> list[str]:
    return [o.name for o in originals]


def test_a_recording_too_large_for_the_budget_leaves_room_for_the_photos_behind_it(office):
    video, ten, twenty, _old = office
    assert _names(office) == ["VID_0001.mp4", "IMG_10.jpg", "IMG_20.jpg", "IMG_200.jpg"]
    assert [o.media_type for o in office] == ["video", "image", "image", "image"]
    photos = ten.byte_size + twenty.byte_size
    assert video.byte_size > photos  # the video alone would not fit the budget below

    kept, beyond = within_budget(office, Budget(90, photos), utc_now())
    assert _names(kept) == ["IMG_10.jpg", "IMG_20.jpg"]  # the old code kept nothing here
    assert _names(beyond) == ["VID_0001.mp4", "IMG_200.jpg"]  # the video: when it is opened

    # With room for it the video is kept like a photo; the 200-day-old photo never is.
    kept, beyond = within_budget(office, Budget(90, video.byte_size + photos), utc_now())
    assert _names(kept) == ["VID_0001.mp4", "IMG_10.jpg", "IMG_20.jpg"]
    assert _names(beyond) == ["IMG_200.jpg"]
    kept, _beyond = within_budget(office, Budget(365, 10 * video.byte_size), utc_now())
    assert _names(kept) == _names(office)


def test_a_photo_that_does_not_fit_still_ends_the_taking(office):
    video, ten, twenty, _old = office
    # Room for the video and the newer photo only: the older photo is not taken, nor anything
    # after it, even when a smaller one would fit.
    budget = Budget(365, video.byte_size + ten.byte_size + twenty.byte_size - 1)
    kept, beyond = within_budget(office, budget, utc_now())
    assert _names(kept) == ["VID_0001.mp4", "IMG_10.jpg"]
    assert _names(beyond) == ["IMG_20.jpg", "IMG_200.jpg"]
    # A recording older than the budget's days is beyond like a photo.
    kept, beyond = within_budget(office, Budget(0, 10 * video.byte_size), utc_now())
    assert kept == [] and len(beyond) == 4
