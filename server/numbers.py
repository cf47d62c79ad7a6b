"""Official notice numbers: per office prefix and year, handed out in blocks or one at a time.

Callers hold the write lock (server.db.write_lock) so the counter never hands a number twice.
Blocks go only to a device bound to the caller (server.auth.own_device), and a device holds at
most `limit` unused numbers a year: a block is outstanding until a notice carries its last
number (a device takes its numbers in order, local_db/number_blocks.py).
"""

from __future__ import annotations

import json

import sqlalchemy as sa

from domain.clock import from_iso, office_zone, utc_now
from domain.numbering import official_number, parse_official
from server.db import (
    ENTITY_TABLES,
    notice_number_block,
    notice_number_counter,
    notice_number_request,
    server_epoch,
)
from server.errors import ApiError

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


def outstanding(conn: sa.Connection, device_id: str, prefix: str, year: int) -> int:
    """How many numbers the device's blocks of (prefix, year) hold whose last number no notice
    carries yet (an upper bound of what it holds unused)."""
    b = notice_number_block.c
    blocks = conn.execute(
        sa.select(b.first, b.last).where(
            b.device_id == device_id, b.prefix == prefix, b.year == year
        )
    ).all()
    lasts = {official_number(prefix, year, last): last - first + 1 for first, last in blocks}
    notice = ENTITY_TABLES["notice"].c
    used: set[str] = set()
    names = sorted(lasts)
    for start in range(0, len(names), 500):
        used.update(
            conn.execute(
                sa.select(notice.number).where(notice.number.in_(names[start : start + 500]))
            ).scalars()
        )
    return sum(size for number, size in lasts.items() if number not in used)


def reserve(
    conn: sa.Connection,
    device_id: str,
    prefix: str,
    year: int,
    count: int,
    limit: int | None = None,
    request_id: str | None = None,
) -> dict:
    """The next `count` numbers for the device; ApiError 409 when it would hold more than
    `limit` unused numbers of the year. A `request_id` the device sent before gets the block it
    got then (its answer was lost on the way), whatever it asks now."""
    if request_id is not None:
        r = notice_number_request.c
        known = conn.execute(
            sa.select(r.prefix, r.year, r.first, r.last).where(
                r.device_id == device_id, r.request_id == request_id
            )
        ).one_or_none()
        if known is not None:
            return _block(known.prefix, known.year, known.first, known.last)
    if limit is not None:
        held = outstanding(conn, device_id, prefix, year)
        if held + count > limit:
            raise ApiError(
                409,
                "numbers_outstanding",
                f"this device holds {held} unused notice numbers of {year}; at most {limit} "
                "may be outstanding: issue notices with them (and sync) first",
            )
    first, last = take(conn, prefix, year, count)
    conn.execute(
        sa.insert(notice_number_block).values(
            device_id=device_id, prefix=prefix, year=year, first=first, last=last
        )
    )
    if request_id is not None:
        conn.execute(
            sa.insert(notice_number_request).values(
                device_id=device_id,
                request_id=request_id,
                prefix=prefix,
                year=year,
                first=first,
                last=last,
            )
        )
    return _block(prefix, year, first, last)


def _block(prefix: str, year: int, first: int, last: int) -> dict:
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


# -- after a restore from a backup (server/restore.py, server/epoch.py) ---------------------------
def open_restore_gap(
    conn: sa.Connection, gap: int, prefix: str, year: int
) -> list[dict[str, int | str]]:
    """Move every counter (and the office's `prefix` for `year`) `gap` numbers on: blocks that
    laptops reserved after the backup lie in the numbers skipped, so the restored server never
    hands them out again. Returns the gaps [{prefix, year, first, last}]."""
    c = notice_number_counter.c
    counters = {(p, y): n for p, y, n in conn.execute(sa.select(c.prefix, c.year, c.next))}
    counters.setdefault((prefix, year), 1)
    gaps: list[dict[str, int | str]] = []
    if gap <= 0:
        return gaps
    for (p, y), next_ in sorted(counters.items()):
        gaps.append({"prefix": p, "year": y, "first": next_, "last": next_ + gap - 1})
        done = conn.execute(
            sa.update(notice_number_counter)
            .where(c.prefix == p, c.year == y)
            .values(next=next_ + gap)
        )
        if not done.rowcount:
            conn.execute(
                sa.insert(notice_number_counter).values(prefix=p, year=y, next=next_ + gap)
            )
    return gaps


def claim_from_restore_gap(conn: sa.Connection, device_id: str, number: str) -> bool:
    """An official number a laptop used from a block reserved after the backup the server was
    restored from: when it lies in the numbers skipped at the restore, it becomes this device's
    (a block of one number; the caller checks that no other notice carries it). Else False."""
    parsed = parse_official(number)
    if parsed is None:
        return False
    prefix, year, seq = parsed
    text = conn.execute(
        sa.select(server_epoch.c.number_gaps).where(server_epoch.c.id == 1)
    ).scalar()
    gaps = json.loads(text) if text else []
    if not any(
        g["prefix"] == prefix and g["year"] == year and g["first"] <= seq <= g["last"] for g in gaps
    ):
        return False
    b = notice_number_block.c
    taken = conn.execute(
        sa.select(b.device_id).where(
            b.prefix == prefix, b.year == year, b.first <= seq, b.last >= seq
        )
    ).first()
    if taken is not None:
        return taken.device_id == device_id
    conn.execute(
        sa.insert(notice_number_block).values(
            device_id=device_id, prefix=prefix, year=year, first=seq, last=seq
        )
    )
    return True
