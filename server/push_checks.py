"""The rules a pushed change must meet (docs/architecture.md, "The server trusts nothing"):
jurisdiction, the permission table, identity, the team, references, the notice lifecycle and
official numbers. server/sync.py applies a batch with them; server/batch_rows.py reads and writes.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from domain.assessment_import import HISTORY_FIELDS, MAX_HISTORY, parse_history, parse_scores
from domain.clock import from_iso
from domain.contract import id_list
from domain.lifecycle import (
    UNIT_EVENTS,
    LifecycleError,
    NoticeEvent,
    check_after,
    derive_status,
    last_moment,
    replay_order,
)
from domain.numbering import is_provisional, parse_official
from server import numbers, org, org_rules, permissions
from server.batch_rows import Stored
from server.blobs import BlobStorage, readable
from server.case_checks import CaseChecks, Rejected
from server.db import ENTITY_COLUMNS, ENTITY_TABLES
from server.org_rules import template_retire_refusal
from server.permissions import IDENTITY, OFFICE_WIDE, REAUTHORED, REFERENCE
from server.settings import Settings

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
    # notice_id: checked by server/case_checks.py (the notice may follow in the same push)
    "problem_case": (("unit_id", "unit"), ("zone_id", "zone")),
    "notice": (
        ("inspection_id", "inspection"),
        ("case_id", "problem_case"),
        ("unit_id", "unit"),
        ("zone_id", "zone"),
        ("issued_by", "person"),
    ),
    "notice_event": (("notice_id", "notice"), ("from_unit_id", "unit"), ("to_unit_id", "unit")),
    "rectification": (("notice_id", "notice"),),
    "recheck": (("notice_id", "notice"),),
    "photo": (
        ("inspection_id", "inspection"),
        ("finding_id", "finding"),
        ("rectification_id", "rectification"),
        ("recheck_id", "recheck"),
        ("case_id", "problem_case"),
        ("about_finding_id", "finding"),
        ("source_photo_id", "photo"),  # a still grabbed from this video
    ),
    "duty_check": (("inspection_id", "inspection"), ("zone_id", "zone"), ("photo_id", "photo")),
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
        from_unit_id=r.get("from_unit_id"),
        to_unit_id=r.get("to_unit_id"),
    )


def zone_records(conn: sa.Connection, zone_id: str) -> str | None:
    """The kind of a record made in the zone (inspection, notice, duty_check, problem_case),
    None when none: such a zone stays in its unit (its records lie there)."""
    for entity in ("inspection", "notice", "duty_check", "problem_case"):
        table = ENTITY_TABLES[entity]
        if "zone_id" in table.c:
            query = sa.select(table.c.id).where(table.c.zone_id == zone_id).limit(1)
        else:  # a case names its zone in its row only
            query = sa.select(table.c.id).where(table.c.row.contains(f'"zone_id":"{zone_id}"'))
            query = query.limit(1)
        if conn.execute(query).first() is not None:
            return entity
    return None


class PushChecks(CaseChecks):
    """The checks of one push batch (server/sync.py Push sets what they read)."""

    settings: Settings
    blobs: BlobStorage
    now: datetime
    batch_member: set[str | None]
    new_inspections: set[str]
    submitted_here: set[str]
    closed_here: set[str]
    notice_states: dict[tuple[str, bool], str]

    # -- rules -------------------------------------------------------------------------------
    def scope_of(self, entity: str, row: dict) -> str | None:
        """The unit whose jurisdiction the row falls under (None: reference data, office-wide)."""
        if entity in REFERENCE or entity in OFFICE_WIDE:
            return None
        if entity == "inspection":
            return row["unit_id"]
        if entity == "problem_case":
            return self.case_scope(row)
        if entity == "notice" and row.get("case_id") is not None:
            # a case's notice: under its case's unit, as an inspection's notice stays under its
            # inspection's after 改派 (the case's unit's laptops learn of the transfer)
            case = self.get("problem_case", row["case_id"])
            if case is None:
                raise Rejected("invalid", f"notice {row['id']} references no case the server holds")
            return case.scope
        parent = self.parent_of(entity, row)
        if parent is None:
            raise Rejected("invalid", f"{entity} {row['id']} references no row the server holds")
        return parent.scope

    def parent_of(self, entity: str, row: dict) -> Stored | None:
        if entity in ("inspection_person", "finding", "review", "notice", "duty_check"):
            return self.get("inspection", row.get("inspection_id"))
        if entity in ("notice_event", "rectification", "recheck"):
            return self.get("notice", row.get("notice_id"))
        if entity == "annotation":
            return self.get("photo", row.get("photo_id"))
        if entity == "photo":
            owners = [
                k
                for k in ("inspection_id", "rectification_id", "recheck_id", "case_id")
                if row.get(k)
            ]
            if len(owners) != 1:
                raise Rejected("invalid", "a photo has exactly one owner")
            if owners[0] == "case_id":
                return self.get("problem_case", row["case_id"])
            return self.get(owners[0].removesuffix("_id"), row[owners[0]])
        return None

    def inspection_id_of(self, entity: str, row: dict) -> str | None:
        if entity == "inspection":
            return row["id"]
        if entity in ("inspection_person", "finding", "notice", "photo", "review", "duty_check"):
            return row.get("inspection_id")
        if entity == "annotation":  # the inspection of the photo it marks, if any
            photo = self.get("photo", row.get("photo_id"))
            return photo.row.get("inspection_id") if photo is not None else None
        return None

    def is_member(self, inspection_id: str) -> bool:
        # member = held on the team OR this push creates it naming its pusher: the second
        # needs no query (a batch's new inspections are checked without a round trip each)
        if inspection_id in self.members or self.creates(inspection_id):
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
        return False

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
        if entity in REFERENCE or entity in OFFICE_WIDE or entity == "problem_case":
            return permissions.ANY  # a case's triage rules: server/case_checks.py
        if entity == "photo" and (row.get("case_id") or (stored and stored.row.get("case_id"))):
            return permissions.ANY
        if entity == "annotation":  # draft: on a draft's photo, before and after; else none
            held = [row] if stored is None else [row, stored.row]
            ids = {self.inspection_id_of(entity, r) for r in held}
            draft = len(ids) == 1 and None not in ids and not any(self.locked(i) for i in ids)
            return permissions.DRAFT if draft else permissions.ANY
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
        if entity in ("inspection", "inspection_person", "finding", "photo", "duty_check"):
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
            # a draft's markup: who marks it up only as one of its team edits it only as such
            created = permissions.cell(self.user.role, subject, "create", state)
            marked = self.inspection_id_of(entity, row)
            as_member = created is not None and created.grant == permissions.MEMBER
            if as_member and marked and not self.is_member(marked):
                raise Rejected(cell.code, "you are not on this inspection")

    def check_identity(self, entity: str, row: dict, stored: Stored | None) -> None:
        """Who acted comes from the token: a row naming someone else is refused; a row naming
        nobody is stamped with the user; an update keeps the name the row was created with."""
        if entity == org.ENTITY and (problem := org.author_problem(row, self.user.id)):
            raise Rejected("identity_mismatch", problem)
        if entity == "problem_case":
            self.check_case_identity(row, stored)
            return
        field = IDENTITY.get(entity)
        if field is None:
            return
        named = row.get(field)
        if stored is not None and stored.row.get(field) is not None and entity not in REAUTHORED:
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
        if entity == permissions.IMPORTS:
            self.check_import(row)

    def keep_history(self, row: dict, stored: Stored | None) -> None:
        """An import replacing the held one keeps it in its history whatever the laptop sent:
        the held history and the held import itself come first, then what the push adds
        (each import once). The record of every import travels with the row."""
        held: list[dict[str, Any]] = []
        if stored is not None:
            held = parse_history(stored.row.get("history") or "[]")
            held.append({k: stored.row.get(k) for k in HISTORY_FIELDS})
            if {k: row.get(k) for k in HISTORY_FIELDS} == held[-1]:
                held.pop()  # the same import again (a re-sent row): not its own predecessor
        seen = {(e["file_sha256"], e["imported_at"]) for e in held}
        added = [
            e
            for e in parse_history(row.get("history") or "[]")
            if (e["file_sha256"], e["imported_at"]) not in seen
        ]
        # what the push adds is the pusher's own earlier imports (imported twice offline):
        # who acted comes from the token, as for the row's own imported_by
        for e in added:
            if e["imported_by"] not in (None, self.user.id):
                raise Rejected(
                    "identity_mismatch",
                    f"history: an import by {e['imported_by']} the server does not hold, "
                    f"but this push is by {self.user.id}",
                )
        if stored is None:
            return
        row["history"] = json.dumps(
            (held + added)[-MAX_HISTORY:], ensure_ascii=False, separators=(",", ":")
        )

    def check_import(self, row: dict) -> None:
        """An imported component's scores: the office's configuration counts the component,
        every key names a unit, every score lies within the component's full marks."""
        self.flush()
        config = org.composite_config(self.conn)
        component = config.component(row["component"])
        if component is None:
            raise Rejected(
                "invalid", f"the office's composite assessment does not count {row['component']}"
            )
        scores = parse_scores(row["scores"])
        self.prefetch([{"entity": "unit", "row": {"id": unit_id}} for unit_id in scores])
        for unit_id, score in scores.items():
            if self.get("unit", unit_id) is None:
                raise Rejected("reference", f"scores: {unit_id} names no unit")
            if score > component.full_marks:
                raise Rejected(
                    "invalid",
                    f"scores: {score} for {unit_id} is above the full marks {component.full_marks}",
                )

    # -- references ----------------------------------------------------------------------------
    def check_template_kept(self, row: dict, stored: Stored | None) -> None:
        """A published template version never changes its version or items (inspections keep
        the version they were made with; a new version is published instead): an update may
        rename or retire it. Raises Rejected("template_published")."""
        if stored is None:
            return

        def items(text: Any) -> Any:
            try:
                body = json.loads(text)
            except (TypeError, ValueError):
                return None
            return (
                {k: v for k, v in body.items() if k != "name"} if isinstance(body, dict) else None
            )

        held = stored.row
        refused = template_retire_refusal(held, row)
        if refused is not None:
            raise Rejected(*refused)
        if held.get("version") != row.get("version") or items(held.get("body")) != items(
            row.get("body")
        ):
            raise Rejected(
                "template_published",
                "a published template version never changes its items: publish a new version",
            )

    def check_unit_retire(self, row: dict, stored: Stored | None) -> None:
        """A unit is retired only once it has no active zone, pushed by an admin as through the
        admin routes (server/org_rules.py). Raises Rejected("unit_has_active_zones")."""
        if stored is None or not org_rules.active(stored.row) or org_rules.active(row):
            return
        self.flush()  # zones retired earlier in this push count as retired
        zones = org_rules.active_zone_counts(self.conn, row["id"]).get(row["id"], 0)
        refused = org_rules.unit_retire_refusal(stored.row, row, zones)
        if refused is not None:
            raise Rejected(*refused)

    def check_zone_move(self, row: dict, stored: Stored | None) -> None:
        """A zone that records were made in stays in its unit, and a zone is added to, moved
        into or brought back only in an active unit, pushed by an admin as written through the
        admin routes (server/admin_org.py). Raises Rejected("zone_in_use", "unit_retired")."""
        unit = self.get("unit", row.get("unit_id"))
        refused = org_rules.zone_unit_refusal(
            stored.row if stored is not None else None, row, unit.row if unit else None
        )
        if refused is not None:
            raise Rejected(*refused)
        if stored is None or stored.row.get("unit_id") == row.get("unit_id"):
            return
        self.flush()
        found = zone_records(self.conn, row["id"])
        if found is not None:
            raise Rejected(
                "zone_in_use", f"records were made in this zone ({found}): it stays in its unit"
            )

    def check_zone_active(self, row: dict) -> None:
        """A NEW inspection, or a draft moved to another zone, lies only in an active zone of an
        active unit (issue 16: a zone or unit retired by an admin); inspections made before keep
        theirs, edits and submission included. Raises Rejected("zone_retired")."""
        if self.keeps_original(row, "zone_id"):
            return  # a correction of an inspection made there before
        zone = self.get("zone", row.get("zone_id"))
        if zone is None:
            return  # check_references names it
        if not zone.row.get("active", 1):
            raise Rejected("zone_retired", f"the zone {zone.row.get('name')} is retired")
        unit = self.get("unit", zone.row.get("unit_id"))
        if unit is not None and not unit.row.get("active", 1):
            raise Rejected("zone_retired", f"the zone's unit {unit.row.get('name')} is retired")

    def keeps_original(self, row: dict, field: str) -> bool:
        """Is this inspection a correction (amends_id) of a held inspection with the same
        `field` (its zone, its template)? A correction keeps what its original was made with;
        naming any other inspection reopens nothing retired."""
        amends = row.get("amends_id")
        original = self.get("inspection", amends) if amends else None
        return original is not None and original.row.get(field) == row.get(field)

    def takes_template(self, row: dict) -> bool:
        """Is this inspection new, or moved to another template than the one it holds?"""
        held = self.get("inspection", row["id"])
        return held is None or held.row.get("template_id") != row.get("template_id")

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
                found["template_id"].row.get("retired_at")
                # a correction keeps its original's version
                and not self.keeps_original(row, "template_id")
                and self.takes_template(row)
            ):
                raise Rejected(  # a new inspection; the ones made with it keep their version
                    "template_retired",
                    f"template {found['template_id'].row.get('name')} "
                    f"v{row['template_version']} is retired: a new inspection uses a current one",
                )
        if (
            entity == "photo"
            and "finding_id" in found
            and found["finding_id"].row.get("inspection_id") != row.get("inspection_id")
        ):
            raise Rejected("reference", "the finding belongs to another inspection")
        if entity == "duty_check":
            self._duty_check_references(row, found)

    def _duty_check_references(self, row: dict, found: dict[str, Stored]) -> None:
        """马路办公: the zone is its inspection's, the photo one of the same inspection's, and an
        inspection has at most one duty check."""
        inspection = found["inspection_id"].row
        if row["zone_id"] != inspection.get("zone_id"):
            raise Rejected("reference", "zone_id: not the zone of its inspection")
        photo = found.get("photo_id")
        if photo is not None and photo.row.get("inspection_id") != row["inspection_id"]:
            raise Rejected("reference", "photo_id: a photo of another inspection")
        others = [
            r
            for r in self.rows_where("duty_check", "inspection_id", row["inspection_id"])
            if r["id"] != row["id"]
        ]
        if others:
            raise Rejected("invalid", "the inspection has a duty check already")

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
            check_after(status, new)
        except LifecycleError as exc:
            raise Rejected("lifecycle", str(exc)) from None
        except (ValueError, TypeError, KeyError) as exc:
            raise Rejected("invalid", f"bad notice event: {exc}") from None

    def current_unit(self, notice_id: str) -> str | None:
        """The unit responsible for a notice now: the one its latest transfer (held or written
        earlier in this push) names, else the notice's unit as held."""
        held = replay_order(self.rows_where("notice_event", "notice_id", notice_id), self.now)
        moved = [r for r in held if r.get("kind") == "transferred"]
        if moved:
            return moved[-1].get("to_unit_id")
        notice = self.get("notice", notice_id)
        return notice.row.get("unit_id") if notice is not None else None

    def check_event_units(self, row: dict) -> None:
        """改派, 推诿, 延期申请: the event names the notice's current unit (from_unit_id); a
        transfer goes to a unit the user sees, another one."""
        if row.get("kind") not in UNIT_EVENTS:
            return
        current = self.current_unit(row["notice_id"])
        if row.get("from_unit_id") != current:
            raise Rejected("invalid", "from_unit_id is not the unit responsible for the notice now")
        if row.get("kind") == "transferred":
            target = row.get("to_unit_id")
            if not self.user.sees(target):
                raise Rejected("forbidden", "to_unit_id names a unit outside your units")
            if target == current:
                raise Rejected("invalid", "a notice is transferred to another unit")

    def check_notice_unit(self, row: dict, stored: Stored | None) -> None:
        """A notice's unit changes only by 改派: to the unit its latest transfer names (a
        transfer pushed with the change is applied first, server/sync.py); its number stays."""
        if stored is None or row.get("unit_id") == stored.row.get("unit_id"):
            return
        if row.get("unit_id") != self.current_unit(row["id"]):  # no transfer names it
            raise Rejected(
                "lifecycle", "a notice's unit changes only by a transfer (改派) naming that unit"
            )
        # a provisional number the laptop still holds becomes the official one (number_notice)
        if (
            stored.row.get("number_kind") == "official"
            and row.get("number_kind") == "official"
            and row.get("number") != stored.row.get("number")
        ):
            raise Rejected("invalid", "a transferred notice keeps its number")

    def office(self) -> org.Office:
        """The office's record (or the server's settings), read once per batch: an
        org_settings row of the batch applies after its notices (domain.wire.ENTITIES)."""
        held = getattr(self, "_office", None)
        if held is None:
            held = self._office = org.office(self.conn, self.settings)
        return held

    def number_notice(self, row: dict, stored: Stored | None) -> str | None:
        """Give a provisional notice its official number; check an official one. Returns the
        number the server assigned (None when the device's number stands)."""
        prefix, zone = self.office()
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
                self.conn, prefix, numbers.year_of(row.get("issued_at"), zone)
            )
            row["number_kind"] = "official"
            return row["number"]
        parsed = parse_official(str(row["number"]))
        if row["number_kind"] != "official" or parsed is None:
            raise Rejected("invalid", "number_kind is official or provisional")
        # a block reserved under an earlier prefix stays good after the office changes it
        if not numbers.in_device_block(
            self.conn, self.device_id, parsed[0], row["number"]
        ) and not numbers.claim_from_restore_gap(self.conn, self.device_id, row["number"]):
            raise Rejected("number", "the number is not in a block reserved by this device")
        notice = ENTITY_TABLES["notice"]
        self.flush()
        used = self.conn.execute(
            sa.select(notice.c.id).where(notice.c.number == row["number"], notice.c.id != row["id"])
        ).first()
        if used is not None:
            raise Rejected("number", "the number is already used by another notice")
        return None
