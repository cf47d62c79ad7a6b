"""An office laptop keeps its evidence offline: after each sync, a reviewer's or an admin's
laptop fetches the originals of the submitted inspections and the notices' follow-up photos it
holds rows of (its user's units), newest first, within the budget its user set (the last N days,
at most N GB; local_db/kept_originals.py within_budget: a video or audio recording too large for
what is left is passed over, fetched when opened, and the older originals that fit are kept).
Inspectors' laptops fetch nothing of others'.

No Qt: the work of the job started by app/evidence/keep_job.py, on its own thread and its own
store connection. Each original comes through the verified fetch (app/photos/fetch.py): whole
and SHA-256 checked, or not at all. The work stops at its next original when cancelled; a later
run goes on with what is still missing (the blob store is the record of what arrived). Nothing
is ever deleted here.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from app.evidence.originals import ClientFactory, blob_store, fetch_one
from app.photos.fetch import LOGIN, OFFLINE
from app.sync.errors import SyncCancelled
from domain.clock import utc_now
from local_db.kept_originals import Budget, NeededOriginal, office_originals, within_budget
from local_db.reference import local_role
from local_db.store import Store

log = logging.getLogger(__name__)

OFFICE_ROLES = ("reviewer", "admin")
GIB = 1 << 30


@dataclass
class KeepReport:
    """How far the laptop's offline evidence is."""

    office: bool = True  # False: an inspector's laptop, which keeps no one else's originals
    wanted: int = 0  # originals within the budget
    held: int = 0  # of those, on this laptop now
    fetched: int = 0  # of those, fetched by this run
    beyond: int = 0  # originals outside the budget: not fetched
    failed: list[tuple[NeededOriginal, str]] = field(default_factory=list)  # and why (a kind)
    stopped: str = ""  # OFFLINE or LOGIN when the run stopped early


def budget_of(days: float, gigabytes: float) -> Budget:
    return Budget(days=max(0, int(days)), max_bytes=max(0, int(gigabytes * GIB)))


def keep_originals(
    store: Store,
    make_client: ClientFactory | None,
    budget: Budget,
    *,
    cancel: threading.Event | None = None,
    progress: Callable[[int, int], None] | None = None,
    now: datetime | None = None,
) -> KeepReport:
    """Fetch the originals this office laptop should hold and lacks; see the module docstring.
    `progress(held, wanted)` after each original. Raises SyncCancelled when cancelled."""
    if local_role(store) not in OFFICE_ROLES:
        return KeepReport(office=False)
    kept, beyond = within_budget(office_originals(store), budget, now or utc_now())
    blobs = blob_store(store)
    lacking = [o for o in kept if not blobs.has(o.sha256)]
    report = KeepReport(wanted=len(kept), held=len(kept) - len(lacking), beyond=len(beyond))
    if progress is not None:
        progress(report.held, report.wanted)
    if not lacking:
        return report
    if make_client is None:
        report.stopped = LOGIN
        return report
    client = make_client()
    try:
        for original in lacking:
            if cancel is not None and cancel.is_set():
                raise SyncCancelled("cancelled")
            kind = fetch_one(client, blobs, original, cancel)
            if kind in (OFFLINE, LOGIN):
                report.stopped = kind
                break
            if kind is not None:
                report.failed.append((original, kind))
            else:
                report.fetched += 1
                report.held += 1
            if progress is not None:
                progress(report.held, report.wanted)
    finally:
        client.close()
    log.info(
        "originals kept: %d of %d (%d fetched now, %d failed, %d beyond the budget)",
        report.held,
        report.wanted,
        report.fetched,
        len(report.failed),
        report.beyond,
    )
    return report
