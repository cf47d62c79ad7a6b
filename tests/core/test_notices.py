"""Notices: numbers, due times from mixed items across a holiday, issuing, the event lifecycle."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from domain.clock import to_iso
from domain.notice_due import notice_due
from domain.numbering import (
    device_code,
    is_provisional,
    official_number,
    parse_official,
    provisional_number,
)
from domain.workcalendar import default_calendar_path, load_calendar
from local_db import inspections
from local_db.notices import (
    NoticeError,
    NoticeFilter,
    issue_notice,
    list_notices,
    notice_by_number,
    record_event,
    status,
)
from local_db.reference import load_template
from tests.core.conftest import attach_evidence

BJ = ZoneInfo("Asia/Shanghai")
CALENDAR = load_calendar(default_calendar_path())


def bj(*args: int) -> datetime:
    return datetime(*args, tzinfo=BJ)


# -- numbers ---------------------------------------------------------------------------------------


def test_provisional_numbers_name_the_device_and_count():
    device = "019a8b7c-1d2e-7f00-8abc-0123456789ab"
    assert device_code(device) == "6789AB"
    assert provisional_number(device, 7) == "临6789AB-0007"
    assert is_provisional("临6789AB-0007")


def test_official_numbers_round_trip():
    assert official_number("督改", 2026, 123) == "督改〔2026〕第0123号"
    assert parse_official("督改〔2026〕第0123号") == ("督改", 2026, 123)
    assert parse_official("临6789AB-0007") is None
    assert not is_provisional("督改〔2026〕第0123号")


# -- due times -------------------------------------------------------------------------------------


def _items(template, *codes):
    return [template.item(c) for c in codes]


def test_the_tightest_item_wins(store, basics):
    template = load_template(store, basics.template_id)
    hours = next(i for i in template.items() if i.due_unit == "work_hours" and i.due_amount == 4)
    days = next(i for i in template.items() if i.due_unit == "work_days" and i.due_amount >= 2)
    # Tuesday 2026-11-17 10:00: 4 working hours → 15:30 the same day; days are later.
    due = notice_due(bj(2026, 11, 17, 10, 0), [days, hours], CALENDAR)
    assert due.at.astimezone(BJ) == bj(2026, 11, 17, 15, 30)
    assert not due.warning


def test_mixed_items_across_the_national_day_holiday(store, basics):
    template = load_template(store, basics.template_id)
    hours = next(i for i in template.items() if i.due_unit == "work_hours" and i.due_amount == 4)
    two_days = next(i for i in template.items() if i.due_unit == "work_days" and i.due_amount == 2)
    issued = bj(2026, 9, 30, 16, 0)  # the eve of 国庆 (10/1–10/7; Sat 10/10 is a workday)
    # 4 work hours: 16:00–17:30 (1.5 h), then Thu 10/8 08:30 + 2.5 h = 11:00.
    assert notice_due(issued, [hours], CALENDAR).at.astimezone(BJ) == bj(2026, 10, 8, 11, 0)
    # 2 work days: 10/8 and 10/9 → 10/9 17:30.
    assert notice_due(issued, [two_days], CALENDAR).at.astimezone(BJ) == bj(2026, 10, 9, 17, 30)
    # Together: the hours win.
    both = notice_due(issued, [two_days, hours], CALENDAR)
    assert both.at.astimezone(BJ) == bj(2026, 10, 8, 11, 0)


def test_a_year_the_calendar_lacks_is_warned(store, basics):
    template = load_template(store, basics.template_id)
    days = next(i for i in template.items() if i.due_unit == "work_days")
    due = notice_due(bj(2026, 12, 31, 16, 0), [days], CALENDAR)
    assert due.warning and 2027 in due.uncovered_years


def test_a_notice_needs_problems():
    with pytest.raises(ValueError):
        notice_due(bj(2026, 11, 17, 10, 0), [], CALENDAR)


# -- issuing and events ----------------------------------------------------------------------------


@pytest.fixture
def submitted(store, basics):
    row = inspections.start_inspection(
        store,
        template_id=basics.template_id,
        zone_id=basics.zone_id,
        mode="unannounced",
        person_ids=[basics.person_id],
    )
    problem = inspections.record_finding(
        store, row["id"], "DL-09", "problem", cases=2, description="游商占道经营两处"
    )
    attach_evidence(store, row["id"], problem["id"])
    inspections.mark_unanswered_ok(store, row["id"])
    inspections.submit_inspection(store, row["id"], actor=basics.person_id)
    return row["id"], problem["id"]


def _issue(store, basics, submitted, **changes):
    inspection_id, finding_id = submitted
    args = {
        "inspection_id": inspection_id,
        "unit_id": basics.unit_id,
        "finding_ids": [finding_id],
        "requirements": "立即清理占道经营",
        "due_at": to_iso(bj(2026, 11, 18, 17, 30)),
        "issued_by": basics.person_id,
        "issued_at": to_iso(bj(2026, 11, 17, 10, 0)),
    }
    args.update(changes)
    return issue_notice(store, **args)


def test_issuing_numbers_notices_per_device_and_starts_issued(store, basics, submitted):
    first = _issue(store, basics, submitted)
    second = _issue(store, basics, submitted)
    code = device_code(store.device_id)
    assert (first["number"], second["number"]) == (f"临{code}-0001", f"临{code}-0002")
    assert first["number_kind"] == "provisional"
    assert status(store, first["id"]).state == "issued"
    kinds = store.rows("SELECT entity FROM outbox WHERE entity LIKE 'notice%' ORDER BY seq")
    assert [k["entity"] for k in kinds] == ["notice", "notice_event"] * 2


def test_a_notice_is_found_by_its_number(store, basics, submitted):
    first = _issue(store, basics, submitted)
    second = _issue(store, basics, submitted)

    assert notice_by_number(store, second["number"]) == store.row("notice", second["id"])
    assert notice_by_number(store, first["number"])["id"] == first["id"]
    assert notice_by_number(store, "督改〔2026〕第9999号") is None


def test_a_draft_inspection_cannot_get_a_notice(store, basics):
    draft = inspections.start_inspection(
        store,
        template_id=basics.template_id,
        zone_id=basics.zone_id,
        mode="open",
        person_ids=[basics.person_id],
    )
    f = inspections.record_finding(store, draft["id"], "DL-09", "problem", description="x")
    with pytest.raises(NoticeError):
        _issue(store, basics, (draft["id"], f["id"]))


def test_only_problems_of_that_inspection_go_on_a_notice(store, basics, submitted):
    inspection_id, _ = submitted
    ok = inspections.findings(store, inspection_id)["DL-01"]
    with pytest.raises(NoticeError):
        _issue(store, basics, (inspection_id, ok["id"]))


def test_due_before_issue_is_refused(store, basics, submitted):
    with pytest.raises(NoticeError):
        _issue(store, basics, submitted, due_at=to_iso(bj(2026, 11, 17, 9, 0)))


def test_the_lifecycle_through_the_store(store, basics, submitted):
    notice = _issue(store, basics, submitted)
    nid, who = notice["id"], basics.person_id

    with pytest.raises(NoticeError):
        record_event(store, nid, "acknowledged", actor=who)  # no signer
    record_event(store, nid, "acknowledged", actor=who, signer="李主任")
    with pytest.raises(NoticeError):
        record_event(store, nid, "closed", actor=who)  # not yet rechecked
    record_event(store, nid, "rectified", actor=who, note="已清理")
    record_event(store, nid, "recheck_failed", actor=who, note="仍有摊点")
    record_event(store, nid, "rectified", actor=who, note="全部清理")
    record_event(store, nid, "recheck_passed", actor=who)
    record_event(store, nid, "closed", actor=who)

    current = status(store, nid)
    assert (current.state, current.failed_rechecks) == ("closed", 1)
    [row] = list_notices(store)
    assert (row["state"], row["signer"], row["overdue"]) == ("closed", "李主任", False)


def test_overdue_is_derived_and_filtered(store, basics, submitted):
    late = _issue(store, basics, submitted)
    _issue(store, basics, submitted, due_at=to_iso(bj(2026, 12, 30, 17, 30)))
    now = bj(2026, 11, 20, 9, 0)

    overdue = list_notices(store, NoticeFilter(overdue_only=True), now=now)
    assert [n["id"] for n in overdue] == [late["id"]]
    assert len(list_notices(store, NoticeFilter(state="issued"), now=now)) == 2
    assert list_notices(store, NoticeFilter(state="closed"), now=now) == []


def test_an_extension_moves_the_due_time(store, basics, submitted):
    notice = _issue(store, basics, submitted)
    new_due = to_iso(bj(2026, 11, 25, 17, 30))
    record_event(
        store,
        notice["id"],
        "acknowledged",
        actor=None,
        signer="王科长",
        at=to_iso(bj(2026, 11, 17, 11, 0)),
    )
    record_event(
        store,
        notice["id"],
        "extension_granted",
        actor=None,
        new_due_at=new_due,
        at=to_iso(bj(2026, 11, 18, 9, 0)),  # asked for before the due time
    )
    [row] = list_notices(store, now=bj(2026, 11, 20, 9, 0))
    assert row["current_due_at"] == new_due and not row["overdue"]


def test_a_notice_whose_events_have_not_arrived_yet_lists_as_issued(store, basics, submitted):
    notice = _issue(store, basics, submitted)
    store.db.execute("DELETE FROM notice_event WHERE notice_id = ?", [notice["id"]])  # mid-sync

    [row] = list_notices(store, now=bj(2026, 11, 17, 12, 0))
    assert (row["state"], row["overdue"]) == ("issued", False)
    assert status(store, notice["id"]).state == "issued"
