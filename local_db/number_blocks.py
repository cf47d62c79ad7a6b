"""Official notice numbers reserved for this device, like a paper notice pad: the server hands
out a block at sync, and a notice issued offline takes the next number from it."""

from __future__ import annotations

import json
import uuid
from typing import Any

from domain.numbering import official_number
from local_db.store import Store

_KEY = "notice_number_blocks"
_REQUEST = "notice_number_request"  # a reservation sent whose answer is not recorded yet


def blocks(store: Store) -> list[dict[str, Any]]:
    """[{prefix, year, next, last}] — `next` is the first number not used yet."""
    return json.loads(store.meta(_KEY) or "[]")


def add_block(store: Store, prefix: str, year: int, first: int, last: int) -> None:
    """Keep a block the server handed out, and forget the request that asked for it (one
    transaction: the next reservation is a new request only once this block is held)."""
    with store.transaction():
        held = blocks(store)
        if not any(b["prefix"] == prefix and b["year"] == year and b["last"] == last for b in held):
            held.append({"prefix": prefix, "year": year, "next": first, "last": last})
            store.set_meta(_KEY, json.dumps(held))
        store.set_meta(_REQUEST, "")


def request(store: Store, year: int, count: int) -> dict[str, Any]:
    """The reservation to send: {request_id, year, count}. One whose answer was never recorded
    (lost on the way, or this laptop stopped) is sent again as it was, so the server answers
    with the block it already gave instead of a new one; else a new one, kept before it goes."""
    with store.transaction():
        pending = store.meta(_REQUEST)
        if pending:
            return dict(json.loads(pending))
        asked = {"request_id": str(uuid.uuid4()), "year": year, "count": count}
        store.set_meta(_REQUEST, json.dumps(asked))
        return asked


def remaining(store: Store, year: int) -> int:
    return sum(b["last"] - b["next"] + 1 for b in blocks(store) if b["year"] == year)


def take_official(store: Store, year: int) -> str | None:
    """The next official number of `year` from a held block, or None when the pad is empty.
    Call inside the transaction that issues the notice."""
    held = blocks(store)
    for block in held:
        if block["year"] == year and block["next"] <= block["last"]:
            number = official_number(block["prefix"], year, block["next"])
            block["next"] += 1
            store.set_meta(_KEY, json.dumps([b for b in held if b["next"] <= b["last"]]))
            return number
    return None
