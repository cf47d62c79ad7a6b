"""Tab pages made the first time they are shown or asked for: a tab nobody looks at costs
nothing at start-up (no widgets, no queries)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QTabWidget, QWidget


class LazyTabs(QObject):
    """Pages of `tabs` held by an empty placeholder until first needed; then the page itself
    takes the placeholder's place, so `tabs.currentWidget()` is the page."""

    def __init__(self, tabs: QTabWidget) -> None:
        super().__init__(tabs)
        self._tabs = tabs
        self._waiting: dict[str, tuple[QWidget, Callable[[], QWidget]]] = {}
        self._made: dict[str, QWidget] = {}
        tabs.currentChanged.connect(self._current_changed)

    def add(self, key: str, title: str, make: Callable[[], QWidget]) -> None:
        placeholder = QWidget()
        self._tabs.addTab(placeholder, title)
        self._waiting[key] = (placeholder, make)

    def made(self, key: str) -> QWidget | None:
        """The page, if it was made already (None: nobody has needed it yet)."""
        return self._made.get(key)

    def page(self, key: str) -> QWidget:
        """The page, made now if it was not."""
        if key in self._made:
            return self._made[key]
        placeholder, make = self._waiting.pop(key)
        page = self._made[key] = make()
        index = self._tabs.indexOf(placeholder)
        was_current = self._tabs.currentIndex() == index
        blocked = self._tabs.blockSignals(True)  # the same tab stays current: nothing changed
        try:
            self._tabs.insertTab(index, page, self._tabs.tabText(index))
            if was_current:
                self._tabs.setCurrentIndex(index)
            self._tabs.removeTab(index + 1)
        finally:
            self._tabs.blockSignals(blocked)
        placeholder.deleteLater()
        return page

    def _current_changed(self, index: int) -> None:
        shown = self._tabs.widget(index)
        for key, (placeholder, _make) in list(self._waiting.items()):
            if placeholder is shown:
                self.page(key)
                return
