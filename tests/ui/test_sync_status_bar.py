"""The status bar's sync part: progress in megabytes, a cancel button only while syncing."""

from __future__ import annotations

from app.sync_status_bar import SyncStatusBar
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
