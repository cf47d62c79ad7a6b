"""A server that trusts nothing (issue 11): identity from the token, the permission table's
workflow rules, and a laptop whose pull a bad row cannot stop. One test per finding, against the
real server on SQLite and PostgreSQL (the whole table, cell by cell: test_auth_matrix.py)."""

from __future__ import annotations

import hashlib
import json
import os
from datetime import timedelta

import sqlalchemy as sa

from app.sync.engine import sync_once
from domain.clock import now_iso, to_iso, utc_now
from domain.numbering import provisional_number
from domain.wire import change
from local_db import sync_state
from local_db.follow_up import record_rectification
from local_db.notices import status
from server.db import ENTITY_TABLES, change_log, write_lock
from tests.server import rows
from tests.server.laptops import laptop
from tests.server.rows import changes, pull_all, push

_numbers = iter(range(5000, 10**6))


def _answer(session, server, device: str, *items: dict) -> list[tuple[str, str | None]]:
    answer = push(session, server.base, device, list(items))
    return [(r["status"], r.get("code")) for r in answer["results"]]


def _draft(server, session, user: str = "insp_a", submitted: bool = False) -> dict:
    bundle = rows.inspection(server, "A", server.users[user], f"dev-{user}", findings=1)
    if submitted:
        rows.submit(bundle)
    assert {s for s, _ in _answer(session, server, f"dev-{user}", *changes(bundle))} == {"accepted"}
    return bundle


def _notice(server, inspection_id: str, issued_by: str, minutes_ago: int = 120) -> dict:
    return rows.stamp(
        "dev-x",
        number=provisional_number("0190-abcdef", next(_numbers)),
        number_kind="provisional",
        unit_id=server.units["A"],
        zone_id=server.zones["A"],
        inspection_id=inspection_id,
        findings="[]",
        requirements="限期清理",
        issued_by=issued_by,
        issued_at=to_iso(utc_now() - timedelta(minutes=minutes_ago)),
        due_at=to_iso(utc_now() + timedelta(days=10)),
        cc_units="[]",
    )


def _event(notice: dict, kind: str, actor: str | None, at: str | None = None, **extra) -> dict:
    return rows.stamp(
        "dev-x",
        notice_id=notice["id"],
        kind=kind,
        at=at or now_iso(),
        actor=actor,
        signer=extra.get("signer", "张签收" if kind == "acknowledged" else None),
        new_due_at=extra.get("new_due_at", notice["due_at"] if kind == "issued" else None),
        note=extra.get("note", "理由" if kind in ("rectified", "reopened") else None),
    )


def _issued(server, session, user: str) -> tuple[dict, dict]:
    """A submitted inspection by `user` and a notice on it, issued two hours ago."""
    bundle = _draft(server, session, user, submitted=True)
    notice = _notice(server, bundle["inspection"]["id"], server.users[user])
    issued = _event(notice, "issued", server.users[user], at=notice["issued_at"])
    got = _answer(
        session, server, f"dev-{user}", change("notice", notice), change("notice_event", issued)
    )
    assert got == [("accepted", None)] * 2, got
    return bundle, notice


def _steps(server, session, user: str, notice: dict, *kinds: str) -> None:
    base = utc_now() - timedelta(minutes=60)
    for i, kind in enumerate(kinds):
        at = to_iso(base + timedelta(minutes=i))
        event = _event(notice, kind, server.users[user], at=at)
        assert _answer(session, server, f"dev-{user}", change("notice_event", event)) == [
            ("accepted", None)
        ], kind


