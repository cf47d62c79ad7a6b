"""改派 and 推诿 on the real server (SQLite and PostgreSQL): disputes, a refused dispute (推诿),
a transfer that moves the notice to another unit with its number and a new due time, and the
refusals: an inspector, a unit the user cannot see, a unit change without a transfer, a wrong
from_unit_id. A second laptop pulls the transferred notice with its new unit."""

from __future__ import annotations

from datetime import timedelta

from domain.clock import to_iso, utc_now
from domain.lifecycle import derive_status
from domain.wire import change
from server.push_checks import _event
from tests.server import rows
from tests.server.rows import changes, pull_all, push


def _notice(server, s) -> dict:
    bundle = rows.inspection(server, "A", server.users["insp_a"], "dev-insp_a")
    rows.submit(bundle)
    push(s, server.base, "dev-insp_a", changes(bundle))
    issued = utc_now() - timedelta(hours=3)
    notice = rows.stamp(
        "dev-insp_a",
        number=f"临-{bundle['inspection']['id'][-8:]}",
        number_kind="provisional",
        unit_id=server.units["A"],
        zone_id=server.zones["A"],
        inspection_id=bundle["inspection"]["id"],
        findings="[]",
        requirements="限期清理",
        issued_by=server.users["insp_a"],
        issued_at=to_iso(issued),
        due_at=to_iso(issued + timedelta(days=2)),
        cc_units="[]",
    )
    first = rows.stamp(
        "dev-insp_a",
        notice_id=notice["id"],
        kind="issued",
        at=notice["issued_at"],
        actor=None,
        new_due_at=notice["due_at"],
    )
    answer = push(
        s, server.base, "dev-insp_a", [change("notice", notice), change("notice_event", first)]
    )
    assert [r["status"] for r in answer["results"]] == ["accepted", "accepted"], answer
    notice["number"] = answer["results"][0]["number"]
    notice["number_kind"] = "official"
    return notice


class Clock:
    """Event times after the notice's issue, one minute apart, never in the future."""

    def __init__(self) -> None:
        self.at = utc_now() - timedelta(hours=2)

    def next(self) -> str:
        self.at += timedelta(minutes=1)
        return to_iso(self.at)


def _ev(device: str, notice: dict, kind: str, at: str, **fields) -> dict:
    return rows.stamp(device, notice_id=notice["id"], kind=kind, at=at, actor=None, **fields)


def _one(answer: dict) -> dict:
    assert len(answer["results"]) == 1, answer
    return answer["results"][0]


def _held_events(server, s, notice_id: str) -> list[dict]:
    pulled = pull_all(s, server.base, limit=1000)[0]
    return [
        c["row"]
        for c in pulled
        if c["entity"] == "notice_event" and c["row"]["notice_id"] == notice_id
    ]


def _reviewer_of_a(server) -> str:
    if "rev_lc_a" not in server.users:
        server.add_user("rev_lc_a", "reviewer", "A")
    return "rev_lc_a"


