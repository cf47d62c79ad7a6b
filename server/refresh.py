"""The refresh credential's exchange (POST /auth/refresh): a new access token without the
password, for a laptop back from weeks offline (issue 12, finding 6).

A login with a device id answers, beside the short access token, a refresh credential for that
device (server/auth.py `issue_refresh`). Presented with its device id, it is exchanged for a new
access token and its successor: each use rotates it and extends it (`refresh_ttl_seconds` from
now, sliding). Only SHA-256s are stored. Refused, each with its code and audited
(`refresh_refused`, the reason in the detail):

- unknown (never issued, or expired and purged): 401 `refresh_unknown`;
- presented with another device id than it was issued for: 401 `refresh_device_mismatch`;
- revoked: 401 `refresh_revoked` with `reason` (logout, a password, role, units or enabled
  change, the device released or revoked by an admin, a new login on the device);
- expired: 401 `refresh_expired`;
- already rotated out: a copy of an old credential, so the device's whole chain is revoked
  (`refresh_reuse` audited) and 401 `refresh_revoked` reason `reused`. One exception: the
  same credential again within `refresh_grace_seconds` of its rotation while its successor has
  never been used is a retry after a lost answer; it is rotated again (the unused successor
  is rotated out with it, so should that one turn up later, the chain is revoked then);
- the user disabled: 403 `account_disabled`; the device no longer bound to the user: revoked.

Guesses are throttled like logins (server/auth.py `_throttle`, as the name `refresh:<device>`
from the caller's address; they count toward the address's cap too); a success clears them. Only
an unknown credential counts as a failure: a revoked, expired or reused one is a real credential
(its holder guessed nothing), and an office of laptops told to log in again must not throttle
the logins of everyone behind its address.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa

from domain.clock import from_iso, to_iso, utc_now
from server import audit
from server.auth import (
    REVOKE_REASONS,
    Throttled,
    _lock_address,
    _throttle,
    _token_hash,
    issue_refresh,
    issue_token,
    load_user,
    revoke_refresh,
)
from server.db import device, login_attempt, reading, refresh_token
from server.errors import ApiError
from server.settings import Settings


@dataclass(frozen=True)
class Refused:
    error: ApiError
    audit_reason: str
    user_id: str | None = None


def throttle_name(device_id: str) -> str:
    return f"refresh:{device_id}"[:200]


def _revoked(reason: str | None) -> ApiError:
    code = REVOKE_REASONS.get(reason or "", "revoked")
    return ApiError(
        401,
        "refresh_revoked",
        f"this device's login was revoked ({reason or 'revoked'}): log in again",
        reason=code,
    )


def _check(
    conn: sa.Connection, settings: Settings, row: sa.Row | None, device_id: str, now: datetime
) -> Refused | None:
    """Why this credential may not be exchanged now, or None."""
    if row is None:
        return Refused(
            ApiError(401, "refresh_unknown", "unknown refresh credential: log in again"),
            "unknown",
        )
    if row.device_id != device_id:
        return Refused(
            ApiError(
                401,
                "refresh_device_mismatch",
                "this refresh credential was issued for another device: log in again",
            ),
            "device_mismatch",
            row.user_id,
        )
    if row.revoked_at is not None:
        return Refused(_revoked(row.revoked_reason), "revoked", row.user_id)
    if row.rotated_at is not None and not _retry(conn, settings, row, now):
        revoke_refresh(conn, row.user_id, "refresh credential reused", family=row.family)
        audit.record(
            conn,
            "refresh_reuse",
            user_id=row.user_id,
            device_id=row.device_id,
            detail={"family": row.family[:8]},
        )
        return Refused(_revoked("refresh credential reused"), "reused", row.user_id)
    if from_iso(row.expires_at) <= now:
        return Refused(
            ApiError(401, "refresh_expired", "the device's login has expired: log in again"),
            "expired",
            row.user_id,
        )
    user = load_user(conn, row.user_id)
    if user is None or not user.enabled:
        return Refused(
            ApiError(403, "account_disabled", "this account is disabled: ask an admin"),
            "disabled",
            row.user_id,
        )
    owner = conn.execute(
        sa.select(device.c.user_id).where(device.c.id == device_id)
    ).scalar_one_or_none()
    if owner != row.user_id:
        revoke_refresh(conn, row.user_id, "device released", device_id)
        return Refused(_revoked("device released"), "device_released", row.user_id)
    return None


def _retry(conn: sa.Connection, settings: Settings, row: sa.Row, now: datetime) -> bool:
    """A rotated-out credential sent again soon after its rotation, its successor unused: the
    answer to the first exchange was lost on the way."""
    if now - from_iso(row.rotated_at) > timedelta(seconds=settings.refresh_grace_seconds):
        return False
    r = refresh_token.c
    successor = conn.execute(
        sa.select(r.rotated_at, r.revoked_at).where(r.token_hash == row.replaced_by)
    ).first()
    return successor is not None and successor.rotated_at is None and successor.revoked_at is None


def exchange(
    engine: sa.Engine, settings: Settings, credential: str, device_id: str, address: str
) -> dict:
    """{token, expires_at, refresh_token, refresh_expires_at, user}; ApiError (401, 403) or
    Throttled (429)."""
    now = utc_now()
    name = throttle_name(device_id)
    with reading(engine) as conn:
        wait = _throttle(conn, settings, name, address, now)
    if wait is not None:
        raise Throttled(wait[0], wait[1], None)
    r = refresh_token.c
    presented = _token_hash(credential)
    refused: Refused | None = None
    with engine.begin() as conn:
        _lock_address(conn, address)
        wait = _throttle(conn, settings, name, address, now)  # again, under the lock
        if wait is not None:
            raise Throttled(wait[0], wait[1], None)
        row = conn.execute(  # PostgreSQL: two exchanges of one credential, one at a time
            sa.select(refresh_token).where(r.token_hash == presented).with_for_update()
        ).first()
        refused = _check(conn, settings, row, device_id, now)
        who = {"device_id": device_id[:200], "address": address}
        if refused is not None:
            if refused.audit_reason == "unknown":  # a guess
                conn.execute(
                    sa.insert(login_attempt).values(
                        username=name, address=address, at=to_iso(now), failed=True
                    )
                )
            audit.record(
                conn,
                "refresh_refused",
                user_id=refused.user_id,
                detail={"reason": refused.audit_reason},
                **who,
            )
        else:
            assert row is not None
            f = login_attempt.c
            conn.execute(sa.delete(login_attempt).where(f.username == name, f.address == address))
            value, expires = issue_token(conn, settings, row.user_id, device_id, now)
            fresh, until = issue_refresh(conn, settings, row.user_id, device_id, now, row.family)
            conn.execute(
                sa.update(refresh_token)
                .where(r.family == row.family, r.rotated_at.is_(None), r.revoked_at.is_(None))
                .where(r.token_hash != _token_hash(fresh))
                .values(rotated_at=to_iso(now), replaced_by=_token_hash(fresh))
            )
            if row.rotated_at is not None:  # a retry: its successor is now this one
                conn.execute(
                    sa.update(refresh_token)
                    .where(r.token_hash == presented)
                    .values(replaced_by=_token_hash(fresh))
                )
            conn.execute(
                sa.update(device).where(device.c.id == device_id).values(last_seen=to_iso(now))
            )
            user = load_user(conn, row.user_id)
            audit.record(conn, "refresh_ok", user_id=row.user_id, **who)
    if refused is not None:
        raise refused.error
    assert user is not None
    return {
        "token": value,
        "expires_at": expires,
        "refresh_token": fresh,
        "refresh_expires_at": until,
        "user": user.public(),
    }
