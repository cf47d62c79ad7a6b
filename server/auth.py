"""Users, passwords (argon2), tokens (only their SHA-256 is stored), devices, login throttling.

A login runs in three steps, so argon2 (~0.3 s of CPU) never runs inside a database
transaction, nor on the event loop (server/app.py runs each step in the threadpool and bounds
the hashes computed at once with a semaphore):

1. `begin_login`: a short write transaction checks the throttle, notes the attempt (in
   flight: it counts as a failure of its (name, address), so parallel guesses at one name are
   throttled too) and reads the user.
2. `verify`: argon2, against the user's hash, or a dummy hash for an unknown name, so both
   take the same time and names cannot be told apart.
3. `finish_login`: a short write transaction: a wrong password keeps the failure (its time
   moved to now); a right one clears the (name, address) failures, binds the device and
   issues the token. Each outcome is audited.

Throttling instead of lockout: a user is never locked out by someone else's failures. Per
(name, address), the first `login_free_failures` failures of the last `login_window` seconds
answer at once; after that each try waits `login_delay × 2^k` seconds (k = failures beyond
the free ones, capped at `login_delay_max`) after the last failure, else 429 with Retry-After.
Per address, `login_ip_failures` failures in the window, across names, answer 429 until the
oldest ages out, and so do more than `login_ip_pending` logins in flight at once (many users
behind one office NAT logging in together are not failures).

A disabled user can neither log in nor use a token; tokens are revoked on logout and when the
password, role, units or enabled state change (`revoke_tokens`); expired ones (and failures
older than the window) are purged at each login attempt that is not throttled, and at start.

A login with a device id also answers the device's refresh credential (`issue_refresh`; the
exchange is server/refresh.py): access tokens stay short, the credential lasts
`refresh_ttl_seconds` after its last use. It follows the tokens' rules: `revoke_tokens` revokes
it too, and so does logout (the device's), a new login on the device, and `device revoke`.

A device id belongs to the user who first logged in with it: another user logging in with it
answers 403 `device_bound` (after the password was checked: nothing is told without it), and
so does another user's push for it (`claim_device`). Number blocks are only for a device bound
to the caller (`own_device`).
"""

from __future__ import annotations

import functools
import hashlib
import math
import secrets
import zlib
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from fastapi import Request

from domain.clock import from_iso, to_iso, utc_now
from server import audit
from server.db import app_user, device, login_attempt, reading, refresh_token, token, user_unit
from server.errors import ApiError
from server.settings import Settings

ROLES = ("inspector", "reviewer", "admin")
_hasher = PasswordHasher()
LOGIN_LOCK = 0x0D0C4B  # pg_advisory_xact_lock(LOGIN_LOCK, address) class: one address at a time
PURGE_LOCK = 0x0D0C4C  # pg_try_advisory_xact_lock key: one purger at a time
MAX_DEVICE_ID = 200


@dataclass(frozen=True)
class User:
    id: str
    username: str
    name: str
    role: str
    all_units: bool
    units: frozenset[str]
    enabled: bool = True
    must_change_password: bool = False  # a one-time password: only change-password and logout
    # of the request that authenticated (for the audit): where it came from, the token's device
    address: str | None = None
    device_id: str | None = None

    def sees(self, unit_id: str | None) -> bool:
        return unit_id is None or self.all_units or unit_id in self.units

    def public(self) -> dict:
        return {
            "id": self.id,
            "username": self.username,
            "name": self.name,
            "role": self.role,
            "all_units": self.all_units,
            "units": sorted(self.units),
        }


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored: str, password: str) -> bool:
    """Whether `password` matches the argon2 hash `stored` (slow on purpose)."""
    try:
        return _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


@functools.cache
def dummy_hash() -> str:
    """A hash of a random password with the same parameters: verified for unknown names."""
    return _hasher.hash(secrets.token_urlsafe(24))


