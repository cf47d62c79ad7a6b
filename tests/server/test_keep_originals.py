"""The office has its evidence offline (issue 12, finding 4): an office laptop that synced with
the real server keeps the originals of its units' submitted inspections — fetched after the sync
by app/evidence/keep_originals.py, verified — so that with the server stopped it still holds every
one of them within its budget (the last N days, at most N GB, newest first). An inspector's laptop
fetches no one else's originals. On the old code nothing fetched them: the office laptop held 0.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta
from pathlib import Path

import pytest

from app.evidence.keep_originals import budget_of, keep_originals
from app.evidence.originals import OriginalsMissing, ensure_originals
from app.photos.blobstore import BlobStore
from app.photos.fetch import OFFLINE
from domain.clock import to_iso, utc_now
from local_db.kept_originals import Budget, office_originals
from tests.server.offline_office import (
    client_of,
    inspector_rectifies,
    inspector_submits,
    office_laptop,
    own_server,
    sha,
    unique_photos,
)


def held(folder: Path) -> dict[str, str]:
    """name → SHA-256 of the file's bytes, for every original in the laptop's blob store."""
    blobs = BlobStore(folder / "blobs")
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in blobs.root.glob("??/??/*")
        if p.is_file()
    }


def test_the_office_laptop_holds_every_original_offline(tmp_path: Path) -> None:
    """Two inspections (3 and 1 photos) and a notice's 整改回执 with an after-photo."""
    photos = unique_photos(tmp_path / "camera", 5)
    with own_server(tmp_path / "server") as server:
        first, _second = inspector_submits(
            server, tmp_path / "insp", [(photos[:3], None), (photos[3:4], None)]
        )
        number = inspector_rectifies(server, tmp_path / "insp", first, photos[4])
        office, token = office_laptop(server, tmp_path / "office")
        try:
            assert held(tmp_path / "office") == {}  # the sync brings rows, not originals
            wanted = office_originals(office)
            assert sorted(o.sha256 for o in wanted) == sorted(sha(p) for p in photos)
            assert {o.name for o in wanted} == {p.name for p in photos}
            [after] = [o for o in wanted if o.sha256 == sha(photos[4])]
            assert (after.kind, after.notice_number) == ("rectification", number)
            steps: list[tuple[int, int]] = []
            report = keep_originals(
                office,
                client_of(server, token),
                budget_of(90, 5),
                progress=lambda h, w: steps.append((h, w)),
            )
            assert (report.wanted, report.held, report.fetched, report.failed) == (5, 5, 5, [])
            assert steps[0] == (0, 5) and steps[-1] == (5, 5)
            # A second run (the next sync) has nothing to do.
            again = keep_originals(office, client_of(server, token), budget_of(90, 5))
            assert (again.held, again.fetched) == (5, 0)
            server.stop()

            # Offline: every original is here, bit-exact (its name is its SHA-256)…
            kept = held(tmp_path / "office")
            assert kept == {sha(p): sha(p) for p in photos}
            # …and what an export needs is found without the server.
            assert ensure_originals(office, [sha(p) for p in photos], client_of(server, token)) == 0
            # With the server stopped, a run stops on its first attempt and says why.
            BlobStore(tmp_path / "office" / "blobs").path(sha(photos[0])).unlink()
            stopped = keep_originals(office, client_of(server, token), budget_of(90, 5))
            assert stopped.stopped == OFFLINE and stopped.held == 4
            with pytest.raises(OriginalsMissing) as refused:
                ensure_originals(office, [sha(photos[0])], client_of(server, token))
            assert refused.value.why == OFFLINE
            missing = refused.value.missing[0]
            assert (missing.name, missing.item_code, missing.zone_name) == (
                photos[0].name,
                "DL-09",
                "片区A",
            )
        finally:
            office.close()


def test_the_budget_keeps_the_newest_and_nothing_older_than_its_days(tmp_path: Path) -> None:
    """Three inspections: today, 10 days ago and 200 days ago. A 90-day budget leaves the oldest
    on the server; a budget of one photo's size keeps only the newest; newest first."""
    photos = unique_photos(tmp_path / "camera", 3)
    now = utc_now()
    with own_server(tmp_path / "server") as server:
        inspector_submits(
            server,
            tmp_path / "insp",
            [
                ([photos[0]], to_iso(now - timedelta(days=200))),
                ([photos[1]], to_iso(now - timedelta(days=10))),
                ([photos[2]], None),
            ],
        )
        office, token = office_laptop(server, tmp_path / "office", "boss")  # an admin
        try:
            assert [o.name for o in office_originals(office)] == [p.name for p in photos[::-1]]
            size = photos[2].stat().st_size
            small = keep_originals(office, client_of(server, token), Budget(90, size))
            assert (small.wanted, small.fetched, small.beyond) == (1, 1, 2)
            assert set(held(tmp_path / "office")) == {sha(photos[2])}
            report = keep_originals(office, client_of(server, token), budget_of(90, 5))
            assert (report.wanted, report.fetched, report.beyond) == (2, 1, 1)
            assert set(held(tmp_path / "office")) == {sha(photos[2]), sha(photos[1])}
            wide = keep_originals(office, client_of(server, token), budget_of(365, 5))
            assert (wide.wanted, wide.fetched, wide.beyond) == (3, 1, 0)
        finally:
            office.close()


def test_an_inspectors_laptop_fetches_no_one_elses_originals(tmp_path: Path) -> None:
    photos = unique_photos(tmp_path / "camera", 2)
    with own_server(tmp_path / "server") as server:
        inspector_submits(server, tmp_path / "insp", [(photos, None)])
        server.add_user("insp_a2", "inspector", "A")
        other, token = office_laptop(server, tmp_path / "other", "insp_a2")
        try:
            assert len(office_originals(other)) == 2  # it sees the rows of its unit…
            report = keep_originals(other, client_of(server, token), budget_of(90, 5))
            assert not report.office and report.fetched == 0  # …but keeps no originals
            assert held(tmp_path / "other") == {}
        finally:
            other.close()
