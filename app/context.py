"""What every window shares: the open store and a signal that says the data changed."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

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

    def pending_changes(self) -> int:
        return self.store.pending_changes()

    def notify(self, inspection_id: str = "") -> None:
        self.changed.emit(inspection_id)
