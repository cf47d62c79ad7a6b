"""The inspection list: filters on indexed columns and keyset paging (never OFFSET)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from local_db.store import Store

LIST_COLUMNS = """
    i.id, i.started_at, i.status, i.mode, i.score, i.problem_count, i.amends_id, i.zone_id,
    i.unit_id, i.summary,
    (SELECT name FROM zone WHERE id = i.zone_id) AS zone_name,
    (SELECT name FROM unit WHERE id = i.unit_id) AS unit_name,
    (SELECT group_concat(name, '、') FROM (
        SELECT p.name FROM inspection_person ip JOIN person p ON p.id = ip.person_id
        WHERE ip.inspection_id = i.id ORDER BY ip.lead DESC, p.name)) AS inspectors,
    coalesce((SELECT r.decision FROM review r WHERE r.inspection_id = i.id
        ORDER BY r.at DESC, r.id DESC LIMIT 1), 'pending') AS review_state
"""
REVIEW_STATES = ("pending", "accepted", "returned")


@dataclass(frozen=True)
class InspectionFilter:
    text: str = ""
    zone_id: str | None = None
    unit_id: str | None = None
    status: str | None = None
    started_from: str | None = None  # UTC ISO, inclusive
    started_before: str | None = None  # UTC ISO, exclusive
    mode: str | None = None
    inspector_id: str | None = None
    review_state: str | None = None  # 'pending' | 'accepted' | 'returned' (latest review)
    latest_only: bool = False  # hide versions a submitted correction superseded


PageKey = tuple[str, str]  # (started_at, id) of the last row shown


def where_clause(store: Store, flt: InspectionFilter) -> tuple[list[str], list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if flt.zone_id:
        clauses.append("i.zone_id = ?")
        params.append(flt.zone_id)
    if flt.unit_id:
        clauses.append("i.unit_id = ?")
        params.append(flt.unit_id)
    if flt.status:
        clauses.append("i.status = ?")
        params.append(flt.status)
    if flt.started_from:
        clauses.append("i.started_at >= ?")
        params.append(flt.started_from)
    if flt.started_before:
        clauses.append("i.started_at < ?")
        params.append(flt.started_before)
    if flt.mode:
        clauses.append("i.mode = ?")
        params.append(flt.mode)
    if flt.inspector_id:
        clauses.append("i.id IN (SELECT inspection_id FROM inspection_person WHERE person_id = ?)")
        params.append(flt.inspector_id)
    if flt.review_state:
        if flt.review_state not in REVIEW_STATES:
            raise ValueError(f"unknown review state {flt.review_state!r}")
        clauses.append(
            "coalesce((SELECT r.decision FROM review r WHERE r.inspection_id = i.id "
            "ORDER BY r.at DESC, r.id DESC LIMIT 1), 'pending') = ?"
        )
        params.append(flt.review_state)
    if flt.latest_only:
        clauses.append(
            "NOT EXISTS (SELECT 1 FROM inspection a WHERE a.amends_id = i.id "
            "AND a.status = 'submitted')"
        )
    text = flt.text.strip()
    if text:
        clause, values = _text_match(store, text)
        clauses.append(clause)
        params += values
    return clauses, params


def _text_match(store: Store, text: str) -> tuple[str, list[Any]]:
    """Names live in small tables: resolve them to ids first, so the big table is matched on
    indexed id columns; the free-text summary is matched too. % and _ are taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    like = f"%{escaped}%"

    def ids(table: str, *columns: str) -> list[str]:
        where = " OR ".join(f"{c} LIKE ? ESCAPE '\\'" for c in columns)
        sql = f"SELECT id FROM {table} WHERE {where}"
        return [r[0] for r in store.db.execute(sql, [like] * len(columns))]

    alternatives = ["i.summary LIKE ? ESCAPE '\\'"]
    values: list[Any] = [like]
    # The unit named on a row is the one responsible when it was inspected (i.unit_id), not
    # the zone's current unit, which may have changed since.
    for column, found in (
        ("i.zone_id", ids("zone", "name", "chief_name")),
        ("i.unit_id", ids("unit", "name")),
    ):
        if found:
            alternatives.append(f"{column} IN ({','.join('?' * len(found))})")
            values += found
    people = ids("person", "name")
    if people:
        alternatives.append(
            "i.id IN (SELECT inspection_id FROM inspection_person "
            f"WHERE person_id IN ({','.join('?' * len(people))}))"
        )
        values += people
    return "(" + " OR ".join(alternatives) + ")", values


def list_inspections(
    store: Store, flt: InspectionFilter, *, after: PageKey | None = None, limit: int = 100
) -> list[dict[str, Any]]:
    """Newest first. Pass the last row's (started_at, id) as `after` for the next page."""
    return store.rows(*list_query(store, flt, after=after, limit=limit))


def list_query(
    store: Store, flt: InspectionFilter, *, after: PageKey | None = None, limit: int = 100
) -> tuple[str, list[Any]]:
    """The SQL and parameters of one page of the list (to run, or to EXPLAIN)."""
    clauses, params = where_clause(store, flt)
    if after is not None:
        clauses.append("(i.started_at, i.id) < (?, ?)")
        params += list(after)
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    sql = (
        f"SELECT {LIST_COLUMNS} FROM inspection i {where} "
        "ORDER BY i.started_at DESC, i.id DESC LIMIT ?"
    )
    return sql, [*params, limit]


def inspection_header(store: Store, inspection_id: str) -> dict[str, Any] | None:
    rows = store.rows(
        f"SELECT {LIST_COLUMNS}, i.template_id, i.template_version, i.finished_at, i.location, "
        "i.digest, i.deducted, "
        "(SELECT name || ' v' || version FROM template WHERE id = i.template_id) AS template_name, "
        "(SELECT chief_name FROM zone WHERE id = i.zone_id) AS chief_name, "
        "(SELECT chief_phone FROM zone WHERE id = i.zone_id) AS chief_phone, "
        "(SELECT kind FROM zone WHERE id = i.zone_id) AS zone_kind, "
        "(SELECT id FROM inspection a WHERE a.amends_id = i.id ORDER BY a.created_at DESC LIMIT 1)"
        " AS amended_by "
        "FROM inspection i WHERE i.id = ?",
        [inspection_id],
    )
    return rows[0] if rows else None


def resolve_inspection_id(store: Store, given: str) -> str | None:
    """The inspection with this id, or the only one whose id starts with it (8+ characters)."""
    if store.row("inspection", given):
        return given
    if len(given) < 8:
        return None
    found = store.rows(
        "SELECT id FROM inspection WHERE substr(id, 1, ?) = ? LIMIT 2", [len(given), given]
    )
    return found[0]["id"] if len(found) == 1 else None
