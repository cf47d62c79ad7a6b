"""ducha-server device list | revoke | unbind: the devices bound to users, with their refresh
credentials (server/refresh.py).

- list: each device, its user, first and last seen, and its refresh credential: live, expired,
  revoked (why) or none; when it was last used (or issued at the login) and when it expires.
- revoke DEVICE: the device's access tokens and refresh credential stop working (a laptop
  lost or stolen); it stays bound to its user, who logs in on it again with the password.
- unbind DEVICE: released, so another user may log in with it; its tokens and refresh
  credentials are revoked too.

Both are audited (`device_revoke`, `device_unbind`) under `cli:<operating-system user>`.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa

from domain.clock import now_iso
from server import audit
from server.auth import revoke_refresh, revoke_tokens
from server.cli import _refuse, _table, _url
from server.db import app_user, device, make_engine, reading, refresh_token


def _refresh_state(rows: list[sa.Row], now: str) -> tuple[str, str, str]:
    """(state, last used, expires) of a device's newest refresh credential."""
    if not rows:
        return "none", "-", "-"
    newest = max(rows, key=lambda r: r.issued_at)
    if newest.revoked_at is not None:
        state = f"revoked ({newest.revoked_reason or '-'})"
    elif newest.rotated_at is not None:
        state = "used"  # its successor was lost before it was stored: nothing live
    elif newest.expires_at <= now:
        state = "expired"
    else:
        state = "live"
    return state, newest.issued_at, newest.expires_at


def cmd_device_list(args: argparse.Namespace) -> int:
    engine = make_engine(_url(args))
    d, r = device.c, refresh_token.c
    query = (
        sa.select(d.id, d.user_id, app_user.c.username, d.first_seen, d.last_seen)
        .select_from(device.outerjoin(app_user, app_user.c.id == d.user_id))
        .order_by(d.last_seen.desc())
    )
    if args.user:
        query = query.where(app_user.c.username == args.user)
    with reading(engine) as conn:
        rows = conn.execute(query).all()
        credentials: dict[tuple[str, str], list[sa.Row]] = {}
        for found in conn.execute(
            sa.select(
                r.user_id,
                r.device_id,
                r.issued_at,
                r.expires_at,
                r.rotated_at,
                r.revoked_at,
                r.revoked_reason,
            )
        ):
            credentials.setdefault((found.user_id, found.device_id), []).append(found)
    engine.dispose()
    now = now_iso()
    head = (
        "device",
        "user",
        "first_seen",
        "last_seen",
        "refresh",
        "refresh_used",
        "refresh_expires",
    )
    lines = []
    for row in rows:
        state = _refresh_state(credentials.get((row.user_id, row.id), []), now)
        lines.append((row.id, row.username or "-", row.first_seen, row.last_seen, *state))
    print(_table(head, lines))
    return 0


def _device_change(
    args: argparse.Namespace, action: str, change: Callable[[sa.Connection, str], Any]
) -> int:
    """Run `change(conn, owner)` on the device args.device with its audit entry; prints what
    `change` answers."""
    engine = make_engine(_url(args))
    try:
        with engine.begin() as conn:
            owner = conn.execute(
                sa.select(device.c.user_id).where(device.c.id == args.device)
            ).scalar_one_or_none()
            if owner is None:
                return _refuse(f"no device {args.device!r} (see: ducha-server device list)")
            message = change(conn, owner)
            audit.record(
                conn,
                action,
                entity="device",
                entity_id=args.device,
                detail={"owner": owner},
                device_id=args.device,
                **audit.cli_actor(),
            )
    finally:
        engine.dispose()
    print(message)
    return 0


def cmd_device_revoke(args: argparse.Namespace) -> int:
    """A lost or stolen laptop: its tokens and refresh credential stop working at once."""

    def change(conn: sa.Connection, owner: str) -> str:
        credentials = revoke_refresh(conn, owner, "revoked by an admin", args.device)
        tokens = revoke_tokens(conn, owner, "revoked by an admin", device_id=args.device)
        return (
            f"revoked device {args.device}: {tokens} token(s), "
            f"{credentials} refresh credential(s); its user logs in on it again"
        )

    return _device_change(args, "device_revoke", change)


def cmd_device_unbind(args: argparse.Namespace) -> int:
    """Release a device (a laptop handed to someone else): the next user to log in with it
    owns it; tokens and refresh credentials issued for it are revoked."""

    def change(conn: sa.Connection, owner: str) -> str:
        conn.execute(sa.delete(device).where(device.c.id == args.device))
        credentials = revoke_refresh(conn, owner, "device released", args.device)
        count = revoke_tokens(conn, owner, "device released", device_id=args.device)
        return (
            f"released device {args.device}; {count} token(s), "
            f"{credentials} refresh credential(s) revoked"
        )

    return _device_change(args, "device_unbind", change)


def add_device_commands(sub: Any, common: Callable[[argparse.ArgumentParser], None]) -> None:
    dev = sub.add_parser("device", help="devices bound to users, their refresh credentials")
    devices = dev.add_subparsers(dest="action", required=True)
    p = devices.add_parser(
        "list", help="devices, their users, first and last seen, refresh credential's state"
    )
    p.add_argument("--user", help="only this user's (login name)")
    common(p)
    p.set_defaults(func=cmd_device_list)
    p = devices.add_parser(
        "revoke", help="a lost laptop: its tokens and refresh credential stop working"
    )
    p.add_argument("device", help="the device id")
    common(p)
    p.set_defaults(func=cmd_device_revoke)
    p = devices.add_parser("unbind", help="release a device so another user may log in with it")
    p.add_argument("device", help="the device id")
    common(p)
    p.set_defaults(func=cmd_device_unbind)
