"""Concurrent edits on the server (docs/architecture.md, "Sync", 4): the losing version of each
is kept in `conflict` with who lost and who won (user, device), never dropped.

- A push (server/sync.py) judges each change with domain/sync_decision.py judge_push and keeps
  the loser here; its answer names each change of the pusher's that lost, with the version that
  won.
- A laptop whose version was accepted first and overwritten later collects its own losses with
  `GET /sync/conflicts` (`feed`, per losing user and device, above a cursor).
- The office (reviewers, admins) lists the conflicts of rows in its units (`listing`) and resolves
  one by taking either version (`resolve`): recorded (who, when, which) and audited; taking the
  losing version writes it as a new edit that every laptop pulls.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from domain.clock import now_iso, utc_now
from domain.ids import new_id
from server import audit, permissions
from server.auth import User
from server.batch_rows import Stored, dumps
from server.db import change_log, conflict, device, reading, write_lock
from server.errors import ApiError
from server.push_checks import PushChecks, Rejected
from server.settings import Settings

# kind of a conflict: two edits of one row; an edit against a delete; a second 整改回执 of one
# round (the notice was already rectified by another laptop: the event is kept here, never
# written; its rectification's text and photos are accepted, evidence is never refused)
CONCURRENT_EDIT = "concurrent_edit"
EDIT_VS_DELETE = "edit_vs_delete"
SECOND_RECTIFICATION = "second_rectification"
REFUSED_SUBMISSION = "refused_submission"  # its draft changed on the server meanwhile
MAX_PAGE = 500


class Version:
    """One side of a conflict: an operation on a row, by whom."""

    __slots__ = ("device_id", "op", "row", "user_id")

    def __init__(self, op: str, row: dict, user_id: str | None, device_id: str | None) -> None:
        self.op = op
        self.row = row
        self.user_id = user_id
        self.device_id = device_id


def writer_of(conn: sa.Connection, entity: str, entity_id: str) -> tuple[str | None, str | None]:
    """(user id, device id) of whoever last wrote the row (the change log's latest entry; the
    device belongs to its first user, server/auth.py)."""
    c = change_log.c
    found = conn.execute(
        sa.select(c.device_id)
        .where(c.entity == entity, c.entity_id == entity_id)
        .order_by(c.seq.desc())
        .limit(1)
    ).first()
    if found is None:
        return None, None
    user = conn.execute(sa.select(device.c.user_id).where(device.c.id == found.device_id)).first()
    return (user.user_id if user else None), found.device_id


def deleted(conn: sa.Connection, entity: str, entity_id: str) -> tuple[Stored, str] | None:
    """The row as it was deleted (with its unit) and the deleting device, when the row's last
    change in the log is a delete."""
    c = change_log.c
    found = conn.execute(
        sa.select(c.op, c.row, c.scope_unit, c.device_id)
        .where(c.entity == entity, c.entity_id == entity_id)
        .order_by(c.seq.desc())
        .limit(1)
    ).first()
    if found is None or found.op != "delete":
        return None
    return Stored(json.loads(found.row), found.scope_unit), found.device_id


def user_of_device(conn: sa.Connection, device_id: str | None) -> str | None:
    if device_id is None:
        return None
    found = conn.execute(sa.select(device.c.user_id).where(device.c.id == device_id)).first()
    return found.user_id if found else None


def keep(
    conn: sa.Connection,
    kind: str,
    entity: str,
    entity_id: str,
    scope: str | None,
    loser: Version,
    winner: Version,
    at: str,
) -> str:
    """Keep the losing version; returns the conflict's id."""
    ident = new_id()
    conn.execute(
        sa.insert(conflict).values(
            id=ident,
            entity=entity,
            entity_id=entity_id,
            kind=kind,
            scope_unit=scope,
            losing_op=loser.op,
            losing_row=dumps(loser.row),
            losing_user_id=loser.user_id,
            losing_device_id=loser.device_id,
            winning_op=winner.op,
            winning_row=dumps(winner.row),
            winning_user_id=winner.user_id,
            winning_device_id=winner.device_id,
            at=at,
        )
    )
    return ident


def _entry(r: Any) -> dict[str, Any]:
    return {
        "id": r.id,
        "seq": int(r.seq),
        "entity": r.entity,
        "entity_id": r.entity_id,
        "kind": r.kind,
        "unit_id": r.scope_unit,
        "at": r.at,
        "losing": {
            "op": r.losing_op,
            "row": json.loads(r.losing_row),
            "user_id": r.losing_user_id,
            "device_id": r.losing_device_id,
        },
        "winning": {
            "op": r.winning_op,
            "row": json.loads(r.winning_row),
            "user_id": r.winning_user_id,
            "device_id": r.winning_device_id,
        },
        "resolved_at": r.resolved_at,
        "resolved_by": r.resolved_by,
        "resolution": r.resolution,
    }


def _page(rows: Sequence[Any], limit: int, after: int) -> dict[str, Any]:
    more = len(rows) > limit
    rows = rows[:limit]
    return {
        "conflicts": [_entry(r) for r in rows],
        "cursor": int(rows[-1].seq) if rows else after,
        "more": more,
    }


def feed(engine: sa.Engine, user: User, after: int, limit: int) -> dict[str, Any]:
    """The conflicts this user lost on the device of their token, above `after` (a seq)."""
    c = conflict.c
    query = (
        sa.select(conflict)
        .where(c.losing_user_id == user.id, c.losing_device_id == user.device_id, c.seq > after)
        .order_by(c.seq)
        .limit(limit + 1)
    )
    with reading(engine) as conn:
        return _page(conn.execute(query).all(), limit, after)


