"""Video evidence in the documents and the assessment (issue 14): the evidence package carries
the recording bit-exact (and verifies), the notice PDF prints it as its poster frame (play mark,
duration) under the watermark, and the assessment counts the problem as 视频曝光 for its unit."""

from __future__ import annotations

import zipfile
from datetime import UTC, datetime
from pathlib import Path

from app.store_setup import open_store
from domain.assessment import Period
from domain.clock import now_iso
from domain.evidence_package import NOTICE_PDF
from local_db.assessment_data import assess_period
from local_db.notices import issue_notice
from local_db.reference import local_person_id, zones
from local_db.reviews import record_review
from tests.media_clips import make_video
from tests.ui.server.test_offline_evidence import pdf_images
from tests.ui.test_cli import ducha
from tests.ui.test_evidence_package_cli import FIRST, _submitted, sha


def test_a_video_goes_bit_exact_into_the_package_and_as_its_poster_into_the_notice(
    data_dir: Path, tmp_path: Path
) -> None:
    clip = make_video(tmp_path / "VID_20261120_161233.mp4", seconds=3.0, size=(640, 360))
    store = open_store(data_dir)
    inspection_id, finding_id = _submitted(store, (FIRST, clip))
    notice = issue_notice(
        store,
        inspection_id=inspection_id,
        unit_id=zones(store)[0]["unit_id"],
        finding_ids=[finding_id],
        requirements="立即清理路面遗撒",
        due_at="2099-01-01T00:00:00.000000Z",
        issued_by=local_person_id(store),
        issued_at=now_iso(),
    )
    record_review(store, inspection_id, "accepted", reviewer=local_person_id(store))
    started = store.row("inspection", inspection_id)["started_at"]
    moment = datetime.fromisoformat(started.replace("Z", "+00:00")).astimezone(UTC)
    assessment = assess_period(store, Period.month(moment.year, moment.month))
    unit_id = zones(store)[0]["unit_id"]
    store.close()

    out = tmp_path / "证据包.zip"
    done = ducha(
        "export", "package", "--notice", notice["number"], "--data-dir", str(data_dir),
        "--out", str(out),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(out) as zf:
        assert zf.read(f"photos/{sha(clip)}.mp4") == clip.read_bytes()  # bit-exact
        (tmp_path / "notice.pdf").write_bytes(zf.read(NOTICE_PDF))
    assert pdf_images(tmp_path / "notice.pdf") == 2  # the photo and the video's poster
    verified = ducha("verify-package", str(out))
    assert verified.returncode == 0, verified.stdout + verified.stderr

    unit = next(u for u in assessment.units if u.unit_id == unit_id)
    assert (unit.problems, unit.video_exposures) == (1, 1)
