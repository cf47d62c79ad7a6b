"""马路办公: whether a road segment's chief (路长, or the unit's head) was on duty on the segment,
recorded during any inspection of it (docs/architecture.md, glossary: duty check).

One `duty_check` row per inspection, a child of it: its status (在岗 / 不在岗 / 未核实), the
chief's name as the zone recorded it then, when it was checked, an optional photo of the same
inspection (the chief, or the empty post) and a note. It is not covered by the inspection's
digest (domain/digest.py, DIGEST_VERSION 1 unchanged): it is a fact about the unit, not part of
the inspection's findings; it locks with the inspection all the same (server/permissions.py,
local triggers in local_db/migrations.py 0018_duty_checks).
"""

from __future__ import annotations

from domain.vocab import DUTY_STATUSES

ENTITY = "duty_check"
UNVERIFIED = "unverified"
# What the editor's one key sets next: 在岗 → 不在岗 → 未核实 → 在岗 …; none yet → 在岗.
_CYCLE = {None: "on_duty", "on_duty": "off_duty", "off_duty": "unverified", "unverified": "on_duty"}
# In Chinese whatever the interface's language (documents); the app's words: duty_control.py.
CHINESE = {"on_duty": "在岗", "off_duty": "不在岗", "unverified": "未核实"}


def next_status(current: str | None) -> str:
    """The status after `current` in the key's cycle (an unknown one starts again at 在岗)."""
    return _CYCLE.get(current, "on_duty")


def is_status(value: object) -> bool:
    return value in DUTY_STATUSES


def applies_to(zone_kind: str | None) -> bool:
    """Duty checks are for road segments (路长); grids and sites have none."""
    return zone_kind == "road_segment"
