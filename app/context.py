"""What every window shares: the open store and a signal that says the data changed."""

from __future__ import annotations

from functools import cached_property

from PySide6.QtCore import QObject, Signal

from app.resources import resource_path
from app.settings import OFFICE_HOURS
from app.settings_qt import office_zone_name, read
from domain.workcalendar import OfficeHours, WorkCalendar, load_calendar
from local_db.reference import local_person_id
from local_db.store import Store


class AppContext(QObject):
    # Emitted after every write, with the id of the inspection (or "" for anything else).
    changed = Signal(str)

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store

    @property
    def person_id(self) -> str | None:
        return local_person_id(self.store)

    @property
    def office_zone(self) -> str:
        """The office's time zone (the settings'): EXIF times, due times, years, months."""
        return office_zone_name()

    @cached_property
    def calendar(self) -> WorkCalendar:
        """The working-day calendar for time limits; office hours and zone from the settings."""
        text = read(OFFICE_HOURS)
        hours = OfficeHours.parse(text) if text else None
        path = resource_path("calendar", "cn_workdays.json")
        return load_calendar(path, hours, self.office_zone)

    def reload_calendar(self) -> None:
        """Forget the loaded calendar: the next use reads the settings again."""
        self.__dict__.pop("calendar", None)

    def pending_changes(self) -> int:
        return self.store.pending_changes()

    def notify(self, inspection_id: str = "") -> None:
        self.changed.emit(inspection_id)
