"""Where this laptop's sync stands, for the status bar: what waits, what was refused or set
aside, the last complete sync, and why the last one stopped (in words to translate, and its
technical account). The outbox and the pulled changes themselves: local_db/sync_state.py."""

from __future__ import annotations

import json
from dataclasses import dataclass

from domain.clock import now_iso
from domain.i18n import Message
from local_db.store import Store

LAST_SYNC = "sync_last_at"
LAST_ERROR = "sync_last_error"
LAST_ERROR_DETAIL = "sync_last_error_detail"  # its technical account (the "details" part)
LAST_ERROR_WORDS = "sync_last_error_words"  # its message to translate: {context, text, values}


# The originals of photo rows that the server has not confirmed holding (sync_blob), as the
# triggers of migration 0013_photos_waiting keep them.
WAITING_PHOTOS = "SELECT count(*) FROM photo_waiting"


# -- status --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class SyncStatus:
    pending_changes: int  # rows with unsent edits (refused ones not counted)
    pending_photos: int  # originals the server has not confirmed
    rejected: int  # rows the server refused, see rejections()
    conflicts: int  # losing versions kept in `conflict`
    last_sync: str | None  # UTC ISO time of the last complete sync
    last_error: str | None  # why the last sync stopped, None after a success
    quarantined: int = 0  # pulled changes set aside, see quarantined()


def sync_status(store: Store) -> SyncStatus:
    one = store.db.execute
    return SyncStatus(
        pending_changes=one(
            "SELECT count(*) FROM (SELECT DISTINCT entity, entity_id FROM outbox "
            "WHERE state = 'pending' AND rejected = 0)"
        ).fetchone()[0],
        pending_photos=one(WAITING_PHOTOS).fetchone()[0],
        rejected=one("SELECT count(*) FROM sync_rejection").fetchone()[0],
        conflicts=one("SELECT count(*) FROM conflict").fetchone()[0],
        last_sync=store.meta(LAST_SYNC),
        last_error=store.meta(LAST_ERROR),
        quarantined=one("SELECT count(*) FROM quarantine").fetchone()[0],
    )


def record_success(store: Store) -> None:
    with store.transaction():
        store.set_meta(LAST_SYNC, now_iso())
        store.db.execute(
            "DELETE FROM meta WHERE key IN (?, ?, ?)",
            [LAST_ERROR, LAST_ERROR_DETAIL, LAST_ERROR_WORDS],
        )


def record_error(
    store: Store, message: str, detail: str = "", words: Message | None = None
) -> None:
    """Why the last sync stopped: `message` in words (English), its technical `detail` (shown
    on demand) and `words`, the message to show in the user's language (after a restart too)."""
    with store.transaction():
        store.set_meta(LAST_ERROR, message)
        store.set_meta(LAST_ERROR_DETAIL, detail)
        shown = (
            {"context": words.context, "text": words.text, "values": words.values}
            if words is not None
            else None
        )
        store.set_meta(LAST_ERROR_WORDS, json.dumps(shown, ensure_ascii=False, default=str))


def last_error_words(store: Store) -> Message | None:
    """The last sync failure's message, to translate (None when there is none)."""
    kept = json.loads(store.meta(LAST_ERROR_WORDS) or "null")
    return Message(kept["context"], kept["text"], kept["values"]) if kept else None


def last_error_detail(store: Store) -> str:
    """The technical account of the last sync's failure ("" when it did not fail)."""
    return store.meta(LAST_ERROR_DETAIL) or ""
