"""The devices' bundle signing keys and the server's own (issue 17, USB-stick sync).

A laptop registers the public half of its Ed25519 key for (user, device) at an online sync
(`PUT /devices/key`, the device from its token); a bundle it signs is accepted only while that key
stands: a revoked device (an admin's revoke, unbind), a disabled account, a logout or a refresh
credential presented by a thief revoke it (`revoke`, called by auth.revoke_refresh). The server
signs its answers with its own key, kept in the data directory (0600); the laptop learns the public
half at the registration and checks every answer with it.
"""

from __future__ import annotations

import os
from pathlib import Path

import sqlalchemy as sa

from domain import bundle_format
from domain.clock import now_iso
from server.auth import User
from server.db import device, device_key, refresh_token
from server.errors import ApiError

SERVER_KEY_FILE = "bundle-signing.key"
# why a refresh credential is revoked (auth.REVOKE_REASONS) that revokes the bundle key too:
# never a password, role or units change (the laptop may be offline for weeks; its user stays)
REVOKING = {
    "logged out",
    "account disabled",
    "device released",
    "revoked by an admin",
    "refresh credential reused",
}


def server_private_key(data_dir: Path) -> bytes:
    """The server's answer signing key, made at first use (0600 from the first byte)."""
    path = Path(data_dir) / SERVER_KEY_FILE
    try:
        return path.read_bytes()
    except FileNotFoundError:
        pass
    key = bundle_format.new_private_key()
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another worker made it first
        return path.read_bytes()
    try:
        os.write(fd, key)
        os.fsync(fd)
    finally:
        os.close(fd)
    return key


def register(conn: sa.Connection, user: User, public_key: str) -> None:
    """Keep `public_key` (base64 of 32 bytes) for the device of the caller's token."""
    if not user.device_id:
        raise ApiError(400, "malformed", "this token names no device: log in again")
    if bundle_format.unb64(public_key, 32) is None:
        raise ApiError(422, "invalid", "public_key: base64 of a 32-byte Ed25519 key")
    owner = conn.execute(
        sa.select(device.c.user_id).where(device.c.id == user.device_id)
    ).scalar_one_or_none()
    if owner != user.id:
        raise ApiError(403, "device_not_yours", "keys are registered for your own device only")
    k = device_key.c
    held = conn.execute(sa.select(device_key).where(k.device_id == user.device_id)).first()
    if (
        held is not None
        and held.revoked_at is not None
        and not _logged_in_since(conn, user, held.revoked_at)
    ):
        # a token from before the revocation (a thief's, whose stolen refresh credential revoked
        # the chain) must not put a key of its own in place: only a login after it lifts it
        raise ApiError(
            403, "key_revoked", "this device's key was revoked: log in again to register one"
        )
    values = {"user_id": user.id, "public_key": public_key, "registered_at": now_iso()}
    done = conn.execute(
        sa.update(device_key)
        .where(k.device_id == user.device_id)
        .values(**values, revoked_at=None, revoked_reason=None)
    )
    if not done.rowcount:
        conn.execute(sa.insert(device_key).values(device_id=user.device_id, **values))


def _logged_in_since(conn: sa.Connection, user: User, moment: str) -> bool:
    """Whether the device holds a live refresh credential issued after `moment`: a login (or a
    renewal of one) later than a revocation, which revoked every credential of the device."""
    r = refresh_token.c
    live = conn.execute(
        sa.select(r.token_hash)
        .where(
            r.user_id == user.id,
            r.device_id == user.device_id,
            r.revoked_at.is_(None),
            r.issued_at >= moment,
        )
        .limit(1)
    ).first()
    return live is not None


def revoke(
    conn: sa.Connection,
    user_id: str,
    reason: str,
    device_id: str | None = None,
    family: str | None = None,
) -> None:
    """With the refresh credentials (auth.revoke_refresh): the bundle keys of the user (of one
    device, or of one credential chain's device) stop signing, for the reasons in REVOKING."""
    if reason not in REVOKING:
        return
    k = device_key.c
    query = sa.update(device_key).where(k.user_id == user_id, k.revoked_at.is_(None))
    if device_id is not None:
        query = query.where(k.device_id == device_id)
    elif family is not None:
        chain = sa.select(refresh_token.c.device_id).where(refresh_token.c.family == family)
        query = query.where(k.device_id.in_(chain))
    conn.execute(query.values(revoked_at=now_iso(), revoked_reason=reason))
