"""Import edge cases (issue 12, finding 7, and the import's side of finding 1): a FIFO among the
photos, a read that never returns, Cancel while a worker is stuck, an attach the store keeps
refusing. Real files, a real FIFO (os.mkfifo), real stuck open() calls; nothing hangs a test:
each import runs on a thread the test waits for with a bound."""

from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path

import pytest

from domain.i18n import Message
from local_db.photos import photos_of
from tests.core.test_photo_import import problem
from tests.testdata import PHOTOS

try:  # the import pipeline needs Pillow (the app extra)
    from app.photos import importer as importer_module
    from app.photos.importer import ImportReport, import_photos
except ImportError:  # pragma: no cover - the Qt-free core environment has no Pillow
    importer_module = None  # type: ignore[assignment]

pytestmark = [
    pytest.mark.skipif(importer_module is None, reason="the photo pipeline needs Pillow"),
    pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX"),
]

BOUND = 20.0  # seconds an import may take here before the test calls it hung


def _camera_folder(folder: Path, fifo_at: int | None = None) -> list[Path]:
    """Five real camera photos as DSC_0001.jpg … (and a FIFO named like a photo at `fifo_at`)."""
    folder.mkdir()
    sources = sorted((PHOTOS / "cameras").glob("*.jpg"))[:5]
    made = []
    n = 1
    for source in sources:
        if n == fifo_at:
            os.mkfifo(folder / f"DSC_{n:04d}.jpg")
            n += 1
        target = folder / f"DSC_{n:04d}.jpg"
        shutil.copyfile(source, target)
        made.append(target)
        n += 1
    return made


def _parts(data_dir: Path) -> list[Path]:
    return list((data_dir / "blobs" / "tmp").glob("*.part"))


def _release(fifo: Path) -> None:
    """Give a reader stuck in open() of the FIFO its writer, and then end of file."""
    try:
        fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
    except OSError:  # nobody is reading it (any more)
        return
    os.close(fd)


class _Running:
    """import_photos on a thread of its own, so a hang fails the test instead of hanging it."""

    def __init__(self, **kwargs) -> None:
        self.report: ImportReport | None = None
        self.error: BaseException | None = None
        self.cancel = threading.Event()
        self.thread = threading.Thread(target=self._run, kwargs=kwargs, name="test-import")
        self.thread.start()

    def _run(self, **kwargs) -> None:
        try:
            self.report = import_photos(cancel=self.cancel, **kwargs)
        except BaseException as error:
            self.error = error

    def finished(self, timeout: float = BOUND) -> bool:
        self.thread.join(timeout)
        return not self.thread.is_alive()


def _stuck_on(monkeypatch, fifo: Path, name: str) -> threading.Event:
    """The worker reading `name` blocks in a real open() of `fifo` first (a hung network share,
    a card reader that stops answering). Returns the event set when it is stuck there."""
    stuck = threading.Event()
    real = importer_module.inspect_photo

    def inspect(path: Path, **kwargs):
        if path.name == name:
            stuck.set()
            with open(fifo, "rb"):  # blocks until the test gives the FIFO a writer
                pass
        return real(path, **kwargs)

    monkeypatch.setattr(importer_module, "inspect_photo", inspect)
    return stuck


def _join_workers(name: str) -> None:
    for thread in threading.enumerate():
        if thread.name.endswith(name) and thread is not threading.current_thread():
            thread.join(BOUND)
            assert not thread.is_alive(), f"{thread.name} never ended"


def test_a_fifo_in_the_folder_is_skipped_by_name_and_the_rest_attached(
    store, draft_inspection, tmp_path
):
    """Old code: the worker's open() of the FIFO waits for a writer for ever; the import never
    ends and the photos after it are never attached."""
    finding = problem(store, draft_inspection["id"])
    folder = tmp_path / "DCIM"
    good = _camera_folder(folder, fifo_at=3)
    fifo = folder / "DSC_0003.jpg"
    running = _Running(
        data_dir=tmp_path,
        files=[folder],
        inspection_id=draft_inspection["id"],
        finding_id=finding["id"],
    )
    if not running.finished():
        _release(fifo)  # let the old code end, then fail
        running.finished()
        pytest.fail("the import hung on a FIFO")
    assert running.error is None
    report = running.report
    assert report is not None
    attached = photos_of(store, draft_inspection["id"], finding["id"])
    assert sorted(p["original_name"] for p in attached) == [p.name for p in good]
    assert [path for path, _ in report.skipped] == [fifo]
    reason = report.skipped[0][1]
    assert isinstance(reason, Message) and "DSC_0003.jpg" in str(reason)
    assert "not a regular file" in str(reason)
    assert report.refused == [] and report.unsaved == []
    assert _parts(tmp_path) == []


