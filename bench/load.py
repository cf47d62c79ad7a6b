"""Benchmark: month end — many laptops syncing the same afternoon against one server.

The real server (`server.cli serve`, N processes) on PostgreSQL (127.0.0.1:5432, trust auth, a
database of its own, `ducha_load_<pid>`, dropped at the end). Units, zones and users are made
with the server's own commands (`init`, `import` of a CSV workbook). Then:

1. every laptop and reviewer logs in (the server's argon2 per login; timed as `login`), and
   pulls once to learn its cursor (as a laptop that synced last month holds one);
2. ONE laptop syncs its month alone (the baseline);
3. M laptops sync their months at once (or, with --spread S, starting one after the other over
   S seconds), while K reviewers pull everything as it arrives.

A laptop makes the sync engine's wire calls with the app's own client (app/sync/client.py,
requests, one connection each): `blobs/missing` for its photos, a PUT of each lacking photo, its
outbox in pushes of ≤ 250 changes (bench/load_month.py: inspections of 66 findings, problem
findings with a photo each, submitted inspections with their digest, notices), each push once
the photos its rows name are up, then a pull of what came back. One after the other on one
thread per laptop (the app overlaps photos and pushes on two connections; the server sees the
same calls). The photos are small (--photo-kb); with --link-mbit a laptop waits after each PUT
as long as a real photo (--real-photo-mb) would take on its uplink, so its pushes come as
spaced as a real laptop's. No retries: every answer that is
not a success counts as an error (the app would wait and try again on 429/503).

Printed: p50/p99/max latency per call kind (a 250-change push apart from the shorter last
ones), errors by status, throughput (changes/s, MB/s of photos), the server's memory (RSS sum of
its processes, sampled every 0.5 s: the peak) and CPU, the load generator's own CPU, and the
baseline beside the storm with the ratios.

    ./dev bench load [--laptops 200] [--workers 4] [--reviewers 5] [--changes 1000]
                     [--photo-kb 32] [--units N] [--spread 0] [--link-mbit 0 [--real-photo-mb 3]]
                     [--time-limit 1200] [--quick]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from load_month import Laptop, build_month
from sync_setup import API, Processes, free_port

from app.sync.client import SyncClient
from app.sync.errors import SyncError
from app.sync.transport import Retries
from domain.template import parse_template

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN = os.environ.get("DUCHA_LOAD_PG", "host=127.0.0.1 port=5432 dbname=test user=postgres")
PASSWORD = "load-bench-2026"
PULL_LIMIT = 1000
T = TypeVar("T")


# -- measuring -----------------------------------------------------------------------------------
@dataclass
class Calls:
    """Latencies (ms) per call kind and errors per (kind, status), from many threads (a list's
    append and a Counter's += under the lock)."""

    times: dict[str, list[float]] = field(default_factory=dict)
    errors: Counter = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def timed(self, kind: str, call: Callable[[], T]) -> T:
        t = time.perf_counter()
        try:
            result = call()
        except SyncError as error:
            status = getattr(error, "status", None) or type(error).__name__
            with self.lock:
                self.errors[(kind, str(status))] += 1
            raise
        ms = (time.perf_counter() - t) * 1000
        with self.lock:
            self.times.setdefault(kind, []).append(ms)
        return result


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def process_tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        p = todo.pop()
        pids.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    todo += [int(c) for c in fh.read().split()]
        except OSError:
            continue
    return pids


def rss_and_cpu(pids: list[int]) -> tuple[int, float]:
    """Resident bytes and CPU seconds (user + system) of these processes."""
    rss, cpu = 0, 0.0
    tick = os.sysconf("SC_CLK_TCK")
    page = os.sysconf("SC_PAGE_SIZE")
    for p in pids:
        try:
            with open(f"/proc/{p}/statm") as fh:
                rss += int(fh.read().split()[1]) * page
            with open(f"/proc/{p}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            cpu += (int(fields[11]) + int(fields[12])) / tick
        except OSError:
            continue
    return rss, cpu


def pg_backends(url: str) -> list[int]:
    """The PostgreSQL server processes serving this database now (its pool's connections)."""
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
        rows = admin.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s", [name]
        ).fetchall()
    return [pid for (pid,) in rows]


class PgCpu:
    """CPU seconds of this database's PostgreSQL backends over the storm: every backend seen
    at the start, during (by the sampler) or at the end, the ones that ended counted until
    their last sighting."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.first: dict[int, float] = {}
        self.last: dict[int, float] = {}

    def sample(self) -> None:
        started = bool(self.first)  # a backend first seen later was opened during the storm
        for pid in pg_backends(self.url):
            cpu = rss_and_cpu([pid])[1]
            self.first.setdefault(pid, 0.0 if started else cpu)
            self.last[pid] = cpu

    def spent(self) -> float:
        return sum(self.last[p] - self.first[p] for p in self.last)


class Sampler:
    """The server processes' peak RSS, every 0.5 s, on a thread of its own."""

    def __init__(self, roots: list[int]) -> None:
        self.roots = roots
        self.pg: PgCpu | None = None
        self.peak = 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, name="rss-sampler", daemon=True)

    def pids(self) -> list[int]:
        return [p for r in self.roots for p in process_tree(r)]

    def _run(self) -> None:
        while not self.stop.is_set():
            self.peak = max(self.peak, rss_and_cpu(self.pids())[0])
            if self.pg is not None:
                self.pg.sample()
            self.stop.wait(0.5)


