"""Loading the translation: zh_CN is the shipped language; English is kept complete."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from app.resources import resource_path
from app.settings import LANGUAGE
from app.settings_qt import read

LANGUAGES = ("zh_CN", "en")


def translations_dir() -> Path:
    return resource_path("translations")


def chosen_language(settings: QSettings | None = None) -> str:
    """The language from the settings, else the system's if we have it, else Chinese."""
    chosen = read(LANGUAGE, settings)
    if chosen in LANGUAGES:
        return chosen
    system = QLocale.system().name()
    if system.startswith("en"):
        return "en"
    return "zh_CN"


_installed: list[QTranslator] = []


def install_translator(app: QCoreApplication, language: str) -> QTranslator:
    """Load `language`, replacing any translation installed before."""
    while _installed:
        app.removeTranslator(_installed.pop())
    translator = QTranslator(app)
    qm = translations_dir() / f"ducha_{language}.qm"
    if not translator.load(str(qm)):
        raise RuntimeError(f"translation file missing or unreadable: {qm}")
    app.installTranslator(translator)
    _installed.append(translator)
    # Qt's own texts (Cancel, Yes, the calendar popup…) come from Qt's translation.
    qt_translator = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if language != "en" and qt_translator.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qt_translator)
        _installed.append(qt_translator)
    QLocale.setDefault(QLocale("zh_CN" if language == "zh_CN" else "en_US"))
    return translator
