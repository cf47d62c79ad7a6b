"""Benchmark: a full sync to a fresh local server, and a sync when nothing changed.

A store with ~5,000 findings (76 submitted inspections × 66 items) and 200 real JPEGs of 2–4 MB
(2400×1800, EXIF time and GPS) on its problem findings is pushed by `sync_once` to a fresh local
server (a real `server.cli serve` process, SQLite). Printed beside it, measured in the same run
on the same files:
  (a) the same photo bytes PUT by plain `requests` (streamed file objects, one session) to a
      fresh server's own blob endpoint, /api/v1/blobs/{sha};
  (b) curl uploading them (one curl, sequential, keep-alive) to a bare uvicorn endpoint that
      only streams the body to a file, hashes and fsyncs it (bench/bare_upload_app.py).
Target: sync / (a) ≤ 1.3.

Then a store of ~100,000 records (the store above plus ~95,000 rows written with raw SQL, with
their outbox snapshots pending, then sent by a real sync): `sync_once` when nothing changed
(median of 5) beside a bare GET /api/v1/health and a bare empty pull. Target < 100 ms.

Client, servers and curl share the machine's cores on loopback: ratios measure CPU per byte.

    ./dev bench sync [--runs N] [--photos N] [--inspections N] [--records N]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import requests
from sync_setup import (
    API,
    PASSWORD,
    SIZE,
    USER,
    Processes,
    add_records,
    bare_server,
    build_store,
    generate,
    logged_in,
    records,
    serve,
    server_template,
    warm_up,
)

from app.store_setup import open_store
from app.sync.client import SyncClient
from app.sync.engine import SyncReport, sync_once
from local_db.store import STORE_FILE, Store
from local_db.sync_state import sync_status


# -- phases ----------------------------------------------------------------------------------------
@dataclass
class Breakdown:
    """Where a sync's time went: seconds inside each SyncClient call (HTTP and the server's
    work) and the rest (the client's local work: reading the outbox, marking, applying). The
    engine uploads originals on threads of their own (two lanes) beside the rest: when calls
    come from several threads, the rest is counted on the engine's thread alone (it includes
    waiting for uploads), and the PUTs' seconds add up the lanes' overlapping times."""

    inside: dict[str, float] = field(default_factory=dict)
    calls: dict[str, int] = field(default_factory=dict)
    on_main: float = 0.0  # seconds inside calls made by the thread that runs sync_once
    threads: set[str] = field(default_factory=set)

    def wrap(self, client: SyncClient) -> None:
        main = threading.current_thread()
        names = ("missing", "missing_offsets", "blob_offset", "_put", "push", "pull")
        for name in (*names, "reserve_numbers"):
            method = getattr(client, name, None)
            if method is None:
                continue

            def timed(*args, _method=method, _name=name, **kwargs):
                t = time.perf_counter()
                try:
                    return _method(*args, **kwargs)
                finally:
                    spent = time.perf_counter() - t
                    self.inside[_name] = self.inside.get(_name, 0.0) + spent
                    self.calls[_name] = self.calls.get(_name, 0) + 1
                    self.threads.add(threading.current_thread().name)
                    if threading.current_thread() is main:
                        self.on_main += spent

            setattr(client, name, timed)

    def text(self, total: float) -> str:
        label = {"_put": "PUT", "blob_offset": "HEAD", "missing_offsets": "missing"}
        parts = [f"{label.get(k, k)} ×{self.calls[k]} {v:.2f} s" for k, v in self.inside.items()]
        if len(self.threads) > 1:
            return (
                f"in HTTP calls (overlapping, on {len(self.threads)} threads): "
                + ", ".join(parts)
                + f"; outside them on the engine's thread {total - self.on_main:.2f} s"
            )
        rest = total - sum(self.inside.values())
        return "in HTTP calls: " + ", ".join(parts) + f"; local work {rest:.2f} s"


def phase_sync(data_dir: Path, base: str, expect_photos: int) -> tuple[float, SyncReport, str]:
    store, client = logged_in(data_dir, base)
    try:
        breakdown = Breakdown()
        breakdown.wrap(client)
        t = time.perf_counter()
        report = sync_once(store, data_dir, client)
        elapsed = time.perf_counter() - t
        status = sync_status(store)
    finally:
        client.close()
        store.close()
    if report.photos_uploaded != expect_photos or report.rejected or status.pending_changes:
        raise SystemExit(
            f"sync incomplete: {report.photos_uploaded} photos, {report.rejected} rejected, "
            f"{status.pending_changes} pending"
        )
    return elapsed, report, breakdown.text(elapsed)


def login_session(base: str) -> requests.Session:
    answer = requests.post(
        f"{base}{API}/auth/login",
        json={"username": USER, "password": PASSWORD, "device_id": "bench-plain"},
        timeout=10,
    )
    answer.raise_for_status()
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {answer.json()['token']}"
    return session


def phase_plain(base: str, blobs: list[tuple[str, Path]]) -> float:
    """(a): plain streamed PUTs of the same files to the server's own blob endpoint."""
    session = login_session(base)
    headers = {"Content-Type": "application/octet-stream"}
    try:
        t = time.perf_counter()
        for sha, path in blobs:
            with open(path, "rb") as body:
                answer = session.put(f"{base}{API}/blobs/{sha}", data=body, headers=headers)
            if answer.status_code != 201:
                raise SystemExit(f"plain PUT {path.name}: {answer.status_code} {answer.text}")
        return time.perf_counter() - t
    finally:
        session.close()


