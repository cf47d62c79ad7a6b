"""The update the county's server offers this laptop (issue 17; migration 0023_updates).

At most one offer is held: the newest release the server named at the last sync
(app/updates/core.py). A sync whose answer names none (the laptop is up to date, or the release
was withdrawn) drops it. The download's state: `offered`, `verified` (the file at `path` passed
the size, SHA-256 and signature checks) or `refused` (`refusal`: the code of why, which
app/updates/core.py words).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from domain.clock import now_iso
from domain.release import ReleaseOffer, SignedRelease
from local_db.store import Store


@dataclass(frozen=True)
class Offer:
    id: str
    version: str
    platform: str
    file_name: str
    size: int
    sha256: str
    signed: SignedRelease
    offered_at: str
    state: str
    path: str | None
    refusal: str | None


def current(store: Store) -> Offer | None:
    """The update on offer, if any."""
    row = store.db.execute(
        "SELECT id, version, platform, file_name, size, sha256, signed, offered_at, state, path,"
        " refusal FROM update_offer ORDER BY offered_at DESC LIMIT 1"
    ).fetchone()
    if row is None:
        return None
    values: list[Any] = list(row)
    values[6] = SignedRelease.model_validate_json(values[6])
    return Offer(*values)


def record_offer(store: Store, offer: ReleaseOffer | None) -> bool:
    """Keep what the server offers now (None: nothing); True when it is a new offer. The same
    release offered again keeps its download state."""
    with store.transaction():
        if offer is None:
            store.db.execute("DELETE FROM update_offer")
            return False
        held = store.db.execute("SELECT 1 FROM update_offer WHERE id = ?", [offer.id]).fetchone()
        store.db.execute("DELETE FROM update_offer WHERE id != ?", [offer.id])
        if held:
            return False
        store.db.execute(
            "INSERT INTO update_offer (id, version, platform, file_name, size, sha256, signed,"
            " offered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                offer.id,
                offer.version,
                offer.platform,
                offer.file_name,
                offer.size,
                offer.sha256,
                json.dumps(offer.signed.model_dump(), ensure_ascii=False),
                now_iso(),
            ],
        )
        return True


def mark(store: Store, offer_id: str, state: str, path: str | None, refusal: str | None) -> None:
    """Where the download of an offer stands (`verified` with its file, `refused` with why)."""
    with store.transaction():
        store.db.execute(
            "UPDATE update_offer SET state = ?, path = ?, refusal = ? WHERE id = ?",
            [state, path, refusal, offer_id],
        )
