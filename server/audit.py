"""The server's append-only audit log (docs/architecture.md, "The server trusts nothing"): every
accepted change, login, refusal and admin action with the authenticated user, device and
address.

One row per event: seq, at (UTC), user_id and user_name (the authenticated user; for a failed
login the name that was tried; `cli:<os user>` for the admin command line), device_id, address,
entity and entity_id (what it was about), action, and a small JSON `detail`. Never a row body,
a password or a token: a detail holds codes, counts, revisions, digests and short reasons.

Actions
  login_ok, login_failed, login_throttled, login_refused (right password, but the account is
  disabled or the device belongs to someone else), logout
  refresh_ok, refresh_refused (detail: reason), refresh_reuse (a rotated-out refresh
  credential came back: the device's chain was revoked)   server/refresh.py
  upsert, delete            an accepted change (one row per change; detail: batch, rev, …;
                            a notice event: its kind and from_unit_id / to_unit_id;
                            an assessment_import's component, period, file_name, file_sha256)
  rejected                  a refused change (detail: batch, op, code, reason)
  refused                   an API call answered 401, 403 or 429 (detail: status, code,
                            method, path, folded: identical refusals folded into this one)
  numbers_reserved          a block of official notice numbers (detail: year, first, last)
  user_add, user_disable, user_enable, user_set_password, user_set_role, user_set_units,
  device_revoke, device_unbind, unit_add, import      admin actions from `ducha-server`

Append-only: no code path updates or deletes it; migration 0002 adds triggers refusing UPDATE
and DELETE (and TRUNCATE on PostgreSQL). Readers: admins and reviewers, through
`GET /api/v1/audit` and `ducha-server audit`. Reviewers read all of it, not only their units':
the log holds who did what and when, never the rows themselves, and the office checking the
evidence chain needs to see logins and refusals that belong to no unit.
"""

from __future__ import annotations

import getpass
import json
import logging
import threading
import time
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from domain.clock import now_iso, to_iso
from server.db import audit

log = logging.getLogger(__name__)

TEXT_LIMIT = 200  # characters kept of any one text field or detail value
MAX_LIMIT = 1000  # entries per page


def _short(value: Any) -> Any:
    if isinstance(value, str):
        return value[:TEXT_LIMIT]
    return value


def entry(
    action: str,
    *,
    user: Any = None,
    user_id: str | None = None,
    user_name: str | None = None,
    device_id: str | None = None,
    address: str | None = None,
    entity: str | None = None,
    entity_id: str | None = None,
    detail: dict[str, Any] | None = None,
    at: str | None = None,
) -> dict[str, Any]:
    """One audit row. `user`: a server.auth.User (its id, username and request address)."""
    if user is not None:
        user_id = user_id or user.id
        user_name = user_name or user.username
        address = address or getattr(user, "address", None)
    small = {k: _short(v) for k, v in (detail or {}).items() if v is not None}
    return {
        "at": at or now_iso(),
        "user_id": _short(user_id),
        "user_name": _short(user_name),
        "device_id": _short(device_id),
        "address": _short(address),
        "entity": _short(entity),
        "entity_id": _short(entity_id),
        "action": action,
        "detail": json.dumps(small, ensure_ascii=False, separators=(",", ":")) if small else None,
    }


def record(conn: sa.Connection, action: str, **fields: Any) -> None:
    """Append one entry inside the caller's transaction (it commits or rolls back with it)."""
    conn.execute(sa.insert(audit).values(entry(action, **fields)))


def record_many(conn: sa.Connection, entries: Sequence[dict[str, Any]]) -> None:
    if entries:
        conn.execute(sa.insert(audit), list(entries))


def record_now(engine: sa.Engine, action: str, **fields: Any) -> None:
    """Append one entry in a transaction of its own."""
    with engine.begin() as conn:
        record(conn, action, **fields)


