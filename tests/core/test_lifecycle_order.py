"""One event dated in the future (a wrong clock, a forged date) cannot freeze a notice: it counts
when it was recorded, or after all others, and bounds nothing (domain/lifecycle.py)."""

from __future__ import annotations

from domain.clock import from_iso
from domain.lifecycle import last_moment, replay_order

NOW = from_iso("2026-11-21T10:00:00.000000Z")


def _row(ident: str, at: str, created_at: str) -> dict:
    return {"id": ident, "at": at, "created_at": created_at}


def test_a_future_dated_event_counts_when_recorded_and_bounds_nothing_beyond():
    issued = _row("a", "2026-11-21T08:00:00.000000Z", "2026-11-21T08:00:00.000000Z")
    forged = _row("b", "9999-12-31T00:00:00.000000Z", "2026-11-21T08:30:00.000000Z")
    later = _row("c", "2026-11-21T09:00:00.000000Z", "2026-11-21T09:00:00.000000Z")
    assert [r["id"] for r in replay_order([later, forged, issued], NOW)] == ["a", "b", "c"]
    assert last_moment([issued, forged], NOW) == from_iso("2026-11-21T08:30:00.000000Z")
    wrong_clock = _row("d", "9999-12-31T00:00:00.000000Z", "9999-12-31T00:00:00.000000Z")
    order = replay_order([wrong_clock, later, issued], NOW)
    assert [r["id"] for r in order] == ["a", "c", "d"]
    assert last_moment([issued, wrong_clock], NOW) == from_iso(issued["at"])
