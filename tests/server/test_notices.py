from __future__ import annotations

from domain.clock import now_iso
from domain.numbering import official_number, provisional_number
from domain.wire import change
from tests.server import rows
from tests.server.rows import changes, pull_all, push


def _inspection(server, s) -> dict:
    bundle = rows.inspection(server, "A", server.users["insp_a"], "dev-a")
    push(s, server.base, "dev-a", changes(bundle))
    return bundle


def _notice(server, bundle, number: str, kind: str) -> dict:
    return rows.stamp(
        "dev-a",
        number=number,
        number_kind=kind,
        unit_id=server.units["A"],
        zone_id=server.zones["A"],
        inspection_id=bundle["inspection"]["id"],
        findings="[]",
        requirements="限期清理",
        issued_by=server.users["insp_a"],
        issued_at="2026-11-21T02:00:00.000000Z",
        due_at="2026-11-23T02:00:00.000000Z",
        cc_units="[]",
    )


def _event(notice_id: str, kind: str, at: str, **extra) -> dict:
    return rows.stamp(
        "dev-a",
        notice_id=notice_id,
        kind=kind,
        at=at,
        actor=None,
        signer=extra.get("signer"),
        new_due_at=extra.get("new_due_at"),
        note=extra.get("note"),
    )


def test_provisional_number_replaced_by_an_official_one(server):
    s = server.session("insp_a")
    bundle = _inspection(server, s)
    start = pull_all(s, server.base, limit=1000)[1]
    notice = _notice(server, bundle, provisional_number("0190-abcdef", 1), "provisional")
    answer = push(s, server.base, "dev-a", [change("notice", notice)])
    result = answer["results"][0]
    assert result["status"] == "accepted", result
    assert result["number"].startswith("督改〔2026〕第") and result["number"].endswith("号")
    pulled = [c for c in pull_all(s, server.base, start)[0] if c["id"] == notice["id"]]
    assert pulled[-1]["row"]["number"] == result["number"]
    assert pulled[-1]["row"]["number_kind"] == "official"
    # a second provisional notice gets the next number, not the same one
    other = _notice(server, bundle, provisional_number("0190-abcdef", 2), "provisional")
    second = push(s, server.base, "dev-a", [change("notice", other)])["results"][0]["number"]
    assert second != result["number"]
    # the device re-sending its provisional version keeps the official number
    again = dict(notice, rev=2, requirements="补充")
    kept = push(s, server.base, "dev-a", [change("notice", again)])["results"][0]
    assert kept["status"] == "accepted" and kept.get("number", result["number"]) == result["number"]


def test_block_numbers_are_kept_and_checked(server):
    s = server.session("insp_a", device="dev-a")  # blocks only for a device one logged in with
    server.session("insp_a", device="dev-x")
    block = s.post(
        f"{server.base}/numbers/reserve", json={"device_id": "dev-a", "year": 2026, "count": 5}
    ).json()
    assert block["prefix"] == "督改" and block["last"] - block["first"] == 4
    other = s.post(
        f"{server.base}/numbers/reserve", json={"device_id": "dev-x", "year": 2026, "count": 5}
    ).json()
    assert other["first"] > block["last"]  # blocks never overlap
    bundle = _inspection(server, s)
    number = official_number("督改", 2026, block["first"])
    notice = _notice(server, bundle, number, "official")
    result = push(s, server.base, "dev-a", [change("notice", notice)])["results"][0]
    assert result["status"] == "accepted" and "number" not in result
    # the same number on another notice, or a number from another device's block: refused
    twice = _notice(server, bundle, number, "official")
    foreign = _notice(server, bundle, official_number("督改", 2026, other["first"]), "official")
    answer = push(s, server.base, "dev-a", [change("notice", twice), change("notice", foreign)])
    assert [r["status"] for r in answer["results"]] == ["rejected", "rejected"]
    assert all(r["code"] == "number" for r in answer["results"])


def test_notice_events_follow_the_lifecycle(server):
    s = server.session("insp_a")
    bundle = _inspection(server, s)
    notice = _notice(server, bundle, provisional_number("0190-abcdef", 9), "provisional")
    issued = _event(
        notice["id"],
        "issued",
        "2026-11-21T02:00:00.000000Z",
        new_due_at="2026-11-23T02:00:00.000000Z",
    )
    closed = _event(notice["id"], "closed", "2026-11-21T03:00:00.000000Z")
    answer = push(
        s,
        server.base,
        "dev-a",
        [change("notice", notice), change("notice_event", issued), change("notice_event", closed)],
    )
    assert [r["status"] for r in answer["results"]] == ["accepted", "accepted", "rejected"]
    assert answer["results"][2]["code"] == "lifecycle"
    ack = _event(notice["id"], "acknowledged", now_iso(), signer="张三")
    assert (
        push(s, server.base, "dev-a", [change("notice_event", ack)])["results"][0]["status"]
        == "accepted"
    )
    edited = dict(ack, signer="李四", rev=2)
    assert (
        push(s, server.base, "dev-a", [change("notice_event", edited)])["results"][0]["status"]
        == "rejected"
    )


def test_a_numbers_year_is_the_calendar_year_of_the_offices_zone():
    from server.numbers import year_of

    new_years_eve = "2026-12-31T17:00:00.000000Z"  # already 1 January 2027 in Beijing
    assert year_of(new_years_eve, "Asia/Shanghai") == 2027
    assert year_of(new_years_eve, "Europe/Berlin") == 2026