def phase_curl(base: str, blobs: list[tuple[str, Path]], config: Path) -> float:
    """(b): one curl, the files uploaded one after the other on one kept-alive connection."""
    lines = ['header = "Expect:"', 'header = "Content-Type: application/octet-stream"']
    lines += ["silent", "show-error", "fail"]
    for sha, path in blobs:
        lines += [f'upload-file = "{path}"', f'url = "{base}/blobs/{sha}"']
    config.write_text("\n".join(lines) + "\n")
    t = time.perf_counter()
    done = subprocess.run(["curl", "--config", str(config)], capture_output=True, check=False)
    elapsed = time.perf_counter() - t
    got = [json.loads(line)["sha256"] for line in done.stdout.splitlines() if line.strip()]
    if done.returncode != 0 or got != [sha for sha, _ in blobs]:
        raise SystemExit(f"curl failed ({done.returncode}): {done.stderr.decode()[:500]}")
    return elapsed


def median_ms(fn: Callable[[], object], runs: int) -> tuple[float, list[float]]:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), times


@contextmanager
def scratch_dir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="ducha-bench-sync-") as tmp:
        yield Path(tmp)


def mib_s(size: int, seconds: float) -> str:
    return f"{size / seconds / 2**20:6.0f} MiB/s"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--photos", type=int, default=200)
    parser.add_argument("--inspections", type=int, default=76)
    parser.add_argument("--records", type=int, default=100_000)
    args = parser.parse_args()
    procs = Processes()
    try:
        with scratch_dir() as root:
            return bench(root, procs, args)
    finally:
        procs.stop_all()


