"""Real windows (offscreen) over a real store in a temporary folder."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget

from app.shell.main_window import MainWindow
from app.shell.startup import open_main_window
from app.store_setup import open_store
from local_db.reference import set_local_person
from local_db.store import Store
from tests.leftovers import no_leftovers  # noqa: F401 (autouse: nothing left running)

ZONE = "人民路（解放路—建设路）"
UNIT = "青山县城市管理局"
CHIEF = "张建国"


def seed(data_dir: Path) -> None:
    """A store with the shipped checklist, one unit, one zone, two inspectors (one is 'me')."""
    store = open_store(data_dir)
    with store.transaction():
        unit = store.save("unit", {"name": UNIT, "kind": "department"})
        store.save(
            "zone",
            {
                "name": ZONE,
                "kind": "road_segment",
                "unit_id": unit["id"],
                "chief_name": CHIEF,
                "chief_phone": "13800000001",
            },
        )
        store.save("person", {"name": "李娜", "phone": "13900000002", "role": "inspector"})
    set_local_person(store, "王磊", "13900000001")
    store.close()


@pytest.fixture(autouse=True, scope="session")
def _private_settings(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Tests never read or write the user's real settings."""
    from PySide6.QtCore import QCoreApplication, QSettings

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path_factory.mktemp("qs"))
    )
    QCoreApplication.setOrganizationName("DuchaTests")
    QCoreApplication.setApplicationName("DuchaTests")


@pytest.fixture(autouse=True)
def _fresh_settings() -> Iterator[None]:
    from PySide6.QtCore import QSettings

    QSettings().clear()
    yield
    QSettings().clear()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    seed(tmp_path)
    return tmp_path


@pytest.fixture
def launch(qtbot, qapp: QApplication) -> Iterator[Callable[[Path], MainWindow]]:
    """Start the app on a data folder as `ducha --data-dir` does; closes what it opened."""
    opened: list[MainWindow] = []

    def start(folder: Path, language: str | None = "zh_CN") -> MainWindow:
        window = open_main_window(qapp, folder, language)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        opened.append(window)
        return window

    yield start
    for window in opened:
        close_window(window)


def close_window(window: MainWindow) -> None:
    store: Store = window.context.store
    window.close()
    store.close()


def type_text(widget: QWidget, text: str) -> None:
    """Type Chinese the way it reaches a widget from an input method: a committed string.

    (QTest.keyClicks handles ASCII only, and aborts the process on Chinese characters.)
    """
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def drop_files(widget, point: QPointF, files: list[Path]) -> None:
    """What a file manager's drag does: enter, move, drop."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(f)) for f in files])
    args = (
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, QDragEnterEvent(point.toPoint(), *args))
    QApplication.sendEvent(widget, QDragMoveEvent(point.toPoint(), *args))
    QApplication.sendEvent(widget, QDropEvent(point, *args))


def start_draft(store: Store) -> dict[str, Any]:
    """A new unannounced draft on the store's first template and zone, this laptop's person on
    it (not opened)."""
    from local_db.inspections import start_inspection
    from local_db.reference import local_person_id, templates, zones

    return start_inspection(
        store,
        template_id=templates(store)[0]["id"],
        zone_id=zones(store)[0]["id"],
        mode="unannounced",
        person_ids=[local_person_id(store)],
    )


def new_inspection(qtbot, window: MainWindow):
    """A new draft on the store's first template and zone, this laptop's person on it, opened
    in its editor (shown)."""
    row = start_draft(window.context.store)
    window.context.notify(row["id"])
    editor = window.open_inspection(row["id"])
    qtbot.waitExposed(editor)
    return editor


def problem_item(editor) -> str:
    """The checklist's first item, selected and marked a problem (one case): its code."""
    code = next(iter(editor._items))
    editor.tree.setCurrentItem(editor._items[code])
    editor.set_result(code, "problem", cases=1)
    return code
