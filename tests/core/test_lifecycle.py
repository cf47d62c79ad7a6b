"""The notice lifecycle: allowed transitions, required signer/reasons, extensions, replay."""

from datetime import UTC, datetime, timedelta

import pytest

from domain.lifecycle import (
    STATES,
    TRANSITIONS,
    UNIT_EVENTS,
    LifecycleError,
    NoticeEvent,
    check_event,
    derive_status,
)

ISSUED_AT = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
DUE = datetime(2026, 3, 4, 9, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)


def event(kind: str, at: datetime = ISSUED_AT + HOUR, **fields) -> NoticeEvent:
    """A well-formed event of `kind`: signer, reason and a later due time where they are needed."""
    asks = kind in ("acknowledged", "extension_requested", "disputed")
    fields.setdefault("signer", "李签收" if asks else None)
    needs_reason = kind in ("reopened", "recheck_failed", "extension_refused", *UNIT_EVENTS)
    fields.setdefault("note", "理由" if needs_reason else None)
    if kind in ("extension_granted", "extension_requested", "transferred"):
        fields.setdefault("new_due_at", DUE + timedelta(days=3))
    if kind in UNIT_EVENTS:
        fields.setdefault("from_unit_id", "unit-a")
    if kind == "transferred":
        fields.setdefault("to_unit_id", "unit-b")
    return NoticeEvent(kind=kind, at=at, **fields)


def pending(kind: str) -> dict:
    """What must be pending for `kind` (a dispute, for refusing it)."""
    if kind == "dispute_refused":
        return {"pending_dispute": event("disputed")}
    return {}


def issued(due: datetime = DUE) -> NoticeEvent:
    return NoticeEvent("issued", ISSUED_AT, new_due_at=due)


MATRIX = [(kind, state) for kind in TRANSITIONS for state in STATES]


def test_the_matrix_covers_every_event_and_state():
    assert len(MATRIX) == 12 * 6
    assert set(TRANSITIONS) == {
        "extension_requested",
        "disputed",
        "dispute_refused",
        "transferred",
        "acknowledged",
        "rectified",
        "recheck_passed",
        "recheck_failed",
        "extension_granted",
        "extension_refused",
        "closed",
        "reopened",
    }


@pytest.mark.parametrize(("kind", "state"), MATRIX)
def test_transition_allowed_only_from_its_states(kind, state):
    allowed, target = TRANSITIONS[kind]

    if state in allowed:
        new_state, _ = check_event(state, DUE, event(kind), **pending(kind))
        assert new_state == (target or state)
    else:
        with pytest.raises(LifecycleError) as error:
            check_event(state, DUE, event(kind), **pending(kind))
        assert error.value.message.values == {"kind": kind, "state": state}


@pytest.mark.parametrize(
    ("kind", "state", "expected"),
    [
        ("acknowledged", "issued", "acknowledged"),
        ("rectified", "acknowledged", "rectified"),
        ("rectified", "rework", "rectified"),
        ("recheck_passed", "rectified", "passed"),
        ("recheck_failed", "rectified", "rework"),
        ("closed", "passed", "closed"),
        ("reopened", "closed", "rework"),
        ("extension_granted", "issued", "issued"),
        ("extension_granted", "rework", "rework"),
        ("extension_refused", "acknowledged", "acknowledged"),
    ],
)
def test_transition_targets(kind, state, expected):
    assert check_event(state, DUE, event(kind))[0] == expected


@pytest.mark.parametrize("state", STATES)
def test_issued_happens_only_once(state):
    with pytest.raises(LifecycleError):
        check_event(state, DUE, NoticeEvent("issued", ISSUED_AT, new_due_at=DUE))


def test_unknown_event_is_refused():
    with pytest.raises(LifecycleError, match="escalated"):
        check_event("issued", DUE, NoticeEvent("escalated", ISSUED_AT))


@pytest.mark.parametrize("signer", [None, "", "   "])
def test_acknowledgement_needs_a_signer(signer):
    with pytest.raises(LifecycleError, match="signer"):
        check_event("issued", DUE, event("acknowledged", signer=signer))