# -- evidence and workflow -----------------------------------------------------------------------
def test_an_event_dated_9999_does_not_freeze_the_notice(server, tmp_path):
    """One event dated in the far future (a wrong clock, a forged date) used to refuse every
    later step, for everyone. The wire contract may refuse it outright; either way the next
    steps go through, on a laptop that pulled it and on the server."""
    s = server.session("insp_a")
    _, notice = _issued(server, s, "insp_a")
    far = _event(notice, "acknowledged", server.users["insp_a"], at="9999-12-31T00:00:00.000000Z")
    [(state, code)] = _answer(s, server, "dev-insp_a", change("notice_event", far))
    if state == "rejected":  # the wire contract bounds event times
        assert code == "invalid", code
        ack = _event(notice, "acknowledged", server.users["insp_a"])
        assert _answer(s, server, "dev-insp_a", change("notice_event", ack)) == [("accepted", None)]
    store, client = laptop(server, "insp_a", tmp_path / "laptop")
    assert status(store, notice["id"]).state == "acknowledged"
    record_rectification(store, notice["id"], "已清理", actor=server.users["insp_a"])
    assert sync_once(store, tmp_path / "laptop", client).rejected == 0, sync_state.rejections(store)
    office = server.session("office")
    passed = _event(notice, "recheck_passed", server.users["office"])
    assert _answer(office, server, "dev-office", change("notice_event", passed)) == [
        ("accepted", None)
    ]
    sync_once(store, tmp_path / "laptop", client)
    assert status(store, notice["id"]).state == "passed"
    client.close()
    store.close()


def test_follow_up_freezes_at_close_out_until_reopened(server):
    office = server.session("office")
    _, notice = _issued(server, server.session("insp_a"), "insp_a")
    rect = rows.stamp("dev-office", notice_id=notice["id"], reported_at=now_iso(), text="已整改")
    data = os.urandom(3000)
    sha = hashlib.sha256(data).hexdigest()
    assert office.put(f"{server.base}/blobs/{sha}", data=data).status_code == 201
    after = rows.photo("dev-office", "", data)
    after.update(inspection_id=None, rectification_id=rect["id"], role="after")
    recheck = rows.stamp("dev-office", notice_id=notice["id"], at=now_iso(), passed=1, note=None)
    assert {
        s
        for s, _ in _answer(
            office,
            server,
            "dev-office",
            change("rectification", rect),
            change("recheck", recheck),
            change("photo", after),
        )
    } == {"accepted"}
    _steps(
        server, office, "office", notice, "acknowledged", "rectified", "recheck_passed", "closed"
    )

    late_rect = rows.stamp("dev-office", notice_id=notice["id"], reported_at=now_iso(), text="补")
    late_photo = dict(after, id=rows.stamp("d")["id"], rectification_id=rect["id"])
    frozen = _answer(
        office,
        server,
        "dev-office",
        change("rectification", late_rect),
        change("rectification", dict(rect, text="改写", rev=2)),
        change("recheck", recheck, op="delete"),
        change("photo", dict(after, caption="改", rev=2)),
        change("photo", late_photo),
    )
    assert frozen == [("rejected", "closed")] * 5, frozen
    reopened = _event(notice, "reopened", server.users["office"])
    assert _answer(office, server, "dev-office", change("notice_event", reopened)) == [
        ("accepted", None)
    ]
    assert _answer(office, server, "dev-office", change("rectification", late_rect)) == [
        ("accepted", None)
    ]


def test_a_reviewer_may_not_edit_or_delete_an_inspectors_draft(server):
    s = server.session("insp_a")
    bundle = rows.inspection(server, "A", server.users["insp_a"], "dev-insp_a", findings=1)
    data = os.urandom(2000)
    sha = hashlib.sha256(data).hexdigest()
    assert s.put(f"{server.base}/blobs/{sha}", data=data).status_code == 201
    bundle["photos"] = [rows.photo("dev-insp_a", bundle["inspection"]["id"], data)]
    assert {st for st, _ in _answer(s, server, "dev-insp_a", *changes(bundle))} == {"accepted"}
    office = server.session("office")
    finding = dict(bundle["findings"][0], description="审核员改写", rev=2)
    got = _answer(
        office,
        server,
        "dev-office",
        change("finding", finding),
        change("photo", bundle["photos"][0], op="delete"),
        change("inspection", dict(bundle["inspection"], summary="改", rev=2)),
    )
    assert got == [("rejected", "forbidden")] * 3, got


