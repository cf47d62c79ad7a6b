"""The rules of a pushed problem case (问题来源, domain/cases.py) and of a notice made from one
(docs/architecture.md, "The server trusts nothing"); server/push_checks.py calls them.

Scope: a case falls under its unit. A case not yet given to a unit (pending, or closed without
one) falls under OFFICE_SCOPE, a scope no unit has: only users who see all units (the county
office) create, see, pull or triage it, so a citizen's complaint is not handed to every unit's
laptop before the office has decided whose it is. When a case is given a unit (交办, 合并) its
photos move with it, and their markup (`rescope_photos`): the unit's laptops pull them as well.
A case's notice falls under its case's unit, as an inspection's notice under its inspection's,
also after 改派 (its unit_id then names the new unit); a case's photo keeps its case and file.

Triage happens once: pending → assigned | merged | closed. `triaged_by` is the pushing user (as
notice.issued_by): null on a pending case; set by the push that triages it (a row naming
someone else is refused `identity_mismatch`); kept after. A triaged case's source, 工单号,
triage, unit and notice never change (`lifecycle`).
"""

from __future__ import annotations

import sqlalchemy as sa

from server.batch_rows import BatchRows, Stored
from server.db import ENTITY_TABLES
from server.permissions import CLOSED

OFFICE_SCOPE = "office:unassigned"  # the scope of a case no unit holds yet: all-units users only
FIXED = ("source", "ticket_no")
# a case's photo: its owner and its file never change
PHOTO_FIXED = (
    "case_id",
    "inspection_id",
    "finding_id",
    "rectification_id",
    "recheck_id",
    "about_finding_id",
    "sha256",
)
FIXED_ONCE_TRIAGED = ("triage", "unit_id", "zone_id", "notice_id", "triaged_by", "triaged_at")