def test_dispute_refusal_and_transfer_on_the_real_server(server):
    insp = server.session("insp_a")
    office = server.session("office")
    dev = "dev-office"
    a, b = server.units["A"], server.units["B"]
    notice = _notice(server, insp)
    clock = Clock()

    def send(kind: str, session=office, device: str = dev, **fields) -> dict:
        return _one(
            push(
                session,
                server.base,
                device,
                [change("notice_event", _ev(device, notice, kind, clock.next(), **fields))],
            )
        )

    # an inspector may not record a dispute: an office step
    refused = send(
        "disputed", insp, "dev-insp_a", signer="王科长", note="不归我们管", from_unit_id=a
    )
    assert (refused["status"], refused["code"]) == ("rejected", "forbidden"), refused
    # the unit disputes; the office refuses it (推诿)
    assert (
        send("disputed", signer="王科长", note="不归我们管", from_unit_id=a)["status"] == "accepted"
    )
    second = send("disputed", signer="王科长", note="再次异议", from_unit_id=a)
    assert (second["status"], second["code"]) == ("rejected", "lifecycle"), second
    assert (
        send("dispute_refused", note="属于本单位责任路段", from_unit_id=a)["status"] == "accepted"
    )
    # a refusal with no pending dispute is refused by the lifecycle
    again = send("dispute_refused", note="再驳回", from_unit_id=a)
    assert (again["status"], again["code"]) == ("rejected", "lifecycle"), again
    # an event naming another unit than the notice's is refused
    wrong = send("disputed", signer="李主任", note="不是我们的", from_unit_id=b)
    assert (wrong["status"], wrong["code"]) == ("rejected", "invalid"), wrong
    assert (
        send("disputed", signer="李主任", note="路段已移交城东", from_unit_id=a)["status"]
        == "accepted"
    )

    # changing the notice's unit without a transfer is refused
    moved = dict(notice, unit_id=b, rev=notice["rev"] + 1, updated_at=clock.next())
    bare = _one(push(office, server.base, dev, [change("notice", moved)]))
    assert (bare["status"], bare["code"]) == ("rejected", "lifecycle"), bare

    # a reviewer who sees only unit A cannot transfer to B
    narrow = server.session(_reviewer_of_a(server))
    due = to_iso(utc_now() + timedelta(days=3))
    hidden = _one(
        push(
            narrow,
            server.base,
            "dev-rev_lc_a",
            [
                change(
                    "notice_event",
                    _ev(
                        "dev-rev_lc_a",
                        notice,
                        "transferred",
                        clock.next(),
                        note="改派",
                        new_due_at=due,
                        from_unit_id=a,
                        to_unit_id=b,
                    ),
                )
            ],
        )
    )
    assert (hidden["status"], hidden["code"]) == ("rejected", "forbidden"), hidden

    # the transfer and the notice's new unit in one push, event first (as the laptop writes them)
    transfer = _ev(
        dev,
        notice,
        "transferred",
        clock.next(),
        note="路段已移交城东",
        new_due_at=due,
        from_unit_id=a,
        to_unit_id=b,
    )
    moved["updated_at"] = transfer["at"]
    answer = push(
        office, server.base, dev, [change("notice_event", transfer), change("notice", moved)]
    )
    assert [r["status"] for r in answer["results"]] == ["accepted", "accepted"], answer

    # a second laptop pulls the notice with its new unit, its number, and the history
    other = server.session("office", device="dev-office-2")
    pulled = pull_all(other, server.base, limit=1000)[0]
    held = [c["row"] for c in pulled if c["entity"] == "notice" and c["id"] == notice["id"]][-1]
    assert held["unit_id"] == b
    assert held["number"] == notice["number"]
    events = [
        c["row"]
        for c in pulled
        if c["entity"] == "notice_event" and c["row"]["notice_id"] == notice["id"]
    ]
    kinds = [e["kind"] for e in events]
    assert kinds == ["issued", "disputed", "dispute_refused", "disputed", "transferred"]
    status = derive_status([_event(e) for e in events])
    assert status.state == "issued" and to_iso(status.due_at) == due
    assert status.refused_disputes == 1 and status.transfers == 1
    assert status.pending_dispute is None
    assert [e["from_unit_id"] for e in events if e["kind"] == "dispute_refused"] == [a]

    # the old unit is no longer the notice's: an event naming it is refused, the new one is not
    stale = send("disputed", signer="王科长", note="还是不对", from_unit_id=a)
    assert (stale["status"], stale["code"]) == ("rejected", "invalid"), stale
    ack = send("acknowledged", signer="城东 张签收")
    assert ack["status"] == "accepted", ack
    # the notice cannot be moved back by hand
    back = dict(moved, unit_id=a, rev=moved["rev"] + 1, updated_at=clock.next())
    refused_back = _one(push(office, server.base, dev, [change("notice", back)]))
    assert (refused_back["status"], refused_back["code"]) == ("rejected", "lifecycle")


def test_extension_request_then_decision_on_the_real_server(server):
    insp = server.session("insp_a")
    office = server.session("office")
    dev = "dev-office"
    a = server.units["A"]
    notice = _notice(server, insp)
    clock = Clock()
    asked = to_iso(utc_now() + timedelta(days=5))

    def send(kind: str, **fields) -> dict:
        return _one(
            push(
                office,
                server.base,
                dev,
                [change("notice_event", _ev(dev, notice, kind, clock.next(), **fields))],
            )
        )

    no_unit = send("extension_requested", signer="王科长", note="雨天", new_due_at=asked)
    assert (no_unit["status"], no_unit["code"]) == ("rejected", "invalid"), no_unit
    assert (
        send(
            "extension_requested",
            signer="王科长",
            note="雨天施工困难",
            new_due_at=asked,
            from_unit_id=a,
        )["status"]
        == "accepted"
    )
    twice = send(
        "extension_requested", signer="王科长", note="再申请", new_due_at=asked, from_unit_id=a
    )
    assert (twice["status"], twice["code"]) == ("rejected", "lifecycle"), twice
    granted = to_iso(utc_now() + timedelta(days=4))
    assert (
        send("extension_granted", new_due_at=granted, note="同意延期至4日后")["status"]
        == "accepted"
    )
    status = derive_status([_event(e) for e in _held_events(server, office, notice["id"])])
    assert to_iso(status.due_at) == granted and status.pending_extension is None


