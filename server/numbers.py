"""Official notice numbers: per office prefix and year, handed out in blocks or one at a time.

Callers hold the write lock (server.db.write_lock) so the counter never hands a number twice.
"""

from __future__ import annotations

import sqlalchemy as sa

from domain.clock import from_iso, office_zone, utc_now
from domain.numbering import official_number, parse_official
from server.db import notice_number_block, notice_number_counter

MAX_BLOCK = 1000


def year_of(issued_at: str | None, zone: str) -> int:
    """The calendar year, in the office's `zone` (Settings.office_zone), of an issue time."""
    moment = from_iso(issued_at) if issued_at else utc_now()
    return moment.astimezone(office_zone(zone)).year


def take(conn: sa.Connection, prefix: str, year: int, count: int) -> tuple[int, int]:
    """The next `count` numbers of (prefix, year): (first, last)."""
    c = notice_number_counter.c
    found = conn.execute(
        sa.select(c.next).where(c.prefix == prefix, c.year == year)
    ).scalar_one_or_none()
    first = found or 1
    last = first + count - 1
    if found is None:
        conn.execute(
            sa.insert(notice_number_counter).values(prefix=prefix, year=year, next=last + 1)
        )
    else:
        conn.execute(
            sa.update(notice_number_counter)
            .where(c.prefix == prefix, c.year == year)
            .values(next=last + 1)
        )
    return first, last


def reserve(conn: sa.Connection, device_id: str, prefix: str, year: int, count: int) -> dict:
    first, last = take(conn, prefix, year, count)
    conn.execute(
        sa.insert(notice_number_block).values(
            device_id=device_id, prefix=prefix, year=year, first=first, last=last
        )
    )
    return {
        "prefix": prefix,
        "year": year,
        "first": first,
        "last": last,
        "first_number": official_number(prefix, year, first),
        "last_number": official_number(prefix, year, last),
    }


def next_official(conn: sa.Connection, prefix: str, year: int) -> str:
    first, _ = take(conn, prefix, year, 1)
    return official_number(prefix, year, first)


def in_device_block(conn: sa.Connection, device_id: str, prefix: str, number: str) -> bool:
    parsed = parse_official(number)
    if parsed is None or parsed[0] != prefix:
        return False
    _, year, seq = parsed
    b = notice_number_block.c
    return (
        conn.execute(
            sa.select(sa.func.count()).where(
                b.device_id == device_id,
                b.prefix == prefix,
                b.year == year,
                b.first <= seq,
                b.last >= seq,
            )
        ).scalar_one()
        > 0
    )
