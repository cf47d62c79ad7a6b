"""逾期 in SQL: the rule of domain/overdue.py as a query, for lists that must pick the overdue
notices of a large store without replaying every notice's history (the notices list's "overdue
only", the 逾期提醒 at start-up). Built from the domain's own constants (the lifecycle's
transitions, its done states), and held to agree with the domain on every lifecycle state
(tests/core/test_overdue_sql.py).

A notice's history is read as the replay reads it (domain/lifecycle.py), for histories the
lifecycle accepts: its state is the one its last state-changing event (in recorded order) led
to, its due time the latest of the issued one and those extensions granted (after a 改派: of
the last transfer's and the extensions granted after it), its report the latest 整改回执.
A history holding a step the lifecycle refused (a replica can hold one; the lenient replay
skips it) may read otherwise: callers replay every row picked here, so such a notice may be
left out by the query but is never shown with a state it does not have.
"""

from __future__ import annotations

from domain.lifecycle import TRANSITIONS
from domain.overdue import AWAITING_RECHECK, DONE_STATES, OPEN_STATES

# event kind → the state it leads to (the kinds that keep the state are left out)
_LEADS_TO = {kind: target for kind, (_, target) in TRANSITIONS.items() if target is not None}


def _listed(values: tuple[str, ...] | list[str]) -> str:
    return ", ".join(f"'{v}'" for v in values)  # our own constants, never user text


_STATE = (
    "coalesce((SELECT CASE e.kind "
    + " ".join(f"WHEN '{kind}' THEN '{state}'" for kind, state in _LEADS_TO.items())
    + " END FROM notice_event e WHERE e.notice_id = n.id "
    f"AND e.kind IN ({_listed(list(_LEADS_TO))}) "
    "ORDER BY e.created_at DESC, e.id DESC LIMIT 1), 'issued')"
)
# 改派 sets a new due time (earlier or later): from the last transfer on, the due time is the
# latest of its own and the extensions granted after it
_LAST_TRANSFER = (
    "(SELECT e.created_at || e.id FROM notice_event e WHERE e.notice_id = n.id "
    "AND e.kind = 'transferred' ORDER BY e.created_at DESC, e.id DESC LIMIT 1)"
)
# (the few notices ever transferred are listed once, not looked up per notice)
_TRANSFERRED = "(SELECT e.notice_id FROM notice_event e WHERE e.kind = 'transferred')"
_DUE = (
    f"CASE WHEN n.id NOT IN {_TRANSFERRED} THEN "
    "max(n.due_at, coalesce((SELECT max(e.new_due_at) FROM notice_event e "
    "WHERE e.notice_id = n.id AND e.kind = 'extension_granted'), '')) "
    "ELSE (SELECT max(e.new_due_at) FROM notice_event e WHERE e.notice_id = n.id "
    "AND e.kind IN ('extension_granted', 'transferred') "
    f"AND e.created_at || e.id >= {_LAST_TRANSFER}) END"
)
_REPORTED = (
    "(SELECT e.at FROM notice_event e WHERE e.notice_id = n.id AND e.kind = 'rectified' "
    "ORDER BY e.created_at DESC, e.id DESC LIMIT 1)"
)
# Each notice's derived state, current due time and latest report, once per row.
_DERIVED = f"SELECT n.id, {_STATE} AS state, {_DUE} AS due, {_REPORTED} AS reported FROM notice n"
_OVERDUE = (
    f"(d.due < :now AND d.state NOT IN ({_listed(DONE_STATES)}) "
    f"AND NOT (d.state = '{AWAITING_RECHECK}' AND coalesce(d.reported <= d.due, 0)))"
)

# The ids of the notices overdue at :now (UTC ISO text, as stored).
OVERDUE_IDS = f"SELECT d.id FROM ({_DERIVED}) d WHERE {_OVERDUE}"

# The ids of the notices needing attention between :now and :until: overdue, or still with
# the unit (not rectified) and due in [:now, :until) — the 逾期提醒's choice
# (local_db/follow_up.py needing_attention).
ATTENTION_IDS = (
    f"SELECT d.id FROM ({_DERIVED}) d WHERE {_OVERDUE} "
    f"OR (d.state IN ({_listed(OPEN_STATES)}) AND d.due >= :now AND d.due < :until)"
)
