"""This user's assignments in the store (local_db/plan_assignments.py): the server's answer
replaces what is held (a visit withdrawn from the plan leaves the laptop), an unchanged answer
writes nothing, and an assignment that breaks the contract is left out."""

from __future__ import annotations

from domain.ids import new_id
from local_db.plan_assignments import replace


def _visit(day: str, **changes: object) -> dict:
    return {
        "id": new_id(), "plan_id": new_id(), "period": day[:7], "day": day, "team": 0,
        "seat": 0, "inspector_id": new_id(), "zone_id": new_id(), "unit_id": new_id(),
        "template_id": None, "mode": "unannounced", **changes,
    }  # fmt: skip


def test_the_answer_replaces_what_is_held(store) -> None:
    first, second = _visit("2026-12-07"), _visit("2026-12-08")
    assert replace(store, {"assignments": [first, second]}) == (2, 0)
    pending = store.pending_changes()
    assert replace(store, {"assignments": [second]}) == (1, 0)  # the first was withdrawn
    assert [r["id"] for r in store.rows("SELECT id FROM plan_assignment")] == [second["id"]]
    assert store.pending_changes() == pending  # never sent back: no outbox


def test_an_unchanged_answer_writes_nothing(store) -> None:
    visit = _visit("2026-12-07")
    replace(store, {"assignments": [visit]})
    received = store.rows("SELECT received_at FROM plan_assignment")
    changes = store.db.conn.total_changes
    assert replace(store, {"assignments": [dict(visit)]}) == (1, 0)
    assert store.db.conn.total_changes == changes
    assert store.rows("SELECT received_at FROM plan_assignment") == received


def test_a_broken_assignment_is_left_out(store) -> None:
    good = _visit("2026-12-07")
    bad = [
        _visit("2026-13-01"),  # no such month
        _visit("2026-12-07", mode="secret"),
        _visit("2026-12-07", team="0"),  # strict: no text for a number
        {"id": "x"},
    ]
    assert replace(store, {"assignments": [good, *bad]}) == (1, 4)
    assert [r["id"] for r in store.rows("SELECT id FROM plan_assignment")] == [good["id"]]
