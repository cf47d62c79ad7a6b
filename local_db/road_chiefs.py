"""The road segments and their chiefs (路长) for the public board (路长公示,
app/documents/road_chiefs_*.py): every active road segment with its responsible unit, chief and
chief's phone, for the whole county or one unit."""

from __future__ import annotations

from typing import Any

from local_db.store import Store, StoreError


class UnknownUnit(StoreError):
    """No unit of that name in the store."""

    def __init__(self, name: str, known: list[str]) -> None:
        self.name = name
        self.known = known
        super().__init__(f"no unit named {name!r}")


def unit_names(store: Store) -> list[str]:
    """The units that have an active road segment, by name."""
    return [
        r["name"]
        for r in store.rows(
            "SELECT DISTINCT u.name FROM unit u JOIN zone z ON z.unit_id = u.id "
            "WHERE z.kind = 'road_segment' AND z.active = 1 ORDER BY u.name"
        )
    ]


def road_segments(store: Store, unit_name: str | None = None) -> list[dict[str, Any]]:
    """zone, unit, chief_name, chief_phone of every active road segment (of `unit_name` only
    when given), by unit then segment. Raises UnknownUnit for a name no unit has."""
    where, params = "", []
    if unit_name is not None:
        found = store.rows("SELECT id FROM unit WHERE name = ?", [unit_name.strip()])
        if not found:
            known = [r["name"] for r in store.rows("SELECT name FROM unit ORDER BY name")]
            raise UnknownUnit(unit_name, known)
        where, params = "AND z.unit_id = ?", [found[0]["id"]]
    return store.rows(
        "SELECT z.name AS zone, u.name AS unit, z.chief_name, z.chief_phone "
        "FROM zone z JOIN unit u ON u.id = z.unit_id "
        f"WHERE z.kind = 'road_segment' AND z.active = 1 {where} "
        "ORDER BY u.name, z.name",
        params,
    )