def _token_hash(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


token_hash = _token_hash  # how a token is stored (server/routes_admin.py: the caller's own)


def client_address(request: Request, settings: Settings) -> str:
    """The caller's address: the peer, or behind a trusted proxy the last X-Forwarded-For entry
    (the one the proxy appended; entries before it are whatever the client claimed)."""
    if settings.trust_proxy:
        forwarded = request.headers.get("x-forwarded-for", "")
        last = forwarded.split(",")[-1].strip()
        if last:
            return last[:64]
    return request.client.host if request.client else "unknown"


def load_user(conn: sa.Connection, user_id: str) -> User | None:
    row = conn.execute(sa.select(app_user).where(app_user.c.id == user_id)).mappings().first()
    if row is None:
        return None
    units = conn.execute(sa.select(user_unit.c.unit_id).where(user_unit.c.user_id == user_id))
    return User(
        id=row["id"],
        username=row["username"],
        name=row["name"],
        role=row["role"],
        all_units=bool(row["all_units"]),
        units=frozenset(u for (u,) in units),
        enabled=bool(row["enabled"]),
        must_change_password=bool(row["must_change_password"]),
    )


# -- throttling -------------------------------------------------------------------------------
def _lock_address(conn: sa.Connection, address: str) -> None:
    """PostgreSQL: one login step per address at a time (check and note the attempt at once).
    SQLite: every write transaction began IMMEDIATE, which serializes them already."""
    if conn.dialect.name == "postgresql":
        key = zlib.crc32(address.encode()) - 2**31  # an int4
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:c, :k)"), {"c": LOGIN_LOCK, "k": key})


def _throttle(
    conn: sa.Connection, settings: Settings, username: str, address: str, now: datetime
) -> tuple[float, str] | None:
    """(seconds to wait, why) when this try must wait, else None."""
    f = login_attempt.c
    since = to_iso(now - timedelta(seconds=settings.login_window))
    failed, pending = conn.execute(
        sa.select(
            sa.func.count().filter(f.failed.is_(True)), sa.func.count().filter(f.failed.is_(False))
        ).where(f.address == address, f.at >= since)
    ).one()
    if pending >= settings.login_ip_pending:
        return 1.0, "address"
    if failed >= settings.login_ip_failures:
        # the failure whose ageing out brings this address under the limit
        pivot = conn.execute(
            sa.select(f.at)
            .where(f.address == address, f.at >= since, f.failed.is_(True))
            .order_by(f.at)
            .offset(failed - settings.login_ip_failures)
            .limit(1)
        ).scalar_one()
        left = from_iso(pivot) + timedelta(seconds=settings.login_window) - now
        return max(left.total_seconds(), 0.001), "address"
    count, last = conn.execute(
        sa.select(sa.func.count(), sa.func.max(f.at)).where(
            f.username == username, f.address == address, f.at >= since
        )
    ).one()
    if count >= settings.login_free_failures and last is not None:
        power = min(count - settings.login_free_failures, 30)
        delay = min(settings.login_delay * 2**power, settings.login_delay_max)
        left = from_iso(last) + timedelta(seconds=delay) - now
        if left.total_seconds() > 0:
            return left.total_seconds(), "name"
    return None


def _purge(conn: sa.Connection, settings: Settings, now: datetime) -> None:
    """Expired tokens and failures older than the window. On PostgreSQL one purger at a time
    (others skip it: the next login purges)."""
    if (
        conn.dialect.name == "postgresql"
        and not conn.execute(
            sa.text("SELECT pg_try_advisory_xact_lock(:k)"), {"k": PURGE_LOCK}
        ).scalar_one()
    ):
        return
    conn.execute(sa.delete(token).where(token.c.expires_at < to_iso(now)))
    conn.execute(sa.delete(refresh_token).where(refresh_token.c.expires_at < to_iso(now)))
    old = to_iso(now - timedelta(seconds=settings.login_window))
    conn.execute(sa.delete(login_attempt).where(login_attempt.c.at < old))


def purge(engine: sa.Engine, settings: Settings) -> None:
    """Expired tokens and stale login failures (at server start; logins purge too)."""
    with engine.begin() as conn:
        _purge(conn, settings, utc_now())


# -- login --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Attempt:
    username: str
    address: str
    device_id: str
    seq: int  # its login_attempt row
    user_id: str | None  # None: no such user
    password_hash: str