def bench(root: Path, procs: Processes, args: argparse.Namespace) -> int:
    t0 = time.perf_counter()
    template = root / "server-template"
    info = server_template(template)
    card = root / "card"
    card.mkdir()
    files = generate(card, args.photos)
    size = sum(f.stat().st_size for f in files)
    sizes = sorted(f.stat().st_size for f in files)
    print(
        f"generated {len(files)} JPEGs {SIZE[0]}×{SIZE[1]}, {sizes[0] / 1e6:.1f}–"
        f"{sizes[-1] / 1e6:.1f} MB, {size / 1e6:.0f} MB in all "
        f"in {time.perf_counter() - t0:.1f} s (untimed)"
    )

    # The store, built once against a first server; each run restores its file and pushes it
    # to a fresh copy of the server template (the same ids the store learned).
    t = time.perf_counter()
    client_dir = root / "laptop"
    first = root / "server-build"
    shutil.copytree(template, first)
    proc, base = serve(procs, first)
    n_findings, n_photos = build_store(client_dir, base, info, files, args.inspections)
    procs.stop(proc)
    shutil.rmtree(first)
    store = Store.open(client_dir)
    pending = sync_status(store)
    photo_shas = store.rows("SELECT sha256, original_name FROM photo ORDER BY original_name")
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the whole store in its one file
    store.close()
    snapshot = root / "store-snapshot.sqlite3"  # each run restores it: all still to send
    shutil.copyfile(client_dir / STORE_FILE, snapshot)
    by_name = {f.name: f for f in files}
    blobs = [(r["sha256"], by_name[r["original_name"]]) for r in photo_shas]
    print(
        f"store: {args.inspections} submitted inspections, {n_findings:,} findings, "
        f"{n_photos} photos; {pending.pending_changes:,} rows and {pending.pending_photos} "
        f"originals to send; built in {time.perf_counter() - t:.1f} s (untimed)"
    )
    for f in files:  # the sources in the page cache, as every phase reads them
        f.read_bytes()
    os.sync()

    bare_dir = root / "bare-uploads"
    bare_dir.mkdir()
    _bare, bare_base = bare_server(procs, bare_dir)
    curl_config = root / "curl.conf"
    syncs, plains, curls, splits = [], [], [], []
    last_server: tuple[subprocess.Popen, str, Path] | None = None

    def run_sync(run: int) -> None:
        nonlocal last_server, report
        if last_server is not None:
            procs.stop(last_server[0])
            shutil.rmtree(last_server[2])
        for suffix in ("", "-wal", "-shm"):
            (client_dir / (STORE_FILE + suffix)).unlink(missing_ok=True)
        shutil.copyfile(snapshot, client_dir / STORE_FILE)
        sync_dir = root / f"server-sync{run}"
        shutil.copytree(template, sync_dir)
        sync_proc, sync_base = serve(procs, sync_dir)
        warm_up(root / "scratch", size)
        elapsed, report, split = phase_sync(client_dir, sync_base, len(blobs))
        syncs.append(elapsed)
        splits.append(split)
        last_server = (sync_proc, sync_base, sync_dir)

    def run_plain(run: int) -> None:
        plain_dir = root / f"server-plain{run}"
        shutil.copytree(template, plain_dir)
        plain_proc, plain_base = serve(procs, plain_dir)
        warm_up(root / "scratch", size)
        plains.append(phase_plain(plain_base, blobs))
        procs.stop(plain_proc)
        shutil.rmtree(plain_dir)

    def run_curl(_run: int) -> None:
        for old in bare_dir.iterdir():
            old.unlink()
        warm_up(root / "scratch", size)
        curls.append(phase_curl(bare_base, blobs, curl_config))

    report = SyncReport()
    phases = [run_sync, run_plain, run_curl]
    for run in range(args.runs):  # interleaved, in a rotating order: drift hits all alike
        for phase in phases[run % 3 :] + phases[: run % 3]:
            phase(run)
    assert last_server is not None

    sync_t, plain_t, curl_t = (statistics.median(x) for x in (syncs, plains, curls))

    def runs(xs: list[float]) -> str:
        return ", ".join(f"{x:.2f}" for x in xs)

    print(
        f"full sync (sync_once):            {sync_t:6.2f} s  {mib_s(size, sync_t)}  "
        f"runs {runs(syncs)}"
    )
    print(
        f"  {report.photos_uploaded} originals, {report.accepted:,} changes pushed in "
        f"{report.batches} batches, {report.pulled:,} pulled in {report.pages} pages"
    )
    for run, split in enumerate(splits, 1):
        print(f"  run {run}: {split}")
    print(
        f"(a) plain PUTs to /blobs/{{sha}}:   {plain_t:6.2f} s  {mib_s(size, plain_t)}  "
        f"runs {runs(plains)}"
    )
    print(
        f"(b) curl to a bare uvicorn app:   {curl_t:6.2f} s  {mib_s(size, curl_t)}  "
        f"runs {runs(curls)}"
    )
    ratio_a, ratio_b = sync_t / plain_t, sync_t / curl_t
    print(f"ratio sync/(a) {ratio_a:.2f} (target ≤ 1.3); sync/(b) {ratio_b:.2f}")

    # -- nothing changed ------------------------------------------------------------------------
    t = time.perf_counter()
    _proc, base, _dir = last_server
    store, client = logged_in(client_dir, base)
    try:
        added = add_records(store, info, args.records)
        built = time.perf_counter() - t
        t = time.perf_counter()
        big = sync_once(store, client_dir, client)
        big_t = time.perf_counter() - t
        status = sync_status(store)
        if big.rejected or status.pending_changes:
            raise SystemExit(f"the big sync left {status.pending_changes} rows unsent")
        total = records(store)
    finally:
        store.close()
    print(
        f"store of {total:,} records: {added:,} added by SQL ({built:.1f} s) with pending "
        f"outbox rows, then a real sync: {big.accepted:,} pushed in {big.batches} batches, "
        f"{big.pulled:,} pulled in {big.pages} pages, {big_t:.1f} s (untimed)"
    )
    store = open_store(client_dir)  # as the app starts: a fresh connection, caches cold
    try:
        cursor = int(store.meta("sync_cursor") or 0)
        first_ms, _ = median_ms(lambda: sync_once(store, client_dir, client), 1)
        check = sync_once(store, client_dir, client)
        if check.accepted or check.pulled or check.photos_uploaded:
            raise SystemExit(f"the no-change sync did something: {check}")
        nochange, nochange_runs = median_ms(lambda: sync_once(store, client_dir, client), 5)
        bare = requests.Session()
        health, _ = median_ms(lambda: bare.get(f"{base}{API}/health").raise_for_status(), 5)
        empty_pull, _ = median_ms(
            lambda: bare.get(
                f"{base}{API}/sync/pull",
                params={"cursor": cursor, "limit": 500},
                headers={"Authorization": f"Bearer {client.token}"},
            ).raise_for_status(),
            5,
        )
        bare.close()
    finally:
        client.close()
        store.close()
    print(
        f"sync with nothing changed:        {nochange:6.1f} ms  (target < 100 ms)  runs "
        + ", ".join(f"{x:.1f}" for x in nochange_runs)
        + f"; the first after opening the store {first_ms:.1f} ms"
    )
    print(
        f"  bare GET /health {health:5.1f} ms, bare empty pull {empty_pull:5.1f} ms  "
        f"ratio to the empty pull {nochange / empty_pull:.1f}"
    )
    print(f"whole benchmark {time.perf_counter() - t0:.0f} s")
    return 0 if ratio_a <= 1.3 and nochange < 100 else 1


if __name__ == "__main__":
    sys.exit(main())