# -- the server ----------------------------------------------------------------------------------
@contextmanager
def pg_database() -> Iterator[str]:
    import psycopg

    admin = psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=5)
    name = f"ducha_load_{os.getpid()}"
    admin.execute(f"DROP DATABASE IF EXISTS {name}")
    admin.execute(f"CREATE DATABASE {name}")
    params = dict(p.split("=", 1) for p in PG_ADMIN.split())
    try:
        yield (
            f"postgresql+psycopg://{params.get('user', 'postgres')}@{params['host']}:"
            f"{params.get('port', '5432')}/{name}"
        )
    finally:
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", [name]
        )
        admin.execute(f"DROP DATABASE IF EXISTS {name}")
        admin.close()


def server_cli(url: str, data_dir: Path, *args: str) -> str:
    command = [sys.executable, "-m", "server.cli", *args, "--data-dir", str(data_dir)]
    command += ["--database-url", url]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    if done.returncode != 0:
        raise SystemExit(f"server.cli {' '.join(args[:2])} failed: {done.stdout}{done.stderr}")
    return done.stdout


def has_workers_flag() -> bool:
    done = subprocess.run(
        [sys.executable, "-m", "server.cli", "serve", "--help"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    return "--workers" in done.stdout


def organisation(folder: Path, units: int, laptops: int, reviewers: int) -> Path:
    """The CSV files `ducha-server import` reads: units, a zone each, the inspectors (spread
    over the units; `solo` alone in a unit of its own) and the reviewers of all units."""
    folder.mkdir()
    with (folder / "units.csv").open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["name", "kind"])
        w.writerows([[f"单位{u:03d}", "town"] for u in range(units + 1)])
    with (folder / "zones.csv").open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["name", "kind", "unit"])
        w.writerows([[f"片区{u:03d}", "road_segment", f"单位{u:03d}"] for u in range(units + 1)])
    with (folder / "users.csv").open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["username", "name", "role", "units", "password"])
        w.writerow(["solo", "单机", "inspector", f"单位{units:03d}", PASSWORD])
        for n in range(laptops):
            unit = f"单位{n % units:03d}"
            w.writerow([f"insp{n:04d}", f"督查员{n}", "inspector", unit, PASSWORD])
        for n in range(reviewers):
            w.writerow([f"rev{n:02d}", f"审核员{n}", "reviewer", "all", PASSWORD])
    return folder


def start_servers(
    procs: Processes, url: str, data_dir: Path, workers: int, env: dict[str, str]
) -> tuple[list[str], list[int], str]:
    """`serve --workers N` when the server has it; else N processes on N ports, the laptops
    spread over them (the same database: what N workers behind one socket do). Returns the
    API bases, the root pids and how it was started."""
    base_cmd = [sys.executable, "-m", "server.cli", "serve", "--data-dir", str(data_dir)]
    base_cmd += ["--database-url", url, "--host", "127.0.0.1"]
    full_env = {**os.environ, **env}
    profile = os.environ.get("DUCHA_LOAD_PROFILE")  # cProfile of the one worker into this file
    if profile and workers == 1:
        base_cmd[1:2] = ["-m", "cProfile", "-o", profile, "-m"]
    if workers == 1 or has_workers_flag():
        port = free_port()
        cmd = [*base_cmd, "--port", str(port)]
        cmd += ["--workers", str(workers)] if workers > 1 else []
        base = f"http://127.0.0.1:{port}"
        proc = procs.start(
            cmd, data_dir / "serve.log", f"{base}{API}/health", env=full_env, wait=180
        )
        return [base], [proc.pid], f"serve --workers {workers}"
    bases, pids = [], []
    for n in range(workers):
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        cmd = [*base_cmd, "--port", str(port)]
        log = data_dir / f"serve-{n}.log"
        pids.append(procs.start(cmd, log, f"{base}{API}/health", env=full_env, wait=180).pid)
        bases.append(base)
    return bases, pids, f"{workers} × serve (one port each; no --workers in this server)"