class Throttled(ApiError):
    """429: too many failed logins; `by` "name" (this name from this address) or "address"."""

    def __init__(self, seconds: float, by: str, user_id: str | None) -> None:
        whom = "this name from your address" if by == "name" else "your address"
        super().__init__(
            429,
            "throttled",
            f"too many failed logins for {whom}: try again in {seconds:.1f} s",
            {"Retry-After": str(max(1, math.ceil(seconds)))},
        )
        self.seconds, self.by, self.user_id = seconds, by, user_id


def _user_hash(conn: sa.Connection, username: str) -> sa.Row | None:
    return conn.execute(
        sa.select(app_user.c.id, app_user.c.password_hash).where(app_user.c.username == username)
    ).first()


def begin_login(
    engine: sa.Engine, settings: Settings, username: str, address: str, device_id: str
) -> Attempt:
    """Step 1: Throttled (429), or the attempt, noted in flight. A throttled try is seen in a
    read-only transaction first, so a flood of them takes no write lock (SQLite) at all."""
    if len(device_id) > MAX_DEVICE_ID:
        raise ApiError(422, "invalid", f"device_id has at most {MAX_DEVICE_ID} characters")
    now = utc_now()
    with reading(engine) as conn:
        row = _user_hash(conn, username)
        wait = _throttle(conn, settings, username, address, now)
    if wait is None:
        with engine.begin() as conn:
            _lock_address(conn, address)
            wait = _throttle(conn, settings, username, address, now)  # again, under the lock
            if wait is None:
                _purge(conn, settings, now)
                row = _user_hash(conn, username)
                inserted = conn.execute(
                    sa.insert(login_attempt).values(
                        username=username, address=address, at=to_iso(now), failed=False
                    )
                ).inserted_primary_key
                assert inserted is not None
                seq = inserted[0]
    if wait is not None:
        raise Throttled(wait[0], wait[1], row.id if row else None)
    return Attempt(
        username=username,
        address=address,
        device_id=device_id,
        seq=int(seq),
        user_id=row.id if row else None,
        password_hash=row.password_hash if row else "",
    )


def verify(attempt: Attempt, password: str) -> bool:
    """Step 2 (slow on purpose): the same work whether the name exists or not."""
    try:
        return _hasher.verify(attempt.password_hash or dummy_hash(), password) and bool(
            attempt.user_id
        )
    except (VerificationError, InvalidHashError):
        return False


def end_attempt(engine: sa.Engine, attempt: Attempt, failed: bool) -> None:
    """The end of a password check outside a login (POST /auth/change-password): a failure
    counts as a failed login of the name from the address (the same throttle); else the
    attempt is forgotten."""
    mine = login_attempt.c.seq == attempt.seq
    with engine.begin() as conn:
        if failed:
            conn.execute(
                sa.update(login_attempt).where(mine).values(at=to_iso(utc_now()), failed=True)
            )
        else:
            conn.execute(sa.delete(login_attempt).where(mine))


def _bind_device(conn: sa.Connection, user_id: str, device_id: str, now: str) -> bool:
    """Bind an unbound device to the user; False when it belongs to someone else."""
    d = device.c
    owner = conn.execute(sa.select(d.user_id).where(d.id == device_id)).scalar_one_or_none()
    if owner is None:
        try:
            with conn.begin_nested():
                conn.execute(
                    sa.insert(device).values(
                        id=device_id, user_id=user_id, first_seen=now, last_seen=now
                    )
                )
            return True
        except sa.exc.IntegrityError:  # someone bound it meanwhile
            owner = conn.execute(sa.select(d.user_id).where(d.id == device_id)).scalar_one()
    if owner != user_id:
        return False
    conn.execute(sa.update(device).where(d.id == device_id).values(last_seen=now))
    return True


