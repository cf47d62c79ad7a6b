"""What every window shares: the open store and a signal that says the data changed."""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, Signal

from app import labels
from app.resources import resource_path
from domain.org_settings import OrgSettings
from domain.workcalendar import WorkCalendar, load_calendar
from local_db.org_settings import org_settings
from local_db.reference import local_person_id
from local_db.store import Store


@lru_cache(maxsize=1)
def _built_in_calendar() -> WorkCalendar:
    """The shipped holidays and make-up working days (read once)."""
    return load_calendar(resource_path("calendar", "cn_workdays.json"))


class AppContext(QObject):
    # Emitted after every write, with the id of the inspection (or "" for anything else).
    changed = Signal(str)

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self._calendar: tuple[OrgSettings, WorkCalendar] | None = None
        labels.set_office_zone(self.org.time_zone)
        self.changed.connect(self._org_may_have_changed)

    @property
    def person_id(self) -> str | None:
        return local_person_id(self.store)

    @property
    def org(self) -> OrgSettings:
        """The office's settings: the record synced from the server (domain/org_settings.py),
        the same on every laptop; the defaults until one arrives."""
        return org_settings(self.store)

    @property
    def office_zone(self) -> str:
        """The office's time zone (its record's): EXIF times, due times, years, months."""
        return self.org.time_zone

    def office_today(self) -> date:
        """Today's date where the office is (not the laptop's clock zone)."""
        return datetime.now(ZoneInfo(self.office_zone)).date()

    @property
    def calendar(self) -> WorkCalendar:
        """The working-day calendar for time limits: the built-in one with the office's hours,
        zone and holiday additions; built again whenever the record changed."""
        org = self.org
        if self._calendar is None or self._calendar[0] != org:
            self._calendar = (org, org.calendar(_built_in_calendar()))
        return self._calendar[1]

    def pending_changes(self) -> int:
        return self.store.pending_changes()

    def notify(self, inspection_id: str = "") -> None:
        self.changed.emit(inspection_id)

    def _org_may_have_changed(self, _inspection_id: str) -> None:
        labels.set_office_zone(self.org.time_zone)
