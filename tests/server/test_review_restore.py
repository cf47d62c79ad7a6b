"""Review of issue 16 (restore send-again): a laptop whose later edit is still waiting when it
meets a restored server that lost the row it builds on (real server process, real backup and
restore)."""

from __future__ import annotations

import dataclasses

import sqlalchemy as sa

from app.sync.engine import sync_once
from local_db import inspections as ops
from server.db import ENTITY_TABLES, reading
from tests.server.conftest import Server, prepared_server, run_cli
from tests.server.laptops import laptop, submitted_with_photos
from tests.server.offline_office import unique_photos


def test_a_waiting_child_of_a_lost_parent_is_not_left_refused(tmp_path):
    srv = prepared_server(tmp_path / "server", None, "sqlite")
    restored: Server | None = None
    try:
        folder = tmp_path / "laptop"
        store, client = laptop(srv, "insp_a", folder)
        backup = tmp_path / "ducha.tar"
        done = run_cli("backup", "--out", str(backup), data_dir=srv.data_dir)
        assert done.returncode == 0, done.stderr
        # after the backup: a draft inspection goes to the server
        me = store.meta("local_person_id")
        row = ops.start_inspection(
            store,
            template_id=srv.template_id,
            zone_id=srv.zones["A"],
            mode="unannounced",
            person_ids=[me],
        )
        sync_once(store, folder, client)
        srv.stop()
        target = tmp_path / "restored"
        done = run_cli("restore", str(backup), data_dir=target)
        assert done.returncode == 0, done.stdout + done.stderr
        restored = dataclasses.replace(srv, data_dir=target, processes=[], bases=[])
        restored.start()
        client.base_url = restored.base.removesuffix("/api/v1")
        # offline meanwhile, the inspector records a problem in it: waiting to go
        finding = ops.record_finding(
            store, row["id"], "DL-09", "problem", cases=1, description="占道"
        )
        report = sync_once(store, folder, client)
        assert report.sent_again
        # the problem reached the server, nothing is left refused
        refused = store.db.execute("SELECT count(*) FROM sync_rejection").fetchone()[0]
        waiting = store.db.execute(
            "SELECT count(*) FROM outbox WHERE state = 'pending'"
        ).fetchone()[0]
        with reading(restored.engine()) as conn:
            table = ENTITY_TABLES["finding"]
            there = conn.execute(sa.select(table.c.id).where(table.c.id == finding["id"])).first()
        assert (refused, waiting, bool(there)) == (0, 0, True), report
        store.close()
    finally:
        srv.stop()
        if restored is not None:
            restored.stop()


def test_a_submission_waiting_on_a_lost_draft_is_not_reopened(tmp_path):
    srv = prepared_server(tmp_path / "server", None, "sqlite")
    restored: Server | None = None
    try:
        folder = tmp_path / "laptop"
        store, client = laptop(srv, "insp_a", folder)
        backup = tmp_path / "ducha.tar"
        assert run_cli("backup", "--out", str(backup), data_dir=srv.data_dir).returncode == 0
        me = store.meta("local_person_id")
        row = ops.start_inspection(
            store,
            template_id=srv.template_id,
            zone_id=srv.zones["A"],
            mode="unannounced",
            person_ids=[me],
        )
        sync_once(store, folder, client)  # the draft reached the server after the backup
        srv.stop()
        target = tmp_path / "restored"
        assert run_cli("restore", str(backup), data_dir=target).returncode == 0
        restored = dataclasses.replace(srv, data_dir=target, processes=[], bases=[])
        restored.start()
        client.base_url = restored.base.removesuffix("/api/v1")
        ops.mark_unanswered_ok(store, row["id"])
        ops.submit_inspection(store, row["id"], actor=me)  # offline, then the sync
        report = sync_once(store, folder, client)
        status = store.db.execute(
            "SELECT status FROM inspection WHERE id = ?", [row["id"]]
        ).fetchone()[0]
        with reading(restored.engine()) as conn:
            table = ENTITY_TABLES["inspection"]
            there = conn.execute(sa.select(table.c.row).where(table.c.id == row["id"])).scalar()
        assert status == "submitted" and there and '"submitted"' in there, report
        store.close()
    finally:
        srv.stop()
        if restored is not None:
            restored.stop()


