"""The auth matrix, generated from the permission table (server/permissions.py): for every cell
role × subject × operation × lifecycle state a real change is pushed to the real server (SQLite
and PostgreSQL) by a user of that role, and answered exactly as the table says. A conditional
grant is checked from both sides: `member` by someone on the inspection (accepted) and by a
colleague of the same role who is not (forbidden); `own` by the author and by someone else.

Each check gets its own rows (its own inspection, notice, event…), built in a few setup pushes,
so the checks of one user go in one push and each answer stands alone (a push answers per
change). The matrix lives in its own unit (单位M) so the other tests' inspectors never see it.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta
from itertools import count

import pytest
import sqlalchemy as sa

from domain.assessment_import import import_id
from domain.clock import now_iso, to_iso, utc_now
from domain.ids import new_id
from domain.lifecycle import UNIT_EVENTS
from domain.numbering import provisional_number
from domain.wire import change, entity_order
from server import permissions as p
from tests.server import rows
from tests.server.conftest import cli

PRIMARY = {"inspector": "mx_insp", "reviewer": "mx_rev", "admin": "mx_admin"}
OUTSIDER = {"inspector": "mx_insp2", "reviewer": "mx_rev2", "admin": "mx_admin2"}
OFFICE = "mx_admin"  # sets up notices, events, follow-up, reviews, reference rows
BATCH = 900
# kinds recorded before a notice is in the state where `kind` may follow (create, open)
BEFORE = {
    "issued": None,  # a notice without events
    "acknowledged": [],
    "rectified": ["acknowledged"],
    "recheck_passed": ["acknowledged", "rectified"],
    "recheck_failed": ["acknowledged", "rectified"],
    "extension_granted": [],
    "extension_refused": [],
    "closed": ["acknowledged", "rectified", "recheck_passed"],
    "reopened": [],  # open: the lifecycle refuses it
    "extension_requested": [],
    "disputed": [],
    "dispute_refused": ["disputed"],
    "transferred": [],
}
TO_CLOSED = ["acknowledged", "rectified", "recheck_passed", "closed"]
# kinds recorded up to and including an event of `kind` (its update and delete)
THROUGH = {
    "issued": [],
    "acknowledged": ["acknowledged"],
    "rectified": ["acknowledged", "rectified"],
    "recheck_passed": ["acknowledged", "rectified", "recheck_passed"],
    "recheck_failed": ["acknowledged", "rectified", "recheck_failed"],
    "extension_granted": ["extension_granted"],
    "extension_refused": ["extension_refused"],
    "closed": TO_CLOSED,
    "reopened": [*TO_CLOSED, "reopened"],
    "extension_requested": ["extension_requested"],
    "disputed": ["disputed"],
    "dispute_refused": ["disputed", "dispute_refused"],
    "transferred": ["transferred"],
}


@dataclass
class Check:
    cell: tuple[str, str, str, str]
    user: str
    expect: str  # "accepted" or the refusal's code
    action: list[dict] = field(default_factory=list)  # the first is the one answered for


@dataclass
class World:
    server: object
    ids: dict[str, str]
    blob: str
    template: dict
    home: dict[str, str]  # role -> a submitted inspection its primary user is on
    gallery_photo: str
    draft_inspection: str
    setup: dict[tuple[int, str], list[list[dict]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    reference: list[tuple[str, dict]] = field(default_factory=list)
    clock: count = field(default_factory=lambda: count(1))
    numbers: count = field(default_factory=lambda: count(1))

    def later(self) -> str:
        """Strictly increasing past moments for setup events."""
        return to_iso(utc_now() - timedelta(days=2) + timedelta(seconds=next(self.clock)))

    def dev(self, user: str) -> str:
        return f"dev-{user}"

    def add(self, stage: int, user: str, *changes: dict) -> None:
        """Setup changes that go together in one push: stage 0 (rows the checks share), then 1
        (each check's rows), then 2 (close-outs, after the follow-up rows they freeze)."""
        self.setup[(stage, user)].append(list(changes))

    # -- inspections ---------------------------------------------------------------------------
    def inspection(self, owner: str, submitted: bool, stage: int = 1, duty: bool = False) -> dict:
        """A draft (or submitted) inspection of unit M led by `owner`, with a colleague (the
        outsider of the owner's role is never on it), a finding and an evidence photo (and with
        `duty`, a 马路办公 duty check recorded before any submission)."""
        dev = self.dev(owner)
        b = rows.inspection(self.server, "M", self.ids[owner], dev, findings=1)
        colleague = self.ids["mx_colleague"]
        b["persons"].append(
            rows.stamp(dev, inspection_id=b["inspection"]["id"], person_id=colleague, lead=0)
        )
        b["photos"].append(self.photo(dev, inspection_id=b["inspection"]["id"]))
        if submitted:
            rows.submit(b)
        duties = []
        if duty:
            b["duty_checks"] = [duty_check(dev, b["inspection"])]
            duties = [change("duty_check", b["duty_checks"][0])]
        self.add(stage, owner, *rows.changes(b), *duties)
        return b

    def photo(self, dev: str, **owner: str) -> dict:
        row = rows.photo(dev, "", b"")
        row.update(
            sha256=self.blob,
            byte_size=4096,
            inspection_id=None,
            role="after" if {"rectification_id", "recheck_id"} & set(owner) else "evidence",
        )
        row.update(owner)
        return row

    # -- notices -------------------------------------------------------------------------------
    def notice(
        self,
        role: str,
        kinds: list[str] | None,
        stage_of: dict[str, int] | None = None,
        case: dict | None = None,
    ):
        """A notice on the home inspection of `role`, issued by OFFICE, with events of `kinds`
        after 'issued' (None: not even 'issued'). Events whose kind is in `stage_of` go in that
        setup stage (closing after the follow-up rows). With `case`: the notice of that case
        (问题来源), recorded assigned to it in the same push."""
        dev = self.dev(OFFICE)
        notice = rows.stamp(
            dev,
            number=provisional_number("0190-abcdef", next(self.numbers)),
            number_kind="provisional",
            unit_id=self.server.units["M"],
            zone_id=self.server.zones["M"],
            inspection_id=self.home[role],
            findings="[]",
            requirements="限期清理",
            issued_by=self.ids[OFFICE],
            issued_at=self.later(),
            due_at=to_iso(utc_now() + timedelta(days=30)),
            cc_units="[]",
        )
        first = []
        if case is not None:
            notice.update(inspection_id=None, source=case["source"], case_id=case["id"])
            case.update(triage="assigned", notice_id=notice["id"], triaged_at=now_iso())
            first.append(change("problem_case", case))
        first.append(change("notice", notice))
        later: list[dict] = []
        events = []
        if kinds is not None:
            events.append(self.event(notice, "issued", OFFICE, at=notice["issued_at"]))
            first.append(change("notice_event", events[-1]))
            for kind in kinds:
                events.append(self.event(notice, kind, OFFICE, at=self.later()))
                stage = (stage_of or {}).get(kind, 0)
                (later if stage or later else first).append(change("notice_event", events[-1]))
        self.add(1, OFFICE, *first)
        if later:
            self.add(2, OFFICE, *later)
        return notice, events

    def event(self, notice: dict, kind: str, user: str, at: str | None = None) -> dict:
        notes = {"rectified", "recheck_failed", "extension_refused", "reopened", *UNIT_EVENTS}
        later = to_iso(utc_now() + timedelta(days=60))
        return rows.stamp(
            self.dev(user),
            notice_id=notice["id"],
            kind=kind,
            at=at or now_iso(),
            actor=self.ids[user],
            signer="张签收"
            if kind in ("acknowledged", "extension_requested", "disputed")
            else None,
            new_due_at=(
                notice["due_at"]
                if kind == "issued"
                else later
                if kind in ("extension_granted", "extension_requested", "transferred")
                else None
            ),
            note="理由" if kind in notes else None,
            # 改派, 推诿, 延期申请 name the notice's unit; a transfer goes to unit A
            from_unit_id=notice["unit_id"] if kind in UNIT_EVENTS else None,
            to_unit_id=self.server.units["A"] if kind == "transferred" else None,
        )


def _edited(row: dict, **fields) -> dict:
    return {**row, **fields, "rev": row["rev"] + 1, "updated_at": now_iso()}


def _checks_for(world: World, role: str, subject: str, op: str, state: str) -> list[Check]:
    found = p.cell(role, subject, op, state)
    assert found is not None
    primary, outsider = PRIMARY[role], OUTSIDER[role]
    key = (role, subject, op, state)
    ok = found.grant != p.NO
    checks = [Check(key, primary, "accepted" if ok else found.code)]
    if found.grant in (p.MEMBER, p.OWN):
        checks.append(Check(key, outsider, found.code))
    for check in checks:
        check.action = _action(world, role, subject, op, state, check.user)
    return checks


def _action(world: World, role: str, subject: str, op: str, state: str, user: str) -> list[dict]:
    """The change(s) a check pushes, on rows of its own built in the world's setup."""
    dev = world.dev(user)
    primary = PRIMARY[role]
    entity, _, kind = subject.partition(":")
    if entity in p.REFERENCE:
        row = _reference(world, entity, dev)
        if op == "create":
            world.reference.append((entity, row))
            return [change(entity, row)]
        world.add(1, OFFICE, change(entity, row))
        world.reference.append((entity, row))
        edit = {"name": f"{row.get('name')}改"}
        if entity == "template":  # the body names its template too (domain/contract)
            edit["body"] = json.dumps({**json.loads(row["body"]), "name": edit["name"]})
        return [_update_or_delete(entity, row, op, **edit)]
    if entity == p.IMPORTS:  # each check its own (component, period): its own row
        row = _imported(world, dev)
        if op == "create":
            return [change(entity, row)]
        world.add(1, OFFICE, change(entity, {**row, "device_id": world.dev(OFFICE)}))
        return [_update_or_delete(entity, row, op, scores="{}")]
    if entity == "inspection" and op == "create":
        b = rows.inspection(world.server, "M", world.ids[user], dev, findings=0)
        if user == primary:  # names themselves on it, in the same push
            return [
                change("inspection", b["inspection"]),
                change("inspection_person", b["persons"][0]),
            ]
        b["inspection"]["summary"] = "无人署名"
        return [change("inspection", b["inspection"])]
    if entity in ("inspection", "inspection_person", "finding", "duty_check") or (
        entity == "photo" and state in (p.DRAFT, p.SUBMITTED)
    ):
        held_duty = entity == "duty_check" and op != "create"
        b = world.inspection(primary, submitted=state == p.SUBMITTED, duty=held_duty)
        iid = b["inspection"]["id"]
        if op == "create":
            new = {
                "inspection_person": rows.stamp(
                    dev, inspection_id=iid, person_id=world.ids["mx_other"], lead=0
                ),
                "finding": rows.stamp(
                    dev,
                    inspection_id=iid,
                    item_code="DL-05",
                    result="ok",
                    cases=0,
                    deduction=0,
                    description="",
                    severity=None,
                    location=None,
                ),
                "photo": world.photo(dev, inspection_id=iid),
                "duty_check": duty_check(dev, b["inspection"]),
            }[entity]
            return [change(entity, new)]
        if entity == "inspection":
            if op == "delete" and user == primary:  # with its rows, children after
                return [
                    change("inspection", b["inspection"], op="delete"),
                    *(change("inspection_person", r, op="delete") for r in b["persons"]),
                    *(change("finding", r, op="delete") for r in b["findings"]),
                    *(change("photo", r, op="delete") for r in b["photos"]),
                ]
            return [_update_or_delete("inspection", b["inspection"], op, summary="改写")]
        target = {
            "inspection_person": b["persons"][1],  # the colleague: the lead changes their row
            "finding": b["findings"][0],
            "photo": b["photos"][0],
            "duty_check": b.get("duty_checks", [{}])[0],
        }[entity]
        return [_update_or_delete(entity, target, op, **_an_edit(entity))]
    if entity == "annotation":
        # draft: a photo of the primary user's own draft; otherwise a submitted one's
        photo = world.gallery_photo
        if state == p.DRAFT:
            photo = world.inspection(primary, submitted=False)["photos"][0]["id"]
        if op == "create":
            row = rows.stamp(dev, photo_id=photo, author=world.ids[user], shapes="[]")
            return [change("annotation", row)]
        author = OFFICE if role == "inspector" and state != p.DRAFT else primary
        row = rows.stamp(world.dev(author), photo_id=photo, author=world.ids[author], shapes="[]")
        world.add(1, author, change("annotation", row))
        return [_update_or_delete("annotation", row, op, shapes='[{"kind": "arrow"}]')]
    if entity == "review":
        if op == "create":
            target = world.home[role] if state == p.SUBMITTED else world.draft_inspection
            row = _review(dev, target, world.ids[user])
            return [change("review", row)]
        row = _review(world.dev(OFFICE), world.home[role], world.ids[OFFICE])
        world.add(1, OFFICE, change("review", row))
        return [_update_or_delete("review", row, op, comment="改写")]
    if entity == "problem_case" or subject in ("photo:case", "notice:case"):
        return _case_action(world, role, entity, op, state, user)
    if entity == "notice":
        if op == "create":
            notice = rows.stamp(
                dev,
                number=provisional_number("0190-abcdef", next(world.numbers)),
                number_kind="provisional",
                unit_id=world.server.units["M"],
                zone_id=world.server.zones["M"],
                inspection_id=world.home[role],
                findings="[]",
                requirements="限期清理",
                issued_by=world.ids[user],
                issued_at=now_iso(),
                due_at=to_iso(utc_now() + timedelta(days=30)),
                cc_units="[]",
            )
            return [change("notice", notice)]
        notice, _ = world.notice(
            role, TO_CLOSED if state == p.CLOSED else [], stage_of={"closed": 1}
        )
        return [_update_or_delete("notice", notice, op, requirements="改写要求")]
    if entity == "notice_event":
        if op == "create":
            before = TO_CLOSED if state == p.CLOSED else BEFORE[kind]
            notice, _ = world.notice(role, before, stage_of={"closed": 1})
            return [change("notice_event", world.event(notice, kind, user))]
        stages = {"closed": 1, "reopened": 1}
        notice, events = world.notice(role, THROUGH[kind], stage_of=stages)
        return [_update_or_delete("notice_event", events[-1], op, note="改写")]
    # rectification, recheck, after-photos: their notice open, or closed (销号) after them
    worked_on = TO_CLOSED if state == p.CLOSED else ["acknowledged"]
    notice, _ = world.notice(role, worked_on, stage_of={"closed": 1})
    owner = entity if entity != "photo" else "rectification"
    parent = _follow_up_row(world.dev(OFFICE), owner, notice["id"])
    setup = [change(owner, parent)]
    if entity == "photo":
        if op == "create":
            world.add(1, OFFICE, *setup)
            return [change("photo", world.photo(dev, rectification_id=parent["id"]))]
        target = world.photo(world.dev(OFFICE), rectification_id=parent["id"])
        world.add(1, OFFICE, *setup, change("photo", target))
        return [_update_or_delete("photo", target, op, caption="改")]
    if op == "create":
        return [change(entity, _follow_up_row(dev, entity, notice["id"]))]
    world.add(1, OFFICE, *setup)
    return [_update_or_delete(entity, parent, op, **_an_edit(entity))]


def _case(world: World) -> dict:
    """A hotline case of unit M (问题来源), recorded by OFFICE, pending."""
    return rows.stamp(
        world.dev(OFFICE),
        source="hotline",
        ticket_no=f"MX{new_id()[-12:]}",
        received_at=now_iso(),
        address="矩阵路1号",
        description="占道经营",
        unit_id=world.server.units["M"],
        zone_id=world.server.zones["M"],
        triage="pending",
    )


def _case_action(world: World, role: str, entity: str, op: str, state: str, user: str):
    """Cases (问题来源), a case's photos and a case's notice: rows of their own each."""
    dev = world.dev(user)
    case = _case(world)
    if entity == "notice":
        if op == "create":  # the case assigned to its new notice, in the check's push
            notice = rows.stamp(
                dev,
                number=provisional_number("0190-abcdef", next(world.numbers)),
                number_kind="provisional",
                unit_id=world.server.units["M"],
                zone_id=world.server.zones["M"],
                inspection_id=None,
                findings="[]",
                requirements="限期清理",
                issued_by=world.ids[user],
                issued_at=now_iso(),
                due_at=to_iso(utc_now() + timedelta(days=30)),
                cc_units="[]",
                source="hotline",
                case_id=case["id"],
            )
            world.add(1, OFFICE, change("problem_case", case))
            assigned = _edited(
                case, triage="assigned", notice_id=notice["id"], triaged_at=now_iso()
            )
            return [change("notice", notice), change("problem_case", assigned)]
        notice, _ = world.notice(
            role, TO_CLOSED if state == p.CLOSED else [], stage_of={"closed": 1}, case=case
        )
        return [_update_or_delete("notice", notice, op, requirements="改写要求")]
    world.add(1, OFFICE, change("problem_case", case))
    if entity == "problem_case":
        if op == "create":
            return [change("problem_case", _case(world))]
        return [_update_or_delete("problem_case", case, op, description="改写")]
    photo = world.photo(dev, case_id=case["id"])
    if op == "create":
        return [change("photo", photo)]
    photo = world.photo(world.dev(OFFICE), case_id=case["id"])
    world.add(1, OFFICE, change("photo", photo))
    return [_update_or_delete("photo", photo, op, caption="改")]


def _an_edit(entity: str) -> dict:
    return {
        "inspection_person": {},
        "finding": {"description": "改"},
        "photo": {"caption": "改"},
        "duty_check": {"status": "on_duty"},
        "rectification": {"text": "改"},
        "recheck": {"note": "改"},
    }[entity]


def _update_or_delete(entity: str, row: dict, op: str, **fields) -> dict:
    if op == "delete":
        return change(entity, row, op="delete")
    return change(entity, _edited(row, **fields))


def duty_check(dev: str, inspection: dict) -> dict:
    """马路办公 on the inspection's zone (domain/duty.py)."""
    return rows.stamp(
        dev,
        inspection_id=inspection["id"],
        zone_id=inspection["zone_id"],
        status="off_duty",
        chief_name="矩阵路长",
        checked_at=now_iso(),
        photo_id=None,
        note="",
    )


def _review(dev: str, inspection_id: str, reviewer: str) -> dict:
    return rows.stamp(
        dev,
        inspection_id=inspection_id,
        decision="accepted",
        comment="符合要求",
        reviewer=reviewer,
        at=now_iso(),
    )


def _follow_up_row(dev: str, entity: str, notice_id: str) -> dict:
    if entity == "rectification":
        return rows.stamp(dev, notice_id=notice_id, reported_at=now_iso(), text="已整改")
    return rows.stamp(dev, notice_id=notice_id, at=now_iso(), passed=1, note=None)


def _imported(world: World, dev: str) -> dict:
    n = next(world.numbers)
    period = f"{2030 + n // 4}-Q{n % 4 + 1}"
    return {
        **rows.stamp(dev),
        "id": import_id("survey", period),
        "component": "survey",
        "period": period,
        "scores": json.dumps({world.server.units["M"]: 80}),
        "file_name": "民调.xlsx",
        "file_sha256": world.blob,
        "imported_by": None,
        "imported_at": now_iso(),
        "history": "[]",
    }


def _reference(world: World, entity: str, dev: str) -> dict:
    tag = new_id()[-8:]
    if entity == "person":
        return rows.stamp(dev, name=f"矩阵人员{tag}", phone=None, role="inspector")
    if entity == "unit":
        return rows.stamp(dev, name=f"矩阵单位{tag}", kind="department", parent_id=None)
    if entity == "zone":
        return rows.stamp(
            dev,
            name=f"矩阵片区{tag}",
            kind="grid",
            unit_id=world.server.units["M"],
            chief_name=None,
            chief_phone=None,
            geometry=None,
            active=1,
        )
    name = f"矩阵模板{tag}"
    body = json.dumps({**json.loads(world.template["body"]), "name": name, "version": 1})
    return rows.stamp(dev, name=name, version=1, published_at=None, body=body)


def _push_all(server, sessions, batches: dict[str, list[list[dict]]]) -> dict[str, dict]:
    """Push groups of changes per user (a group never split), parents first; answers by id."""
    answers: dict[str, dict] = {}
    for user, groups in batches.items():
        chunk: list[dict] = []
        for group in [*groups, None]:
            if group is None or len(chunk) + len(group) > BATCH:
                if chunk:
                    chunk.sort(key=lambda c: entity_order(c["entity"]))
                    answer = rows.push(sessions[user], server.base, f"dev-{user}", chunk)
                    answers.update({r["id"]: r for r in answer["results"]})
                chunk = []
            if group is not None:
                chunk += group
    return answers


@pytest.fixture(scope="module")
def matrix(server):
    """Users of each role, unit M, shared rows; then every check's rows and every answer."""
    if "M" not in server.units:
        out = json.loads(
            cli("unit", "add", "单位M", "--zone", "片区M", url=server.url, data_dir=server.data_dir)
        )
        server.units["M"], server.zones["M"] = out["id"], out["zones"]["片区M"]
        wanted = [(u, "inspector", "M") for u in ("mx_colleague", "mx_other")]
        for role in p.ROLES:
            unit = ("M",) if role == "inspector" else ()
            wanted += [(PRIMARY[role], role, *unit), (OUTSIDER[role], role, *unit)]
        for user, role, *units in wanted:
            server.add_user(user, role, *units)
    users = [*PRIMARY.values(), *OUTSIDER.values()]
    sessions = {u: server.session(u) for u in users}
    ids = dict(server.users)
    data = os.urandom(4096)
    blob = hashlib.sha256(data).hexdigest()
    for session in sessions.values():  # as laptops do: each sends the original its rows name
        assert session.put(f"{server.base}/blobs/{blob}", data=data).status_code in (200, 201)
    engine = server.engine()
    with engine.connect() as conn:
        text = conn.execute(
            sa.text("SELECT row FROM template WHERE id = :i"), {"i": server.template_id}
        ).scalar_one()
    engine.dispose()
    world = World(server, ids, blob, json.loads(text), {}, "", "")
    for role, user in PRIMARY.items():  # a submitted inspection each primary user is on
        world.home[role] = world.inspection(user, submitted=True, stage=0)["inspection"]["id"]
    gallery = world.inspection(OFFICE, submitted=True, stage=0)
    world.gallery_photo = gallery["photos"][0]["id"]
    draft = world.inspection(OFFICE, submitted=False, stage=0)
    world.draft_inspection = draft["inspection"]["id"]

    checks = [
        check
        for (role, subject, op, state) in p.TABLE
        if subject != p.ORG  # one record with a fixed id: tests/server/test_org_settings.py
        for check in _checks_for(world, role, subject, op, state)
    ]
    for stage in (0, 1, 2):
        groups = {user: g for (s, user), g in world.setup.items() if s == stage}
        answers = _push_all(server, sessions, groups)
        refused = [r for r in answers.values() if r["status"] != "accepted"]
        assert not refused, refused[:5]
    by_user: dict[str, list[list[dict]]] = defaultdict(list)
    for check in checks:
        by_user[check.user].append(check.action)
    answers = _push_all(server, sessions, by_user)
    yield checks, answers
    cleanup = [change(e, r, op="delete") for e, r in world.reference]
    rows.push(sessions[OFFICE], server.base, "dev-mx_admin", cleanup)


def test_every_cell_is_answered_as_the_table_says(matrix):
    checks, answers = matrix
    wrong = []
    for check in checks:
        answer = answers[check.action[0]["id"]]
        got = "accepted" if answer["status"] == "accepted" else answer.get("code")
        if got != check.expect:
            wrong.append((check.cell, check.user, check.expect, got, answer.get("reason")))
    assert not wrong, "\n".join(map(str, wrong))
    cells = {c.cell for c in checks}
    # every cell of the table (the office's record's in tests/server/test_org_settings.py)
    assert cells == {cell for cell in p.TABLE if cell[1] != p.ORG}
    print(f"auth matrix: {len(cells)} cells, {len(checks)} checks")
