"""The status bar's sync part: progress in megabytes, a cancel button only while syncing."""

from __future__ import annotations

from app.sync.status_bar import SyncStatusBar
from local_db.sync_state import SyncStatus


def test_progress_in_megabytes_and_cancel_while_running(qtbot, launch, data_dir):
    window = launch(data_dir)
    bar: SyncStatusBar = window.sync_bar
    assert not bar.cancel.isVisible()
    bar.show_progress("upload_kib", 3 * 1024 + 512, 10 * 1024)
    assert bar.progress.text() == "已上传 3.5/10.0 MB"
    assert bar.cancel.isVisible()
    bar.show_progress("push", 250, 1000)
    assert bar.progress.text() == "正在发送更改 250/1000"
    bar.clear_progress()
    assert bar.progress.text() == "" and not bar.cancel.isVisible()


def test_status_words(qtbot, launch, data_dir):
    bar = launch(data_dir).sync_bar
    bar.show_status(SyncStatus(3, 2, 1, 0, "2026-11-20T02:05:00.000000Z", "无法连接服务器"))
    assert bar.pending.text() == "待同步更改：3 · 照片：2"
    assert bar.last.text() == "上次同步 11-20 10:05"
    assert bar.error.isVisible() and bar.error.text() == "无法连接服务器"
    assert bar.rejected.isVisible() and bar.rejected.text() == "1 项被服务器拒绝"


def test_a_losing_concurrent_edit_is_shown_with_what_it_said(qtbot, launch, data_dir):
    """The other laptop's newer edit of the zone wins; ours is kept and shown, not dropped."""
    from local_db import sync_state
    from local_db.reference import zones
    from tests.core.test_sync_state import accept_all

    window = launch(data_dir)
    store = window.context.store
    accept_all(store, sync_state.next_batch(store))
    zone = store.row("zone", zones(store)[0]["id"])
    store.save("zone", {"id": zone["id"], "chief_name": "本机路长"})
    theirs = {
        **zone,
        "chief_name": "他机路长",
        "rev": zone["rev"] + 5,
        "updated_at": "2026-11-21T00:00:00.000000Z",
        "device_id": "another-laptop",
    }
    pulled = {"seq": 9, "entity": "zone", "id": zone["id"], "op": "upsert", "row": theirs}
    assert sync_state.apply_pulled(store, [pulled]).conflicts == 1
    window.sync.refresh()
    bar = window.sync_bar
    qtbot.waitUntil(lambda: bar.conflicts.isVisible())
    assert bar.conflicts.text() == "保留了 1 处同时修改"
    dialog = bar.show_conflicts()
    text = dialog.text.toPlainText()
    assert "本机路长" in text and "他机路长" in text and "chief_name" in text


def test_a_received_change_set_aside_is_shown_with_why(qtbot, launch, data_dir):
    """A change from the server this laptop cannot apply is set aside, counted and explained."""
    from local_db import sync_state

    window = launch(data_dir)
    store = window.context.store
    bad = {"seq": 7, "entity": "spaceship", "id": "x-1", "op": "upsert", "row": {"id": "x-1"}}
    assert sync_state.apply_pulled(store, [bad]).quarantined == 1
    window.sync.refresh()
    bar = window.sync_bar
    qtbot.waitUntil(lambda: bar.quarantined.isVisible())
    assert bar.quarantined.text() == "1 项收到的更改已搁置"
    dialog = bar.show_quarantined()
    assert "spaceship" in dialog.text.toPlainText()
    assert "unknown entity" in dialog.text.toPlainText()


def test_refused_changes_are_said_from_their_code(qtbot, launch, data_dir):
    """The server's refusal is kept with its code and said in the user's words; a code this
    version does not know shows the server's own text rather than nothing."""
    from app.sync.refusal_reasons import push_refusal_text
    from local_db import sync_state
    from local_db.reference import zones
    from tests.core.test_sync_state import accept_all

    window = launch(data_dir)
    store = window.context.store
    accept_all(store, sync_state.next_batch(store))
    first, *_ = zones(store)
    store.save("zone", {"id": first["id"], "chief_name": "本机路长"})
    store.save("person", {**store.rows("SELECT * FROM person")[0], "name": "改名"})
    batch = sync_state.next_batch(store)
    assert batch is not None and len(batch.changes) == 2
    server_text = "the zone's unit 城关 is retired"
    refused = [
        {"id": c["id"], "status": "rejected", "code": code, "reason": reason}
        for c, code, reason in zip(
            batch.changes,
            ("unit_retired", "a_code_from_a_newer_server"),
            (server_text, "something new went wrong"),
            strict=True,
        )
    ]
    sync_state.mark_sent(store, batch.last_seq, refused)
    codes = {r["code"] for r in sync_state.rejections(store)}
    assert codes == {"unit_retired", "a_code_from_a_newer_server"}
    window.sync.refresh()
    bar = window.sync_bar
    qtbot.waitUntil(lambda: bar.rejected.isVisible())
    dialog = bar.show_rejections()
    text = dialog.text.toPlainText()
    assert push_refusal_text("unit_retired", server_text) in text
    assert server_text not in text  # the server's English stays in the store
    assert "something new went wrong" in text
    dialog.close()
