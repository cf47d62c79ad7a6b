"""Export a USB-stick bundle (issue 17, domain/bundle_format.py): everything the outbox holds, in
the batches an online sync would push (same ranges and batch ids, pinned until answered:
local_db/sync_state.py), and the originals the server has not confirmed, signed with the
device's key (app/bundle/keys.py). Qt-free: the menu runs it on a worker thread."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path

from app.bundle import keys
from app.photos.blobstore import BlobStore
from app.sync.credentials import CredentialError
from app.sync.engine import SERVER_EPOCH
from domain import bundle_format
from domain.bundle_format import BundleRefused, Progress
from domain.clock import now_iso
from local_db import sync_state
from local_db.store import Store

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Exported:
    bundle_id: str
    files: list[Path]  # FILE, then its parts
    batches: int
    changes: int
    originals: int
    size: int  # bytes, all files together


def export_bundle(
    store: Store,
    data_dir: Path,
    out: Path,
    *,
    part_size: int | None = None,
    on_progress: Progress | None = None,
) -> Exported:
    """Write the bundle to `out` (and out.partN when larger than `part_size`). BundleRefused
    "not_ready" when this laptop never synced online with its key registered, "photo_missing"
    naming a photo whose original is not on this laptop: nothing is written then."""
    user = store.meta("local_person_id") or ""
    server_epoch = store.meta(SERVER_EPOCH) or ""
    try:
        key = keys.private_key(data_dir, store.device_id)
    except CredentialError as error:  # a keyring that refuses: as if there were no key
        log.warning("the bundle signing key cannot be read: %s", error)
        key = None
    registered = store.meta(keys.REGISTERED) or ""
    if not user or not server_epoch or key is None or not registered.startswith(f"{user}|"):
        raise BundleRefused(
            "not_ready",
            "this laptop has not synced online with its server since it logged in: its key is "
            "not registered, so the server could not trust a bundle",
        )
    batches = sync_state.outbox_batches(store)
    blob_store = BlobStore(data_dir / "blobs")
    originals: list[tuple[str, Path]] = []
    for sha, _size, name in sync_state.unconfirmed_blobs(store):
        path = blob_store.path(sha)
        if not path.is_file():
            raise BundleRefused(
                "photo_missing", f"photo {name or sha}: its original is not on this laptop", name
            )
        originals.append((sha, path))
    bundle_id = bundle_format.new_bundle_id()
    cursor = sync_state.cursor(store)
    bodies = [
        {
            "batch_id": b.batch_id(store.device_id),
            "device_id": store.device_id,
            "changes": b.changes,
        }
        for b in batches
    ]
    manifest = {
        "kind": bundle_format.KIND,
        "format": bundle_format.FORMAT,
        "bundle_id": bundle_id,
        "server_epoch": server_epoch,
        "user_id": user,
        "device_id": store.device_id,
        "created_at": now_iso(),
        "cursor": cursor,
        "batches": [
            {"batch_id": body["batch_id"], "changes": len(body["changes"])} for body in bodies
        ],
    }
    files = bundle_format.write_bundle(
        out, manifest, bodies, originals, key, part_size=part_size, on_progress=on_progress
    )
    sync_state.pin_batches(store, batches)
    with store.transaction():
        store.db.execute(
            "INSERT INTO bundle_export(bundle_id, created_at, cursor, batches, blobs) "
            "VALUES (?, ?, ?, ?, ?)",
            [
                bundle_id,
                manifest["created_at"],
                cursor,
                json.dumps(manifest["batches"]),
                len(originals),
            ],
        )
    return Exported(
        bundle_id,
        files,
        len(batches),
        sum(len(b.changes) for b in batches),
        len(originals),
        sum(f.stat().st_size for f in files),
    )
