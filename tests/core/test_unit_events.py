"""改派, 推诿 and 延期申请 in a real store: the events name their units, a transfer moves the notice
(event then notice in the outbox), its due time comes from the rules, the list shows what is
pending, and 推诿 is counted per unit by SQL."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from domain.clock import from_iso, to_iso
from domain.workcalendar import default_calendar_path, load_calendar
from local_db import inspections
from local_db.notices import NoticeError, issue_notice, list_notices, record_event, status
from local_db.unit_events import (
    record_dispute,
    record_extension_request,
    refuse_dispute,
    refused_disputes_by_unit,
    transfer_due,
    transfer_notice,
)
from tests.core.conftest import attach_evidence

BJ = ZoneInfo("Asia/Shanghai")
CALENDAR = load_calendar(default_calendar_path())
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=BJ)


def bj(*args: int) -> str:
    return to_iso(datetime(*args, tzinfo=BJ))


@pytest.fixture
def notice(store, basics):
    row = inspections.start_inspection(
        store,
        template_id=basics.template_id,
        zone_id=basics.zone_id,
        mode="unannounced",
        person_ids=[basics.person_id],
    )
    problem = inspections.record_finding(
        store, row["id"], "DL-09", "problem", cases=1, description="游商占道经营"
    )
    attach_evidence(store, row["id"], problem["id"])
    inspections.mark_unanswered_ok(store, row["id"])
    inspections.submit_inspection(store, row["id"], actor=basics.person_id)
    return issue_notice(
        store,
        inspection_id=row["id"],
        unit_id=basics.unit_id,
        finding_ids=[problem["id"]],
        requirements="立即清理",
        due_at=bj(2026, 11, 18, 17, 30),
        issued_by=basics.person_id,
        issued_at=bj(2026, 11, 17, 10, 0),
    )


def test_a_request_for_more_time_is_pending_then_decided(store, basics, notice):
    actor = basics.person_id
    record_extension_request(
        store, notice["id"], signer="王科长", reason="雨天无法施工",
        new_due_at=bj(2026, 11, 25, 17, 30), actor=actor, at=bj(2026, 11, 17, 11, 0),
    )  # fmt: skip
    event = store.rows("SELECT * FROM notice_event WHERE kind = 'extension_requested'")[0]
    assert event["from_unit_id"] == basics.unit_id and event["to_unit_id"] is None
    listed = list_notices(store, now=from_iso(bj(2026, 11, 17, 12, 0)))[0]
    assert listed["pending_extension"] and not listed["pending_dispute"]
    with pytest.raises(NoticeError):
        record_extension_request(
            store, notice["id"], signer="王科长", reason="再申请",
            new_due_at=bj(2026, 11, 26, 17, 30), actor=actor, at=bj(2026, 11, 17, 11, 30),
        )  # fmt: skip
    record_event(
        store, notice["id"], "extension_granted", actor=actor, at=bj(2026, 11, 17, 12, 0),
        new_due_at=bj(2026, 11, 24, 17, 30), note="同意",
    )  # fmt: skip
    now = status(store, notice["id"])
    assert now.pending_extension is None and to_iso(now.due_at) == bj(2026, 11, 24, 17, 30)


def test_dispute_refused_is_counted_against_the_unit_and_a_transfer_moves_the_notice(
    store, basics, notice
):
    actor, old_unit = basics.person_id, basics.unit_id
    other = store.save("unit", {"name": "城东街道办事处", "kind": "street_office"})
    record_dispute(
        store,
        notice["id"],
        signer="王科长",
        reason="不归我们",
        actor=actor,
        at=bj(2026, 11, 17, 11, 0),
    )
    refuse_dispute(
        store, notice["id"], reason="属本单位责任路段", actor=actor, at=bj(2026, 11, 17, 12, 0)
    )
    record_dispute(
        store,
        notice["id"],
        signer="李主任",
        reason="路段已移交",
        actor=actor,
        at=bj(2026, 11, 17, 13, 0),
    )
    assert list_notices(store, now=from_iso(bj(2026, 11, 17, 14, 0)))[0]["pending_dispute"]
    assert refused_disputes_by_unit(store) == {old_unit: 1}

    with pytest.raises(NoticeError):  # the same unit is no transfer
        transfer_notice(
            store, notice["id"], to_unit_id=old_unit, reason="x",
            new_due_at=bj(2026, 11, 20, 17, 30), actor=actor, at=bj(2026, 11, 17, 14, 0),
        )  # fmt: skip
    due = transfer_due(store, notice["id"], from_iso(bj(2026, 11, 17, 14, 0)), CALENDAR)
    assert due is not None and from_iso(bj(2026, 11, 17, 14, 0)) < due.at
    before = store.db.execute("SELECT COALESCE(MAX(seq), 0) FROM outbox").fetchone()[0]
    moved = transfer_notice(
        store, notice["id"], to_unit_id=other["id"], reason="路段已移交城东",
        new_due_at=to_iso(due.at), actor=actor, at=bj(2026, 11, 17, 14, 0),
    )  # fmt: skip
    assert moved["unit_id"] == other["id"] and moved["number"] == notice["number"]
    sent = store.rows("SELECT entity FROM outbox WHERE seq > ? ORDER BY seq", [before])
    assert [s["entity"] for s in sent] == ["notice_event", "notice"]
    now = status(store, notice["id"])
    assert now.state == "issued" and now.due_at == due.at and now.transfers == 1
    assert now.pending_dispute is None and now.refused_disputes == 1
    listed = list_notices(store, now=from_iso(bj(2026, 11, 17, 15, 0)))[0]
    assert listed["unit_name"] == "城东街道办事处" and not listed["pending_dispute"]
    event = store.rows("SELECT * FROM notice_event WHERE kind = 'transferred'")[0]
    assert (event["from_unit_id"], event["to_unit_id"]) == (old_unit, other["id"])
    # the 推诿 stays counted against the unit that disputed, not the new one
    assert refused_disputes_by_unit(store) == {old_unit: 1}


def test_overdue_in_sql_follows_the_transfer_due_time(store, basics, notice):
    """A transfer may set an earlier or a later due time than the notice had: the SQL prefilter
    (local_db/overdue_sql.py) reads it as the replay does."""
    from local_db.overdue_sql import OVERDUE_IDS

    other = store.save("unit", {"name": "城东街道办事处", "kind": "street_office"})
    # issued 11-17 10:00, due 11-18 17:30; extended to 11-30, then transferred due 11-20 09:00
    record_event(
        store, notice["id"], "extension_granted", actor=None, at=bj(2026, 11, 17, 11, 0),
        new_due_at=bj(2026, 11, 30, 17, 30), note="同意",
    )  # fmt: skip
    transfer_notice(
        store, notice["id"], to_unit_id=other["id"], reason="移交",
        new_due_at=bj(2026, 11, 20, 9, 0), actor=None, at=bj(2026, 11, 17, 12, 0),
    )  # fmt: skip
    for moment, overdue in ((bj(2026, 11, 19, 12, 0), False), (bj(2026, 11, 21, 12, 0), True)):
        by_sql = {r[0] for r in store.db.execute(OVERDUE_IDS, {"now": moment})}
        listed = list_notices(store, now=from_iso(moment))[0]
        assert listed["overdue"] is overdue
        assert (notice["id"] in by_sql) is overdue
    # an extension after the transfer moves it on
    record_event(
        store, notice["id"], "extension_granted", actor=None, at=bj(2026, 11, 17, 13, 0),
        new_due_at=bj(2026, 11, 25, 9, 0), note="同意",
    )  # fmt: skip
    moment = bj(2026, 11, 21, 12, 0)
    assert not {r[0] for r in store.db.execute(OVERDUE_IDS, {"now": moment})}
    assert not list_notices(store, now=from_iso(moment))[0]["overdue"]
