"""One sync: originals and the outbox in batches, then the server's changes. No Qt.

Originals go up on threads of their own (UPLOAD_LANES lanes, each with its own connection: one
lane's bytes keep the link busy while the other waits for the server's answer to a finished
file), in the order the outbox needs them, while this thread pushes the outbox: a batch leaves
only once the server has confirmed every original its photo rows name, so the server never sees
a photo row before its blob, and the records travel while the photos upload instead of after
them. While a batch waits for its originals, this thread pulls what has come back so far (the
last pull only has the tail) and makes, once, the calls that need none of this sync's pushes
(the server's list of this laptop's lost versions, the visit-plan assignments, official numbers;
at the end when no batch waited).

No Qt: in the app this runs inside one job (app/sync/qt_job.py). The upload threads are this sync's
own: they are always joined before sync_once returns (_Uploads.close), and their first error is
never swallowed — raised on the engine's thread, or logged when the sync already stopped for
another reason. After an error no lane takes another file; the other lane finishes the one it
is on, so a batch that needs only the originals already up still goes.

Nothing is marked done before the server confirms it; any failure leaves the rest pending and a
later sync carries on where this one stopped (same batch id for a batch whose answer was lost,
upload resumed from the server's offset, cursor only past pages already applied).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from app.bundle.keys import register_key
from app.photos.blobstore import BlobStore
from app.sync import errors as words
from app.sync.client import SyncClient
from app.sync.errors import (
    SyncCancelled,
    SyncError,
    SyncLocalError,
    SyncRejected,
    SyncServerError,
    sync_message,
)
from app.updates.core import check as check_update
from domain.clock import OFFICE_TZ_DEFAULT, office_zone, to_iso, utc_now
from local_db import conflicts, number_blocks, plan_assignments, receipts, sync_state
from local_db.reference import local_role
from local_db.store import Store

log = logging.getLogger(__name__)

# on_progress(phase, done, total): "photos" (originals), "upload_kib" (KiB of originals),
# "push" (changes), "pull" (changes received; total 0 = unknown).
Progress = Callable[[str, int, int], None]
PULL_LIMIT = 1000  # the most the server sends in one page
MAX_HELD_PULLED = 50_000  # changes kept back waiting for their parents before giving up
KIB = 1024
# originals uploaded at once, each on its own connection: two keep the link busy while one
# waits for the server's answer to a finished file (a round trip a file on a distant link)
UPLOAD_LANES = 2


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
    conflicts: int = 0  # losing versions kept here (pulls, lost pushes, the server's list)
    reopened: list[str] = field(default_factory=list)  # refused submissions opened as drafts
    assignments: int = 0  # this user's visit-plan assignments held after the sync
    quarantined: int = 0  # pulled changes set aside (local_db.sync_state.quarantined)
    digest_mismatch: list[str] = field(default_factory=list)
    cursor: int = 0
    status: sync_state.SyncStatus | None = None
    clock_skew_seconds: float | None = None  # this laptop's clock minus the server's, when flagged
    # the server was restored from a backup since the last sync (a new epoch): the cursor went
    # back to the restored seq (server/epoch.py); None when not
    server_restored_seq: int | None = None
    sent_again: int = 0  # then: snapshots it had sent that the restored server lacked, re-queued
    update_offered: str | None = None  # the version of a newer installer the server offers


def _check(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise SyncCancelled(words.CANCELLED, detail="sync cancelled between steps")


NUMBER_BLOCK = 50  # official notice numbers fetched at a time
NUMBER_LOW = 10  # fetch more when fewer than this remain for the year


def _top_up_numbers(store: Store, client: SyncClient, report: SyncReport, zone: str) -> None:
    """Keep a pad of official numbers so notices issued offline carry their final number; the
    year is this year in the office's `zone`. Each reservation carries a request id kept in the
    store until its block is: a retry after a lost answer gets the same block, not a new one."""
    year = datetime.now(office_zone(zone)).year
    for _ in range(2):  # a request left over from an earlier sync first, then this year's
        if number_blocks.remaining(store, year) >= NUMBER_LOW:
            return
        asked = number_blocks.request(store, year, NUMBER_BLOCK)
        block = client.reserve_numbers(
            store.device_id, asked["year"], asked["count"], request_id=asked["request_id"]
        )
        number_blocks.add_block(
            store, block["prefix"], block["year"], block["first"], block["last"]
        )
        report.numbers_reserved += block["last"] - block["first"] + 1


def sync_once(
    store: Store,
    data_dir: Path,
    client: SyncClient,
    *,
    on_progress: Progress | None = None,
    cancel: threading.Event | None = None,
    pull_limit: int = PULL_LIMIT,
    zone: str = OFFICE_TZ_DEFAULT,
    clock: Callable[[], datetime] = utc_now,
) -> SyncReport:
    """Run one complete sync (`zone`: the office's, for the year of notice numbers; `clock`:
    this laptop's, sent with each push for the server to compare with its own). Raises a
    SyncError (its `report` holds what was done) after recording the message as the store's
    last error."""
    report = SyncReport()
    progress = on_progress or (lambda _phase, _done, _total: None)
    client.cancel = cancel  # the client's waits between tries end when the sync is cancelled
    try:
        try:
            asked_aside = False

            def aside() -> None:
                """Once, while a batch waits for its originals (else at the end): the calls
                that need none of this sync's pushes."""
                nonlocal asked_aside
                if not asked_aside:
                    asked_aside = True
                    _collect_conflicts(store, client, report)
                    _fetch_assignments(store, client, report)
                    _learn_update(store, client, report)
                    _top_up_numbers(store, client, report, zone)

            register_key(store, data_dir, client)  # for USB-stick bundles (app/bundle/keys.py)
            for again in (False, True):  # again only after finding the server restored
                uploads = _start_uploads(store, data_dir, client, report, progress, cancel)
                try:

                    def pull() -> None:
                        pull_changes(store, client.pull, report, progress, cancel, pull_limit)

                    _push(
                        store,
                        client,
                        report,
                        progress,
                        cancel,
                        uploads,
                        pull,
                        pull_limit,
                        clock,
                        aside,
                    )
                    uploads.wait_all()
                finally:
                    uploads.close(store, report)
                pull_changes(store, client.pull, report, progress, cancel, pull_limit)
                if again or not store.meta(SEND_AGAIN):
                    break
                _send_again(store, client, report)
            aside()
        except sync_state.PullInconsistent as error:
            raise SyncServerError(words.BAD_ANSWER, detail=str(error)) from error
    except SyncError as error:
        error.report = report  # type: ignore[attr-defined]
        log.warning("sync stopped: %s", error.detail)
        sync_state.record_error(store, str(error), error.detail, error.message)
        raise
    sync_state.record_success(store)
    report.status = sync_state.sync_status(store)
    return report


# -- 1. originals --------------------------------------------------------------------------------
class _Uploads:
    """The originals the server lacks, uploaded in the order the outbox needs them on
    UPLOAD_LANES threads of their own, each with its own connection: while one lane waits for
    the server's answer to a finished file (a round trip), the other's bytes keep the link busy.

    The threads never touch the store (its SQLite connection is the engine's): they only say
    which originals the server now holds; `confirm` records them, from the engine's thread.
    """

    def __init__(
        self,
        client: SyncClient,
        blobs: BlobStore,
        todo: list[tuple[str, int, str, int | None]],  # sha256, byte size, name, server offset
        progress: Progress,
        cancel: threading.Event | None,
        lanes: int = 2,
    ) -> None:
        self.client = client
        self.blobs = blobs
        self.todo = todo
        self.progress = progress
        self.cancel = cancel
        self.lanes = max(1, min(lanes, len(todo)))
        self.scheduled = {sha for sha, _, _, _ in todo}
        self.state = threading.Condition()
        self.next = 0  # the index in `todo` the next free lane takes
        self.uploaded: set[str] = set()  # held by the server now
        self.unconfirmed: list[str] = []  # of those, not yet recorded in the store
        self.bytes_sent = 0
        self.done_bytes = 0  # of the files done
        self.positions: dict[int, int] = {}  # how far into each file in progress
        self.total_kib = max(1, sum(int(size or 0) for _, size, _, _ in todo) // KIB)
        self.shown_kib = -1
        self.error: BaseException | None = None
        self.running = 0  # lanes not yet stopped
        self.ended = False  # every lane has stopped (all sent, failed or cancelled)
        self.halt = threading.Event()  # the engine gave up: stop after the current file
        self.threads: list[threading.Thread] = []
        self.raised = False  # its error was raised on the engine's thread

    def start(self) -> None:
        if not self.todo:
            self.ended = True
            return
        self.progress("photos", 0, len(self.todo))
        self.running = self.lanes
        for lane in range(self.lanes):
            thread = threading.Thread(target=self._run, name=f"sync-uploads-{lane}")
            self.threads.append(thread)
            thread.start()

    def _take(self) -> int | None:
        """The next file for a free lane; None when none is left or the uploads stop."""
        with self.state:
            if self.error is not None or self.halt.is_set() or self.next >= len(self.todo):
                return None
            index, self.next = self.next, self.next + 1
            return index

    def _at(self, index: int, position: int) -> None:
        with self.state:
            self.positions[index] = position
            kib = (self.done_bytes + sum(self.positions.values())) // KIB
            if kib - self.shown_kib < 256 and position:
                return
            self.shown_kib = kib
        self.progress("upload_kib", min(kib, self.total_kib), self.total_kib)

    def _run(self) -> None:
        try:
            with self.client.connection():
                while (index := self._take()) is not None:
                    _check(self.cancel)
                    self._upload(index)
        except BaseException as error:  # handed to the engine's thread, raised there
            with self.state:
                if self.error is None:
                    self.error = error
                else:
                    log.debug("another upload lane failed too", exc_info=error)
        finally:
            with self.state:
                self.running -= 1
                self.ended = self.running == 0
                self.state.notify_all()

    def _upload(self, index: int) -> None:
        sha, _, name, offset = self.todo[index]
        path = self.blobs.path(sha)
        if not path.is_file():
            raise SyncLocalError(
                sync_message(words.PHOTO_MISSING, name=name),
                detail=f"photo {name}: its original {sha} is not in {path.parent}",
            )
        sent = self.client.upload_blob(
            path,
            sha,
            offset=offset,
            on_position=lambda position: self._at(index, position),
            cancel=self.cancel,
            name=name,
        )
        size = path.stat().st_size
        with self.state:
            self.positions.pop(index, None)
            self.done_bytes += size
            self.bytes_sent += sent
            self.uploaded.add(sha)
            self.unconfirmed.append(sha)
            done, kib = len(self.uploaded), self.done_bytes // KIB
            self.state.notify_all()
        self.progress("upload_kib", min(kib, self.total_kib), self.total_kib)
        self.progress("photos", done, len(self.todo))

    def _raise_stopped(self) -> None:
        if self.error is not None:
            self.raised = True
            raise self.error
        _check(self.cancel)
        raise SyncCancelled(words.CANCELLED, detail="the uploads stopped as the sync did")

    def wait_for(self, shas: set[str]) -> None:
        """Return once the server holds all these originals; raise why the uploads stopped if
        they stopped first. After a lane's error the other lane still finishes the file it is
        on (takes no other): a batch needing only that one still goes."""
        with self.state:
            while not shas <= self.uploaded:
                if self.ended:
                    self._raise_stopped()
                self.state.wait()

    def holds(self, shas: set[str]) -> bool:
        """Does the server hold all these originals already?"""
        with self.state:
            return shas <= self.uploaded

    def wait_all(self) -> None:
        with self.state:
            while not self.ended:
                self.state.wait()
            if self.error is not None:
                self.raised = True
                raise self.error

    def confirm(self, store: Store) -> None:
        """Record in the store the originals the server confirmed since the last call."""
        with self.state:
            shas, self.unconfirmed = self.unconfirmed, []
        if shas:
            sync_state.confirm_blobs(store, shas)

    def close(self, store: Store, report: SyncReport) -> None:
        """Stop (after the current files), wait for the lanes, record what was confirmed."""
        self.halt.set()
        for thread in self.threads:
            thread.join()
        if self.error is not None and not self.raised and not isinstance(self.error, SyncCancelled):
            log.warning("uploads stopped as the sync did", exc_info=self.error)
        self.confirm(store)
        report.photos_uploaded += len(self.uploaded)
        report.bytes_uploaded += self.bytes_sent


def _start_uploads(
    store: Store,
    data_dir: Path,
    client: SyncClient,
    report: SyncReport,
    progress: Progress,
    cancel: threading.Event | None,
) -> _Uploads:
    """Ask which originals the server lacks (and how much of each it holds already), record the
    others as confirmed, and start uploading the lacking ones in the order the outbox needs."""
    blobs = BlobStore(data_dir / "blobs")
    pending = sync_state.unconfirmed_blobs(store)  # in the order the outbox needs them
    todo: list[tuple[str, int, str, int | None]] = []
    if pending:
        _check(cancel)
        lacking = client.missing_offsets([sha for sha, _, _ in pending])
        held = [sha for sha, _, _ in pending if sha not in lacking]
        sync_state.confirm_blobs(store, held)
        report.photos_already_there += len(held)
        todo = [(sha, size, name, lacking[sha]) for sha, size, name in pending if sha in lacking]
    uploads = _Uploads(client, blobs, todo, progress, cancel, UPLOAD_LANES)
    uploads.start()
    return uploads


# -- 2. the outbox --------------------------------------------------------------------------------
def _push(
    store: Store,
    client: SyncClient,
    report: SyncReport,
    progress: Progress,
    cancel: threading.Event | None,
    uploads: _Uploads,
    pull: Callable[[], None],
    pull_every: int,
    clock: Callable[[], datetime] = utc_now,
    aside: Callable[[], None] = lambda: None,
) -> None:
    """Push the outbox batch after batch. A batch whose originals are still on their way waits
    for them; while it would wait, once `pull_every` changes went up since the last pull, this
    thread pulls what the server holds so far (mostly those changes coming back), so that little
    is left to pull when the last original is up; and it makes the calls `aside` makes (once)."""
    total = sync_state.sync_status(store).pending_changes
    done = 0
    since_pull = 0
    while True:
        _check(cancel)
        batch = sync_state.next_batch(store)
        if batch is None:
            return
        uploads.confirm(store)
        unconfirmed = {
            c["row"]["sha256"]: c["row"].get("original_name") or c["id"]
            for c in batch.changes
            if c["entity"] == "photo"
            and c["op"] == "upsert"
            and not sync_state.blob_confirmed(store, c["row"]["sha256"])
        }
        if set(unconfirmed) - uploads.scheduled:
            # attached while this sync ran: its original goes first, next time
            name = next(n for sha, n in unconfirmed.items() if sha not in uploads.scheduled)
            report.push_deferred = f"photo {name}: its original is not on the server yet"
            return
        if unconfirmed:  # on their way: the batch leaves once the server holds them all
            if not uploads.holds(set(unconfirmed)):
                if since_pull >= pull_every:
                    pull()
                    since_pull = 0
                if not uploads.holds(set(unconfirmed)):
                    aside()
            uploads.wait_for(set(unconfirmed))
            uploads.confirm(store)
            _check(cancel)
        progress("push", done, max(total, done + len(batch.changes)))
        sync_state.begin_push(store, batch)
        answer = client.push(
            {
                "batch_id": batch.batch_id(store.device_id),
                "device_id": store.device_id,
                "client_time": to_iso(clock()),  # the server compares it with its clock
                "changes": batch.changes,
            }
        )
        apply_push_answer(store, batch, answer, report)
        done += len(batch.changes)
        since_pull += len(batch.changes)
        progress("push", done, max(total, done))


def check_push_answer(batch: sync_state.Batch, answer: dict[str, Any]) -> None:
    """The answer must cover exactly the batch's changes (SyncServerError: nothing marked)."""
    entities = {c["id"] for c in batch.changes}
    answered = [r["id"] for r in answer["results"]]
    if sorted(answered) != sorted(entities):
        raise SyncServerError(
            words.BAD_ANSWER,
            detail=f"sending {len(entities)} changes: the answer covers {len(answered)} "
            "other ones; nothing was marked sent",
        )


def apply_push_answer(
    store: Store, batch: sync_state.Batch, answer: dict[str, Any], report: SyncReport
) -> None:
    """Record the server's answer to a pushed batch (online, or by USB stick: app/bundle/):
    what was accepted is sent, what was refused stays with its reason, official numbers, lost
    concurrent edits, receipts."""
    check_push_answer(batch, answer)
    entities = {c["id"]: c["entity"] for c in batch.changes}
    results: list[dict[str, Any]] = answer["results"]
    marked = sync_state.mark_sent(
        store, batch.last_seq, [{**r, "entity": entities[r["id"]]} for r in results]
    )
    if answer.get("server_time"):
        accepted = [(entities[r["id"]], r["id"]) for r in results if r["status"] == "accepted"]
        receipts.record_pushed(
            store, accepted, answer["server_time"], answer.get("clock_skew_seconds")
        )
    if answer.get("clock_skew"):
        report.clock_skew_seconds = answer.get("clock_skew_seconds")
    report.batches += 1
    report.accepted += marked.accepted
    report.rejected += marked.rejected
    report.official_numbers.update(marked.numbers)
    report.conflicts += marked.lost
    report.reopened += marked.reopened


# -- 3. the server's changes ----------------------------------------------------------------------
SERVER_EPOCH = "server_epoch"  # meta: the epoch of the server's database at the last pull
# meta: set with a new epoch of a restored server until what it lost was queued again (a sync
# that stops in between leaves it for the next)
SEND_AGAIN = "send_again_after_restore"


def _follow_epoch(store: Store, page: dict[str, Any], asked: int, report: SyncReport) -> int:
    """The cursor to pull from, given the first page's `epoch` (server/epoch.py): when the server
    was restored from a backup since this laptop's last pull, back to the restored seq if the
    cursor is beyond it (the server goes on from there: the changes above it are new), else
    `asked`. The epoch is remembered (with the cursor) in one transaction."""
    epoch = page.get("epoch")
    if not isinstance(epoch, str) or not epoch:
        return asked  # a server without epochs
    held = store.meta(SERVER_EPOCH)
    if held == epoch:
        return asked
    cursor = asked
    restored = page.get("restored_seq")
    if held is not None and isinstance(restored, int) and not isinstance(restored, bool):
        cursor = min(asked, max(0, restored))
        report.server_restored_seq = restored
        log.warning(
            "the server was restored from a backup holding changes up to %d; this laptop had "
            "pulled up to %d: pulling again from %d (what it sent after the backup goes again)",
            restored,
            asked,
            cursor,
        )
    with store.transaction():
        store.set_meta(SERVER_EPOCH, epoch)
        if cursor != asked:
            store.set_meta(sync_state.CURSOR, str(cursor))
        if report.server_restored_seq is not None:
            store.set_meta(SEND_AGAIN, str(report.server_restored_seq))
    return cursor


def _send_again(store: Store, client: SyncClient, report: SyncReport) -> None:
    """The server was restored from a backup: queue again what it lost of this laptop's rows
    (it says which rev it holds of each: POST /sync/held; local_db/sync_state.offer_again)."""
    rows = sync_state.sent_rows(store)
    held = dict(zip(rows, client.held_versions(rows), strict=True)) if rows else {}
    with store.transaction():
        report.sent_again = sync_state.offer_again(store, held)
        # a waiting edit pushed before the restore was noticed may have been refused for a row
        # it builds on that the server lost (a finding of a lost inspection): it goes again
        # with the rows queued above (one refused for its own reasons is refused again)
        report.sent_again += sync_state.retry_rejected(store)
        store.set_meta(SEND_AGAIN, "")
    log.warning(
        "the restored server lacked %d snapshot(s) this laptop had sent: sending them again",
        report.sent_again,
    )


def pull_changes(
    store: Store,
    fetch: Callable[[int, int], dict[str, Any]],
    report: SyncReport,
    progress: Progress,
    cancel: threading.Event | None,
    limit: int,
) -> None:
    """Apply the server's changes page after page (`fetch(cursor, limit)`: a page, from the
    server or from a USB-stick answer), the cursor following each page applied."""
    asked = sync_state.cursor(store)
    held: list[dict[str, Any]] = []  # changes of pages that cannot stand alone yet
    first = True
    while True:
        _check(cancel)
        page = fetch(asked, limit)
        report.pages += 1
        if first:
            first = False
            restart = _follow_epoch(store, page, asked, report)
            if restart != asked:  # the server was restored: its changes above restart are new
                asked = restart
                continue
        changes, more, next_cursor = page["changes"], page["more"], page["cursor"]
        if more and not changes and next_cursor == asked:
            raise SyncServerError(
                words.BAD_ANSWER,
                detail="receiving changes: the server says more but sends nothing",
            )
        held += changes
        try:
            applied = sync_state.apply_pulled(store, held, new_cursor=next_cursor, final=not more)
        except sync_state.PullIncomplete:
            if len(held) > MAX_HELD_PULLED:
                raise SyncServerError(
                    words.BAD_ANSWER,
                    detail="receiving changes: the server keeps sending rows whose parents "
                    "never come",
                ) from None
            asked = next_cursor
            continue
        report.pulled += len(held)
        report.conflicts += applied.conflicts
        report.quarantined += applied.quarantined
        report.digest_mismatch += applied.digest_mismatch
        report.cursor = next_cursor
        progress("pull", report.pulled, 0)
        held = []
        asked = next_cursor
        if not more:
            return


def _fetch_assignments(store: Store, client: SyncClient, report: SyncReport) -> None:
    """This user's visits of the plans, as the server decides (its own, up to tomorrow),
    in place of those held (local_db/plan_assignments.py); none asked of a server without plans."""
    answer = client.own_assignments()
    if answer is not None:
        report.assignments, left_out = plan_assignments.replace(store, answer)
        if left_out:
            log.warning("%d visit-plan assignments broke the contract: left out", left_out)
    if local_role(store) in ("reviewer", "admin"):  # the office keeps the commitments
        plans = client.plan_list()
        if plans is not None:
            plan_assignments.keep_commitments(store, plans)
            held = plan_assignments.revealed_periods(store)
            for plan in plans:  # each revealed plan once, kept as published then
                if plan.get("revealed_at") and plan["period"] not in held:
                    record = client.plan_detail(plan["period"])
                    plan_assignments.keep_revealed(store, record)


def _learn_update(store: Store, client: SyncClient, report: SyncReport) -> None:
    """Whether the server offers a newer installer for this computer (app/updates/core.py):
    one small call per sync. A server that answers it out of the contract is logged, not fatal."""
    try:
        offer = check_update(store, client)
    except SyncRejected as error:
        log.warning("the update check was refused: %s", error.detail)
        return
    report.update_offered = offer.version if offer is not None else None


def _collect_conflicts(store: Store, client: SyncClient, report: SyncReport) -> None:
    """Keep the versions of this laptop that lost after they were accepted (another laptop's
    winning edit came later): the server lists them per device (local_db/conflicts.py)."""
    while True:
        page = client.own_conflicts(conflicts.collected(store))
        report.conflicts += conflicts.collect(store, page)
        if not page["more"]:
            return
