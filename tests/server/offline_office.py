"""An office laptop and the server it syncs with, for the offline-evidence tests: a server of the
test's own (SQLite, in a real process) that the test may stop, an inspector's laptop that submits
inspections with real, unique photos, and the office's laptop that syncs their rows (not their
originals)."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from app.photos.importer import import_one
from app.sync.client import SyncClient
from app.sync.engine import sync_once
from local_db import inspections as ops
from local_db.store import Store
from tests.server.conftest import Server, cli
from tests.server.laptops import laptop, submitted_with_photos
from tests.testdata import PHOTOS

PHOTO = PHOTOS / "gps" / "DSCN0012.jpg"


@contextmanager
def own_server(folder: Path) -> Iterator[Server]:
    """A fresh server (units A and B, inspector insp_a of A, reviewer `office` of all units,
    admin `boss`); stopped at the end, or earlier by the test (server.stop())."""
    folder.mkdir(parents=True, exist_ok=True)
    srv = Server(data_dir=folder, url=None, backend="sqlite")
    cli("init", data_dir=folder)
    for unit in ("A", "B"):
        out = json.loads(
            cli("unit", "add", f"单位{unit}", "--zone", f"片区{unit}", data_dir=folder)
        )
        srv.units[unit] = out["id"]
        srv.zones[unit] = out["zones"][f"片区{unit}"]
    srv.add_user("insp_a", "inspector", "A")
    srv.add_user("office", "reviewer")
    srv.add_user("boss", "admin")
    srv.start()
    pulled = srv.session("office").get(f"{srv.base}/sync/pull?limit=1000", timeout=10).json()
    template = next(c for c in pulled["changes"] if c["entity"] == "template")
    srv.template_id = template["id"]
    srv.template_version = template["row"]["version"]
    try:
        yield srv
    finally:
        srv.stop()


def unique_photos(folder: Path, count: int, stem: str = "DSC") -> list[Path]:
    """Real JPEGs, each with a tail of its own (so a SHA-256 of its own), named DSC_0001.jpg…"""
    folder.mkdir(parents=True, exist_ok=True)
    data = PHOTO.read_bytes()
    made = []
    for n in range(1, count + 1):
        path = folder / f"{stem}_{n:04d}.jpg"
        path.write_bytes(data + b"evidence-" + os.urandom(8).hex().encode())
        made.append(path)
    return made


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def inspector_submits(
    server: Server, folder: Path, batches: list[tuple[list[Path], str | None]]
) -> list[dict]:
    """insp_a's laptop submits one inspection per (photos, started_at) — its problem DL-09
    carrying the photos, started then (None: now) — and syncs them."""
    store, client = laptop(server, "insp_a", folder)
    me = store.meta("local_person_id")
    done = []
    try:
        for photos, started_at in batches:
            if started_at is None:
                done.append(submitted_with_photos(store, folder, server, photos))
                continue
            row = ops.start_inspection(
                store,
                template_id=server.template_id,
                zone_id=server.zones["A"],
                mode="unannounced",
                person_ids=[me],
                started_at=started_at,
            )
            finding = ops.record_finding(
                store, row["id"], "DL-09", "problem", cases=1, description="占道"
            )
            for path in photos:
                import_one(store, folder, path, inspection_id=row["id"], finding_id=finding["id"])
            ops.mark_unanswered_ok(store, row["id"])
            done.append(ops.submit_inspection(store, row["id"], actor=me, accept_warnings=True))
        sync_once(store, folder, client)
        return done
    finally:
        client.close()
        store.close()


def office_laptop(server: Server, folder: Path, name: str = "office") -> tuple[Store, str]:
    """The office's laptop logged in as `name` and synced: (its store, its token)."""
    store, client = laptop(server, name, folder)
    try:
        sync_once(store, folder, client)
        assert client.token
        return store, client.token
    finally:
        client.close()


def client_of(server: Server, token: str):
    """A client factory as the app's (a new client for each job)."""
    base = server.base.removesuffix("/api/v1")
    return lambda: SyncClient(base, token)


def inspector_rectifies(server: Server, folder: Path, inspection: dict, after: Path) -> str:
    """insp_a's laptop issues a notice for the inspection's problem, records its 整改回执 with
    `after` as the after-photo, and syncs; returns the notice's number."""
    from datetime import timedelta

    from domain.clock import to_iso, utc_now
    from local_db.follow_up import attach_follow_up_photo, record_rectification
    from local_db.notices import issue_notice, record_event

    store, client = laptop(server, "insp_a", folder)
    me = store.meta("local_person_id")
    try:
        found = ops.findings(store, inspection["id"]).values()
        [finding] = [f for f in found if f["result"] == "problem"]
        notice = issue_notice(
            store,
            inspection_id=inspection["id"],
            unit_id=server.units["A"],
            finding_ids=[finding["id"]],
            requirements="立即清理占道物品。",
            due_at=to_iso(utc_now() + timedelta(days=3)),
            issued_by=me,
        )
        record_event(store, notice["id"], "acknowledged", actor=me, signer="李建华")
        record_rectification(store, notice["id"], "已清理。", actor=me)
        [rectification] = store.rows(
            "SELECT id FROM rectification WHERE notice_id = ?", [notice["id"]]
        )
        import_one(
            store,
            folder,
            after,
            inspection_id="",
            finding_id=None,
            attach=lambda s, meta: attach_follow_up_photo(
                s, meta, rectification_id=rectification["id"]
            ),
        )
        report = sync_once(store, folder, client)
        assert report.rejected == 0
        row = store.row("notice", notice["id"])
        assert row is not None
        return row["number"]
    finally:
        client.close()
        store.close()