def cli_actor() -> dict[str, str]:
    """Who acts from the admin command line: the operating-system user on this machine."""
    try:
        who = getpass.getuser()
    except Exception:  # no name for this uid (containers)
        who = "unknown"
    return {"user_name": f"cli:{who}", "address": "local"}


# -- pushes -----------------------------------------------------------------------------------
def _accepted_detail(item: dict, result: dict, batch_id: str) -> dict[str, Any]:
    found = item.get("row")
    row: dict[str, Any] = found if isinstance(found, dict) else {}
    detail: dict[str, Any] = {"batch": batch_id, "rev": row.get("rev")}
    for key in ("conflict", "conflict_id", "lost", "kept", "unchanged", "number"):
        if key in result:
            detail[key] = result[key]
    if item.get("entity") == "inspection" and row.get("digest"):
        detail["status"], detail["digest"] = row.get("status"), row["digest"]
    if item.get("entity") == "photo":
        detail["sha256"] = row.get("sha256")
    if item.get("entity") == "notice_event":  # 改派, 推诿, 延期申请: which units
        detail["kind"] = row.get("kind")
        for key in ("from_unit_id", "to_unit_id"):
            if row.get(key):
                detail[key] = row[key]
    if item.get("entity") == "assessment_import":  # each import: what, for when, which file
        for key in ("component", "period", "file_name", "file_sha256"):
            detail[key] = row.get(key)
    return detail


def push_entries(
    user: Any, device_id: str, batch_id: str, changes: list, results: list
) -> list[dict[str, Any]]:
    """One entry per change of a push: accepted (its op) or rejected (with the reason's code)."""
    at = now_iso()
    out = []
    for item, result in zip(changes, results, strict=False):
        change = item if isinstance(item, dict) else {}
        entity = change.get("entity") if isinstance(change.get("entity"), str) else None
        ident = result.get("id") if isinstance(result.get("id"), str) else None
        if result.get("status") == "accepted":
            action = "delete" if change.get("op") == "delete" else "upsert"
            detail = _accepted_detail(change, result, batch_id)
        else:
            action = "rejected"
            detail = {
                "batch": batch_id,
                "op": change.get("op") if isinstance(change.get("op"), str) else None,
                "code": result.get("code"),
                "reason": result.get("reason"),
            }
        out.append(
            entry(
                action,
                user=user,
                device_id=device_id,
                entity=entity,
                entity_id=ident,
                detail=detail,
                at=at,
            )
        )
    return out


# -- refusals ---------------------------------------------------------------------------------
class Refusals:
    """Audits refusals: API calls answered 401, 403 or 429 (`refused`) and throttled logins
    (`login_throttled`). Identical ones (same action, address, user and what was refused)
    within `window` seconds are folded: the next entry written for them says how many were
    folded, so a flood costs one write per window, not one each."""

    def __init__(self, window: float) -> None:
        self.window = window
        self.lock = threading.Lock()
        self.seen: dict[tuple, tuple[float, int]] = {}  # key → (last written, folded since)

    def _fold(self, key: tuple) -> int | None:
        """None: fold this one; else how many were folded since the last one written."""
        now = time.monotonic()
        with self.lock:
            last, folded = self.seen.get(key, (None, 0))
            if last is not None and now - last < self.window:
                self.seen[key] = (last, folded + 1)
                return None
            self.seen[key] = (now, 0)
            if len(self.seen) > 10_000:  # forget the stale ones
                cutoff = now - self.window
                self.seen = {k: v for k, v in self.seen.items() if v[0] >= cutoff}
        return folded

    def record(
        self,
        engine: sa.Engine,
        *,
        status: int,
        code: str,
        method: str,
        path: str,
        address: str | None,
        user: Any = None,
    ) -> None:
        """An API refusal (401, 403, 429) of `method path`, by `user` when authenticated."""
        key = ("refused", address, getattr(user, "id", None), status, code, method, path)
        detail = {"status": status, "code": code, "method": method, "path": path}
        self._write(engine, key, "refused", detail, user=user, address=address)

    def throttled(
        self,
        engine: sa.Engine,
        *,
        user_name: str,
        user_id: str | None,
        device_id: str | None,
        address: str,
        retry_after: float,
        by: str,
    ) -> None:
        """A login answered 429 before its password was looked at."""
        key = ("login_throttled", address, user_name, by)
        detail = {"retry_after": round(retry_after, 3), "by": by}
        fields = {"user_name": user_name, "user_id": user_id, "device_id": device_id}
        self._write(engine, key, "login_throttled", detail, address=address, **fields)

    def _write(
        self, engine: sa.Engine, key: tuple, action: str, detail: dict, **fields: Any
    ) -> None:
        folded = self._fold(key)
        if folded is None:
            return
        if folded:
            detail["folded"] = folded
        try:
            record_now(engine, action, detail=detail, **fields)
        except Exception:  # the refusal is answered even when it cannot be written down
            log.exception("could not audit a refusal (%s)", action)


