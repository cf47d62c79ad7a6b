"""督查计划 for an admin, on real windows against the real server: the 新建计划 form lists the
accounts the server knows, draws a plan through POST /plans (the commitment shown is the one the
server keeps), refuses a second draw of the period in words, and the seed of a finished period is
revealed with a button and the plan checked here at once; a period not ended cannot be revealed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from app.store_setup import open_store
from app.sync.account import remember_login
from app.sync.client import SyncClient
from app.sync.engine import sync_once
from tests.server.conftest import PASSWORD, Server


def _admin_laptop(server: Server, folder: Path) -> None:
    """A laptop logged in as the admin `chief` (kept as the login dialog keeps it), synced once."""
    if "chief" not in server.users:
        server.add_user("chief", "admin")
    base = server.base.removesuffix("/api/v1")
    store = open_store(folder)
    client = SyncClient(base)
    try:
        remember_login(store, base, "chief", None, client.login("chief", PASSWORD, store.device_id))
        sync_once(store, folder, client)
    finally:
        client.close()
        store.close()


def _row_of(dialog, period: str) -> int:
    return next(i for i, p in enumerate(dialog.plans) if p.period == period)


def test_an_admin_draws_and_reveals_a_plan(qtbot, launch, server, tmp_path):
    _admin_laptop(server, tmp_path)
    window = launch(tmp_path)
    dialog = window.open_plans()
    form = dialog.form
    assert form is not None and dialog.tabs.tabText(1) == "新建计划"
    qtbot.waitUntil(lambda: form.draw_button.isEnabled(), timeout=30000)
    shown = [form.teams.item(r, 0).text() for r in range(form.teams.rowCount())]
    assert any("(insp_a)" in s for s in shown) and any("(chief)" in s for s in shown)
    assert form.teams.item(0, 1).text() in {"检查员", "审核员", "管理员"}
    assert [form.scope.itemText(i) for i in range(form.scope.count())][-2:] == [
        "单位A的片区",
        "单位B的片区",
    ]
    # two teams: insp_a, and insp_b; one visit a week each, in a past month
    for account in form.accounts:
        form.team_spin(account["username"]).setValue(0)
    form.team_spin("insp_a").setValue(1)
    form.team_spin("insp_b").setValue(2)
    form.per.setCurrentIndex(form.per.findData("week"))
    dialog.tabs.setCurrentWidget(form)

    form.period.setText("2025-13")  # checked before anything is sent
    loaded = form.job
    qtbot.mouseClick(form.draw_button, Qt.MouseButton.LeftButton)
    assert form.result.text() == "期间为月份（如 2027-01）或 ISO 周（如 2027-W02）。"
    assert form.job is loaded  # no draw was sent

    form.period.setText("2025-03")
    with qtbot.waitSignal(form.drawn, timeout=30000) as drawn:
        qtbot.mouseClick(form.draw_button, Qt.MouseButton.LeftButton)
    summary = drawn.args[0]
    office = server.session("office")
    kept = office.get(f"{server.base}/plans/2025-03", timeout=10).json()
    assert kept["seed_commitment"] == summary["seed_commitment"] and kept["seed"] is None
    assert summary["seed_commitment"] in form.result.text()
    assert {a["inspector_id"] for a in kept["assignments"]} == {
        server.users["insp_a"],
        server.users["insp_b"],
    }
    # the new plan is listed at once, its seed not revealed
    qtbot.waitUntil(lambda: any(p.period == "2025-03" for p in dialog.plans), timeout=20000)

    qtbot.mouseClick(form.draw_button, Qt.MouseButton.LeftButton)  # the same period again
    qtbot.waitUntil(lambda: not form.job.running(), timeout=20000)
    assert form.result.text() == "2025-03 的计划已抽取：每个期间只有一份计划。"

    # a period not ended (a week this time): no reveal
    form.period.setText("2099-w01")
    with qtbot.waitSignal(form.drawn, timeout=30000):
        qtbot.mouseClick(form.draw_button, Qt.MouseButton.LeftButton)
    dialog.tabs.setCurrentIndex(0)
    qtbot.waitUntil(lambda: any(p.period == "2099-W01" for p in dialog.plans), timeout=20000)
    dialog.table.selectRow(_row_of(dialog, "2099-W01"))
    assert dialog.reveal_button.isVisible() and not dialog.reveal_button.isEnabled()

    # a finished one: revealed, fetched and checked here
    dialog.table.selectRow(_row_of(dialog, "2025-03"))
    assert dialog.reveal_button.isEnabled()
    assert dialog.table.item(_row_of(dialog, "2025-03"), 2).text() == "尚未公布种子"
    qtbot.mouseClick(dialog.reveal_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: (
            any(p.period == "2025-03" and p.verdict is not None for p in dialog.plans)
            and not dialog.job.running()
        ),
        timeout=30000,
    )
    row = _row_of(dialog, "2025-03")
    assert dialog.table.item(row, 2).text() == "与公布的种子抽取结果一致"
    assert not dialog.reveal_button.isEnabled()  # revealed once
    assert office.get(f"{server.base}/plans/2025-03", timeout=10).json()["seed"]
    dialog.close()


def test_a_reviewer_reads_plans_without_the_form(qtbot, launch, server, tmp_path):
    base = server.base.removesuffix("/api/v1")
    store = open_store(tmp_path)
    client = SyncClient(base)
    try:
        remember_login(
            store, base, "office", None, client.login("office", PASSWORD, store.device_id)
        )
        sync_once(store, tmp_path, client)
    finally:
        client.close()
        store.close()
    window = launch(tmp_path)
    dialog = window.open_plans()
    assert dialog.form is None and not dialog.reveal_button.isVisibleTo(dialog)
    dialog.close()