def test_cancel_returns_within_a_second_while_a_read_is_stuck(
    store, draft_inspection, tmp_path, monkeypatch
):
    """Old code: Cancel waits in pool.shutdown(wait=True) on the stuck open() for ever."""
    folder = tmp_path / "DCIM"
    files = _camera_folder(folder)
    fifo = tmp_path / "stalled-share"
    os.mkfifo(fifo)
    stuck = _stuck_on(monkeypatch, fifo, files[1].name)
    running = _Running(
        data_dir=tmp_path, files=[folder], inspection_id=draft_inspection["id"], finding_id=None
    )
    try:
        assert stuck.wait(BOUND)
        running.cancel.set()
        cancelled_at = time.monotonic()
        ended = running.finished(5.0)
        took = time.monotonic() - cancelled_at
    finally:
        _release(fifo)
        running.finished()
        _join_workers(files[1].name)
    assert ended and took < 1.0, f"Cancel took {took:.2f} s"
    report = running.report
    assert report is not None and report.cancelled
    names = {p["original_name"] for p in store.rows("SELECT original_name FROM photo")}
    assert files[1].name not in names  # the abandoned worker attached nothing, even later
    assert files[1] in report.not_imported
    assert _parts(tmp_path) == []  # and left no copy behind


def test_a_file_that_gives_nothing_in_time_is_skipped_and_the_import_goes_on(
    store, draft_inspection, tmp_path, monkeypatch
):
    folder = tmp_path / "DCIM"
    files = _camera_folder(folder)
    fifo = tmp_path / "stalled-share"
    os.mkfifo(fifo)
    _stuck_on(monkeypatch, fifo, files[2].name)
    running = _Running(
        data_dir=tmp_path,
        files=[folder],
        inspection_id=draft_inspection["id"],
        finding_id=None,
        read_timeout=0.5,
    )
    try:
        ended = running.finished()
    finally:
        _release(fifo)
        running.finished()
        _join_workers(files[2].name)
    assert ended and running.error is None
    report = running.report
    assert report is not None and not report.cancelled
    assert sorted(r["original_name"] for r in report.imported) == sorted(
        f.name for i, f in enumerate(files) if i != 2
    )
    assert [path for path, _ in report.skipped] == [files[2]]
    assert files[2].name in str(report.skipped[0][1])
    assert store.count("photo") == 4  # the late worker attached nothing when it came back
    assert _parts(tmp_path) == []


def test_an_attach_the_store_keeps_refusing_is_kept_named_and_imported_later(
    store, draft_inspection, tmp_path, monkeypatch
):
    """Another writer holds the store past the busy timeout for the whole import: every photo
    is reported not saved by its file name (no SQLite text), its original stays stored, and
    importing again attaches them all."""
    import sqlite3

    from local_db import store as store_module

    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_SECONDS", 0.05)
    folder = tmp_path / "DCIM"
    files = _camera_folder(folder)
    blocker = sqlite3.connect(str(store.path), timeout=0, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        report = import_photos(
            tmp_path, [folder], inspection_id=draft_inspection["id"], finding_id=None
        )
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert report.imported == [] and report.refused == []
    assert [path for path, _ in report.unsaved] == files
    for path, reason in report.unsaved:
        assert path.name in str(reason) and "import it again" in str(reason)
        assert "locked" not in str(reason)
    assert store.count("photo") == 0
    kept = [path for path, _ in report.unsaved]
    again = import_photos(tmp_path, kept, inspection_id=draft_inspection["id"], finding_id=None)
    assert sorted(r["original_name"] for r in again.imported) == [f.name for f in files]
    assert _parts(tmp_path) == []


def test_each_photo_row_records_where_its_time_came_from(store, draft_inspection, tmp_path):
    from tests.core.test_photo_metadata import _XMP, _phone_photo

    folder = tmp_path / "phone"
    folder.mkdir()
    _phone_photo(folder / "a_original.jpg", tags={"exif": {0x9003: "2026:11:20 10:05:00"}})
    _phone_photo(folder / "b_datetime.jpg", tags={"ifd0": {0x0132: "2026:11:20 10:06:00"}})
    _phone_photo(folder / "c_gps.jpg", tags={"gps": {29: "2026:11:20", 7: (2.0, 7.0, 0.0)}})
    _phone_photo(folder / "d_xmp.jpg", xmp=_XMP.format(value="2026-11-20T10:08:00+08:00"))
    _phone_photo(folder / "e_none.jpg")
    report = import_photos(
        tmp_path, [folder], inspection_id=draft_inspection["id"], finding_id=None
    )
    assert not report.refused
    rows = store.rows("SELECT original_name, taken_at, taken_at_source FROM photo ORDER BY 1")
    assert [(r["original_name"], r["taken_at"], r["taken_at_source"]) for r in rows] == [
        ("a_original.jpg", "2026-11-20T02:05:00.000000Z", "exif_original"),
        ("b_datetime.jpg", "2026-11-20T02:06:00.000000Z", "exif_datetime"),
        ("c_gps.jpg", "2026-11-20T02:07:00.000000Z", "gps"),
        ("d_xmp.jpg", "2026-11-20T02:08:00.000000Z", "xmp"),
        ("e_none.jpg", None, "none"),
    ]
    # and the row travels: the contract takes it, and an older row without the field too
    from domain.contract import ROW_MODELS

    (synced,) = store.rows("SELECT * FROM photo WHERE original_name = 'c_gps.jpg'")
    assert ROW_MODELS["photo"].model_validate(synced).taken_at_source == "gps"
    older = {k: v for k, v in synced.items() if k != "taken_at_source"}
    assert ROW_MODELS["photo"].model_validate(older).taken_at_source is None