def test_acknowledgement_with_a_signer_is_accepted():
    assert check_event("issued", DUE, event("acknowledged", signer="李签收")) == (
        "acknowledged",
        DUE,
    )


@pytest.mark.parametrize(
    ("kind", "state"),
    [("reopened", "closed"), ("recheck_failed", "rectified"), ("extension_refused", "issued")],
)
@pytest.mark.parametrize("note", [None, "", "  \n"])
def test_these_events_need_a_reason(kind, state, note):
    with pytest.raises(LifecycleError) as error:
        check_event(state, DUE, event(kind, note=note))
    assert str(error.value) == f"'{kind}' needs a reason"


@pytest.mark.parametrize(
    "new_due_at", [None, DUE, DUE - HOUR], ids=["no due time", "same due", "earlier"]
)
def test_an_extension_must_move_the_due_time_later(new_due_at):
    with pytest.raises(LifecycleError, match="after the current one"):
        check_event("acknowledged", DUE, event("extension_granted", new_due_at=new_due_at))


def test_an_extension_moves_the_due_time():
    later = DUE + timedelta(days=2)

    assert check_event("acknowledged", DUE, event("extension_granted", new_due_at=later)) == (
        "acknowledged",
        later,
    )


def test_a_refused_extension_keeps_the_due_time():
    assert check_event("issued", DUE, event("extension_refused", note="理由不充分")) == (
        "issued",
        DUE,
    )


def test_replay_of_a_full_story():
    extended = DUE + timedelta(days=2)
    closed_at = DUE + timedelta(days=1)
    events = [
        issued(),
        event("acknowledged", ISSUED_AT + HOUR),
        event("extension_granted", ISSUED_AT + 2 * HOUR, new_due_at=extended),
        event("rectified", ISSUED_AT + 3 * HOUR),
        event("recheck_failed", ISSUED_AT + 4 * HOUR, note="仍有垃圾"),
        event("rectified", ISSUED_AT + 5 * HOUR),
        event("recheck_passed", ISSUED_AT + 6 * HOUR),
        event("closed", closed_at),
    ]

    status = derive_status(events)

    assert status.state == "closed"
    assert status.due_at == extended
    assert status.closed_at == closed_at
    assert status.failed_rechecks == 1
    assert status.rectified_on_time() and not status.rectified_late()


def test_replay_of_a_reopened_notice():
    events = [
        issued(),
        event("acknowledged"),
        event("rectified"),
        event("recheck_failed", note="未整改到位"),
        event("rectified"),
        event("recheck_failed", note="仍未整改"),
        event("rectified"),
        event("recheck_passed"),
        event("closed", DUE - HOUR),
        event("reopened", DUE + HOUR, note="问题反弹"),
    ]

    status = derive_status(events)

    assert (status.state, status.due_at, status.closed_at, status.failed_rechecks) == (
        "rework",
        DUE,
        None,
        2,
    )


@pytest.mark.parametrize(
    ("kinds", "state"),
    [
        ([], "issued"),
        (["acknowledged"], "acknowledged"),
        (["acknowledged", "rectified"], "rectified"),
        (["acknowledged", "rectified", "recheck_passed"], "passed"),
        (["acknowledged", "rectified", "recheck_failed"], "rework"),
        (["extension_refused", "acknowledged", "extension_granted"], "acknowledged"),
    ],
)
def test_replay_reaches_the_right_state(kinds, state):
    assert derive_status([issued(), *(event(k) for k in kinds)]).state == state


def test_replay_refuses_an_event_out_of_order():
    with pytest.raises(LifecycleError, match="'closed' is not possible while the notice is"):
        derive_status([issued(), event("acknowledged"), event("closed")])


@pytest.mark.parametrize(
    "events",
    [
        [],
        [NoticeEvent("acknowledged", ISSUED_AT, signer="李")],
        [NoticeEvent("issued", ISSUED_AT)],
    ],
    ids=["nothing", "not issued first", "issued without due time"],
)
def test_replay_needs_an_issued_event_with_a_due_time(events):
    with pytest.raises(LifecycleError, match="starts with an 'issued' event"):
        derive_status(events)


