"""Users and their devices, administered (issue 16): the functions behind both the admin routes
(server/routes_admin.py) and `ducha-server user …` / `device …` (server/cli.py,
server/cli_devices.py) — one piece, two doors.

Each write runs in the caller's transaction with its audit entry (server/audit.py) naming the
actor: the admin of the token (user id, name, device, address) or `cli:<os user>`. A change of
role, units or all_units, disabling, and a password reset revoke the user's tokens and refresh
credentials. A new user and a reset get a one-time password, made here (secrets, no look-alike
characters), answered once, stored only as its argon2 hash: the account must change it before
any other call (app_user.must_change_password; server/app.py current_user refuses the rest).
"""

from __future__ import annotations

import secrets
from typing import Any

import sqlalchemy as sa

from domain.admin_wire import NewUser, UserChange
from domain.clock import now_iso
from server import audit
from server.auth import hash_password, revoke_refresh, revoke_tokens, verify_password
from server.db import ENTITY_TABLES, app_user, device, refresh_token, token, user_unit
from server.errors import ApiError
from server.seed import Seeder, new_row
from server.settings import Settings

# no 0/O/o, 1/l/I: read aloud or copied from a screen without a mistake
OTP_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz"
OTP_LENGTH = 14
MIN_PASSWORD = 8

Actor = dict[str, Any]  # audit fields: user_id, user_name, device_id, address


def one_time_password() -> str:
    return "".join(secrets.choice(OTP_ALPHABET) for _ in range(OTP_LENGTH))


def _user(conn: sa.Connection, user_id: str) -> sa.Row:
    row = conn.execute(sa.select(app_user).where(app_user.c.id == user_id)).first()
    if row is None:
        raise ApiError(404, "not_found", f"no user {user_id}")
    return row


def user_by_name(conn: sa.Connection, username: str) -> sa.Row:
    row = conn.execute(sa.select(app_user).where(app_user.c.username == username)).first()
    if row is None:
        raise ApiError(404, "not_found", f"no user {username!r} (see: ducha-server user list)")
    return row


def _check_units(conn: sa.Connection, units: list[str]) -> list[str]:
    table = ENTITY_TABLES["unit"]
    unique = list(dict.fromkeys(units))
    found = set(conn.execute(sa.select(table.c.id).where(table.c.id.in_(unique))).scalars())
    for unit in unique:
        if unit not in found:
            raise ApiError(422, "unknown_unit", f"units: no unit {unit}")
    return unique


def users(conn: sa.Connection, only: str | None = None) -> list[dict[str, Any]]:
    """UserInfo of every user (or of the one with id `only`), by username."""
    held: dict[str, list[str]] = {}
    for user_id, unit_id in conn.execute(sa.select(user_unit.c.user_id, user_unit.c.unit_id)):
        held.setdefault(user_id, []).append(unit_id)
    devices: dict[str, int] = dict(
        conn.execute(sa.select(device.c.user_id, sa.func.count()).group_by(device.c.user_id)).all()
    )
    live: dict[str, int] = dict(
        conn.execute(
            sa.select(token.c.user_id, sa.func.count())
            .where(token.c.revoked_at.is_(None), token.c.expires_at > now_iso())
            .group_by(token.c.user_id)
        ).all()
    )
    query = sa.select(app_user).order_by(app_user.c.username)
    if only is not None:
        query = query.where(app_user.c.id == only)
    return [
        {
            "id": u.id,
            "username": u.username,
            "name": u.name,
            "role": u.role,
            "units": sorted(held.get(u.id, [])),
            "all_units": bool(u.all_units),
            "enabled": bool(u.enabled),
            "devices": int(devices.get(u.id, 0)),
            "live_tokens": int(live.get(u.id, 0)),
            "must_change_password": bool(u.must_change_password),
        }
        for u in conn.execute(query)
    ]


def user_info(conn: sa.Connection, user_id: str) -> dict[str, Any]:
    found = users(conn, user_id)
    if not found:
        raise ApiError(404, "not_found", f"no user {user_id}")
    return found[0]


def _insert_user(
    conn: sa.Connection, user_id: str, asked: NewUser, digest: str, *, one_time: bool
) -> None:
    conn.execute(
        sa.insert(app_user).values(
            id=user_id,
            username=asked.username,
            name=asked.name,
            role=asked.role,
            password_hash=digest,
            all_units=asked.all_units,
            must_change_password=one_time,
        )
    )


