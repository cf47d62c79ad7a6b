"""Official notice numbers reserved for this device, like a paper notice pad: the server hands
out a block at sync, and a notice issued offline takes the next number from it."""

from __future__ import annotations

import json
from typing import Any

from domain.numbering import official_number
from local_db.store import Store

_KEY = "notice_number_blocks"


def blocks(store: Store) -> list[dict[str, Any]]:
    """[{prefix, year, next, last}] — `next` is the first number not used yet."""
    return json.loads(store.meta(_KEY) or "[]")


def add_block(store: Store, prefix: str, year: int, first: int, last: int) -> None:
    with store.transaction():
        held = blocks(store)
        held.append({"prefix": prefix, "year": year, "next": first, "last": last})
        store.set_meta(_KEY, json.dumps(held))


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
