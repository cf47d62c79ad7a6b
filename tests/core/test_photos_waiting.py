"""The sync status's "photos waiting": the originals of photo rows the server has not
confirmed, kept by migration 0013_photos_waiting's triggers, counted as the scan of the photos
against sync_blob counts them — through additions, confirmations, a shared original, removals
and a store migrated with photos already in it."""

from __future__ import annotations

import hashlib

from sqlite_utils import Database

from local_db.migrations import migrations
from local_db.store import STORE_FILE, Store
from local_db.sync_state import confirm_blobs
from local_db.sync_status import sync_status

SCAN = "SELECT count(DISTINCT sha256) FROM photo WHERE sha256 NOT IN (SELECT sha256 FROM sync_blob)"
T = "2026-01-05T00:00:00.000000Z"


def sha(n: int) -> str:
    return hashlib.sha256(str(n).encode()).hexdigest()


def add_photo(db, photo_id: str, n: int) -> None:
    """A photo row of original `n` (its inspection is not written: foreign keys are off)."""
    db.execute(
        "INSERT INTO photo(id, sha256, inspection_id, role, imported_at, original_name, "
        "byte_size, created_at, updated_at, device_id) "
        "VALUES (?, ?, ?, 'evidence', ?, 'IMG.JPG', 1, ?, ?, 'dev')",
        [photo_id, sha(n), f"inspection-{photo_id}", T, T, T],
    )


def waiting(store: Store) -> int:
    shown = sync_status(store).pending_photos
    assert shown == store.db.execute(SCAN).fetchone()[0]
    return shown


def test_the_count_follows_every_change(tmp_path):
    store = Store.open(tmp_path)
    db = store.db.conn
    db.execute("PRAGMA foreign_keys=OFF")
    assert waiting(store) == 0
    for n, photo_id in enumerate(("a", "b", "c")):
        add_photo(db, photo_id, n)
    add_photo(db, "a2", 0)  # the same original on a second photo
    assert waiting(store) == 3
    confirm_blobs(store, [sha(0)])
    assert waiting(store) == 2
    confirm_blobs(store, [sha(0), sha(1)])  # again: nothing changes for the first
    assert waiting(store) == 1
    add_photo(db, "d", 1)  # an original the server holds already
    assert waiting(store) == 1
    db.execute("DELETE FROM photo WHERE id = 'c'")  # the last photo of original 2 goes
    assert waiting(store) == 0
    add_photo(db, "e", 4)
    add_photo(db, "e2", 4)
    db.execute("DELETE FROM photo WHERE id = 'e'")  # one of two photos of original 4 goes
    assert waiting(store) == 1
    db.execute("UPDATE photo SET sha256 = ? WHERE id = 'e2'", [sha(1)])  # now a held one
    assert waiting(store) == 0
    db.execute("DELETE FROM sync_blob WHERE sha256 = ?", [sha(1)])  # confirmation withdrawn
    assert waiting(store) == 1
    store.close()


def test_a_store_migrated_with_photos_counts_them(tmp_path):
    db = Database(tmp_path / STORE_FILE)
    migrations.apply(db, stop_before="0013_photos_waiting")
    db.execute("PRAGMA foreign_keys=OFF")
    for n in range(5):
        add_photo(db, f"p{n}", n)
    add_photo(db, "p0-again", 0)
    db.execute("INSERT INTO sync_blob(sha256, confirmed_at) VALUES (?, ?)", [sha(3), T])
    db.conn.commit()
    db.conn.close()
    store = Store.open(tmp_path)
    assert waiting(store) == 4
    store.close()