def test_close_out_extensions_and_reopening_are_office_steps(server):
    s = server.session("insp_a")
    _, notice = _issued(server, s, "insp_a")
    extension = _event(
        notice,
        "extension_granted",
        server.users["insp_a"],
        new_due_at=to_iso(utc_now() + timedelta(days=20)),
    )
    refused = _event(notice, "extension_refused", server.users["insp_a"], note="不准")
    got = _answer(
        s, server, "dev-insp_a", change("notice_event", extension), change("notice_event", refused)
    )
    assert got == [("rejected", "forbidden")] * 2, got
    _steps(server, s, "insp_a", notice, "acknowledged", "rectified", "recheck_passed")
    closed = _event(notice, "closed", server.users["insp_a"])
    assert _answer(s, server, "dev-insp_a", change("notice_event", closed)) == [
        ("rejected", "forbidden")
    ]
    office = server.session("office")
    closed = _event(notice, "closed", server.users["office"])
    assert _answer(office, server, "dev-office", change("notice_event", closed)) == [
        ("accepted", None)
    ]


def test_reviews_are_appended_never_rewritten(server):
    bundle = _draft(server, server.session("insp_a"), submitted=True)
    office = server.session("office")
    review = rows.stamp(
        "dev-office",
        inspection_id=bundle["inspection"]["id"],
        decision="returned",
        comment="补充照片",
        reviewer=server.users["office"],
        at=now_iso(),
    )
    assert _answer(office, server, "dev-office", change("review", review)) == [("accepted", None)]
    rewritten = dict(review, decision="accepted", comment=None, rev=2, updated_at=now_iso())
    got = _answer(
        office,
        server,
        "dev-office",
        change("review", rewritten),
        change("review", review, op="delete"),
    )
    assert got == [("rejected", "append_only")] * 2, got


# -- identity from the token ---------------------------------------------------------------------
def test_who_acted_comes_from_the_token(server):
    s = server.session("insp_a")
    me, other = server.users["insp_a"], server.users["insp_a2"]
    bundle, notice = _issued(server, s, "insp_a")
    start = pull_all(s, server.base, limit=1000)[1]
    foreign_notice = _notice(server, bundle["inspection"]["id"], other)
    ack_by_other = _event(notice, "acknowledged", other)
    got = _answer(
        s,
        server,
        "dev-insp_a",
        change("notice", foreign_notice),
        change("notice_event", ack_by_other),
    )
    assert got == [("rejected", "identity_mismatch")] * 2, got
    office = server.session("office")
    review = rows.stamp(
        "dev-office",
        inspection_id=bundle["inspection"]["id"],
        decision="accepted",
        comment=None,
        reviewer=me,  # the office writing the inspector's name as reviewer
        at=now_iso(),
    )
    got = _answer(office, server, "dev-office", change("review", review))
    assert got == [("rejected", "identity_mismatch")], got
    # naming nobody: the server names the user, and everyone pulls that
    ack = _event(notice, "acknowledged", None)
    assert _answer(s, server, "dev-insp_a", change("notice_event", ack)) == [("accepted", None)]
    pulled = [c for c in pull_all(s, server.base, start)[0] if c["id"] == ack["id"]]
    assert pulled[-1]["row"]["actor"] == me
    # an office clerk editing the inspector's notice does not become its issuer
    stored = next(c for c in pull_all(s, server.base)[0] if c["id"] == notice["id"])["row"]
    edited = dict(stored, requirements="补充要求", rev=stored["rev"] + 1, issued_by=None)
    assert _answer(office, server, "dev-office", change("notice", edited)) == [("accepted", None)]
    latest = [c for c in pull_all(s, server.base, start)[0] if c["id"] == notice["id"]]
    assert latest[-1]["row"]["issued_by"] == me


def test_only_office_authors_mark_photos_up_as_themselves(server):
    s = server.session("insp_a")
    data = os.urandom(2500)
    sha = hashlib.sha256(data).hexdigest()
    assert s.put(f"{server.base}/blobs/{sha}", data=data).status_code == 201
    bundle = rows.inspection(server, "A", server.users["insp_a"], "dev-insp_a", findings=1)
    bundle["photos"] = [rows.photo("dev-insp_a", bundle["inspection"]["id"], data)]
    rows.submit(bundle)
    assert {st for st, _ in _answer(s, server, "dev-insp_a", *changes(bundle))} == {"accepted"}
    photo_id = bundle["photos"][0]["id"]
    office = server.session("office")
    forged = rows.stamp("dev-office", photo_id=photo_id, author=server.users["insp_a"], shapes="[]")
    mine = rows.stamp("dev-office", photo_id=photo_id, author=server.users["office"], shapes="[]")
    got = _answer(
        office, server, "dev-office", change("annotation", forged), change("annotation", mine)
    )
    assert got == [("rejected", "identity_mismatch"), ("accepted", None)], got


