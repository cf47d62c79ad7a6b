"""Sync under faults, the parts shared by the CI test (tests/server/test_sync_faults.py) and the
long run (bench/sync_faults.py): a laptop that edits, imports photos and syncs through the fault
proxy, the kill -9 rounds of the laptop and of the server, and the comparison of server and
laptop row by row and blob by blob.

Everything is real: the server process (tests/server/conftest.py), the engine and client, the
store, the photo importer with the shared test photos. Faults are drawn from a seeded random.
"""

from __future__ import annotations

import hashlib
import json
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from random import Random
from typing import Any

import sqlalchemy as sa

from app.photos.importer import import_one
from app.store_setup import open_store
from app.sync.client import Retries, SyncClient
from app.sync.engine import sync_once
from app.sync.errors import SyncError
from domain.wire import ENTITIES
from local_db import inspections as ops
from local_db.store import STORE_FILE, Store
from tests.faults.proxy import FAULTS, KILLS, FaultProxy
from tests.server.conftest import PASSWORD, ROOT, Server
from tests.testdata import PHOTOS

# What a message the user reads may not hold: a SHA-256, the HTTP library's own words.
RAW = re.compile(
    r"[0-9a-f]{64}|RemoteDisconnected|Connection aborted|HTTPConnectionPool|Errno|Max retries"
    r"|timed out|Traceback|urllib3|requests\.|IncompleteRead|ProtocolError|Read timed"
)
REFERENCE = ("person", "unit", "zone", "template")  # the office's; laptops only read them
FAST = Retries(attempts=4, first=0.02, cap=0.1)  # the test's waits: short, honoured, capped


def test_photos() -> list[Path]:
    """The shared photos a camera would take (not the broken ones)."""
    folders = ("cameras", "gps", "orientation")
    return sorted(p for f in folders for p in (PHOTOS / f).iterdir() if p.suffix == ".jpg")


@dataclass
class Figures:
    faults: Counter[str] = field(default_factory=Counter)
    syncs: int = 0
    failed_syncs: int = 0
    messages: Counter[str] = field(default_factory=Counter)
    edits: Counter[str] = field(default_factory=Counter)
    client_kills: int = 0
    server_kills: int = 0
    rows_compared: int = 0
    blobs_compared: int = 0
    seconds: float = 0.0

    def report(self) -> dict[str, Any]:
        return {
            "faults": sum(self.faults.values()),
            "faults_by_kind": dict(sorted(self.faults.items())),
            "syncs": self.syncs,
            "failed_syncs": self.failed_syncs,
            "edits": dict(self.edits),
            "client_kills": self.client_kills,
            "server_kills": self.server_kills,
            "rows_compared": self.rows_compared,
            "blobs_compared": self.blobs_compared,
            "seconds": round(self.seconds, 1),
            "messages": dict(self.messages),
        }


def check_words(error: SyncError) -> str:
    """The message the user reads: in words, no raw library text, no SHA (AssertionError)."""
    text = str(error)
    assert not RAW.search(text), f"raw text reached the user: {text!r} ({error.detail})"
    assert error.detail, "the technical detail is kept for the log"
    return text


# -- a laptop ------------------------------------------------------------------------------------
def login(server: Server, folder: Path, base: str, user: str = "insp_a") -> Store:
    """A fresh store logged in as `user` at `base` (the proxy, its faults off)."""
    store = open_store(folder)
    client = SyncClient(base)
    answer = client.login(user, PASSWORD, store.device_id)
    client.close()
    with store.transaction():
        store.set_meta("local_person_id", answer["user"]["id"])
        store.set_meta("fault_token", answer["token"])
    return store


def client_for(store: Store, base: str, read_timeout: float = 3.0) -> SyncClient:
    return SyncClient(base, store.meta("fault_token"), timeout=(3.0, read_timeout), retries=FAST)


def edit(
    store: Store,
    folder: Path,
    server: Server,
    rng: Random,
    photos: list[Path],
    zone: str | None = None,
) -> str:
    """One thing an inspector does: start an inspection (in `zone`, else unit A's), attach a
    photo, edit a finding, or submit a draft. Returns which."""
    me = store.meta("local_person_id")
    drafts = [  # this inspector's own (others' drafts, pulled, are theirs to edit)
        r["id"]
        for r in store.rows(
            "SELECT i.id FROM inspection i JOIN inspection_person p ON p.inspection_id = i.id "
            "WHERE i.status = 'draft' AND p.person_id = ? ORDER BY i.id",
            [me],
        )
    ]
    roll = rng.random()
    if not drafts or roll < 0.15:
        row = ops.start_inspection(
            store,
            template_id=server.template_id,
            zone_id=zone or server.zones["A"],
            mode="open",
            person_ids=[me],
        )
        ops.record_finding(store, row["id"], "DL-09", "problem", cases=1, description="占道经营")
        return "inspection"
    target = rng.choice(drafts)
    finding = ops.findings(store, target)["DL-09"]
    if roll < 0.55:
        import_one(
            store, folder, rng.choice(photos), inspection_id=target, finding_id=finding["id"]
        )
        return "photo"
    if roll < 0.9 or not ops.photo_counts(store, target):
        ops.record_finding(
            store,
            target,
            "DL-09",
            "problem",
            cases=rng.randint(1, 9),
            description=f"占道经营，第{rng.randint(1, 10**6)}次记录",
        )
        return "edit"
    ops.mark_unanswered_ok(store, target)
    ops.submit_inspection(store, target, actor=me, accept_warnings=True)
    return "submit"


