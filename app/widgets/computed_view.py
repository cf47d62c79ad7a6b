"""A tab computed from the store: when first shown, and after the data changed — at once when it
is on screen, else when it is next shown (a hidden tab never reads the store)."""

from __future__ import annotations

from PySide6.QtCore import SignalInstance
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget


class ComputedView(QWidget):
    """Subclasses define compute(), which clears `_stale`, and call follow(context.changed)."""

    _stale = True

    def follow(self, changed: SignalInstance) -> None:
        self._stale = True
        changed.connect(self._changed)

    def compute(self) -> object:
        raise NotImplementedError

    def _changed(self, _inspection_id: str) -> None:
        if self.isVisible():
            self.compute()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.compute()
