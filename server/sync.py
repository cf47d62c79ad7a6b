"""Push and pull (docs/architecture.md, "Sync").

A push is applied in one transaction under the write lock (pg_advisory_xact_lock / SQLite
BEGIN IMMEDIATE), so change_log sequence numbers are assigned as max+1 in commit order: no
change ever commits below a cursor a client has already passed.

The checks a change must pass live in server/push_checks.py, concurrent edits in
server/conflicts.py; reading and writing a batch's rows with few round trips lives in
server/batch_rows.py.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from domain.clock import from_iso, to_iso, utc_now
from domain.contract import PushEnvelope, invalid_changes
from domain.digest import inspection_digest
from domain.lifecycle import LifecycleError, derive_status, replay_order
from domain.sync_decision import Judgement, judge_push
from domain.wire import BOOKKEEPING, ENTITIES, entity_order
from server import audit, auth, conflicts
from server.auth import User
from server.batch_rows import Stored, dumps
from server.blobs import BlobStorage
from server.conflicts import Version
from server.db import (
    change_log,
    push_batch,
    reading,
    write_lock,
)
from server.errors import ApiError, parse
from server.permissions import IMPORTS
from server.push_checks import PushChecks, Rejected, _event
from server.settings import Settings

log = logging.getLogger("ducha.server.sync")
_SHOWN_ID = re.compile(r"[0-9A-Za-z._:-]{1,200}")


# the kind of a conflict a pushed delete wins
EDIT_KIND = {("delete", True): conflicts.EDIT_VS_DELETE}


class Push(PushChecks):
    """One push batch applied on one connection inside the caller's transaction."""

    def __init__(
        self,
        conn: sa.Connection,
        settings: Settings,
        blobs: BlobStorage,
        user: User,
        device_id: str,
        changes: list,
        now: datetime | None = None,
        invalid: dict[int, str] | None = None,
    ) -> None:
        super().__init__(conn, user, device_id, changes)
        self.settings = settings
        self.blobs = blobs
        self.now = now or utc_now()  # the server's clock: the bound of every time in the batch
        # index -> why: the changes that break the contract (domain/contract), rejected alone;
        # `push` checks them before it takes the write lock (pure CPU: ~10 % of a push's time)
        self.invalid = invalid_changes(changes, self.now) if invalid is None else invalid
        # notices a transfer (改派) of this batch moves: their update follows the event
        self.transferred_notices = {
            c["row"].get("notice_id")
            for i, c in enumerate(changes)
            if i not in self.invalid
            and c.get("entity") == "notice_event"
            and c.get("op") == "upsert"
            and isinstance(c.get("row"), dict)
            and c["row"].get("kind") == "transferred"
        }
        # inspections this user joins in this batch (their own inspection_person rows)
        self.batch_member = {
            c["row"].get("inspection_id")
            for i, c in enumerate(changes)
            if i not in self.invalid
            and c.get("entity") == "inspection_person"
            and c.get("op") == "upsert"
            and isinstance(c.get("row"), dict)
            and c["row"].get("person_id") == user.id
        }

    # -- one change --------------------------------------------------------------------------
    def apply(self, item: dict) -> dict:
        entity, op, row = item["entity"], item["op"], dict(item["row"])
        base_rev = item.get("base_rev")
        stored = self.get(entity, row["id"])
        if op == "delete":
            if stored is None:
                # refused whatever is held
                if entity in ("notice", "notice_event", "review", "problem_case"):
                    self.check_permission(entity, "delete", row, None)
                return {}
            self.check_scope(entity, stored.scope)
            try:
                self.check_permission(entity, "delete", stored.row, stored)
            except Rejected as exc:
                if exc.code != "locked" or base_rev is None:
                    raise
                return self.locked_edit(entity, {**row, "_op": "delete"}, stored, stored.scope)
            if entity == "inspection_person":
                self.check_team("delete", stored.row, stored)
            self.check_references(entity, op, stored.row)
            kept: dict[str, Any] = {}
            if self.is_concurrent(judge_push(op, row, base_rev, stored.row), entity, base_rev, row):
                kept = self.concurrent(entity, stored, Version("delete", row, *self.me()), True)
            self.remove(entity, stored)
            return kept
        self.check_row(entity, row)
        if stored is not None and stored.row == row:
            return {"unchanged": True}
        self.check_identity(entity, row, stored)
        if entity == IMPORTS:  # the import it replaces stays in its history
            self.keep_history(row, stored)
        if stored is not None and stored.row == row:
            return {"unchanged": True}
        gone = (
            conflicts.deleted(self.flushed(), entity, row["id"])
            if stored is None and base_rev
            else None
        )
        if gone is not None:  # edited here, deleted there: the delete stays
            self.check_scope(entity, gone[0].scope)
            return self.edit_of_deleted(entity, row, gone)
        self.check_references(entity, op, row)
        if entity == "inspection" and (
            stored is None or stored.row.get("zone_id") != row.get("zone_id")
        ):  # made in, or moved into, a zone: it must be active
            self.check_zone_active(row)
        if entity == "inspection" and stored is None:
            self.new_inspections.add(row["id"])
        if entity == "unit":
            self.check_unit_retire(row, stored)
        if entity == "zone":
            self.check_zone_move(row, stored)
        if entity == "template":
            self.check_template_kept(row, stored)
        scope = self.scope_of(entity, row)
        self.check_scope(entity, scope)
        if stored is not None and stored.scope != scope:
            self.check_scope(entity, stored.scope)
        op = "create" if stored is None else "update"
        receipt = None
        if entity == "notice_event" and stored is None:
            receipt = self.second_receipt(row)
            if receipt is None:
                self.check_event(row)  # a step the lifecycle refuses is refused as such first
        try:
            self.check_permission(entity, op, row, stored)
        except Rejected as exc:
            if exc.code != "locked" or base_rev is None:
                raise
            return self.locked_edit(entity, row, stored, scope)
        if entity == "inspection_person":
            self.check_team(op, row, stored)
        if entity == "notice_event" and stored is None:
            self.check_event_units(row)
        if entity == "problem_case":
            self.check_case(row, stored)
        elif entity == "notice":
            self.check_notice_unit(row, stored)
            self.check_case_notice(row, stored)
        elif entity == "photo":
            self.check_case_photo(row, stored)
        if receipt is not None:  # a second 整改回执 of the round: kept for the office
            return self.concurrent(
                entity, Stored(row, scope), Version("upsert", receipt, None, None), False,
                kind=conflicts.SECOND_RECTIFICATION, winner_writer=True,
            )  # fmt: skip
        extra: dict[str, Any] = {}
        if entity == "notice":
            assigned = self.number_notice(row, stored)
            if assigned:
                extra["number"] = assigned
            if stored is not None and stored.row == row:
                return {**extra, "unchanged": True}
        if stored is not None:
            judged = judge_push("upsert", row, base_rev, stored.row)
            if not self.is_concurrent(judged, entity, base_rev, row):
                pass
            elif judged.incoming_wins:
                extra.update(
                    self.concurrent(entity, stored, Version("upsert", row, *self.me()), True)
                )
            else:  # the held version stays; the pusher's is the loser
                mine = Stored(row, scope)
                held = Version("upsert", stored.row, None, None)
                extra.update(self.concurrent(entity, mine, held, False, winner_writer=True))
                self.log(entity, row["id"], "upsert", stored.row, stored.scope)
                return extra
        if entity == "inspection" and row.get("status") == "submitted":
            self.submitted_here.add(row["id"])
        if entity == "notice_event":
            for follow_up in (True, False):
                self.notice_states.pop((row["notice_id"], follow_up), None)
            if row.get("kind") == "closed":
                self.closed_here.add(row["id"])
        self.write(entity, row, scope, stored is not None)
        if entity == "problem_case" and stored is not None and stored.scope != scope:
            self.rescope_photos(row["id"], scope)
        return extra

    # -- concurrent edits (server/conflicts.py) ------------------------------------------------
    def is_concurrent(
        self, judged: Judgement, entity: str, base_rev: int | None, row: dict
    ) -> bool:
        """A change judged concurrent is not when this very device wrote the version held: a
        laptop's own edits follow one another (its base may lag behind a snapshot it sent
        that was refused and sent again)."""
        if not judged.concurrent:
            return False
        if base_rev is None:
            return True
        return conflicts.writer_of(self.flushed(), entity, row["id"]) != self.me()

    def me(self) -> tuple[str, str]:
        return self.user.id, self.device_id

    def flushed(self) -> sa.Connection:
        self.flush()
        return self.conn

    def concurrent(
        self,
        entity: str,
        other: Stored,
        version: Version,
        incoming_wins: bool,
        *,
        kind: str = conflicts.CONCURRENT_EDIT,
        winner_writer: bool = False,
    ) -> dict[str, Any]:
        """Keep the loser of a concurrent edit. `incoming_wins`: `version` (the pusher's) wins
        and `other` (the held row) lost, by whoever last wrote it; else `other` is the pusher's
        row that lost against `version` (the held one, by whoever last wrote it)."""
        kept_kind = EDIT_KIND.get((version.op, incoming_wins), kind)
        if version.op == "upsert" and _content(other.row) == _content(version.row):
            return {}  # the same content: nothing was lost
        if incoming_wins:
            loser = Version(
                "upsert", other.row, *conflicts.writer_of(self.flushed(), entity, other.row["id"])
            )
            ident = conflicts.keep(
                self.conn,
                kept_kind,
                entity,
                other.row["id"],
                other.scope,
                loser,
                version,
                self.received_at,
            )
            return {"conflict": True, "conflict_id": ident}
        if winner_writer:
            version.user_id, version.device_id = conflicts.writer_of(
                self.flushed(), entity, version.row["id"]
            )
        mine = Version("upsert", other.row, *self.me())
        ident = conflicts.keep(
            self.conn, kind, entity, other.row["id"], other.scope, mine, version, self.received_at
        )
        return {
            "conflict": True,
            "conflict_id": ident,
            "lost": True,
            "kept": "server",
            "winning": {"op": version.op, "row": version.row},
        }  # fmt: skip

    def locked_edit(self, entity: str, row: dict, stored: Stored | None, scope: str | None) -> dict:
        """An edit made on a draft that another device submitted meanwhile (the laptop sent the
        version it was made on): the submitted version stands, the edit is the loser, kept for
        the office and answered as lost, never left refused for good."""
        if stored is not None:
            held, held_entity = stored.row, entity
        else:
            inspection = self.get("inspection", self.inspection_id_of(entity, row))
            held, held_entity = (inspection.row if inspection else {}), "inspection"
        writer = conflicts.writer_of(self.flushed(), held_entity, str(held.get("id")))
        winner = Version("upsert", held, *writer)
        return self.concurrent(entity, Stored(row, scope), winner, False)

    def keep_refused(self, refused: dict[tuple[str, str], tuple[str, str]], results: list) -> None:
        """A submission refused for a digest mismatch (its draft changed here meanwhile) is kept
        as a conflict too: the office sees the version that was not taken."""
        for i, item in enumerate(self.changes):
            key = (item.get("entity"), item.get("id")) if isinstance(item, dict) else None
            if i in self.invalid or key is None or key[0] != "inspection" or key not in refused:
                continue
            held = self.get("inspection", item["id"])
            writer = conflicts.writer_of(self.flushed(), "inspection", item["id"])
            winner = Version("upsert", held.row if held else {}, *writer)
            loser = Version("upsert", item["row"], *self.me())
            scope = held.scope if held else item["row"].get("unit_id")
            kind = conflicts.REFUSED_SUBMISSION
            results[i]["conflict_id"] = conflicts.keep(
                self.conn, kind, "inspection", item["id"], scope, loser, winner, self.received_at
            )

    def edit_of_deleted(self, entity: str, row: dict, gone: tuple[Stored, str]) -> dict:
        """An upsert of a row another device deleted since this one last had it: the delete
        stays, the edit is the loser (judge_push, rule 3)."""
        judged = judge_push("upsert", row, 1, None, deleted=True)
        assert not judged.incoming_wins
        stored, device_id = gone
        winner = Version(
            "delete", stored.row, conflicts.user_of_device(self.conn, device_id), device_id
        )
        return self.concurrent(
            entity, Stored(row, stored.scope), winner, False, kind=conflicts.EDIT_VS_DELETE
        )

    def second_receipt(self, row: dict) -> dict | None:
        """The held 整改回执 event when this one is a second of the same round (the notice is
        rectified already): a concurrent receipt from another laptop."""
        if row.get("kind") != "rectified":
            return None
        held = replay_order(
            self.rows_where("notice_event", "notice_id", row["notice_id"]), self.now
        )
        try:
            state = derive_status([_event(r) for r in held], lenient=True).state
        except (LifecycleError, ValueError, TypeError, KeyError):
            return None
        if state != "rectified":
            return None
        return next((r for r in reversed(held) if r.get("kind") == "rectified"), None)

    # -- the batch ---------------------------------------------------------------------------
    def run_once(self, refused: dict[tuple[str, str], tuple[str, str]]) -> tuple[list, list]:
        self.seq = self.conn.execute(
            sa.select(sa.func.coalesce(sa.func.max(change_log.c.seq), 0))
        ).scalar_one()
        self.new_inspections: set[str] = set()
        self.submitted_here: set[str] = set()
        self.closed_here: set[str] = set()  # ids of 销号 events written by this push
        self.notice_states: dict[tuple[str, bool], str] = {}
        self.reset()
        self.prefetch(self.valid())
        results: list[dict | None] = [None] * len(self.changes)
        for i in sorted(range(len(self.changes)), key=self._order):
            item = self.changes[i]
            if i in self.invalid:
                results[i] = {
                    **_shown(item),
                    "status": "rejected",
                    "code": "invalid",
                    "reason": self.invalid[i],
                }
                continue
            ident = item["id"]
            base = {"id": ident, "entity": item["entity"]}
            key = (item["entity"], ident)
            if key in refused:
                code, reason = refused[key]
                results[i] = {**base, "status": "rejected", "code": code, "reason": reason}
                continue
            try:
                extra = self.apply(item)
            except Rejected as exc:
                results[i] = {**base, "status": "rejected", "code": exc.code, "reason": exc.reason}
            else:
                results[i] = {**base, "status": "accepted", **extra}
        self.flush()
        failures = self.digests_failing(self.submitted_here)
        return results, failures

    def valid(self) -> Iterable[dict]:
        return (c for i, c in enumerate(self.changes) if i not in self.invalid)

    def _order(self, i: int) -> tuple[int, int]:
        """Invalid changes first (answered at once), then upserts parents first, then deletes
        children first (a row is deleted after the rows that name it)."""
        if i in self.invalid:
            return (0, 0)
        item = self.changes[i]
        if item["op"] == "delete":
            return (2, -entity_order(item["entity"]))
        if (
            item["entity"] == "notice"
            and item["id"] in self.transferred_notices
            and self.get("notice", item["id"]) is not None
        ):  # 改派 of a held notice: the transfer first, then the notice's new unit it allows
            return (1, entity_order("notice_event") * 2 + 1)
        return (1, entity_order(item["entity"]) * 2)

    def digests_failing(self, inspection_ids: set[str]) -> list[str]:
        """The inspections submitted by this batch whose digest differs from the rows the
        server holds (one query per child table for all of them, the writes flushed)."""
        if not inspection_ids:
            return []
        ids = sorted(inspection_ids)
        children = {
            entity: self.children_of(entity, ids)
            for entity in ("inspection_person", "finding", "photo")
        }
        failing = []
        for inspection_id in ids:
            inspection = self.get("inspection", inspection_id)
            assert inspection is not None
            try:
                digest = inspection_digest(
                    inspection.row,
                    children["inspection_person"].get(inspection_id, []),
                    children["finding"].get(inspection_id, []),
                    children["photo"].get(inspection_id, []),
                )
            except (TypeError, ValueError):
                failing.append(inspection_id)
                continue
            if digest != inspection.row.get("digest"):
                failing.append(inspection_id)
        return failing

    def run(self) -> list:
        refused: dict[tuple[str, str], tuple[str, str]] = {}
        for _ in range(len(self.changes) + 1):
            savepoint = self.conn.begin_nested()
            results, failures = self.run_once(refused)
            if not failures:
                savepoint.commit()
                self.keep_refused(refused, results)
                return results
            savepoint.rollback()
            for inspection_id in failures:
                refused[("inspection", inspection_id)] = (
                    "digest_mismatch",
                    "the digest differs from the submitted rows the server holds",
                )
                for item in self.valid():
                    row = item["row"]
                    if (
                        item.get("entity")
                        in ("inspection_person", "finding", "photo", "duty_check")
                        and row.get("inspection_id") == inspection_id
                    ):
                        refused[(item["entity"], item["id"])] = (
                            "digest_mismatch",
                            "its inspection was refused (digest mismatch)",
                        )
        raise RuntimeError("push did not settle")


