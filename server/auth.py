"""Users, passwords (argon2), tokens (only their SHA-256 is stored), lockout, jurisdiction."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from fastapi import Request

from domain.clock import from_iso, to_iso, utc_now
from server.db import app_user, reading, token, user_unit
from server.errors import ApiError
from server.settings import Settings

ROLES = ("inspector", "reviewer", "admin")
_hasher = PasswordHasher()


@dataclass(frozen=True)
class User:
    id: str
    username: str
    name: str
    role: str
    all_units: bool
    units: frozenset[str]

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


def _token_hash(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


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
    )


def login(engine: sa.Engine, settings: Settings, username: str, password: str, device_id: str):
    """{token, expires_at, user}; ApiError 401 (wrong) or 429 (locked after repeated failures)."""
    now = utc_now()
    with engine.begin() as conn:
        row = (
            conn.execute(sa.select(app_user).where(app_user.c.username == username))
            .mappings()
            .first()
        )
        if row is None:
            raise ApiError(401, "bad_credentials", "wrong user name or password")
        if row["locked_until"] and from_iso(row["locked_until"]) > now:
            wait = int((from_iso(row["locked_until"]) - now).total_seconds()) + 1
            raise ApiError(
                429,
                "locked",
                f"too many failed logins: the account is locked until {row['locked_until']} (UTC)",
                {"Retry-After": str(wait)},
            )
        try:
            _hasher.verify(row["password_hash"], password)
        except (VerificationError, InvalidHashError):
            failed = row["failed_logins"] + 1
            values: dict = {"failed_logins": failed}
            if failed >= settings.max_failed_logins:
                values = {
                    "failed_logins": 0,
                    "locked_until": to_iso(now + timedelta(seconds=settings.lockout_seconds)),
                }
            conn.execute(sa.update(app_user).where(app_user.c.id == row["id"]).values(**values))
            ok = False
        else:
            ok = True
            conn.execute(
                sa.update(app_user)
                .where(app_user.c.id == row["id"])
                .values(failed_logins=0, locked_until=None)
            )
            value = secrets.token_urlsafe(32)
            expires = to_iso(now + timedelta(seconds=settings.token_ttl_seconds))
            conn.execute(
                sa.insert(token).values(
                    token_hash=_token_hash(value),
                    user_id=row["id"],
                    expires_at=expires,
                    device_id=device_id,
                )
            )
            user = load_user(conn, row["id"])
    if not ok:  # the failure count is committed before answering
        raise ApiError(401, "bad_credentials", "wrong user name or password")
    assert user is not None
    return {"token": value, "expires_at": expires, "user": user.public()}


def authenticate(engine: sa.Engine, request: Request) -> User:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        raise ApiError(401, "unauthorized", "log in first: Authorization: Bearer <token>")
    with reading(engine) as conn:
        row = conn.execute(
            sa.select(token.c.user_id, token.c.expires_at).where(
                token.c.token_hash == _token_hash(value.strip())
            )
        ).first()
        if row is None:
            raise ApiError(401, "unauthorized", "unknown token: log in again")
        if from_iso(row.expires_at) <= utc_now():
            raise ApiError(401, "token_expired", "the token has expired: log in again")
        user = load_user(conn, row.user_id)
    if user is None:
        raise ApiError(401, "unauthorized", "the token's user no longer exists")
    return user