def finish_login(engine: sa.Engine, settings: Settings, attempt: Attempt, verified: bool) -> dict:
    """Step 3: {token, expires_at, user}; ApiError 401 (wrong), 403 (disabled, device bound)."""
    now = utc_now()
    at = to_iso(now)
    who = {
        "user_name": attempt.username,
        "device_id": attempt.device_id or None,
        "address": attempt.address,
    }
    refusal: ApiError | None = None
    with engine.begin() as conn:
        row = None
        if verified and attempt.user_id:
            row = conn.execute(
                sa.select(app_user.c.id, app_user.c.password_hash, app_user.c.enabled).where(
                    app_user.c.id == attempt.user_id
                )
            ).first()
        mine = login_attempt.c.seq == attempt.seq
        if row is None or row.password_hash != attempt.password_hash:  # wrong, or changed
            conn.execute(sa.update(login_attempt).where(mine).values(at=at, failed=True))
            audit.record(conn, "login_failed", user_id=attempt.user_id, **who)
            refusal = ApiError(401, "bad_credentials", "wrong user name or password")
        elif not row.enabled:
            conn.execute(sa.delete(login_attempt).where(mine))
            audit.record(
                conn, "login_refused", user_id=row.id, detail={"reason": "disabled"}, **who
            )
            refusal = ApiError(403, "account_disabled", "this account is disabled: ask an admin")
        elif attempt.device_id and not _bind_device(conn, row.id, attempt.device_id, at):
            conn.execute(sa.delete(login_attempt).where(mine))
            audit.record(
                conn, "login_refused", user_id=row.id, detail={"reason": "device_bound"}, **who
            )
            refusal = ApiError(
                403,
                "device_bound",
                "this device is registered to another user: log in on your own device, "
                "or ask an admin to release it (ducha-server device unbind)",
            )
        else:
            f = login_attempt.c
            conn.execute(
                sa.delete(login_attempt).where(
                    f.username == attempt.username, f.address == attempt.address
                )
            )
            value, expires = issue_token(conn, settings, row.id, attempt.device_id or None, now)
            answer: dict = {"token": value, "expires_at": expires}
            if attempt.device_id:  # one chain per device: a new login ends the one before
                revoke_refresh(conn, row.id, "logged in again", attempt.device_id)
                fresh, until = issue_refresh(conn, settings, row.id, attempt.device_id, now)
                answer |= {"refresh_token": fresh, "refresh_expires_at": until}
            user = load_user(conn, row.id)
            audit.record(conn, "login_ok", user_id=row.id, **who)
    if refusal is not None:
        raise refusal
    assert user is not None
    return {**answer, "user": user.public(), "must_change_password": user.must_change_password}


def issue_token(
    conn: sa.Connection, settings: Settings, user_id: str, device_id: str | None, now: datetime
) -> tuple[str, str]:
    """A new access token: (its value, when it expires)."""
    value = secrets.token_urlsafe(32)
    expires = to_iso(now + timedelta(seconds=settings.token_ttl_seconds))
    conn.execute(
        sa.insert(token).values(
            token_hash=_token_hash(value), user_id=user_id, expires_at=expires, device_id=device_id
        )
    )
    return value, expires


def issue_refresh(
    conn: sa.Connection,
    settings: Settings,
    user_id: str,
    device_id: str,
    now: datetime,
    family: str | None = None,
) -> tuple[str, str]:
    """A new refresh credential for the device (of `family`, else a new chain): (its value,
    when it expires). Only its SHA-256 is stored."""
    value = secrets.token_urlsafe(32)
    expires = to_iso(now + timedelta(seconds=settings.refresh_ttl_seconds))
    conn.execute(
        sa.insert(refresh_token).values(
            token_hash=_token_hash(value),
            family=family or secrets.token_hex(16),
            user_id=user_id,
            device_id=device_id,
            issued_at=to_iso(now),
            expires_at=expires,
        )
    )
    return value, expires


# why a refresh credential was revoked (revoked_reason) → ErrorDetail.reason, which the laptop
# words for its user
REVOKE_REASONS = {
    "logged out": "logged_out",
    "password changed": "password_changed",
    "role changed": "role_changed",
    "units changed": "units_changed",
    "account disabled": "account_disabled",
    "device released": "device_released",
    "revoked by an admin": "device_revoked",
    "refresh credential reused": "reused",
    "logged in again": "logged_in_again",
}


