"""Run by test_four_keystrokes in a process of its own (the screen is set by QT_QPA_PLATFORM):
open the editor on a seeded store, record a problem with two photos, refuse a submit and open
the whole list, start importing a folder of site photos, and print where the action bar's
buttons and the progress bar lie on the screen (JSON, one line), while importing, after, and
once submitted.

    python -m tests.ui.editor_fit_probe TMP_DIR
"""

from __future__ import annotations

import json
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget


def _spin(app: QApplication, done: Callable[[], bool], seconds: float = 30.0) -> None:
    end = time.monotonic() + seconds
    while not done():
        if time.monotonic() > end:
            raise TimeoutError("the editor did not get there in time")
        app.processEvents()
        time.sleep(0.005)


def _where(widget: QWidget) -> list[int | bool]:
    top_left = widget.mapToGlobal(widget.rect().topLeft())
    clipped = widget.visibleRegion().boundingRect() != widget.rect()
    return [top_left.x(), top_left.y(), widget.width(), widget.height(), clipped]


def main(tmp: Path) -> None:
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp / "qs"))
    app = QApplication([])
    QCoreApplication.setOrganizationName("DuchaFitProbe")
    QCoreApplication.setApplicationName("DuchaFitProbe")

    from app.settings import TRAY_FOLDER
    from app.settings_qt import write
    from app.shell.startup import open_main_window
    from tests.testdata import PHOTOS
    from tests.ui.conftest import seed, start_draft

    card = tmp / "DCIM"
    card.mkdir()
    for name in ("DSCN0010.jpg", "DSCN0012.jpg", "DSCN0021.jpg"):
        shutil.copy(PHOTOS / "gps" / name, card / name)
    write(TRAY_FOLDER, str(card))
    data = tmp / "data"
    data.mkdir()
    seed(data)
    window = open_main_window(app, data, "zh_CN")
    window.show()
    store = window.context.store
    row = start_draft(store)
    store.save("inspection", {"id": row["id"], "started_at": "2008-10-22T08:20:00.000000Z"})
    editor = window.open_inspection(row["id"])
    assert editor is not None
    _spin(app, lambda: editor.tray.count() == 3 and not editor.tray.busy())

    QTest.keyClick(editor.tree, Qt.Key.Key_2)
    QTest.keyClicks(editor.panel.description, "garbage")
    QTest.keyClick(editor.panel.description, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    _spin(app, lambda: editor.panel.photos.count() == 2 and not editor.import_bar.running())
    QTest.keyClick(editor.tree, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    editor.banner.show_all()

    bar = editor.actions_bar
    report: dict[str, object] = {}

    def shown() -> dict[str, list[int | bool]]:
        widgets: dict[str, QWidget] = {b.objectName(): b for b in bar.buttons() if b.isVisible()}
        if editor.import_bar.progress.isVisible():
            widgets["progress"] = editor.import_bar.progress
            widgets["cancel_import"] = editor.import_bar.cancel_button
        return {name: _where(w) for name, w in widgets.items()}

    # An import of site photos under way: the progress bar shows (checked before its end is
    # delivered: only layout requests are let through).
    editor.import_files(None, [PHOTOS / "orientation"])
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    report["importing"] = shown()
    _spin(app, lambda: not editor.import_bar.running())
    _spin(app, lambda: editor.site_photos.count() > 0)
    app.processEvents()
    report["imported"] = shown()
    # Submitted: 下发整改通知 and 更正 take 提交's place.
    QTest.keyClick(editor.tree, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(editor.tree, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    app.processEvents()
    report["submitted"] = shown()
    frame = editor.frameGeometry()
    report["window"] = [frame.x(), frame.y(), frame.width(), frame.height()]
    screen = editor.screen().availableGeometry()
    report["screen"] = [screen.x(), screen.y(), screen.width(), screen.height()]
    editor.close()
    window.close()
    store.close()
    print(json.dumps(report))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
