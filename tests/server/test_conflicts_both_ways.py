"""Conflicts both ways (issue 12, finding 2): two laptops edit the same rows offline and sync in
either order, with the real sync engine against the real server. Every scenario ends with the
losing version in the losing laptop's conflict list and in the office's list (GET /conflicts),
nothing pending, every laptop on the winning version; the office resolves by either version."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from app.photos.importer import import_one
from app.sync.client import SyncClient
from app.sync.engine import SyncReport, sync_once
from local_db import follow_up
from local_db import inspections as ops
from local_db.conflicts import conflicts
from local_db.notices import issue_notice, record_event
from local_db.store import Store
from local_db.sync_state import sync_status
from tests.server.laptops import laptop
from tests.server.rows import pull_all
from tests.testdata import PHOTOS

SOURCE = PHOTOS / "gps" / "DSCN0010.jpg"


def unique_photo(folder: Path) -> Path:
    """A real photo with a tail of its own: a JPEG no other test uploads (the server is
    shared by the session's tests)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"IMG_{os.urandom(4).hex()}.jpg"
    path.write_bytes(SOURCE.read_bytes() + b"conflicts-" + os.urandom(8).hex().encode())
    return path


@dataclass
class Laptop:
    name: str
    store: Store
    client: SyncClient
    folder: Path

    def sync(self) -> SyncReport:
        return sync_once(self.store, self.folder, self.client)

    @property
    def me(self) -> str:
        return str(self.store.meta("local_person_id"))

    def lost(self, entity_id: str) -> list[dict[str, Any]]:
        """The losing versions this laptop keeps of a row."""
        return [c for c in conflicts(self.store) if c["entity_id"] == entity_id]


@pytest.fixture
def pair(server, tmp_path) -> Iterator[dict[str, Laptop]]:
    """Laptops A (insp_a) and B (insp_a2) of unit A, each synced once."""
    made = {}
    for key, name in (("A", "insp_a"), ("B", "insp_a2")):
        store, client = laptop(server, name, tmp_path / key)
        made[key] = Laptop(key, store, client, tmp_path / key)
    yield made
    for one in made.values():
        one.client.close()
        one.store.close()


def office_conflicts(server, entity_id: str, state: str = "all") -> list[dict[str, Any]]:
    answer = server.session("office").get(
        f"{server.base}/conflicts", params={"state": state, "limit": 500}, timeout=30
    )
    assert answer.status_code == 200, answer.text
    return [c for c in answer.json()["conflicts"] if c["entity_id"] == entity_id]


def shared_draft(server, pair: dict[str, Laptop]) -> dict[str, Any]:
    """A draft of zone A with both inspectors on it and one problem, on both laptops."""
    a, b = pair["A"], pair["B"]
    row = ops.start_inspection(
        a.store,
        template_id=server.template_id,
        zone_id=server.zones["A"],
        mode="open",
        person_ids=[a.me, b.me],
    )
    finding = ops.record_finding(a.store, row["id"], "DL-09", "problem", description="原始描述")
    a.sync()
    b.sync()
    assert b.store.row("finding", finding["id"]) is not None
    return {"inspection": row, "finding": finding}


def in_order(pair: dict[str, Laptop], order: str) -> None:
    """Sync in this order, then the first again (it collects what it lost after acceptance);
    nothing stays pending anywhere."""
    for key in (*order, order[0]):
        report = pair[key].sync()
        assert report.rejected == 0, key
    for one in pair.values():
        status = sync_status(one.store)
        assert (status.pending_changes, status.rejected) == (0, 0), one.name


ORDERS = ["AB", "BA"]


@pytest.mark.parametrize("order", ORDERS)
def test_the_same_finding_edited_on_both(server, pair, order):
    made = shared_draft(server, pair)
    inspection_id, finding_id = made["inspection"]["id"], made["finding"]["id"]
    ops.record_finding(pair["A"].store, inspection_id, "DL-09", "problem", description="A的描述")
    ops.record_finding(pair["B"].store, inspection_id, "DL-09", "problem", description="B的描述")
    in_order(pair, order)

    # equal revs: the later edit (B's) wins on both ends, whichever synced first
    for one in pair.values():
        assert one.store.row("finding", finding_id)["description"] == "B的描述"
    (lost,) = pair["A"].lost(finding_id)
    assert lost["losing"]["description"] == "A的描述"
    assert lost["winning"]["row"]["description"] == "B的描述"
    assert pair["B"].lost(finding_id) == []
    (kept,) = office_conflicts(server, finding_id)
    assert kept["losing"]["row"]["description"] == "A的描述"
    assert kept["losing"]["user_id"] == server.users["insp_a"]
    assert kept["losing"]["device_id"] == pair["A"].store.device_id
    assert kept["winning"]["device_id"] == pair["B"].store.device_id
    assert kept["kind"] == "concurrent_edit" and kept["resolution"] is None


@pytest.mark.parametrize("order", ORDERS)
def test_a_summary_edited_twice_on_a_and_once_on_b(server, pair, order):
    made = shared_draft(server, pair)
    inspection_id = made["inspection"]["id"]
    ops.update_inspection(pair["A"].store, inspection_id, summary="A一")
    ops.update_inspection(pair["A"].store, inspection_id, summary="A二")
    ops.update_inspection(pair["B"].store, inspection_id, summary="B的小结")
    in_order(pair, order)

    for one in pair.values():  # the higher rev (A's two edits) wins, in both orders
        assert one.store.row("inspection", inspection_id)["summary"] == "A二"
    (lost,) = pair["B"].lost(inspection_id)
    assert lost["losing"]["summary"] == "B的小结"
    (kept,) = office_conflicts(server, inspection_id)
    assert kept["losing"]["row"]["summary"] == "B的小结"
    assert kept["losing"]["device_id"] == pair["B"].store.device_id


@pytest.mark.parametrize("order", ORDERS)
def test_a_delete_against_an_edit(server, pair, order):
    made = shared_draft(server, pair)
    inspection_id, finding_id = made["inspection"]["id"], made["finding"]["id"]
    ops.clear_finding(pair["A"].store, inspection_id, "DL-09")
    ops.record_finding(pair["B"].store, inspection_id, "DL-09", "problem", description="B改了")
    in_order(pair, order)

    for one in pair.values():  # the delete wins, in both orders
        assert one.store.row("finding", finding_id) is None
    (lost,) = pair["B"].lost(finding_id)
    assert lost["losing"]["description"] == "B改了"
    assert lost["winning"]["op"] == "delete"
    (kept,) = office_conflicts(server, finding_id)
    assert kept["kind"] == "edit_vs_delete"
    assert kept["losing"]["row"]["description"] == "B改了"
    assert kept["winning"]["op"] == "delete"

    # the office takes the edit: the finding comes back on every laptop
    office = server.session("office")
    answer = office.post(
        f"{server.base}/conflicts/{kept['id']}/resolve", json={"take": "losing"}, timeout=30
    )
    assert answer.status_code == 200, answer.text
    assert answer.json()["resolution"] == "losing"
    for one in pair.values():
        one.sync()
        assert one.store.row("finding", finding_id)["description"] == "B改了"


def _notice_on_both(server, pair: dict[str, Laptop]) -> dict[str, Any]:
    a, b = pair["A"], pair["B"]
    row = ops.start_inspection(
        a.store,
        template_id=server.template_id,
        zone_id=server.zones["A"],
        mode="covert",
        person_ids=[a.me],
    )
    finding = ops.record_finding(a.store, row["id"], "DL-09", "problem", description="游商占道")
    import_one(
        a.store,
        a.folder,
        unique_photo(a.folder / "in"),
        inspection_id=row["id"],
        finding_id=finding["id"],
    )
    ops.mark_unanswered_ok(a.store, row["id"])
    ops.submit_inspection(a.store, row["id"], actor=a.me)
    notice = issue_notice(
        a.store,
        inspection_id=row["id"],
        unit_id=server.units["A"],
        finding_ids=[finding["id"]],
        requirements="立即清理",
        due_at="2099-01-01T09:00:00.000000Z",
        issued_by=a.me,
    )
    record_event(a.store, notice["id"], "acknowledged", actor=a.me, signer="王主任")
    a.sync()
    b.sync()
    assert b.store.row("notice", notice["id"]) is not None
    return notice


@pytest.mark.parametrize("order", ORDERS)
def test_two_rectification_receipts(server, pair, order):
    notice = _notice_on_both(server, pair)
    receipts = {
        key: follow_up.record_rectification(
            pair[key].store, notice["id"], f"{key}已整改", actor=pair[key].me
        )
        for key in ("A", "B")
    }
    event_of = {
        key: pair[key].store.rows(
            "SELECT * FROM notice_event WHERE notice_id = ? AND kind = 'rectified' AND note = ?",
            [notice["id"], f"{key}已整改"],
        )[0]
        for key in ("A", "B")
    }
    in_order(pair, order)

    first, second = order[0], order[1]
    # the server holds one 整改回执 event (the first's); the second's is a conflict for the office
    pulled, _ = pull_all(server.session("office"), server.base, limit=1000)  # every page
    rectified = [
        c["row"]["note"]
        for c in pulled
        if c["entity"] == "notice_event"
        and c["op"] == "upsert"
        and c["row"]["notice_id"] == notice["id"]
        and c["row"]["kind"] == "rectified"
    ]
    assert rectified == [f"{first}已整改"]
    losing_event = event_of[second]["id"]
    (lost,) = pair[second].lost(losing_event)
    assert lost["kind"] == "second_rectification"
    assert lost["losing"]["note"] == f"{second}已整改"
    (kept,) = office_conflicts(server, losing_event)
    assert kept["kind"] == "second_rectification"
    assert kept["losing"]["row"]["note"] == f"{second}已整改"
    assert kept["winning"]["row"]["note"] == f"{first}已整改"
    # both reports' texts are evidence the server keeps (named by the open conflict)
    texts = {
        c["row"]["text"]
        for c in pulled
        if c["entity"] == "rectification" and c["row"]["notice_id"] == notice["id"]
    }
    assert texts == {receipts["A"]["text"], receipts["B"]["text"]}

    # the office keeps the first receipt: recorded, the conflict no longer open
    office = server.session("office")
    answer = office.post(
        f"{server.base}/conflicts/{kept['id']}/resolve", json={"take": "winning"}, timeout=30
    )
    assert answer.status_code == 200, answer.text
    resolved = answer.json()
    assert (resolved["resolution"], resolved["resolved_by"]) == ("winning", server.users["office"])
    assert office_conflicts(server, losing_event, "open") == []
    again = office.post(
        f"{server.base}/conflicts/{kept['id']}/resolve", json={"take": "losing"}, timeout=30
    )
    assert again.status_code == 409


@pytest.mark.parametrize("order", ORDERS)
def test_a_draft_submitted_on_a_while_b_edits_it(server, pair, order):
    made = shared_draft(server, pair)
    inspection_id, finding_id = made["inspection"]["id"], made["finding"]["id"]
    a, b = pair["A"], pair["B"]
    ops.mark_unanswered_ok(a.store, inspection_id)
    # the problem needs a photo to be submitted
    import_one(
        a.store,
        a.folder,
        unique_photo(a.folder / "in"),
        inspection_id=inspection_id,
        finding_id=finding_id,
    )
    ops.submit_inspection(a.store, inspection_id, actor=a.me)
    ops.record_finding(b.store, inspection_id, "DL-09", "problem", description="B补充的描述")

    reports = {}
    for key in (*order, order[0]):
        reports.setdefault(key, []).append(pair[key].sync())
    for one in pair.values():
        status = sync_status(one.store)
        assert (status.pending_changes, status.rejected) == (0, 0), one.name

    if order == "AB":  # the submission stands; B's edit of the submitted draft lost
        for one in pair.values():
            assert one.store.row("inspection", inspection_id)["status"] == "submitted"
            assert one.store.row("finding", finding_id)["description"] == "原始描述"
        (lost,) = b.lost(finding_id)
        assert lost["losing"]["description"] == "B补充的描述"
        (kept,) = office_conflicts(server, finding_id)
        assert kept["losing"]["row"]["description"] == "B补充的描述"
        return
    # B first: A's submission was refused (its draft changed on the server). A keeps the
    # submitted version as a conflict, its draft is opened again with B's edit merged in, and
    # nothing is stuck; the inspector submits the merged draft.
    assert reports["A"][0].reopened == [inspection_id]
    assert a.store.row("inspection", inspection_id)["status"] == "draft"
    assert a.store.row("finding", finding_id)["description"] == "B补充的描述"
    (lost,) = a.lost(inspection_id)
    assert lost["kind"] == "refused_submission"
    assert lost["losing"]["status"] == "submitted"
    (kept,) = office_conflicts(server, inspection_id)
    assert kept["kind"] == "refused_submission"
    assert kept["losing"]["device_id"] == a.store.device_id

    ops.submit_inspection(a.store, inspection_id, actor=a.me)
    assert a.sync().rejected == 0
    b.sync()
    for one in pair.values():
        assert one.store.row("inspection", inspection_id)["status"] == "submitted"
        assert one.store.row("finding", finding_id)["description"] == "B补充的描述"
        assert sync_status(one.store).pending_changes == 0


def test_the_office_takes_the_losing_edit_and_every_laptop_gets_it(server, pair):
    made = shared_draft(server, pair)
    inspection_id, finding_id = made["inspection"]["id"], made["finding"]["id"]
    ops.record_finding(pair["A"].store, inspection_id, "DL-09", "problem", description="A版本")
    ops.record_finding(pair["B"].store, inspection_id, "DL-09", "problem", description="B版本")
    in_order(pair, "AB")
    (kept,) = office_conflicts(server, finding_id, "open")
    assert kept["losing"]["row"]["description"] == "A版本"

    office = server.session("office")
    answer = office.post(
        f"{server.base}/conflicts/{kept['id']}/resolve", json={"take": "losing"}, timeout=30
    )
    assert answer.status_code == 200, answer.text
    for one in pair.values():
        one.sync()
        assert one.store.row("finding", finding_id)["description"] == "A版本"
    audit = office.get(
        f"{server.base}/audit", params={"action": "conflict_resolved", "limit": 1000}, timeout=30
    ).json()["entries"]
    assert any(
        e["entity_id"] == finding_id
        and e["user_id"] == server.users["office"]
        and e["detail"].get("take") == "losing"
        for e in audit
    )


def test_only_the_office_of_the_unit_sees_and_resolves_conflicts(server, pair):
    made = shared_draft(server, pair)
    inspection_id, finding_id = made["inspection"]["id"], made["finding"]["id"]
    ops.record_finding(pair["A"].store, inspection_id, "DL-09", "problem", description="甲")
    ops.record_finding(pair["B"].store, inspection_id, "DL-09", "problem", description="乙")
    in_order(pair, "BA")
    (kept,) = office_conflicts(server, finding_id)
    inspector = server.session("insp_a")
    assert inspector.get(f"{server.base}/conflicts", timeout=30).status_code == 403
    refused = inspector.post(
        f"{server.base}/conflicts/{kept['id']}/resolve", json={"take": "losing"}, timeout=30
    )
    assert refused.status_code == 403
    from tests.server.accounts import fresh_user, session

    other = session(server, fresh_user(server, "rev_b", "reviewer", "B"))
    listed = other.get(f"{server.base}/conflicts", params={"state": "all"}, timeout=30).json()
    assert finding_id not in {c["entity_id"] for c in listed["conflicts"]}
    hidden = other.post(
        f"{server.base}/conflicts/{kept['id']}/resolve", json={"take": "losing"}, timeout=30
    )
    assert hidden.status_code == 404