# -- the clients ---------------------------------------------------------------------------------
def client_for(base: str) -> SyncClient:
    # one try per call: an overloaded server shows as errors, not as hidden waits
    return SyncClient(base, timeout=(10.0, 120.0), retries=Retries(attempts=1))


def log_in(calls: Calls, client: SyncClient, username: str, device: str) -> tuple[str, int]:
    """Log in and pull to the end (a laptop's cursor from its last sync); (person id, cursor)."""
    answer = calls.timed("login", lambda: client.login(username, PASSWORD, device))
    cursor = 0
    while True:
        page = calls.timed("pull (before)", lambda c=cursor: client.pull(c, PULL_LIMIT))  # type: ignore[misc]
        cursor = page["cursor"]
        if not page["more"]:
            return answer["user"]["id"], cursor


def sync_month(
    calls: Calls,
    client: SyncClient,
    laptop: Laptop,
    cursor: int,
    pace: float = 0.0,
    stop: threading.Event | None = None,
) -> int:
    """The month's wire calls, in the engine's order: which photos the server lacks, then batch
    after batch, each once the photos its rows name are up; then the pull. `pace`: seconds each
    photo takes on the laptop's link (it waits out the rest after its PUT). Returns the changes
    pulled."""
    shas = [sha for sha, _ in laptop.photos]
    files = dict(laptop.photos)
    lacking = calls.timed("blobs/missing", lambda: client.missing_offsets(shas))
    waiting = stop or threading.Event()
    for n, changes in enumerate(laptop.batches):
        if waiting.is_set():  # the time limit
            return 0
        for change in changes:
            sha = change["row"]["sha256"] if change["entity"] == "photo" else None
            if sha is None or sha not in lacking:
                continue
            t = time.monotonic()
            calls.timed(
                "PUT blob",
                lambda s=sha: client.upload_blob(files[s], s, offset=lacking[s] or 0),  # type: ignore[misc]
            )
            del lacking[sha]
            if waiting.wait(max(0.0, pace - (time.monotonic() - t))):
                return 0
        kind = "push 250" if len(changes) == 250 else "push <250"
        batch = {
            "batch_id": f"{laptop.device_id}:{n}",
            "device_id": laptop.device_id,
            "client_time": time.strftime("%Y-%m-%dT%H:%M:%S.000000Z", time.gmtime()),
            "changes": changes,
        }
        answer = calls.timed(kind, lambda b=batch: client.push(b))  # type: ignore[misc]
        refused = [r for r in answer["results"] if r["status"] != "accepted"]
        if refused:
            with calls.lock:
                calls.errors[("push", f"refused row: {refused[0].get('reason')}")] += len(refused)
    pulled = 0
    while True:
        page = calls.timed("pull", lambda c=cursor: client.pull(c, PULL_LIMIT))  # type: ignore[misc]
        pulled += len(page["changes"])
        cursor = page["cursor"]
        if not page["more"]:
            return pulled


def reviewer_pulls(
    calls: Calls,
    client: SyncClient,
    cursor: int,
    storm_over: threading.Event,
    stop: threading.Event,
) -> int:
    """Pull everything as it arrives until the storm is over and the tail is in."""
    pulled = 0
    while not stop.is_set():
        over = storm_over.is_set()  # read before the page: the page after it holds the tail
        page = calls.timed("reviewer pull", lambda c=cursor: client.pull(c, PULL_LIMIT))  # type: ignore[misc]
        pulled += len(page["changes"])
        cursor = page["cursor"]
        if not page["more"]:
            if over:
                return pulled
            storm_over.wait(0.5)
    return pulled


