"""Conflicts on real windows against the real server: the laptop that lost sees its losing text
in the conflicts dialog; the office's 冲突 screen lists it beside the winner, and taking the
losing version there resolves it and brings it to every laptop."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.sync.client import SyncClient
from app.sync.engine import sync_once
from app.sync.office_conflicts import OfficeConflictsDialog
from local_db import inspections as ops
from local_db.sync_state import sync_status
from tests.server.conftest import PASSWORD
from tests.server.laptops import laptop


def test_the_loser_sees_its_text_and_the_office_takes_it(qtbot, launch, server, tmp_path):
    a, a_client = laptop(server, "insp_a", tmp_path / "a")
    b, b_client = laptop(server, "insp_a2", tmp_path / "b")
    row = ops.start_inspection(
        a,
        template_id=server.template_id,
        zone_id=server.zones["A"],
        mode="open",
        person_ids=[a.meta("local_person_id"), b.meta("local_person_id")],
    )
    finding = ops.record_finding(a, row["id"], "DL-09", "problem", description="原来")
    sync_once(a, tmp_path / "a", a_client)
    sync_once(b, tmp_path / "b", b_client)
    ops.record_finding(a, row["id"], "DL-09", "problem", description="甲写的整改要求")
    ops.record_finding(b, row["id"], "DL-09", "problem", description="乙写的")
    sync_once(b, tmp_path / "b", b_client)
    sync_once(a, tmp_path / "a", a_client)  # A's edit loses (B's is later)

    # the laptop that lost: the status bar counts it, the dialog shows the losing text
    a.close()
    window = launch(tmp_path / "a")
    a = window.context.store
    bar = window.sync_bar
    window.sync.refresh()
    assert bar.conflicts.text() == "保留了 1 处同时修改"
    assert not window.conflicts_action.isVisible()  # an inspector's laptop: no office screen
    dialog = bar.show_conflicts()
    text = dialog.text.toPlainText()
    assert "甲写的整改要求" in text and "乙写的" in text
    assert "两台电脑同时修改" in text
    assert "问题描述" in text and "description" not in text  # named as a person reads them
    assert "问题 " in text and "finding" not in text
    dialog.close()

    # the office's screen lists it; taking the losing version resolves it
    token = SyncClient(server.base.removesuffix("/api/v1")).login("office", PASSWORD, "dev-ui")[
        "token"
    ]
    base = server.base.removesuffix("/api/v1")
    screen = OfficeConflictsDialog(lambda: SyncClient(base, token), window)
    qtbot.waitUntil(lambda: screen.list.count() > 0 and not screen.job.running(), timeout=20000)
    row_of = next(i for i, e in enumerate(screen.entries) if e["entity_id"] == finding["id"])
    screen.list.setCurrentRow(row_of)
    shown = screen.detail.toPlainText()
    assert "甲写的整改要求" in shown and "乙写的" in shown
    assert "问题描述" in shown and "finding" not in shown
    assert screen.list.item(row_of).text().endswith("· 问题")
    assert screen.take_losing.text() == "采用未保留的版本"
    assert screen.take_losing.isEnabled()
    with qtbot.waitSignal(screen.resolved, timeout=20000):
        qtbot.mouseClick(screen.take_losing, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not screen.job.running(), timeout=20000)
    assert finding["id"] not in {e["entity_id"] for e in screen.entries}  # no longer open
    screen.close()

    for store, client, folder in ((a, a_client, "a"), (b, b_client, "b")):
        sync_once(store, tmp_path / folder, client)
        assert store.row("finding", finding["id"])["description"] == "甲写的整改要求"
        assert sync_status(store).pending_changes == 0
        client.close()
    b.close()
