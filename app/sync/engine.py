"""One sync: originals first, then the outbox in batches, then the server's changes. No Qt.

Nothing is marked done before the server confirms it; any failure leaves the rest pending and a
later sync carries on where this one stopped (same batch id for a batch whose answer was lost,
upload resumed from the server's offset, cursor only past pages already applied).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from app.photos.blobstore import BlobStore
from app.sync.client import SyncClient
from app.sync.errors import SyncCancelled, SyncError, SyncLocalError, SyncServerError
from local_db import number_blocks, sync_state
from local_db.store import Store

# on_progress(phase, done, total): "photos" (originals), "upload_kib" (KiB of originals),
# "push" (changes), "pull" (changes received; total 0 = unknown).
Progress = Callable[[str, int, int], None]
PULL_LIMIT = 500
MAX_HELD_PULLED = 50_000  # changes kept back waiting for their parents before giving up
KIB = 1024


@dataclass
class SyncReport:
    photos_uploaded: int = 0
    bytes_uploaded: int = 0
    photos_already_there: int = 0
    batches: int = 0
    accepted: int = 0
    rejected: int = 0
    official_numbers: dict[str, str] = field(default_factory=dict)  # notice id -> number
    numbers_reserved: int = 0
    push_deferred: str | None = None  # why some changes wait for the next sync
    pages: int = 0
    pulled: int = 0
    conflicts: int = 0
    digest_mismatch: list[str] = field(default_factory=list)
    cursor: int = 0
    status: sync_state.SyncStatus | None = None


def _check(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise SyncCancelled("sync cancelled; what was not confirmed stays pending")


BEIJING = ZoneInfo("Asia/Shanghai")
NUMBER_BLOCK = 50  # official notice numbers fetched at a time
NUMBER_LOW = 10  # fetch more when fewer than this remain for the year


def _top_up_numbers(store: Store, client: SyncClient, report: SyncReport) -> None:
    """Keep a pad of official numbers so notices issued offline carry their final number."""
    year = datetime.now(BEIJING).year
    if number_blocks.remaining(store, year) >= NUMBER_LOW:
        return
    block = client.reserve_numbers(store.device_id, year, NUMBER_BLOCK)
    number_blocks.add_block(store, block["prefix"], block["year"], block["first"], block["last"])
    report.numbers_reserved += block["last"] - block["first"] + 1


def sync_once(
    store: Store,
    data_dir: Path,
    client: SyncClient,
    *,
    on_progress: Progress | None = None,
    cancel: threading.Event | None = None,
    pull_limit: int = PULL_LIMIT,
) -> SyncReport:
    """Run one complete sync. Raises a SyncError (its `report` holds what was done) after
    recording the message as the store's last error."""
    report = SyncReport()
    progress = on_progress or (lambda _phase, _done, _total: None)
    try:
        try:
            _upload_blobs(store, data_dir, client, report, progress, cancel)
            _push(store, client, report, progress, cancel)
            _pull(store, client, report, progress, cancel, pull_limit)
            _top_up_numbers(store, client, report)
        except sync_state.PullInconsistent as error:
            raise SyncServerError(str(error)) from error
    except SyncError as error:
        error.report = report  # type: ignore[attr-defined]
        sync_state.record_error(store, str(error))
        raise
    sync_state.record_success(store)
    report.status = sync_state.sync_status(store)
    return report


