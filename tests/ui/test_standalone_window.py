"""The app on a laptop without a server: set up by `ducha org import`, it opens, says plainly
that it works alone, and an inspection, its notice and its review are made in the real windows;
an empty store tells how to set one up."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from app.inspections.new_dialog import NewInspectionDialog
from app.photos.importer import import_one
from app.standalone.org_import import import_org
from app.store_setup import open_store
from local_db import inspections as ops
from local_db.reference import set_local_person
from local_db.reviews import review_state
from tests.client.standalone_org import workbook
from tests.testdata import PHOTOS
from tests.ui.conftest import start_draft

ALONE = "Working without a server: all is kept on this laptop"


def _standalone(tmp_path: Path, user: str) -> Path:
    folder = tmp_path / "laptop"
    store = open_store(folder)
    import_org(store, [workbook(tmp_path / "org.xlsx")], user)
    store.close()
    return folder


def test_an_office_laptop_without_a_server_does_the_whole_round(qtbot, launch, tmp_path):
    window = launch(_standalone(tmp_path, "boss"), "en")
    bar = window.sync_bar
    assert bar.last.text() == ALONE
    assert "ducha-server org adopt" in bar.last.toolTip()
    assert not bar.error.isVisible()
    # the office screens: the sheet's 管理员 is this laptop's user
    assert window.cases_action.isVisible() and window.plans_action.isVisible()

    dialog = window.new_inspection()
    assert isinstance(dialog, NewInspectionDialog)  # zones from the workbook
    dialog.reject()

    store = window.context.store
    row = start_draft(store)
    window.context.notify(row["id"])
    editor = window.open_inspection(row["id"])
    qtbot.waitExposed(editor)
    finding = ops.record_finding(
        store, row["id"], "DL-03", "problem", cases=1, description="路口砂石遗撒约10米"
    )
    photo = PHOTOS / "gps" / "DSCN0010.jpg"
    import_one(store, store.path.parent, photo, inspection_id=row["id"], finding_id=finding["id"])
    ops.mark_unanswered_ok(store, row["id"])
    ops.submit_inspection(store, row["id"], actor=store.meta("local_person_id"))
    window.context.notify(row["id"])
    editor.close()
    editor = window.open_inspection(row["id"])
    issue = editor.issue_notice()
    ok = issue.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    with qtbot.waitSignal(issue.issued):
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert store.count("notice", inspection_id=row["id"]) == 1

    review = window.pages.page("review")
    window.tabs.setCurrentWidget(review)
    qtbot.waitUntil(lambda: review.loaded)
    assert review.select(row["id"])
    assert review.accept_button.isEnabled()
    assert review.accept_current()
    assert review_state(store, row["id"]) == "accepted"

    for key in ("notices", "assessment", "coverage"):  # the office's other screens open alone
        window.tabs.setCurrentWidget(window.pages.page(key))
    notices = window.pages.page("notices")
    qtbot.waitUntil(lambda: not notices.loading())
    assert notices.model.rowCount() == 1

    # nothing went to a server, nothing complained: the changes wait, the bar says why
    assert store.pending_changes() > 0
    assert bar.last.text() == ALONE and not bar.error.isVisible()
    assert "Sync stopped" not in window.statusBar().currentMessage()
    window.sync_action.trigger()  # F5 alone: said plainly, once, not an error
    assert "without a server" in window.statusBar().currentMessage()
    window.grab().save(str(tmp_path / "standalone.png"))


def test_an_empty_store_tells_how_to_set_one_up(qtbot, launch, tmp_path):
    folder = tmp_path / "empty"
    store = open_store(folder)
    set_local_person(store, "王磊")
    store.close()
    window = launch(folder, "en")
    assert window.new_inspection() is None
    box = window.findChild(QMessageBox)
    assert box is not None and box.isVisible()
    assert box.windowTitle() == "No zones"
    assert "ducha org import FILE.xlsx --user USERNAME --data-dir" in box.text()
    assert str(folder) in box.text()
    box.close()
