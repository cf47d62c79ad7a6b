"""Push and pull (docs/architecture.md, "Sync").

A push is applied in one transaction under the write lock (pg_advisory_xact_lock / SQLite
BEGIN IMMEDIATE), so change_log sequence numbers are assigned as max+1 in commit order: no
change ever commits below a cursor a client has already passed.

The rules live here; reading and writing a batch's rows with few round trips lives in
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
from domain.contract import PushEnvelope, id_list, invalid_changes
from domain.digest import inspection_digest
from domain.ids import new_id
from domain.lifecycle import (
    LifecycleError,
    NoticeEvent,
    check_event,
    derive_status,
    last_moment,
    replay_order,
)
from domain.numbering import is_provisional, parse_official
from domain.wire import ENTITIES, entity_order, wins
from server import audit, auth, numbers, permissions
from server.auth import User
from server.batch_rows import BatchRows, Stored, dumps
from server.blobs import BlobStore, readable
from server.db import (
    ENTITY_COLUMNS,
    ENTITY_TABLES,
    change_log,
    conflict,
    push_batch,
    reading,
    write_lock,
)
from server.errors import ApiError, parse
from server.permissions import IDENTITY, REFERENCE
from server.settings import Settings

# What each entity's row names (field, entity), checked by Push.check_references: every foreign
# key of the client's store (local_db/migrations.py), so a pulled row never dangles there.
REFERENCES: dict[str, tuple[tuple[str, str], ...]] = {
    "unit": (("parent_id", "unit"),),
    "zone": (("unit_id", "unit"),),
    "inspection": (
        ("template_id", "template"),
        ("zone_id", "zone"),
        ("unit_id", "unit"),
        ("amends_id", "inspection"),
    ),
    "inspection_person": (("inspection_id", "inspection"), ("person_id", "person")),
    "finding": (("inspection_id", "inspection"),),
    "notice": (
        ("inspection_id", "inspection"),
        ("unit_id", "unit"),
        ("zone_id", "zone"),
        ("issued_by", "person"),
    ),
    "notice_event": (("notice_id", "notice"),),
    "rectification": (("notice_id", "notice"),),
    "recheck": (("notice_id", "notice"),),
    "photo": (
        ("inspection_id", "inspection"),
        ("finding_id", "finding"),
        ("rectification_id", "rectification"),
        ("recheck_id", "recheck"),
        ("about_finding_id", "finding"),
    ),
    "annotation": (("photo_id", "photo"),),
    "review": (("inspection_id", "inspection"),),
}
# JSON lists of ids in a row: (field, entity)
LISTED_REFERENCES: dict[str, tuple[tuple[str, str], ...]] = {
    "notice": (("findings", "finding"), ("cc_units", "unit")),
}
# entity -> the (entity, field) pairs that may name one of its rows
REFERRERS: dict[str, list[tuple[str, str]]] = {}
for _child, _fields in REFERENCES.items():
    for _field, _target in _fields:
        REFERRERS.setdefault(_target, []).append((_child, _field))
log = logging.getLogger("ducha.server.sync")
_SHOWN_ID = re.compile(r"[0-9A-Za-z._:-]{1,200}")


_REFUSALS = {
    "forbidden": "a {role} may not {what}",
    "locked": "the inspection is submitted: it never changes ({what})",
    "closed": "the notice is closed (销号): its follow-up is frozen until reopened ({what})",
    "append_only": "notice events and reviews are append-only: never rewritten or deleted",
    "lifecycle": "the lifecycle does not allow this step ({what})",
}


def _event(r: dict) -> NoticeEvent:
    due = r.get("new_due_at")
    return NoticeEvent(
        kind=r["kind"],
        at=from_iso(str(r["at"])),
        new_due_at=from_iso(due) if due else None,
        signer=r.get("signer"),
        note=r.get("note"),
    )


class Rejected(Exception):
    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


class Push(BatchRows):
    """One push batch applied on one connection inside the caller's transaction."""

    def __init__(
        self,
        conn: sa.Connection,
        settings: Settings,
        blobs: BlobStore,
        user: User,
        device_id: str,
        changes: list,
        now: datetime | None = None,
    ) -> None:
        super().__init__(conn, user, device_id, changes)
        self.settings = settings
        self.blobs = blobs
        self.now = now or utc_now()  # the server's clock: the bound of every time in the batch
        # index -> why: the changes that break the contract (domain/contract), rejected alone
        self.invalid = invalid_changes(changes, self.now)
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

    # -- rules -------------------------------------------------------------------------------
    def scope_of(self, entity: str, row: dict) -> str | None:
        """The unit whose jurisdiction the row falls under (None: reference data)."""
        if entity in REFERENCE:
            return None
        if entity == "inspection":
            return row["unit_id"]
        parent = self.parent_of(entity, row)
        if parent is None:
            raise Rejected("invalid", f"{entity} {row['id']} references no row the server holds")
        return parent.scope

    def parent_of(self, entity: str, row: dict) -> Stored | None:
        if entity in ("inspection_person", "finding", "review", "notice"):
            return self.get("inspection", row.get("inspection_id"))
        if entity in ("notice_event", "rectification", "recheck"):
            return self.get("notice", row.get("notice_id"))
        if entity == "annotation":
            return self.get("photo", row.get("photo_id"))
        if entity == "photo":
            owners = [k for k in ("inspection_id", "rectification_id", "recheck_id") if row.get(k)]
            if len(owners) != 1:
                raise Rejected("invalid", "a photo has exactly one owner")
            return self.get(owners[0].removesuffix("_id"), row[owners[0]])
        return None

    def inspection_id_of(self, entity: str, row: dict) -> str | None:
        if entity == "inspection":
            return row["id"]
        if entity in ("inspection_person", "finding", "notice", "photo", "review"):
            return row.get("inspection_id")
        return None

    def is_member(self, inspection_id: str) -> bool:
        if inspection_id in self.members:
            return True
        self.flush()
        ip = ENTITY_TABLES["inspection_person"]
        held = self.conn.execute(
            sa.select(sa.func.count()).where(
                ip.c.inspection_id == inspection_id, ip.c.person_id == self.user.id
            )
        ).scalar_one()
        if held:
            self.members.add(inspection_id)
            return True
        return self.creates(inspection_id)

    def creates(self, inspection_id: str) -> bool:
        """Does this push create the inspection and name its pusher on it?"""
        return inspection_id in self.new_inspections and inspection_id in self.batch_member

    def is_lead(self, inspection_id: str) -> bool:
        """Whether the user leads the draft as the push found it (a lead removing the team,
        their own row first, stays its lead for the rest of the push)."""
        return inspection_id in self.leads or any(
            r.get("person_id") == self.user.id and r.get("lead")
            for r in self.rows_where("inspection_person", "inspection_id", inspection_id)
        )

    def locked(self, inspection_id: str | None) -> bool:
        if not inspection_id or inspection_id in self.submitted_here:
            return False
        found = self.get("inspection", inspection_id)
        return found is not None and found.row.get("status") == "submitted"

    # -- authorization: jurisdiction, the permission table, identity, the team ---------------
    def check_scope(self, entity: str, scope: str | None) -> None:
        """Jurisdiction: a row falls under one unit, and the user must see it."""
        if scope is not None and not self.user.sees(scope):
            raise Rejected("forbidden", "the row lies outside your units")

    def notice_of(self, entity: str, row: dict) -> str | None:
        if entity in ("notice_event", "rectification", "recheck"):
            return row.get("notice_id")
        if entity == "notice":
            return row.get("id")
        if entity == "photo":
            for owner in ("rectification", "recheck"):
                found = self.get(owner, row.get(f"{owner}_id"))
                if found is not None:
                    return found.row.get("notice_id")
        return None

    def notice_state(self, notice_id: str, follow_up: bool) -> str:
        """`closed` after 销号 (until reopened), else `open`, from the notice's held events.
        For follow-up rows (`follow_up`) a close-out recorded in this very push does not count."""
        key = (notice_id, follow_up)
        if key not in self.notice_states:
            held = self.rows_where("notice_event", "notice_id", notice_id)
            if follow_up:
                held = [r for r in held if r["id"] not in self.closed_here]
            try:
                state = derive_status(
                    [_event(r) for r in replay_order(held, self.now)], lenient=True
                ).state
            except (LifecycleError, ValueError, TypeError, KeyError):
                state = "issued"  # no replayable history: nothing closed it
            self.notice_states[key] = permissions.CLOSED if state == "closed" else permissions.OPEN
        return self.notice_states[key]

    def state_of(self, entity: str, op: str, row: dict, stored: Stored | None) -> str:
        """The lifecycle state a change meets (server/permissions.py explains each)."""
        if entity in REFERENCE or entity == "annotation":
            return permissions.ANY
        if entity in ("inspection", "notice") and op == "create":
            return permissions.ANY  # created with nothing before it
        if entity in ("notice_event", "review") and op != "create":
            return permissions.ANY  # append-only, whatever the state
        if entity == "notice" and op == "delete":
            return permissions.ANY  # never deleted
        if entity == "review":
            found = self.get("inspection", row.get("inspection_id"))
            submitted = found is not None and found.row.get("status") == "submitted"
            return permissions.SUBMITTED if submitted else permissions.DRAFT
        rows = [row] if stored is None else [row, stored.row]
        inspection_ids = set()
        if entity in ("inspection", "inspection_person", "finding", "photo"):
            inspection_ids = {i for r in rows if (i := self.inspection_id_of(entity, r))}
        if inspection_ids:
            locked = any(self.locked(i) for i in inspection_ids)
            return permissions.SUBMITTED if locked else permissions.DRAFT
        follow_up = entity != "notice_event"
        notice_ids = {n for r in rows if (n := self.notice_of(entity, r))}
        closed = any(self.notice_state(n, follow_up) == permissions.CLOSED for n in notice_ids)
        return permissions.CLOSED if closed else permissions.OPEN

    def check_permission(self, entity: str, op: str, row: dict, stored: Stored | None) -> None:
        """The permission table (server/permissions.py), with its membership and author grants."""
        subject = permissions.subject_of(entity, row if stored is None else stored.row)
        state = self.state_of(entity, op, row, stored)
        cell = permissions.cell(self.user.role, subject, op, state)
        what = f"{op} {subject} ({state})"
        if cell is None:
            raise Rejected("forbidden", f"no rule lets anyone {what}")
        if cell.grant == permissions.NO:
            reason = _REFUSALS.get(cell.code, "{role}: may not {what}")
            raise Rejected(cell.code, reason.format(what=what, role=self.user.role))
        if cell.grant == permissions.MEMBER:
            rows = [row] if stored is None else [row, stored.row]
            for inspection_id in {i for r in rows if (i := self.inspection_id_of(entity, r))}:
                if not self.is_member(inspection_id):
                    raise Rejected(cell.code, "you are not on this inspection")
        if cell.grant == permissions.OWN:
            field = IDENTITY[entity]
            if stored is not None and stored.row.get(field) != self.user.id:
                raise Rejected(cell.code, f"only its {field} changes or deletes this {entity}")

    def check_identity(self, entity: str, row: dict, stored: Stored | None) -> None:
        """Who acted comes from the token: a row naming someone else is refused; a row naming
        nobody is stamped with the user; an update keeps the name the row was created with."""
        field = IDENTITY.get(entity)
        if field is None:
            return
        named = row.get(field)
        if stored is not None and stored.row.get(field) is not None:
            expected = stored.row[field]
        else:
            expected = self.user.id
        if named is None:
            row[field] = expected
        elif named != expected:
            raise Rejected(
                "identity_mismatch",
                f"{entity}.{field} names {named}, but this push is by {self.user.id}",
            )

    def check_team(self, op: str, row: dict, stored: Stored | None) -> None:
        """inspection_person: the push creating a draft names its team; then only the lead
        changes it; others may change or remove only their own row, and not make themselves
        lead (server/permissions.py)."""
        rows = [row] if stored is None else [row, stored.row]
        ids = {i for r in rows if (i := r.get("inspection_id"))}
        if all(self.creates(i) for i in ids) or all(self.is_lead(i) for i in ids):
            return
        mine = row.get("person_id") == self.user.id and (
            stored is None or stored.row.get("person_id") == self.user.id
        )
        promoted = (
            op != "delete" and bool(row.get("lead")) and not (stored and stored.row.get("lead"))
        )
        if not mine or promoted:
            raise Rejected(
                "identity_mismatch",
                "only the draft's lead names, changes or removes other people on it",
            )

    def check_row(self, entity: str, row: dict) -> None:
        """What the contract cannot say of a row that keeps it (its shape, ranges, times were
        checked for the whole batch: domain.contract.invalid_changes)."""
        sha = str(row["sha256"]) if entity == "photo" else ""
        if entity == "photo" and not (  # held, and the pusher may read it (server/blobs.py)
            self.blobs.has(sha) and readable(self.conn, self.blobs, self.user, [sha])
        ):
            raise Rejected("blob_missing", "blob missing: upload the photo before its row")

    # -- references ----------------------------------------------------------------------------
    def check_references(self, entity: str, op: str, row: dict) -> None:
        """Every row a change names exists (in the database, or written earlier in this batch)
        and is visible to the writer; rows under jurisdiction that it names lie in one unit.
        A delete: no row still names this one. Either way a pulled change never leaves a
        laptop with a dangling reference (docs/architecture.md, "Sync").
        Raises Rejected("reference")."""
        if op == "delete":
            stored = self.get(entity, row["id"])
            self._still_named(entity, row["id"], stored.scope if stored else None)
            return
        scopes: set[str] = set()
        if entity == "inspection":
            scopes.add(row["unit_id"])
        found: dict[str, Stored] = {}
        for field, target in REFERENCES.get(entity, ()):
            if row.get(field) is not None:
                found[field] = self._named(field, target, row[field], scopes)
        for field, target in LISTED_REFERENCES.get(entity, ()):
            for ident in id_list(row.get(field)):
                named = self._named(field, target, ident, scopes)
                if target == "finding" and named.row.get("inspection_id") != row["inspection_id"]:
                    raise Rejected("reference", f"{field}: a finding of another inspection")
        if len(scopes) > 1:
            raise Rejected("reference", f"the rows this {entity} names lie in different units")
        if entity == "inspection":
            if found["zone_id"].row.get("unit_id") != row["unit_id"]:
                raise Rejected("reference", "the zone belongs to another unit")
            if found["template_id"].row.get("version") != row["template_version"]:
                raise Rejected("reference", "template_version differs from the template's")
        if (
            entity == "photo"
            and "finding_id" in found
            and found["finding_id"].row.get("inspection_id") != row.get("inspection_id")
        ):
            raise Rejected("reference", "the finding belongs to another inspection")

    def _named(self, field: str, target: str, ident: str, scopes: set[str]) -> Stored:
        named = self.get(target, ident)
        if named is None or not self.user.sees(named.scope):
            raise Rejected("reference", f"{field} names no {target} you can see")
        if named.scope is not None:
            scopes.add(named.scope)
        return named

    def _still_named(self, entity: str, entity_id: str, scope: str | None) -> None:
        """Rejected when a stored row names this one (a child is deleted first, in the same
        batch or an earlier one). A row under jurisdiction is named only from its own unit."""
        self.flush()
        for child, field in REFERRERS.get(entity, ()):
            table = ENTITY_TABLES[child]
            if field in ENTITY_COLUMNS[child]:
                where = table.c[field] == entity_id
            else:  # not a column of its own: the row's JSON text (server/batch_rows.dumps)
                where = table.c.row.contains(f'"{field}":"{entity_id}"', autoescape=True)
                if scope is not None:
                    where = sa.and_(table.c.scope_unit == scope, where)
            if self.conn.execute(sa.select(table.c.id).where(where).limit(1)).first():
                raise Rejected("reference", f"a {child} still names this {entity}")

    def check_event(self, row: dict) -> None:
        """Workflow: the event must follow the notice's lifecycle from its current state, and
        not precede its last step. Held events are replayed in order, those dated in the future
        last and bounding nothing, leniently: one bad event cannot freeze a notice."""
        held = replay_order(
            self.rows_where("notice_event", "notice_id", row["notice_id"]), self.now
        )
        try:
            new = _event(row)
            last = last_moment(held, self.now)
            if last is not None and new.at < last:
                raise Rejected("lifecycle", "a notice event cannot precede the last one")
            if not held:
                derive_status([new])
                return
            status = derive_status([_event(r) for r in held], lenient=True)
            check_event(status.state, status.due_at, new)
        except LifecycleError as exc:
            raise Rejected("lifecycle", str(exc)) from None
        except (ValueError, TypeError, KeyError) as exc:
            raise Rejected("invalid", f"bad notice event: {exc}") from None

    def number_notice(self, row: dict, stored: Stored | None) -> str | None:
        """Give a provisional notice its official number; check an official one. Returns the
        number the server assigned (None when the device's number stands)."""
        prefix = self.settings.office_prefix
        if (
            stored is not None
            and stored.row.get("number_kind") == "official"
            and (
                row.get("number_kind") == "provisional" or row.get("number") == stored.row["number"]
            )
        ):
            changed = row.get("number") != stored.row["number"]
            row["number"], row["number_kind"] = stored.row["number"], "official"
            return row["number"] if changed else None
        if row["number_kind"] == "provisional" or is_provisional(str(row["number"])):
            row["number"] = numbers.next_official(
                self.conn, prefix, numbers.year_of(row.get("issued_at"), self.settings.office_zone)
            )
            row["number_kind"] = "official"
            return row["number"]
        if row["number_kind"] != "official" or parse_official(str(row["number"])) is None:
            raise Rejected("invalid", "number_kind is official or provisional")
        if not numbers.in_device_block(self.conn, self.device_id, prefix, row["number"]):
            raise Rejected("number", "the number is not in a block reserved by this device")
        notice = ENTITY_TABLES["notice"]
        self.flush()
        used = self.conn.execute(
            sa.select(notice.c.id).where(notice.c.number == row["number"], notice.c.id != row["id"])
        ).first()
        if used is not None:
            raise Rejected("number", "the number is already used by another notice")
        return None

    # -- one change --------------------------------------------------------------------------
    def apply(self, item: dict) -> dict:
        entity, op, row = item["entity"], item["op"], dict(item["row"])
        stored = self.get(entity, row["id"])
        if op == "delete":
            if stored is None:
                if entity in ("notice", "notice_event", "review"):  # refused whatever is held
                    self.check_permission(entity, "delete", row, None)
                return {}
            self.check_scope(entity, stored.scope)
            self.check_permission(entity, "delete", stored.row, stored)
            if entity == "inspection_person":
                self.check_team("delete", stored.row, stored)
            self.check_references(entity, op, stored.row)
            self.remove(entity, stored)
            return {}
        self.check_row(entity, row)
        if stored is not None and stored.row == row:
            return {"unchanged": True}
        self.check_identity(entity, row, stored)
        if stored is not None and stored.row == row:
            return {"unchanged": True}
        self.check_references(entity, op, row)
        if entity == "inspection" and stored is None:
            self.new_inspections.add(row["id"])
        scope = self.scope_of(entity, row)
        self.check_scope(entity, scope)
        if stored is not None and stored.scope != scope:
            self.check_scope(entity, stored.scope)
        op = "create" if stored is None else "update"
        if entity == "notice_event" and stored is None:
            self.check_event(row)  # a step the lifecycle refuses is refused as such first
        self.check_permission(entity, op, row, stored)
        if entity == "inspection_person":
            self.check_team(op, row, stored)
        extra: dict[str, Any] = {}
        if entity == "notice":
            assigned = self.number_notice(row, stored)
            if assigned:
                extra["number"] = assigned
            if stored is not None and stored.row == row:
                return {**extra, "unchanged": True}
        if stored is not None and int(row["rev"]) <= int(stored.row["rev"]):
            # a concurrent edit: the loser is kept in `conflict`, never dropped
            extra["conflict"] = True
            if wins(row, stored.row):
                self.keep_conflict(entity, loser=stored.row, winner=row)
            else:
                self.keep_conflict(entity, loser=row, winner=stored.row)
                self.log(entity, row["id"], "upsert", stored.row, stored.scope)
                extra["kept"] = "server"
                return extra
        if entity == "inspection" and row.get("status") == "submitted":
            self.submitted_here.add(row["id"])
        if entity == "notice_event":
            for follow_up in (True, False):
                self.notice_states.pop((row["notice_id"], follow_up), None)
            if row.get("kind") == "closed":
                self.closed_here.add(row["id"])
        self.write(entity, row, scope, stored is not None)
        return extra

    def keep_conflict(self, entity: str, loser: dict, winner: dict) -> None:
        self.conn.execute(
            sa.insert(conflict).values(
                id=new_id(),
                entity=entity,
                entity_id=winner["id"],
                losing_row=dumps(loser),
                winning_row=dumps(winner),
                device_id=self.device_id,
                at=self.received_at,
            )
        )

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
        failures = [i for i in self.submitted_here if not self.digest_ok(i)]
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
        return (1, entity_order(item["entity"]))

    def digest_ok(self, inspection_id: str) -> bool:
        inspection = self.get("inspection", inspection_id)
        assert inspection is not None
        persons = self.rows_where("inspection_person", "inspection_id", inspection_id)
        findings = self.rows_where("finding", "inspection_id", inspection_id)
        photos = self.rows_where("photo", "inspection_id", inspection_id)
        try:
            digest = inspection_digest(inspection.row, persons, findings, photos)
        except (TypeError, ValueError):
            return False
        return digest == inspection.row.get("digest")

    def run(self) -> list:
        refused: dict[tuple[str, str], tuple[str, str]] = {}
        for _ in range(len(self.changes) + 1):
            savepoint = self.conn.begin_nested()
            results, failures = self.run_once(refused)
            if not failures:
                savepoint.commit()
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
                        item.get("entity") in ("inspection_person", "finding", "photo")
                        and row.get("inspection_id") == inspection_id
                    ):
                        refused[(item["entity"], item["id"])] = (
                            "digest_mismatch",
                            "its inspection was refused (digest mismatch)",
                        )
        raise RuntimeError("push did not settle")


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
    blobs: BlobStore,
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
        batch_rows = Push(conn, settings, blobs, user, device_id, changes, now)
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
