"""The laptop's bundle signing key (Ed25519): made at the first online sync after a login, its
private half kept where the login is kept (app/sync/credentials.py: the keyring, or a 0600 file),
its public half registered with the server for (user, device) (PUT /devices/key). The server's
public key, which signs the answers, is remembered in the store's meta. Qt-free."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from app.sync.credentials import CredentialError, load_secret, save_secret
from app.sync.errors import SyncRejected
from domain import bundle_format
from local_db.store import Store

log = logging.getLogger(__name__)
REGISTERED = "bundle_key_registered"  # meta: "<user id>|<public key>" the server holds
SERVER_KEY = "bundle_server_key"  # meta: the server's public key (base64)


def key_name(device_id: str) -> str:
    return f"bundle-key|{device_id}"


def private_key(data_dir: Path, device_id: str) -> bytes | None:
    found = load_secret(data_dir, key_name(device_id))
    if found is None:
        return None
    return bundle_format.unb64(found[0].get("private_key"), 32)


def _ensure(data_dir: Path, device_id: str) -> bytes:
    key = private_key(data_dir, device_id)
    if key is None:
        key = bundle_format.new_private_key()
        secret = f'{{"private_key": "{bundle_format.b64(key)}"}}'
        where = save_secret(data_dir, key_name(device_id), secret)
        log.info("a new bundle signing key for device %s, kept in the %s", device_id, where)
    return key


def register_key(store: Store, data_dir: Path, client: Any) -> None:
    """At an online sync: make the key if there is none and register its public half, unless the
    server holds it for this user already. A server without bundles, or one refusing the key,
    changes nothing (the sync goes on; a bundle is refused until a later sync registers it)."""
    user = store.meta("local_person_id") or ""
    try:
        key = _ensure(data_dir, store.device_id)
    except (CredentialError, OSError) as error:  # the sync goes on; bundles wait
        log.warning("no bundle signing key could be kept: %s", error)
        return
    public = bundle_format.b64(bundle_format.public_key(key))
    if store.meta(REGISTERED) == f"{user}|{public}":
        return
    try:
        server_key = client.register_device_key(public)
    except SyncRejected as refused:  # the sync goes on: bundles wait for a later sync
        log.warning("the bundle key was not registered: %s", refused.detail)
        return
    if server_key is None:
        return
    with store.transaction():
        store.set_meta(REGISTERED, f"{user}|{public}")
        store.set_meta(SERVER_KEY, server_key)


def server_key(store: Store) -> bytes | None:
    return bundle_format.unb64(store.meta(SERVER_KEY), 32)
