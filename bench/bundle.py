"""Benchmark: a month of one laptop's work by USB stick (issue 17).

The store of bench/sync.py (submitted inspections of 66 findings, real 2–4 MB JPEGs on their
problems), built against a real server (`server.cli serve`, SQLite) whose first sync registers
the laptop's key; then, the server stopped (no network):
  export        `export_bundle` (app/bundle/export.py) to one file beside the store;
  server import `python -m server.cli bundle import FILE --answer ANSWER` (a process, as run);
  answer import `import_answer` (app/bundle/answer.py).
Beside it in the same run: `cp -r` of the same files (the originals and the SQLite store) to the
same disk, the baseline a bundle is measured against (export / cp, import / cp).

    ./dev bench bundle [--photos N] [--inspections N]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sync_setup import ROOT, Processes, build_store, generate, serve, server_template, warm_up

from app.bundle.answer import import_answer
from app.bundle.export import export_bundle
from local_db.store import STORE_FILE, Store
from local_db.sync_state import sync_status


def _cp(sources: list[Path], target: Path) -> float:
    target.mkdir()
    t = time.perf_counter()
    subprocess.run(["cp", "-r", *map(str, sources), str(target)], check=True)
    subprocess.run(["sync"], check=True)
    return time.perf_counter() - t


def bench(root: Path, procs: Processes, args: argparse.Namespace) -> int:
    template = root / "server"
    info = server_template(template)
    card = root / "card"
    card.mkdir()
    t = time.perf_counter()
    files = generate(card, args.photos)
    print(f"generated {len(files)} JPEGs in {time.perf_counter() - t:.1f} s (untimed)")
    laptop = root / "laptop"
    proc, base = serve(procs, template)
    findings, photos = build_store(laptop, base, info, files, args.inspections)
    procs.stop(proc)  # from here on, no network
    store = Store.open(laptop)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    pending = sync_status(store)
    print(
        f"the month: {args.inspections} inspections, {findings} findings, {photos} photos; "
        f"{pending.pending_changes} changes and {pending.pending_photos} originals to send"
    )
    sources = [laptop / "blobs", laptop / STORE_FILE]
    size = sum(f.stat().st_size for f in (laptop / "blobs").rglob("*") if f.is_file())
    size += (laptop / STORE_FILE).stat().st_size
    warm_up(root / "scratch", size)
    cp_seconds = _cp(sources, root / "copied")
    shutil.rmtree(root / "copied")

    warm_up(root / "scratch", size)
    out = root / "stick" / "month.bundle"
    t = time.perf_counter()
    done = export_bundle(store, laptop, out)
    subprocess.run(["sync"], check=True)
    export_seconds = time.perf_counter() - t

    answer = root / "stick" / "month.answer"
    command = [sys.executable, "-m", "server.cli", "bundle", "import", str(out)]
    command += ["--answer", str(answer), "--data-dir", str(template)]
    t = time.perf_counter()
    imported = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    import_seconds = time.perf_counter() - t
    if imported.returncode != 0:
        raise SystemExit(f"server import failed: {imported.stderr}")

    t = time.perf_counter()
    report = import_answer(store, laptop, answer)
    answer_seconds = time.perf_counter() - t
    left = sync_status(store)
    store.close()
    if report.sync.rejected or left.pending_changes or left.pending_photos:
        raise SystemExit(f"not everything was accepted: {report.sync}, {left}")

    print(
        f"bundle: {done.size / 1e6:.1f} MB in {len(done.files)} file(s) "
        f"({done.changes} changes in {done.batches} batches, {done.originals} originals); "
        f"the same files: {size / 1e6:.1f} MB; answer {answer.stat().st_size / 1e3:.0f} kB"
    )
    print(f"cp -r of the originals and the store: {cp_seconds:.2f} s")
    print(f"export:        {export_seconds:.2f} s  ({export_seconds / cp_seconds:.2f} × cp)")
    print(
        f"server import: {import_seconds:.2f} s  ({import_seconds / cp_seconds:.2f} × cp; "
        f"a process, as run by hand)"
    )
    print(f"answer import: {answer_seconds:.2f} s  ({answer_seconds / cp_seconds:.2f} × cp)")
    print(f"server said: {imported.stdout.strip()}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--photos", type=int, default=200)
    parser.add_argument("--inspections", type=int, default=76)
    args = parser.parse_args()
    procs = Processes()
    try:
        with tempfile.TemporaryDirectory(prefix="ducha-bench-bundle-") as folder:
            return bench(Path(folder), procs, args)
    finally:
        procs.stop_all()


if __name__ == "__main__":
    sys.exit(main())