def test_the_team_of_a_draft_is_set_by_its_lead(server):
    lead, member = server.session("insp_a"), server.session("insp_a2")
    bundle = rows.inspection(server, "A", server.users["insp_a"], "dev-insp_a", findings=1)
    colleague = rows.stamp(
        "dev-insp_a",
        inspection_id=bundle["inspection"]["id"],
        person_id=server.users["insp_a2"],
        lead=0,
    )
    bundle["persons"].append(colleague)
    assert {st for st, _ in _answer(lead, server, "dev-insp_a", *changes(bundle))} == {"accepted"}
    stranger = rows.stamp(
        "dev-insp_a2",
        inspection_id=bundle["inspection"]["id"],
        person_id=server.users["locky"],
        lead=0,
    )
    promoted = dict(colleague, lead=1, rev=2)
    got = _answer(
        member,
        server,
        "dev-insp_a2",
        change("inspection_person", stranger),
        change("inspection_person", promoted),
        change("inspection_person", bundle["persons"][0], op="delete"),
    )
    assert got == [("rejected", "identity_mismatch")] * 3, got
    assert _answer(lead, server, "dev-insp_a", change("inspection_person", stranger)) == [
        ("accepted", None)
    ]


# -- a pull that a bad row cannot stop -----------------------------------------------------------
def _poison(server, entity: str, row: dict, scope: str) -> None:
    """Write a row straight into the server's database, past every push check, and log it."""
    columns = {c: row.get(c) for c in ("inspection_id", "zone_id", "unit_id", "status")}
    table = ENTITY_TABLES[entity]
    values = {k: v for k, v in columns.items() if k in table.c}
    text = json.dumps(row, ensure_ascii=False)
    engine = server.engine()
    with engine.begin() as conn:
        write_lock(conn)
        seq = conn.execute(sa.select(sa.func.coalesce(sa.func.max(change_log.c.seq), 0))).scalar()
        common = dict(
            scope_unit=scope,
            created_at=row["created_at"],
            updated_at=row["updated_at"],
            device_id=row["device_id"],
            rev=row["rev"],
            row=text,
        )
        found = conn.execute(sa.select(table.c.id).where(table.c.id == row["id"])).first()
        if found:
            conn.execute(sa.update(table).where(table.c.id == row["id"]).values(**values, **common))
        else:
            conn.execute(sa.insert(table).values(id=row["id"], **values, **common))
        conn.execute(
            sa.insert(change_log).values(
                seq=seq + 1,
                entity=entity,
                entity_id=row["id"],
                op="upsert",
                row=text,
                scope_unit=scope,
                device_id=row["device_id"],
                received_at=now_iso(),
            )
        )
    engine.dispose()


def test_a_bad_row_on_the_server_cannot_stop_a_laptops_pull(server, tmp_path):
    s = server.session("insp_a")
    good = _draft(server, s)
    unit = server.units["A"]
    huge = dict(good["findings"][0], id=rows.stamp("d")["id"], item_code="DL-07", cases=2**70)
    _poison(server, "finding", huge, unit)
    zoneless = rows.inspection(server, "A", server.users["insp_a"], "dev-insp_a", findings=1)
    zoneless["inspection"]["zone_id"] = None
    _poison(server, "inspection", zoneless["inspection"], unit)
    _poison(server, "finding", zoneless["findings"][0], unit)
    after = _draft(server, s)  # rows the server accepted after the bad ones

    store, client = laptop(server, "insp_a", tmp_path / "laptop")  # a fresh laptop syncs
    for bundle in (good, after):
        assert store.row("inspection", bundle["inspection"]["id"]) is not None
        assert store.row("finding", bundle["findings"][0]["id"]) is not None
    held = {q["entity_id"]: q for q in sync_state.quarantined(store)}
    assert set(held) == {huge["id"], zoneless["inspection"]["id"], zoneless["findings"][0]["id"]}
    assert "cases" in held[huge["id"]]["reason"]  # what the contract says is wrong
    assert sync_state.sync_status(store).quarantined == 3
    again = sync_once(store, tmp_path / "laptop", client)  # the next sync does not fail
    assert again.status is not None and again.status.last_error is None

    # the office repairs the rows: the next sync applies them and clears the quarantine
    _poison(server, "finding", dict(huge, cases=3, rev=2, updated_at=now_iso()), unit)
    repaired = dict(zoneless["inspection"], zone_id=server.zones["A"], rev=2, updated_at=now_iso())
    _poison(server, "inspection", repaired, unit)
    sync_once(store, tmp_path / "laptop", client)
    assert store.row("finding", huge["id"])["cases"] == 3
    assert store.row("finding", zoneless["findings"][0]["id"]) is not None  # came with its parent
    assert sync_state.quarantined(store) == []
    client.close()
    store.close()