# -- the run -------------------------------------------------------------------------------------
def table(storm: Calls, alone: Calls) -> str:
    kinds = ["login", "pull (before)", "blobs/missing", "PUT blob", "push 250", "push <250"]
    kinds += ["pull", "reviewer pull"]
    head = f"{'call':<15}{'n':>7}{'p50 ms':>9}{'p99 ms':>9}{'max ms':>9}"
    head += "   alone: p50    p99  p99 ratio"
    lines = [head, "-" * len(head)]
    for kind in kinds:
        xs = storm.times.get(kind, [])
        if not xs:
            continue
        line = f"{kind:<15}{len(xs):>7}{pct(xs, 0.5):>9.1f}{pct(xs, 0.99):>9.1f}{max(xs):>9.1f}"
        ys = alone.times.get(kind)
        if ys and kind not in ("login", "pull (before)"):
            ratio = pct(xs, 0.99) / pct(ys, 0.99)
            line += f"   {pct(ys, 0.5):>10.1f}{pct(ys, 0.99):>7.1f}  ×{ratio:.1f}"
        lines.append(line)
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--laptops", type=int, default=200)
    parser.add_argument("--workers", type=int, default=4, help="server processes")
    parser.add_argument("--reviewers", type=int, default=5)
    parser.add_argument("--changes", type=int, default=1000, help="rows per laptop's month")
    parser.add_argument("--photo-kb", type=int, default=32, help="bytes of each photo, in KiB")
    parser.add_argument("--units", type=int, help="default: one per 10 laptops")
    parser.add_argument(
        "--spread",
        type=float,
        default=0.0,
        help="seconds over which the laptops start (0: at once)",
    )
    parser.add_argument(
        "--link-mbit",
        type=float,
        default=0.0,
        help="each laptop's uplink: after a photo's PUT it waits as long as --real-photo-mb "
        "takes at this rate (0: no wait, loopback speed)",
    )
    parser.add_argument("--real-photo-mb", type=float, default=3.0)
    parser.add_argument("--time-limit", type=float, default=1200, help="seconds, whole run")
    parser.add_argument("--quick", action="store_true", help="2 laptops, 1 worker: a smoke test")
    args = parser.parse_args()
    if args.quick:
        args.laptops, args.workers, args.reviewers = 2, 1, 1
        args.changes, args.photo_kb = 300, 8
    if not (1 <= args.laptops <= 5000 and 1 <= args.workers <= 64 and 0 <= args.reviewers <= 100):
        parser.error("--laptops 1..5000, --workers 1..64, --reviewers 0..100")
    units = args.units or max(1, args.laptops // 10)

    def interrupted(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupted)
    procs = Processes()
    root = Path(tempfile.mkdtemp(prefix="ducha-bench-load-"))
    try:
        with pg_database() as url:
            return run(args, units, url, root, procs)
    except KeyboardInterrupt:
        print("interrupted: server stopped, database dropped", file=sys.stderr)
        return 130
    finally:
        procs.stop_all()
        shutil.rmtree(root, ignore_errors=True)


def run(args: argparse.Namespace, units: int, url: str, root: Path, procs: Processes) -> int:
    t0 = time.monotonic()
    deadline = t0 + args.time_limit
    stop = threading.Event()
    watchdog = threading.Timer(args.time_limit, stop.set)
    watchdog.daemon = True
    watchdog.start()
    data_dir = root / "server"
    data_dir.mkdir()
    server_cli(url, data_dir, "init")
    org = organisation(root / "org", units, args.laptops, args.reviewers)
    server_cli(url, data_dir, "import", *(str(org / f) for f in ("units.csv", "zones.csv")))
    t = time.monotonic()
    server_cli(url, data_dir, "import", str(org / "users.csv"))
    print(
        f"organisation: {units + 1} units with a zone each, {args.laptops + 1} inspectors, "
        f"{args.reviewers} reviewers, imported with `ducha-server import` "
        f"(users {time.monotonic() - t:.1f} s, untimed)"
    )
    env = {  # every laptop comes from 127.0.0.1 here: no per-address login limits
        "DUCHA_LOGIN_IP_PENDING": str(args.laptops + args.reviewers + 10),
        "DUCHA_LOGIN_IP_FAILURES": "100000",
    }
    bases, roots, how = start_servers(procs, url, data_dir, args.workers, env)
    sampler = Sampler(roots)
    idle_rss = rss_and_cpu(sampler.pids())[0]
    print(
        f"server: {how} on PostgreSQL, database {url.rsplit('/', 1)[1]} "
        f"(pids {' '.join(map(str, sampler.pids()))}); "
        f"{idle_rss / 2**20:.0f} MiB resident when idle",
        flush=True,
    )

    # which template, and the ids of the units' zones: from a reviewer's first pull
    probe = client_for(bases[0])
    probe.login("rev00" if args.reviewers else "solo", PASSWORD, "load-probe")
    changes: list[dict[str, Any]] = []
    cursor = 0
    while True:
        page = probe.pull(cursor, PULL_LIMIT)
        changes += page["changes"]
        cursor = page["cursor"]
        if not page["more"]:
            break
    probe.close()
    template = next(c["row"] for c in changes if c["entity"] == "template")
    codes = [item.code for item in parse_template(json.loads(template["body"])).items()]
    if not codes:
        raise SystemExit(f"no checklist items in the template row: {sorted(template)}")
    zones = {c["row"]["unit_id"]: c["id"] for c in changes if c["entity"] == "zone"}
    unit_ids = {c["row"]["name"]: c["id"] for c in changes if c["entity"] == "unit"}

    def laptop(username: str, unit: int, n: int) -> Laptop:
        uid = unit_ids[f"单位{unit:03d}"]
        return Laptop(username, f"load-{n:04d}-{secrets.token_hex(3)}", uid, zones[uid])

    solo = laptop("solo", units, 9999)
    laptops = [laptop(f"insp{n:04d}", n % units, n) for n in range(args.laptops)]
    every = [solo, *laptops]

    # logins (argon2 on the server) and the cursors, 50 at a time (untimed but measured)
    calls_login = Calls()
    clients = {lp.username: client_for(bases[n % len(bases)]) for n, lp in enumerate(every)}
    reviewer_clients = [client_for(bases[n % len(bases)]) for n in range(args.reviewers)]
    cursors: dict[str, int] = {}
    t = time.monotonic()

    def login_laptop(lp: Laptop) -> None:
        lp.person_id, cursors[lp.username] = log_in(
            calls_login, clients[lp.username], lp.username, lp.device_id
        )

    def login_reviewer(n: int) -> None:
        _pid, cursors[f"rev{n:02d}"] = log_in(
            calls_login, reviewer_clients[n], f"rev{n:02d}", f"load-rev-{n}"
        )

    with ThreadPoolExecutor(50) as pool:
        list(pool.map(login_laptop, every))
        list(pool.map(login_reviewer, range(args.reviewers)))
    logins = time.monotonic() - t

    # the months (untimed)
    t = time.monotonic()
    photos = root / "photos"
    photos.mkdir()
    tpl = (template["id"], int(template["version"]), codes)
    for n, lp in enumerate(every):
        build_month(lp, tpl, args.changes, args.photo_kb * 1024, photos, seed=n)
    print(
        f"{len(every)} logins in {logins:.1f} s (50 at a time); each month: {solo.changes} "
        f"changes in {len(solo.batches)} pushes, {len(solo.photos)} photos of "
        f"{args.photo_kb} KiB; built in {time.monotonic() - t:.1f} s (untimed)"
    )

    # the baseline: one laptop alone
    alone = Calls()
    t = time.monotonic()
    pace = args.real_photo_mb * 8 / args.link_mbit if args.link_mbit else 0.0
    sync_month(alone, clients["solo"], solo, cursors["solo"], pace, stop)
    alone_s = time.monotonic() - t
    print(f"one laptop alone: its month in {alone_s:.2f} s")

    # the storm
    storm = Calls()
    storm_over = threading.Event()
    durations: list[float] = []
    pulled: Counter[str] = Counter()
    sampler.thread.start()
    cpu_server0 = rss_and_cpu(sampler.pids())[1]
    pg_cpu = PgCpu(url)
    pg_cpu.sample()
    sampler.pg = pg_cpu
    cpu_self0 = sum(os.times()[:2])

    def one_laptop(n: int, lp: Laptop) -> None:
        # --spread: the laptops start one after the other over that many seconds
        if stop.wait(max(0.0, t_storm + n * args.spread / args.laptops - time.monotonic())):
            return
        t = time.monotonic()
        try:
            got = sync_month(storm, clients[lp.username], lp, cursors[lp.username], pace, stop)
        except SyncError:
            return
        with storm.lock:
            pulled["laptops"] += got
            durations.append(time.monotonic() - t)

    def one_reviewer(n: int) -> None:
        with suppress(SyncError):
            got = reviewer_pulls(
                storm, reviewer_clients[n], cursors[f"rev{n:02d}"], storm_over, stop
            )
            with storm.lock:
                pulled["reviewers"] += got

    t = t_storm = time.monotonic()
    with ThreadPoolExecutor(args.laptops + args.reviewers) as pool:
        reviewing = [pool.submit(one_reviewer, n) for n in range(args.reviewers)]
        laptops_done = [pool.submit(one_laptop, n, lp) for n, lp in enumerate(laptops)]
        for f in laptops_done:
            f.result()
        storm_s = time.monotonic() - t
        storm_over.set()
        for f in reviewing:
            f.result()
    total_s = time.monotonic() - t
    cpu_self = sum(os.times()[:2]) - cpu_self0
    cpu_server = rss_and_cpu(sampler.pids())[1] - cpu_server0
    pg_cpu.sample()
    sampler.stop.set()
    for c in [*clients.values(), *reviewer_clients]:
        c.close()
    if stop.is_set():
        print(f"STOPPED at the time limit ({args.time_limit:.0f} s): figures are partial")

    sent = sum(lp.changes for lp in laptops if True)
    photo_bytes = sum(lp.photo_bytes for lp in laptops)
    errors = sum(storm.errors.values()) + sum(alone.errors.values())
    pushes = storm.times.get("push 250", [])
    print()
    print(
        f"month end: {args.laptops} laptops "
        + (f"starting over {args.spread:.0f} s" if args.spread else "at once")
        + (
            f" on {args.link_mbit:g} Mbit/s uplinks ({args.real_photo_mb:g} MB photos: "
            f"{pace:.1f} s each)"
            if pace
            else ""
        )
        + f", {args.reviewers} reviewers pulling, "
        f"{how}, {os.cpu_count()} cores"
    )
    print(table(storm, alone))
    print(table_logins(calls_login))
    print(
        f"errors: {errors}"
        + (
            " (" + ", ".join(f"{k} {s}: {n}" for (k, s), n in sorted(storm.errors.items())) + ")"
            if errors
            else ""
        )
    )
    print(
        f"laptops: {len(durations)} of {args.laptops} done in {storm_s:.1f} s (each: median "
        f"{statistics.median(durations) if durations else 0:.1f} s, max "
        f"{max(durations) if durations else 0:.1f} s; alone {alone_s:.2f} s); reviewers' tail "
        f"in {total_s:.1f} s"
    )
    print(
        f"throughput: {sent / storm_s:,.0f} changes/s pushed, {photo_bytes / storm_s / 1e6:.1f} "
        f"MB/s of photos ({sent:,} changes, {photo_bytes / 1e6:.0f} MB); pulled by laptops "
        f"{pulled['laptops']:,}, by reviewers {pulled['reviewers']:,}"
    )
    print(
        f"server: peak RSS {sampler.peak / 2**20:.0f} MiB (all its processes; idle "
        f"{idle_rss / 2**20:.0f} MiB), CPU {cpu_server:.1f} s and PostgreSQL's "
        f"{pg_cpu.spent():.1f} s over {total_s:.1f} s; load "
        f"generator CPU {cpu_self:.1f} s ({cpu_self / total_s:.0%} of one core)"
    )
    if pushes:
        p99 = pct(pushes, 0.99)
        print(
            f"p99 of a 250-change push: {p99:.0f} ms (goal < 500 ms); alone "
            f"{pct(alone.times.get('push 250', [0]), 0.5):.0f} ms (p50)"
        )
    print(f"whole run {time.monotonic() - t0:.0f} s")
    return 0 if errors == 0 and not stop.is_set() and time.monotonic() < deadline else 1


def table_logins(calls: Calls) -> str:
    xs = calls.times.get("login", [])
    if not xs:
        return ""
    return (
        f"(setup) login ×{len(xs)}: p50 {pct(xs, 0.5):.0f} ms, p99 {pct(xs, 0.99):.0f} ms, "
        f"max {max(xs):.0f} ms (argon2 on the server); login errors {sum(calls.errors.values())}"
    )


if __name__ == "__main__":
    sys.exit(main())