def add_user(
    conn: sa.Connection,
    settings: Settings,
    asked: NewUser,
    actor: Actor,
    password_hash: str | None = None,
) -> dict[str, Any]:
    """A new account (and its person row, unless a person of that name exists): {user,
    one_time_password}. With `password_hash` (the command line's password from stdin) no
    one-time password is made and none must be changed."""
    if not asked.all_units and not asked.units:
        raise ApiError(422, "invalid", "a user needs units or all_units")
    if conn.execute(sa.select(app_user.c.id).where(app_user.c.username == asked.username)).first():
        raise ApiError(409, "username_taken", f"a user {asked.username!r} exists already")
    units = _check_units(conn, asked.units)
    otp = None if password_hash else one_time_password()
    digest = password_hash or hash_password(otp or "")
    seeder = Seeder(conn, settings)
    existing = seeder.find("person", name=asked.name)
    if existing and conn.execute(sa.select(app_user.c.id).where(app_user.c.id == existing)).first():
        existing = None  # that person has an account already: this one is another person
    if existing:  # the person is known (demo, import): the account attaches to them
        person_id = existing
    else:
        person_id = seeder.add("person", new_row(name=asked.name, phone=None, role=asked.role))
    try:
        with conn.begin_nested():
            _insert_user(conn, person_id, asked, digest, one_time=otp is not None)
    except sa.exc.IntegrityError:  # the same username added meanwhile
        raise ApiError(409, "username_taken", f"a user {asked.username!r} exists already") from None
    for unit in units:
        conn.execute(sa.insert(user_unit).values(user_id=person_id, unit_id=unit))
    audit.record(
        conn,
        "user_add",
        entity="app_user",
        entity_id=person_id,
        detail={
            "username": asked.username,
            "role": asked.role,
            "units": len(units),
            "all_units": asked.all_units,
        },
        **actor,
    )
    return {"user": user_info(conn, person_id), "one_time_password": otp}


def change_user(
    conn: sa.Connection, user_id: str, asked: UserChange, actor: Actor
) -> dict[str, Any]:
    """Apply the fields sent (PATCH /admin/users/{id}); UserInfo after."""
    update_user(conn, user_id, asked, actor)
    return user_info(conn, user_id)


def update_user(
    conn: sa.Connection,
    user_id: str,
    asked: UserChange,
    actor: Actor,
    action: str = "user_change",
) -> dict[str, Any]:
    """Apply the fields sent, audited as `action` when anything changed; the audit detail
    (with `changed`). Revokes the user's tokens when the role, units or all_units change or
    the account is disabled. An admin cannot disable or demote themselves (409 `self`)."""
    row = _user(conn, user_id)
    sent = asked.model_fields_set
    if row.id == actor.get("user_id") and (
        asked.enabled is False
        or ("role" in sent and asked.role != "admin")
        or ({"units", "all_units"} & sent)
    ):
        raise ApiError(
            409, "self", "an admin cannot disable, demote or change the units of themselves"
        )
    values: dict[str, Any] = {}
    detail: dict[str, Any] = {"username": row.username}
    reasons: list[str] = []
    if "name" in sent and asked.name is not None and asked.name != row.name:
        values["name"] = asked.name
        detail["name"] = asked.name
    if "role" in sent and asked.role is not None and asked.role != row.role:
        values["role"] = asked.role
        detail |= {"from": row.role, "to": asked.role}
        reasons.append("role changed")
    if (
        "all_units" in sent
        and asked.all_units is not None
        and asked.all_units != bool(row.all_units)
    ):
        values["all_units"] = asked.all_units
        detail["all_units"] = asked.all_units
        reasons.append("units changed")
    if "units" in sent and asked.units is not None:
        units = _check_units(conn, asked.units)
        uu = user_unit.c
        before = set(conn.execute(sa.select(uu.unit_id).where(uu.user_id == row.id)).scalars())
        if set(units) != before:
            conn.execute(sa.delete(user_unit).where(uu.user_id == row.id))
            for unit in units:
                conn.execute(sa.insert(user_unit).values(user_id=row.id, unit_id=unit))
            detail["units"] = len(units)
            reasons.append("units changed")
    if "enabled" in sent and asked.enabled is not None and asked.enabled != bool(row.enabled):
        values["enabled"] = asked.enabled
        detail["enabled"] = asked.enabled
        if not asked.enabled:
            reasons.append("account disabled")
    if values:
        conn.execute(sa.update(app_user).where(app_user.c.id == row.id).values(**values))
    if reasons:
        reason = "account disabled" if "account disabled" in reasons else reasons[0]
        detail["tokens_revoked"] = revoke_tokens(conn, row.id, reason)
    changed = bool(values or reasons)
    if changed:
        audit.record(conn, action, entity="app_user", entity_id=row.id, detail=detail, **actor)
    return {**detail, "changed": changed}


def set_password(
    conn: sa.Connection,
    user_id: str,
    digest: str,
    actor: Actor,
    *,
    one_time: bool,
    action: str = "user_reset_password",
) -> int:
    """Store a new password's hash (a one-time one: must be changed); the user's tokens are
    revoked. How many tokens."""
    row = _user(conn, user_id)
    conn.execute(
        sa.update(app_user)
        .where(app_user.c.id == row.id)
        .values(password_hash=digest, must_change_password=one_time)
    )
    revoked = revoke_tokens(conn, row.id, "password changed")
    audit.record(
        conn,
        action,
        entity="app_user",
        entity_id=row.id,
        detail={"username": row.username, "one_time": one_time, "tokens_revoked": revoked},
        **actor,
    )
    return revoked


def reset_password(conn: sa.Connection, user_id: str, actor: Actor) -> str:
    """A new one-time password for the user (answered once; its tokens revoked). Not one's
    own (409 `self`: POST /auth/change-password is for that)."""
    if user_id == actor.get("user_id"):
        raise ApiError(409, "self", "change your own password with /auth/change-password")
    otp = one_time_password()
    set_password(conn, user_id, hash_password(otp), actor, one_time=True)
    return otp