def test_overdue_only_after_the_due_time():
    status = derive_status([issued(), event("acknowledged")])

    assert not status.overdue(DUE - HOUR)
    assert not status.overdue(DUE)
    assert status.overdue(DUE + timedelta(seconds=1))


def test_an_extension_lifts_overdue():
    status = derive_status(
        [issued(), event("extension_granted", new_due_at=DUE + timedelta(days=1))]
    )

    assert not status.overdue(DUE + HOUR)
    assert status.overdue(DUE + timedelta(days=1, hours=1))


def test_a_closed_notice_is_never_overdue():
    closed = derive_status(
        [
            issued(),
            event("acknowledged"),
            event("rectified"),
            event("recheck_passed"),
            event("closed", DUE + HOUR),
        ]
    )

    assert not closed.overdue(DUE + timedelta(days=30))


def test_a_notice_whose_recheck_passed_is_not_overdue():
    """It only waits for 销号, the office's step: even a late report, once confirmed, is
    rectified late, not overdue."""
    passed = derive_status(
        [issued(), event("acknowledged"), event("rectified", DUE + HOUR), event("recheck_passed")]
    )

    assert not passed.overdue(DUE + timedelta(days=30))
    assert passed.rectified_late() and not passed.rectified_on_time()


def test_a_report_made_in_time_awaiting_its_recheck_is_not_overdue_until_the_recheck_fails():
    reported = [issued(), event("acknowledged"), event("rectified", DUE - HOUR)]
    assert not derive_status(reported).overdue(DUE + timedelta(days=3))
    failed = derive_status([*reported, event("recheck_failed", DUE + timedelta(days=2))])
    assert failed.state == "rework" and failed.overdue(DUE + timedelta(days=3))


def test_a_report_made_late_awaiting_its_recheck_is_overdue():
    late = derive_status([issued(), event("acknowledged"), event("rectified", DUE + HOUR)])
    assert not late.overdue(DUE) and late.overdue(DUE + 2 * HOUR)


def test_a_reopened_notice_is_overdue_again():
    reopened = derive_status(
        [
            issued(),
            event("acknowledged"),
            event("rectified", DUE - HOUR),
            event("recheck_passed", DUE),
            event("closed", DUE + HOUR),
            event("reopened", DUE + 2 * HOUR),
        ]
    )
    assert reopened.state == "rework" and reopened.overdue(DUE + 3 * HOUR)
    assert not reopened.rectified_on_time() and not reopened.rectified_late()


@pytest.mark.parametrize(
    ("reported_at", "on_time"),
    [(DUE - HOUR, True), (DUE, True), (DUE + timedelta(seconds=1), False)],
)
def test_rectified_on_time_is_judged_by_the_report_the_recheck_confirmed(reported_at, on_time):
    """销号 a week later does not make a report made in time late."""
    status = derive_status(
        [
            issued(),
            event("acknowledged"),
            event("rectified", reported_at),
            event("recheck_passed", DUE + timedelta(days=2)),
            event("closed", DUE + timedelta(days=7)),
        ]
    )

    assert status.rectified_on_time() is on_time
    assert status.rectified_late() is not on_time


def test_an_open_notice_was_not_rectified_on_time_nor_late():
    status = derive_status([issued()])
    assert not status.rectified_on_time() and not status.rectified_late()


def test_an_extension_is_not_granted_after_the_due_time():
    from datetime import UTC, datetime, timedelta

    from domain.lifecycle import LifecycleError, NoticeEvent, check_event

    due = datetime(2026, 11, 10, 9, tzinfo=UTC)
    late = NoticeEvent(
        "extension_granted", due + timedelta(days=2), new_due_at=due + timedelta(days=10)
    )
    with pytest.raises(LifecycleError, match="overdue"):
        check_event("acknowledged", due, late)
    in_time = NoticeEvent(
        "extension_granted", due - timedelta(hours=1), new_due_at=due + timedelta(days=10)
    )
    assert check_event("acknowledged", due, in_time) == ("acknowledged", due + timedelta(days=10))