# -- reading ----------------------------------------------------------------------------------
COLUMNS = ("seq", "at", "user_id", "user_name", "device_id", "address", "entity", "entity_id")


def read(
    conn: sa.Connection,
    *,
    user: str | None = None,
    entity: str | None = None,
    entity_id: str | None = None,
    action: str | None = None,
    since: datetime | None = None,
    cursor: int = 0,
    limit: int = 100,
    newest: bool = False,
) -> dict[str, Any]:
    """{entries, cursor, more}: entries with seq above `cursor`, oldest first. `user` matches a
    user id or name. `newest`: the last `limit` matching entries instead of the first."""
    a = audit.c
    query = sa.select(audit).where(a.seq > cursor)
    if user:
        query = query.where(sa.or_(a.user_id == user, a.user_name == user))
    if entity:
        query = query.where(a.entity == entity)
    if entity_id:
        query = query.where(a.entity_id == entity_id)
    if action:
        query = query.where(a.action == action)
    if since is not None:
        query = query.where(a.at >= to_iso(since))
    limit = max(1, min(limit, MAX_LIMIT))
    if newest:
        found = conn.execute(query.order_by(a.seq.desc()).limit(limit)).mappings().all()
        found = list(reversed(found))
        more = False
    else:
        found = conn.execute(query.order_by(a.seq).limit(limit + 1)).mappings().all()
        more = len(found) > limit
        found = found[:limit]
    entries = [
        {
            **{k: row[k] for k in COLUMNS},
            "seq": int(row["seq"]),
            "action": row["action"],
            "detail": json.loads(row["detail"]) if row["detail"] else {},
        }
        for row in found
    ]
    return {"entries": entries, "cursor": entries[-1]["seq"] if entries else cursor, "more": more}


def table(entries: list[dict[str, Any]]) -> str:
    """The entries as a plain text table (the `ducha-server audit` command)."""
    head = ("seq", "at", "user", "device", "address", "action", "entity", "entity_id", "detail")
    lines = [
        (
            str(e["seq"]),
            e["at"][:19] + "Z",
            e["user_name"] or e["user_id"] or "-",
            e["device_id"] or "-",
            e["address"] or "-",
            e["action"],
            e["entity"] or "-",
            e["entity_id"] or "-",
            json.dumps(e["detail"], ensure_ascii=False, separators=(",", ":"))
            if e["detail"]
            else "-",
        )
        for e in entries
    ]
    widths = [max([len(h)] + [len(line[i]) for line in lines]) for i, h in enumerate(head[:-1])]

    def fmt(cells: Sequence[str]) -> str:
        return "  ".join(
            [c.ljust(w) for c, w in zip(cells[:-1], widths, strict=True)] + [cells[-1]]
        )

    return "\n".join([fmt(head), *(fmt(line) for line in lines)])
