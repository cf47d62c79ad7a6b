"""延期申请, 异议, 推诿 and 改派 in the lifecycle: what they need, when they are refused, and what
the replayed status says (pending request and dispute, refused disputes, transfers)."""

from datetime import UTC, datetime, timedelta

import pytest

from domain.contract.rows import NoticeEventRow
from domain.lifecycle import LifecycleError, NoticeEvent, check_event, derive_status

ISSUED_AT = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
DUE = datetime(2026, 3, 4, 9, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)
A, B = "unit-a", "unit-b"


def at(hours: int) -> datetime:
    return ISSUED_AT + hours * HOUR


def issued() -> NoticeEvent:
    return NoticeEvent("issued", ISSUED_AT, new_due_at=DUE)


def ask(hours: int, new_due: datetime = DUE + timedelta(days=5), **fields) -> NoticeEvent:
    fields = {"signer": "王科长", "note": "雨天", "from_unit_id": A, **fields}
    return NoticeEvent("extension_requested", at(hours), new_due_at=new_due, **fields)


def dispute(hours: int, **fields) -> NoticeEvent:
    fields = {"signer": "王科长", "note": "不是我们的路段", "from_unit_id": A, **fields}
    return NoticeEvent("disputed", at(hours), **fields)


def refuse(hours: int) -> NoticeEvent:
    return NoticeEvent("dispute_refused", at(hours), note="属本单位", from_unit_id=A)


def transfer(hours: int, due: datetime | None = None, **fields) -> NoticeEvent:
    fields = {"note": "移交城东", "from_unit_id": A, "to_unit_id": B, **fields}
    return NoticeEvent(
        "transferred", at(hours), new_due_at=due or at(hours) + timedelta(days=3), **fields
    )


def test_a_request_is_pending_until_decided_and_the_grant_sets_the_date_decided():
    asked = ask(1)
    status = derive_status([issued(), asked])
    assert status.pending_extension == asked and status.due_at == DUE
    assert status.state == "issued"
    with pytest.raises(LifecycleError, match="not decided yet"):
        derive_status([issued(), asked, ask(2)])
    decided = DUE + timedelta(days=2)  # less than asked
    granted = NoticeEvent("extension_granted", at(3), new_due_at=decided)
    status = derive_status([issued(), asked, granted])
    assert status.pending_extension is None and status.due_at == decided
    # decided, the unit may ask again
    assert derive_status([issued(), asked, granted, ask(4, decided + HOUR)]).pending_extension
    refused = NoticeEvent("extension_refused", at(3), note="不同意")
    status = derive_status([issued(), asked, refused])
    assert status.pending_extension is None and status.due_at == DUE


@pytest.mark.parametrize(
    ("event", "says"),
    [
        (ask(1, signer=" "), "who asked"),
        (ask(1, note=""), "reason"),
        (ask(1, new_due=DUE), "after the due time"),
        (dispute(1, signer=None), "who asked"),
        (dispute(1, note=None), "reason"),
        (NoticeEvent("dispute_refused", at(1), from_unit_id=A), "reason"),
        (transfer(1, note=" "), "reason"),
        (transfer(1, due=at(1)), "new due time after the transfer"),
        (transfer(1, to_unit_id=A), "another unit"),
    ],
)
def test_what_each_event_needs(event, says):
    with pytest.raises(LifecycleError, match=says):
        check_event("acknowledged", DUE, event)


def test_a_grant_without_a_request_stays_possible():
    granted = NoticeEvent("extension_granted", at(1), new_due_at=DUE + HOUR)
    assert derive_status([issued(), granted]).due_at == DUE + HOUR


def test_refusing_a_dispute_counts_推诿_and_needs_a_pending_dispute():
    with pytest.raises(LifecycleError, match="no pending dispute"):
        derive_status([issued(), refuse(1)])
    with pytest.raises(LifecycleError, match="not decided yet"):
        derive_status([issued(), dispute(1), dispute(2)])
    status = derive_status([issued(), dispute(1), refuse(2), dispute(3), refuse(4)])
    assert status.refused_disputes == 2 and status.pending_dispute is None
    assert derive_status([issued(), dispute(1)]).pending_dispute == dispute(1)


def test_a_transfer_starts_over_at_issued_with_its_due_time_and_settles_a_dispute():
    ack = NoticeEvent("acknowledged", at(1), signer="李签收")
    new_due = at(5) + timedelta(days=3)
    status = derive_status([issued(), ack, ask(2), dispute(3), transfer(5, new_due)])
    assert status.state == "issued" and status.due_at == new_due
    assert status.transfers == 1 and status.refused_disputes == 0
    assert status.pending_dispute is None and status.pending_extension is None
    # the new unit signs for it
    signed = NoticeEvent("acknowledged", at(6), signer="城东 张")
    assert derive_status([issued(), transfer(1), signed]).state == "acknowledged"
    # without a dispute too
    assert derive_status([issued(), transfer(1)]).transfers == 1


@pytest.mark.parametrize("state", ["rectified", "passed", "closed"])
@pytest.mark.parametrize("make", [ask, dispute, transfer])
def test_not_once_the_unit_reported_or_it_is_closed(state, make):
    with pytest.raises(LifecycleError, match="not possible while"):
        check_event(state, DUE, make(1))


def test_lenient_replay_skips_a_second_dispute_and_keeps_the_first():
    status = derive_status([issued(), dispute(1), dispute(2, note="又一次")], lenient=True)
    assert status.skipped == 1 and status.pending_dispute == dispute(1)


def _row(kind: str, **fields) -> dict:
    return {
        "id": "01a24b20-743b-722e-a312-9a5e9a6f5596",
        "notice_id": "01a24b20-743b-722e-a312-9a5e9a6f5597",
        "at": "2026-03-02T10:00:00.000000Z",
        "kind": kind,
        "created_at": "2026-03-02T10:00:00.000000Z",
        "updated_at": "2026-03-02T10:00:00.000000Z",
        "device_id": "dev",
        "rev": 1,
        **fields,
    }


UA, UB = "01a24b20-743b-722e-a312-9a5e9a6f5598", "01a24b20-743b-722e-a312-9a5e9a6f5599"


@pytest.mark.parametrize(
    ("kind", "fields", "ok"),
    [
        ("disputed", {"from_unit_id": UA}, True),
        ("disputed", {}, False),
        ("dispute_refused", {"from_unit_id": UA}, True),
        ("extension_requested", {}, False),
        ("transferred", {"from_unit_id": UA, "to_unit_id": UB}, True),
        ("transferred", {"from_unit_id": UA}, False),
        ("transferred", {"from_unit_id": UA, "to_unit_id": UA}, False),
        ("acknowledged", {}, True),
        ("acknowledged", {"from_unit_id": UA}, False),
        ("disputed", {"from_unit_id": UA, "to_unit_id": UB}, False),
    ],
)
def test_the_contract_names_units_for_the_unit_events_only(kind, fields, ok):
    row = _row(kind, **fields)
    if ok:
        NoticeEventRow.model_validate(row)
    else:
        with pytest.raises(ValueError, match="unit"):
            NoticeEventRow.model_validate(row)