def revoke_refresh(
    conn: sa.Connection,
    user_id: str,
    reason: str,
    device_id: str | None = None,
    family: str | None = None,
) -> int:
    """Revoke the user's refresh credentials (of one device, or one chain, when given); how
    many were live (neither rotated nor revoked)."""
    r = refresh_token.c
    query = sa.update(refresh_token).where(r.user_id == user_id, r.revoked_at.is_(None))
    if device_id is not None:
        query = query.where(r.device_id == device_id)
    if family is not None:
        query = query.where(r.family == family)
    live = sa.select(sa.func.count()).where(
        r.user_id == user_id, r.revoked_at.is_(None), r.rotated_at.is_(None)
    )
    if device_id is not None:
        live = live.where(r.device_id == device_id)
    if family is not None:
        live = live.where(r.family == family)
    count = conn.execute(live).scalar_one()
    conn.execute(query.values(revoked_at=to_iso(utc_now()), revoked_reason=reason))
    from server import bundle_keys  # it imports this module

    bundle_keys.revoke(conn, user_id, reason, device_id, family)
    return int(count)


# -- tokens -------------------------------------------------------------------------------------
def presented_token(request: Request) -> str:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        raise ApiError(401, "unauthorized", "log in first: Authorization: Bearer <token>")
    return value.strip()


def authenticate(engine: sa.Engine, request: Request) -> User:
    value = presented_token(request)
    t = token.c
    with reading(engine) as conn:
        row = conn.execute(
            sa.select(t.user_id, t.expires_at, t.revoked_reason, t.revoked_at, t.device_id).where(
                t.token_hash == _token_hash(value)
            )
        ).first()
        if row is None:
            raise ApiError(401, "unauthorized", "unknown token: log in again")
        if row.revoked_at is not None:
            raise ApiError(
                401,
                "token_revoked",
                f"the token was revoked ({row.revoked_reason or 'revoked'}): log in again",
            )
        if from_iso(row.expires_at) <= utc_now():
            raise ApiError(401, "token_expired", "the token has expired: log in again")
        user = load_user(conn, row.user_id)
    if user is None:
        raise ApiError(401, "unauthorized", "the token's user no longer exists")
    if not user.enabled:
        raise ApiError(401, "account_disabled", "this account is disabled: ask an admin")
    settings = request.app.state.settings
    return replace(user, address=client_address(request, settings), device_id=row.device_id)


def revoke_tokens(
    conn: sa.Connection, user_id: str, reason: str, device_id: str | None = None
) -> int:
    """Revoke the user's live tokens and refresh credentials (of one device when given); how
    many access tokens."""
    t = token.c
    query = sa.update(token).where(t.user_id == user_id, t.revoked_at.is_(None))
    if device_id is not None:
        query = query.where(t.device_id == device_id)
    revoke_refresh(conn, user_id, reason, device_id)
    return conn.execute(query.values(revoked_at=to_iso(utc_now()), revoked_reason=reason)).rowcount


def logout(engine: sa.Engine, request: Request, user: User) -> None:
    """Revoke the token this request presented, and its device's refresh credential."""
    with engine.begin() as conn:
        conn.execute(
            sa.update(token)
            .where(token.c.token_hash == _token_hash(presented_token(request)))
            .values(revoked_at=to_iso(utc_now()), revoked_reason="logged out")
        )
        if user.device_id:
            revoke_refresh(conn, user.id, "logged out", user.device_id)
        audit.record(conn, "logout", user=user, device_id=user.device_id)


# -- devices ------------------------------------------------------------------------------------
def claim_device(conn: sa.Connection, user: User, device_id: str) -> None:
    """A push for a device: refused (403) when the device belongs to another user."""
    d = device.c
    owner = conn.execute(sa.select(d.user_id).where(d.id == device_id)).scalar_one_or_none()
    if owner is not None and owner != user.id:
        raise ApiError(403, "device_bound", "this device is registered to another user")
    if owner is not None:
        conn.execute(sa.update(device).where(d.id == device_id).values(last_seen=to_iso(utc_now())))


def own_device(conn: sa.Connection, user: User, device_id: str) -> None:
    """Number blocks: only for a device bound to the caller (by logging in with it)."""
    owner = conn.execute(
        sa.select(device.c.user_id).where(device.c.id == device_id)
    ).scalar_one_or_none()
    if owner != user.id:
        raise ApiError(
            403,
            "device_not_yours",
            "notice numbers are only reserved for a device you logged in with",
        )