def change_own_password(
    engine: sa.Engine, user_id: str, old: str, new: str, token_hash: str, device_id: str | None
) -> None:
    """The signed-in user's own change (POST /auth/change-password): the old password checked,
    the new one at least MIN_PASSWORD characters and not the old; clears must_change_password.
    The user's other tokens and other devices' refresh credentials are revoked; the token of
    this call keeps working."""
    if len(new) < MIN_PASSWORD:
        raise ApiError(422, "password_too_short", f"at least {MIN_PASSWORD} characters")
    if new == old:
        raise ApiError(422, "password_unchanged", "the new password is the old one")
    with engine.connect() as conn:
        stored = _user(conn, user_id).password_hash
    if not verify_password(stored, old):
        raise ApiError(403, "bad_credentials", "the old password is wrong")
    digest = hash_password(new)
    with engine.begin() as conn:
        done = conn.execute(
            sa.update(app_user)
            .where(app_user.c.id == user_id, app_user.c.password_hash == stored)
            .values(password_hash=digest, must_change_password=False)
        )
        if not done.rowcount:  # reset or changed meanwhile: the old password checked is gone
            raise ApiError(
                403, "bad_credentials", "the password was changed meanwhile: the old one is gone"
            )
        t = token.c
        conn.execute(
            sa.update(token)
            .where(t.user_id == user_id, t.revoked_at.is_(None), t.token_hash != token_hash)
            .values(revoked_at=now_iso(), revoked_reason="password changed")
        )
        r = refresh_token.c
        others = sa.update(refresh_token).where(r.user_id == user_id, r.revoked_at.is_(None))
        if device_id is not None:
            others = others.where(r.device_id != device_id)
        conn.execute(others.values(revoked_at=now_iso(), revoked_reason="password changed"))
        audit.record(
            conn,
            "password_change",
            entity="app_user",
            entity_id=user_id,
            user_id=user_id,
            device_id=device_id,
        )


# -- devices ---------------------------------------------------------------------------------------
def devices(conn: sa.Connection, user_id: str) -> list[dict[str, Any]]:
    """The user's devices, newest seen first: live tokens and state (active: a live refresh
    credential or token; revoked: its newest credential was revoked; else idle)."""
    _user(conn, user_id)
    now = now_iso()
    live: dict[str, int] = dict(
        conn.execute(
            sa.select(token.c.device_id, sa.func.count())
            .where(
                token.c.user_id == user_id,
                token.c.revoked_at.is_(None),
                token.c.expires_at > now,
            )
            .group_by(token.c.device_id)
        ).all()
    )
    newest: dict[str, sa.Row] = {}
    r = refresh_token.c
    for found in conn.execute(
        sa.select(r.device_id, r.issued_at, r.expires_at, r.rotated_at, r.revoked_at).where(
            r.user_id == user_id
        )
    ):
        held = newest.get(found.device_id)
        if held is None or found.issued_at > held.issued_at:
            newest[found.device_id] = found
    out = []
    d = device.c
    for row in conn.execute(
        sa.select(d.id, d.first_seen, d.last_seen)
        .where(d.user_id == user_id)
        .order_by(d.last_seen.desc())
    ):
        credential = newest.get(row.id)
        tokens = int(live.get(row.id, 0))
        if credential is not None and credential.revoked_at is not None and not tokens:
            state = "revoked"
        elif tokens or (
            credential is not None and credential.rotated_at is None and credential.expires_at > now
        ):
            state = "active"
        else:
            state = "idle"
        out.append(
            {
                "device_id": row.id,
                "first_seen": row.first_seen,
                "last_seen": row.last_seen,
                "live_tokens": tokens,
                "state": state,
            }
        )
    return out


def revoke_device(conn: sa.Connection, owner: str, device_id: str, actor: Actor) -> int:
    """A lost or stolen laptop: its tokens and refresh credential stop working; it stays bound
    to its user, who logs in on it again. How many tokens."""
    found = conn.execute(
        sa.select(device.c.user_id).where(device.c.id == device_id)
    ).scalar_one_or_none()
    if found is None or found != owner:
        raise ApiError(404, "not_found", f"no device {device_id!r} of this user")
    if owner == actor.get("user_id") and device_id == actor.get("device_id"):
        raise ApiError(409, "self", "this is the device you are signed in from: log out instead")
    credentials = revoke_refresh(conn, owner, "revoked by an admin", device_id)
    tokens = revoke_tokens(conn, owner, "revoked by an admin", device_id=device_id)
    audit.record(
        conn,
        "device_revoke",
        entity="device",
        entity_id=device_id,
        detail={"owner": owner, "tokens": tokens, "refresh": credentials},
        **actor,
    )
    return tokens


def actor_of(user: Any) -> Actor:
    """The audit fields of an admin acting through the API (a server.auth.User)."""
    return {
        "user_id": user.id,
        "user_name": user.username,
        "device_id": user.device_id,
        "address": user.address,
    }
