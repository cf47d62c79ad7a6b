"""What bench/sync.py runs on: server processes (ours, and a bare uvicorn upload endpoint),
generated 2-4 MB JPEGs with EXIF, the client store of ~5,000 findings with their photos, and
raw-SQL filling up to ~100,000 records for the sync with nothing to send."""

from __future__ import annotations

import io
import json
import os
import random
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import requests
from PIL import Image

from app.demo.photos import demo_exif
from app.photos.importer import import_one
from app.store_setup import open_store
from app.sync.client import SyncClient
from app.sync.engine import sync_once
from domain.clock import to_iso
from domain.digest import inspection_digest
from domain.ids import new_id
from local_db import inspections as ops
from local_db.reference import load_template
from local_db.store import Store

ROOT = Path(__file__).resolve().parent.parent


USER = "bench"


PASSWORD = "bench-password-2026"


SIZE = (2400, 1800)


BASES = 20  # distinct pictures; each file differs by its EXIF (so by its hash)


API = "/api/v1"


CST = timezone(timedelta(hours=8))


# -- servers ---------------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cli(data_dir: Path, *args: str, stdin: str | None = None) -> str:
    command = [sys.executable, "-m", "server.cli", *args, "--data-dir", str(data_dir)]
    done = subprocess.run(
        command, input=stdin, capture_output=True, text=True, cwd=ROOT, timeout=120, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"server.cli {' '.join(args)} failed: {done.stderr}")
    return done.stdout


@dataclass
class Processes:
    """Every server process this benchmark starts; all are stopped at the end, error or not."""

    running: list[subprocess.Popen] = field(default_factory=list)

    def start(
        self, command: list[str], log: Path, health: str, env: dict | None = None, wait: float = 30
    ):
        with log.open("w") as out:
            proc = subprocess.Popen(
                command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env=env
            )
        self.running.append(proc)
        deadline = time.monotonic() + wait
        while True:
            if proc.poll() is not None:
                raise SystemExit(f"{command[2:5]} exited: {log.read_text()[-2000:]}")
            try:
                if requests.get(health, timeout=1).status_code == 200:
                    return proc
            except (requests.ConnectionError, requests.Timeout):
                pass  # not listening yet, or too busy starting to answer within 1 s
            if time.monotonic() > deadline:
                raise SystemExit(f"no answer from {health}")
            time.sleep(0.05)

    def stop(self, proc: subprocess.Popen) -> None:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        if proc in self.running:
            self.running.remove(proc)

    def stop_all(self) -> None:
        for proc in list(self.running):
            self.stop(proc)


def serve(procs: Processes, data_dir: Path) -> tuple[subprocess.Popen, str]:
    """Start `server.cli serve` on a free port; returns the process and the base URL."""
    port = free_port()
    command = [sys.executable, "-m", "server.cli", "serve", "--data-dir", str(data_dir)]
    command += ["--host", "127.0.0.1", "--port", str(port)]
    base = f"http://127.0.0.1:{port}"
    proc = procs.start(command, data_dir / "serve.log", f"{base}{API}/health")
    return proc, base