class Rejected(Exception):
    """A change refused with its code and reason (server/push_checks.py raises it too)."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


class CaseChecks(BatchRows):
    """What a push checks of cases and case-notices (the batch's changes in `changes`)."""

    changes: list[dict]
    invalid: dict[int, str]  # the changes that break the contract (server/sync.py Push)

    def notice_state(self, notice_id: str, follow_up: bool) -> str:
        """`closed` or `open` (server/push_checks.py PushChecks gives it)."""
        raise NotImplementedError

    def case_scope(self, row: dict) -> str:
        return row.get("unit_id") or OFFICE_SCOPE

    def check_case_identity(self, row: dict, stored: Stored | None) -> None:
        """triaged_by: nobody while pending; the pusher when this push triages; kept after."""
        was = stored.row if stored is not None else {}
        if row.get("triage", "pending") == "pending":
            if row.get("triaged_by") is not None:
                raise Rejected("identity_mismatch", "a pending case names no triager")
            return
        if was.get("triage", "pending") != "pending":
            expected = was.get("triaged_by")
        else:
            expected = self.user.id
        named = row.get("triaged_by")
        if named is None:
            row["triaged_by"] = expected
        elif named != expected:
            raise Rejected(
                "identity_mismatch",
                f"problem_case.triaged_by names {named}, but this push is by {expected}",
            )

    def check_case(self, row: dict, stored: Stored | None) -> None:
        """The 工单号 is the case's only one; a triaged case stays as triaged; its notice is
        the case's own (交办) or an open notice of the same unit (合并)."""
        if stored is not None:
            changed = [f for f in FIXED if stored.row.get(f) != row.get(f)]
            if stored.row.get("triage", "pending") != "pending":
                changed += [f for f in FIXED_ONCE_TRIAGED if stored.row.get(f) != row.get(f)]
            if changed:
                raise Rejected(
                    "lifecycle", f"a case keeps its {', '.join(changed)} once recorded/triaged"
                )
        if row.get("triage") != "merged":  # a merged case takes its notice's (改派 keeps it)
            self.check_zone_of_unit(row)
        self.flush()
        table = ENTITY_TABLES["problem_case"]
        held = self.conn.execute(
            sa.select(table.c.id).where(
                table.c.source == row["source"],
                table.c.ticket_no == row["ticket_no"],
                table.c.id != row["id"],
            )
        ).first()
        if held is not None:
            raise Rejected(
                "duplicate", f"工单号 {row['ticket_no']} is already held by another case"
            )
        triage, notice_id = row.get("triage", "pending"), row.get("notice_id")
        if triage == "assigned":
            if not self._names_case(notice_id, row):
                raise Rejected(
                    "reference",
                    "an assigned case names its own notice: one of its unit naming the case, "
                    "held or in this push",
                )
        elif triage == "merged":
            notice = self.get("notice", notice_id)
            if notice is None or not self.user.sees(notice.scope):
                raise Rejected("reference", "notice_id names no notice you can see")
            if notice.row.get("unit_id") != row.get("unit_id"):
                raise Rejected("reference", "a case merges into a notice of its own unit")
            if notice.row.get("case_id") == row["id"]:
                raise Rejected("reference", "a case merges into another notice than its own")
            triaging = stored is None or stored.row.get("triage", "pending") == "pending"
            if triaging and self.notice_state(notice.row["id"], False) == CLOSED:
                raise Rejected("lifecycle", "a case merges into an open notice, not a closed one")

    def _names_case(self, notice_id: str | None, case: dict) -> bool:
        def fits(notice: dict) -> bool:
            return notice.get("case_id") == case["id"] and notice.get("unit_id") == case.get(
                "unit_id"
            )

        held = self.get("notice", notice_id)
        if held is not None:
            return fits(held.row)
        return any(  # a notice of this push that keeps the contract
            i not in self.invalid
            and c.get("entity") == "notice"
            and c.get("op") == "upsert"
            and isinstance(c.get("row"), dict)
            and c["row"].get("id") == notice_id
            and fits(c["row"])
            for i, c in enumerate(self.changes)
        )

    def check_case_notice(self, row: dict, stored: Stored | None) -> None:
        """A notice from a case: the case was given to this notice (交办), its source is the
        case's, and it keeps its case."""
        if stored is not None and stored.row.get("case_id") != row.get("case_id"):
            raise Rejected("lifecycle", "a notice keeps the inspection or case it came from")
        if stored is not None and stored.row.get("source") != row.get("source"):
            raise Rejected("lifecycle", "a notice keeps its source")
        case_id = row.get("case_id")
        if case_id is None:
            return
        case = self.get("problem_case", case_id)
        if case is None:  # check_references refuses it first; kept for a direct call
            raise Rejected("reference", "case_id names no case the server holds")
        if case.row.get("triage") != "assigned" or case.row.get("notice_id") != row["id"]:
            raise Rejected("reference", "the case was not given (交办) to this notice")
        if case.row.get("source") != row.get("source"):
            raise Rejected("reference", "a case's notice has the case's source")
        # issued to the case's unit; then its unit changes only by 改派 (check_notice_unit)
        if stored is None and case.row.get("unit_id") != row.get("unit_id"):
            raise Rejected("reference", "a case's notice goes to the case's unit")
        if stored is None:
            self.check_zone_of_unit(row)

    def check_zone_of_unit(self, row: dict) -> None:
        """A case, or the notice issued from it, names a zone of its own unit."""
        zone = self.get("zone", row.get("zone_id"))
        if zone is not None and zone.row.get("unit_id") != row.get("unit_id"):
            raise Rejected("reference", "zone_id: the zone belongs to another unit")

    def check_case_photo(self, row: dict, stored: Stored | None) -> None:
        """A case's photo stays the case's, with its file: never moved to another owner (into
        a submitted inspection, a closed notice's follow-up) nor given another file; its
        caption and the like still change."""
        if stored is None or not (stored.row.get("case_id") or row.get("case_id")):
            return
        changed = [f for f in PHOTO_FIXED if stored.row.get(f) != row.get(f)]
        if changed:
            raise Rejected("lifecycle", f"a case's photo keeps its {', '.join(changed)}")

    def rescope_photos(self, case_id: str, scope: str | None) -> None:
        """A case given to a unit takes its photos along, and their markup: each is written
        again under the case's new scope (and logged, so the unit's laptops pull it)."""
        photo = ENTITY_TABLES["photo"]
        annotation = ENTITY_TABLES["annotation"]
        self.flush()
        photo_ids = [
            found.id
            for found in self.conn.execute(
                sa.select(photo.c.id).where(photo.c.case_id == case_id)
            ).all()
        ]
        for entity, table, column in (
            ("photo", photo, photo.c.id),
            ("annotation", annotation, annotation.c.photo_id),
        ):
            if not photo_ids:
                return
            for found in self.conn.execute(
                sa.select(table.c.id, table.c.scope_unit).where(column.in_(photo_ids))
            ).all():
                if found.scope_unit == scope:
                    continue
                held = self.get(entity, found.id)
                if held is not None:
                    self.write(entity, dict(held.row), scope, True)
            self.flush()
