"""The SQL form of overdue (local_db/overdue_sql.py) agrees with the domain's rule
(domain/overdue.py) on every lifecycle state, due before and after now."""

from __future__ import annotations

from domain.clock import to_iso, utc_now
from local_db.follow_up import needing_attention
from local_db.notices import list_notices
from local_db.overdue_sql import ATTENTION_IDS, OVERDUE_IDS
from local_db.store import Store
from tests.core.fixture_states import DAY, EXPECTED_OVERDUE, build


def ids(store: Store, sql: str, **params: str) -> set[str]:
    return {row[0] for row in store.db.execute(sql, params).fetchall()}


def test_sql_and_the_domain_name_the_same_overdue_notices(store):
    now = utc_now()
    states = build(store, now)
    by_sql = ids(store, OVERDUE_IDS, now=to_iso(now))
    by_domain = {n["id"] for n in list_notices(store, now=now) if n["overdue"]}
    assert by_sql == by_domain
    assert states.keys_of(by_sql) == EXPECTED_OVERDUE
    # Four days on, those due after now (in 3 days) are overdue too, unless done or reported in
    # time; the one extended to now + 5 days is not yet.
    later = now + 4 * DAY
    by_sql = ids(store, OVERDUE_IDS, now=to_iso(later))
    assert by_sql == {n["id"] for n in list_notices(store, now=later) if n["overdue"]}
    assert states.keys_of(by_sql) == EXPECTED_OVERDUE | {
        "issued/future",
        "acknowledged/future",
        "refused_extension/future",
        "rework/future",
        "reopened/future",
    }


def test_sql_picks_what_the_overdue_reminder_lists(store):
    now = utc_now()
    build(store, now)
    until = now + 5 * DAY
    chosen, _ = needing_attention(list_notices(store, now=now), to_iso(now), to_iso(until))
    assert ids(store, ATTENTION_IDS, now=to_iso(now), until=to_iso(until)) == {
        n["id"] for n in chosen
    }
