"""From a data folder to a main window: the store, the translation, the first-run steps."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import QApplication, QInputDialog

from app.context import AppContext
from app.i18n import chosen_language, install_translator
from app.logs import start_logging
from app.shell.main_window import MainWindow
from app.shell.uncaught import watch_uncaught
from app.store_setup import open_store
from local_db.reference import local_person_id, set_local_person


def default_data_dir() -> Path:
    """The platform's application-data folder (e.g. ~/.local/share/Ducha/Ducha)."""
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))


def keep_gui_responsive() -> None:
    """Background imports run Python threads beside the GUI thread: hand the GIL over every
    1 ms instead of 5 ms, so the event loop never waits long for it (bench/photo_import.py:
    longest GUI gap ~45 ms → ~30 ms during a 100-photo import, and faster imports)."""
    sys.setswitchinterval(0.001)


def open_main_window(app: QApplication, data_dir: Path | None, language: str | None) -> MainWindow:
    data_dir = data_dir or default_data_dir()
    watch_uncaught(start_logging(data_dir, "gui"))  # logged, and shown in words
    keep_gui_responsive()
    install_translator(app, language or chosen_language())
    store = open_store(data_dir)
    if local_person_id(store) is None:
        name, ok = QInputDialog.getText(
            None,
            QCoreApplication.translate("startup", "Welcome to Ducha"),
            QCoreApplication.translate("startup", "Your name (as it appears on notices):"),
        )
        set_local_person(store, name.strip() if ok and name.strip() else "督查员")
    return MainWindow(AppContext(store))
