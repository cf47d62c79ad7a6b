"""`ducha import` as a user runs it (a real process on a real store): photos, video and audio
onto a draft inspection or one of its items, one line per file, non-zero when any is refused."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from local_db.inspections import mark_unanswered_ok, start_inspection, submit_inspection
from local_db.store import Store
from tests.core.conftest import install_basics
from tests.media_clips import make_audio, make_video
from tests.testdata import PHOTOS
from tests.ui.test_cli import ducha


@pytest.fixture
def draft(tmp_path: Path) -> tuple[Path, str]:
    data = tmp_path / "data"
    store = Store.open(data)
    basics = install_basics(store)
    inspection = start_inspection(
        store,
        template_id=basics.template_id,
        zone_id=basics.zone_id,
        mode="unannounced",
        person_ids=[basics.person_id],
    )
    store.close()
    return data, inspection["id"]


def _rows(data: Path) -> list[sqlite3.Row]:
    with sqlite3.connect(data / "ducha.sqlite3") as db:
        db.row_factory = sqlite3.Row
        return db.execute(
            "SELECT p.*, f.item_code FROM photo p LEFT JOIN finding f ON f.id = p.finding_id "
            "ORDER BY original_name"
        ).fetchall()


def test_a_folder_and_files_are_imported_one_line_each(draft, tmp_path: Path) -> None:
    data, inspection_id = draft
    card = tmp_path / "card"
    card.mkdir()
    clip = make_video(card / "VID_0001.mp4", seconds=2.0)
    voice = make_audio(card / "voice.m4a", seconds=3.0)
    photo = sorted((PHOTOS / "cameras").iterdir())[0]
    shutil.copy(photo, card / photo.name)
    wav = make_audio(tmp_path / "REC.wav", seconds=1.0)

    done = ducha(
        "--lang", "en", "import", "--data-dir", str(data), "--inspection", inspection_id[:13],
        "--item", "DL-09", str(card), str(wav),
    )  # fmt: skip

    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 4
    by_name = {Path(line.split("\t")[1]).name: line.split("\t") for line in lines}
    assert by_name["VID_0001.mp4"][0] == "imported"
    assert by_name["VID_0001.mp4"][2].startswith("video 0:02, 320×240, h264")
    assert by_name["voice.m4a"][2].startswith("audio 0:03, aac")
    assert by_name["REC.wav"][2].startswith("audio 0:01, pcm_s16le")
    assert by_name[photo.name][2].startswith("photo ")
    rows = _rows(data)
    assert sorted(r["original_name"] for r in rows) == sorted(
        [clip.name, voice.name, photo.name, wav.name]
    )
    assert {r["item_code"] for r in rows} == {"DL-09"}  # evidence of that item's problem
    assert "imported 4, already there 0, refused 0" in done.stderr

    again = ducha("--lang", "en", "import", "--data-dir", str(data), "--inspection",
                  inspection_id, str(clip))  # fmt: skip
    assert again.returncode == 0
    # The same file on the whole inspection: another owner, so imported once more.
    assert again.stdout.startswith("imported\t")


def test_a_refused_file_is_named_and_the_exit_is_not_zero(draft, tmp_path: Path) -> None:
    data, inspection_id = draft
    good = make_video(tmp_path / "good.mp4")
    whole = make_video(tmp_path / "whole.mp4").read_bytes()
    cut = tmp_path / "cut.mp4"
    cut.write_bytes(whole[: len(whole) // 2])

    done = ducha("--lang", "zh_CN", "import", "--data-dir", str(data), "--inspection",
                 inspection_id, str(good), str(cut))  # fmt: skip

    assert done.returncode == 1
    first, second = done.stdout.splitlines()
    assert first.startswith(f"imported\t{good}\t视频 0:02")
    assert second.startswith(f"refused\t{cut}\t")
    assert "cut.mp4" in second and "损坏" in second  # in Chinese, naming the file
    assert [r["original_name"] for r in _rows(data)] == ["good.mp4"]


def test_a_submitted_inspection_or_unknown_item_is_refused_before_anything(
    draft, tmp_path: Path
) -> None:
    data, inspection_id = draft
    clip = make_audio(tmp_path / "a.wav", seconds=0.5)
    unknown = ducha("--lang", "en", "import", "--data-dir", str(data), "--inspection",
                    inspection_id, "--item", "NO-SUCH", str(clip))  # fmt: skip
    assert unknown.returncode == 2
    assert "no item NO-SUCH" in unknown.stderr
    store = Store.open(data)
    mark_unanswered_ok(store, inspection_id)
    submit_inspection(store, inspection_id, actor=None, accept_warnings=True)
    store.close()
    locked = ducha("--lang", "en", "import", "--data-dir", str(data), "--inspection",
                   inspection_id, str(clip))  # fmt: skip
    assert locked.returncode == 2
    assert "submitted" in locked.stderr
    nowhere = ducha("import", "--data-dir", str(tmp_path / "none"), "--inspection", "x", str(clip))
    assert nowhere.returncode == 2
    assert _rows(data) == []
