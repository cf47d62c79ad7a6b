"""Updates from the county's server, without Qt: which installer this laptop runs, what the
server offers (asked once per sync, app/sync/engine.py), and the download, verified.

The download goes to DATA_DIR/updates/<file name>.part (the folder holds the offered installer
only: a check removes earlier ones), resumed from the bytes it holds
(SyncClient.fetch_release: Range), and becomes DATA_DIR/updates/<file name> only once its size,
SHA-256 and Ed25519 signature (the manifest's, checked with the release keys that ship inside
the app: domain/release.py) all hold. A file that fails is deleted and refused by name
(`UpdateRefused`, "安装包校验失败：…"); nothing but the configured server is ever asked.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from app import __version__
from app.resources import resource_path
from app.sync.client import SyncClient
from app.sync.errors import SyncRejected
from domain.i18n import QT_TRANSLATE_NOOP, Message, Refusal
from domain.release import ReleaseOffer, ReleaseRefused, is_newer, trusted_keys, verify_file
from local_db import updates
from local_db.store import Store

log = logging.getLogger(__name__)
CONTEXT = "updates"
FOLDER = "updates"
PART = ".part"

# why a downloaded installer was refused (its code: domain/release.py, or too_large)
REFUSALS = {
    "size_mismatch": QT_TRANSLATE_NOOP(
        "updates", "Installer check failed: {file}: its size is not the size that was signed."
    ),
    "sha_mismatch": QT_TRANSLATE_NOOP(
        "updates", "Installer check failed: {file}: its SHA-256 is not the one that was signed."
    ),
    "bad_signature": QT_TRANSLATE_NOOP(
        "updates", "Installer check failed: {file}: its signature does not match."
    ),
    "untrusted_key": QT_TRANSLATE_NOOP(
        "updates",
        "Installer check failed: {file}: it is signed with a key this program does not trust.",
    ),
    "bad_platform": QT_TRANSLATE_NOOP(
        "updates", "Installer check failed: {file}: it is not an installer for this computer."
    ),
    "too_large": QT_TRANSLATE_NOOP(
        "updates", "Installer check failed: {file}: the server sent more than the signed size."
    ),
}
NO_OFFER = QT_TRANSLATE_NOOP("updates", "No update is on offer: sync first.")


class UpdateRefused(Refusal):
    """The downloaded installer was deleted: its message names the file and why."""


def current_platform() -> str | None:
    """The kind of installer this copy came from: windows-x64, linux-x64-deb (installed under
    /opt/apps, the UOS layout) or linux-x64-tar; None elsewhere (nothing is offered)."""
    if sys.platform == "win32":
        return "windows-x64"
    if sys.platform.startswith("linux"):
        return (
            "linux-x64-deb"
            if Path(sys.executable).resolve().is_relative_to("/opt/apps")
            else ("linux-x64-tar")
        )
    return None


def check(
    store: Store,
    client: SyncClient,
    platform: str | None = None,
    current: str = __version__,
) -> updates.Offer | None:
    """Ask the server for a newer installer and keep its answer (local_db/updates.py); the
    offer held afterwards. `platform`: this computer's unless given."""
    platform = platform or current_platform()
    if platform is None:
        return None
    found = client.latest_release(platform, current)
    offer = None if found is None else ReleaseOffer.model_validate(found)
    if updates.record_offer(store, offer) and offer is not None:
        log.info("the server offers %s %s (%s)", offer.platform, offer.version, offer.file_name)
    _tidy(folder(store.path.parent), offer.file_name if offer is not None else None)
    return updates.current(store)


def offered(store: Store, current: str = __version__) -> updates.Offer | None:
    """The offer held, when newer than the version running: once updated to it, a laptop that
    has not synced since is not offered what it runs."""
    offer = updates.current(store)
    return offer if offer is not None and is_newer(offer.version, current) else None


def _tidy(place: Path, keep: str | None) -> None:
    """The updates folder holds the offered installer only: an earlier one (installed, or no
    longer offered) and its parts go."""
    if not place.is_dir():
        return
    for path in place.iterdir():
        if path.is_file() and keep not in (path.name, path.name.removesuffix(PART)):
            try:
                path.unlink()
            except OSError:  # open elsewhere (an installer running): next time
                log.warning("could not remove %s", path.name)


def folder(data_dir: Path) -> Path:
    return Path(data_dir) / FOLDER


def refusal_message(code: str, file_name: str) -> Message:
    """Why an installer was refused, in words (its code as local_db/updates.py keeps it)."""
    return Message(CONTEXT, REFUSALS.get(code, REFUSALS["bad_signature"]), {"file": file_name})


def _refused(store: Store, offer: updates.Offer, code: str, detail: str) -> UpdateRefused:
    log.warning("update %s refused: %s", offer.file_name, detail)
    updates.mark(store, offer.id, "refused", None, code)
    return UpdateRefused(refusal_message(code, offer.file_name))


def download(
    store: Store,
    data_dir: Path,
    client: SyncClient,
    *,
    cancel: threading.Event | None = None,
    on_bytes: Callable[[int, int], None] | None = None,
) -> Path:
    """Download the offered installer (resuming a part left by an earlier try) and verify it;
    its path once verified. UpdateRefused (the file deleted) when it fails a check; a SyncError
    when the server cannot be reached (the part stays for the next try)."""
    offer = updates.current(store)
    if offer is None:
        raise Refusal(Message(CONTEXT, NO_OFFER))
    target = folder(data_dir) / offer.file_name
    if offer.state == "verified" and target.is_file():
        return _verified(store, offer, target)
    folder(data_dir).mkdir(parents=True, exist_ok=True)
    part = target.with_name(target.name + PART)
    progress = (lambda n: on_bytes(n, offer.size)) if on_bytes is not None else None
    try:
        client.fetch_release(offer.id, part, offer.size, cancel=cancel, on_bytes=progress)
    except SyncRejected as error:
        part.unlink(missing_ok=True)
        if error.status in (413, 416):
            raise _refused(store, offer, "too_large", error.detail) from None
        raise
    os.replace(part, target)
    return _verified(store, offer, target)


def _verified(store: Store, offer: updates.Offer, target: Path) -> Path:
    try:
        verify_file(target, offer.signed, trusted_keys(resource_path("release_keys")))
        if (offer.signed.manifest.sha256, offer.signed.manifest.size) != (offer.sha256, offer.size):
            raise ReleaseRefused(
                "sha_mismatch", f"{offer.file_name}: the offer and its manifest differ"
            )
    except ReleaseRefused as refused:
        target.unlink(missing_ok=True)
        raise _refused(store, offer, refused.code, refused.message) from None
    updates.mark(store, offer.id, "verified", str(target), None)
    return target
