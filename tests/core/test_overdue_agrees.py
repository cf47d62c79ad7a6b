"""One definition of overdue (domain/overdue.py): the notices list, the 逾期提醒 (its data),
the bulletin's notices and the assessment name the same overdue notices, one notice in each
lifecycle state with its due time before and after now (tests/core/fixture_states.py)."""

from __future__ import annotations

from domain.clock import to_iso, utc_now
from local_db import bulletin_data
from local_db.assessment_data import assess_period
from local_db.follow_up import needing_attention
from local_db.notices import NoticeFilter, list_notices
from tests.core.fixture_states import DAY, EXPECTED_OVERDUE, build


def test_every_figure_names_the_same_overdue_notices(store):
    now = utc_now()
    states = build(store, now)
    assert len(states.notices) == 21  # 13 stories, 8 of them also due after now

    listed = list_notices(store, now=now)
    assert states.keys_of(n["id"] for n in listed if n["overdue"]) == EXPECTED_OVERDUE
    only = list_notices(store, NoticeFilter(overdue_only=True), now=now)
    assert states.keys_of(n["id"] for n in only) == EXPECTED_OVERDUE

    chosen, by_unit = needing_attention(listed, to_iso(now), to_iso(now + 5 * DAY))
    assert states.keys_of(n["id"] for n in chosen if n["overdue"]) == EXPECTED_OVERDUE
    assert sum(u["overdue"] for u in by_unit) == len(EXPECTED_OVERDUE)
    # Due soon: still with the unit and due within the next days; a report made in time, a
    # passed recheck and a close-out are not the unit's to do.
    soon = {k for k in states.keys_of(n["id"] for n in chosen if not n["overdue"])}
    assert soon == {
        "issued/future",
        "acknowledged/future",
        "refused_extension/future",
        "rework/future",
        "reopened/future",
    }

    rows = bulletin_data.notices(store, states.period, as_of=now)
    assert states.keys_of(n.id for n in rows if n.overdue) == EXPECTED_OVERDUE

    assessment = assess_period(store, states.period, as_of=now, with_previous=False)
    by_unit_id = {u.unit_id: u for u in assessment.units}
    overdue_units = {k for k, unit in states.units.items() if by_unit_id[unit].overdue}
    assert overdue_units == EXPECTED_OVERDUE
    assert all(by_unit_id[unit].overdue <= 1 for unit in states.units.values())
    assert assessment.total("overdue") == len(EXPECTED_OVERDUE)


def test_on_time_and_late_as_the_assessment_and_the_bulletin_count_them(store):
    now = utc_now()
    states = build(store, now)
    rows = {n.id: n for n in bulletin_data.notices(store, states.period, as_of=now)}
    on_time = {k for k, i in states.notices.items() if rows[i].on_time}
    late = {k for k, i in states.notices.items() if rows[i].late}
    assert on_time == {
        "passed_in_time/past",
        "passed_in_time/future",
        "closed_in_time/past",
        "closed_in_time/future",
    }
    assert late == {"passed_late/past", "closed_late/past"}
    assessment = assess_period(store, states.period, as_of=now, with_previous=False)
    by_unit_id = {u.unit_id: u for u in assessment.units}
    assert {k for k, u in states.units.items() if by_unit_id[u].on_time} == on_time
    assert {k for k, u in states.units.items() if by_unit_id[u].late} == late
