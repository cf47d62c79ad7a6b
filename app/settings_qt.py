"""Reading and writing the settings declared in app/settings.py that live in QSettings."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSettings

from app.settings import APPLICATION, ORGANIZATION, Setting, T, require_home


def qsettings() -> QSettings:
    """This laptop's settings: the running app's (its names set at start), else Ducha's (the
    headless commands, which set no names)."""
    if QCoreApplication.organizationName():
        return QSettings()
    return QSettings(ORGANIZATION, APPLICATION)


def read(setting: Setting[T], settings: QSettings | None = None) -> T:
    require_home(setting, "qsettings")
    return setting.parse((settings if settings is not None else qsettings()).value(setting.key))


def write(setting: Setting[T], value: T, settings: QSettings | None = None) -> None:
    require_home(setting, "qsettings")
    (settings if settings is not None else qsettings()).setValue(setting.key, setting.dump(value))
