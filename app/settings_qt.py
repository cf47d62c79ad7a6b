"""Reading and writing the settings declared in app/settings.py that live in QSettings."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSettings

from app.settings import APPLICATION, ORGANIZATION, TIME_ZONE, Setting, T, require_home
from domain.clock import OFFICE_TZ_DEFAULT, known_zone


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


def office_zone_name(settings: QSettings | None = None) -> str:
    """The office's configured time zone, or the default when the setting names none we know."""
    name = read(TIME_ZONE, settings).strip()
    return name if known_zone(name) else OFFICE_TZ_DEFAULT
