"""The server's epoch: which lineage of the database a laptop talks to (table server_epoch).

A backup holds the change log up to some seq M. Restored, the server goes on from M + 1, while a
laptop that synced after the backup holds a cursor C > M: it would skip the new changes M+1..C
for ever, and what it pushed after the backup is no longer on the server. So a restore writes a
new random epoch with `restored_seq` = M, and every pull answers `epoch` (and `restored_seq`
once restored). A laptop remembers the epoch; when it changes, it pulls again from
min(cursor, restored_seq) and reports that the server was restored (app/sync/engine.py): no
full resync, only what came after the backup. What the laptop pushed after the backup is lost
on the server, so the laptop then asks which rev the server holds of each row it sent
(POST /sync/held, `held_revs`) and sends again, in the order it first sent them, the snapshots
the server lacks (local_db/sync_state.py offer_again).

The server logs a warning when a pull's cursor is beyond its last seq: that laptop synced with a
newer state of this server than the one restored (or with another server).
"""

from __future__ import annotations

import json
import logging
import secrets

import sqlalchemy as sa

from domain.clock import now_iso
from server.auth import User
from server.db import ENTITY_TABLES, change_log, server_epoch

log = logging.getLogger("ducha.server")


def read(conn: sa.Connection) -> dict[str, object]:
    """{epoch, restored_seq (None when never restored)} of this database."""
    row = conn.execute(sa.select(server_epoch).where(server_epoch.c.id == 1)).mappings().first()
    if row is None:  # a database of before migration 0015 being read: no lineage yet
        return {"epoch": "", "restored_seq": None}
    return {"epoch": row["epoch"], "restored_seq": row["restored_seq"]}


def renew(
    conn: sa.Connection,
    restored_seq: int,
    backup_taken_at: str,
    number_gaps: list[dict[str, int | str]] | None = None,
) -> str:
    """A new epoch for a database just restored from a backup holding seqs ≤ restored_seq, with
    the notice numbers skipped at the restore (server/numbers.py open_restore_gap)."""
    epoch = secrets.token_hex(16)
    values = {
        "epoch": epoch,
        "restored_seq": restored_seq,
        "backup_taken_at": backup_taken_at,
        "restored_at": now_iso(),
        "number_gaps": json.dumps(number_gaps or [], ensure_ascii=False),
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


def held_revs(conn: sa.Connection, user: User, keys: list[tuple[str, str]]) -> list[int | None]:
    """For each (entity, id): the rev held, or None when not held or not `user`'s to see."""
    return [None if v is None else v[0] for v in held_versions(conn, user, keys)]


def held_versions(
    conn: sa.Connection, user: User, keys: list[tuple[str, str]]
) -> list[tuple[int, str, str] | None]:
    """For each (entity, id): (rev, updated_at, device_id) of the version held, or None when
    not held or not `user`'s to see. Two devices' concurrent edits can carry the same rev: the
    laptop tells its own from another's by who wrote it, and when."""
    found: dict[tuple[str, str], tuple[int, str, str]] = {}
    wanted: dict[str, list[str]] = {}
    for entity, row_id in dict.fromkeys(keys):
        wanted.setdefault(entity, []).append(row_id)
    for entity, ids in wanted.items():
        table = ENTITY_TABLES[entity]
        for i in range(0, len(ids), 500):
            query = sa.select(
                table.c.id, table.c.rev, table.c.scope_unit, table.c.updated_at, table.c.device_id
            ).where(table.c.id.in_(ids[i : i + 500]))
            for row_id, rev, scope, updated_at, device_id in conn.execute(query):
                if user.sees(scope):
                    found[(entity, row_id)] = (int(rev), str(updated_at), str(device_id))
    return [found.get(key) for key in keys]