def _content(row: dict) -> dict:
    """A row without its bookkeeping (rev, times, device): what a person wrote."""
    return {k: v for k, v in row.items() if k not in BOOKKEEPING}


def _clock_skew(client_time: str | None, received: datetime) -> float | None:
    """The device's clock minus the server's at receipt, in seconds (signed); None when the
    device did not say its time (an older client: no flag)."""
    if client_time is None:
        return None
    return round((from_iso(client_time) - received).total_seconds(), 3)


def _shown(item: Any) -> dict[str, Any]:
    """The id and entity of a change that broke the contract, for its result: only when they
    are plain (its id may be anything, even text that cannot be encoded)."""
    if not isinstance(item, dict):
        return {"id": None}
    ident, entity = item.get("id"), item.get("entity")
    shown: dict[str, Any] = {
        "id": ident if isinstance(ident, str) and _SHOWN_ID.fullmatch(ident) else None
    }
    if isinstance(entity, str) and entity in ENTITIES:
        shown["entity"] = entity
    return shown


def _log_refusals(user: User, device_id: str, results: list) -> None:
    """Which changes were refused, by id and code: never a row (server/app.py)."""
    refused = [r for r in results if r["status"] == "rejected"]
    if refused:
        log.info(
            "push user=%s device=%s refused %d of %d: %s",
            user.id,
            device_id,
            len(refused),
            len(results),
            ", ".join(f"{r.get('id')} {r['code']}" for r in refused[:20]),
        )


