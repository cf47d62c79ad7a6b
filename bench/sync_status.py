"""Benchmark: the sync status's "photos waiting" count on a store of many photos.

A store with --photos photo rows (default 150,000, each its own original), all but --waiting of
them (default 200) confirmed by the server (sync_blob), written with raw SQL. Times, medians of
--runs: local_db/sync_status.py sync_status (the status bar's refresh: changes, photos waiting,
refusals, conflicts) and its photos-waiting count alone, beside the photo-count query of before
(the photo table against sync_blob), on the same connection.

    ./dev bench sync_status [--photos N] [--waiting N] [--runs N]
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from domain.clock import now_iso
from domain.ids import new_id
from local_db.store import Store
from local_db.sync_status import WAITING_PHOTOS, sync_status

SCAN = (  # the count of before: every photo's original looked up among those confirmed
    "SELECT count(DISTINCT sha256) FROM photo WHERE sha256 NOT IN (SELECT sha256 FROM sync_blob)"
)


def build(folder: Path, photos: int, waiting: int) -> None:
    store = Store.open(folder)
    try:
        db = store.db.conn
        db.execute("PRAGMA foreign_keys=OFF")  # the photos' inspection is not written here
        now, device = now_iso(), store.device_id
        shas = [hashlib.sha256(str(n).encode()).hexdigest() for n in range(photos)]
        with store.transaction():
            db.executemany(
                "INSERT INTO photo(id, sha256, inspection_id, role, imported_at, original_name, "
                "byte_size, created_at, updated_at, device_id) "
                "VALUES (?, ?, ?, 'evidence', ?, ?, 2400000, ?, ?, ?)",
                [
                    (
                        new_id(),
                        sha,
                        f"inspection-{n // 8}",
                        now,
                        f"IMG_{n:06d}.JPG",
                        now,
                        now,
                        device,
                    )
                    for n, sha in enumerate(shas)
                ],
            )
            db.executemany(
                "INSERT INTO sync_blob(sha256, confirmed_at) VALUES (?, ?)",
                [(sha, now) for sha in shas[waiting:]],
            )
        db.execute("PRAGMA foreign_keys=ON")
    finally:
        store.close()


def timed(fn: Callable[[], object]) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--photos", type=int, default=150_000)
    parser.add_argument("--waiting", type=int, default=200)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ducha-bench-sync-status-") as folder:
        t = time.perf_counter()
        build(Path(folder), args.photos, args.waiting)
        print(
            f"{args.photos:,} photos, {args.waiting:,} not confirmed; built in "
            f"{time.perf_counter() - t:.1f} s"
        )
        store = Store.open(Path(folder))
        try:
            one = store.db.execute
            status_runs, count_runs, scan_runs = [], [], []
            for _ in range(args.runs):
                status_runs.append(timed(lambda: sync_status(store)))
                count_runs.append(timed(lambda: one(WAITING_PHOTOS).fetchone()))
                scan_runs.append(timed(lambda: one(SCAN).fetchone()))
            status = sync_status(store)
            assert status.pending_photos == one(SCAN).fetchone()[0] == args.waiting, status
        finally:
            store.close()
    ms = lambda xs: f"{statistics.median(xs) * 1000:7.2f} ms"  # noqa: E731
    print(f"sync_status (the status bar's refresh):   {ms(status_runs)}")
    print(f"  its photos-waiting count:               {ms(count_runs)}")
    print(f"  the scan of photos against sync_blob:   {ms(scan_runs)}  (the count of before)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