def _office(user: User) -> None:
    if user.role not in permissions.RESOLVERS:
        raise ApiError(403, "forbidden", "only reviewers and admins see and resolve conflicts")


def _visible(user: User) -> Any:
    """Rows of the user's units (and reference data, which lies in none)."""
    c = conflict.c
    if user.all_units:
        return sa.true()
    return sa.or_(c.scope_unit.is_(None), c.scope_unit.in_(sorted(user.units)))


def listing(engine: sa.Engine, user: User, state: str, after: int, limit: int) -> dict[str, Any]:
    """The office's list: conflicts on rows of its units, oldest first above `after`;
    `state`: open (unresolved), resolved or all."""
    _office(user)
    c = conflict.c
    query = sa.select(conflict).where(_visible(user), c.seq > after)
    if state == "open":
        query = query.where(c.resolved_at.is_(None))
    elif state == "resolved":
        query = query.where(c.resolved_at.is_not(None))
    with reading(engine) as conn:
        return _page(conn.execute(query.order_by(c.seq).limit(limit + 1)).all(), limit, after)


class _Resolution(PushChecks):
    """The checks a resolution's new edit passes (jurisdiction, a submitted inspection stays
    locked, references, the notice lifecycle), written like a push's rows (and logged, so
    every laptop pulls it)."""

    def __init__(self, conn: sa.Connection, settings: Settings, user: User) -> None:
        super().__init__(conn, user, user.device_id or f"office:{user.id}", [])
        self.settings = settings
        self.now = utc_now()
        self.autoflush = True
        self.batch_member = set()
        self.new_inspections = set()
        self.submitted_here = set()
        self.closed_here = set()
        self.notice_states = {}
        self.invalid = {}
        self.seq = conn.execute(
            sa.select(sa.func.coalesce(sa.func.max(change_log.c.seq), 0))
        ).scalar_one()

    def take(self, entity: str, op: str, losing: dict) -> dict | None:
        """Write the losing version as a new edit over what is held; returns the row written
        (None for a delete)."""
        held = self.get(entity, losing["id"])
        if held is not None:
            self.check_scope(entity, held.scope)
        if op == "delete":
            if held is None:
                return None
            self._unlocked(entity, held.row)
            self.check_references(entity, "delete", held.row)
            self.remove(entity, held)
            return None
        gone = deleted(self.conn, entity, losing["id"]) if held is None else None
        base = held.row if held is not None else (gone[0].row if gone else losing)
        row = {**losing, "rev": int(base.get("rev") or 0) + 1, "updated_at": now_iso()}
        self._unlocked(entity, row)
        self.check_row(entity, row)
        self.check_references(entity, "upsert", row)
        scope = self.scope_of(entity, row)
        self.check_scope(entity, scope)
        if entity == "notice_event" and held is None:
            self.check_event(row)
            self.check_event_units(row)  # 改派, 推诿, 延期申请 name the notice's current unit
        if entity == "notice":  # its unit changes only by a transfer
            self.check_notice_unit(row, held)
            self.check_case_notice(row, held)
        if entity == "problem_case":  # triaged once, to a notice that fits (server/case_checks)
            self.check_case(row, held)
        if entity == "photo":  # a case's photo keeps its case and its file
            self.check_case_photo(row, held)
        self.write(entity, row, scope, held is not None)
        if entity == "problem_case" and held is not None and held.scope != scope:
            self.rescope_photos(row["id"], scope)  # its photos go with it
        return row

    def _unlocked(self, entity: str, row: dict) -> None:
        inspection_id = row["id"] if entity == "inspection" else row.get("inspection_id")
        if entity in (
            "inspection",
            "inspection_person",
            "finding",
            "photo",
            "duty_check",
            "notice",
        ):
            found = self.get("inspection", inspection_id)
            if entity != "notice" and found is not None and found.row.get("status") == "submitted":
                raise Rejected("locked", "the inspection is submitted: it never changes")


def resolve(
    engine: sa.Engine, settings: Settings, user: User, conflict_id: str, take: str
) -> dict[str, Any]:
    """Resolve a conflict by taking the `losing` or the `winning` version (409 when resolved
    already, or when the losing version can no longer be written: the reason in words)."""
    _office(user)
    c = conflict.c
    with engine.begin() as conn:
        write_lock(conn)
        found = conn.execute(sa.select(conflict).where(c.id == conflict_id, _visible(user))).first()
        if found is None:
            raise ApiError(404, "not_found", "no such conflict in your units")
        if found.resolved_at is not None:
            raise ApiError(409, "resolved", "this conflict was resolved already")
        written = None
        if take == "losing":
            rows = _Resolution(conn, settings, user)
            try:
                written = rows.take(found.entity, found.losing_op, json.loads(found.losing_row))
            except Rejected as exc:
                raise ApiError(
                    409, exc.code, f"the losing version cannot be written: {exc.reason}"
                ) from None
            rows.flush()
        at = now_iso()
        conn.execute(
            sa.update(conflict)
            .where(c.id == conflict_id)
            .values(resolved_at=at, resolved_by=user.id, resolution=take)
        )
        audit.record(
            conn,
            "conflict_resolved",
            user=user,
            device_id=user.device_id,
            entity=found.entity,
            entity_id=found.entity_id,
            detail={
                "conflict": conflict_id,
                "take": take,
                "rev": written.get("rev") if written else None,
            },
        )
        again = conn.execute(sa.select(conflict).where(c.id == conflict_id)).one()
        return _entry(again)