def push(
    engine: sa.Engine,
    settings: Settings,
    blobs: BlobStorage,
    user: User,
    body: Any,
    now: datetime | None = None,
) -> dict:
    """Apply one batch (domain.contract.PushRequest). `now` is the server's clock (the bound of
    every time in the batch); tests may hand another."""
    received = utc_now()  # the device's clock is compared with this (sent just before)
    envelope = parse(PushEnvelope, body)
    batch, device_id, changes = envelope.batch_id, envelope.device_id, envelope.changes
    if len(changes) > settings.max_changes:
        raise ApiError(413, "too_large", f"at most {settings.max_changes} changes per push")
    # the contract of every change, checked before the write lock that serializes every push
    # (the clock bound is read before the wait for the lock: it only moves the 24 h bound)
    invalid = invalid_changes(changes, now or utc_now())
    pb = push_batch.c
    with engine.begin() as conn:
        write_lock(conn)
        auth.claim_device(conn, user, device_id)  # 403 when the device is another user's
        held = conn.execute(  # batches are per (user, device): no one else's can shadow it
            sa.select(pb.answer).where(
                pb.user_id == user.id, pb.device_id == device_id, pb.batch_id == batch
            )
        ).scalar_one_or_none()
        if held is not None:
            answer = json.loads(held)
            answer["replayed"] = True
            return answer
        batch_rows = Push(conn, settings, blobs, user, device_id, changes, now, invalid)
        results = batch_rows.run()
        # audit (server/audit.py): one entry per change, accepted or rejected
        audit.record_many(conn, audit.push_entries(user, device_id, batch, changes, results))
        answered = utc_now()
        skew = _clock_skew(envelope.client_time, received)
        answer = {
            "batch_id": batch,
            "results": results,
            "server_time": to_iso(answered),
            "clock_skew_seconds": skew,
            "clock_skew": skew is not None and abs(skew) > settings.clock_skew_seconds,
        }
        conn.execute(
            sa.insert(push_batch).values(
                device_id=device_id,
                batch_id=batch,
                user_id=user.id,
                answer=dumps(answer),
                received_at=to_iso(answered),
            )
        )
    _log_refusals(user, device_id, results)
    return answer


def _text(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def pull(engine: sa.Engine, user: User, cursor: int, limit: int) -> str:
    """The answer to a pull, as JSON text: {changes: [{seq, entity, id, op, row, received_at}],
    cursor, more}. Each row goes out as the JSON text the log holds (written by `dumps`), not
    parsed and encoded again."""
    c = change_log.c
    query = sa.select(c.seq, c.entity, c.entity_id, c.op, c.row, c.received_at).where(
        c.seq > cursor
    )
    if not user.all_units:
        query = query.where(sa.or_(c.scope_unit.is_(None), c.scope_unit.in_(sorted(user.units))))
    query = query.order_by(c.seq).limit(limit + 1)
    with reading(engine) as conn:
        rows = conn.execute(query).all()
    more = len(rows) > limit
    rows = rows[:limit]
    changes = ",".join(
        f'{{"seq":{int(r.seq)},"entity":{_text(r.entity)},"id":{_text(r.entity_id)},'
        f'"op":{_text(r.op)},"row":{r.row},"received_at":{_text(r.received_at)}}}'
        for r in rows
    )
    last = int(rows[-1].seq) if rows else cursor
    return f'{{"changes":[{changes}],"cursor":{last},"more":{"true" if more else "false"}}}'