def faulty_syncs(
    server: Server,
    folder: Path,
    *,
    faults: int,
    seed: int,
    rate: float = 0.35,
    read_timeout: float = 1.0,
    user: str = "insp_a",
) -> Figures:
    """Drive the engine through at least `faults` injected faults (a share `rate` of its
    requests), with one to three edits before each sync; then sync cleanly."""
    rng = Random(seed)
    photos = test_photos()
    figures = Figures()
    started = time.perf_counter()
    with FaultProxy(_port(server)) as proxy:
        base = proxy.base
        store = login(server, folder, base, user)
        client = client_for(store, base, read_timeout)
        sync_once(store, folder, client)  # the reference rows first
        proxy.plan = lambda _m, _p: rng.choice(FAULTS) if rng.random() < rate else None
        while sum(proxy.seen.values()) < faults:
            for _ in range(rng.randint(1, 3)):
                figures.edits[edit(store, folder, server, rng, photos)] += 1
            figures.syncs += 1
            try:
                sync_once(store, folder, client)
            except SyncError as error:
                figures.failed_syncs += 1
                figures.messages[check_words(error)] += 1
        proxy.plan = lambda _m, _p: None
        figures.faults.update(proxy.seen)
        client.close()
        client = client_for(store, base)  # the usual patience for the last, clean syncs
        settle(store, folder, client)
        figures.seconds = time.perf_counter() - started
        client.close()
        rows, blobs = compare(server, store, folder)
        figures.rows_compared, figures.blobs_compared = rows, blobs
        store.close()
    return figures


def clean_syncs(server: Server, folder: Path, *, syncs: int, seed: int, user: str) -> float:
    """The same work without faults: seconds for `syncs` syncs with edits between them."""
    rng = Random(seed)
    photos = test_photos()
    started = time.perf_counter()
    with FaultProxy(_port(server)) as proxy:
        store = login(server, folder, proxy.base, user)
        client = client_for(store, proxy.base)
        sync_once(store, folder, client)
        for _ in range(syncs):
            for _ in range(rng.randint(1, 3)):
                edit(store, folder, server, rng, photos)
            sync_once(store, folder, client)
        client.close()
        store.close()
    return time.perf_counter() - started


def settle(store: Store, folder: Path, client: SyncClient) -> None:
    """Sync until nothing waits (the last one changes nothing)."""
    for _ in range(5):
        report = sync_once(store, folder, client)
        status = report.status
        if status is not None and not status.pending_changes and not status.pending_photos:
            return
    raise AssertionError(f"work still waits after five clean syncs: {report.status}")


def _port(server: Server) -> int:
    return _port_of(server.bases[-1])  # the latest process (after restarts)


# -- the comparison ------------------------------------------------------------------------------
def _plain(value: Any) -> Any:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def compare(server: Server, store: Store, folder: Path, unit: str = "A") -> tuple[int, int]:
    """Server and laptop hold the same rows (every row of the laptop's jurisdiction, field by
    field) and the same originals (byte by byte); nothing waits in the outbox. Returns how many
    rows and blobs were compared."""
    assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    waiting = store.db.execute("SELECT count(*) FROM outbox WHERE state != 'sent'").fetchone()[0]
    assert waiting == 0, f"{waiting} change(s) still in the outbox"
    engine = server.engine()
    rows = 0
    try:
        with engine.connect() as conn:
            for entity in ENTITIES:
                table = _server_table(entity)
                if table is None:
                    continue
                query = sa.select(table.c.id, table.c.row).where(
                    sa.or_(table.c.scope_unit.is_(None), table.c.scope_unit == server.units[unit])
                )
                held = {i: json.loads(r) for i, r in conn.execute(query)}
                local = {r["id"]: r for r in store.rows(f"SELECT * FROM {entity}")}
                if entity in REFERENCE:  # seeded on the laptop too (app/store_setup.py)
                    assert set(held) <= set(local), f"{entity}: not all pulled"
                    continue
                assert set(held) == set(local), (
                    f"{entity}: only on the server {sorted(set(held) - set(local))[:5]}, "
                    f"only on the laptop {sorted(set(local) - set(held))[:5]}"
                )
                for ident, row in local.items():
                    theirs = held[ident]
                    different = {
                        k: (v, theirs.get(k))
                        for k, v in row.items()
                        if _plain(v) != _plain(theirs.get(k))
                    }
                    assert not different, f"{entity} {ident} differs: {different}"
                rows += len(local)
    finally:
        engine.dispose()
    blobs = 0
    # the originals this laptop took (pulled photo rows come without theirs)
    shas = {
        r["sha256"]
        for r in store.rows("SELECT sha256 FROM photo WHERE device_id = ?", [store.device_id])
    }
    for sha in sorted(shas):
        mine = folder / "blobs" / sha[:2] / sha[2:4] / sha
        data = server.stored(sha)  # from its disk or its bucket
        assert data is not None, f"the server lacks the original {sha}"
        assert data == mine.read_bytes() and hashlib.sha256(data).hexdigest() == sha
        blobs += 1
    return rows, blobs


