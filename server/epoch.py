"""The server's epoch: which lineage of the database a laptop talks to (table server_epoch).

A backup holds the change log up to some seq M. Restored, the server goes on from M + 1, while a
laptop that synced after the backup holds a cursor C > M: it would skip the new changes M+1..C
for ever, and what it pushed after the backup is no longer on the server. So a restore writes a
new random epoch with `restored_seq` = M, and every pull answers `epoch` (and `restored_seq`
once restored). A laptop remembers the epoch; when it changes, it pulls again from
min(cursor, restored_seq) and reports that the server was restored (app/sync/engine.py): no
full resync, only what came after the backup. What the laptop pushed after the backup is not
re-sent by itself (see README, Operations: those laptops' users re-open and save those records,
or the lead's follow-up re-queues them).

The server logs a warning when a pull's cursor is beyond its last seq: that laptop synced with a
newer state of this server than the one restored (or with another server).
"""

from __future__ import annotations

import json
import logging
import secrets

import sqlalchemy as sa

from domain.clock import now_iso
from server.db import change_log, server_epoch

log = logging.getLogger("ducha.server")


def read(conn: sa.Connection) -> dict[str, object]:
    """{epoch, restored_seq (None when never restored)} of this database."""
    row = conn.execute(sa.select(server_epoch).where(server_epoch.c.id == 1)).mappings().first()
    if row is None:  # a database of before migration 0015 being read: no lineage yet
        return {"epoch": "", "restored_seq": None}
    return {"epoch": row["epoch"], "restored_seq": row["restored_seq"]}


def renew(conn: sa.Connection, restored_seq: int, backup_taken_at: str) -> str:
    """A new epoch for a database just restored from a backup holding seqs ≤ restored_seq."""
    epoch = secrets.token_hex(16)
    values = {
        "epoch": epoch,
        "restored_seq": restored_seq,
        "backup_taken_at": backup_taken_at,
        "restored_at": now_iso(),
    }
    done = conn.execute(sa.update(server_epoch).where(server_epoch.c.id == 1).values(**values))
    if not done.rowcount:
        conn.execute(sa.insert(server_epoch).values(id=1, **values))
    return epoch


def max_seq(conn: sa.Connection) -> int:
    return int(conn.execute(sa.select(sa.func.max(change_log.c.seq))).scalar() or 0)


def stamp(answer: str, lineage: dict[str, object]) -> str:
    """The pull answer's JSON text with `epoch` (and `restored_seq`) added."""
    extra = f',"epoch":{json.dumps(lineage["epoch"])}'
    if lineage["restored_seq"] is not None:
        extra += f',"restored_seq":{int(str(lineage["restored_seq"]))}'
    return answer[:-1] + extra + "}"


def warn_if_ahead(conn: sa.Connection, cursor: int, user_id: str) -> None:
    """Log when a laptop's cursor is beyond every seq this server holds."""
    last = max_seq(conn)
    if cursor > last:
        log.warning(
            "pull by user %s from cursor %d beyond this server's last change %d: the laptop "
            "synced with a later state than this database (restored from an older backup?); "
            "it pulls again from the restored seq when it sees the new epoch",
            user_id,
            cursor,
            last,
        )
