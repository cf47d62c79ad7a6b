"""Benchmark: a full sync over a slow, distant link (10 Mbit/s, 100 ms round trip) beside the
physical limit of that link.

Linux here has no netem: bench/shaper.py, a userspace TCP proxy, plays the link (a token
bucket at the rate, half the round trip each way, a 256 KiB router queue). The store holds 20
real JPEGs of 2–4 MB (~63 MB, bench/sync_setup.py) on the problem findings of a few submitted
inspections. Timed, each through its own shaper to a fresh server (a copy of one template):
  - sync: `sync_once` of the store (logged in first, untimed);
  - plain: the same photo bytes PUT one after the other by `requests` (one kept-alive
    connection) to the server's /blobs/{sha} — the shaper's floor with HTTP;
  - curl: the same, one curl, sequential, keep-alive.
Each is printed as a ratio to the physical limit: bytes × 8 / rate + one round trip.
Target: sync ≤ 1.12 × the limit.

    ./dev bench shaped_link [--photos 20] [--inspections 4] [--mbit 10] [--rtt-ms 100] [--runs 1]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sync import login_session, phase_sync
from sync_setup import ROOT, Processes, build_store, free_port, generate, serve, server_template

from local_db.store import STORE_FILE, Store


def shaper(procs: Processes, target: str, mbit: float, rtt_ms: float) -> str:
    """A shaper in front of `target` (a base URL); returns the shaped base URL."""
    port = free_port()
    target_port = target.rsplit(":", 1)[1]
    command = [sys.executable, str(ROOT / "bench" / "shaper.py"), str(port), target_port]
    command += ["--mbit", str(mbit), "--rtt-ms", str(rtt_ms)]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    procs.running.append(proc)
    assert proc.stdout is not None
    if proc.stdout.readline().strip() != "ready":
        raise SystemExit("the shaper did not start")
    return f"http://127.0.0.1:{port}"


def plain_puts(base: str, blobs: list[tuple[str, Path]]) -> float:
    session = login_session(base)  # untimed
    headers = {"Content-Type": "application/octet-stream"}
    try:
        t = time.perf_counter()
        for sha, path in blobs:
            with open(path, "rb") as body:
                answer = session.put(f"{base}/api/v1/blobs/{sha}", data=body, headers=headers)
            if answer.status_code != 201:
                raise SystemExit(f"plain PUT {path.name}: {answer.status_code} {answer.text}")
        return time.perf_counter() - t
    finally:
        session.close()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--photos", type=int, default=20)
    parser.add_argument("--inspections", type=int, default=4)
    parser.add_argument("--mbit", type=float, default=10.0)
    parser.add_argument("--rtt-ms", type=float, default=100.0)
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    procs = Processes()
    root = Path(tempfile.mkdtemp(prefix="ducha-bench-shaped-"))
    try:
        return bench(root, procs, args)
    finally:
        procs.stop_all()
        shutil.rmtree(root, ignore_errors=True)


def bench(root: Path, procs: Processes, args: argparse.Namespace) -> int:
    template = root / "server-template"
    info = server_template(template)
    card = root / "card"
    card.mkdir()
    files = generate(card, args.photos)
    size = sum(f.stat().st_size for f in files)
    client_dir = root / "laptop"
    first = root / "server-build"
    shutil.copytree(template, first)
    proc, base = serve(procs, first)
    n_findings, n_photos = build_store(client_dir, base, info, files, args.inspections)
    procs.stop(proc)
    store = Store.open(client_dir)
    photo_shas = store.rows("SELECT sha256, original_name FROM photo ORDER BY original_name")
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    snapshot = root / "store.sqlite3"
    shutil.copyfile(client_dir / STORE_FILE, snapshot)
    by_name = {f.name: f for f in files}
    blobs = [(r["sha256"], by_name[r["original_name"]]) for r in photo_shas]
    rate = args.mbit * 1e6
    limit = size * 8 / rate + args.rtt_ms / 1000
    print(
        f"{n_photos} photos, {size / 1e6:.1f} MB, {n_findings} findings; link {args.mbit:g} "
        f"Mbit/s, {args.rtt_ms:g} ms round trip: physical limit {limit:.2f} s"
    )

    def fresh(name: str) -> tuple[subprocess.Popen, str]:
        folder = root / name
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(template, folder)
        proc, base = serve(procs, folder)
        return proc, shaper(procs, base, args.mbit, args.rtt_ms)

    syncs, plains, curls = [], [], []
    for run in range(args.runs):
        for suffix in ("", "-wal", "-shm"):
            (client_dir / (STORE_FILE + suffix)).unlink(missing_ok=True)
        shutil.copyfile(snapshot, client_dir / STORE_FILE)
        proc, shaped = fresh(f"server-sync{run}")
        elapsed, _report, split = phase_sync(client_dir, shaped, len(blobs))
        syncs.append(elapsed)
        print(f"  sync run {run + 1}: {elapsed:.2f} s; {split}")
        procs.stop(proc)
        proc, shaped = fresh(f"server-plain{run}")
        plains.append(plain_puts(shaped, blobs))
        procs.stop(proc)
        proc, shaped = fresh(f"server-curl{run}")
        token = str(login_session(shaped).headers["Authorization"])
        curls.append(phase_curl_auth(shaped, blobs, root / "curl.conf", token))
        procs.stop(proc)
    sync_t, plain_t, curl_t = (statistics.median(x) for x in (syncs, plains, curls))
    print(f"sync (sync_once):        {sync_t:6.2f} s  ×{sync_t / limit:.3f} the limit")
    print(f"plain PUTs (requests):   {plain_t:6.2f} s  ×{plain_t / limit:.3f} the limit")
    print(f"curl, sequential:        {curl_t:6.2f} s  ×{curl_t / limit:.3f} the limit")
    print(f"target: sync ≤ 1.12 × the limit; sync / plain PUTs {sync_t / plain_t:.3f}")
    return 0 if sync_t / limit <= 1.12 else 1


def phase_curl_auth(base: str, blobs: list[tuple[str, Path]], config: Path, auth: str) -> float:
    """One curl: the PUTs one after the other on one kept-alive connection, with the token."""
    lines = ['header = "Expect:"', 'header = "Content-Type: application/octet-stream"']
    lines += [f'header = "Authorization: {auth}"', "silent", "show-error", "fail"]
    for sha, path in blobs:
        lines += [f'upload-file = "{path}"', f'url = "{base}/api/v1/blobs/{sha}"']
        lines += ['write-out = "\\nHTTP %{http_code}\\n"']
    config.write_text("\n".join(lines) + "\n")
    t = time.perf_counter()
    done = subprocess.run(["curl", "--config", str(config)], capture_output=True, check=False)
    elapsed = time.perf_counter() - t
    codes = [line[5:] for line in done.stdout.decode().splitlines() if line.startswith("HTTP ")]
    if done.returncode != 0 or codes != ["201"] * len(blobs):
        raise SystemExit(f"curl failed ({done.returncode}): {codes} {done.stderr.decode()[:300]}")
    return elapsed


if __name__ == "__main__":
    sys.exit(main())
