"""What a laptop does with one change pulled from the server, given what it holds: the sync's
conflict rules (docs/architecture.md, "Sync", 4) as a pure function. local_db/sync_state.py reads
the facts, asks decide() and carries the decision out.

The facts about a pulled change (entity, id, op, row):
- local: the row as stored here, or None;
- pending: the latest snapshot of the row waiting in the outbox (unsent local edits), or None;
- echo: the pulled row is one of this laptop's own snapshots coming back (the rev, device id and
  updated_at of a snapshot in its outbox, sent or not).

The rules, in order:
1. Nothing new: an upsert equal to the row here (every field it carries), or a delete of a row
   that is not here: skip.
2. No local edits waiting and the row here wins against the pulled one (higher rev, then later
   updated_at, then the larger device id: domain.wire.wins): skip, it is an older snapshot the
   server's log still holds (ours sent earlier, or one superseded since).
3. Local edits waiting, a concurrent edit:
   a. the pulled row is our own snapshot coming back: skip, the local edit is newer;
   b. ours wins: keep it, and keep the pulled version as the losing one;
   c. theirs wins (a bare delete, without a rev, wins too): apply it, and keep ours as the losing
      one. The loser is never dropped: it goes to the `conflict` table.
4. Otherwise: apply.

An inspection that arrives submitted where it is not submitted yet is written as a draft and locked
once its findings, inspectors and photos are in (the store refuses rows under a submitted
inspection). A photo the server sends, applied or already here, says the server holds its original.
The store may still refuse a change to apply (its triggers guard submitted inspections, names are
unique): the applier then sets the pulled row aside as a conflict.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

from domain.wire import wins


class Outcome(Enum):
    SAME = "skip: the row here already is the pulled one"
    GONE = "skip: the deleted row is not here"
    OLDER = "skip: the row here is newer"
    ECHO = "skip: our own snapshot coming back"
    KEEP_LOCAL = "conflict: ours wins, the pulled version is kept as the loser"
    TAKE_PULLED = "conflict: the pulled version wins and is applied, ours is kept as the loser"
    APPLY = "apply"

    @property
    def skips(self) -> bool:
        """Nothing new: nothing is written, nothing is kept as a conflict."""
        return self in (Outcome.SAME, Outcome.GONE, Outcome.OLDER, Outcome.ECHO)

    @property
    def writes(self) -> bool:
        """Is the pulled change written into the store?"""
        return self in (Outcome.APPLY, Outcome.TAKE_PULLED)


@dataclass(frozen=True)
class Pending:
    """The latest outbox snapshot of a row with unsent local edits."""

    op: str  # 'upsert' | 'delete'
    row: Mapping[str, Any]


@dataclass(frozen=True)
class Decision:
    outcome: Outcome
    losing: dict[str, Any] | None = None  # the version to keep in `conflict`, with its "_op"
    lock: bool = False  # write the inspection as a draft, lock it after its rows
    confirms_blob: bool = False  # a photo from the server: the server holds its original


def same(local: Mapping[str, Any], pulled: Mapping[str, Any]) -> bool:
    """Does the row here hold every value the pulled row carries (columns it lacks aside)?"""
    return all(local.get(k) == v for k, v in pulled.items() if k in local)


def decide(
    change: Mapping[str, Any],
    local: Mapping[str, Any] | None,
    pending: Pending | None,
    *,
    echo: bool = False,
) -> Decision:
    """The decision on one pulled change {entity, id, op, row} (see the module's rules)."""
    entity, op = change["entity"], change["op"]
    row: Mapping[str, Any] = change.get("row") or {}
    photo = entity == "photo" and op == "upsert"
    if local is not None and op == "upsert" and same(local, row):
        return Decision(Outcome.SAME, confirms_blob=photo)
    if op == "delete" and local is None:
        return Decision(Outcome.GONE)
    if pending is None and local is not None and "rev" in row and wins(local, row):
        return Decision(Outcome.OLDER)
    outcome, losing = Outcome.APPLY, None
    if pending is not None:
        mine = local if local is not None else pending.row
        if "rev" in row and echo:
            return Decision(Outcome.ECHO)
        if "rev" in row and wins(mine, row):
            return Decision(Outcome.KEEP_LOCAL, losing={**row, "_op": op})
        outcome, losing = Outcome.TAKE_PULLED, {**mine, "_op": pending.op}
    lock = (
        entity == "inspection"
        and op == "upsert"
        and row.get("status") == "submitted"
        and (local is None or local["status"] != "submitted")
    )
    return Decision(outcome, losing=losing, lock=lock, confirms_blob=photo)


# -- the server's side: a pushed change against the version it holds -----------------------------
@dataclass(frozen=True)
class Judgement:
    """What the server does with one pushed change (judge_push)."""

    concurrent: bool  # the change was not made on the version the server holds
    incoming_wins: bool = True  # else the held version stays and the pushed one is the loser


ACCEPT = Judgement(concurrent=False)


def judge_push(
    op: str,
    row: Mapping[str, Any],
    base_rev: int | None,
    held: Mapping[str, Any] | None,
    *,
    deleted: bool = False,
) -> Judgement:
    """The server's decision on a pushed change {op, row} made on `base_rev` (the rev the laptop
    last had from the server; None from older clients: judged by rev alone), given the row the
    server holds (`held`, None when absent; `deleted`: it held the row once and it was
    deleted). The same rule as decide() on the laptop, so both ends agree on the winner:

    1. Made on the version held (base_rev equals its rev; a new row: nothing held): accepted.
    2. A concurrent edit of a held row: a delete wins (as a pulled bare delete does); an upsert
       wins by domain.wire.wins (higher rev, later updated_at, larger device id).
    3. An upsert of a row deleted meanwhile (base_rev above 0): the delete stays, the edit loses.
    """
    if held is None:
        if deleted and op == "upsert" and base_rev:
            return Judgement(concurrent=True, incoming_wins=False)
        return ACCEPT
    if base_rev is None:
        concurrent = op == "upsert" and int(row["rev"]) <= int(held["rev"])
    else:
        concurrent = base_rev != int(held["rev"])
    if not concurrent:
        return ACCEPT
    if op == "delete":
        return Judgement(concurrent=True, incoming_wins=True)
    return Judgement(concurrent=True, incoming_wins=wins(row, held))
