"""Client laptops for the tests against the real server: a store logged in as a user and synced
once, and a submitted inspection with photos on one problem."""

from __future__ import annotations

from pathlib import Path

from app.photos.importer import import_one
from app.store_setup import open_store
from app.sync.client import SyncClient
from app.sync.engine import sync_once
from local_db import inspections as ops
from local_db.store import Store
from tests.server.conftest import PASSWORD


def laptop(server, name: str, folder: Path, base: str | None = None) -> tuple[Store, SyncClient]:
    """A fresh client store logged in as `name` (to `base`, else the fixture's server), synced
    once (it learns units, zones…)."""
    store = open_store(folder)
    client = SyncClient((base or server.base).removesuffix("/api/v1"))
    user = client.login(name, PASSWORD, store.device_id)["user"]
    with store.transaction():
        store.set_meta("local_person_id", user["id"])
    sync_once(store, folder, client)
    return store, client


def submitted_with_photos(
    store: Store,
    folder: Path,
    server,
    photos: list[Path],
    *,
    cases: int = 1,
    description: str = "占道",
    mode: str = "unannounced",
) -> dict:
    """A submitted inspection of zone A whose one problem (DL-09) carries `photos`."""
    me = store.meta("local_person_id")
    row = ops.start_inspection(
        store,
        template_id=server.template_id,
        zone_id=server.zones["A"],
        mode=mode,
        person_ids=[me],
    )
    finding = ops.record_finding(
        store, row["id"], "DL-09", "problem", cases=cases, description=description
    )
    for path in photos:
        import_one(store, folder, path, inspection_id=row["id"], finding_id=finding["id"])
    ops.mark_unanswered_ok(store, row["id"])
    return ops.submit_inspection(store, row["id"], actor=me)
