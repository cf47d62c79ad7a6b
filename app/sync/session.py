"""A client for the saved login (Qt-free): the access token and the device's refresh credential as
app/sync/credentials.py keeps them. A 401 renews the token with the credential (SyncClient
`_renewed`), and the new pair is saved at once in the same place: the credential sent is spent,
so the one kept must always be the latest. The clients of one login (the sync, photo fetches)
renew under one lock and read what another saved first, so two never spend the same credential.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

from app.sync.client import Renewal, SyncClient
from app.sync.credentials import CredentialError, StoredToken, load_token, save_token

log = logging.getLogger(__name__)
_locks: dict[str, threading.Lock] = {}
_locks_guard = threading.Lock()


def _lock(data_dir: Path, server: str, username: str) -> threading.Lock:
    name = f"{data_dir.resolve()}|{server.rstrip('/')}|{username}"
    with _locks_guard:
        return _locks.setdefault(name, threading.Lock())


def keep_login(
    data_dir: Path, server: str, username: str, answer: dict[str, Any], device_id: str | None
) -> str:
    """Save a login's or a renewal's answer: the token and the refresh credential with the
    device id it is bound to. Returns where it went: "keyring" or "file"."""
    return save_token(
        data_dir,
        server,
        username,
        answer["token"],
        answer.get("expires_at"),
        refresh_token=answer.get("refresh_token"),
        refresh_expires_at=answer.get("refresh_expires_at"),
        device_id=device_id if answer.get("refresh_token") else None,
    )


def renewal(data_dir: Path, server: str, username: str, stored: StoredToken) -> Renewal | None:
    """How a client of this saved login renews its token; None when the login has no refresh
    credential (made before the server gave one)."""
    if not stored.refresh_token or not stored.device_id:
        return None
    device_id = stored.device_id

    def keep(answer: dict[str, Any]) -> None:
        try:
            keep_login(data_dir, server, username, answer, device_id)
        except (CredentialError, OSError):
            # this client goes on with the new pair; the next start logs in again
            log.exception("the renewed login of %s could not be saved", username)

    def latest() -> tuple[str, str] | None:
        try:
            now = load_token(data_dir, server, username)
        except CredentialError:
            return None
        if now is None or not now.refresh_token:
            return None
        return now.token, now.refresh_token

    return Renewal(
        stored.refresh_token,
        device_id,
        keep=keep,
        latest=latest,
        lock=_lock(data_dir, server, username),
    )


def saved_client(
    data_dir: Path,
    server: str,
    username: str,
    ca_cert: str | None = None,
    timeout: float | tuple[float, float] | None = None,
) -> SyncClient | None:
    """A client logged in with the saved login, renewing it by itself; None when this laptop
    keeps no login for (server, username). CredentialError when the keyring refuses."""
    if not server or not username:
        return None
    stored = load_token(data_dir, server, username)
    if stored is None:
        return None
    extra: dict[str, Any] = {} if timeout is None else {"timeout": timeout}
    return SyncClient(
        server,
        stored.token,
        ca_cert,
        renewal=renewal(data_dir, server, username, stored),
        **extra,
    )
