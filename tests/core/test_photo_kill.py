"""kill -9 in the middle of a photo import: the store stays sound, every photo row has its complete
blob, no blob is in place half-written, the leftovers are temporary files only, and importing the
same files again completes the batch without storing anything twice."""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("PIL", reason="the photo pipeline needs Pillow (the app extra)")

from PIL import Image

from app.photos.blobstore import BlobStore
from app.photos.importer import import_photos
from local_db.store import STORE_FILE, Store

ROOT = Path(__file__).resolve().parents[2]
COUNT = 40


@pytest.fixture(scope="session")
def noisy_jpegs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """40 JPEGs of random noise, ~2.5 MB each (noise does not compress), made once."""
    folder = tmp_path_factory.mktemp("noisy")
    files = []
    for n in range(COUNT):
        path = folder / f"IMG_{n:04d}.jpg"
        noise = Image.frombytes("RGB", (1200, 900), os.urandom(1200 * 900 * 3))
        noise.save(path, "JPEG", quality=95, subsampling=0)
        files.append(path)
    return files


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.slow
def test_kill_9_during_import_loses_and_corrupts_nothing(
    store: Store, draft_inspection: dict, tmp_path: Path, noisy_jpegs: list[Path]
):
    # The app keeps its own connection open (`store`) while an import runs beside it.
    data_dir, inspection_id = tmp_path, draft_inspection["id"]
    db = data_dir / STORE_FILE

    process = subprocess.Popen(
        [sys.executable, "-m", "app.photos.importer", str(data_dir), inspection_id]
        + [str(f) for f in noisy_jpegs],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 120
        while store.db.execute("SELECT count(*) FROM photo").fetchone()[0] < 3:
            assert process.poll() is None, process.stderr.read().decode()
            assert time.monotonic() < deadline, "the import never stored 3 photos"
            time.sleep(0.005)  # polling, not waiting for a guess
        assert process.poll() is None, "the import finished before it could be killed"
        os.kill(process.pid, signal.SIGKILL)
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()
        process.stderr.close()
    assert process.returncode == -signal.SIGKILL

    # The database file is sound and opens.
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    conn.close()
    reopened = Store.open(data_dir)
    try:
        rows = reopened.rows("SELECT * FROM photo")
        assert store.rows("SELECT * FROM photo") == rows  # what the app sees
        assert 3 <= len(rows) < COUNT
        blobs = BlobStore(data_dir / "blobs")
        # Every row's original is in place, complete, bit-exact.
        by_name = {f.name: f for f in noisy_jpegs}
        for row in rows:
            assert blobs.verify(row["sha256"]), row["original_name"]
            assert row["sha256"] == _sha256(by_name[row["original_name"]])
        # No blob is in place without being complete: each file re-hashes to its own name.
        placed = [
            p for p in (data_dir / "blobs").rglob("*") if p.is_file() and p.parent.name != "tmp"
        ]
        assert {row["sha256"] for row in rows} <= {p.name for p in placed}
        for blob in placed:
            assert _sha256(blob) == blob.name
        # What a killed import leaves is temporary copies, removed at the next start.
        blobs.purge_temp()
        assert list((data_dir / "blobs").rglob("*.part")) == []

        # Importing the same files again completes the batch; nothing is stored twice.
        report = import_photos(data_dir, noisy_jpegs, inspection_id=inspection_id, finding_id=None)
        assert len(report.duplicates) == len(rows) and report.refused == []
        assert len(report.imported) == COUNT - len(rows)
        after = reopened.rows("SELECT sha256 FROM photo")
        assert sorted(r["sha256"] for r in after) == sorted(map(_sha256, noisy_jpegs))
    finally:
        reopened.close()
