"""Two writers on one store file (the editor saving keystrokes while an import attaches photos):
every write lands, none fails with "database is locked" (issue 12, finding 1).

The cause was a deferred transaction that read and then wrote: in WAL mode, when another
connection commits between its first read and its first write, SQLite answers SQLITE_BUSY at
once, without waiting on the busy timeout. Every write transaction now begins IMMEDIATE."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from local_db import inspections
from local_db.photos import attach_photo, photos_of
from local_db.store import Store, StoreBusy, is_busy
from tests.core.conftest import attach_evidence
from tests.core.test_photo_import import meta, problem


def _other_writer(path: Path) -> sqlite3.Connection:
    """A second connection, as another thread or process has it, that never waits."""
    conn = sqlite3.connect(str(path), timeout=0, isolation_level=None)
    conn.execute("PRAGMA busy_timeout=0")
    return conn


def test_a_write_committed_between_an_attachs_read_and_write_loses_nothing(
    store, draft_inspection, tmp_path
):
    """The interleaving that lost a photo, made deterministic: the editor commits a keystroke
    right after the import's transaction has read (the finding, the duplicates) and before it
    writes. Old code: the attach fails with "database is locked" and the photo is lost."""
    finding = problem(store, draft_inspection["id"])
    importer = Store.open(tmp_path)  # the import's own connection, as import_photos opens it
    editor = _other_writer(store.path)
    typed: list[str] = []
    waited: list[str] = []

    def keystroke(sql: str) -> None:
        if "FROM photo WHERE inspection_id" not in sql or typed or waited:
            return  # the attach's last read before its first write
        try:
            editor.execute(
                "UPDATE finding SET description = ? WHERE id = ?", ["游商", finding["id"]]
            )
            typed.append("游商")
        except sqlite3.OperationalError as error:  # the import holds the write lock: wait
            assert is_busy(error)
            waited.append(str(error))

    importer.db.conn.set_trace_callback(keystroke)
    try:
        row, created = attach_photo(
            importer, meta(7), inspection_id=draft_inspection["id"], finding_id=finding["id"]
        )
    finally:
        importer.db.conn.set_trace_callback(None)
    assert created and row["finding_id"] == finding["id"]
    assert waited and not typed  # the keystroke had to wait for the attach to commit
    editor.execute("UPDATE finding SET description = ? WHERE id = ?", ["游商", finding["id"]])
    assert [
        p["original_name"] for p in photos_of(store, draft_inspection["id"], finding["id"])
    ] == ["IMG_0007.jpg"]
    assert store.row("finding", finding["id"])["description"] == "游商"
    editor.close()
    importer.close()


def test_a_standalone_write_commits_at_once(store, tmp_path):
    """No implicit transaction is left open holding the write lock (Python's sqlite3 opens one
    before a lone INSERT and keeps it until commit): a write outside a transaction is seen by
    another connection, and the other can write straight after."""
    store.set_meta("probe", "1")
    assert not store.db.conn.in_transaction
    other = _other_writer(store.path)
    assert other.execute("SELECT value FROM meta WHERE key = 'probe'").fetchone() == ("1",)
    other.execute("INSERT INTO meta(key, value) VALUES ('other', '2')")
    other.close()


def test_a_writer_held_past_the_timeout_is_told_busy_and_nothing_is_written(
    store, draft_inspection, tmp_path, monkeypatch
):
    from local_db import store as store_module

    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_SECONDS", 0.05)
    blocker = _other_writer(store.path)
    blocker.execute("BEGIN IMMEDIATE")
    second = Store.open(tmp_path)
    second.db.execute("PRAGMA busy_timeout=50")
    with pytest.raises(StoreBusy) as raised:
        attach_evidence(second, draft_inspection["id"], None)
    assert is_busy(raised.value)
    blocker.execute("ROLLBACK")
    assert store.count("photo") == 0 and not second.db.conn.in_transaction
    attach_evidence(second, draft_inspection["id"], None)  # and the next attempt goes through
    assert store.count("photo") == 1
    blocker.close()
    second.close()


def test_an_import_and_an_editor_in_two_threads_never_collide(store, draft_inspection, tmp_path):
    """The stress version: one thread attaches 60 photos on its own connection while another
    saves the finding's description once per keystroke on the GUI's connection."""
    finding = problem(store, draft_inspection["id"])
    errors: list[BaseException] = []
    stop = threading.Event()

    def importing() -> None:
        importer = Store.open(tmp_path)
        try:
            for n in range(60):
                attach_photo(
                    importer,
                    meta(n),
                    inspection_id=draft_inspection["id"],
                    finding_id=finding["id"],
                )
        except BaseException as error:
            errors.append(error)
        finally:
            importer.close()
            stop.set()

    thread = threading.Thread(target=importing)
    thread.start()
    text = ""
    while not stop.is_set() or len(text) < 20:
        text += "占"
        inspections.record_finding(
            store, draft_inspection["id"], "DL-09", "problem", cases=1, description=text
        )
    thread.join()
    assert errors == []
    assert len(photos_of(store, draft_inspection["id"], finding["id"])) == 60
    assert store.row("finding", finding["id"])["description"] == text