# -- 1. originals ---------------------------------------------------------------------------------
def _upload_blobs(
    store: Store,
    data_dir: Path,
    client: SyncClient,
    report: SyncReport,
    progress: Progress,
    cancel: threading.Event | None,
) -> None:
    pending = sync_state.unconfirmed_blobs(store)
    if not pending:
        return
    _check(cancel)
    lacking = set(client.missing([sha for sha, _, _ in pending]))
    held = [sha for sha, _, _ in pending if sha not in lacking]
    sync_state.confirm_blobs(store, held)
    report.photos_already_there += len(held)
    todo = [p for p in pending if p[0] in lacking]
    blobs = BlobStore(data_dir / "blobs")
    total_kib = max(1, sum(int(size or 0) for _, size, _ in todo) // KIB)
    done_bytes = 0
    progress("photos", 0, len(todo))
    for index, (sha, _, name) in enumerate(todo):
        _check(cancel)
        path = blobs.path(sha)
        if not path.is_file():
            raise SyncLocalError(
                f"photo {name}: its original ({sha[:12]}…) is missing from this computer, "
                "so it cannot be sent; nothing after it was sent either"
            )
        shown = -1

        def at(position: int, base: int = done_bytes) -> None:
            nonlocal shown
            kib = (base + position) // KIB
            if kib - shown >= 256 or position == 0:
                shown = kib
                progress("upload_kib", min(kib, total_kib), total_kib)

        report.bytes_uploaded += client.upload_blob(path, sha, on_position=at, cancel=cancel)
        done_bytes += path.stat().st_size
        sync_state.confirm_blobs(store, [sha])
        report.photos_uploaded += 1
        progress("upload_kib", min(done_bytes // KIB, total_kib), total_kib)
        progress("photos", index + 1, len(todo))


# -- 2. the outbox --------------------------------------------------------------------------------
def _push(
    store: Store,
    client: SyncClient,
    report: SyncReport,
    progress: Progress,
    cancel: threading.Event | None,
) -> None:
    total = sync_state.sync_status(store).pending_changes
    done = 0
    while True:
        _check(cancel)
        batch = sync_state.next_batch(store)
        if batch is None:
            return
        unconfirmed = [
            c["row"].get("original_name") or c["id"]
            for c in batch.changes
            if c["entity"] == "photo"
            and c["op"] == "upsert"
            and not sync_state.blob_confirmed(store, c["row"]["sha256"])
        ]
        if unconfirmed:  # attached while this sync ran: its original goes first, next time
            report.push_deferred = f"photo {unconfirmed[0]}: its original is not on the server yet"
            return
        progress("push", done, max(total, done + len(batch.changes)))
        sync_state.begin_push(store, batch)
        answer = client.push(
            {
                "batch_id": batch.batch_id(store.device_id),
                "device_id": store.device_id,
                "changes": batch.changes,
            }
        )
        entities = {c["id"]: c["entity"] for c in batch.changes}
        results: list[dict[str, Any]] = answer["results"]
        answered = [r["id"] for r in results]
        if sorted(answered) != sorted(entities):
            raise SyncServerError(
                f"sending {len(entities)} changes: the answer covers {len(answered)} other ones; "
                "nothing was marked sent"
            )
        marked = sync_state.mark_sent(
            store, batch.last_seq, [{**r, "entity": entities[r["id"]]} for r in results]
        )
        report.batches += 1
        report.accepted += marked.accepted
        report.rejected += marked.rejected
        report.official_numbers.update(marked.numbers)
        done += len(batch.changes)
        progress("push", done, max(total, done))


# -- 3. the server's changes ----------------------------------------------------------------------
def _pull(
    store: Store,
    client: SyncClient,
    report: SyncReport,
    progress: Progress,
    cancel: threading.Event | None,
    limit: int,
) -> None:
    asked = sync_state.cursor(store)
    held: list[dict[str, Any]] = []  # changes of pages that cannot stand alone yet
    while True:
        _check(cancel)
        page = client.pull(asked, limit)
        report.pages += 1
        changes, more, next_cursor = page["changes"], page["more"], page["cursor"]
        if more and not changes and next_cursor == asked:
            raise SyncServerError("receiving changes: the server says more but sends nothing")
        held += changes
        try:
            applied = sync_state.apply_pulled(store, held, new_cursor=next_cursor, final=not more)
        except sync_state.PullIncomplete:
            if len(held) > MAX_HELD_PULLED:
                raise SyncServerError(
                    "receiving changes: the server keeps sending rows whose parents never come"
                ) from None
            asked = next_cursor
            continue
        report.pulled += len(held)
        report.conflicts += applied.conflicts
        report.digest_mismatch += applied.digest_mismatch
        report.cursor = next_cursor
        progress("pull", report.pulled, 0)
        held = []
        asked = next_cursor
        if not more:
            return