def test_a_photo_of_another_laptop_the_server_lost_does_not_stop_the_sync(tmp_path):
    """insp_a's laptop pulled insp_a2's photo (its row; never its original) after the backup.
    The restored server lost both: insp_a's sync must not try to send an original it never
    had (and so stop, every time, until insp_a2's laptop comes back)."""
    srv = prepared_server(tmp_path / "server", None, "sqlite")
    restored: Server | None = None
    try:
        mine, my_client = laptop(srv, "insp_a", tmp_path / "mine")
        theirs, their_client = laptop(srv, "insp_a2", tmp_path / "theirs")
        # something of mine before the backup, so that there is a row to ask about after it
        submitted_with_photos(mine, tmp_path / "mine", srv, unique_photos(tmp_path / "p0", 1))
        sync_once(mine, tmp_path / "mine", my_client)
        backup = tmp_path / "ducha.tar"
        assert run_cli("backup", "--out", str(backup), data_dir=srv.data_dir).returncode == 0
        submitted_with_photos(mine, tmp_path / "mine", srv, unique_photos(tmp_path / "p1", 1))
        sync_once(mine, tmp_path / "mine", my_client)
        other = submitted_with_photos(
            theirs, tmp_path / "theirs", srv, unique_photos(tmp_path / "p2", 1)
        )
        sync_once(theirs, tmp_path / "theirs", their_client)
        sync_once(mine, tmp_path / "mine", my_client)  # pulls insp_a2's inspection and photo
        assert mine.db.execute(
            "SELECT count(*) FROM inspection WHERE id = ?", [other["id"]]
        ).fetchone()[0]
        srv.stop()
        target = tmp_path / "restored"
        assert run_cli("restore", str(backup), data_dir=target).returncode == 0
        restored = dataclasses.replace(srv, data_dir=target, processes=[], bases=[])
        restored.start()
        my_client.base_url = restored.base.removesuffix("/api/v1")
        report = sync_once(mine, tmp_path / "mine", my_client)
        assert report.sent_again
        report = sync_once(mine, tmp_path / "mine", my_client)  # and on
        assert not report.rejected
        mine.close()
        theirs.close()
    finally:
        srv.stop()
        if restored is not None:
            restored.stop()


def test_an_edit_that_won_a_concurrent_edit_after_the_backup_goes_again(tmp_path):
    """Two team members edit the same inspection from the same rev: insp_a2's reaches the
    server before the backup (rev 2), insp_a's after it (rev 2 too, and it wins: later). The
    restored server holds rev 2 — insp_a2's: insp_a's laptop must not take 'rev 2 held' for
    'mine held' and leave the server and itself apart for good."""
    srv = prepared_server(tmp_path / "server", None, "sqlite")
    restored: Server | None = None
    try:
        mine, my_client = laptop(srv, "insp_a", tmp_path / "mine")
        theirs, their_client = laptop(srv, "insp_a2", tmp_path / "theirs")
        row = ops.start_inspection(
            mine,
            template_id=srv.template_id,
            zone_id=srv.zones["A"],
            mode="unannounced",
            person_ids=[mine.meta("local_person_id"), theirs.meta("local_person_id")],
        )
        sync_once(mine, tmp_path / "mine", my_client)
        sync_once(theirs, tmp_path / "theirs", their_client)
        ops.update_inspection(theirs, row["id"], summary="乙的小结")
        sync_once(theirs, tmp_path / "theirs", their_client)
        backup = tmp_path / "ducha.tar"
        assert run_cli("backup", "--out", str(backup), data_dir=srv.data_dir).returncode == 0
        ops.update_inspection(mine, row["id"], summary="甲的小结")  # made on rev 1, later
        sync_once(mine, tmp_path / "mine", my_client)
        with reading(srv.engine()) as conn:
            table = ENTITY_TABLES["inspection"]
            before = conn.execute(sa.select(table.c.row).where(table.c.id == row["id"])).scalar()
        assert before is not None and "甲的小结" in before  # mine won
        srv.stop()
        target = tmp_path / "restored"
        assert run_cli("restore", str(backup), data_dir=target).returncode == 0
        restored = dataclasses.replace(srv, data_dir=target, processes=[], bases=[])
        restored.start()
        my_client.base_url = restored.base.removesuffix("/api/v1")
        sync_once(mine, tmp_path / "mine", my_client)
        with reading(restored.engine()) as conn:
            table = ENTITY_TABLES["inspection"]
            after = conn.execute(sa.select(table.c.row).where(table.c.id == row["id"])).scalar()
        local = mine.db.execute("SELECT summary FROM inspection WHERE id = ?", [row["id"]])
        assert after is not None and "甲的小结" in after, (after, local.fetchone())
        mine.close()
        theirs.close()
    finally:
        srv.stop()
        if restored is not None:
            restored.stop()
