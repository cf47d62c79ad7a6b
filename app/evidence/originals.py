"""The originals an export needs, on this laptop before anything is written: those it lacks are
fetched from the server first (verified, app/photos/fetch.py) when this laptop is logged in; when
it is offline, not logged in, or a fetch fails, the export is refused with the list of what is
missing and what each belongs to (OriginalsMissing). No Qt: the CLI, the app's jobs and the
Qt-free tests call it on worker threads or headless.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from app.photos.blobstore import BlobStore
from app.photos.fetch import CANCELLED, LOGIN, OFFLINE, failure_kind, fetch_original
from app.sync.client import SyncClient
from local_db.kept_originals import NeededOriginal, describe
from local_db.store import Store

log = logging.getLogger(__name__)

ClientFactory = Callable[[], SyncClient]


ABSENT = "absent"  # found missing while a document was built (no fetch was tried)


class OriginalsMissing(Exception):
    """Originals a document needs are not on this laptop and could not be fetched: `missing`
    (each with what it belongs to) and `why` (a kind of app/photos/fetch.py: OFFLINE, LOGIN,
    MISSING, MISMATCH or FAILED; or ABSENT). The app and the CLI say it in words (missing_text)."""

    def __init__(self, missing: Sequence[NeededOriginal], why: str) -> None:
        self.missing = list(missing)
        self.why = why
        names = ", ".join(o.name for o in self.missing)
        super().__init__(f"{len(self.missing)} original(s) not on this laptop ({why}): {names}")


def login_client_factory(
    data_dir: Path, timeout: tuple[float, float] | None = None
) -> ClientFactory | None:
    """A client for the server and login the sync uses (the settings and the saved login,
    renewing itself with the device's refresh credential), or None when this laptop is not
    logged in."""
    from app.sync.account import account  # the settings are Qt's (QSettings)
    from app.sync.credentials import CredentialError, load_token
    from app.sync.session import saved_client

    known = account()
    server, username, ca_cert = known.server, known.username, known.ca_cert
    if not server or not username:
        return None
    try:
        if load_token(data_dir, server, username) is None:
            return None
    except CredentialError:
        log.warning("the saved login for %s could not be read", server, exc_info=True)
        return None

    def make() -> SyncClient:  # the saved login as it is when the fetch starts (renewed since?)
        try:
            client = saved_client(data_dir, server, username, ca_cert, timeout=timeout)
        except CredentialError:
            client = None
        if client is None:  # logged out meanwhile: the fetch says "log in"
            if timeout is None:
                return SyncClient(server, None, ca_cert)
            return SyncClient(server, None, ca_cert, timeout=timeout)
        return client

    return make


def blob_store(store: Store) -> BlobStore:
    return BlobStore(store.path.parent / "blobs")


def fetch_one(
    client: SyncClient,
    blobs: BlobStore,
    original: NeededOriginal,
    cancel: threading.Event | None,
) -> str | None:
    """Fetch one original into the blob store (whole and verified, or not at all): None when
    it came, else why not (a kind of app/photos/fetch.py; the detail goes to the log). A
    cancel is raised (SyncCancelled), never returned. The client's waits between tries end
    when `cancel` is set."""
    client.cancel = cancel
    try:
        fetch_original(
            client,
            blobs,
            original.sha256,
            byte_size=original.byte_size or None,
            name=original.name,
            cancel=cancel,
        )
    except Exception as error:
        kind = failure_kind(error)
        if kind == CANCELLED:
            raise
        log.warning("original %s not fetched (%s): %s", original.name, kind, error)
        return kind
    return None


def ensure_originals(
    store: Store,
    sha256s: Sequence[str],
    make_client: ClientFactory | None,
    *,
    cancel: threading.Event | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Make sure every one of these originals is on this laptop; returns how many were fetched.

    Raises OriginalsMissing (naming each one still missing) when not logged in (`make_client`
    None), offline, or a fetch failed; SyncCancelled when `cancel` was set. Nothing partial is
    ever kept: an original enters the blob store whole and verified, or not at all."""
    blobs = blob_store(store)
    lacking = [sha for sha in dict.fromkeys(sha256s) if not blobs.has(sha)]
    if not lacking:
        return 0
    wanted = describe(store, lacking)
    if make_client is None:
        raise OriginalsMissing(wanted, LOGIN)
    why = ""
    fetched = 0
    client = make_client()
    try:
        for n, original in enumerate(wanted):
            if progress is not None:
                progress(n, len(wanted))
            kind = fetch_one(client, blobs, original, cancel)
            if kind is None:
                fetched += 1
                continue
            why = why or kind
            if kind in (OFFLINE, LOGIN):
                break  # nothing more will come: say so at once
        if progress is not None:
            progress(len(wanted), len(wanted))
    finally:
        client.close()
    still = [o for o in wanted if not blobs.has(o.sha256)]
    if still:
        raise OriginalsMissing(still, why or OFFLINE)
    return fetched
