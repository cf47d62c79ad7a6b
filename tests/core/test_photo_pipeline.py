"""The photo import pipeline on real files: camera folders bit-exact with thumbnails, duplicates,
bad files named, import onto a finding, cancel, failed thumbnails, size limits, full disks."""

from __future__ import annotations

import errno
import json
import shutil
import struct
import subprocess
import sys
import threading
import zlib
from pathlib import Path

import pytest

from local_db.inspections import InspectionLocked
from local_db.photos import is_referenced, photos_of, remove_photo
from tests.core.test_photo_import import blob_files, parts, photo_rows, problem, sha_of, submitted
from tests.testdata import PHOTOS as TESTDATA_PHOTOS

try:  # the import pipeline needs Pillow (the app extra); the store side does not
    from PIL import Image

    from app.photos import blobstore as blobstore_module
    from app.photos import importer as importer_module
    from app.photos.blobstore import BlobStore
    from app.photos.importer import ImportEvent, import_photos
    from app.photos.thumbnails import thumbnail_path
except ImportError:  # pragma: no cover - the Qt-free core environment has no Pillow
    Image = None  # type: ignore[assignment]

needs_pillow = pytest.mark.skipif(Image is None, reason="the photo pipeline needs Pillow")

ROOT = Path(__file__).resolve().parents[2]
PHOTOS = TESTDATA_PHOTOS