def bare_server(procs: Processes, folder: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    command = [sys.executable, "-m", "uvicorn", "bench.bare_upload_app:app", "--http"]
    command += ["httptools", "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "BARE_UPLOAD_DIR": str(folder)}
    proc = procs.start(command, folder.parent / "bare.log", f"{base}/health", env=env)
    return proc, base


def server_template(folder: Path) -> dict:
    """Untimed, once: an initialised server data dir with one unit, its zones and an admin of
    all units. Every "fresh server" below is a copy of it (same ids, nothing else in it)."""
    cli(folder, "init")
    zones = ["人民路（解放路—建设路）", "解放路", "建设路", "滨江路"]
    args = ["unit", "add", "城关镇人民政府", "--kind", "town"]
    unit = json.loads(cli(folder, *args, *[a for z in zones for a in ("--zone", z)]))
    user = json.loads(
        cli(folder, "user", "add", USER, "--role", "admin", "--all-units", stdin=PASSWORD + "\n")
    )
    return {"unit": unit["id"], "zones": list(unit["zones"].values()), "user": user["id"]}


# -- photos ----------------------------------------------------------------------------------------
def _picture(seed: int, blend: float) -> bytes:
    """A 2400×1800 JPEG q95: smooth colour fields with colour sensor-like noise (2–4 MB)."""
    rng = random.Random(seed)
    small = Image.frombytes("RGB", (120, 90), rng.randbytes(120 * 90 * 3))
    base = small.resize(SIZE, Image.Resampling.BICUBIC)
    noise = Image.merge("RGB", [Image.effect_noise(SIZE, 40) for _ in range(3)])
    buffer = io.BytesIO()
    Image.blend(base, noise, blend).save(buffer, "JPEG", quality=95)
    return buffer.getvalue()


def _exif_segment(n: int) -> bytes:
    taken = datetime(2026, 11, 20, 9, 0, tzinfo=CST) + timedelta(seconds=37 * n)
    exif = demo_exif(taken, 30.25 + n * 1e-5, 120.15, ("Bench", "Phone 8MP"))
    data = exif.tobytes()  # b"Exif\0\0" + TIFF
    return b"\xff\xe1" + len(data + b"..").to_bytes(2, "big") + data


def generate(folder: Path, count: int) -> list[Path]:
    """Untimed: BASES pictures encoded once, each written many times with its own EXIF."""
    bases = min(BASES, count)
    pictures = [_picture(seed, 0.18 + 0.7 * seed / max(1, bases - 1)) for seed in range(bases)]
    files = []
    for n in range(count):
        jpeg = pictures[n % len(pictures)]
        path = folder / f"IMG_{n:04d}.jpg"
        path.write_bytes(jpeg[:2] + _exif_segment(n) + jpeg[2:])  # APP1 right after SOI
        files.append(path)
    sizes = [f.stat().st_size for f in files]
    if not 2_000_000 <= min(sizes) <= max(sizes) <= 4_000_000:
        raise SystemExit(f"photos of {min(sizes)}..{max(sizes)} bytes, not 2–4 MB")
    return files


def warm_up(scratch: Path, size: int) -> None:
    """Untimed, right before each timed phase. PITFALLS: this VM hands freed memory back to its
    host, and the first write into fresh memory is slow. Flush what earlier phases left dirty
    (so its writeback does not land in this phase), then write twice what the phase will write
    into the page cache and free it again without syncing it (no disk traffic): the phase then
    writes into memory the guest already holds."""
    os.sync()
    chunk = os.urandom(1 << 20)
    with open(scratch, "wb") as fh:
        for _ in range(2 * size // len(chunk) + 1):
            fh.write(chunk)
    scratch.unlink()


# -- the client store ------------------------------------------------------------------------------
def logged_in(data_dir: Path, base: str) -> tuple[Store, SyncClient]:
    store = open_store(data_dir)
    client = SyncClient(base)
    user = client.login(USER, PASSWORD, store.device_id)["user"]
    if store.meta("local_person_id") != user["id"]:
        with store.transaction():
            store.set_meta("local_person_id", user["id"])
    return store, client


def build_store(
    data_dir: Path, base: str, info: dict, files: list[Path], inspections: int
) -> tuple[int, int]:
    """Untimed: log in, sync once (template, unit, zones, people), then record `inspections`
    submitted inspections of 66 findings each through the app's own functions, the photos
    one per problem finding. Returns (findings, photos)."""
    store, client = logged_in(data_dir, base)
    try:
        sync_once(store, data_dir, client)
        me = store.meta("local_person_id")
        templates = store.rows("SELECT id FROM template")
        if len(templates) != 1:
            raise SystemExit(f"expected one checklist template, found {len(templates)}")
        template_id = templates[0]["id"]
        codes = [item.code for item in load_template(store, template_id).items()]
        per = [len(files) // inspections] * inspections  # problems per inspection
        for i in range(len(files) % inspections):
            per[i] += 1
        rng = random.Random(11)
        photos = iter(files)
        start = datetime(2026, 11, 20, 9, 0, tzinfo=CST)
        for n in range(inspections):
            row = ops.start_inspection(
                store,
                template_id=template_id,
                zone_id=info["zones"][n % len(info["zones"])],
                mode="unannounced",
                person_ids=[me],
                started_at=to_iso(start - timedelta(hours=3 * n)),
            )
            for code in rng.sample(codes, per[n]):
                finding = ops.record_finding(
                    store,
                    row["id"],
                    code,
                    "problem",
                    cases=1 + rng.randrange(3),
                    description=f"第{n}次督查：{code} 发现问题，现场拍照取证",
                )
                import_one(
                    store, data_dir, next(photos), inspection_id=row["id"], finding_id=finding["id"]
                )
            ops.mark_unanswered_ok(store, row["id"])
            ops.submit_inspection(store, row["id"], actor=me, accept_warnings=True)
        findings = store.rows("SELECT count(*) AS n FROM finding")[0]["n"]
        photos_n = store.rows("SELECT count(*) AS n FROM photo")[0]["n"]
        return findings, photos_n
    finally:
        client.close()
        store.close()


# -- nothing changed on 100,000 records ------------------------------------------------------------
SYNCED_TABLES = ("inspection", "inspection_person", "finding", "photo", "person", "unit", "zone")


def records(store: Store) -> int:
    return sum(store.rows(f"SELECT count(*) AS n FROM {t}")[0]["n"] for t in SYNCED_TABLES)


def add_records(store: Store, info: dict, target: int) -> int:
    """Fill the store up to `target` records fast, with raw SQL: submitted inspections of 66
    findings and their inspector, each row with its outbox snapshots (the draft inspection, its
    rows, the submitted inspection with its digest) pending, as recording them in the app
    leaves them. A real sync then sends them. Returns how many were added."""
    template_id = store.rows("SELECT template_id FROM inspection LIMIT 1")[0]["template_id"]
    codes = [item.code for item in load_template(store, template_id).items()]
    count = max(0, -(-(target - records(store)) // (len(codes) + 2)))
    rng = random.Random(5)
    me = store.meta("local_person_id")
    start = datetime(2025, 11, 20, 9, 0, tzinfo=CST)
    stamp = to_iso(datetime.now(UTC))
    common = {"created_at": stamp, "updated_at": stamp, "device_id": store.device_id, "rev": 1}
    db = store.db.conn
    inspections = []
    with store.transaction():
        for n in range(count):
            iid = new_id()
            inspection = {
                "id": iid,
                "template_id": template_id,
                "template_version": 1,
                "zone_id": info["zones"][n % len(info["zones"])],
                "unit_id": info["unit"],
                "mode": "unannounced",
                "started_at": to_iso(start - timedelta(hours=n)),
                "finished_at": to_iso(start - timedelta(hours=n) + timedelta(minutes=40)),
                "summary": f"小结{n}",
                "score": 100.0,
                **common,
            }
            person = {"id": new_id(), "inspection_id": iid, "person_id": me, "lead": 1, **common}
            findings = [
                {
                    "id": new_id(),
                    "inspection_id": iid,
                    "item_code": code,
                    "result": "ok",
                    "cases": 0,
                    "deduction": 0.0,
                    "description": "" if rng.random() < 0.9 else "已整改",
                    **common,
                }
                for code in codes
            ]
            for table, rows in (
                ("inspection", [inspection]),
                ("inspection_person", [person]),
                ("finding", findings),
            ):
                names = list(rows[0])
                db.executemany(
                    f"INSERT INTO {table} ({', '.join(names)}) "
                    f"VALUES ({', '.join('?' * len(names))})",
                    [tuple(r[k] for k in names) for r in rows],
                )
            inspections.append(iid)
        full = {
            r["id"]: r for r in store.rows("SELECT * FROM inspection WHERE created_at = ?", [stamp])
        }
        people = {
            r["inspection_id"]: r
            for r in store.rows("SELECT * FROM inspection_person WHERE created_at = ?", [stamp])
        }
        by_inspection: dict[str, list[dict]] = {}
        for r in store.rows("SELECT * FROM finding WHERE created_at = ?", [stamp]):
            by_inspection.setdefault(r["inspection_id"], []).append(r)
        outbox, submits = [], []
        for iid in inspections:
            draft = full[iid]
            rows = by_inspection[iid]
            submitted = {**draft, "status": "submitted", "rev": 2}
            submitted["digest"] = inspection_digest(submitted, [people[iid]], rows, [])
            submits.append((submitted["digest"], iid))
            outbox.append(("inspection", iid, draft))
            outbox.append(("inspection_person", people[iid]["id"], people[iid]))
            outbox += [("finding", r["id"], r) for r in rows]
            outbox.append(("inspection", iid, submitted))
        db.executemany(
            "UPDATE inspection SET status = 'submitted', rev = 2, digest = ? WHERE id = ?", submits
        )
        db.executemany(
            "INSERT INTO outbox (entity, entity_id, op, row, at) VALUES (?, ?, 'upsert', ?, ?)",
            [(e, i, json.dumps(r, ensure_ascii=False), stamp) for e, i, r in outbox],
        )
    return count * (len(codes) + 2)
