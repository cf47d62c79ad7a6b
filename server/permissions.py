"""Who may write what: one table, role × subject × operation × lifecycle state
(docs/architecture.md).

`server/sync.py` (Push) consults `TABLE` for every pushed change after shape validation and the
jurisdiction check (a row outside the user's units is refused `forbidden` before the table is
asked). `python -m server.permissions` prints the table; tests/server/test_auth_matrix.py pushes
one real change per cell, on SQLite and PostgreSQL, and expects exactly what the table says.

Subjects are the synced entities, with `notice_event` split per kind (`notice_event:closed`…).
Operations: `create` (an upsert of a row the server does not hold), `update` (of a held row),
`delete`. States, what the lifecycle of the row's owner is *before this push*:

- `draft` / `submitted`: the inspection the row belongs to (inspection, inspection_person,
  finding, evidence photo, duty_check); an inspection submitted in this very push still takes
  its own rows. For a review, the inspection it judges.
- `open` / `closed`: the notice, `closed` after 销号 until reopened. For rectifications, rechecks
  and their photos (and notice updates) a close-out recorded in this very push does not count,
  so the office can record 整改回执, 复查 and 销号 offline and send them together; for notice
  events the state includes the push's earlier events (a 销号 then a reopening in one push).
- `-`: no lifecycle applies (reference data, a row being created with its owner, updates and
  deletes of append-only rows).
- annotations (markup, not evidence): `draft` on a photo of a draft inspection — its inspectors
  may mark it up, their own marks only —, `-` otherwise (a submitted inspection's photos and
  after-photos: office staff only, so an inspector's markup locks at submit).

Grants: `yes`; `no` (refused with the cell's code); `member` — only people on the inspection
(an `inspection_person` row names them; the push that creates an inspection may name its own
pusher in it); `own` — only the row's author (annotations). A refusal answers per change
`{"status": "rejected", "code", "reason"}` with code `forbidden` (role, membership, authorship,
jurisdiction), `locked` (a submitted inspection never changes), `closed` (a notice's follow-up
freezes at 销号), `append_only` (notice events and reviews are never rewritten or deleted), or
`lifecycle` (a step the lifecycle does not allow from that state).

Identity comes from the token, never from the row (`IDENTITY`): the person a row names as
acting — notice_event.actor, review.reviewer, notice.issued_by, annotation.author — must be the
authenticated user. A row naming someone else is **rejected** (`identity_mismatch`), never
silently rewritten: evidence says who did what, and a laptop that believes otherwise learns so at
once. A row naming nobody (null) is stamped with the user. An update keeps the name the row was
created with (an office clerk editing an inspector's notice does not become its issuer).

The inspection's people (`inspection_person`): the push that creates a draft names its team (it
must name its pusher, as today: amending someone's inspection copies its whole team); after that
only the draft's lead adds, changes or removes colleagues. Anyone else on the draft may change or
remove only their own row and cannot make themselves lead (`identity_mismatch`); someone not on
the draft cannot join it by themselves (`forbidden`). Once submitted the team never changes.

Cases from other sources (problem_case), their photos (`photo:case`) and the notices made from
them (`notice:case`) are office steps: reviewers and admins write them, nobody deletes them; the
rules of triage are server/case_checks.py's.
An imported component of the composite assessment (assessment_import) is office-wide: under no
unit (everyone pulls it, like the office's record), created and updated by reviewers and admins,
never deleted; `imported_by` names the pusher of each version (REAUTHORED).

Reference rows (person, unit, zone, template) and the office's settings record (org_settings,
never deleted; its `updated_by` is the pushing user, server/org.py) are written by admins only.
Drafts belong to their inspectors: reviewers and admins who are not on an inspection may not
edit or delete it, its findings or photos. Close-out (closed), extensions (extension_granted /
extension_refused) and reopening are office steps (reviewer, admin), and so are the unit's
request for more time and its dispute (extension_requested, disputed: recorded by the office on
the unit's behalf), refusing a dispute (dispute_refused, 推诿) and 改派 (transferred).
A unit event's from_unit_id is the notice's current unit; a transfer names a unit the user sees;
a notice's unit_id changes only to the unit its latest transfer names (server/push_checks.py).
Reviews are appended, never rewritten.
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.lifecycle import EVENT_KINDS

ROLES = ("inspector", "reviewer", "admin")
OPERATIONS = ("create", "update", "delete")
ANY, DRAFT, SUBMITTED, OPEN, CLOSED = "-", "draft", "submitted", "open", "closed"
YES, NO, MEMBER, OWN = "yes", "no", "member", "own"
ORG = "org_settings"  # the office's settings record: read by all, written by admins, never deleted
REFERENCE = ("person", "unit", "zone", "template", ORG)
# Office-wide data under no unit's jurisdiction (scope NULL: every user pulls it), written by the
# office: the composite assessment's imported components (domain/assessment_import.py), one row
# per (component, period) that a later import updates; never deleted.
IMPORTS = "assessment_import"
OFFICE_WIDE = (IMPORTS,)
# who lists and resolves concurrent edits (server/conflicts.py), in the units they see
RESOLVERS = ("reviewer", "admin")
FIELD_STEPS = ("issued", "acknowledged", "rectified", "recheck_passed", "recheck_failed")
OFFICE_STEPS = (
    "extension_granted",
    "extension_refused",
    "closed",
    # recorded by the office on the unit's behalf, or decided by it (改派, 推诿, 延期申请)
    "extension_requested",
    "disputed",
    "dispute_refused",
    "transferred",
)  # reopened: from closed only
# entity -> the field naming who acted; checked against (or stamped with) the token's user
IDENTITY = {
    "notice_event": "actor",
    "review": "reviewer",
    "notice": "issued_by",
    "annotation": "author",
    IMPORTS: "imported_by",
}
# entities whose every version names its own author (a re-import is by whoever re-imports)
REAUTHORED = (IMPORTS,)
FORBIDDEN, LOCKED, FROZEN, APPEND_ONLY, LIFECYCLE = (
    "forbidden",
    "locked",
    "closed",
    "append_only",
    "lifecycle",
)


@dataclass(frozen=True)
class Cell:
    grant: str  # yes | no | member | own
    code: str  # the refusal's code when the grant is not met


def _inspection_owned(subject: str, create_new: bool = False) -> list[tuple]:
    rows: list[tuple] = []
    for op in OPERATIONS:
        if op == "create" and create_new:
            rows.append((subject, op, ANY, MEMBER, MEMBER, MEMBER, FORBIDDEN))
        else:
            rows.append((subject, op, DRAFT, MEMBER, MEMBER, MEMBER, FORBIDDEN))
        if not (op == "create" and create_new):
            rows.append((subject, op, SUBMITTED, NO, NO, NO, LOCKED))
    return rows


def _follow_up(subject: str) -> list[tuple]:
    rows: list[tuple] = []
    for op in OPERATIONS:
        rows.append((subject, op, OPEN, YES, YES, YES, FORBIDDEN))
        rows.append((subject, op, CLOSED, NO, NO, NO, FROZEN))
    return rows


def _events() -> list[tuple]:
    rows: list[tuple] = []
    for kind in EVENT_KINDS:
        subject = f"notice_event:{kind}"
        if kind in FIELD_STEPS:
            rows.append((subject, "create", OPEN, YES, YES, YES, FORBIDDEN))
        elif kind in OFFICE_STEPS:
            rows.append((subject, "create", OPEN, NO, YES, YES, FORBIDDEN))
        else:  # reopened
            rows.append((subject, "create", OPEN, NO, NO, NO, LIFECYCLE))
        if kind == "reopened":
            rows.append((subject, "create", CLOSED, NO, YES, YES, FORBIDDEN))
        else:  # after 销号 the lifecycle allows nothing but reopening
            rows.append((subject, "create", CLOSED, NO, NO, NO, LIFECYCLE))
        rows.append((subject, "update", ANY, NO, NO, NO, APPEND_ONLY))
        rows.append((subject, "delete", ANY, NO, NO, NO, APPEND_ONLY))
    return rows


# subject, operation, state, inspector, reviewer, admin, code when refused
ROWS: tuple[tuple[str, str, str, str, str, str, str], ...] = (
    *(
        (e, op, ANY, NO, NO, YES, FORBIDDEN)
        for e in REFERENCE
        for op in OPERATIONS
        if (e, op) != (ORG, "delete")
    ),
    (ORG, "delete", ANY, NO, NO, NO, FORBIDDEN),
    *_inspection_owned("inspection", create_new=True),
    *_inspection_owned("inspection_person"),
    *_inspection_owned("finding"),
    *_inspection_owned("photo"),  # evidence of an inspection
    *_follow_up("photo"),  # after-photos of a rectification or a recheck
    *_inspection_owned("duty_check"),  # 马路办公: like a finding, its draft's people; locked
    # markup: an inspector on the photos of a draft they are on, office staff on any photo
    ("annotation", "create", DRAFT, MEMBER, YES, YES, FORBIDDEN),
    ("annotation", "update", DRAFT, OWN, OWN, OWN, FORBIDDEN),
    ("annotation", "delete", DRAFT, OWN, OWN, OWN, FORBIDDEN),
    ("annotation", "create", ANY, NO, YES, YES, FORBIDDEN),
    ("annotation", "update", ANY, NO, OWN, OWN, FORBIDDEN),
    ("annotation", "delete", ANY, NO, OWN, OWN, FORBIDDEN),
    # cases from other sources (问题来源, server/case_checks.py): office steps, never deleted;
    # a case's notice and its photos likewise (an inspector issues notices of inspections only)
    ("problem_case", "create", ANY, NO, YES, YES, FORBIDDEN),
    ("problem_case", "update", ANY, NO, YES, YES, FORBIDDEN),
    ("problem_case", "delete", ANY, NO, NO, NO, FORBIDDEN),
    ("photo:case", "create", ANY, NO, YES, YES, FORBIDDEN),
    ("photo:case", "update", ANY, NO, YES, YES, FORBIDDEN),
    ("photo:case", "delete", ANY, NO, NO, NO, FORBIDDEN),
    ("notice:case", "create", ANY, NO, YES, YES, FORBIDDEN),
    ("notice:case", "update", OPEN, NO, YES, YES, FORBIDDEN),
    ("notice:case", "update", CLOSED, NO, NO, NO, FROZEN),
    ("notice:case", "delete", ANY, NO, NO, NO, FORBIDDEN),
    ("notice", "create", ANY, MEMBER, YES, YES, FORBIDDEN),
    ("notice", "update", OPEN, MEMBER, YES, YES, FORBIDDEN),
    ("notice", "update", CLOSED, NO, NO, NO, FROZEN),
    ("notice", "delete", ANY, NO, NO, NO, FORBIDDEN),
    *_events(),
    *_follow_up("rectification"),
    *_follow_up("recheck"),
    ("review", "create", SUBMITTED, NO, YES, YES, FORBIDDEN),
    ("review", "create", DRAFT, NO, NO, NO, LIFECYCLE),
    ("review", "update", ANY, NO, NO, NO, APPEND_ONLY),
    ("review", "delete", ANY, NO, NO, NO, APPEND_ONLY),
    # the composite assessment's imported components: the office imports, nobody deletes
    (IMPORTS, "create", ANY, NO, YES, YES, FORBIDDEN),
    (IMPORTS, "update", ANY, NO, YES, YES, FORBIDDEN),
    (IMPORTS, "delete", ANY, NO, NO, NO, FORBIDDEN),
)

# (role, subject, operation, state) -> Cell: what Push consults
TABLE: dict[tuple[str, str, str, str], Cell] = {
    (role, subject, op, state): Cell(grants[i], code)
    for subject, op, state, *grants, code in ROWS
    for i, role in enumerate(ROLES)
}
SUBJECTS: tuple[str, ...] = tuple(dict.fromkeys(r[0] for r in ROWS))


def subject_of(entity: str, row: dict) -> str:
    """The table's subject for a row: notice events per kind; a case's notice and photos."""
    if entity == "notice_event":
        return f"notice_event:{row.get('kind')}"
    if entity in ("notice", "photo") and row.get("case_id"):
        return f"{entity}:case"
    return entity


def cell(role: str, subject: str, op: str, state: str) -> Cell | None:
    """The table's answer; None when the table has no such cell (refuse: nothing is implied)."""
    return TABLE.get((role, subject, op, state))


def render() -> str:
    """The table as Markdown (`python -m server.permissions`)."""
    lines = [
        "| subject | op | state | " + " | ".join(ROLES) + " | refused as |",
        "|---|---|---|" + "---|" * len(ROLES) + "---|",
    ]
    for subject, op, state, *grants, code in ROWS:
        lines.append(f"| {subject} | {op} | {state} | " + " | ".join(grants) + f" | {code} |")
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover
    print(render())
    print(f"\n{len(TABLE)} cells")
