"""The reviewer's story on real windows against the real server, with data an inspector's laptop
pushed: review, return with a comment, see the correction come back, accept it; then follow a
notice from issue to 销号 with an after-photo, and the inspector's laptop sees it all."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox

from app.context import AppContext
from app.inspections.editor import InspectionEditor
from app.sync.credentials import save_token
from app.sync.engine import sync_once
from local_db import inspections as ops
from local_db.amendments import amend_inspection
from local_db.evidence_package import verify_package
from local_db.follow_up import before_and_after
from local_db.notices import issue_notice, status
from local_db.reviews import latest_review, review_state
from local_db.sync_state import rejections
from tests.server.conftest import PASSWORD
from tests.server.laptops import laptop, submitted_with_photos
from tests.testdata import PHOTOS
from tests.ui.conftest import type_text

BEFORE = PHOTOS / "gps" / "DSCN0010.jpg"
AFTER = PHOTOS / "gps" / "DSCN0012.jpg"


def _inspect(store, folder: Path, server) -> str:
    return submitted_with_photos(store, folder, server, [BEFORE], description="游商占道经营")["id"]


def _reviewer_window(launch, server, folder: Path):
    store, client = laptop(server, "office", folder)
    store.close()
    window = launch(folder)
    return window, client


def _sync(window, folder: Path, client) -> None:
    report = sync_once(window.context.store, folder, client)
    assert report.rejected == 0, rejections(window.context.store)
    window.context.notify()


def test_review_return_correct_accept_and_follow_a_notice_to_close_out(
    qtbot,
    launch,
    server,
    tmp_path,
):
    i_folder, r_folder = tmp_path / "inspector", tmp_path / "office"
    inspector, i_client = laptop(server, "insp_a", i_folder)
    original = _inspect(inspector, i_folder, server)
    assert sync_once(inspector, i_folder, i_client).rejected == 0

    window, r_client = _reviewer_window(launch, server, r_folder)
    view = window.review
    window.tabs.setCurrentWidget(view)
    rows = [view.model.row_data(r)["id"] for r in range(view.model.rowCount())]
    assert rows.count(original) == 1  # pending, listed once
    assert view.select(original)
    assert view.accept_button.isEnabled() and view.return_button.isEnabled()

    # 退回 with a comment (OK stays disabled until there is one).
    dialog = view.return_current()
    assert not dialog.ok.isEnabled()
    type_text(dialog.comment, "照片未体现摊位全貌，请补充并更正案件数")
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert review_state(window.context.store, original) == "returned"
    assert view.model.row_of(original) < 0  # gone from the pending queue
    _sync(window, r_folder, r_client)

    # The inspector's laptop learns it was returned, with the comment; corrects and resubmits.
    sync_once(inspector, i_folder, i_client)
    assert review_state(inspector, original) == "returned"
    assert latest_review(inspector, original)["comment"] == "照片未体现摊位全貌，请补充并更正案件数"
    editor = InspectionEditor(AppContext(inspector), original)  # what the inspector sees
    assert "照片未体现摊位全貌" in editor.banner.text() and "退回" in editor.banner.text()
    editor.close()
    draft = amend_inspection(inspector, original, actor=inspector.meta("local_person_id"))
    ops.record_finding(
        inspector, draft["id"], "DL-09", "problem", cases=3, description="游商占道经营三处"
    )
    ops.submit_inspection(inspector, draft["id"], actor=inspector.meta("local_person_id"))
    assert sync_once(inspector, i_folder, i_client).rejected == 0

    # The reviewer sees the correction (and not the superseded original), with the chain.
    _sync(window, r_folder, r_client)
    pending = [view.model.row_data(r)["id"] for r in range(view.model.rowCount())]
    assert draft["id"] in pending and original not in pending
    assert view.select(draft["id"])
    text = view.detail.toPlainText()
    assert "照片未体现摊位全貌" in text and "退回" in text
    qtbot.mouseClick(view.accept_button, Qt.MouseButton.LeftButton)
    assert review_state(window.context.store, draft["id"]) == "accepted"

    # The evidence package of the chain, from the replica: originals fetched from the server.
    view.filters.review_state.setCurrentIndex(0)  # any review state: the accepted one shows
    assert view.select(draft["id"])
    QSettings().setValue("sync/server", server.base.removesuffix("/api/v1"))
    QSettings().setValue("sync/username", "office")
    save_token(r_folder, server.base.removesuffix("/api/v1"), "office", r_client.token)
    package = tmp_path / "证据包.zip"
    job = view.export_package(out=package)
    with qtbot.waitSignal(job.done, timeout=60000):
        pass
    checked = verify_package(package)
    assert checked.ok, checked.problems
    assert view.note.text().startswith("证据包已保存并校验通过")
    _sync(window, r_folder, r_client)
    sync_once(inspector, i_folder, i_client)
    assert review_state(inspector, draft["id"]) == "accepted"

    # A notice issued by the inspector is followed by the office to 销号.
    finding_id = inspector.rows(
        "SELECT id FROM finding WHERE inspection_id = ? AND result = 'problem'", [draft["id"]]
    )[0]["id"]
    notice = issue_notice(
        inspector,
        inspection_id=draft["id"],
        unit_id=server.units["A"],
        finding_ids=[finding_id],
        requirements="立即清理占道摊点",
        due_at="2099-01-01T09:00:00.000000Z",
        issued_by=inspector.meta("local_person_id"),
    )
    assert sync_once(inspector, i_folder, i_client).rejected == 0
    _sync(window, r_folder, r_client)
    notices = window.notices
    with qtbot.waitSignal(notices.loaded):  # read in a job when first shown
        window.tabs.setCurrentWidget(notices)
    assert notices.select_notice(notice["id"])
    ack = notices.acknowledge()
    type_text(ack.signer, "李签收")
    with qtbot.waitSignal(notices.loaded):  # the list follows the step recorded
        ack.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    def step(kind: str, note: str = "", photo: Path | None = None) -> None:
        assert notices.select_notice(notice["id"])
        button = notices.step_buttons[kind]
        assert button.isVisible(), kind
        dialog = notices.follow_up(kind)
        if note:
            type_text(dialog.note, note)
        if photo:
            dialog.add_files([photo])
        recorded = qtbot.waitSignal(dialog.recorded, timeout=30000)
        with recorded, qtbot.waitSignal(notices.loaded, timeout=30000):  # the list follows
            dialog.ok.click()

    step("rectified", "摊点已清理，地面已冲洗", AFTER)
    assert not notices.step_buttons["closed"].isVisible()  # not before the recheck
    step("recheck_passed")
    step("closed")
    store = window.context.store
    assert status(store, notice["id"]).state == "closed"
    [problem] = before_and_after(store, notice["id"])
    assert [p["original_name"] for p in problem["after"]] == [AFTER.name]
    assert notices.before_after.rows[0][2].count() == 1  # the after strip shows it
    _sync(window, r_folder, r_client)

    # Back on the inspector's laptop: closed, with the after-photo's original on the server.
    sync_once(inspector, i_folder, i_client)
    assert status(inspector, notice["id"]).state == "closed"
    [after] = before_and_after(inspector, notice["id"])[0]["after"]
    import requests

    blob = requests.get(
        f"{server.base}/blobs/{after['sha256']}",
        headers={"Authorization": f"Bearer {i_client.token}"},
        timeout=30,
    )
    assert (
        hashlib.sha256(blob.content).hexdigest() == hashlib.sha256(AFTER.read_bytes()).hexdigest()
    )
    assert PASSWORD  # the fixtures' users all share it
    for client in (i_client, r_client):
        client.close()
    inspector.close()