def _server_table(entity: str) -> sa.Table | None:
    from server.db import ENTITY_TABLES

    return ENTITY_TABLES.get(entity)


def verify_server(server: Server) -> str:
    """`ducha-server verify`: every blob re-hashed, every submitted digest recomputed."""
    from tests.server.conftest import run_cli

    done = run_cli("verify", url=server.url, data_dir=server.data_dir)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


# -- kill -9 of the laptop -----------------------------------------------------------------------
def kill_laptop_rounds(
    server: Server, folder: Path, *, kills: int, seed: int, user: str = "insp_a2"
) -> Figures:
    """A laptop process (tests/faults/laptop_worker.py) edits and syncs in a loop; it is killed
    with SIGKILL after a random number of its steps, `kills` times, each time reopened by the
    next. Then a clean sync here and the comparison."""
    rng = Random(seed)
    figures = Figures()
    started = time.perf_counter()
    base = server.base.removesuffix("/api/v1")
    store = login(server, folder, base, user)
    sync_once(store, folder, client_for(store, base))
    store.close()
    for round_ in range(kills):
        steps = rng.randint(1, 40)
        worker = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.faults.laptop_worker",
                str(folder),
                base,
                server.template_id,
                server.zones["A"],
                str(seed * 1000 + round_),
            ],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert worker.stdout is not None
        # one line a step: an edit, a sync's progress, a sync's end
        for seen, _line in enumerate(worker.stdout, 1):
            if seen >= steps:
                break
        worker.send_signal(signal.SIGKILL)
        worker.wait()
        assert worker.returncode == -signal.SIGKILL, worker.stderr.read() if worker.stderr else ""
        worker.stdout.close()
        if worker.stderr is not None:
            worker.stderr.close()
        figures.client_kills += 1
    store = open_store(folder)
    assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    client = client_for(store, base)
    settle(store, folder, client)
    figures.seconds = time.perf_counter() - started
    client.close()
    figures.rows_compared, figures.blobs_compared = compare(server, store, folder)
    store.close()
    sqlite_ok(folder / STORE_FILE)
    return figures


def sqlite_ok(path: Path) -> None:
    import sqlite3

    db = sqlite3.connect(path)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        db.close()


# -- kill -9 of the server -----------------------------------------------------------------------
def kill_server_rounds(
    server: Server, folder: Path, *, kills: int, seed: int, user: str = "insp_b"
) -> Figures:
    """The server process is killed (SIGKILL) while it takes a push or an upload — half a body
    in, the whole request in, or its answer on the way — `kills` times; after each, a new one
    starts on the same data and the proxy points at it. The laptop edits and syncs all along.
    Then a clean sync and the comparison, and `verify`."""
    rng = Random(seed)
    photos = test_photos()
    figures = Figures()
    started = time.perf_counter()
    killed = {"due": False}

    def kill() -> None:
        server.processes[-1].send_signal(signal.SIGKILL)
        server.processes[-1].wait()
        killed["due"] = True

    unit = "B" if user == "insp_b" else "A"
    with FaultProxy(_port(server)) as proxy:
        proxy.killer = kill
        store = login(server, folder, proxy.base, user)
        client = client_for(store, proxy.base, read_timeout=10.0)
        sync_once(store, folder, client)
        zone = server.zones[unit]

        def plan(method: str, path: str) -> str | None:
            writes = (method == "POST" and path.endswith("/sync/push")) or method == "PUT"
            if writes and not killed["due"] and figures.server_kills < kills and rng.random() < 0.3:
                figures.server_kills += 1
                return rng.choice(KILLS)
            return None

        proxy.plan = plan
        while figures.server_kills < kills:
            for _ in range(rng.randint(1, 4)):
                figures.edits[edit(store, folder, server, rng, photos, zone)] += 1
            figures.syncs += 1
            try:
                sync_once(store, folder, client)
            except SyncError as error:
                figures.failed_syncs += 1
                figures.messages[check_words(error)] += 1
            if killed["due"]:
                proxy.retarget(_port_of(server.start()))
                killed["due"] = False
        proxy.plan = lambda _m, _p: None
        settle(store, folder, client)
        figures.seconds = time.perf_counter() - started
        client.close()
        figures.rows_compared, figures.blobs_compared = compare(server, store, folder, unit)
        store.close()
    return figures


def _port_of(base: str) -> int:
    return int(base.split(":")[2].split("/")[0])