def test_laptops_dispute_refuse_and_transfer_and_another_laptop_sees_the_new_unit(server, tmp_path):
    """The real client engine: the inspector's laptop issues a notice; the office's laptop
    records a dispute, refuses it (推诿), records another and transfers the notice (event then
    notice, one sync); a second office laptop and the inspector's pull the notice under its new
    unit, with its number and a new due time."""
    from app.sync.engine import sync_once
    from domain.workcalendar import default_calendar_path, load_calendar
    from local_db.notices import list_notices, status
    from local_db.unit_events import (
        record_dispute,
        refuse_dispute,
        refused_disputes_by_unit,
        transfer_due,
        transfer_notice,
    )
    from tests.server.laptops import laptop
    from tests.server.test_end_to_end import _notice_offline

    inspector, i_client = laptop(server, "insp_a", tmp_path / "inspector")
    notice = _notice_offline(inspector, tmp_path / "inspector", server)
    assert sync_once(inspector, tmp_path / "inspector", i_client).rejected == 0

    office, o_client = laptop(server, "office", tmp_path / "office")
    me = office.meta("local_person_id")
    a, b = server.units["A"], server.units["B"]
    record_dispute(office, notice["id"], signer="王科长", reason="不归我们", actor=me)
    refuse_dispute(office, notice["id"], reason="属本单位路段", actor=me)
    record_dispute(office, notice["id"], signer="李主任", reason="路段已移交单位B", actor=me)
    due = transfer_due(office, notice["id"], utc_now(), load_calendar(default_calendar_path()))
    assert due is not None
    transfer_notice(
        office, notice["id"], to_unit_id=b, reason="路段已移交单位B", new_due_at=to_iso(due.at),
        actor=me,
    )  # fmt: skip
    report = sync_once(office, tmp_path / "office", o_client)
    assert report.rejected == 0, report

    for name, folder in (("office", tmp_path / "office-2"), ("insp_a", tmp_path / "inspector")):
        if name == "insp_a":
            store, client = inspector, i_client
            sync_once(store, folder, client)
        else:
            store, client = laptop(server, name, folder)
        [row] = [n for n in list_notices(store) if n["id"] == notice["id"]]
        assert row["unit_id"] == b and row["unit_name"] == "单位B"
        assert row["number"] == office.row("notice", notice["id"])["number"]
        assert row["state"] == "issued" and not row["pending_dispute"]
        now = status(store, notice["id"])
        assert now.due_at == due.at and now.transfers == 1 and now.refused_disputes == 1
        # 推诿 counted against the unit that disputed (other tests' notices share the server)
        assert refused_disputes_by_unit(store)[a] >= 1
        counted = store.rows(
            "SELECT from_unit_id FROM notice_event WHERE kind = 'dispute_refused' "
            "AND notice_id = ?",
            [notice["id"]],
        )
        assert [r["from_unit_id"] for r in counted] == [a]
        client.close()
        store.close()
    o_client.close()
    office.close()


def test_a_transfer_from_a_laptop_still_holding_the_provisional_number(server):
    """The laptop issued the notice offline and transfers it before it learnt its official
    number: its notice row still carries the provisional one; the server keeps the official."""
    insp = server.session("insp_a")
    office = server.session("office")
    a, b = server.units["A"], server.units["B"]
    notice = _notice(server, insp)
    official = notice["number"]
    provisional = dict(notice, number=f"临-{notice['id'][-6:]}", number_kind="provisional")
    clock = Clock()
    due = to_iso(utc_now() + timedelta(days=2))
    transfer = _ev(
        "dev-office", notice, "transferred", clock.next(), note="改派", new_due_at=due,
        from_unit_id=a, to_unit_id=b,
    )  # fmt: skip
    moved = dict(provisional, unit_id=b, rev=notice["rev"] + 1, updated_at=transfer["at"])
    answer = push(
        office,
        server.base,
        "dev-office",
        [change("notice", moved), change("notice_event", transfer)],
    )
    assert [r["status"] for r in answer["results"]] == ["accepted", "accepted"], answer
    pulled = pull_all(office, server.base, limit=1000)[0]
    held = [c["row"] for c in pulled if c["entity"] == "notice" and c["id"] == notice["id"]][-1]
    assert (held["unit_id"], held["number"], held["number_kind"]) == (b, official, "official")