def _png_bomb(path: Path) -> None:
    """A PNG header declaring 30000×30000 pixels, with one row of data."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    ihdr = struct.pack(">IIBBBBB", 30_000, 30_000, 1, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" + bytes(3750))
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )


@pytest.fixture
def recorder():
    events: list[ImportEvent] = []
    return events


@needs_pillow
def test_a_camera_folder_is_imported_bit_exact_with_thumbnails(
    store, draft_inspection, tmp_path, recorder
):
    folder = PHOTOS / "cameras"

    report = import_photos(
        tmp_path,
        [folder],
        inspection_id=draft_inspection["id"],
        finding_id=None,
        on_event=recorder.append,
    )

    files = sorted(folder.iterdir())
    assert [r["original_name"] for r in report.imported] == [f.name for f in files]
    assert (report.duplicates, report.refused, report.cancelled) == ([], [], False)
    rows = {r["original_name"]: r for r in photo_rows(store)}
    blobs = BlobStore(tmp_path / "blobs")
    for f in files:
        row = rows[f.name]
        assert row["sha256"] == sha_of(f) and row["byte_size"] == f.stat().st_size
        assert blobs.path(row["sha256"]).read_bytes() == f.read_bytes()
        assert row["inspection_id"] == draft_inspection["id"] and row["finding_id"] is None
        with Image.open(thumbnail_path(tmp_path, row["sha256"])) as thumb:
            thumb.load()
            assert thumb.format == "JPEG" and max(thumb.size) <= 320
    jolla = rows["jolla.jpg"]
    assert (jolla["width"], jolla["height"], jolla["format"]) == (3264, 2448, "JPEG")
    assert (jolla["camera"], jolla["taken_at_raw"]) == ("Jolla", "2014:09:21 16:00:56")
    assert jolla["taken_at"] == "2014-09-21T08:00:56.000000Z"
    assert rows["Kodak_CX7530.jpg"]["gps_lat"] == pytest.approx(-0.3713, abs=1e-4)
    # Events: progress first, then one per file in order, counting up.
    assert [(e.kind, e.done, e.total) for e in recorder] == [("progress", 0, 5)] + [
        ("imported", n, 5) for n in range(1, 6)
    ]
    assert [e.path.name for e in recorder[1:]] == [f.name for f in files]
    assert all(e.row["id"] in {r["id"] for r in rows.values()} for e in recorder[1:])
    assert parts(tmp_path) == []


@needs_pillow
def test_importing_the_same_files_again_stores_nothing_twice(store, draft_inspection, tmp_path):
    files = sorted((PHOTOS / "gps").glob("*.jpg"))
    first = import_photos(tmp_path, files, inspection_id=draft_inspection["id"], finding_id=None)
    rows, blobs, outbox = photo_rows(store), blob_files(tmp_path), store.pending_changes()

    again = import_photos(
        tmp_path, files + files[:1], inspection_id=draft_inspection["id"], finding_id=None
    )

    assert len(first.imported) == 5
    assert (again.imported, again.refused) == ([], [])
    assert [d["id"] for d in again.duplicates] == [r["id"] for r in first.imported] + [
        first.imported[0]["id"]
    ]
    assert photo_rows(store) == rows
    assert blob_files(tmp_path) == blobs
    assert store.pending_changes() == outbox
    assert parts(tmp_path) == []


@needs_pillow
def test_a_mixed_batch_keeps_the_good_and_names_the_bad(store, draft_inspection, tmp_path):
    card = tmp_path / "card"
    (card / "DCIM" / "100").mkdir(parents=True)
    shutil.copy(PHOTOS / "cameras" / "Canon_40D.jpg", card / "DCIM" / "100" / "IMG_0001.jpg")
    shutil.copy(PHOTOS / "gps" / "DSCN0010.jpg", card / "DCIM" / "100" / "IMG_0002.JPG")
    shutil.copy(PHOTOS / "formats" / "IMG_5195.HEIC", card / "DCIM" / "IMG_0003.HEIC")
    shutil.copy(PHOTOS / "cameras" / "Nikon_D70.jpg", card / "DCIM" / ".hidden.jpg")  # passed over
    (card / "DCIM" / "100" / "IMG_0001.THM").write_bytes(b"camera thumbnail")  # passed over
    (card / "notes.txt").write_text("现场记录", encoding="utf-8")  # passed over
    (card / "fake.jpg").write_text("not a photo", encoding="utf-8")
    jolla = (PHOTOS / "cameras" / "jolla.jpg").read_bytes()
    (card / "cut.jpg").write_bytes(jolla[: len(jolla) // 2])
    _png_bomb(card / "bomb.png")
    Image.new("RGB", (20, 20), "blue").save(card / "anim.gif")
    single = tmp_path / "single.jpg"  # named on its own: always tried
    shutil.copy(PHOTOS / "cameras" / "Pentax_K10D.jpg", single)

    report = import_photos(
        tmp_path,
        [card, single, tmp_path / "missing.jpg"],
        inspection_id=draft_inspection["id"],
        finding_id=None,
    )

    assert sorted(r["original_name"] for r in report.imported) == [
        "IMG_0001.jpg",
        "IMG_0002.JPG",
        "IMG_0003.HEIC",
        "single.jpg",
    ]
    refused = {path.name: str(reason) for path, reason in report.refused}
    assert refused == {
        "anim.gif": "anim.gif: GIF images are not supported (only JPEG, PNG, TIFF or HEIC)",
        "bomb.png": "bomb.png: the image is too large to open safely",
        "cut.jpg": "cut.jpg: the file is truncated or damaged",
        "fake.jpg": "fake.jpg: not an image file, or damaged beyond reading",
        "missing.jpg": "missing.jpg: the file cannot be read (it is not there)",
    }
    assert report.stopped is None and report.not_imported == []
    rows = photo_rows(store)
    assert blob_files(tmp_path) == {r["sha256"] for r in rows}  # no blob for a refused file
    assert len(rows) == 4 and parts(tmp_path) == []
    heic = next(r for r in rows if r["original_name"] == "IMG_0003.HEIC")
    assert (heic["format"], heic["width"], heic["height"]) == ("HEIF", 2566, 3313)


@needs_pillow
def test_import_onto_a_finding(store, draft_inspection, tmp_path):
    finding = problem(store, draft_inspection["id"])

    report = import_photos(
        tmp_path,
        [PHOTOS / "gps" / "DSCN0010.jpg"],
        inspection_id=draft_inspection["id"],
        finding_id=finding["id"],
    )

    assert [r["finding_id"] for r in report.imported] == [finding["id"]]
    assert photos_of(store, draft_inspection["id"], None) == []
    assert len(photos_of(store, draft_inspection["id"], finding["id"])) == 1


@needs_pillow
@pytest.mark.parametrize(
    ("zone", "taken_at"),
    [
        (None, "2008-10-22T08:28:39.000000Z"),  # the default: Beijing time, UTC+8
        ("Asia/Urumqi", "2008-10-22T10:28:39.000000Z"),  # UTC+6
        ("Europe/Berlin", "2008-10-22T14:28:39.000000Z"),  # summer time then, UTC+2
    ],
)
def test_a_camera_time_without_offset_is_read_in_the_office_zone(
    store, draft_inspection, tmp_path, zone, taken_at
):
    given = {"zone": zone} if zone else {}
    report = import_photos(
        tmp_path,
        [PHOTOS / "gps" / "DSCN0010.jpg"],  # EXIF 2008:10:22 16:28:39, no OffsetTimeOriginal
        inspection_id=draft_inspection["id"],
        finding_id=None,
        **given,
    )
    (row,) = photos_of(store, draft_inspection["id"])
    assert report.imported and row["taken_at_raw"] == "2008:10:22 16:28:39"
    assert row["taken_at"] == taken_at


@needs_pillow
def test_removing_an_imported_photo_keeps_its_blob(store, draft_inspection, tmp_path):
    report = import_photos(
        tmp_path,
        [PHOTOS / "cameras" / "Canon_40D.jpg"],
        inspection_id=draft_inspection["id"],
        finding_id=None,
    )
    row = report.imported[0]

    remove_photo(store, row["id"])

    assert photo_rows(store) == []
    assert BlobStore(tmp_path / "blobs").verify(row["sha256"])
    assert is_referenced(store, row["sha256"]) is False


@needs_pillow
def test_a_submitted_inspection_takes_no_import(store, draft_inspection, tmp_path):
    submitted(store, draft_inspection["id"])

    with pytest.raises(InspectionLocked):
        import_photos(
            tmp_path,
            [PHOTOS / "cameras" / "Canon_40D.jpg"],
            inspection_id=draft_inspection["id"],
            finding_id=None,
        )

    assert photo_rows(store) == [] and blob_files(tmp_path) == set()


@needs_pillow
def test_cancel_keeps_exactly_what_was_committed(store, draft_inspection, tmp_path, recorder):
    files = sorted((PHOTOS / "gps").glob("*.jpg")) + sorted((PHOTOS / "orientation").glob("*"))
    cancel = threading.Event()

    def on_event(event):
        recorder.append(event)
        if sum(e.kind == "imported" for e in recorder) == 2:
            cancel.set()

    report = import_photos(
        tmp_path,
        files,
        inspection_id=draft_inspection["id"],
        finding_id=None,
        on_event=on_event,
        cancel=cancel,
        workers=2,
    )

    assert report.cancelled is True
    assert [r["original_name"] for r in report.imported] == [f.name for f in files[:2]]
    assert [r["id"] for r in photo_rows(store)] == [r["id"] for r in report.imported]
    assert report.not_imported == files[2:]
    assert blob_files(tmp_path) == {r["sha256"] for r in report.imported}  # nothing more stored
    assert parts(tmp_path) == []
    assert [e.kind for e in recorder] == ["progress", "imported", "imported"]


@needs_pillow
def test_a_failed_thumbnail_never_loses_the_photo(store, draft_inspection, tmp_path, monkeypatch):
    def broken(image, dest, quality=85):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(importer_module, "save_jpeg", broken)

    report = import_photos(
        tmp_path,
        [PHOTOS / "gps" / "DSCN0012.jpg"],
        inspection_id=draft_inspection["id"],
        finding_id=None,
    )

    row = report.imported[0]
    assert photo_rows(store) == [row] and report.refused == []
    assert BlobStore(tmp_path / "blobs").verify(row["sha256"])
    assert not thumbnail_path(tmp_path, row["sha256"]).exists()  # made again when first shown


@needs_pillow
def test_a_file_above_the_size_limit_is_refused_and_the_batch_goes_on(
    store, draft_inspection, tmp_path
):
    files = [PHOTOS / "cameras" / "jolla.jpg", PHOTOS / "cameras" / "Canon_40D.jpg"]

    report = import_photos(
        tmp_path,
        files,
        inspection_id=draft_inspection["id"],
        finding_id=None,
        max_bytes=100_000,
    )

    assert [str(reason) for _p, reason in report.refused] == [
        "jolla.jpg: the file is larger than 0 MB"
    ]
    assert [r["original_name"] for r in report.imported] == ["Canon_40D.jpg"]
    assert report.stopped is None


@needs_pillow
def test_a_full_disk_stops_the_batch_cleanly(store, draft_inspection, tmp_path, monkeypatch):
    # A fake at the OS boundary: blobstore._write (the wrapper around os.write) reports ENOSPC
    # once ~400 KB are written, as a nearly full disk would. One worker: a fixed order.
    written = 0
    real_write = blobstore_module._write

    def nearly_full(fd, data):
        nonlocal written
        if written + len(data) > 400_000:
            raise OSError(errno.ENOSPC, "No space left on device")
        written += len(data)
        real_write(fd, data)

    monkeypatch.setattr(blobstore_module, "_write", nearly_full)
    files = sorted((PHOTOS / "gps").glob("*.jpg"))  # ~160 KB each

    report = import_photos(
        tmp_path, files, inspection_id=draft_inspection["id"], finding_id=None, workers=1
    )

    assert [r["original_name"] for r in report.imported] == [f.name for f in files[:2]]
    assert [(p.name, str(m)) for p, m in report.refused] == [
        (files[2].name, f"{files[2].name}: the disk is full")
    ]
    assert str(report.stopped) == f"{files[2].name}: the disk is full"
    assert report.not_imported == files[3:]
    assert blob_files(tmp_path) == {r["sha256"] for r in report.imported}
    assert parts(tmp_path) == [] and len(photo_rows(store)) == 2


_IN_TINY_TMPFS = """
import json, sys
from pathlib import Path
from app.photos.importer import import_photos
data, inspection_id, files = Path(sys.argv[1]), sys.argv[2], [Path(a) for a in sys.argv[3:]]
report = import_photos(data, files, inspection_id=inspection_id, finding_id=None, workers=1)
blobs = data / "blobs"
print(json.dumps({
    "imported": [r["original_name"] for r in report.imported],
    "refused": [[p.name, str(m)] for p, m in report.refused],
    "stopped": str(report.stopped) if report.stopped else None,
    "not_imported": [p.name for p in report.not_imported],
    "parts": [p.name for p in blobs.rglob("*.part")],
    "blobs": sorted(p.name for p in blobs.rglob("*") if p.is_file() and p.parent.name != "tmp"),
}))
"""


@needs_pillow
@pytest.mark.skipif(shutil.which("unshare") is None, reason="needs unshare (util-linux)")
def test_a_really_full_disk_stops_the_batch_cleanly(store, draft_inspection, tmp_path):
    """The blob store on a real 400 KB tmpfs, mounted in a private user+mount namespace (no root
    needed, nothing left mounted). The store file stays on the real disk, where we read it."""
    (tmp_path / "blobs").mkdir()
    small = [PHOTOS / "cameras" / n for n in ("Canon_40D.jpg", "Kodak_CX7530.jpg")]
    files = [*small, PHOTOS / "cameras" / "jolla.jpg", PHOTOS / "cameras" / "Nikon_D70.jpg"]
    script = 'mount -t tmpfs -o size=400k tmpfs "$1" && shift && exec "$@"'
    command = [
        "unshare",
        "-rm",
        "sh",
        "-c",
        script,
        "sh",
        str(tmp_path / "blobs"),
        sys.executable,
        "-c",
        _IN_TINY_TMPFS,
        str(tmp_path),
        draft_inspection["id"],
        *map(str, files),
    ]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=120)
    if done.returncode != 0 and "mount" in done.stderr + done.stdout and not done.stdout:
        pytest.skip(f"cannot mount a tmpfs in a user namespace here: {done.stderr.strip()}")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])

    assert result["imported"] == ["Canon_40D.jpg", "Kodak_CX7530.jpg"]
    assert result["refused"] == [["jolla.jpg", "jolla.jpg: the disk is full"]]
    assert result["stopped"] == "jolla.jpg: the disk is full"
    assert result["not_imported"] == ["Nikon_D70.jpg"]
    assert result["parts"] == []
    assert result["blobs"] == sorted(sha_of(f) for f in small)
    assert sorted(r["original_name"] for r in photo_rows(store)) == [f.name for f in small]