def _draft_with_photo(server, user: str, submitted: bool = False) -> dict:
    s = server.session(user)
    data = os.urandom(2500)
    sha = hashlib.sha256(data).hexdigest()
    assert s.put(f"{server.base}/blobs/{sha}", data=data).status_code == 201
    bundle = rows.inspection(server, "A", server.users[user], f"dev-{user}", findings=1)
    bundle["photos"] = [rows.photo(f"dev-{user}", bundle["inspection"]["id"], data)]
    if submitted:
        rows.submit(bundle)
    assert {st for st, _ in _answer(s, server, f"dev-{user}", *changes(bundle))} == {"accepted"}
    return bundle


def test_an_inspectors_markup_stays_on_their_own_draft(server):
    """An inspector marks up only the photos of a draft they are on: moving their own mark to
    another inspector's draft, or off a photo whose inspection is submitted, is refused."""
    s = server.session("insp_a")
    mine = _draft_with_photo(server, "insp_a")
    theirs = _draft_with_photo(server, "insp_a2")
    mark = rows.stamp("dev-insp_a", photo_id=mine["photos"][0]["id"], author=None, shapes="[]")
    assert _answer(s, server, "dev-insp_a", change("annotation", mark)) == [("accepted", None)]
    mark["author"] = server.users["insp_a"]
    moved = dict(mark, photo_id=theirs["photos"][0]["id"], rev=mark["rev"] + 1)
    assert _answer(s, server, "dev-insp_a", change("annotation", moved)) == [
        ("rejected", "forbidden")
    ]
    # submitted: the mark on its photo is locked, even by moving it to another draft of theirs
    rows.submit(mine)
    assert _answer(s, server, "dev-insp_a", change("inspection", mine["inspection"])) == [
        ("accepted", None)
    ]
    other = _draft_with_photo(server, "insp_a")
    away = dict(mark, photo_id=other["photos"][0]["id"], rev=mark["rev"] + 1)
    assert _answer(s, server, "dev-insp_a", change("annotation", away)) == [
        ("rejected", "forbidden")
    ]


def test_a_still_names_a_video_the_server_holds(server):
    """A still grabbed from a video names that video: a still naming no photo is refused (every
    laptop would set it aside), and the video is not deleted while a still names it."""
    s = server.session("insp_a")
    video = _draft_with_photo(server, "insp_a")
    data = os.urandom(2000)
    sha = hashlib.sha256(data).hexdigest()
    assert s.put(f"{server.base}/blobs/{sha}", data=data).status_code == 201
    inspection_id = video["inspection"]["id"]
    bogus = rows.photo("dev-insp_a", inspection_id, data)
    bogus.update(source_photo_id=rows.stamp("dev-insp_a")["id"], source_offset_ms=1500)
    assert _answer(s, server, "dev-insp_a", change("photo", bogus)) == [("rejected", "reference")]
    still = dict(bogus, source_photo_id=video["photos"][0]["id"])
    assert _answer(s, server, "dev-insp_a", change("photo", still)) == [("accepted", None)]
    gone = change("photo", video["photos"][0], op="delete")
    assert _answer(s, server, "dev-insp_a", gone) == [("rejected", "reference")]
